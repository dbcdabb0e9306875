package dev.demarc.core.usp.notify;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.model.Resolution;
import dev.demarc.core.model.Resolved;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.Segment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of {@code Device.LocalAgent.Subscription.{i}.}, kept current from the data
 * model's events, and which of them a change, a command's completion or an event concerns.
 *
 * <p>Matching takes each {@link Reference} by its shape first; one that holds a search
 * expression or follows a reference is resolved against the data model as it is after the
 * change, once per batch ({@link Resolutions}). An instance is gone when its deletion is
 * matched, so a search reference of an ObjectDeletion subscription is matched against the
 * instances it resolved to before the batch ({@link #refreshDeletionWatches}).
 *
 * <p>Owner thread.
 */
final class SubscriptionManager {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionManager.class);

    /** What a batch of events did to the subscriptions. */
    record Changes(Set<String> created, Set<String> changed, Set<String> deleted) {
        Changes {
            created = Set.copyOf(created);
            changed = Set.copyOf(changed);
            deleted = Set.copyOf(deleted);
        }
    }

    /** References resolved against the data model, at most once each per batch of changes. */
    static final class Resolutions {
        private final DataModel model;
        private final Map<Reference, List<Resolved>> resolved = new HashMap<>();

        Resolutions(DataModel model) {
            this.model = model;
        }

        List<Resolved> of(Reference r) {
            return resolved.computeIfAbsent(r, ref -> {
                Result<Resolution> res = model.resolve(ref.path());
                return res.isOk() ? res.value().matches() : List.of();
            });
        }
    }

    private final String tablePath;
    private final Map<String, Subscription> byPath = new LinkedHashMap<>();
    /** For ObjectDeletion references with a search: the instance and table paths they resolved to. */
    private final Map<String, Map<Reference, Set<String>>> deletionWatches = new HashMap<>();

    /** @param tablePath {@code Device.LocalAgent.Subscription.} */
    SubscriptionManager(String tablePath) {
        this.tablePath = tablePath;
    }

    String tablePath() {
        return tablePath;
    }

    /** Reads every subscription. */
    void load(DataModel model) {
        byPath.clear();
        deletionWatches.clear();
        Result<List<ObjectValues>> got = model.get(tablePath + "*.", 1);
        if (!got.isOk()) {
            LOG.info("no subscriptions: {}", got.error().message());
            return;
        }
        for (ObjectValues o : got.value()) {
            byPath.put(o.path(), Subscription.from(o.path(), o.parameters()));
        }
        for (Subscription s : byPath.values()) {
            watchDeletions(model, s);
        }
        LOG.info("{} subscription(s), {} enabled", byPath.size(), byPath.values().stream().filter(Subscription::active).count());
    }

    Collection<Subscription> all() {
        return List.copyOf(byPath.values());
    }

    Optional<Subscription> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Brings the subscriptions a batch of events touched up to date. */
    Changes apply(DataModel model, List<ModelEvent> events) {
        Set<String> created = new LinkedHashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        Set<String> deleted = new LinkedHashSet<>();
        for (ModelEvent e : events) {
            String instance = instanceOf(e.path());
            if (instance == null) {
                continue;
            }
            if (e instanceof ModelEvent.ObjectDeleted && e.path().equals(instance)) {
                deleted.add(instance);
                created.remove(instance);
                touched.remove(instance);
            } else if (e instanceof ModelEvent.ObjectCreated && e.path().equals(instance)) {
                created.add(instance);
                deleted.remove(instance);
            } else {
                touched.add(instance);
            }
        }
        for (String path : deleted) {
            byPath.remove(path);
            deletionWatches.remove(path);
        }
        Set<String> changed = new LinkedHashSet<>();
        for (String path : union(created, touched)) {
            Result<List<ObjectValues>> got = model.get(path, 1);
            if (!got.isOk() || got.value().isEmpty()) {
                byPath.remove(path);
                continue;
            }
            Subscription s = Subscription.from(path, got.value().get(0).parameters());
            Subscription before = byPath.put(path, s);
            if (!created.contains(path) && !s.equals(before)) {
                changed.add(path);
            }
            watchDeletions(model, s);
        }
        return new Changes(created, changed, deleted);
    }

    /**
     * The subscription instance a path is in, or null: {@code Device.LocalAgent.Subscription.3.Enable}
     * gives {@code Device.LocalAgent.Subscription.3.}.
     */
    private String instanceOf(String path) {
        if (!path.startsWith(tablePath)) {
            return null;
        }
        int dot = path.indexOf('.', tablePath.length());
        return dot < 0 ? null : path.substring(0, dot + 1);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    // ------------------------------------------------------------------ matching

    /** Active ValueChange subscriptions that cover parameter {@code path}. */
    List<Subscription> valueChange(Resolutions r, String path, Predicate<Subscription> allowed) {
        String[] tokens = Reference.tokens(path);
        return matching(NotifType.VALUE_CHANGE, allowed, ref -> ref.mayCoverParameter(tokens)
                && (!ref.needsResolution() || Reference.confirmParameter(r.of(ref), path)));
    }

    /** Active ObjectCreation subscriptions that cover the new instance {@code path}. */
    List<Subscription> objectCreation(Resolutions r, String path, Predicate<Subscription> allowed) {
        String[] tokens = Reference.tokens(path);
        String table = tableOf(path);
        return matching(NotifType.OBJECT_CREATION, allowed, ref -> ref.mayCoverInstance(tokens)
                && (!ref.needsResolution() || Reference.confirmInstance(r.of(ref), path, table)));
    }

    /** Active ObjectDeletion subscriptions that covered the instance {@code path}. */
    List<Subscription> objectDeletion(String path, Predicate<Subscription> allowed) {
        String[] tokens = Reference.tokens(path);
        String table = tableOf(path);
        List<Subscription> out = new ArrayList<>();
        for (Subscription s : byPath.values()) {
            if (!s.active() || !s.is(NotifType.OBJECT_DELETION) || !allowed.test(s)) {
                continue;
            }
            Map<Reference, Set<String>> watches = deletionWatches.getOrDefault(s.path(), Map.of());
            for (Reference ref : s.references()) {
                boolean covered = ref.mayCoverInstance(tokens) && (!ref.needsResolution()
                        || watches.getOrDefault(ref, Set.of()).contains(path)
                        || watches.getOrDefault(ref, Set.of()).contains(table));
                if (covered) {
                    out.add(s);
                    break;
                }
            }
        }
        return out;
    }

    /** Active subscriptions of {@code type} (OperationComplete, Event) that cover a command or event of {@code objectPath}. */
    List<Subscription> member(Resolutions r, NotifType type, String objectPath, String member,
                              Predicate<Subscription> allowed) {
        PathName.Kind kind = type == NotifType.EVENT ? PathName.Kind.EVENT : PathName.Kind.COMMAND;
        String[] tokens = Reference.tokens(objectPath);
        return matching(type, allowed, ref -> ref.mayCoverMember(kind, tokens, member)
                && (!ref.needsResolution() || Reference.confirmMember(r.of(ref), kind, objectPath, member)));
    }

    private List<Subscription> matching(NotifType type, Predicate<Subscription> allowed, Predicate<Reference> covers) {
        List<Subscription> out = new ArrayList<>();
        for (Subscription s : byPath.values()) {
            if (!s.active() || !s.is(type) || !allowed.test(s)) {
                continue;
            }
            for (Reference ref : s.references()) {
                if (covers.test(ref)) {
                    out.add(s);
                    break;
                }
            }
        }
        return out;
    }

    /** {@code Device.X.3.} gives {@code Device.X.}. */
    static String tableOf(String instancePath) {
        String withoutDot = instancePath.substring(0, instancePath.length() - 1);
        return withoutDot.substring(0, withoutDot.lastIndexOf('.') + 1);
    }

    // ------------------------------------------------------------------ deletions of searched instances

    /**
     * After a batch: resolves again the search references of ObjectDeletion subscriptions whose
     * part before the first search could have been touched by it.
     */
    void refreshDeletionWatches(DataModel model, List<ModelEvent> events) {
        for (Map.Entry<String, Map<Reference, Set<String>>> e : deletionWatches.entrySet()) {
            for (Map.Entry<Reference, Set<String>> w : e.getValue().entrySet()) {
                String prefix = fixedPrefix(w.getKey().path());
                if (events.stream().anyMatch(ev -> ev.path().startsWith(prefix))) {
                    w.setValue(resolvedPaths(model, w.getKey()));
                }
            }
        }
    }

    private void watchDeletions(DataModel model, Subscription s) {
        deletionWatches.remove(s.path());
        if (!s.active() || !s.is(NotifType.OBJECT_DELETION)) {
            return;
        }
        Map<Reference, Set<String>> watches = new HashMap<>();
        for (Reference ref : s.references()) {
            if (ref.valid() && ref.needsResolution()) {
                watches.put(ref, resolvedPaths(model, ref));
            }
        }
        if (!watches.isEmpty()) {
            deletionWatches.put(s.path(), watches);
        }
    }

    private static Set<String> resolvedPaths(DataModel model, Reference ref) {
        Result<Resolution> res = model.resolve(ref.path());
        Set<String> paths = new HashSet<>();
        if (res.isOk()) {
            for (Resolved m : res.value().matches()) {
                if (m.kind() == PathName.Kind.OBJECT) {
                    paths.add(m.objectPath());
                }
            }
        }
        return paths;
    }

    /** The path up to the first segment that is not a name or an instance number. */
    private static String fixedPrefix(PathName path) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : path.segments()) {
            if (s instanceof Segment.Name || s instanceof Segment.Instance) {
                sb.append(s).append('.');
            } else {
                break;
            }
        }
        return sb.toString();
    }
}

package dev.demarc.core.model;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.path.Segment;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instantiated data model: every object, instance and value the agent has, built on a
 * {@link Schema}, filled by the platform through {@link Bindings}, and stored in a
 * {@link Store}.
 *
 * <p><b>Threading:</b> a data model is confined to one owner thread (see
 * {@link DataModelOwner}); every method must be called on it. Nothing here blocks but the
 * providers the platform binds and the store's fsync on commit.
 *
 * <p>Reads resolve TR-369 paths (instance numbers, wildcards, unique keys, search expressions,
 * reference following) against the current instances; writes go through a
 * {@link Transaction}, which applies all of its changes or none.
 */
public final class DataModel {

    private static final Logger LOG = LoggerFactory.getLogger(DataModel.class);

    /** Bounds on what one request may make the engine do. */
    public record Limits(int maxResolvedPaths, int maxFollowDepth) {
        public static final Limits DEFAULT = new Limits(100_000, 8);

        public Limits {
            if (maxResolvedPaths < 1 || maxFollowDepth < 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /**
     * A provided value kept for reuse: until {@code expiresAt} (owner clock), and, when
     * {@code transaction} is not zero, for as long as that transaction is open (a value written
     * or read in a transaction reads the same until it ends, whatever the clock says).
     */
    record Cached(String value, long expiresAt, long transaction) {
    }

    /** Numbers the transactions, so that a value cached in one is not taken for another's. */
    private long transactionCount;
    /** See {@link #writeGeneration()}; counted by each {@link Transaction} made. */
    long writeGeneration;

    final Schema schema;
    final Bindings bindings;
    final Store store;
    private final Limits limits;
    private final LongSupplier nanoTime;
    private final List<Assignment> factoryDefaults;
    private final String factoryDefaultsName;
    private final List<ModelListener> listeners = new CopyOnWriteArrayList<>();
    /** The path of each referenced table, split once: {@code Device.WiFi.SSID.{i}.} gives its names. */
    private final Map<String, String[]> referencedTableNames = new HashMap<>();
    /**
     * Numbers the reads ({@link #get}, {@link #instances}): within one, a platform table is
     * brought up to date once, however many of its values and references the read follows.
     */
    private long readCount;
    /** The number of the read under way, 0 when none is. */
    private long currentRead;
    /** When the read under way started (owner clock): the time its cached values are judged by. */
    private long readStartedAt;
    /** The providers of each object's parameters, found once so that a read costs no path building. */
    private final Map<ObjectDef, Map<String, Bindings.Provided<ParameterProvider>>> providers = new IdentityHashMap<>();
    /** The same, with the names, in the order of each object's parameters, for reading whole objects. */
    private final Map<ObjectDef, ObjectReading> readings = new IdentityHashMap<>();
    private ObjectNode root;
    Transaction openTransaction;

    private DataModel(Schema schema, Bindings bindings, Store store, Limits limits, LongSupplier nanoTime,
                      List<Assignment> factoryDefaults, String factoryDefaultsName) {
        this.schema = schema;
        this.bindings = bindings;
        this.store = store;
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.factoryDefaults = List.copyOf(factoryDefaults);
        this.factoryDefaultsName = factoryDefaultsName;
        this.root = ObjectNode.root(schema.root());
        for (ObjectDef object : schema.objects()) {
            for (ParameterDef p : object.parameters()) {
                bindings.parameter(object.path() + p.name()).ifPresent(
                        provided -> providers.computeIfAbsent(object, o -> new HashMap<>()).put(p.name(), provided));
            }
        }
    }

    /**
     * What reading a whole object needs, found once per object definition: the names of its
     * parameters (also in UTF-8, for the encoder) and the provider of each (null: none), in the
     * order of its parameters.
     */
    private record ObjectReading(ParameterDef[] parameters, String[] names, byte[][] namesUtf8,
                                 Bindings.Provided<ParameterProvider>[] providers) {
    }

    @SuppressWarnings("unchecked")
    private ObjectReading readingOf(ObjectDef object) {
        ObjectReading found = readings.get(object);
        if (found == null) {
            ParameterDef[] parameters = object.parameters().toArray(new ParameterDef[0]);
            String[] names = new String[parameters.length];
            byte[][] namesUtf8 = new byte[names.length][];
            Bindings.Provided<ParameterProvider>[] providers = new Bindings.Provided[names.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = parameters[i].name();
                namesUtf8[i] = names[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                providers[i] = parameters[i].isNumberOfEntries() ? null : providerOf(object, names[i]);
            }
            found = new ObjectReading(parameters, names, namesUtf8, providers);
            readings.put(object, found);
        }
        return found;
    }

    private Bindings.Provided<ParameterProvider> providerOf(ObjectDef object, String parameter) {
        Map<String, Bindings.Provided<ParameterProvider>> ofObject = providers.get(object);
        return ofObject == null ? null : ofObject.get(parameter);
    }

    /**
     * Opens the data model on {@code store}. When {@code fresh} (a first start, or a corrupt
     * store moved aside) the factory defaults are applied and stored; otherwise the stored
     * instances and values are loaded. A bad line in the defaults is an error naming
     * {@code defaultsName} and the line.
     */
    public static Result<DataModel> open(Schema schema, Bindings bindings, Store store, boolean fresh,
                                         List<Assignment> factoryDefaults, String defaultsName,
                                         Limits limits, LongSupplier nanoTime) {
        DataModel model = new DataModel(schema, bindings, store, limits, nanoTime, factoryDefaults, defaultsName);
        if (fresh) {
            Optional<DmError> failed = model.applyFactoryDefaults(Map.of());
            if (failed.isPresent()) {
                return Result.err(failed.get());
            }
        } else {
            model.load(store.snapshot());
        }
        return Result.ok(model);
    }

    /** {@link #open} with default limits and the system clock. */
    public static Result<DataModel> open(Schema schema, Bindings bindings, Store store, boolean fresh,
                                         List<Assignment> factoryDefaults, String defaultsName) {
        return open(schema, bindings, store, fresh, factoryDefaults, defaultsName, Limits.DEFAULT, System::nanoTime);
    }

    public Schema schema() {
        return schema;
    }

    public void addListener(ModelListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ModelListener listener) {
        listeners.remove(listener);
    }

    // ------------------------------------------------------------------ transactions

    /**
     * A number that changes whenever stored values may have changed: each transaction begun
     * (committed or rolled back), the factory defaults applied, a factory reset. While it stays
     * the same, every stored value (a controller's {@code EndpointID}, its {@code Enable}) is
     * what it was; values a provider gives are not covered ({@link #providedByPlatform}).
     */
    public long writeGeneration() {
        return writeGeneration;
    }

    /** Starts a transaction; one at a time. */
    public Transaction begin() {
        if (openTransaction != null) {
            throw new IllegalStateException("a transaction is already open");
        }
        openTransaction = new Transaction(this, false);
        transactionCount++;
        return openTransaction;
    }

    /**
     * Starts a transaction for the agent's own bookkeeping (rows of {@code
     * Device.LocalAgent.Request.}, the {@code Recipient} of a subscription): it may write
     * read-only parameters and add to tables controllers may not, like the factory defaults.
     * Never for what a controller asked.
     */
    public Transaction beginForAgent() {
        if (openTransaction != null) {
            throw new IllegalStateException("a transaction is already open");
        }
        openTransaction = new Transaction(this, true);
        transactionCount++;
        return openTransaction;
    }

    /**
     * The value of a hidden parameter (a password) for the agent's own use, e.g. to log in to
     * an MQTT broker; a Get reads it as empty. Never hand it to a controller or a log.
     */
    public Result<String> readHidden(String parameterPath) {
        int dot = parameterPath == null ? -1 : parameterPath.lastIndexOf('.');
        ObjectNode node = dot < 0 ? null : nodeAtOrNull(parameterPath.substring(0, dot + 1));
        Optional<ParameterDef> p = node == null ? Optional.empty() : node.def.parameter(parameterPath.substring(dot + 1));
        if (p.isEmpty()) {
            return Result.err(DmError.at(String.valueOf(parameterPath), ErrorCode.INVALID_PATH, "no such parameter"));
        }
        return readValue(node, p.get());
    }

    /**
     * Factory reset: drops every stored value and instance and applies the factory defaults,
     * in one store commit. On failure nothing changes.
     */
    public Optional<DmError> factoryReset() {
        Map<String, Optional<String>> dropAll = new LinkedHashMap<>();
        for (String key : store.snapshot().keySet()) {
            dropAll.put(key, Optional.empty());
        }
        ObjectNode previous = root;
        root = ObjectNode.root(schema.root());
        Optional<DmError> failed = applyFactoryDefaults(dropAll);
        if (failed.isPresent()) {
            root = previous;
        }
        return failed;
    }

    private Optional<DmError> applyFactoryDefaults(Map<String, Optional<String>> initialStoreChanges) {
        Transaction tx = new Transaction(this, true);
        openTransaction = tx;
        tx.storeChanges.putAll(initialStoreChanges);
        tx.storeChanges.put(StoreKeys.INITIALIZED, Optional.of(""));
        for (Assignment a : factoryDefaults) {
            Optional<DmError> failed = tx.assignFactoryDefault(a.path(), a.value());
            if (failed.isPresent()) {
                tx.rollback();
                DmError e = failed.get();
                return Optional.of(DmError.of(ErrorCode.INVALID_CONFIGURATION,
                        factoryDefaultsName + ":" + a.line() + ": " + a.path() + ": " + e.message()));
            }
        }
        Result<List<ModelEvent>> committed = tx.commit();
        if (!committed.isOk()) {
            return Optional.of(DmError.of(ErrorCode.INVALID_CONFIGURATION,
                    factoryDefaultsName + ": " + committed.error().message()));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ reading

    /** Parses and resolves {@code path} against the instantiated data model. */
    public Result<Resolution> resolve(String path) {
        return PathParser.parse(path).flatMap(this::resolve);
    }

    /** Resolves a parsed path against the instantiated data model. */
    public Result<Resolution> resolve(PathName path) {
        return new Resolver(path, 0).run();
    }

    /**
     * The Get of TR-369 for one requested path: the objects it resolves to, each with its
     * parameters; for an object path also every sub-object down to {@code maxDepth} levels
     * (0: all). A path that is not a search and names nothing that exists is a 7026 error.
     */
    public Result<List<ObjectValues>> get(String path, int maxDepth) {
        return get(path, maxDepth, NO_SECURED_VALUES);
    }

    /**
     * {@link #get(String, int)}, where a hidden (secured) parameter whose path
     * {@code revealSecured} accepts reads as its value instead of empty: TR-181
     * {@code ControllerTrust.SecuredRoles}, for a controller whose secured roles may read it.
     * Called only for hidden parameters.
     */
    public Result<List<ObjectValues>> get(String path, int maxDepth, Predicate<String> revealSecured) {
        Objects.requireNonNull(revealSecured, "revealSecured");
        return inRead(() -> getInRead(path, maxDepth, revealSecured));
    }

    /** Every hidden value reads empty. */
    private static final Predicate<String> NO_SECURED_VALUES = parameterPath -> false;

    /** Runs {@code read} as one read: each platform table it touches is synced at most once. */
    private <T> T inRead(Supplier<T> read) {
        boolean outermost = currentRead == 0;
        if (outermost) {
            currentRead = ++readCount;
            readStartedAt = nanoTime.getAsLong();
        }
        try {
            return read.get();
        } finally {
            if (outermost) {
                currentRead = 0;
            }
        }
    }

    private Result<List<ObjectValues>> getInRead(String path, int maxDepth, Predicate<String> revealSecured) {
        Result<PathName> parsed = PathParser.parse(path);
        if (!parsed.isOk()) {
            return Result.err(parsed.error());
        }
        PathName name = parsed.value();
        if (name.kind() == PathName.Kind.COMMAND || name.kind() == PathName.Kind.EVENT) {
            return Result.err(DmError.at(path, ErrorCode.INVALID_PATH, "a command or event has no value to get"));
        }
        Result<Resolution> resolved = resolve(name);
        if (!resolved.isOk()) {
            return Result.err(resolved.error());
        }
        Resolution r = resolved.value();
        if (r.matches().isEmpty() && !r.search()) {
            return Result.err(DmError.at(path, ErrorCode.INVALID_PATH, "no such object or parameter in this agent"));
        }
        GetAnswer byObject = new GetAnswer(r.matches().size() > 1);
        for (Resolved m : r.matches()) {
            if (m.kind() == PathName.Kind.PARAMETER) {
                ObjectNode node = nodeAt(m.objectPath());
                ParameterDef def = node.def.parameter(m.member()).orElseThrow();
                Result<String> value = readValue(node, def);
                if (!value.isOk()) {
                    if (!r.search()) {
                        return Result.err(value.error().withPath(m.path()));
                    }
                    continue;
                }
                byObject.add(m.objectPath(), Map.of(def.name(),
                        def.hidden() && !revealSecured.test(m.path()) ? "" : value.value()));
            } else if (m.wholeTable()) {
                TableNode table = tableAt(m.objectPath());
                for (ObjectNode instance : table.inOrder()) {
                    collectValues(instance, maxDepth <= 0 ? Integer.MAX_VALUE : maxDepth, byObject, revealSecured);
                }
            } else {
                collectValues(nodeAt(m.objectPath()), maxDepth <= 0 ? Integer.MAX_VALUE : maxDepth, byObject,
                        revealSecured);
            }
        }
        return Result.ok(byObject.objects());
    }

    /**
     * The objects of one Get answer in the order they are read. When the requested path resolves
     * to more than one match, an object can be reached twice (two references to the same
     * instance): its values are then merged into its first place. One match is a subtree or
     * a table read once, whose objects are all different, and needs no look-up.
     */
    private static final class GetAnswer {
        private final List<ObjectValues> objects = new ArrayList<>();
        private final Map<String, Integer> placeOf;

        GetAnswer(boolean mayRepeat) {
            placeOf = mayRepeat ? new HashMap<>() : null;
        }

        void add(String path, Map<String, String> values) {
            add(new ObjectValues(path, values));
        }

        void add(ObjectValues o) {
            if (placeOf != null) {
                Integer place = placeOf.putIfAbsent(o.path(), objects.size());
                if (place != null) {
                    Map<String, String> merged = new LinkedHashMap<>(objects.get(place).parameters());
                    merged.putAll(o.parameters());
                    objects.set(place, new ObjectValues(o.path(), merged));
                    return;
                }
            }
            objects.add(o);
        }

        List<ObjectValues> objects() {
            return objects;
        }
    }

    /** The least length of {@link #readScratch}: more parameters than most objects have. */
    private static final int SCRATCH_SIZE = 64;

    /**
     * Where {@link #collectValues} reads an object's values (owner thread): an object's values
     * are used before the next object's are read, and most often they are those of its last read.
     */
    private String[] readScratch;

    private void collectValues(ObjectNode node, int depth, GetAnswer into, Predicate<String> revealSecured) {
        if (depth < 1) {
            return;
        }
        ObjectReading reading = readingOf(node.def);
        ParameterDef[] parameters = reading.parameters();
        int n = parameters.length;
        // Read into the scratch array, taken while in use (a provider that reads the data model
        // meanwhile gets an array of its own), and copied only for an object whose values changed.
        String[] values = readScratch;
        readScratch = null;
        if (values == null || values.length < n) {
            values = new String[Math.max(n, SCRATCH_SIZE)];
        }
        int count = 0;
        ObjectValues last = node.lastRead;
        for (int i = 0; i < n; i++) {
            ParameterDef p = parameters[i];
            Bindings.Provided<ParameterProvider> provided = reading.providers()[i];
            String value = knownValue(node, p, provided);
            if (value == null) {
                Result<String> v = readProvided(node, p, provided);
                if (!v.isOk()) {
                    LOG.debug("{}{} left out of a Get: {}", node.path, p.name(), v.error().message());
                    values[i] = null;
                    continue;
                }
                value = v.value();
            }
            if (last != null) {
                // Providers often give an unchanged value as a new string (a count, a time): the
                // last read's string, so that an unchanged object's values are handed out again.
                value = last.parameters().sameOrEarlier(reading.names(), i, value);
            }
            values[i] = p.hidden() && !revealSecured.test(node.path + p.name()) ? "" : value;
            count++;
        }
        if (count > 0) {
            if (last == null || !last.parameters().holds(reading.names(), values, count)) {
                last = new ObjectValues(node.path,
                        ParameterValues.of(reading.names(), reading.namesUtf8(), Arrays.copyOf(values, n), count));
                node.lastRead = last;
            }
            into.add(last);
        }
        readScratch = values;
        for (ObjectNode single : node.singleNodes) {
            collectValues(single, depth - 1, into, revealSecured);
        }
        for (TableNode t : node.tableNodes) {
            sync(t);
            for (ObjectNode instance : t.inOrder()) {
                collectValues(instance, depth - 1, into, revealSecured);
            }
        }
    }

    /** The value of one parameter at a concrete path (hidden ones read empty). */
    public Result<String> read(String parameterPath) {
        Result<List<ObjectValues>> got = get(parameterPath, 0);
        if (!got.isOk()) {
            return Result.err(got.error());
        }
        List<ObjectValues> values = got.value();
        if (values.size() != 1 || values.get(0).parameters().size() != 1) {
            return Result.err(DmError.at(parameterPath, ErrorCode.INVALID_PATH, "not the path of one parameter"));
        }
        return Result.ok(values.get(0).parameters().values().iterator().next());
    }

    /**
     * GetInstances of TR-369: the instances of the tables the path names or contains, with
     * their unique keys; with {@code firstLevelOnly} only the first level of tables below.
     */
    public Result<List<InstanceInfo>> instances(String objectPath, boolean firstLevelOnly) {
        return inRead(() -> instancesInRead(objectPath, firstLevelOnly));
    }

    private Result<List<InstanceInfo>> instancesInRead(String objectPath, boolean firstLevelOnly) {
        Result<PathName> parsed = PathParser.parse(objectPath);
        if (!parsed.isOk()) {
            return Result.err(parsed.error());
        }
        if (parsed.value().kind() != PathName.Kind.OBJECT) {
            return Result.err(DmError.at(objectPath, ErrorCode.INVALID_PATH, "GetInstances takes an object path"));
        }
        Result<Resolution> resolved = resolve(parsed.value());
        if (!resolved.isOk()) {
            return Result.err(resolved.error());
        }
        Resolution r = resolved.value();
        if (r.matches().isEmpty() && !r.search()) {
            return Result.err(DmError.at(objectPath, ErrorCode.OBJECT_DOES_NOT_EXIST, "no such object in this agent"));
        }
        List<InstanceInfo> out = new ArrayList<>();
        for (Resolved m : r.matches()) {
            if (m.wholeTable()) {
                TableNode t = tableAt(m.objectPath());
                addInstances(t, firstLevelOnly, out);
            } else {
                ObjectNode node = nodeAt(m.objectPath());
                if (firstLevelOnly) {
                    for (TableNode t : node.tables.values()) {
                        addInstances(t, true, out);
                    }
                    for (ObjectNode single : node.singles.values()) {
                        for (TableNode t : single.tables.values()) {
                            addInstances(t, true, out);
                        }
                    }
                } else {
                    List<TableNode> tables = new ArrayList<>();
                    node.collectTables(tables);
                    for (TableNode t : tables) {
                        addInstances(t, true, out);
                    }
                }
            }
        }
        return Result.ok(out);
    }

    private void addInstances(TableNode t, boolean firstLevelOnly, List<InstanceInfo> out) {
        sync(t);
        for (ObjectNode instance : t.inOrder()) {
            out.add(new InstanceInfo(instance.path, uniqueKeyValues(instance)));
            if (!firstLevelOnly) {
                List<TableNode> below = new ArrayList<>();
                instance.collectTables(below);
                for (TableNode b : below) {
                    addInstances(b, true, out);
                }
            }
        }
    }

    Map<String, String> uniqueKeyValues(ObjectNode instance) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (List<String> key : instance.def.uniqueKeys()) {
            for (String name : key) {
                ParameterDef p = instance.def.parameter(name).orElseThrow();
                Result<String> v = readValue(instance, p);
                keys.put(name, v.isOk() ? v.value() : "");
            }
        }
        return keys;
    }

    /**
     * The current value of a parameter: a count for {@code NumberOfEntries}, a stored value
     * (configuration, or a value the factory defaults pinned), the platform's answer, or the
     * default.
     */
    Result<String> readValue(ObjectNode node, ParameterDef p) {
        return readValue(node, p, p.isNumberOfEntries() ? null : providerOf(node.def, p.name()));
    }

    /**
     * The value {@link #readValue} would give, when it is known without calling a provider (a
     * stored value, one cached, a platform row's, a reference's, a default, a count); null when
     * the provider must be asked. A Get reads a thousand values this way without a
     * {@code Result} for each.
     */
    private String knownValue(ObjectNode node, ParameterDef p, Bindings.Provided<ParameterProvider> provided) {
        if (p.isNumberOfEntries()) {
            TableNode t = node.tables.get(p.countedTable());
            sync(t);
            return count(t.instances.size());
        }
        String stored = node.stored.get(p.name());
        if (stored != null) {
            return stored;
        }
        if (provided != null) {
            Cached c = node.cached == null ? null : node.cached.get(p.name());
            long now = currentRead != 0 ? readStartedAt : nanoTime.getAsLong();
            return c != null && (now - c.expiresAt() < 0 || openTransaction != null && c.transaction() == transactionCount)
                    ? c.value() : null;
        }
        String fromRow = node.row.get(p.name());
        if (fromRow != null) {
            return fromRow;
        }
        List<KeyReference> references = node.references.get(p.name());
        if (references != null) {
            return referencePaths(references);
        }
        return p.defaultValue();
    }

    /** Texts of the counts tables usually have, made once: the same string at every Get. */
    private static final String[] COUNTS = new String[256];

    static {
        for (int i = 0; i < COUNTS.length; i++) {
            COUNTS[i] = Integer.toString(i);
        }
    }

    private static String count(int n) {
        return n < COUNTS.length ? COUNTS[n] : Integer.toString(n);
    }

    /** {@link #readValue(ObjectNode, ParameterDef)} with the parameter's provider (or null) found already. */
    private Result<String> readValue(ObjectNode node, ParameterDef p, Bindings.Provided<ParameterProvider> provided) {
        String known = knownValue(node, p, provided);
        return known != null ? Result.ok(known) : readProvided(node, p, provided);
    }

    /** Asks the provider of a parameter whose value {@link #knownValue} does not know, and caches it for its time to live. */
    private Result<String> readProvided(ObjectNode node, ParameterDef p, Bindings.Provided<ParameterProvider> provided) {
        String key = p.name();
        long now = currentRead != 0 ? readStartedAt : nanoTime.getAsLong();
        Result<String> read = callProvider(provided.provider(), node, p);
        if (read.isOk()) {
            long ttl = provided.ttl().toNanos();
            if (ttl > 0 || openTransaction != null) {
                node.cache(key, new Cached(read.value(), now + Math.max(ttl, 1),
                        openTransaction != null ? transactionCount : 0));
            } else if (node.cached != null) {
                node.cached.remove(key);
            }
        }
        return read;
    }

    /**
     * The paths of the instances {@code references} name, comma-separated, without the final
     * dot ({@code Device.Ethernet.Interface.2}); a reference to a key the platform does not
     * list (any more) is left out.
     */
    String referencePaths(List<KeyReference> references) {
        if (references.size() == 1) {
            ObjectNode target = referenced(references.get(0));
            return target == null ? "" : target.referencePath();
        }
        StringBuilder out = new StringBuilder();
        for (KeyReference r : references) {
            ObjectNode target = referenced(r);
            if (target != null) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(target.referencePath());
            }
        }
        return out.toString();
    }

    /** The instance a reference names, syncing the tables on the way; null when there is none. */
    private ObjectNode referenced(KeyReference r) {
        String[] names = referencedTableNames.computeIfAbsent(r.supportedTablePath(), path -> path.split("\\."));
        if (!names[0].equals(root.def.name())) {
            return null;
        }
        ObjectNode node = root;
        TableNode table = null;
        int key = 0;
        for (int i = 1; i < names.length; i++) {
            String name = names[i];
            if (name.equals("{i}")) {
                if (table == null) {
                    return null;
                }
                sync(table);
                Integer number = table.numberByKey.get(r.keys().get(key++));
                node = number == null ? null : table.instances.get(number);
                if (node == null) {
                    return null;
                }
                table = null;
            } else if (table != null) {
                return null;
            } else if (node.singles.containsKey(name)) {
                node = node.singles.get(name);
            } else {
                table = node.tables.get(name);
                if (table == null) {
                    return null;
                }
            }
        }
        return table == null ? node : null;
    }

    private static Result<String> callProvider(ParameterProvider provider, ObjectNode node, ParameterDef p) {
        try {
            Result<String> r = provider.read(node.ref());
            if (r == null) {
                return Result.err(DmError.at(node.path + p.name(), ErrorCode.INTERNAL_ERROR, "the platform gave no value"));
            }
            return r;
        } catch (RuntimeException e) {
            LOG.error("provider of {}{} failed", node.path, p.name(), e);
            return Result.err(DmError.at(node.path + p.name(), ErrorCode.INTERNAL_ERROR,
                    "the platform could not read it: " + e));
        }
    }

    /**
     * The platform key of the instance at {@code instancePath} ({@code Device.DHCPv4.Client.2.},
     * with or without the final dot), when it is a row of a platform-backed table: what a
     * command on that instance ({@code Renew()}, {@code Reset()}) hands to the platform, which
     * knows its rows by key, not by instance number. Empty for any other path. Owner thread.
     */
    public Optional<String> platformKey(String instancePath) {
        if (instancePath == null || instancePath.isEmpty()) {
            return Optional.empty();
        }
        Result<Resolution> r = resolve(instancePath.endsWith(".") ? instancePath : instancePath + ".");
        if (!r.isOk() || r.value().search() || r.value().matches().size() != 1
                || r.value().matches().get(0).wholeTable()) {
            return Optional.empty();
        }
        ObjectNode node = nodeAtOrNull(r.value().matches().get(0).objectPath());
        return node == null || node.rowKey.isEmpty() ? Optional.empty() : Optional.of(node.rowKey);
    }

    /**
     * True when the platform gives the value of the parameter at this concrete path (a
     * provider, or a row of a platform table) and nothing stored overrides it: the engine then
     * learns of a change only when it reads the value again or the platform pushes it with
     * {@link #platformChanged}. False for stored values, defaults, counts and unknown paths.
     */
    public boolean providedByPlatform(String parameterPath) {
        int dot = parameterPath == null ? -1 : parameterPath.lastIndexOf('.');
        ObjectNode node = dot < 0 ? null : nodeAtOrNull(parameterPath.substring(0, dot + 1));
        Optional<ParameterDef> p = node == null ? Optional.empty() : node.def.parameter(parameterPath.substring(dot + 1));
        return p.isPresent() && !p.get().isNumberOfEntries() && !node.stored.containsKey(p.get().name())
                && isProvided(node, p.get());
    }

    /** True when the platform provides this parameter of this object (written through a hook). */
    boolean isProvided(ObjectNode node, ParameterDef p) {
        return providerOf(node.def, p.name()) != null || node.row.containsKey(p.name())
                || node.references.containsKey(p.name());
    }

    void putCache(ObjectNode node, String parameter, String value) {
        node.cache(parameter, new Cached(value, nanoTime.getAsLong() + 1,
                openTransaction != null ? transactionCount : 0));
    }

    void dropCache(ObjectNode node, String parameter) {
        if (node.cached != null) {
            node.cached.remove(parameter);
        }
    }

    // ------------------------------------------------------------------ platform tables

    /**
     * The platform says something changed at {@code path}: a concrete or supported table path
     * ({@code Device.IP.Interface.}, {@code Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.}) is
     * read again now; a parameter path is read again now. Listeners hear what changed.
     */
    public void platformChanged(String path) {
        if (openTransaction != null) {
            throw new IllegalStateException("platformChanged during a transaction");
        }
        String supported = Schema.supportedPathOf(path);
        if (path.endsWith(".")) {
            String tableSupported = supported.endsWith("{i}.") ? supported : supported + "{i}.";
            List<TableNode> tables = new ArrayList<>();
            root.collectTables(tables);
            for (TableNode t : tables) {
                boolean sameTable = t.path.equals(path) || t.def.path().equals(tableSupported) && supported.equals(path);
                if (sameTable || t.def.path().equals(tableSupported) && path.contains("{i}")) {
                    t.synced = false;
                    sync(t);
                }
            }
            return;
        }
        Result<Resolution> resolved = resolve(path.replace("{i}", "*"));
        if (!resolved.isOk()) {
            LOG.warn("platform change at {} ignored: {}", path, resolved.error().message());
            return;
        }
        List<ModelEvent> events = new ArrayList<>();
        for (Resolved m : resolved.value().matches()) {
            if (m.kind() != PathName.Kind.PARAMETER) {
                continue;
            }
            ObjectNode node = nodeAt(m.objectPath());
            ParameterDef p = node.def.parameter(m.member()).orElseThrow();
            Cached before = node.cached == null ? null : node.cached.remove(p.name());
            Result<String> now = readValue(node, p);
            if (now.isOk() && (before == null || !before.value().equals(now.value()))) {
                events.add(new ModelEvent.ValueChanged(m.path(), p.hidden() ? "" : now.value()));
            }
        }
        publish(events);
    }

    /**
     * Brings a platform-backed table up to date with its provider, if its rows are older than
     * the provider's time to live. Not during a transaction: a transaction sees the rows it
     * started with.
     */
    void sync(TableNode t) {
        if (t.provided == null) {
            t.provided = bindings.table(t.def.path());
        }
        Optional<Bindings.Provided<TableProvider>> provided = t.provided;
        if (provided.isEmpty()) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (t.synced && (openTransaction != null || currentRead != 0 && t.syncedInRead == currentRead
                || now - t.syncedAt < provided.get().ttl().toNanos())) {
            return;
        }
        Result<List<TableProvider.Row>> rows;
        try {
            rows = provided.get().provider().rows(t.parent.ref());
        } catch (RuntimeException e) {
            LOG.error("provider of {} failed", t.path, e);
            rows = Result.err(ErrorCode.INTERNAL_ERROR, e.toString());
        }
        t.synced = true;
        t.syncedAt = now;
        t.syncedInRead = currentRead;
        if (!rows.isOk()) {
            LOG.warn("could not read {} from the platform, keeping what was known: {}", t.path, rows.error().message());
            return;
        }
        if (rows.value() == t.syncedRows) {
            return;
        }
        Map<String, TableProvider.Row> byKey = new LinkedHashMap<>();
        for (TableProvider.Row row : rows.value()) {
            if (byKey.size() >= t.def.maxEntries()) {
                LOG.warn("{}: the platform has more than {} rows; the rest are left out", t.path, t.def.maxEntries());
                break;
            }
            if (byKey.putIfAbsent(row.key(), row) != null) {
                LOG.warn("{}: the platform gave key {} twice; the first row is kept", t.path, row.key());
            }
        }
        Map<String, Optional<String>> storeChanges = new LinkedHashMap<>();
        List<ModelEvent> events = new ArrayList<>();
        List<String> changedReferences = new ArrayList<>();
        for (ObjectNode gone : t.inOrder()) {
            if (!byKey.containsKey(gone.rowKey)) {
                removeInstance(gone, storeChanges);
                events.add(new ModelEvent.ObjectDeleted(gone.path));
            }
        }
        for (TableProvider.Row row : byKey.values()) {
            Integer number = t.numberByKey.get(row.key());
            if (number != null) {
                ObjectNode node = t.instances.get(number);
                Map<String, String> before = node.row;
                Map<String, List<KeyReference>> referencesBefore = node.references;
                node.row = row.values();
                node.references = row.references();
                for (ParameterDef p : node.def.parameters()) {
                    String was = before.get(p.name());
                    String is = row.values().get(p.name());
                    if (is != null && was != null && !is.equals(was) && !node.stored.containsKey(p.name())) {
                        events.add(new ModelEvent.ValueChanged(node.path + p.name(), p.hidden() ? "" : is));
                    }
                    List<KeyReference> refWas = referencesBefore.get(p.name());
                    List<KeyReference> refIs = row.references().get(p.name());
                    if (refIs != null && refWas != null && !refIs.equals(refWas) && !node.stored.containsKey(p.name())) {
                        changedReferences.add(node.path + p.name());
                    }
                }
            } else {
                ObjectNode node = ObjectNode.instance(t, t.allocateNumber(), row.key());
                node.row = row.values();
                node.references = row.references();
                t.put(node);
                t.numberByKey.put(row.key(), node.number);
                storeChanges.put(StoreKeys.rowKey(node), Optional.of(row.key()));
                storeChanges.put(StoreKeys.next(t), Optional.of(Integer.toString(t.nextNumber)));
                assignAlias(node).ifPresent(alias -> storeChanges.put(node.path + "Alias", Optional.of(alias)));
                events.add(new ModelEvent.ObjectCreated(node.path, uniqueKeyValues(node)));
            }
        }
        // Read once every row is in place, so that a reference to a row of this table resolves.
        for (String path : changedReferences) {
            ObjectNode node = nodeAtOrNull(path.substring(0, path.lastIndexOf('.') + 1));
            String name = path.substring(path.lastIndexOf('.') + 1);
            events.add(new ModelEvent.ValueChanged(path, referencePaths(node.references.get(name))));
        }
        if (!storeChanges.isEmpty()) {
            try {
                store.commit(storeChanges);
            } catch (IOException e) {
                LOG.error("could not store the instance numbers of {}; they may change at the next start", t.path, e);
            }
        }
        t.syncedRows = rows.value();
        publish(events);
    }

    /** Gives a new instance the {@code Alias} {@code cpe-N} when it has one to give and none is set. */
    Optional<String> assignAlias(ObjectNode node) {
        Optional<ParameterDef> alias = node.def.parameter("Alias");
        if (alias.isEmpty() || node.stored.containsKey("Alias") || node.row.containsKey("Alias")) {
            return Optional.empty();
        }
        Set<String> taken = new HashSet<>();
        for (ObjectNode sibling : node.table.instances.values()) {
            String a = sibling.stored.get("Alias");
            if (a != null) {
                taken.add(a);
            }
        }
        int n = node.number;
        String candidate = "cpe-" + n;
        while (taken.contains(candidate)) {
            candidate = "cpe-" + (++n);
        }
        node.stored.put("Alias", candidate);
        return Optional.of(candidate);
    }

    /** Takes an instance out of its table, and everything it stored out of the store. */
    void removeInstance(ObjectNode instance, Map<String, Optional<String>> storeChanges) {
        TableNode t = instance.table;
        t.remove(instance.number);
        t.syncedRows = null;
        if (!instance.rowKey.isEmpty()) {
            t.numberByKey.remove(instance.rowKey);
        }
        List<ObjectNode> all = new ArrayList<>();
        instance.collect(all);
        for (ObjectNode n : all) {
            for (String name : n.stored.keySet()) {
                storeChanges.put(n.path + name, Optional.empty());
            }
            if (n.table != null) {
                storeChanges.put(n.path, Optional.empty());
                storeChanges.put(StoreKeys.rowKey(n), Optional.empty());
            }
            for (TableNode sub : n.tables.values()) {
                storeChanges.put(StoreKeys.next(sub), Optional.empty());
            }
        }
    }

    void publish(List<ModelEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ModelEvent> copy = List.copyOf(events);
        for (ModelListener l : listeners) {
            try {
                l.changed(copy);
            } catch (RuntimeException e) {
                LOG.error("model listener {} failed", l, e);
            }
        }
    }

    // ------------------------------------------------------------------ loading

    private void load(Map<String, String> snapshot) {
        List<String> instanceKeys = new ArrayList<>();
        List<String> valueKeys = new ArrayList<>();
        for (String key : snapshot.keySet()) {
            if (key.startsWith(StoreKeys.ROW_KEY)) {
                instanceKeys.add(key);
            } else if (key.startsWith(StoreKeys.NEXT) || key.equals(StoreKeys.INITIALIZED)) {
                continue;
            } else if (key.endsWith(".")) {
                instanceKeys.add(key);
            } else {
                valueKeys.add(key);
            }
        }
        instanceKeys.sort(Comparator.comparingInt(DataModel::depth).thenComparing(Comparator.naturalOrder()));
        for (String key : instanceKeys) {
            boolean platform = key.startsWith(StoreKeys.ROW_KEY);
            String path = platform ? key.substring(StoreKeys.ROW_KEY.length()) : key;
            if (!restoreInstance(path, platform ? snapshot.get(key) : "")) {
                LOG.warn("stored instance {} does not fit this agent's data model; ignored", path);
            }
        }
        for (Map.Entry<String, String> e : snapshot.entrySet()) {
            if (e.getKey().startsWith(StoreKeys.NEXT)) {
                TableNode t = tableAtOrNull(e.getKey().substring(StoreKeys.NEXT.length()));
                if (t != null) {
                    try {
                        t.nextNumber = Math.max(t.nextNumber, Integer.parseInt(e.getValue()));
                    } catch (NumberFormatException ex) {
                        LOG.warn("stored counter {} = {} is not a number; ignored", e.getKey(), e.getValue());
                    }
                }
            }
        }
        for (String key : valueKeys) {
            int dot = key.lastIndexOf('.');
            ObjectNode node = dot < 0 ? null : nodeAtOrNull(key.substring(0, dot + 1));
            Optional<ParameterDef> p = node == null ? Optional.empty() : node.def.parameter(key.substring(dot + 1));
            String value = snapshot.get(key);
            if (p.isEmpty() || p.get().isNumberOfEntries()) {
                LOG.warn("stored value {} does not fit this agent's data model; ignored", key);
            } else if (p.get().type().check(value).isPresent()) {
                LOG.warn("stored value of {} is not valid any more ({}); the default is used",
                        key, p.get().type().check(value).get().message());
            } else {
                node.stored.put(p.get().name(), value);
            }
        }
    }

    private boolean restoreInstance(String instancePath, String rowKey) {
        String withoutDot = instancePath.substring(0, instancePath.length() - 1);
        int dot = withoutDot.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        int number;
        try {
            number = Integer.parseInt(withoutDot.substring(dot + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        TableNode t = tableAtOrNull(withoutDot.substring(0, dot + 1));
        if (t == null || number < 1 || t.instances.containsKey(number)) {
            return false;
        }
        ObjectNode node = ObjectNode.instance(t, number, rowKey);
        t.put(node);
        t.syncedRows = null;
        t.nextNumber = Math.max(t.nextNumber, number + 1);
        if (!rowKey.isEmpty()) {
            t.numberByKey.put(rowKey, number);
        }
        return true;
    }

    private static int depth(String key) {
        int n = 0;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ concrete lookups

    /** The object at a concrete path the engine itself produced; it must exist. */
    ObjectNode nodeAt(String objectPath) {
        ObjectNode n = nodeAtOrNull(objectPath);
        if (n == null) {
            throw new IllegalStateException("no object " + objectPath);
        }
        return n;
    }

    TableNode tableAt(String tablePath) {
        TableNode t = tableAtOrNull(tablePath);
        if (t == null) {
            throw new IllegalStateException("no table " + tablePath);
        }
        return t;
    }

    ObjectNode nodeAtOrNull(String objectPath) {
        if (!objectPath.endsWith(".")) {
            return null;
        }
        String[] parts = objectPath.substring(0, objectPath.length() - 1).split("\\.", -1);
        if (parts.length == 0 || !parts[0].equals(root.def.name())) {
            return null;
        }
        ObjectNode node = root;
        for (int i = 1; i < parts.length; i++) {
            ObjectNode single = node.singles.get(parts[i]);
            if (single != null) {
                node = single;
                continue;
            }
            TableNode t = node.tables.get(parts[i]);
            if (t == null || i + 1 >= parts.length) {
                return null;
            }
            try {
                node = t.instances.get(Integer.parseInt(parts[++i]));
            } catch (NumberFormatException e) {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    TableNode tableAtOrNull(String tablePath) {
        if (!tablePath.endsWith(".")) {
            return null;
        }
        String withoutDot = tablePath.substring(0, tablePath.length() - 1);
        int dot = withoutDot.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        ObjectNode parent = nodeAtOrNull(withoutDot.substring(0, dot + 1));
        return parent == null ? null : parent.tables.get(withoutDot.substring(dot + 1));
    }

    // ------------------------------------------------------------------ resolution

    /**
     * Walks a parsed path over the instances. Each step keeps a set of places: objects, or
     * tables waiting for an instance identifier.
     */
    private final class Resolver {
        private final PathName path;
        private final int followDepth;
        private boolean search;
        /** Each condition compiled once per parameter definition it is tested on. */
        private final Map<Segment.Condition, Map<ParameterDef, Result<Predicate<String>>>> compiled = new HashMap<>();

        Resolver(PathName path, int followDepth) {
            this.path = path;
            this.followDepth = followDepth;
        }

        Result<Resolution> run() {
            List<Segment> segs = path.segments();
            if (!(segs.get(0) instanceof Segment.Name first) || !first.name().equals(root.def.name())) {
                return invalid("the path does not start with " + root.def.name() + ".");
            }
            List<Object> places = new ArrayList<>(List.of(root));
            List<Resolved> done = new ArrayList<>();
            int i = 1;
            while (i < segs.size()) {
                Segment seg = segs.get(i);
                boolean last = i == segs.size() - 1;
                List<Object> next = new ArrayList<>();
                int consumed = 1;
                for (Object place : places) {
                    if (place instanceof TableNode t) {
                        Optional<DmError> e = selectInstances(t, seg, next);
                        if (e.isPresent()) {
                            return Result.err(e.get());
                        }
                        continue;
                    }
                    ObjectNode node = (ObjectNode) place;
                    if (!(seg instanceof Segment.Name name)) {
                        return invalid(node.path + " is not a table: " + seg + " cannot follow it");
                    }
                    ObjectNode single = node.singles.get(name.name());
                    TableNode table = node.tables.get(name.name());
                    if (single != null) {
                        next.add(single);
                    } else if (table != null) {
                        sync(table);
                        next.add(table);
                    } else if (node.def.parameter(name.name()).isPresent()) {
                        ParameterDef p = node.def.parameter(name.name()).get();
                        if (i + 1 < segs.size() && segs.get(i + 1) instanceof Segment.Follow follow) {
                            Optional<DmError> e = follow(node, p, follow, next);
                            if (e.isPresent()) {
                                return Result.err(e.get());
                            }
                            consumed = 2;
                        } else if (last && path.kind() == PathName.Kind.PARAMETER) {
                            done.add(new Resolved(node.path, node.def, false, PathName.Kind.PARAMETER, p.name()));
                        } else {
                            return invalid(node.path + p.name() + " is a parameter, not an object");
                        }
                    } else if (last && path.kind() == PathName.Kind.COMMAND && node.def.command(name.name()).isPresent()) {
                        done.add(new Resolved(node.path, node.def, false, PathName.Kind.COMMAND, name.name()));
                    } else if (last && path.kind() == PathName.Kind.EVENT && node.def.event(name.name()).isPresent()) {
                        done.add(new Resolved(node.path, node.def, false, PathName.Kind.EVENT, name.name()));
                    } else {
                        return invalid(node.path + " has no " + describe(path.kind(), last) + " " + name.name());
                    }
                }
                if (next.size() + done.size() > limits.maxResolvedPaths()) {
                    return Result.err(DmError.at(path.text(), ErrorCode.RESOURCES_EXCEEDED,
                            "the path resolves to more than " + limits.maxResolvedPaths() + " objects"));
                }
                places = next;
                i += consumed;
            }
            for (Object place : places) {
                if (path.kind() != PathName.Kind.OBJECT) {
                    return invalid(path.text() + " names an object, not a " + describe(path.kind(), true));
                }
                if (place instanceof TableNode t) {
                    done.add(new Resolved(t.path, t.def, true, PathName.Kind.OBJECT, ""));
                } else {
                    ObjectNode n = (ObjectNode) place;
                    done.add(new Resolved(n.path, n.def, false, PathName.Kind.OBJECT, ""));
                }
            }
            return Result.ok(new Resolution(done, search));
        }

        private String describe(PathName.Kind kind, boolean last) {
            if (!last) {
                return "object";
            }
            return switch (kind) {
                case OBJECT -> "object";
                case PARAMETER -> "parameter";
                case COMMAND -> "command";
                case EVENT -> "event";
            };
        }

        private Result<Resolution> invalid(String message) {
            return Result.err(DmError.at(path.text(), ErrorCode.INVALID_PATH, message));
        }

        private Optional<DmError> selectInstances(TableNode t, Segment seg, List<Object> next) {
            if (seg instanceof Segment.Instance in) {
                ObjectNode n = t.instances.get(in.number());
                if (n != null) {
                    next.add(n);
                }
                return Optional.empty();
            }
            if (seg instanceof Segment.Wildcard) {
                search = true;
                next.addAll(t.instances.values());
                return Optional.empty();
            }
            if (seg instanceof Segment.Search s) {
                if (!isUniqueKeyAddress(t.def, s)) {
                    search = true;
                }
                for (ObjectNode n : t.inOrder()) {
                    Result<Boolean> m = matches(n, s);
                    if (!m.isOk()) {
                        return Optional.of(m.error());
                    }
                    if (m.value()) {
                        next.add(n);
                    }
                }
                return Optional.empty();
            }
            return Optional.of(DmError.at(path.text(), ErrorCode.INVALID_PATH,
                    t.path + " is a table: an instance number, * or [expression] must follow, not " + seg));
        }

        private boolean isUniqueKeyAddress(ObjectDef table, Segment.Search s) {
            Set<String> named = new HashSet<>();
            for (Segment.Condition c : s.conditions()) {
                if (c.operator() != dev.demarc.core.path.Operator.EQ || c.parameter().size() != 1) {
                    return false;
                }
                named.add(((Segment.Name) c.parameter().get(0)).name());
            }
            for (List<String> key : table.uniqueKeys()) {
                if (named.containsAll(key)) {
                    return true;
                }
            }
            return false;
        }

        private Result<Boolean> matches(ObjectNode instance, Segment.Search s) {
            for (Segment.Condition c : s.conditions()) {
                Result<Boolean> one = conditionHolds(instance, c);
                if (!one.isOk() || !one.value()) {
                    return one;
                }
            }
            return Result.ok(true);
        }

        /** A condition's relative path walks single objects and references, never tables. */
        private Result<Boolean> conditionHolds(ObjectNode instance, Segment.Condition c) {
            List<ObjectNode> at = List.of(instance);
            List<Segment> rel = c.parameter();
            for (int k = 0; k < rel.size(); k++) {
                Segment.Name name = (Segment.Name) rel.get(k);
                boolean lastName = k == rel.size() - 1;
                boolean followed = k + 1 < rel.size() && rel.get(k + 1) instanceof Segment.Follow;
                List<ObjectNode> nextAt = new ArrayList<>();
                for (ObjectNode node : at) {
                    if (lastName) {
                        Optional<ParameterDef> p = node.def.parameter(name.name());
                        if (p.isEmpty()) {
                            return Result.err(DmError.at(path.text(), ErrorCode.INVALID_PATH,
                                    "search expression: " + node.def.path() + " has no parameter " + name.name()));
                        }
                        Result<String> actual = readValue(node, p.get());
                        if (!actual.isOk()) {
                            continue;
                        }
                        ParameterDef def = p.get();
                        Result<Predicate<String>> test = compiled
                                .computeIfAbsent(c, unused -> new IdentityHashMap<>())
                                .computeIfAbsent(def, d -> d.type().condition(c.operator(),
                                        c.constant().value(), c.constant().quoted()));
                        if (!test.isOk()) {
                            return Result.err(DmError.at(path.text(), test.error().code(),
                                    "search expression " + c + ": " + test.error().message()));
                        }
                        if (test.value().test(actual.value())) {
                            return Result.ok(true);
                        }
                    } else if (followed) {
                        Optional<ParameterDef> p = node.def.parameter(name.name());
                        if (p.isEmpty()) {
                            return Result.err(DmError.at(path.text(), ErrorCode.INVALID_PATH,
                                    "search expression: " + node.def.path() + " has no parameter " + name.name()));
                        }
                        List<Object> targets = new ArrayList<>();
                        Optional<DmError> e = follow(node, p.get(), (Segment.Follow) rel.get(k + 1), targets);
                        if (e.isPresent()) {
                            return Result.err(e.get());
                        }
                        for (Object o : targets) {
                            if (o instanceof ObjectNode on) {
                                nextAt.add(on);
                            }
                        }
                    } else {
                        ObjectNode single = node.singles.get(name.name());
                        if (single == null) {
                            return Result.err(DmError.at(path.text(), ErrorCode.INVALID_PATH,
                                    "search expression: " + node.def.path() + " has no single object " + name.name()
                                            + (node.tables.containsKey(name.name()) ? " (a table needs its own expression)" : "")));
                        }
                        nextAt.add(single);
                    }
                }
                if (followed) {
                    k++;
                }
                at = nextAt;
                if (lastName) {
                    return Result.ok(false);
                }
            }
            return Result.ok(false);
        }

        /** Follows the reference(s) held by parameter {@code p} of {@code node} to objects. */
        private Optional<DmError> follow(ObjectNode node, ParameterDef p, Segment.Follow follow, List<Object> into) {
            if (followDepth >= limits.maxFollowDepth()) {
                return Optional.of(DmError.at(path.text(), ErrorCode.RESOURCES_EXCEEDED,
                        "references followed more than " + limits.maxFollowDepth() + " levels deep"));
            }
            Result<String> value = readValue(node, p);
            if (!value.isOk() || value.value().isBlank()) {
                return Optional.empty();
            }
            List<String> items = new ArrayList<>();
            for (String item : value.value().split(",", -1)) {
                items.add(item.trim());
            }
            List<String> chosen;
            if (follow.allItems()) {
                search = true;
                chosen = items;
            } else {
                chosen = follow.item() <= items.size() ? List.of(items.get(follow.item() - 1)) : List.of();
            }
            for (String reference : chosen) {
                if (reference.isEmpty()) {
                    continue;
                }
                String objectPath = reference.endsWith(".") ? reference : reference + ".";
                Result<PathName> target = PathParser.parse(objectPath);
                if (!target.isOk() || target.value().kind() != PathName.Kind.OBJECT) {
                    LOG.debug("{}{} holds {}, which is not an object path; not followed", node.path, p.name(), reference);
                    continue;
                }
                Result<Resolution> r = new Resolver(target.value(), followDepth + 1).run();
                if (!r.isOk()) {
                    continue;
                }
                for (Resolved m : r.value().matches()) {
                    if (!m.wholeTable()) {
                        into.add(nodeAt(m.objectPath()));
                    }
                }
            }
            return Optional.empty();
        }
    }
}

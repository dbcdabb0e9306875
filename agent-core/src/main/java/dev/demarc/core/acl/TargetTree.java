package dev.demarc.core.acl;

import dev.demarc.core.path.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The targets of one {@link AccessPolicy} as a tree of segments, and the walk over it.
 *
 * <p>Built by one thread ({@link #add}, then {@link #seal}) and published through the policy's
 * final field; read-only afterwards except for the step cache of each {@link State}, a
 * concurrent map.
 */
final class TargetTree {

    /** One permission of one role; {@code id} indexes the match sets of a {@link State}. */
    record Entry(int id, int role, long order, Grant grant) {
    }

    /** One target segment position. */
    static final class Node {
        final Map<String, Node> names = new HashMap<>();
        final Map<Integer, Node> instances = new HashMap<>();
        Node wildcard;
        final List<SearchEdge> searches = new ArrayList<>();
        /** The permissions with a target ending here. */
        final List<Entry> entries = new ArrayList<>();

        boolean hasChildren() {
            return !names.isEmpty() || !instances.isEmpty() || wildcard != null || !searches.isEmpty();
        }
    }

    record SearchEdge(Segment.Search expression, Node child) {
    }

    /**
     * Where a walk stands after some segments of a path: the tree nodes it reached (each
     * surely, or only perhaps when an uncertain segment led there) and the permissions whose
     * targets it has matched so far, surely or perhaps. The grant is computed once.
     */
    static final class State {
        final Node[] nodes;
        final boolean[] sure;
        final BitSet sureMatches;
        final BitSet unsureMatches;
        final Grant grant;
        /** No reached node has children: no further segment changes anything. */
        final boolean terminal;
        /** Some reached node has search-expression children: instance steps read values. */
        final boolean searching;
        final ConcurrentHashMap<Object, State> steps = new ConcurrentHashMap<>();

        State(Node[] nodes, boolean[] sure, BitSet sureMatches, BitSet unsureMatches, Grant grant) {
            this.nodes = nodes;
            this.sure = sure;
            this.sureMatches = sureMatches;
            this.unsureMatches = unsureMatches;
            this.grant = grant;
            boolean children = false;
            boolean search = false;
            for (Node n : nodes) {
                children |= n.hasChildren();
                search |= !n.searches.isEmpty();
            }
            this.terminal = !children;
            this.searching = search;
        }
    }

    private static final Object OTHER_NAME = new Object();
    private static final Object OTHER_INSTANCE = new Object();
    private static final Object ANY_INSTANCE = new Object();
    private static final Comparator<Entry> BY_ROLE_THEN_ORDER_DESCENDING =
            Comparator.comparingInt(Entry::role).thenComparing(Entry::order, Comparator.reverseOrder());

    final int roleCount;
    final List<Entry> entries = new ArrayList<>();
    boolean hasSearches;
    State initial;
    State dead;

    private final Node root = new Node();
    private final List<Entry> uncertainEverywhere = new ArrayList<>();
    private final AtomicInteger cachedSteps = new AtomicInteger();

    TargetTree(int roleCount) {
        this.roleCount = roleCount;
    }

    Entry newEntry(int role, long order, Grant grant) {
        Entry e = new Entry(entries.size(), role, order, grant);
        entries.add(e);
        return e;
    }

    void add(List<Segment> segments, Entry entry) {
        Node node = root;
        for (Segment s : segments) {
            node = child(node, s);
        }
        if (!node.entries.contains(entry)) {
            node.entries.add(entry);
        }
    }

    /** A permission whose target could not be read: it may or may not cover any path. */
    void addUncertainEverywhere(Entry entry) {
        if (!uncertainEverywhere.contains(entry)) {
            uncertainEverywhere.add(entry);
        }
    }

    void seal() {
        BitSet unsure = new BitSet();
        uncertainEverywhere.forEach(e -> unsure.set(e.id()));
        initial = new State(new Node[] {root}, new boolean[] {true}, new BitSet(), unsure, Grant.NONE);
        dead = new State(new Node[0], new boolean[0], new BitSet(), new BitSet(), Grant.NONE);
    }

    /**
     * The state after {@code Device} when no target starts with another name (else a state that
     * is not terminal): terminal means every path below {@code Device.} gets the same grant.
     */
    State uniformRoot() {
        boolean onlyDevice = root.instances.isEmpty() && root.wildcard == null && root.searches.isEmpty()
                && (root.names.isEmpty() || (root.names.size() == 1 && root.names.containsKey("Device")));
        return onlyDevice ? stepName(initial, "Device") : initial;
    }

    private Node child(Node node, Segment s) {
        if (s instanceof Segment.Name name) {
            return node.names.computeIfAbsent(name.name(), k -> new Node());
        }
        if (s instanceof Segment.Instance instance) {
            return node.instances.computeIfAbsent(instance.number(), k -> new Node());
        }
        if (s instanceof Segment.Wildcard) {
            if (node.wildcard == null) {
                node.wildcard = new Node();
            }
            return node.wildcard;
        }
        if (s instanceof Segment.Search search) {
            hasSearches = true;
            for (SearchEdge edge : node.searches) {
                if (edge.expression().equals(search)) {
                    return edge.child();
                }
            }
            Node n = new Node();
            node.searches.add(new SearchEdge(search, n));
            return n;
        }
        throw new IllegalArgumentException("not a target segment: " + s);
    }

    // ------------------------------------------------------------------ steps

    State stepName(State s, String name) {
        if (s.terminal) {
            return s;
        }
        boolean known = false;
        for (Node n : s.nodes) {
            if (n.names.containsKey(name)) {
                known = true;
                break;
            }
        }
        Object key = known ? name : OTHER_NAME;
        State cached = s.steps.get(key);
        if (cached != null) {
            return cached;
        }
        Reached reached = new Reached(s.nodes.length);
        if (known) {
            for (int k = 0; k < s.nodes.length; k++) {
                reached.add(s.nodes[k].names.get(name), s.sure[k]);
            }
        }
        return remember(s, key, build(s, reached));
    }

    State stepInstance(State s, int number, String path, int end, SearchEvaluator evaluator) {
        if (s.terminal) {
            return s;
        }
        Object key = null;
        if (!s.searching) {
            boolean named = false;
            for (Node n : s.nodes) {
                if (n.instances.containsKey(number)) {
                    named = true;
                    break;
                }
            }
            key = named ? Integer.valueOf(number) : OTHER_INSTANCE;
            State cached = s.steps.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Reached reached = new Reached(s.nodes.length * 2);
        String instancePath = null;
        for (int k = 0; k < s.nodes.length; k++) {
            Node n = s.nodes[k];
            reached.add(n.instances.get(number), s.sure[k]);
            reached.add(n.wildcard, s.sure[k]);
            for (SearchEdge edge : n.searches) {
                if (instancePath == null) {
                    instancePath = path.substring(0, end) + ".";
                }
                switch (evaluator.matches(instancePath, edge.expression())) {
                    case YES -> reached.add(edge.child(), s.sure[k]);
                    case UNKNOWN -> reached.add(edge.child(), false);
                    case NO -> { }
                }
            }
        }
        State next = build(s, reached);
        return key == null ? next : remember(s, key, next);
    }

    State stepAnyInstance(State s) {
        if (s.terminal) {
            return s;
        }
        State cached = s.steps.get(ANY_INSTANCE);
        if (cached != null) {
            return cached;
        }
        Reached reached = new Reached(s.nodes.length * 2);
        for (int k = 0; k < s.nodes.length; k++) {
            Node n = s.nodes[k];
            for (Node instance : n.instances.values()) {
                reached.add(instance, false);
            }
            reached.add(n.wildcard, s.sure[k]);
            for (SearchEdge edge : n.searches) {
                reached.add(edge.child(), false);
            }
        }
        return remember(s, ANY_INSTANCE, build(s, reached));
    }

    private State remember(State from, Object key, State next) {
        if (cachedSteps.get() >= AccessPolicy.MAX_CACHED_STEPS) {
            return next;
        }
        State earlier = from.steps.putIfAbsent(key, next);
        if (earlier != null) {
            return earlier;
        }
        cachedSteps.incrementAndGet();
        return next;
    }

    /** Nodes reached by one step; a node is reached at most once (each has one parent). */
    private static final class Reached {
        Node[] nodes;
        boolean[] sure;
        int count;

        Reached(int capacity) {
            nodes = new Node[Math.max(capacity, 1)];
            sure = new boolean[nodes.length];
        }

        void add(Node node, boolean isSure) {
            if (node == null) {
                return;
            }
            if (count == nodes.length) {
                nodes = Arrays.copyOf(nodes, count * 2);
                sure = Arrays.copyOf(sure, count * 2);
            }
            nodes[count] = node;
            sure[count] = isSure;
            count++;
        }
    }

    private State build(State from, Reached reached) {
        BitSet sureMatches = from.sureMatches;
        BitSet unsureMatches = from.unsureMatches;
        boolean changed = false;
        for (int k = 0; k < reached.count; k++) {
            for (Entry e : reached.nodes[k].entries) {
                int id = e.id();
                if (sureMatches.get(id)) {
                    continue;
                }
                if (reached.sure[k]) {
                    if (!changed) {
                        sureMatches = (BitSet) sureMatches.clone();
                        unsureMatches = (BitSet) unsureMatches.clone();
                        changed = true;
                    }
                    sureMatches.set(id);
                    unsureMatches.clear(id);
                } else if (!unsureMatches.get(id)) {
                    if (!changed) {
                        sureMatches = (BitSet) sureMatches.clone();
                        unsureMatches = (BitSet) unsureMatches.clone();
                        changed = true;
                    }
                    unsureMatches.set(id);
                }
            }
        }
        Grant grant = changed ? decide(sureMatches, unsureMatches) : from.grant;
        return new State(Arrays.copyOf(reached.nodes, reached.count), Arrays.copyOf(reached.sure, reached.count),
                sureMatches, unsureMatches, grant);
    }

    /**
     * The grant for a set of matched permissions. Per role, going down by Order: the first
     * group (same Order) holding a sure match decides, narrowed by every perhaps-match of
     * higher or equal Order (each might be the one that applies); a role with no sure match
     * gives nothing. Equal Orders (which TR-181's unique key forbids) give what all of them
     * give. The roles' results are joined.
     */
    private Grant decide(BitSet sureMatches, BitSet unsureMatches) {
        if (sureMatches.isEmpty()) {
            return Grant.NONE;
        }
        List<Entry> matched = new ArrayList<>();
        for (int id = sureMatches.nextSetBit(0); id >= 0; id = sureMatches.nextSetBit(id + 1)) {
            matched.add(entries.get(id));
        }
        for (int id = unsureMatches.nextSetBit(0); id >= 0; id = unsureMatches.nextSetBit(id + 1)) {
            matched.add(entries.get(id));
        }
        matched.sort(BY_ROLE_THEN_ORDER_DESCENDING);
        Grant result = Grant.NONE;
        int i = 0;
        while (i < matched.size()) {
            int role = matched.get(i).role();
            Grant narrowed = Grant.ALL;
            boolean decided = false;
            while (i < matched.size() && matched.get(i).role() == role) {
                long order = matched.get(i).order();
                boolean sureInGroup = false;
                while (i < matched.size() && matched.get(i).role() == role && matched.get(i).order() == order) {
                    Entry e = matched.get(i);
                    if (!decided) {
                        narrowed = narrowed.intersect(e.grant());
                        sureInGroup |= sureMatches.get(e.id());
                    }
                    i++;
                }
                decided |= sureInGroup;
            }
            if (decided) {
                result = result.union(narrowed);
            }
        }
        return result;
    }
}

package dev.demarc.core.model;

import dev.demarc.core.schema.ObjectDef;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** A table of the instantiated data model, confined to the owner thread like {@link ObjectNode}. */
final class TableNode {

    final ObjectDef def;
    final ObjectNode parent;
    /** The table path, e.g. {@code Device.LocalAgent.Controller.}. */
    final String path;
    private final TreeMap<Integer, ObjectNode> byNumber = new TreeMap<>();
    /** The instances by number: read-only, changed through {@link #put} and {@link #remove}. */
    final NavigableMap<Integer, ObjectNode> instances = Collections.unmodifiableNavigableMap(byNumber);
    /** The instances in order as {@link #inOrder} last gave them; null after a change. */
    private ObjectNode[] inOrder;
    /** Instance numbers are increasing and never reused (kept across restarts through the store). */
    int nextNumber = 1;
    /** For platform-backed tables: the instance number of each platform key. */
    final Map<String, Integer> numberByKey = new HashMap<>();
    /** When the platform rows were last read (owner clock, nanoseconds); valid when {@link #synced}. */
    /** The platform's provider of the rows, looked up at the first sync (bindings never change). */
    Optional<Bindings.Provided<TableProvider>> provided;
    long syncedAt;
    boolean synced;
    /** The read ({@code DataModel.get}, {@code instances}) in which the rows were last read; 0 outside reads. */
    long syncedInRead;
    /**
     * The rows the instances were last brought up to date with: when the provider gives this
     * same list again (it keeps its rows while the platform's snapshot is the same), there is
     * nothing to compare. Null after the engine itself added, removed or wrote an instance.
     */
    List<TableProvider.Row> syncedRows;

    TableNode(ObjectDef def, ObjectNode parent, String path) {
        this.def = def;
        this.parent = parent;
        this.path = path;
    }

    void put(ObjectNode instance) {
        byNumber.put(instance.number, instance);
        inOrder = null;
    }

    void remove(int number) {
        byNumber.remove(number);
        inOrder = null;
    }

    /**
     * The instances in order, the same array until one is put or removed: what walks them (a
     * Get, a search, a sync removing the gone ones) does so without copying them, and a change
     * meanwhile (a listener of a sync's events removing a subscription) makes a new array
     * instead of changing this one. Never write into it.
     */
    ObjectNode[] inOrder() {
        ObjectNode[] array = inOrder;
        if (array == null) {
            array = byNumber.values().toArray(new ObjectNode[0]);
            inOrder = array;
        }
        return array;
    }

    int allocateNumber() {
        return nextNumber++;
    }

    @Override
    public String toString() {
        return path;
    }
}

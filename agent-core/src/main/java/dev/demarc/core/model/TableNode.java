package dev.demarc.core.model;

import dev.demarc.core.schema.ObjectDef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A table of the instantiated data model, confined to the owner thread like {@link ObjectNode}. */
final class TableNode {

    final ObjectDef def;
    final ObjectNode parent;
    /** The table path, e.g. {@code Device.LocalAgent.Controller.}. */
    final String path;
    final TreeMap<Integer, ObjectNode> instances = new TreeMap<>();
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

    int allocateNumber() {
        return nextNumber++;
    }

    @Override
    public String toString() {
        return path;
    }
}

package dev.demarc.core.model;

import dev.demarc.core.schema.ObjectDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object of the instantiated data model: a single object or one instance of a table.
 * Mutable, confined to the data model's owner thread, never handed out of the engine.
 */
final class ObjectNode {

    final ObjectDef def;
    final String path;
    final int number;
    final ObjectNode parent;
    final TableNode table;
    final String rowKey;
    /** Values written to this object and persisted (configuration, pinned values). */
    final Map<String, String> stored = new HashMap<>();
    /** Values of the platform row behind this instance (platform-backed tables only). */
    Map<String, String> row = Map.of();
    /** References of the platform row behind this instance, by parameter name. */
    Map<String, List<KeyReference>> references = Map.of();
    /** Provided values kept for reuse, by parameter name; null until one is kept. */
    Map<String, DataModel.Cached> cached;
    /**
     * What the last Get read here, handed out again while a Get reads the very same strings
     * (an encoder then knows the object unchanged by reference); null before the first.
     */
    ObjectValues lastRead;
    /** {@link #referencePath()}, made at its first use. */
    private String referencePath;
    /** This object's reference for providers, made at its first read (path and keys never change). */
    private InstanceRef ref;
    /** The single child objects by name, in the schema's order; fixed when the object is made. */
    final Map<String, ObjectNode> singles;
    /** The child tables by name, in the schema's order; fixed when the object is made. */
    final Map<String, TableNode> tables;
    /** {@link #singles}' and {@link #tables}' values, for a Get to go through without an iterator. */
    final ObjectNode[] singleNodes;
    final TableNode[] tableNodes;

    private ObjectNode(ObjectDef def, String path, int number, ObjectNode parent, TableNode table, String rowKey) {
        this.def = def;
        this.path = path;
        this.number = number;
        this.parent = parent;
        this.table = table;
        this.rowKey = rowKey;
        Map<String, ObjectNode> singleChildren = new LinkedHashMap<>();
        Map<String, TableNode> tableChildren = new LinkedHashMap<>();
        for (ObjectDef child : def.objects()) {
            if (child.table()) {
                tableChildren.put(child.name(), new TableNode(child, this, path + child.name() + "."));
            } else {
                singleChildren.put(child.name(), new ObjectNode(child, path + child.name() + ".", 0, this, null, ""));
            }
        }
        this.singles = Collections.unmodifiableMap(singleChildren);
        this.tables = Collections.unmodifiableMap(tableChildren);
        this.singleNodes = singleChildren.values().toArray(new ObjectNode[0]);
        this.tableNodes = tableChildren.values().toArray(new TableNode[0]);
    }

    static ObjectNode root(ObjectDef def) {
        return new ObjectNode(def, def.path(), 0, null, null, "");
    }

    /**
     * The path a reference to this object holds, without the final dot ({@code
     * Device.Ethernet.Interface.2}): the same string at every read, so that values made of it
     * compare by reference.
     */
    String referencePath() {
        if (referencePath == null) {
            referencePath = path.substring(0, path.length() - 1);
        }
        return referencePath;
    }

    static ObjectNode instance(TableNode table, int number, String rowKey) {
        return new ObjectNode(table.def, table.path + number + ".", number, table.parent, table, rowKey);
    }

    /** The reference a provider or hook is given. */
    InstanceRef ref() {
        if (ref == null) {
            List<String> keys = new ArrayList<>();
            for (ObjectNode n = this; n != null; n = n.parent) {
                if (!n.rowKey.isEmpty()) {
                    keys.add(0, n.rowKey);
                }
            }
            ref = new InstanceRef(path, keys);
        }
        return ref;
    }

    /** This object and every object below it, parents first. */
    void collect(List<ObjectNode> into) {
        into.add(this);
        for (ObjectNode single : singles.values()) {
            single.collect(into);
        }
        for (TableNode t : tables.values()) {
            for (ObjectNode instance : t.instances.values()) {
                instance.collect(into);
            }
        }
    }

    /** The tables of this object and of every object below it. */
    void collectTables(List<TableNode> into) {
        for (ObjectNode single : singles.values()) {
            single.collectTables(into);
        }
        for (TableNode t : tables.values()) {
            into.add(t);
            for (ObjectNode instance : t.instances.values()) {
                instance.collectTables(into);
            }
        }
    }

    @Override
    public String toString() {
        return path;
    }

    void cache(String parameter, DataModel.Cached value) {
        if (cached == null) {
            cached = new HashMap<>(4);
        }
        cached.put(parameter, value);
    }

    /**
     * A transaction wrote this instance's platform row: the next sync of its table compares the
     * platform's rows again even when the platform gives the same rows as before.
     */
    void platformRowWritten() {
        if (table != null) {
            table.syncedRows = null;
        }
    }
}

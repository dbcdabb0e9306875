package dev.demarc.core.model;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.path.Segment;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.store.StoreLimitException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to the data model that take effect together or not at all: a USP Set or Add with
 * {@code allow_partial} false, a CWMP SetParameterValues, the factory defaults.
 *
 * <p>Each operation is checked against the schema when it is made ({@link #set}, {@link #add},
 * {@link #delete}); one that fails leaves the transaction as it was before it, so a caller may
 * go on (USP {@code allow_partial} true) or {@link #rollback()}. {@link #commit()} then checks
 * unique keys, lets the platform apply each change through its {@link WriteHook}s in order
 * (undoing them in reverse order if one refuses), stores the result in one atomic store commit,
 * and tells the model's listeners what changed.
 *
 * <p>Owner thread only, like the {@link DataModel}. Reads made through the model while a
 * transaction is open see its changes.
 */
public final class Transaction {

    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    private final DataModel model;
    private final boolean factory;
    private final List<Change> changes = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();
    final Map<String, Optional<String>> storeChanges = new LinkedHashMap<>();
    private final Set<ObjectNode> created = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<TableNode> touchedTables = new LinkedHashSet<>();
    private final List<ModelEvent> events = new ArrayList<>();
    private boolean finished;

    Transaction(DataModel model, boolean factory) {
        this.model = model;
        this.factory = factory;
        model.writeGeneration++;
    }

    /** Sets {@code parameterPath} (e.g. {@code Device.LocalAgent.Controller.1.Enable}) to {@code value}. */
    public Optional<DmError> set(String parameterPath, String value) {
        int dot = parameterPath == null ? -1 : parameterPath.lastIndexOf('.');
        if (dot < 0 || dot == parameterPath.length() - 1) {
            return Optional.of(DmError.at(String.valueOf(parameterPath), ErrorCode.INVALID_PATH,
                    "not a parameter path"));
        }
        return set(parameterPath.substring(0, dot + 1), parameterPath.substring(dot + 1), value);
    }

    /**
     * Sets parameter {@code parameter} of the one object {@code objectPath} addresses (an
     * instance number or unique-key path; not a search) to {@code value}.
     */
    public Optional<DmError> set(String objectPath, String parameter, String value) {
        requireOpen();
        Result<ObjectNode> node = oneObject(objectPath);
        if (!node.isOk()) {
            return Optional.of(node.error());
        }
        int savepoint = undo.size();
        int changeMark = changes.size();
        int eventMark = events.size();
        Optional<DmError> failed = assign(node.value(), parameter, value, true);
        if (failed.isPresent()) {
            rollbackTo(savepoint, changeMark, eventMark);
        }
        return failed;
    }

    /**
     * Adds an instance to the table {@code tablePath} addresses ({@code
     * Device.LocalAgent.Controller.}) with these parameter values (names relative to the new
     * instance); answers the new instance's path. A table the platform fills takes an Add when
     * its hook names the new row ({@link WriteHook#newRowKey}); the hook makes the row when the
     * transaction commits.
     */
    public Result<String> add(String tablePath, Map<String, String> parameters) {
        return add(tablePath, parameters, Map.of());
    }

    /**
     * {@link #add(String, Map)} with values the agent itself gives the new instance, written
     * first and with the agent's rights (read-only parameters included): the {@code Recipient}
     * and {@code CreationDate} of a subscription a controller adds, set in the same transaction
     * so that the instance never exists without them and its unique keys are checked with
     * them. {@code parameters} may then overwrite what is writable; a key the agent gave counts
     * as given (R-ADD.5 leaves it alone).
     */
    public Result<String> add(String tablePath, Map<String, String> parameters, Map<String, String> agentValues) {
        requireOpen();
        Result<TableNode> table = oneTable(tablePath);
        if (!table.isOk()) {
            return Result.err(table.error());
        }
        TableNode t = table.value();
        if (!t.def.creatable() && !factory) {
            return Result.err(DmError.at(tablePath, ErrorCode.OBJECT_NOT_CREATABLE,
                    t.def.path() + " instances are made by the agent, not by a controller"));
        }
        String rowKey = "";
        if (model.bindings.table(t.def.path()).isPresent()) {
            Result<String> key = newRowKey(t);
            if (!key.isOk()) {
                return Result.err(key.error());
            }
            rowKey = key.value();
        }
        int savepoint = undo.size();
        int changeMark = changes.size();
        int eventMark = events.size();
        Result<ObjectNode> added = createInstance(t, t.nextNumber, rowKey);
        if (!added.isOk()) {
            return Result.err(added.error());
        }
        ObjectNode node = added.value();
        for (Map.Entry<String, String> e : agentValues.entrySet()) {
            Optional<DmError> failed = assign(node, e.getKey(), e.getValue(), false, true);
            if (failed.isPresent()) {
                rollbackTo(savepoint, changeMark, eventMark);
                return Result.err(failed.get());
            }
        }
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            Optional<DmError> failed = assignRelative(node, e.getKey(), e.getValue());
            if (failed.isPresent()) {
                rollbackTo(savepoint, changeMark, eventMark);
                return Result.err(failed.get());
            }
        }
        if (!factory) {
            Set<String> given = new HashSet<>(parameters.keySet());
            given.addAll(agentValues.keySet());
            assignOmittedKeys(node, given, agentValues.keySet());
        }
        finishCreation(node);
        return Result.ok(node.path);
    }

    /**
     * The platform key of an instance a controller adds to a table the platform fills: its hook
     * names the row it will make ({@link WriteHook#newRowKey}); without one, such a table takes
     * no Add.
     */
    private Result<String> newRowKey(TableNode t) {
        String instancePath = t.path + t.nextNumber + ".";
        Optional<WriteHook> hook = model.bindings.hook(t.def.path());
        Optional<String> key;
        try {
            key = hook.isPresent() ? hook.get().newRowKey(instancePath) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("write hook of {} failed to name a new row", t.def.path(), e);
            return Result.err(DmError.at(instancePath, ErrorCode.INTERNAL_ERROR, "the platform failed: " + e));
        }
        if (key.isEmpty()) {
            return Result.err(DmError.at(t.path, ErrorCode.OBJECT_NOT_CREATABLE,
                    t.def.path() + " instances come from the platform"));
        }
        if (key.get().isEmpty() || t.numberByKey.containsKey(key.get())) {
            return Result.err(DmError.at(instancePath, ErrorCode.OBJECT_NOT_CREATED,
                    "the platform named the new row '" + key.get() + "', which is empty or taken"));
        }
        return Result.ok(key.get());
    }

    /**
     * TR-369 R-ADD.5: the agent gives values to the unique-key parameters an Add left out. A
     * string key that is empty becomes {@code cpe-N} (the next free one); a number key that
     * would clash with another instance becomes one more than the largest in the table. Keys the
     * agent cannot give a valid value to are left for the commit's unique-key check.
     */
    private void assignOmittedKeys(ObjectNode node, Set<String> given, Set<String> byAgent) {
        for (List<String> key : node.def.uniqueKeys()) {
            boolean controllerGaveSome = key.stream().anyMatch(k -> given.contains(k) && !byAgent.contains(k));
            if (controllerGaveSome || key.equals(List.of("Alias"))) {
                continue;
            }
            for (String name : key) {
                if (byAgent.contains(name)) {
                    continue;
                }
                ParameterDef p = node.def.parameter(name).orElseThrow();
                Result<String> current = model.readValue(node, p);
                String value = current.isOk() ? current.value() : "";
                Optional<String> chosen = Optional.empty();
                if (p.type().base() == dev.demarc.core.schema.BaseType.STRING && !p.type().isList() && value.isEmpty()) {
                    chosen = freeString(node, p);
                } else if (p.type().base().isInteger() && !p.type().isList() && clashes(node, p, value)) {
                    chosen = nextNumber(node, p);
                }
                chosen.ifPresent(v -> assign(node, name, v, false));
            }
        }
    }

    private Optional<String> freeString(ObjectNode node, ParameterDef p) {
        for (int n = node.number; n < node.number + node.table.def.maxEntries() + 1; n++) {
            String candidate = "cpe-" + n;
            if (p.type().check(candidate).isEmpty() && !clashes(node, p, candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Optional<String> nextNumber(ObjectNode node, ParameterDef p) {
        java.math.BigInteger max = java.math.BigInteger.ZERO;
        for (ObjectNode sibling : node.table.instances.values()) {
            Result<String> v = model.readValue(sibling, p);
            if (sibling != node && v.isOk() && p.type().check(v.value()).isEmpty()) {
                max = max.max(new java.math.BigInteger(p.type().normalize(v.value())));
            }
        }
        String candidate = max.add(java.math.BigInteger.ONE).toString();
        return p.type().check(candidate).isEmpty() ? Optional.of(candidate) : Optional.empty();
    }

    private boolean clashes(ObjectNode node, ParameterDef p, String value) {
        for (ObjectNode sibling : node.table.instances.values()) {
            if (sibling != node) {
                Result<String> v = model.readValue(sibling, p);
                if (v.isOk() && v.value().equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Deletes the one instance {@code instancePath} addresses. */
    public Optional<DmError> delete(String instancePath) {
        requireOpen();
        Result<Resolution> r = model.resolve(instancePath);
        if (!r.isOk()) {
            return Optional.of(r.error());
        }
        List<Resolved> matches = r.value().matches();
        if (matches.size() != 1 || r.value().search()) {
            return Optional.of(DmError.at(instancePath, matches.isEmpty() ? ErrorCode.OBJECT_DOES_NOT_EXIST
                    : ErrorCode.INVALID_ARGUMENTS, matches.isEmpty() ? "no such instance"
                    : "the path must address one instance"));
        }
        Resolved m = matches.get(0);
        if (m.kind() != PathName.Kind.OBJECT || m.wholeTable() || !m.object().table()) {
            return Optional.of(DmError.at(instancePath, ErrorCode.NOT_A_TABLE, "not the path of a table instance"));
        }
        ObjectNode node = model.nodeAt(m.objectPath());
        TableNode t = node.table;
        boolean platform = model.bindings.table(t.def.path()).isPresent();
        if (!factory && (!t.def.creatable() || platform && model.bindings.hook(t.def.path()).isEmpty())) {
            return Optional.of(DmError.at(node.path, ErrorCode.DELETE_FAILURE,
                    t.def.path() + " instances cannot be deleted by a controller"));
        }
        Map<String, String> values = currentValues(node);
        Map<String, Optional<String>> removed = new LinkedHashMap<>();
        model.removeInstance(node, removed);
        undo.add(() -> {
            t.put(node);
            t.syncedRows = null;
            if (!node.rowKey.isEmpty()) {
                t.numberByKey.put(node.rowKey, node.number);
            }
        });
        removed.forEach(this::putStore);
        changes.add(new Change.InstanceDeleted(node.ref(), values));
        events.add(new ModelEvent.ObjectDeleted(node.path));
        return Optional.empty();
    }

    /**
     * Makes every change of the transaction real, or none: checks unique keys, lets the
     * platform apply the changes, stores them. Answers what changed.
     */
    public Result<List<ModelEvent>> commit() {
        requireOpen();
        Optional<DmError> conflict = uniqueKeyConflict();
        if (conflict.isPresent()) {
            rollback();
            return Result.err(conflict.get());
        }
        List<Map.Entry<WriteHook, Change>> applied = new ArrayList<>();
        for (Change change : changes) {
            Optional<WriteHook> hook = model.bindings.hook(hookPath(change));
            if (hook.isEmpty()) {
                continue;
            }
            Optional<DmError> refused;
            try {
                refused = hook.get().apply(change, this::keyReferenceOf);
            } catch (RuntimeException e) {
                LOG.error("write hook failed on {}", change, e);
                refused = Optional.of(DmError.of(ErrorCode.INTERNAL_ERROR, "the platform failed: " + e));
            }
            if (refused.isPresent()) {
                revert(applied);
                rollback();
                DmError e = refused.get();
                return Result.err(e.path().isEmpty() ? e.withPath(pathOf(change)) : e);
            }
            applied.add(Map.entry(hook.get(), change));
        }
        if (!storeChanges.isEmpty()) {
            try {
                model.store.commit(storeChanges);
            } catch (StoreLimitException e) {
                LOG.warn("a transaction is over the store's bounds; nothing changed: {}", e.getMessage());
                revert(applied);
                rollback();
                return Result.err(ErrorCode.RESOURCES_EXCEEDED, "the change is too large to store: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.error("could not store a transaction; nothing changed", e);
                revert(applied);
                rollback();
                return Result.err(ErrorCode.INTERNAL_ERROR, "could not store the change: " + e.getMessage());
            }
        }
        finished = true;
        model.openTransaction = null;
        List<ModelEvent> done = List.copyOf(events);
        model.publish(done);
        return Result.ok(done);
    }

    /** Drops every change; the model is as it was when the transaction began. */
    public void rollback() {
        if (finished) {
            return;
        }
        rollbackTo(0, 0, 0);
        finished = true;
        model.openTransaction = null;
    }

    // ------------------------------------------------------------------ factory defaults

    /**
     * One line of the factory defaults: creates the instances the path names, with the numbers
     * it gives, and sets the parameter, read-only ones included (the platform's value is then
     * pinned to it).
     */
    Optional<DmError> assignFactoryDefault(String parameterPath, String value) {
        Result<PathName> parsed = PathParser.parse(parameterPath);
        if (!parsed.isOk()) {
            return Optional.of(parsed.error());
        }
        List<Segment> segs = parsed.value().segments();
        if (parsed.value().kind() != PathName.Kind.PARAMETER
                || !(segs.get(0) instanceof Segment.Name first) || !first.name().equals(model.schema.root().name())) {
            return Optional.of(DmError.of(ErrorCode.INVALID_PATH, "not a parameter path of this data model"));
        }
        ObjectNode node = model.nodeAt(model.schema.root().path());
        for (int i = 1; i < segs.size() - 1; i++) {
            if (!(segs.get(i) instanceof Segment.Name name)) {
                return Optional.of(DmError.of(ErrorCode.INVALID_PATH, "unexpected " + segs.get(i)));
            }
            ObjectNode single = node.singles.get(name.name());
            if (single != null) {
                node = single;
                continue;
            }
            TableNode t = node.tables.get(name.name());
            if (t == null) {
                return Optional.of(DmError.of(ErrorCode.INVALID_PATH, node.def.path() + " has no object " + name.name()));
            }
            if (i + 1 >= segs.size() - 1 || !(segs.get(i + 1) instanceof Segment.Instance number)) {
                return Optional.of(DmError.of(ErrorCode.INVALID_PATH, t.path + " is a table: give an instance number"));
            }
            if (model.bindings.table(t.def.path()).isPresent()) {
                return Optional.of(DmError.of(ErrorCode.INVALID_PATH,
                        t.def.path() + " instances come from the platform and cannot be made by the defaults"));
            }
            ObjectNode instance = t.instances.get(number.number());
            if (instance == null) {
                Result<ObjectNode> made = createInstance(t, number.number());
                if (!made.isOk()) {
                    return Optional.of(made.error());
                }
                instance = made.value();
                finishCreation(instance);
            }
            node = instance;
            i++;
        }
        return assign(node, ((Segment.Name) segs.get(segs.size() - 1)).name(), value, true);
    }

    // ------------------------------------------------------------------ internals

    private Result<ObjectNode> createInstance(TableNode t, int number) {
        return createInstance(t, number, "");
    }

    /**
     * A new instance; with a {@code rowKey}, the row a controller adds to a table the platform
     * fills: until the platform's rows are read again, every parameter but {@code Alias} is taken
     * to come from the row, starting at its default, so that what the Add gives goes to the hook
     * (in the {@link Change.InstanceAdded}) and not to the store.
     */
    private Result<ObjectNode> createInstance(TableNode t, int number, String rowKey) {
        if (t.instances.size() >= t.def.maxEntries()) {
            return Result.err(DmError.at(t.path, ErrorCode.RESOURCES_EXCEEDED,
                    t.path + " already has its maximum of " + t.def.maxEntries() + " instances"));
        }
        if (t.instances.containsKey(number)) {
            return Result.err(DmError.at(t.path + number + ".", ErrorCode.OBJECT_NOT_CREATED, "instance exists"));
        }
        int previousNext = t.nextNumber;
        t.nextNumber = Math.max(t.nextNumber, number + 1);
        ObjectNode node = ObjectNode.instance(t, number, rowKey);
        t.put(node);
        t.syncedRows = null;
        created.add(node);
        touchedTables.add(t);
        if (!rowKey.isEmpty()) {
            node.row = initialRow(node);
            t.numberByKey.put(rowKey, number);
        }
        undo.add(() -> {
            t.remove(number);
            t.syncedRows = null;
            if (!rowKey.isEmpty()) {
                t.numberByKey.remove(rowKey);
            }
            created.remove(node);
            if (factory) {
                t.nextNumber = previousNext;
            }
        });
        if (rowKey.isEmpty()) {
            putStore(node.path, Optional.of(""));
        } else {
            putStore(StoreKeys.rowKey(node), Optional.of(rowKey));
        }
        putStore(StoreKeys.next(t), Optional.of(Integer.toString(t.nextNumber)));
        return Result.ok(node);
    }

    /** The defaults of the parameters a new platform row gives: all but Alias, counts and provided ones. */
    private Map<String, String> initialRow(ObjectNode node) {
        Map<String, String> row = new HashMap<>();
        for (ParameterDef p : node.def.parameters()) {
            if (!p.isNumberOfEntries() && !p.name().equals("Alias")
                    && model.bindings.parameter(node.def.path() + p.name()).isEmpty()) {
                row.put(p.name(), p.defaultValue());
            }
        }
        return Map.copyOf(row);
    }

    /**
     * The instances a value written to a parameter the platform gives as references names: each
     * must be an instance of a table the platform fills, the only kind of reference a row holds.
     */
    private Result<List<KeyReference>> keyReferences(String value, String path) {
        List<KeyReference> refs = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String reference = item.trim();
            if (reference.isEmpty()) {
                continue;
            }
            Optional<KeyReference> ref = keyReferenceOf(reference);
            if (ref.isEmpty()) {
                return Result.err(DmError.at(path, ErrorCode.INVALID_VALUE,
                        reference + " is not an instance the platform knows"));
            }
            refs.add(ref.get());
        }
        return Result.ok(refs);
    }

    /** {@link InstanceKeys} over the instances as this transaction sees them. */
    private Optional<KeyReference> keyReferenceOf(String instancePath) {
        if (instancePath == null || instancePath.isEmpty()) {
            return Optional.empty();
        }
        Result<Resolution> r = model.resolve(instancePath.endsWith(".") ? instancePath : instancePath + ".");
        if (!r.isOk() || r.value().search() || r.value().matches().size() != 1
                || r.value().matches().get(0).wholeTable()) {
            return Optional.empty();
        }
        ObjectNode node = model.nodeAtOrNull(r.value().matches().get(0).objectPath());
        if (node == null || node.table == null || node.rowKey.isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = node.ref().rowKeys();
        try {
            return Optional.of(new KeyReference(node.def.path(), keys));
        } catch (IllegalArgumentException e) {
            // An engine-stored instance on the way: not a reference the platform can hold.
            return Optional.empty();
        }
    }

    /** After the values a creation gives: the generated Alias, the change, the event. */
    private void finishCreation(ObjectNode node) {
        model.assignAlias(node).ifPresent(alias -> {
            undo.add(() -> node.stored.remove("Alias"));
            putStore(node.path + "Alias", Optional.of(alias));
        });
        changes.add(new Change.InstanceAdded(node.ref(), currentValues(node)));
        events.add(new ModelEvent.ObjectCreated(node.path, model.uniqueKeyValues(node)));
    }

    /** A parameter given in an Add by a path relative to the new instance, e.g. {@code Stats.X}. */
    private Optional<DmError> assignRelative(ObjectNode instance, String relative, String value) {
        if (relative == null || relative.isEmpty()) {
            return Optional.of(DmError.at(instance.path, ErrorCode.INVALID_ARGUMENTS, "empty parameter name"));
        }
        String[] names = relative.split("\\.", -1);
        ObjectNode node = instance;
        for (int i = 0; i < names.length - 1; i++) {
            node = node.singles.get(names[i]);
            if (node == null) {
                return Optional.of(DmError.at(instance.path + relative, ErrorCode.UNSUPPORTED_PARAMETER,
                        instance.def.path() + " has no single object " + names[i]));
            }
        }
        return assign(node, names[names.length - 1], value, false);
    }

    /**
     * Writes one parameter after checking the schema. {@code record} is false for the values
     * an Add gives, which the InstanceAdded change carries.
     */
    private Optional<DmError> assign(ObjectNode node, String name, String value, boolean record) {
        return assign(node, name, value, record, factory);
    }

    /** {@code agentRights}: the agent writes it, read-only or not (factory defaults, agent values). */
    private Optional<DmError> assign(ObjectNode node, String name, String value, boolean record, boolean agentRights) {
        String path = node.path + name;
        Optional<ParameterDef> found = node.def.parameter(name);
        if (found.isEmpty()) {
            return Optional.of(DmError.at(path, ErrorCode.UNSUPPORTED_PARAMETER,
                    node.def.path() + " has no parameter " + name));
        }
        ParameterDef p = found.get();
        boolean creating = created.contains(node) || node.table == null && created.contains(nearestInstance(node));
        if (p.isNumberOfEntries()
                || p.access() == Access.READ_ONLY && !agentRights
                || p.access() == Access.WRITE_ONCE_READ_ONLY && !agentRights && !creating) {
            return Optional.of(DmError.at(path, ErrorCode.PARAMETER_READ_ONLY,
                    name + " is " + (p.access() == Access.WRITE_ONCE_READ_ONLY
                            ? "written only when the instance is created" : "read-only")));
        }
        if (value == null) {
            return Optional.of(DmError.at(path, ErrorCode.INVALID_TYPE, "no value"));
        }
        Optional<DmError> invalid = p.type().check(value);
        if (invalid.isPresent()) {
            return Optional.of(invalid.get().withPath(path));
        }
        String normalized = p.type().normalize(value);
        Result<String> current = model.readValue(node, p);
        String old = current.isOk() ? current.value() : "";
        if (old.equals(normalized) && !factory) {
            return Optional.empty();
        }
        if (model.isProvided(node, p) && !factory) {
            if (model.bindings.hook(node.def.path()).isEmpty()) {
                return Optional.of(DmError.at(path, ErrorCode.PARAMETER_ACTION_FAILED,
                        "the platform cannot change " + name));
            }
            if (node.row.containsKey(name)) {
                Map<String, String> before = node.row;
                Map<String, String> after = new HashMap<>(before);
                after.put(name, normalized);
                node.row = Map.copyOf(after);
                node.platformRowWritten();
                undo.add(() -> node.row = before);
            } else if (node.references.containsKey(name)) {
                Result<List<KeyReference>> refs = keyReferences(normalized, path);
                if (!refs.isOk()) {
                    return Optional.of(refs.error());
                }
                Map<String, List<KeyReference>> before = node.references;
                Map<String, List<KeyReference>> after = new HashMap<>(before);
                after.put(name, refs.value());
                node.references = Map.copyOf(after);
                node.platformRowWritten();
                undo.add(() -> node.references = before);
            } else {
                model.putCache(node, name, normalized);
                undo.add(() -> model.dropCache(node, name));
            }
        } else {
            String before = node.stored.put(name, normalized);
            undo.add(() -> {
                if (before == null) {
                    node.stored.remove(name);
                } else {
                    node.stored.put(name, before);
                }
            });
            putStore(path, Optional.of(normalized));
        }
        if (isUniqueKeyParameter(node.def, name) && node.table != null) {
            touchedTables.add(node.table);
        }
        if (record && !created.contains(node)) {
            changes.add(new Change.ValueSet(node.ref(), name, old, normalized));
            events.add(new ModelEvent.ValueChanged(path, p.hidden() ? "" : normalized));
        }
        return Optional.empty();
    }

    private static ObjectNode nearestInstance(ObjectNode node) {
        ObjectNode n = node;
        while (n != null && n.table == null) {
            n = n.parent;
        }
        return n;
    }

    private static boolean isUniqueKeyParameter(ObjectDef def, String name) {
        for (List<String> key : def.uniqueKeys()) {
            if (key.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private void putStore(String key, Optional<String> value) {
        boolean had = storeChanges.containsKey(key);
        Optional<String> before = storeChanges.put(key, value);
        undo.add(() -> {
            if (had) {
                storeChanges.put(key, before);
            } else {
                storeChanges.remove(key);
            }
        });
    }

    private Map<String, String> currentValues(ObjectNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ParameterDef p : node.def.parameters()) {
            Result<String> v = model.readValue(node, p);
            values.put(p.name(), v.isOk() ? v.value() : "");
        }
        return values;
    }

    private Optional<DmError> uniqueKeyConflict() {
        for (TableNode t : touchedTables) {
            for (List<String> key : t.def.uniqueKeys()) {
                Map<List<String>, ObjectNode> seen = new HashMap<>();
                for (ObjectNode instance : t.instances.values()) {
                    List<String> values = new ArrayList<>(key.size());
                    for (String name : key) {
                        Result<String> v = model.readValue(instance, instance.def.parameter(name).orElseThrow());
                        values.add(v.isOk() ? v.value() : "");
                    }
                    ObjectNode other = seen.putIfAbsent(values, instance);
                    if (other != null) {
                        return Optional.of(DmError.at(instance.path, ErrorCode.DUPLICATE_UNIQUE_KEY,
                                instance.path + " and " + other.path + " have the same unique key "
                                        + String.join("+", key) + " = " + values));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String hookPath(Change change) {
        return dev.demarc.core.schema.Schema.supportedPathOf(change.object().path());
    }

    private static String pathOf(Change change) {
        return change instanceof Change.ValueSet v ? v.path() : change.object().path();
    }

    private static void revert(List<Map.Entry<WriteHook, Change>> applied) {
        for (int i = applied.size() - 1; i >= 0; i--) {
            Map.Entry<WriteHook, Change> e = applied.get(i);
            try {
                e.getKey().revert(e.getValue());
            } catch (RuntimeException ex) {
                LOG.error("could not revert {} on the platform", e.getValue(), ex);
            }
        }
    }

    private void rollbackTo(int undoMark, int changeMark, int eventMark) {
        for (int i = undo.size() - 1; i >= undoMark; i--) {
            undo.remove(i).run();
        }
        changes.subList(changeMark, changes.size()).clear();
        events.subList(eventMark, events.size()).clear();
    }

    private Result<ObjectNode> oneObject(String objectPath) {
        Result<Resolution> r = model.resolve(objectPath);
        if (!r.isOk()) {
            return Result.err(r.error());
        }
        List<Resolved> matches = r.value().matches();
        if (matches.isEmpty()) {
            return Result.err(DmError.at(objectPath, ErrorCode.OBJECT_DOES_NOT_EXIST, "no such object"));
        }
        if (matches.size() > 1 || r.value().search()) {
            return Result.err(DmError.at(objectPath, ErrorCode.INVALID_ARGUMENTS, "the path must address one object"));
        }
        Resolved m = matches.get(0);
        if (m.kind() != PathName.Kind.OBJECT || m.wholeTable()) {
            return Result.err(DmError.at(objectPath, ErrorCode.INVALID_PATH, "not the path of an object or instance"));
        }
        return Result.ok(model.nodeAt(m.objectPath()));
    }

    private Result<TableNode> oneTable(String tablePath) {
        Result<Resolution> r = model.resolve(tablePath);
        if (!r.isOk()) {
            return Result.err(r.error());
        }
        List<Resolved> matches = r.value().matches();
        if (matches.isEmpty()) {
            return Result.err(DmError.at(tablePath, ErrorCode.OBJECT_DOES_NOT_EXIST, "no such object"));
        }
        if (matches.size() > 1) {
            return Result.err(DmError.at(tablePath, ErrorCode.INVALID_ARGUMENTS, "the path must address one table"));
        }
        Resolved m = matches.get(0);
        if (m.kind() != PathName.Kind.OBJECT || !m.wholeTable()) {
            return Result.err(DmError.at(tablePath, ErrorCode.NOT_A_TABLE, "not the path of a table"));
        }
        return Result.ok(model.tableAt(m.objectPath()));
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("the transaction is finished");
        }
    }
}

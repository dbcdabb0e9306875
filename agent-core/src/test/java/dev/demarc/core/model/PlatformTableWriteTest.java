package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.store.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Controllers writing to tables the platform fills: adding a row through the table's hook (a
 * port forward), deleting one, and writing a reference the platform holds by key.
 */
class PlatformTableWriteTest {

    private static final Schema SCHEMA = Schema.of(ObjectDef.single("Device")
            .tableWithCount(ObjectDef.table("Port").uniqueKey("Name")
                    .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(16))))
            .tableWithCount(ObjectDef.table("Forward").creatable().uniqueKey("Alias").uniqueKey("ExternalPort")
                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                    .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                    .param(ParameterDef.readWrite("ExternalPort", ValueType.unsignedInt()).withDefault("0"))
                    .param(ParameterDef.readWrite("Port", ValueType.string().maxLength(256))))
            .buildRoot());

    private final TestModel.FakeClock clock = new TestModel.FakeClock();
    private final InMemoryStore store = new InMemoryStore();
    private final List<String> ports = new ArrayList<>(List.of("eth0", "eth1"));
    /** The platform's forwards: key -> [enable, external port, port key]. */
    private final Map<String, List<String>> forwards = new LinkedHashMap<>();
    private final List<String> hookLog = new ArrayList<>();
    private String refuse = "";
    private int made;

    private final WriteHook forwardHook = new WriteHook() {
        @Override
        public Optional<DmError> apply(Change change) {
            throw new AssertionError("the engine gives the instance keys");
        }

        @Override
        public Optional<DmError> apply(Change change, InstanceKeys keys) {
            if (change instanceof Change.InstanceAdded added) {
                if (!refuse.isEmpty() && added.values().get("ExternalPort").equals(refuse)) {
                    return Optional.of(DmError.of(ErrorCode.INVALID_CONFIGURATION, "platform says no"));
                }
                String port = keys.of(added.values().get("Port")).map(r -> r.keys().get(0)).orElse("");
                forwards.put(added.object().rowKey(),
                        List.of(added.values().get("Enable"), added.values().get("ExternalPort"), port));
                hookLog.add("add " + added.object().rowKey() + " " + forwards.get(added.object().rowKey()));
            } else if (change instanceof Change.ValueSet set) {
                Optional<KeyReference> ref = keys.of(set.newValue());
                hookLog.add("set " + set.object().rowKey() + " " + set.parameter() + "=" + set.newValue()
                        + ref.map(r -> " (" + r.supportedTablePath() + " " + r.keys() + ")").orElse(""));
            } else if (change instanceof Change.InstanceDeleted deleted) {
                forwards.remove(deleted.object().rowKey());
                hookLog.add("delete " + deleted.object().rowKey());
            }
            return Optional.empty();
        }

        @Override
        public void revert(Change change) {
            if (change instanceof Change.InstanceAdded added) {
                forwards.remove(added.object().rowKey());
            }
            hookLog.add("revert " + change.getClass().getSimpleName() + " " + change.object().rowKey());
        }

        @Override
        public Optional<String> newRowKey(String instancePath) {
            return Optional.of("fwd" + (++made));
        }
    };

    private Bindings bindings(WriteHook hook) {
        return Bindings.builder(SCHEMA)
                .table("Device.Port.{i}.", parent -> Result.ok(ports.stream()
                        .map(p -> new TableProvider.Row(p, Map.of("Name", p))).toList()), Duration.ofSeconds(30))
                .table("Device.Forward.{i}.", parent -> {
                    List<TableProvider.Row> rows = new ArrayList<>();
                    forwards.forEach((key, v) -> rows.add(new TableProvider.Row(key,
                            Map.of("Enable", v.get(0), "ExternalPort", v.get(1)),
                            Map.of("Port", v.get(2).isEmpty() ? List.of()
                                    : List.of(KeyReference.of("Device.Port.{i}.", v.get(2)))))));
                    return Result.ok(rows);
                }, Duration.ofSeconds(30))
                .hook("Device.Forward.{i}.", hook)
                .build();
    }

    private DataModel open(Bindings bindings, InMemoryStore on, boolean fresh) {
        return DataModel.open(SCHEMA, bindings, on, fresh, List.of(), "test", DataModel.Limits.DEFAULT,
                clock::nanos).value();
    }

    private final DataModel model = open(bindings(forwardHook), store, true);

    private Result<String> addOne(Map<String, String> values) {
        Transaction tx = model.begin();
        Result<String> added = tx.add("Device.Forward.", values);
        if (!added.isOk()) {
            tx.rollback();
            return added;
        }
        Result<List<ModelEvent>> committed = tx.commit();
        return committed.isOk() ? added : Result.err(committed.error());
    }

    @Test
    void an_instance_added_to_a_platform_table_becomes_the_row_its_hook_made() {
        forwards.put("existing", List.of("true", "22", "eth0"));
        assertEquals("1", model.read("Device.ForwardNumberOfEntries").value());
        assertEquals("2", model.read("Device.PortNumberOfEntries").value());
        List<ModelEvent> heard = new ArrayList<>();
        model.addListener(heard::addAll);

        Result<String> added = addOne(Map.of("Enable", "true", "ExternalPort", "8080", "Port", "Device.Port.2"));

        assertEquals("Device.Forward.2.", added.value());
        assertEquals(List.of("add fwd1 [true, 8080, eth1]"), hookLog);
        assertEquals(List.of(new ModelEvent.ObjectCreated("Device.Forward.2.",
                Map.of("Alias", "cpe-2", "ExternalPort", "8080"))), heard);
        heard.clear();
        model.platformChanged("Device.Forward.");
        assertEquals(List.of(), heard, "the row the hook made is the instance the controller added");
        assertEquals("Device.Port.2", model.read("Device.Forward.2.Port").value());
        assertEquals("cpe-2", model.read("Device.Forward.2.Alias").value());
        assertFalse(store.snapshot().containsKey("Device.Forward.2.ExternalPort"), "the platform holds the values");
        assertEquals("fwd1", store.snapshot().get("#key:Device.Forward.2."));

        DataModel restarted = open(bindings(forwardHook), new InMemoryStore(store.snapshot()), false);
        assertEquals("8080", restarted.read("Device.Forward.2.ExternalPort").value());
        assertEquals("cpe-2", restarted.read("Device.Forward.2.Alias").value());
    }

    @Test
    void an_add_the_platform_refuses_leaves_nothing_behind() {
        Map<String, String> storedBefore = store.snapshot();
        refuse = "8080";
        Result<String> added = addOne(Map.of("ExternalPort", "8080"));
        assertEquals(ErrorCode.INVALID_CONFIGURATION, added.error().code());
        assertEquals(List.of(), hookLog);
        assertEquals("0", model.read("Device.ForwardNumberOfEntries").value());
        assertEquals(storedBefore, store.snapshot());

        // The key the refused Add had reserved is free again.
        forwards.put("fwd1", List.of("true", "443", ""));
        model.platformChanged("Device.Forward.");
        assertEquals("443", model.read("Device.Forward.2.ExternalPort").value());
    }

    @Test
    void a_later_failure_reverts_the_added_row() {
        refuse = "9";
        Transaction tx = model.begin();
        assertTrue(tx.add("Device.Forward.", Map.of("ExternalPort", "8080")).isOk());
        assertTrue(tx.add("Device.Forward.", Map.of("ExternalPort", "9")).isOk());
        assertFalse(tx.commit().isOk());
        assertEquals(List.of("add fwd1 [false, 8080, ]", "revert InstanceAdded fwd1"), hookLog);
        assertEquals(Map.of(), forwards);
        assertEquals("0", model.read("Device.ForwardNumberOfEntries").value());
    }

    @Test
    void a_platform_table_whose_hook_names_no_row_takes_no_add() {
        WriteHook setOnly = new WriteHook() {
            @Override
            public Optional<DmError> apply(Change change) {
                return Optional.empty();
            }

            @Override
            public void revert(Change change) {
            }
        };
        DataModel m = open(bindings(setOnly), new InMemoryStore(), true);
        Transaction tx = m.begin();
        assertEquals(ErrorCode.OBJECT_NOT_CREATABLE, tx.add("Device.Forward.", Map.of()).error().code());
        tx.rollback();
    }

    @Test
    void a_written_reference_reaches_the_hook_by_key_and_reads_back_at_once() {
        forwards.put("existing", List.of("true", "22", "eth0"));
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.set("Device.Forward.1.Port", "Device.Port.2"));
        assertTrue(tx.commit().isOk());
        assertEquals(List.of("set existing Port=Device.Port.2 (Device.Port.{i}. [eth1])"), hookLog);
        assertEquals("Device.Port.2", model.read("Device.Forward.1.Port").value());

        Transaction bad = model.begin();
        Optional<DmError> refused = bad.set("Device.Forward.1.Port", "Device.Port.7");
        bad.rollback();
        assertEquals(ErrorCode.INVALID_VALUE, refused.get().code());
        assertEquals("Device.Port.2", model.read("Device.Forward.1.Port").value());
    }

    @Test
    void a_platform_row_is_deleted_through_its_hook() {
        forwards.put("existing", List.of("true", "22", "eth0"));
        model.read("Device.ForwardNumberOfEntries");
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.delete("Device.Forward.1."));
        assertTrue(tx.commit().isOk());
        assertEquals(List.of("delete existing"), hookLog);
        model.platformChanged("Device.Forward.");
        assertEquals("0", model.read("Device.ForwardNumberOfEntries").value());
    }
}

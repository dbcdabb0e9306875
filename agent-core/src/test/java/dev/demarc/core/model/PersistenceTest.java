package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.store.InMemoryStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stored configuration across restarts, factory defaults and factory reset. */
class PersistenceTest {

    private final TestModel.FakeClock clock = new TestModel.FakeClock();
    private final InMemoryStore store = new InMemoryStore();

    private static final List<Assignment> DEFAULTS = List.of(
            new Assignment("Device.Info.ProvisioningCode", "factory", 1),
            new Assignment("Device.Thing.5.Name", "preset", 2),
            new Assignment("Device.Thing.5.Alias", "wan", 3),
            new Assignment("Device.Thing.5.Item.1.Key", "k", 4),
            new Assignment("Device.Info.UpTime", "42", 5));

    private DataModel restart(DataModel ignored) {
        return TestModel.open(Bindings.none(), new InMemoryStore(store.snapshot()), false, DEFAULTS, clock);
    }

    @Test
    void factory_defaults_create_the_instances_they_name_with_their_numbers() {
        DataModel model = TestModel.open(Bindings.none(), store, true, DEFAULTS, clock);
        assertEquals("factory", model.read("Device.Info.ProvisioningCode").value());
        assertEquals("preset", model.read("Device.Thing.5.Name").value());
        assertEquals("wan", model.read("Device.Thing.5.Alias").value());
        assertEquals("k", model.read("Device.Thing.5.Item.1.Key").value());
        assertEquals("42", model.read("Device.Info.UpTime").value(), "a read-only value is pinned by the defaults");
        Transaction tx = model.begin();
        assertEquals("Device.Thing.6.", tx.add("Device.Thing.", Map.of("Name", "next")).value());
        tx.rollback();
    }

    @Test
    void a_provided_read_only_parameter_is_pinned_by_the_defaults() {
        Bindings bindings = Bindings.builder(TestModel.SCHEMA)
                .parameter("Device.Info.UpTime", o -> Result.ok("7"), Duration.ZERO).build();
        DataModel pinned = TestModel.open(bindings, store, true, DEFAULTS, clock);
        assertEquals("42", pinned.read("Device.Info.UpTime").value());
        DataModel free = TestModel.open(bindings, new InMemoryStore(), true, List.of(), clock);
        assertEquals("7", free.read("Device.Info.UpTime").value());
    }

    @Test
    void configuration_survives_a_restart_with_the_same_instance_numbers() {
        DataModel model = TestModel.open(Bindings.none(), store, true, DEFAULTS, clock);
        Transaction tx = model.begin();
        String added = tx.add("Device.Thing.", Map.of("Name", "mine", "Port", "8443", "Tags", "x,y")).value();
        tx.set("Device.Thing.5.Enable", "true");
        tx.set("Device.Info.Secret", "s3cret");
        assertTrue(tx.commit().isOk());
        tx = model.begin();
        tx.delete("Device.Thing.5.Item.1.");
        assertTrue(tx.commit().isOk());

        DataModel again = restart(model);
        assertEquals(model.get("Device.", 0).value(), again.get("Device.", 0).value());
        assertEquals("8443", again.read(added + "Port").value());
        assertEquals("0", again.read("Device.Thing.5.ItemNumberOfEntries").value());
        tx = again.begin();
        assertEquals("Device.Thing.5.Item.2.", tx.add("Device.Thing.5.Item.", Map.of("Key", "n")).value(),
                "instance numbers are not reused across restarts");
        tx.rollback();
    }

    @Test
    void a_first_start_with_no_defaults_still_marks_the_store_as_initialized() {
        TestModel.open(Bindings.none(), store, true, List.of(), clock);
        assertFalse(store.snapshot().isEmpty(), "the next start must not look like a first start");
    }

    @Test
    void the_defaults_are_applied_only_on_a_fresh_store() {
        DataModel model = TestModel.open(Bindings.none(), store, true, DEFAULTS, clock);
        Transaction tx = model.begin();
        tx.set("Device.Info.ProvisioningCode", "changed");
        assertTrue(tx.commit().isOk());
        assertEquals("changed", restart(model).read("Device.Info.ProvisioningCode").value());
    }

    @Test
    void factory_reset_forgets_everything_and_applies_the_defaults_again() {
        DataModel model = TestModel.open(Bindings.none(), store, true, DEFAULTS, clock);
        Transaction tx = model.begin();
        tx.add("Device.Thing.", Map.of("Name", "mine"));
        tx.set("Device.Info.ProvisioningCode", "changed");
        tx.delete("Device.Thing.5.");
        assertTrue(tx.commit().isOk());
        assertEquals(Optional.empty(), model.factoryReset());
        assertEquals("factory", model.read("Device.Info.ProvisioningCode").value());
        assertEquals("1", model.read("Device.ThingNumberOfEntries").value());
        assertEquals("preset", model.read("Device.Thing.5.Name").value());
        DataModel again = restart(model);
        assertEquals(model.get("Device.", 0).value(), again.get("Device.", 0).value());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "Device.Nope.X                | 1   | test.defaults:7: Device.Nope.X:",
        "Device.Thing.1.Port          | abc | test.defaults:7: Device.Thing.1.Port:",
        "Device.Thing.Port            | 1   | test.defaults:7: Device.Thing.Port:",
        "Device.ThingNumberOfEntries  | 3   | test.defaults:7: Device.ThingNumberOfEntries:",
        "Device.Iface.1.Speed         | 3   | test.defaults:7: Device.Iface.1.Speed:",
    })
    void a_bad_default_stops_the_start_naming_file_and_line(String path, String value, String prefix) {
        List<Assignment> bad = new java.util.ArrayList<>(DEFAULTS);
        bad.add(new Assignment(path, value, 7));
        Bindings bindings = Bindings.builder(TestModel.SCHEMA)
                .table("Device.Iface.{i}.", p -> Result.ok(List.of()), Duration.ZERO).build();
        Result<DataModel> r = DataModel.open(TestModel.SCHEMA, bindings, store, true, bad, "test.defaults",
                DataModel.Limits.DEFAULT, clock::nanos);
        assertFalse(r.isOk());
        assertEquals(ErrorCode.INVALID_CONFIGURATION, r.error().code());
        assertTrue(r.error().message().startsWith(prefix), r.error().message());
        assertEquals(Map.of(), store.snapshot(), "nothing is stored from a bad defaults file");
    }

    @Test
    void a_stored_value_that_no_longer_fits_the_schema_is_dropped_not_fatal() {
        DataModel model = TestModel.open(Bindings.none(), store, true, DEFAULTS, clock);
        Map<String, String> tampered = new HashMap<>(store.snapshot());
        tampered.put("Device.Thing.5.Port", "not-a-number");
        tampered.put("Device.Gone.Param", "x");
        tampered.put("Device.Thing.99.Gone.", "");
        DataModel again = TestModel.open(Bindings.none(), new InMemoryStore(tampered), false, DEFAULTS, clock);
        assertEquals("80", again.read("Device.Thing.5.Port").value());
        assertEquals(model.read("Device.Thing.5.Name").value(), again.read("Device.Thing.5.Name").value());
    }
}

package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.store.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The provider SPI: provided parameters with a time to live, platform tables, write hooks, pushes. */
class PlatformBindingTest {

    private final TestModel.FakeClock clock = new TestModel.FakeClock();
    private final InMemoryStore store = new InMemoryStore();
    /** The platform's interfaces: name -> status. */
    private final Map<String, String> links = new LinkedHashMap<>(Map.of("eth0", "Up"));
    private final AtomicInteger upTimeReads = new AtomicInteger();
    private final AtomicInteger tableReads = new AtomicInteger();
    private final List<String> hookLog = new ArrayList<>();
    private String refuse = "";

    private Bindings bindings() {
        return Bindings.builder(TestModel.SCHEMA)
                .parameter("Device.Info.UpTime", object -> Result.ok(Integer.toString(upTimeReads.incrementAndGet())),
                        Duration.ofSeconds(5))
                .table("Device.Iface.{i}.", parent -> {
                    tableReads.incrementAndGet();
                    List<TableProvider.Row> rows = new ArrayList<>();
                    links.forEach((name, status) -> rows.add(
                            new TableProvider.Row(name, Map.of("Name", name, "Status", status, "Speed", "1000"))));
                    return Result.ok(rows);
                }, Duration.ofSeconds(30))
                .hook("Device.Iface.{i}.", recordingHook("iface"))
                .hook("Device.Thing.{i}.", recordingHook("thing"))
                .build();
    }

    private WriteHook recordingHook(String name) {
        return new WriteHook() {
            @Override
            public Optional<DmError> apply(Change change) {
                String what = describe(change);
                if (!refuse.isEmpty() && what.contains(refuse)) {
                    return Optional.of(DmError.of(ErrorCode.INVALID_CONFIGURATION, "platform says no"));
                }
                hookLog.add(name + " apply " + what);
                return Optional.empty();
            }

            @Override
            public void revert(Change change) {
                hookLog.add(name + " revert " + describe(change));
            }
        };
    }

    private static String describe(Change change) {
        if (change instanceof Change.ValueSet v) {
            return v.path() + "=" + v.newValue() + " (was " + v.oldValue() + ", key " + v.object().rowKey() + ")";
        }
        return change.getClass().getSimpleName() + " " + change.object().path();
    }

    private final DataModel model = TestModel.open(bindings(), store, true, List.of(), clock);

    @Test
    void a_provided_parameter_is_read_when_asked_and_cached_for_its_time_to_live() {
        assertEquals("1", model.read("Device.Info.UpTime").value());
        assertEquals("1", model.read("Device.Info.UpTime").value());
        clock.advanceSeconds(6);
        assertEquals("2", model.read("Device.Info.UpTime").value());
    }

    @Test
    void platform_rows_become_instances_with_numbers_stable_for_their_key() {
        assertEquals("Device.Iface.1.Name", model.resolve("Device.Iface.[Name==\"eth0\"].Name").value().matches().get(0).path());
        links.put("eth1", "Down");
        links.put("eth2", "Up");
        clock.advanceSeconds(31);
        assertEquals("3", model.read("Device.IfaceNumberOfEntries").value());
        links.remove("eth1");
        clock.advanceSeconds(31);
        assertEquals(List.of("Device.Iface.1.", "Device.Iface.3."),
                model.instances("Device.Iface.", true).value().stream().map(InstanceInfo::path).toList());
        assertEquals("eth2", model.read("Device.Iface.3.Name").value());
        links.put("eth1", "Up");
        clock.advanceSeconds(31);
        assertEquals("eth1", model.read("Device.Iface.4.Name").value(), "a key that comes back is a new instance");
    }

    @Test
    void platform_rows_are_read_once_per_time_to_live() {
        model.read("Device.IfaceNumberOfEntries");
        model.get("Device.Iface.", 0);
        model.resolve("Device.Iface.*.Status");
        assertEquals(1, tableReads.get());
    }

    @Test
    void instance_numbers_of_platform_rows_survive_a_restart() {
        links.put("eth1", "Up");
        clock.advanceSeconds(31);
        model.read("Device.IfaceNumberOfEntries");
        links.remove("eth0");
        DataModel restarted = TestModel.open(bindings(), new InMemoryStore(store.snapshot()), false, List.of(), clock);
        assertEquals("eth1", restarted.read("Device.Iface.2.Name").value());
        links.put("eth9", "Up");
        restarted.platformChanged("Device.Iface.");
        assertEquals("eth9", restarted.read("Device.Iface.3.Name").value(), "numbers are not reused across restarts");
    }

    @Test
    void a_push_from_the_platform_is_heard_without_waiting_for_the_time_to_live() {
        model.read("Device.IfaceNumberOfEntries");
        List<ModelEvent> heard = new ArrayList<>();
        model.addListener(heard::addAll);
        links.put("eth0", "Down");
        links.put("eth1", "Up");
        model.platformChanged("Device.Iface.");
        assertEquals(List.of(
                new ModelEvent.ValueChanged("Device.Iface.1.Status", "Down"),
                new ModelEvent.ObjectCreated("Device.Iface.2.", Map.of("Name", "eth1", "Alias", "cpe-2"))), heard);
        heard.clear();
        links.remove("eth1");
        model.platformChanged("Device.Iface.{i}.");
        assertEquals(List.of(new ModelEvent.ObjectDeleted("Device.Iface.2.")), heard);
    }

    @Test
    void a_pushed_parameter_change_is_read_again_and_heard() {
        model.read("Device.Info.UpTime");
        List<ModelEvent> heard = new ArrayList<>();
        model.addListener(heard::addAll);
        model.platformChanged("Device.Info.UpTime");
        assertEquals(List.of(new ModelEvent.ValueChanged("Device.Info.UpTime", "2")), heard);
    }

    @Test
    void a_write_to_a_provided_parameter_goes_through_the_hook_with_the_row_key() {
        model.read("Device.IfaceNumberOfEntries");
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.set("Device.Iface.1.Speed", "100"));
        assertTrue(tx.commit().isOk());
        assertEquals(List.of("iface apply Device.Iface.1.Speed=100 (was 1000, key eth0)"), hookLog);
        assertEquals("100", model.read("Device.Iface.1.Speed").value());
        assertTrue(!store.snapshot().containsKey("Device.Iface.1.Speed"), "a provided value is not stored");
    }

    @Test
    void a_refused_change_reverts_the_applied_ones_in_reverse_order_and_changes_nothing() {
        model.read("Device.IfaceNumberOfEntries");
        Transaction setup = model.begin();
        String thing = setup.add("Device.Thing.", Map.of("Name", "a")).value();
        assertTrue(setup.commit().isOk());
        hookLog.clear();
        Map<String, String> storedBefore = store.snapshot();
        refuse = "Port=9";
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.set("Device.Iface.1.Speed", "10"));
        assertEquals(Optional.empty(), tx.set(thing + "Name", "b"));
        assertEquals(Optional.empty(), tx.set(thing + "Port", "9"));
        Result<List<ModelEvent>> committed = tx.commit();
        assertEquals(ErrorCode.INVALID_CONFIGURATION, committed.error().code());
        assertEquals(thing + "Port", committed.error().path());
        assertEquals(List.of(
                "iface apply Device.Iface.1.Speed=10 (was 1000, key eth0)",
                "thing apply " + thing + "Name=b (was a, key )",
                "thing revert " + thing + "Name=b (was a, key )",
                "iface revert Device.Iface.1.Speed=10 (was 1000, key eth0)"), hookLog);
        assertEquals("1000", model.read("Device.Iface.1.Speed").value());
        assertEquals("a", model.read(thing + "Name").value());
        assertEquals(storedBefore, store.snapshot());
    }

    @Test
    void a_provider_that_throws_is_an_error_value_not_a_crash() {
        Bindings broken = Bindings.builder(TestModel.SCHEMA)
                .parameter("Device.Info.UpTime", object -> {
                    throw new IllegalStateException("sensor gone");
                }, Duration.ZERO)
                .table("Device.Iface.{i}.", parent -> {
                    throw new IllegalStateException("netlink gone");
                }, Duration.ZERO)
                .build();
        DataModel m = TestModel.open(broken, new InMemoryStore(), true, List.of(), clock);
        assertEquals(ErrorCode.INTERNAL_ERROR, m.read("Device.Info.UpTime").error().code());
        assertEquals("0", m.read("Device.IfaceNumberOfEntries").value());
        assertTrue(m.get("Device.", 0).isOk());
    }
}

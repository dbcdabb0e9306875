package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.demarc.core.Result;
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
import org.junit.jupiter.api.Test;

/** Platform rows that reference rows of other platform tables by key, as LowerLayers does. */
class KeyReferenceTest {

    private static final Schema SCHEMA = Schema.of(ObjectDef.single("Device")
            .object(ObjectDef.single("Ethernet")
                    .tableWithCount(ObjectDef.table("Interface").uniqueKey("Name")
                            .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(16)))))
            .object(ObjectDef.single("IP")
                    .tableWithCount(ObjectDef.table("Interface").uniqueKey("Name")
                            .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(16)))
                            .param(ParameterDef.readOnly("LowerLayers", ValueType.listOf(ValueType.string().maxLength(256))))))
            .buildRoot());

    private final TestModel.FakeClock clock = new TestModel.FakeClock();
    /** Ethernet ports, and IP interface -> the ports below it. */
    private final List<String> ports = new ArrayList<>(List.of("eth1", "eth0"));
    private final Map<String, List<String>> ipInterfaces = new LinkedHashMap<>(Map.of("lan", List.of("eth0", "eth1")));

    private final DataModel model = DataModel.open(SCHEMA, Bindings.builder(SCHEMA)
                    .table("Device.Ethernet.Interface.{i}.", parent -> Result.ok(ports.stream()
                            .map(p -> new TableProvider.Row(p, Map.of("Name", p))).toList()), Duration.ofSeconds(30))
                    .table("Device.IP.Interface.{i}.", parent -> {
                        List<TableProvider.Row> rows = new ArrayList<>();
                        ipInterfaces.forEach((name, lower) -> rows.add(new TableProvider.Row(name, Map.of("Name", name),
                                Map.of("LowerLayers", lower.stream()
                                        .map(l -> KeyReference.of("Device.Ethernet.Interface.{i}.", l)).toList()))));
                        return Result.ok(rows);
                    }, Duration.ofSeconds(30))
                    .build(),
            new InMemoryStore(), true, List.of(), "test", DataModel.Limits.DEFAULT, clock::nanos).value();

    @Test
    void a_reference_reads_as_the_instance_paths_of_the_keys() {
        assertEquals("Device.Ethernet.Interface.2,Device.Ethernet.Interface.1",
                model.read("Device.IP.Interface.1.LowerLayers").value());
        // Reference following works on them like on any reference.
        assertEquals("Device.Ethernet.Interface.2.Name",
                model.resolve("Device.IP.Interface.1.LowerLayers#1+.Name").value().matches().get(0).path());
    }

    @Test
    void a_key_the_platform_does_not_list_is_left_out() {
        ipInterfaces.put("lan", List.of("eth0", "eth9"));
        clock.advanceSeconds(31);
        assertEquals("Device.Ethernet.Interface.2", model.read("Device.IP.Interface.1.LowerLayers").value());
    }

    @Test
    void a_changed_reference_is_heard_as_a_value_change() {
        model.read("Device.IP.Interface.1.LowerLayers");
        List<ModelEvent> heard = new ArrayList<>();
        model.addListener(heard::addAll);
        ipInterfaces.put("lan", List.of("eth1"));
        model.platformChanged("Device.IP.Interface.");
        assertEquals(List.of(new ModelEvent.ValueChanged("Device.IP.Interface.1.LowerLayers",
                "Device.Ethernet.Interface.1")), heard);
    }

    @Test
    void a_platform_instance_gives_its_key_to_commands() {
        model.read("Device.IP.Interface.1.Name");
        assertEquals(java.util.Optional.of("lan"), model.platformKey("Device.IP.Interface.1."));
        assertEquals(java.util.Optional.of("eth0"), model.platformKey("Device.Ethernet.Interface.2"));
        assertEquals(java.util.Optional.empty(), model.platformKey("Device.IP.Interface.7."));
        assertEquals(java.util.Optional.empty(), model.platformKey("Device.IP."));
        assertEquals(java.util.Optional.empty(), model.platformKey(""));
    }

    @Test
    void a_reference_needs_one_key_per_table() {
        assertThrows(IllegalArgumentException.class, () -> KeyReference.of("Device.IP.Interface.{i}."));
        assertThrows(IllegalArgumentException.class, () -> KeyReference.of("Device.IP.", "x"));
        assertThrows(IllegalArgumentException.class, () -> new TableProvider.Row("k", Map.of("A", "1"),
                Map.of("A", List.of(KeyReference.of("Device.IP.Interface.{i}.", "lan")))));
    }
}

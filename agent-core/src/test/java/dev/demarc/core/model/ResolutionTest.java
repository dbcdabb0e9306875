package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.store.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads: the TR-369 path language resolved against instances (wildcards, unique keys, search
 * expressions, reference following), Get with max_depth, GetInstances.
 */
class ResolutionTest {

    private static final List<Assignment> THINGS = List.of(
            new Assignment("Device.Thing.1.Name", "web", 1),
            new Assignment("Device.Thing.1.Port", "80", 2),
            new Assignment("Device.Thing.1.Enable", "true", 3),
            new Assignment("Device.Thing.1.Tags", "a,b", 4),
            new Assignment("Device.Thing.1.IfaceRef", "Device.Iface.2", 5),
            new Assignment("Device.Thing.1.Refs", "Device.Iface.1,Device.Iface.2", 6),
            new Assignment("Device.Thing.1.Item.1.Key", "x", 7),
            new Assignment("Device.Thing.1.Item.2.Key", "y", 8),
            new Assignment("Device.Thing.2.Name", "ssh", 9),
            new Assignment("Device.Thing.2.Port", "22", 10),
            new Assignment("Device.Thing.2.IfaceRef", "Device.Iface.[Name==\"eth0\"]", 11),
            new Assignment("Device.Thing.3.Name", "dns", 12),
            new Assignment("Device.Thing.3.Port", "53", 13),
            new Assignment("Device.Thing.3.Mode", "Manual", 14),
            new Assignment("Device.Thing.3.Item.1.Key", "z", 15));

    private final DataModel model;

    ResolutionTest() {
        Bindings bindings = Bindings.builder(TestModel.SCHEMA)
                .parameter("Device.RootDataModelVersion", object -> Result.ok("2.19"), Duration.ZERO)
                .table("Device.Iface.{i}.", parent -> Result.ok(List.of(
                        new TableProvider.Row("eth0", Map.of("Name", "eth0", "Status", "Up", "Speed", "1000")),
                        new TableProvider.Row("eth1", Map.of("Name", "eth1", "Status", "Down", "Speed", "100")))),
                        Duration.ofSeconds(10))
                .build();
        model = TestModel.open(bindings, new InMemoryStore(), true, THINGS, new TestModel.FakeClock());
    }

    private List<String> paths(String path) {
        Result<Resolution> r = model.resolve(path);
        assertTrue(r.isOk(), () -> r.error().toString());
        List<String> out = new ArrayList<>();
        r.value().matches().forEach(m -> out.add(m.path()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Device.Thing.1.Port                              | Device.Thing.1.Port",
        "Device.Thing.*.Port                              | Device.Thing.1.Port Device.Thing.2.Port Device.Thing.3.Port",
        "Device.Thing.[Name==\"ssh\"].Port                | Device.Thing.2.Port",
        "Device.Thing.[Alias==\"cpe-3\"].                 | Device.Thing.3.",
        "Device.Thing.[Port>22].Name                      | Device.Thing.1.Name Device.Thing.3.Name",
        "Device.Thing.[Port>=22&&Port<=53].Name           | Device.Thing.2.Name Device.Thing.3.Name",
        "Device.Thing.[Port<53].Name                      | Device.Thing.2.Name",
        "Device.Thing.[Port!=80].Name                     | Device.Thing.2.Name Device.Thing.3.Name",
        "Device.Thing.[Port == 0080].Name                 | Device.Thing.1.Name",
        "Device.Thing.[Enable==true].Name                 | Device.Thing.1.Name",
        "Device.Thing.[Enable==1].Name                    | Device.Thing.1.Name",
        "Device.Thing.[Mode==\"Manual\"&&Port==53].       | Device.Thing.3.",
        "Device.Thing.[Tags~=\"b\"].Name                  | Device.Thing.1.Name",
        "Device.Thing.[Name==\"nope\"].Name               | ''",
        "Device.Thing.*.Item.*.Key                        | Device.Thing.1.Item.1.Key Device.Thing.1.Item.2.Key Device.Thing.3.Item.1.Key",
        "Device.Thing.[Port==80].Item.[Key==\"y\"].Key    | Device.Thing.1.Item.2.Key",
        "Device.Thing.1.IfaceRef+.Name                    | Device.Iface.2.Name",
        "Device.Thing.2.IfaceRef+.Status                  | Device.Iface.1.Status",
        "Device.Thing.1.Refs#2+.Name                      | Device.Iface.2.Name",
        "Device.Thing.1.Refs#1+.Name                      | Device.Iface.1.Name",
        "Device.Thing.1.Refs#3+.Name                      | ''",
        "Device.Thing.1.Refs#*+.Name                      | Device.Iface.1.Name Device.Iface.2.Name",
        "Device.Thing.1.IfaceRef+.                        | Device.Iface.2.",
        "Device.Thing.[IfaceRef+.Status==\"Down\"].Name   | Device.Thing.1.Name",
        "Device.Thing.[Stats.BytesSent==0&&Port==22].Name | Device.Thing.2.Name",
        "Device.Iface.[Name==\"eth1\"].Speed              | Device.Iface.2.Speed",
        "Device.Thing.                                    | Device.Thing.",
        "Device.Thing.1.Reset()                           | Device.Thing.1.Reset()",
        "Device.Boot!                                     | Device.Boot!",
        "Device.Thing.7.Port                              | ''",
    })
    void paths_resolve_to_the_instances_they_name(String path, String expected) {
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.trim().split("\\s+"));
        assertEquals(want, paths(path.trim()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Device.Nope.                        | 7026",
        "Device.Thing.1.Nope                 | 7026",
        "Device.Thing.1.Port.                | 7026",
        "Device.Thing.Port                   | 7026",
        "Device.Info.1.                      | 7026",
        "Device.Thing.1.Reset!               | 7026",
        "Device.Thing.[Nope==1].             | 7026",
        "Device.Thing.[Item.Key==\"x\"].     | 7026",
        "Device.Thing.[Enable==\"true\"].    | 7008",
        "Device.Thing.[Name==ssh].           | 7008",
        "Device.Thing.[Name<\"ssh\"].        | 7008",
        "Device.Thing.[Port==\"80\"].        | 7008",
        "Device.Thing.{i}.                   | 7008",
        "Device..Thing                       | 7008",
        "Other.Thing.                        | 7026",
    })
    void bad_paths_fail_with_the_right_error(String path, int code) {
        Result<Resolution> r = model.resolve(path.trim());
        assertFalse(r.isOk(), () -> "resolved: " + r);
        assertEquals(code, r.error().code().code(), r.error().toString());
    }

    @Test
    void unique_key_addressing_is_not_a_search_but_a_partial_key_or_wildcard_is() {
        assertFalse(model.resolve("Device.Thing.[Name==\"ssh\"].").value().search());
        assertFalse(model.resolve("Device.Thing.2.").value().search());
        assertTrue(model.resolve("Device.Thing.[Port==22].").value().search());
        assertTrue(model.resolve("Device.Thing.*.").value().search());
    }

    @Test
    void get_of_a_parameter_gives_its_object_and_value() {
        Result<List<ObjectValues>> got = model.get("Device.Thing.*.Port", 0);
        assertEquals(List.of(
                new ObjectValues("Device.Thing.1.", Map.of("Port", "80")),
                new ObjectValues("Device.Thing.2.", Map.of("Port", "22")),
                new ObjectValues("Device.Thing.3.", Map.of("Port", "53"))), got.value());
    }

    @Test
    void get_of_an_object_gives_every_sub_object_down_to_max_depth() {
        List<String> all = model.get("Device.Thing.1.", 0).value().stream().map(ObjectValues::path).toList();
        assertEquals(List.of("Device.Thing.1.", "Device.Thing.1.Stats.", "Device.Thing.1.Item.1.", "Device.Thing.1.Item.2."), all);
        List<String> one = model.get("Device.Thing.1.", 1).value().stream().map(ObjectValues::path).toList();
        assertEquals(List.of("Device.Thing.1."), one);
        List<String> two = model.get("Device.Thing.1.", 2).value().stream().map(ObjectValues::path).toList();
        assertEquals(all, two);
        ObjectValues thing = model.get("Device.Thing.1.", 1).value().get(0);
        assertEquals(List.of("Alias", "Name", "Enable", "Port", "Mode", "Tags", "IfaceRef", "Refs", "ItemNumberOfEntries"),
                List.copyOf(thing.parameters().keySet()));
        assertEquals("2", thing.parameters().get("ItemNumberOfEntries"));
    }

    @Test
    void get_of_the_root_covers_provided_and_platform_values() {
        Map<String, Map<String, String>> byPath = new java.util.LinkedHashMap<>();
        model.get("Device.", 0).value().forEach(o -> byPath.put(o.path(), o.parameters()));
        assertEquals("2.19", byPath.get("Device.").get("RootDataModelVersion"));
        assertEquals("3", byPath.get("Device.").get("ThingNumberOfEntries"));
        assertEquals("2", byPath.get("Device.").get("IfaceNumberOfEntries"));
        assertEquals("Down", byPath.get("Device.Iface.2.").get("Status"));
        assertEquals("cpe-1", byPath.get("Device.Iface.1.").get("Alias"));
    }

    @Test
    void get_of_a_path_naming_nothing_fails_with_7026_but_a_search_finding_nothing_is_empty() {
        assertEquals(ErrorCode.INVALID_PATH, model.get("Device.Thing.9.Port", 0).error().code());
        assertEquals(List.of(), model.get("Device.Thing.[Port==1].Port", 0).value());
    }

    @Test
    void get_instances_lists_instances_with_their_unique_keys() {
        List<InstanceInfo> first = model.instances("Device.Thing.", true).value();
        assertEquals(List.of("Device.Thing.1.", "Device.Thing.2.", "Device.Thing.3."),
                first.stream().map(InstanceInfo::path).toList());
        assertEquals(Map.of("Name", "ssh", "Alias", "cpe-2"), first.get(1).uniqueKeys());
        List<String> all = model.instances("Device.Thing.", false).value().stream().map(InstanceInfo::path).toList();
        assertEquals(List.of("Device.Thing.1.", "Device.Thing.1.Item.1.", "Device.Thing.1.Item.2.",
                "Device.Thing.2.", "Device.Thing.3.", "Device.Thing.3.Item.1."), all);
        List<String> underOne = model.instances("Device.Thing.1.", true).value().stream().map(InstanceInfo::path).toList();
        assertEquals(List.of("Device.Thing.1.Item.1.", "Device.Thing.1.Item.2."), underOne);
    }

    @Test
    void resolution_is_bounded() {
        Result<DataModel> small = DataModel.open(TestModel.SCHEMA, Bindings.none(), new InMemoryStore(), true,
                THINGS, "t", new DataModel.Limits(2, 8), System::nanoTime);
        assertEquals(ErrorCode.RESOURCES_EXCEEDED, small.value().resolve("Device.Thing.*.").error().code());
    }
}

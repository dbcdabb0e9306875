package dev.demarc.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.schema.SchemaExport.Flavor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaExportTest {

    private static final Schema SCHEMA = Schema.of(ObjectDef.single("Device")
            .param(ParameterDef.readOnly("RootDataModelVersion", ValueType.string().maxLength(32)))
            .tableWithCount(ObjectDef.table("Thing").creatable().uniqueKey("Alias")
                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                    .param(ParameterDef.readWrite("Tags", ValueType.listOf(ValueType.unsignedInt())))
                    .object(ObjectDef.single("Stats")
                            .param(ParameterDef.readOnly("Bytes", DataTypes.STATS_COUNTER64))))
            .tableWithCount(ObjectDef.table("Fixed")
                    .param(ParameterDef.readOnly("Name", ValueType.string())))
            .command(new CommandDef("Reboot", false,
                    List.of(ArgumentDef.optional("Cause", ValueType.string()), ArgumentDef.optional("Reason", ValueType.string())),
                    List.of()))
            .command(new CommandDef("SelfTest", true, List.of(), List.of(ArgumentDef.optional("Results", ValueType.string()))))
            .event(new EventDef("Boot", List.of(ArgumentDef.optional("Cause", ValueType.string()))))
            .buildRoot());

    @Test
    void every_item_in_schema_order_each_object_before_its_members() {
        List<String> lines = SchemaExport.items(SCHEMA, Flavor.USP).stream().map(SchemaExport::toJson).toList();
        assertEquals(List.of(
                "{\"path\":\"Device.\",\"access\":\"readOnly\"}",
                "{\"path\":\"Device.RootDataModelVersion\",\"type\":\"string\",\"access\":\"readOnly\"}",
                "{\"path\":\"Device.ThingNumberOfEntries\",\"type\":\"unsignedInt\",\"access\":\"readOnly\"}",
                "{\"path\":\"Device.FixedNumberOfEntries\",\"type\":\"unsignedInt\",\"access\":\"readOnly\"}",
                "{\"path\":\"Device.Reboot()\",\"async\":false,\"input\":[\"Cause\",\"Reason\"],\"output\":[]}",
                "{\"path\":\"Device.SelfTest()\",\"async\":true,\"input\":[],\"output\":[\"Results\"]}",
                "{\"path\":\"Device.Boot!\",\"args\":[\"Cause\"]}",
                "{\"path\":\"Device.Thing.{i}.\",\"access\":\"readWrite\"}",
                "{\"path\":\"Device.Thing.{i}.Alias\",\"type\":\"Alias\",\"access\":\"writeOnceReadOnly\"}",
                "{\"path\":\"Device.Thing.{i}.Tags\",\"type\":\"list<unsignedInt>\",\"access\":\"readWrite\"}",
                "{\"path\":\"Device.Thing.{i}.Stats.\",\"access\":\"readOnly\"}",
                "{\"path\":\"Device.Thing.{i}.Stats.Bytes\",\"type\":\"StatsCounter64\",\"access\":\"readOnly\"}",
                "{\"path\":\"Device.Fixed.{i}.\",\"access\":\"readOnly\"}",
                "{\"path\":\"Device.Fixed.{i}.Name\",\"type\":\"string\",\"access\":\"readOnly\"}"), lines);
    }

    @Test
    void dmtool_json_names_the_flavor_and_lists_one_item_per_line() {
        String json = SchemaExport.toDmtoolJson(SCHEMA, Flavor.USP);
        assertTrue(json.startsWith("{\n  \"flavor\": \"usp\",\n  \"supported\": [\n    {\"path\":\"Device.\",\"access\":\"readOnly\"},\n"), json);
        assertTrue(json.endsWith("    {\"path\":\"Device.Fixed.{i}.Name\",\"type\":\"string\",\"access\":\"readOnly\"}\n  ]\n}\n"), json);
        assertEquals(14 + 5, json.split("\n").length);
    }

    @Test
    void cwmp_is_refused_until_it_is_implemented() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> SchemaExport.toDmtoolJson(SCHEMA, Flavor.CWMP));
        assertTrue(e.getMessage().startsWith("CWMP is not implemented yet"), e.getMessage());
    }

    @Test
    void flavors_are_named_as_dmtool_names_them() {
        assertEquals("usp", Flavor.USP.jsonName());
        assertEquals(Flavor.CWMP, Flavor.fromName("CWMP").orElseThrow());
        assertTrue(Flavor.fromName("tr069").isEmpty());
    }
}

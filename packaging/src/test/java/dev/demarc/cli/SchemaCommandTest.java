package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SchemaCommandTest {

    private record Run(int exitCode, String out, String err) {
        List<String> outLines() {
            return List.of(out.split("\\R"));
        }
    }

    private static Run run(String... args) {
        CommandLine cmd = DemarcCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode = cmd.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void json_is_the_dmtool_check_input_with_every_item_on_its_own_line() {
        Run r = run("schema", "--built-in", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.outLines();
        assertEquals("{", lines.get(0));
        assertEquals("  \"flavor\": \"usp\",", lines.get(1));
        assertEquals("  \"supported\": [", lines.get(2));
        assertEquals("  ]", lines.get(lines.size() - 2));
        assertEquals("}", lines.get(lines.size() - 1));
        List<String> entries = lines.subList(3, lines.size() - 2).stream().map(String::strip)
                .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).toList();
        assertTrue(entries.stream().allMatch(e -> e.startsWith("{\"path\":\"Device.") && e.endsWith("}")), r.out());
        assertTrue(entries.contains("{\"path\":\"Device.\",\"access\":\"readOnly\"}"), r.out());
        assertTrue(entries.contains("{\"path\":\"Device.RootDataModelVersion\",\"type\":\"string\",\"access\":\"readOnly\"}"));
        assertTrue(entries.contains("{\"path\":\"Device.DeviceInfo.ProvisioningCode\",\"type\":\"string\",\"access\":\"readWrite\"}"));
        assertTrue(entries.contains("{\"path\":\"Device.LocalAgent.Controller.{i}.\",\"access\":\"readWrite\"}"));
        assertTrue(entries.contains("{\"path\":\"Device.LocalAgent.Controller.{i}.Alias\",\"type\":\"Alias\",\"access\":\"writeOnceReadOnly\"}"));
        assertTrue(entries.contains("{\"path\":\"Device.LocalAgent.SupportedProtocols\",\"type\":\"list<string>\",\"access\":\"readOnly\"}"));
        assertTrue(entries.contains("{\"path\":\"Device.LocalAgent.Controller.{i}.MTP.{i}.MQTT.\",\"access\":\"readOnly\"}"));
        assertEquals(entries.size(), entries.stream().distinct().count(), "no item twice");
    }

    @Test
    void flavor_usp_is_the_default() {
        assertEquals(run("schema", "--built-in", "--json").out(), run("schema", "--built-in", "--json", "--flavor", "usp").out());
    }

    @Test
    void listing_has_one_line_per_item_with_kind_path_type_and_access() {
        Run r = run("schema", "--built-in");
        assertEquals(0, r.exitCode(), r.err());
        List<List<String>> rows = r.outLines().stream().map(l -> List.of(l.strip().split("\\s+"))).toList();
        assertTrue(rows.stream().allMatch(row -> row.size() == 4), r.out());
        assertTrue(rows.contains(List.of("object", "Device.LocalAgent.Controller.{i}.", "table", "readWrite")), r.out());
        assertTrue(rows.contains(List.of("parameter", "Device.DeviceInfo.UpTime", "unsignedInt", "readOnly")), r.out());
        assertEquals(run("schema", "--built-in", "--json").outLines().size() - 5, rows.size(), "the same items as the JSON");
    }

    @Test
    void cwmp_fails_with_a_clear_message_until_it_is_implemented() {
        for (String[] args : List.of(new String[] {"schema", "--built-in", "--flavor", "cwmp"}, new String[] {"schema", "--json", "--flavor", "CWMP"})) {
            Run r = run(args);
            assertEquals(1, r.exitCode());
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("demarc: CWMP is not implemented yet"), r.err());
        }
    }

    @Test
    void an_unknown_flavor_is_a_usage_error() {
        Run r = run("schema", "--flavor", "tr069");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("'tr069' is not a flavor: use usp or cwmp"), r.err());
    }
}

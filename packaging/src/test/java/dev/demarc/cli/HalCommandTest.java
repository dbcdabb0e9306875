package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code demarc hal} on a simulated device and on this machine. */
class HalCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = DemarcCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String simulated(String resource) {
        try {
            return "simulated:" + Path.of(HalCommandTest.class.getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void json_gives_each_part_as_the_platform_read_it() {
        Run r = run("hal", "--platform", simulated("/doctor/gateway.json"), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonValue.Obj o = JsonReader.parseObject("hal", r.out()).value();
        assertTrue(o.string("platform").orElseThrow().startsWith("simulated:"));
        JsonValue.Obj parts = o.object("parts").orElseThrow();
        assertEquals(List.copyOf(HalCommand.PARTS.keySet()), List.copyOf(parts.members().keySet()));
        assertEquals("SIMDOCTOR1", parts.object("deviceInfo").orElseThrow().object("identity").orElseThrow()
                .string("serialNumber").orElseThrow());
        List<String> links = parts.object("network").orElseThrow().object("snapshot").orElseThrow()
                .array("links").objects().stream().map(l -> l.string("name").orElseThrow()).toList();
        assertEquals(List.of("lo", "eth1", "lan1", "br-lan"), links);
        JsonValue.Obj eth1 = parts.object("network").orElseThrow().object("snapshot").orElseThrow()
                .array("links").objects().get(1);
        assertEquals(true, eth1.bool("carrier").orElseThrow());
        assertEquals(1000, eth1.number("speedMbps").getAsLong());
        assertTrue(parts.object("system").orElseThrow().object("diagnostics").orElseThrow().bool("ipv4Ping")
                .orElseThrow());
    }

    @Test
    void text_prints_the_parts_named() {
        Run r = run("hal", "--platform", simulated("/doctor/gateway.json"), "network", "deviceInfo");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("== network\nsnapshot:\n  links:\n    - name: lo\n"), r.out());
        assertTrue(r.out().contains("== deviceInfo\n"), r.out());
        assertTrue(r.out().indexOf("== network") < r.out().indexOf("== deviceInfo"), r.out());
        assertTrue(!r.out().contains("== wifi"), r.out());
    }

    @Test
    void an_unknown_part_is_a_usage_error_listing_the_parts() {
        Run r = run("hal", "--platform", simulated("/doctor/gateway.json"), "radio");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no platform part 'radio': the parts are deviceInfo, network"), r.err());
    }

    @Test
    void a_platform_that_cannot_open_is_one_line_and_exit_code_1() {
        Run r = run("hal", "--platform", "simulated:/nonexistent/gateway.json");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("demarc: ") && r.err().contains("/nonexistent/gateway.json"), r.err());
    }

    @Test
    void this_machine_reads_as_its_platform() {
        Run r = run("hal", "--json", "network", "deviceInfo");
        assertEquals(0, r.exitCode(), r.err());
        JsonValue.Obj o = JsonReader.parseObject("hal", r.out()).value();
        assertTrue(List.of("linux", "openwrt").contains(o.string("platform").orElseThrow()), r.out());
        List<String> links = o.object("parts").orElseThrow().object("network").orElseThrow().object("snapshot")
                .orElseThrow().array("links").objects().stream().map(l -> l.string("name").orElseThrow()).toList();
        assertTrue(links.contains("lo"), links.toString());
    }
}

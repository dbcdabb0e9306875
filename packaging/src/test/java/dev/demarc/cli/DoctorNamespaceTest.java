package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demarc doctor --platform linux} on a real kernel link: the test makes two network
 * namespaces joined by a veth pair, a "gateway" whose default route goes to a "provider" at the
 * other end, and runs the command in its own process inside the gateway's namespace
 * ({@code ip netns exec}), where the Linux platform reads that namespace's links, routes and
 * sysfs. Then it breaks the provider's side: the far end down (no carrier), then its address gone
 * (the gateway does not answer pings). This machine's own interfaces are never touched. Needs root
 * and {@code ip netns}; skipped otherwise. The namespaces are deleted whatever happens.
 */
@Tag("root")
class DoctorNamespaceTest {

    private static final String GATEWAY_ADDRESS = "10.203.0.2/24";
    private static final String PROVIDER_ADDRESS = "10.203.0.1";
    private final String id = UUID.randomUUID().toString().substring(0, 6);
    private final String gateway = "dmdoc-g-" + id;
    private final String provider = "dmdoc-p-" + id;
    private final List<String> made = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void namespaces() throws Exception {
        Assumptions.assumeTrue(run("id", "-u").out.strip().equals("0"),
                "skipped: the namespace test needs root (it runs as root in CI)");
        Assumptions.assumeTrue(run("ip", "netns", "list").code == 0, "skipped: iproute2's 'ip netns' is not available");
        for (String ns : List.of(gateway, provider)) {
            Assumptions.assumeTrue(run("ip", "netns", "add", ns).code == 0, "skipped: cannot create a namespace here");
            made.add(ns);
        }
        must("ip", "-n", gateway, "link", "add", "wan0", "type", "veth", "peer", "name", "isp0", "netns", provider);
        must("ip", "-n", gateway, "link", "set", "lo", "up");
        must("ip", "-n", gateway, "addr", "add", GATEWAY_ADDRESS, "dev", "wan0");
        must("ip", "-n", gateway, "link", "set", "wan0", "up");
        must("ip", "-n", provider, "link", "set", "lo", "up");
        must("ip", "-n", provider, "addr", "add", PROVIDER_ADDRESS + "/24", "dev", "isp0");
        must("ip", "-n", provider, "link", "set", "isp0", "up");
        must("ip", "-n", gateway, "route", "add", "default", "via", PROVIDER_ADDRESS);
    }

    @AfterEach
    void deleteNamespaces() throws Exception {
        for (String ns : made) {
            assertEquals(0, run("ip", "netns", "del", ns).code, "namespace " + ns + " left behind");
        }
    }

    /** Runs doctor in the gateway's namespace; answers each step's status (the endpoint's by name) and the JSON. */
    private JsonValue.Obj doctor() throws Exception {
        Path defaults = dir.resolve("ns.defaults");
        Files.writeString(defaults, "Device.MQTT.Client.1.Enable = true\n"
                + "Device.MQTT.Client.1.BrokerAddress = " + PROVIDER_ADDRESS + "\n"
                + "Device.MQTT.Client.1.BrokerPort = 1883\n");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", gateway,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", BenchCommandTest.agentClassPath(),
                DemarcMain.class.getName(), "doctor", "--platform", "linux", "--json", "--probe-timeout", "2",
                "--control-socket", dir.resolve("no-agent.sock").toString(), "--defaults", defaults.toString()));
        Result r = run(cmd.toArray(String[]::new));
        assertTrue(r.code == 0 || r.code == 1, "exit code " + r.code + ": " + r.err);
        var parsed = JsonReader.parseObject("doctor", r.out);
        assertTrue(parsed.isOk(), "not JSON: " + r.out + "\nstderr: " + r.err);
        JsonValue.Obj o = parsed.value();
        boolean failed = o.object("summary").orElseThrow().number("failed").getAsLong() > 0;
        assertEquals(failed ? 1 : 0, r.code, r.out);
        return o;
    }

    private static Map<String, JsonValue.Obj> steps(JsonValue.Obj report) {
        Map<String, JsonValue.Obj> m = new LinkedHashMap<>();
        for (JsonValue.Obj c : report.array("checks").objects()) {
            m.putIfAbsent(c.string("step").orElseThrow(), c);
        }
        return m;
    }

    @Test
    void the_line_then_no_carrier_then_a_silent_gateway() throws Exception {
        Map<String, JsonValue.Obj> s = steps(doctor());
        assertEquals("pass", s.get("wan.carrier").string("status").orElseThrow(), s.toString());
        assertTrue(s.get("wan.carrier").string("measured").orElseThrow().startsWith("wan0: carrier up"),
                s.get("wan.carrier").toString());
        assertEquals("pass", s.get("wan.address").string("status").orElseThrow(), s.get("wan.address").toString());
        assertEquals("wan0: 10.203.0.2, static (no DHCP lease)", s.get("wan.address").string("measured").orElseThrow());
        assertEquals("pass", s.get("gateway.ping").string("status").orElseThrow(), s.get("gateway.ping").toString());
        assertTrue(s.get("gateway.ping").string("measured").orElseThrow().startsWith(
                PROVIDER_ADDRESS + ": 3 sent, 3 answered, 0% loss"), s.get("gateway.ping").toString());
        // nothing listens on the provider's side: refused, the provider's network
        assertEquals("fail", s.get("endpoint").string("status").orElseThrow(), s.get("endpoint").toString());
        assertEquals("provider", s.get("endpoint").string("side").orElseThrow());

        must("ip", "-n", provider, "link", "set", "isp0", "down");
        JsonValue.Obj report = doctor();
        s = steps(report);
        assertEquals("fail", s.get("wan.carrier").string("status").orElseThrow(), s.get("wan.carrier").toString());
        assertTrue(s.get("wan.carrier").string("measured").orElseThrow().startsWith("wan0: no carrier"));
        JsonValue.Obj first = report.object("summary").orElseThrow().object("firstFailure").orElseThrow();
        assertEquals("wan.carrier", first.string("step").orElseThrow());
        assertEquals("provider", first.string("side").orElseThrow());

        must("ip", "-n", provider, "link", "set", "isp0", "up");
        must("ip", "-n", provider, "addr", "flush", "dev", "isp0");
        report = doctor();
        s = steps(report);
        assertEquals("pass", s.get("wan.carrier").string("status").orElseThrow(), s.get("wan.carrier").toString());
        assertEquals("fail", s.get("gateway.ping").string("status").orElseThrow(), s.get("gateway.ping").toString());
        first = report.object("summary").orElseThrow().object("firstFailure").orElseThrow();
        assertEquals("gateway.ping", first.string("step").orElseThrow());
        assertEquals("provider", first.string("side").orElseThrow());
    }

    private record Result(int code, String out, String err) {
    }

    private void must(String... cmd) throws IOException, InterruptedException {
        Result r = run(cmd);
        assertEquals(0, r.code, String.join(" ", cmd) + ": " + r.err);
    }

    private Result run(String... cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "stderr-", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not end");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }
}

package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.demarc.agent.TestBroker;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demarc bench} in a small run against the embedded HiveMQ broker: every figure is
 * printed and well-formed, and the agent process and the temporary directory are gone afterwards.
 * The figures' values are not checked: this is no timed test.
 */
class BenchCommandTest {

    /** Small and quick: the agent needs no tuning for 220 requests. */
    private static final String AGENT_JAVA_OPTIONS = "-Xmx64m -XX:TieredStopAtLevel=1";

    @TempDir
    static Path brokerDir;
    private static TestBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = new TestBroker(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    private Run bench(String... args) {
        CommandLine cmd = DemarcCommand.newCommandLine();
        BenchCommand bench = cmd.getSubcommands().get("bench").getCommand();
        bench.agentClassPath = agentClassPath();
        bench.tempParent = tmp;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("bench"));
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("--agent-java-options"))) {
            all.add("--agent-java-options=" + AGENT_JAVA_OPTIONS);
        }
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("--settle"))) {
            all.add("--settle=0");
        }
        all.addAll(Arrays.asList(args));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private String broker() {
        return "127.0.0.1:" + broker.port();
    }

    @Test
    void json_has_every_figure_as_a_number() throws Exception {
        Run run = bench("--broker", broker(), "--requests", "50", "--warmup", "20", "--in-flight", "4", "--settle", "1",
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().lines().count(), "one JSON object on one line: " + run.out());
        JsonNode json = new ObjectMapper().readTree(run.out());

        assertEquals(broker(), json.path("broker").asText());
        assertEquals(20, json.path("warmupRequests").asInt());
        assertEquals(50, json.path("requests").asInt());
        assertEquals(4, json.path("inFlight").asInt());
        assertEquals(List.of(AGENT_JAVA_OPTIONS.split(" ")), strings(json.path("agent").path("jvmOptions")));
        assertTrue(json.path("agent").path("java").asText().endsWith("java"), json.toString());
        assertTrue(json.path("loadAverage").path("before").isTextual() && json.path("loadAverage").path("after").isTextual());

        for (String start : List.of("connack", "connectRecord", "ready")) {
            assertNumber(json.path("startMs").path(start), "startMs." + start);
        }
        for (String path : List.of("Device.DeviceInfo.", "Device.")) {
            JsonNode latency = json.path("latencyMicros").path(path);
            for (String p : List.of("p50", "p99", "max")) {
                assertNumber(latency.path(p), "latencyMicros." + path + p);
            }
            assertTrue(latency.path("p50").asLong() <= latency.path("p99").asLong()
                    && latency.path("p99").asLong() <= latency.path("max").asLong(), "percentiles in order: " + latency);
            assertNumber(json.path("throughputGetsPerSecond").path(path), "throughputGetsPerSecond." + path);
            assertTrue(json.path("throughputGetsPerSecond").path(path).asLong() > 0);
            assertNumber(json.path("agentCpuMicrosPerGet").path(path), "agentCpuMicrosPerGet." + path);
        }
        JsonNode rss = json.path("residentKb");
        for (String r : List.of("afterStart", "afterRequests", "peak")) {
            assertNumber(rss.path(r), "residentKb." + r);
            assertTrue(rss.path(r).asLong() > 0, "residentKb." + r);
        }
        assertEquals(20 + 4 * 50, rss.path("requestsDone").asLong(), "warm-up, two latency runs, two throughput runs");
        assertEquals(1, rss.path("settleSeconds").asInt());
        assertNumber(rss.path("settled"), "residentKb.settled");

        assertAgentAndTempDirGone(json.path("agent").path("pid").asLong());
    }

    @Test
    void the_paths_given_are_the_paths_measured() throws Exception {
        Run run = bench("--broker", broker(), "--requests", "20", "--warmup", "10", "--in-flight", "4", "--settle", "0",
                "--path", "Device.LocalAgent.EndpointID", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(List.of("Device.LocalAgent.EndpointID"), fieldNames(json.path("throughputGetsPerSecond")));
        assertEquals(1, json.path("answers").path("Device.LocalAgent.EndpointID").path("parameters").asInt());
        assertEquals(10 + 2 * 20, json.path("residentKb").path("requestsDone").asLong(), "warm-up, one latency and one throughput run");
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void the_table_names_every_figure() {
        Run run = bench("--broker", broker(), "--requests", "50", "--warmup", "0", "--in-flight", "4");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        for (String line : List.of(
                "  CONNACK \\(its log\\) +\\d+",
                "  its MQTTConnectRecord arriving here +\\d+",
                "  ready \\(its log\\) +\\d+",
                "latency, 50 sequential Gets +p50 ms +p99 ms +max ms",
                "  Get Device\\.DeviceInfo\\. +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d{3}",
                "  Get Device\\. +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d{3}",
                "throughput, 50 Gets, 4 in flight +Gets/s +agent CPU",
                "  Get Device\\.DeviceInfo\\. +[\\d,]+ +\\d+ us",
                "  Get Device\\. +[\\d,]+ +\\d+ us",
                "  after start \\(MQTTConnectRecord here\\) +\\d+\\.\\d",
                "  after 200 requests +\\d+\\.\\d",
                "  peak \\(VmHWM\\) +\\d+\\.\\d")) {
            assertTrue(out.lines().anyMatch(l -> l.matches(line)), () -> "a line matching '" + line + "' in:\n" + out);
        }
        assertTrue(out.contains("agent JVM: ") && out.contains(AGENT_JAVA_OPTIONS), out);
    }

    @Test
    void a_broker_that_is_not_there_fails_in_one_line() throws IOException {
        Run run = bench("--broker", "127.0.0.1:" + TestBroker.freePort(), "--requests", "1", "--warmup", "0");
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("demarc: cannot connect to the MQTT broker at 127.0.0.1:"), run.err());
        assertTempDirEmpty();
    }

    @Test
    void an_agent_that_cannot_start_is_reported_with_its_log() throws IOException {
        Run run = bench("--broker", broker(), "--requests", "1", "--warmup", "0",
                "--agent-java-options=-XX:+NoSuchJvmOption");
        assertEquals(1, run.exitCode());
        List<String> lines = run.err().lines().toList();
        assertEquals("the agent's log ends:", lines.get(0), run.err());
        assertTrue(run.err().contains("NoSuchJvmOption"), "the JVM's complaint is shown: " + run.err());
        assertEquals("demarc: the agent ended with exit code 1 before it connected (the end of the agent's log is above)",
                lines.get(lines.size() - 1));
        assertTempDirEmpty();
    }

    @Test
    void bad_options_are_usage_errors() {
        for (String[] args : List.of(
                new String[] {"--requests", "0"},
                new String[] {"--warmup", "-1"},
                new String[] {"--in-flight", "0"},
                new String[] {"--broker", "no-port"},
                new String[] {"--broker", "127.0.0.1:70000"},
                new String[] {"--path", "Device..Oops"},
                new String[] {"--path", "Device.", "--path", "Device."})) {
            Run run = bench(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertTrue(run.err().startsWith("demarc: ") && run.err().contains("see 'demarc bench --help'"), run.err());
        }
    }

    @Test
    void the_generated_defaults_make_an_mqtt_agent_with_one_full_access_controller() {
        String defaults = BenchCommand.defaultsFile("127.0.0.1", 1883, "bench/agent", "proto::c", "bench/controller");
        assertTrue(defaults.contains("Device.MQTT.Client.1.BrokerPort = 1883\n"), defaults);
        assertTrue(defaults.contains("Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured = bench/agent\n"));
        assertTrue(defaults.contains("Device.LocalAgent.Controller.1.EndpointID = proto::c\n"));
        assertTrue(defaults.contains("Device.LocalAgent.Controller.1.AssignedRole = Device.LocalAgent.ControllerTrust.Role.1\n"));
        assertTrue(defaults.contains("Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic = bench/controller\n"));
    }

    @Test
    void percentiles_are_nearest_rank() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1000L;   // 100 µs down to 1 µs
        }
        assertEquals(new BenchCommand.Latency(50, 99, 100), BenchCommand.Latency.of(nanos));
        assertEquals(new BenchCommand.Latency(7, 7, 7), BenchCommand.Latency.of(new long[] {7_000}));
    }

    private static void assertNumber(JsonNode node, String name) {
        assertTrue(node.isIntegralNumber() && node.asLong() >= 0, () -> name + " should be a number, is " + node);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private void assertAgentAndTempDirGone(long pid) throws IOException {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the agent process has ended");
        assertTempDirEmpty();
    }

    private void assertTempDirEmpty() throws IOException {
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the temporary directory was removed");
        }
    }

    /**
     * The agent runs on the test class path, with slf4j-simple (which the bench's log reading
     * expects) instead of the tests' logback. slf4j-simple is kept off the test class path, so it
     * is taken from beside slf4j-api in the local Maven repository.
     */
    static String agentClassPath() {
        List<String> entries = new ArrayList<>();
        Path slf4jApi = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("logback-")) {
                continue;
            }
            if (name.startsWith("slf4j-api-")) {
                slf4jApi = Path.of(entry);
            }
            entries.add(entry);
        }
        assertTrue(slf4jApi != null, "slf4j-api on the test class path");
        Path versionDir = slf4jApi.getParent();
        String version = versionDir.getFileName().toString();
        Path simple = versionDir.getParent().resolveSibling("slf4j-simple").resolve(version)
                .resolve("slf4j-simple-" + version + ".jar");
        assertTrue(Files.isRegularFile(simple), "slf4j-simple in the local Maven repository: " + simple);
        entries.add(simple.toString());
        return String.join(File.pathSeparator, entries);
    }
}

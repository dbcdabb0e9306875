package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.demarc.agent.LocalControl;
import dev.demarc.agent.RunningAgent;
import dev.demarc.core.Result;
import dev.demarc.logging.Logging;
import dev.demarc.logging.RuntimeLevel;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The commands that talk to the running agent, run against a real agent in this JVM over its real
 * control socket, checked on their output and exit code.
 */
class AgentCommandsTest {

    private static final String AGENT = "os::00D09E-CLI1";
    private static final String CONTROLLER = "proto::controller-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static RunningAgent agent;
    private static Path socket;
    private static final TestLogLevel LOG_LEVEL = new TestLogLevel();

    /** The tests' logback root level as the agent's log level: real, and restored after. */
    static final class TestLogLevel implements RuntimeLevel {
        /** The tests' logback configuration sets dev.demarc's level: that is what the agent's loggers follow. */
        private final Logger root = (Logger) LoggerFactory.getLogger("dev.demarc");
        private final Level before = root.getLevel();

        @Override
        public String level() {
            return root.getLevel().toString().toLowerCase(Locale.ROOT);
        }

        @Override
        public void setLevel(String level) {
            root.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT), null));
        }

        void restore() {
            root.setLevel(before);
        }
    }

    @BeforeAll
    static void startAgent() throws Exception {
        socket = tmp.resolve("control.sock");
        Path defaults = Files.write(tmp.resolve("defaults.txt"), List.of(
                "Device.DeviceInfo.Manufacturer = Example Networks",
                "Device.DeviceInfo.SerialNumber = SN1",
                "Device.LocalAgent.Controller.1.EndpointID = " + CONTROLLER,
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.AssignedRole = Device.LocalAgent.ControllerTrust.Role.1",
                "Device.LocalAgent.Subscription.1.ID = controller-1-watch",
                "Device.LocalAgent.Subscription.1.Enable = true",
                "Device.LocalAgent.Subscription.1.NotifType = ValueChange",
                "Device.LocalAgent.Subscription.1.NotifRetry = true",
                "Device.LocalAgent.Subscription.1.ReferenceList = Device.LocalAgent.Controller.1.ControllerCode",
                "Device.LocalAgent.Subscription.1.Recipient = Device.LocalAgent.Controller.1"));
        agent = RunningAgent.start(RunningAgent.Settings.builder(tmp.resolve("data"))
                .defaultsFile(defaults)
                .endpointId(AGENT)
                .platform(new StaticDeviceInfo(DeviceIdentity.unknown()))
                .controlSocket(socket)
                .logLevel(Logging.of(LOG_LEVEL))
                .build());
    }

    @AfterAll
    static void stopAgent() {
        LOG_LEVEL.restore();
        if (agent != null) {
            agent.close();
        }
    }

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }

        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    /** {@code demarc <args> --control-socket <the test agent's>}. */
    static Run run(String... args) {
        return runOn(socket, args);
    }

    static Run runOn(Path controlSocket, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--control-socket", controlSocket.toString()));
        CommandLine cmd = DemarcCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode = cmd.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.exitCode(), "exit code of " + List.of(args) + "; stderr: " + r.err() + "; stdout: " + r.out());
        return r;
    }

    // ------------------------------------------------------------------ get

    @Test
    void get_prints_one_aligned_line_per_parameter() {
        Run r = ok("get", "Device.DeviceInfo.");
        assertEquals("", r.err());
        assertTrue(r.lines().stream().anyMatch(l -> l.matches("Device\\.DeviceInfo\\.Manufacturer +Example Networks")),
                r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.matches("Device\\.DeviceInfo\\.SerialNumber +SN1")), r.out());
        Pattern upTime = Pattern.compile("Device\\.DeviceInfo\\.UpTime +\\d+");
        assertTrue(r.lines().stream().anyMatch(l -> upTime.matcher(l).matches()), r.out());
        int longest = r.lines().stream().mapToInt(l -> l.split(" ")[0].length()).max().orElseThrow();
        for (String line : r.lines()) {
            assertTrue(line.startsWith("Device.DeviceInfo."), line);
            String path = line.split(" ")[0];
            if (line.length() > path.length()) {
                assertTrue(line.substring(path.length(), longest + 2).isBlank(), "values in one column: " + line);
            }
        }
    }

    @Test
    void get_json_is_the_values_and_the_errors() throws Exception {
        Run r = ok("get", "--json", "Device.DeviceInfo.SerialNumber", "Device.LocalAgent.EndpointID");
        JsonNode json = r.json();
        assertEquals("SN1", json.path("values").path("Device.DeviceInfo.SerialNumber").asText());
        assertEquals(AGENT, json.path("values").path("Device.LocalAgent.EndpointID").asText());
        assertEquals(0, json.path("errors").size());
    }

    @Test
    void get_of_a_path_that_does_not_exist_prints_the_agents_error_and_exits_1() throws Exception {
        Run r = run("get", "Device.DeviceInfo.SerialNumber", "Device.NoSuchThing.");
        assertEquals(1, r.exitCode());
        assertEquals(List.of("Device.DeviceInfo.SerialNumber  SN1"), r.lines(), "what could be read is printed");
        assertTrue(r.err().startsWith("demarc: Device.NoSuchThing.: 7026 Invalid path: "), r.err());

        Run json = run("get", "--json", "Device.NoSuchThing.");
        assertEquals(1, json.exitCode());
        assertEquals(7026, json.json().path("errors").get(0).path("code").asInt());
        assertEquals("Device.NoSuchThing.", json.json().path("errors").get(0).path("path").asText());
    }

    @Test
    void a_malformed_path_gets_7008_with_the_position() {
        Run r = run("get", "Device..DeviceInfo");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("7008"), r.err());
    }

    @Test
    void get_with_depth_1_reads_one_level() {
        Run r = ok("get", "--depth", "1", "Device.LocalAgent.");
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("Device.LocalAgent.EndpointID ")), r.out());
        assertTrue(r.lines().stream().noneMatch(l -> l.startsWith("Device.LocalAgent.Controller.")), r.out());
    }

    @Test
    void search_expressions_are_the_agents_to_resolve() {
        Run r = ok("get", "Device.LocalAgent.Controller.[EndpointID==\"" + CONTROLLER + "\"].Enable");
        assertEquals(List.of("Device.LocalAgent.Controller.1.Enable  true"), r.lines());
    }

    // ------------------------------------------------------------------ no agent, usage

    @Test
    void no_agent_running_exits_3_saying_where_it_looked_and_how_to_start_one() {
        Path nowhere = tmp.resolve("nowhere.sock");
        Run r = runOn(nowhere, "get", "Device.DeviceInfo.");
        assertEquals(3, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().contains(nowhere + " (no such socket)"), r.err());
        assertTrue(r.err().contains("./demarc agent"), r.err());
    }

    @Test
    void a_stale_socket_file_is_reported_as_an_agent_that_stopped() throws Exception {
        Path stale = tmp.resolve("stale.sock");
        try (var dead = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            dead.bind(java.net.UnixDomainSocketAddress.of(stale));
        }
        Run r = runOn(stale, "get", "Device.");
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("nothing listens on it"), r.err());
    }

    @Test
    void usage_errors_exit_2_before_connecting() {
        for (String[] args : List.of(new String[] {"get"}, new String[] {"set", "Device.DeviceInfo.ProvisioningCode"},
                new String[] {"set", "Device.DeviceInfo.=x"}, new String[] {"add", "Device.LocalAgent.Controller"},
                new String[] {"delete", "Device.LocalAgent.Controller.1"}, new String[] {"operate", "Device.Reboot"},
                new String[] {"instances", "Device.LocalAgent"}, new String[] {"log-level", "verbose"},
                new String[] {"events", "--type", "Sometimes"}, new String[] {"get", "--timeout", "0", "Device."},
                new String[] {"get", "--depth", "-1", "Device."})) {
            Run r = runOn(tmp.resolve("nowhere.sock"), args);
            assertEquals(2, r.exitCode(), List.of(args) + ": " + r.err());
            assertTrue(r.err().startsWith("demarc: "), r.err());
        }
    }

    // ------------------------------------------------------------------ set

    @Test
    void set_prints_what_the_agent_set() throws Exception {
        Run r = ok("set", "Device.DeviceInfo.ProvisioningCode=abc=1");
        assertEquals(List.of("Device.DeviceInfo.ProvisioningCode  abc=1"), r.lines());
        assertEquals("abc=1", ok("get", "--json", "Device.DeviceInfo.ProvisioningCode").json()
                .path("values").path("Device.DeviceInfo.ProvisioningCode").asText());
        JsonNode json = ok("set", "--json", "Device.LocalAgent.Controller.[EndpointID==\"" + CONTROLLER
                + "\"].ProvisioningCode=pc-1").json();
        assertEquals("pc-1", json.path("updated").path("Device.LocalAgent.Controller.1.ProvisioningCode").asText());
    }

    @Test
    void a_value_of_the_wrong_type_is_refused_with_7011_and_nothing_changes() {
        Run before = ok("get", "Device.LocalAgent.Controller.1.PeriodicNotifInterval");
        Run r = run("set", "Device.LocalAgent.Controller.1.PeriodicNotifInterval=often",
                "Device.LocalAgent.Controller.1.ProvisioningCode=changed");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("Device.LocalAgent.Controller.1.PeriodicNotifInterval: 7011 Invalid type"), r.err());
        assertEquals(before.out(), ok("get", "Device.LocalAgent.Controller.1.PeriodicNotifInterval").out());
        assertFalse(ok("get", "Device.LocalAgent.Controller.1.ProvisioningCode").out().contains("changed"),
                "all or nothing");
    }

    @Test
    void a_read_only_parameter_is_refused_with_7013() {
        Run r = run("set", "Device.DeviceInfo.SerialNumber=SN2");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("Device.DeviceInfo.SerialNumber: 7013 Parameter read only"), r.err());
    }

    // ------------------------------------------------------------------ add, delete, instances

    @Test
    void add_then_delete_an_instance() throws Exception {
        Run added = ok("add", "Device.LocalAgent.Controller.", "EndpointID=proto::added", "Enable=true");
        assertEquals(1, added.lines().size(), added.out());
        String instance = added.lines().get(0).split("  ")[0];
        assertTrue(instance.matches("Device\\.LocalAgent\\.Controller\\.\\d+\\."), instance);
        assertTrue(added.out().contains("EndpointID=proto::added"), added.out());

        JsonNode instances = ok("instances", "--json", "Device.LocalAgent.Controller.").json();
        boolean found = false;
        for (JsonNode i : instances.path("instances")) {
            found |= i.path("path").asText().equals(instance)
                    && i.path("uniqueKeys").path("EndpointID").asText().equals("proto::added");
        }
        assertTrue(found, instances.toString());

        Run deleted = ok("delete", "Device.LocalAgent.Controller.[EndpointID==\"proto::added\"].");
        assertEquals(List.of(instance), deleted.lines());
        Run again = run("delete", "--json", instance);
        assertEquals(0, again.exitCode(), "deleting what is gone is no error in USP: " + again.err());
        assertEquals(0, again.json().path("deleted").size());
    }

    @Test
    void add_json_gives_the_new_instance_and_its_unique_keys() throws Exception {
        JsonNode json = ok("add", "--json", "Device.LocalAgent.Controller.", "EndpointID=proto::json").json();
        JsonNode created = json.path("created").get(0);
        assertEquals("proto::json", created.path("uniqueKeys").path("EndpointID").asText());
        ok("delete", created.path("path").asText());
    }

    @Test
    void add_to_a_table_controllers_may_not_add_to_is_refused() {
        Run r = run("add", "Device.UnixDomainSockets.UnixDomainSocket.");
        assertEquals(1, r.exitCode());
        assertEquals("demarc: Device.UnixDomainSockets.UnixDomainSocket.: 7019 Object not creatable: "
                + "Device.UnixDomainSockets.UnixDomainSocket.{i}. instances are made by the agent, not by a controller",
                r.err().strip());
    }

    @Test
    void instances_prints_each_instance_with_its_unique_keys() {
        Run r = ok("instances", "--first-level", "Device.LocalAgent.Controller.");
        assertTrue(r.lines().stream().anyMatch(l -> l.matches("Device\\.LocalAgent\\.Controller\\.1\\. +Alias=cpe-1  "
                + "EndpointID=" + Pattern.quote(CONTROLLER))), r.out());
        assertTrue(r.lines().stream().noneMatch(l -> l.contains(".MTP.")), "first level only: " + r.out());
    }

    // ------------------------------------------------------------------ operate

    @Test
    void operate_runs_a_command_and_says_it_is_done() throws Exception {
        Run r = ok("operate", "Device.LocalAgent.Controller.1.SendOnBoardRequest()");
        assertEquals(List.of("Device.LocalAgent.Controller.1.SendOnBoardRequest()  done"), r.lines());
        JsonNode json = ok("operate", "--json", "Device.LocalAgent.Controller.1.SendOnBoardRequest()").json();
        assertEquals("Device.LocalAgent.Controller.1.SendOnBoardRequest()",
                json.path("results").get(0).path("command").asText());
    }

    @Test
    void operate_of_a_command_that_does_not_exist_exits_1() {
        Run r = run("operate", "Device.LocalAgent.NoSuchCommand()");
        assertEquals(1, r.exitCode());
        assertEquals("demarc: Device.LocalAgent.NoSuchCommand(): 7026 Invalid path: Device.LocalAgent. has no command "
                + "NoSuchCommand", r.err().strip());
    }

    @Test
    void operate_of_an_asynchronous_command_prints_its_request_and_with_wait_its_outcome() throws Exception {
        Run started = ok("operate", "Device.ScheduleTimer()", "DelaySeconds=1");
        assertTrue(started.out().matches("Device\\.ScheduleTimer\\(\\)  started: Device\\.LocalAgent\\.Request\\.\\d+\\.\\R"),
                started.out());

        Run waited = ok("operate", "--wait", "Device.ScheduleTimer()", "DelaySeconds=1");
        assertEquals(List.of("Device.ScheduleTimer()  done"), waited.lines(), "its OperationComplete, which has no output");
        JsonNode json = ok("operate", "--wait", "--json", "--command-key", "mine", "Device.ScheduleTimer()",
                "DelaySeconds=1").json();
        JsonNode result = json.path("results").get(0);
        assertTrue(result.path("request").asText().startsWith("Device.LocalAgent.Request."), json::toString);
        assertTrue(result.path("outputArgs").isObject(), json::toString);
        assertEquals(0, json.path("errors").size());
        assertFalse(ok("subscriptions").out().contains("demarc-cli-"), "its own subscription is deleted");
    }

    @Test
    void operate_wait_of_a_command_that_does_not_complete_in_time_exits_1_and_names_its_request() {
        Run r = run("operate", "--wait", "--timeout", "1", "Device.ScheduleTimer()", "DelaySeconds=60");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().strip().matches("demarc: Device\\.ScheduleTimer\\(\\): no OperationComplete within 1 s "
                + "\\(--timeout\\); it goes on in the agent as Device\\.LocalAgent\\.Request\\.\\d+\\."), r.err());
        String request = r.err().strip().replaceAll(".* as ", "");
        ok("operate", request + "Cancel()");
        assertFalse(ok("subscriptions").out().contains("demarc-cli-"), "its own subscription is deleted");
    }

    // ------------------------------------------------------------------ schema

    @Test
    void schema_lists_what_the_running_agent_supports() throws Exception {
        Run r = ok("schema", "Device.LocalAgent.");
        assertTrue(r.lines().stream().anyMatch(l -> l.matches("object +Device\\.LocalAgent\\.Controller\\.\\{i\\}\\. "
                + "+table +readWrite")), r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.matches("parameter +Device\\.LocalAgent\\.EndpointID +string "
                + "+readOnly")), r.out());
        assertTrue(r.lines().stream().noneMatch(l -> l.contains("Device.DeviceInfo.")), "only below the path");
        JsonNode json = ok("schema", "--json").json();
        assertEquals("usp", json.path("flavor").asText());
        boolean factoryReset = false;
        for (JsonNode item : json.path("supported")) {
            factoryReset |= item.path("path").asText().equals("Device.FactoryReset()")
                    && !item.path("async").asBoolean(true);
        }
        assertTrue(factoryReset, "the commands are there");
        assertEquals(0, ok("schema", "--built-in").exitCode(), "the built-in needs no agent either way");
    }

    // ------------------------------------------------------------------ subscriptions, controllers

    @Test
    void subscriptions_lists_the_subscriptions() throws Exception {
        Run added = ok("add", "--json", "Device.LocalAgent.Subscription.", "ID=listed", "NotifType=ValueChange",
                "ReferenceList=Device.DeviceInfo.ProvisioningCode", "Enable=true");
        String path = added.json().path("created").get(0).path("path").asText();
        try {
            Run r = ok("subscriptions");
            assertTrue(r.lines().get(0).startsWith("SUBSCRIPTION"), r.out());
            assertTrue(r.lines().stream().anyMatch(l -> l.matches(Pattern.quote(path) + " +listed +true +ValueChange +"
                    + "Device\\.LocalAgent\\.Controller\\.\\d+ +false +Device\\.DeviceInfo\\.ProvisioningCode")), r.out());
            JsonNode json = ok("subscriptions", "--json").json();
            boolean found = false;
            for (JsonNode s : json.path("subscriptions")) {
                found |= s.path("path").asText().equals(path) && s.path("parameters").path("ID").asText().equals("listed");
            }
            assertTrue(found, json.toString());
        } finally {
            ok("delete", path);
        }
    }

    @Test
    void controllers_says_who_is_connected_since_when_and_what_waits() throws Exception {
        Run r = ok("controllers");
        assertTrue(r.lines().get(0).startsWith("CONTROLLER"), r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.matches("Device\\.LocalAgent\\.Controller\\.1\\. +"
                + Pattern.quote(CONTROLLER) + " +true +no +- +\\d+ +Role\\.1 +-")), r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.matches("Device\\.LocalAgent\\.Controller\\.\\d+\\. +"
                + Pattern.quote(LocalControl.CLI_ENDPOINT_ID) + " +true +yes \\(UDS\\) +\\d{4}-\\S+ +\\d+ +Role\\.1 +.*")),
                r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.matches(" +MTP\\.1\\. +UDS +true +yes +\\d{4}-.*")), r.out());

        JsonNode json = ok("controllers", "--json").json();
        JsonNode cli = null;
        for (JsonNode c : json.path("controllers")) {
            if (c.path("endpointId").asText().equals(LocalControl.CLI_ENDPOINT_ID)) {
                cli = c;
            }
        }
        assertTrue(cli != null, json.toString());
        assertTrue(cli.path("connected").asBoolean());
        assertEquals("UDS", cli.path("protocols").get(0).asText());
        assertEquals("Device.LocalAgent.ControllerTrust.Role.1", cli.path("assignedRole").asText());
        assertEquals(0, cli.path("notificationsWaiting").asInt());
        assertEquals("UDS", cli.path("mtps").get(0).path("protocol").asText());
        assertTrue(cli.path("mtps").get(0).path("connected").asBoolean());
    }

    @Test
    void notifications_waiting_for_a_controller_are_counted() throws Exception {
        int before = waiting(CONTROLLER);
        ok("set", "Device.LocalAgent.Controller.1.ControllerCode=code-" + before);
        assertEquals(before + 1, waiting(CONTROLLER), "the ValueChange for controller 1 waits: it is not connected");
    }

    private static int waiting(String endpointId) throws Exception {
        for (JsonNode c : ok("controllers", "--json").json().path("controllers")) {
            if (c.path("endpointId").asText().equals(endpointId)) {
                assertFalse(c.path("connected").asBoolean());
                return c.path("notificationsWaiting").asInt();
            }
        }
        return fail("no controller " + endpointId);
    }

    // ------------------------------------------------------------------ events

    /** {@code demarc events ...} on a thread of the test. */
    final class Following {
        final FollowEventsCommand command;
        final Thread thread;
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exitCode = new AtomicInteger(-1);

        Following(String... args) {
            CommandLine cmd = DemarcCommand.newCommandLine();
            command = cmd.getSubcommands().get("events").getCommand();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            List<String> all = new ArrayList<>(List.of("events"));
            all.addAll(Arrays.asList(args));
            all.addAll(List.of("--control-socket", socket.toString()));
            thread = new Thread(() -> exitCode.set(cmd.execute(all.toArray(String[]::new))), "test-events");
            thread.start();
        }

        Following awaitFollowing() throws InterruptedException {
            while (!command.following.await(50, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    fail("events ended with " + exitCode.get() + ": " + err);
                }
            }
            return this;
        }

        String awaitLine(String containing) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                for (String line : out.toString().split("\\R")) {
                    if (line.contains(containing)) {
                        return line;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            return fail("no line with '" + containing + "'; printed: " + out + "; stderr: " + err);
        }

        int stop() throws InterruptedException {
            command.stop();
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(thread.isAlive());
            return exitCode.get();
        }
    }

    @Test
    void events_follows_notifications_and_removes_its_subscriptions_at_the_end() throws Exception {
        Following events = new Following().awaitFollowing();
        assertTrue(events.err.toString().contains("following ObjectCreation, ObjectDeletion, Event, OperationComplete"),
                events.err.toString());
        JsonNode subs = ok("subscriptions", "--json").json();
        int ours = 0;
        for (JsonNode s : subs.path("subscriptions")) {
            if (s.path("parameters").path("ID").asText().startsWith("demarc-cli-")) {
                ours++;
                assertEquals("false", s.path("parameters").path("Persistent").asText());
            }
        }
        assertEquals(4, ours, subs.toString());

        String created = ok("add", "Device.LocalAgent.Controller.", "EndpointID=proto::watched").lines().get(0)
                .split("  ")[0];
        String line = events.awaitLine("ObjectCreation");
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z  ObjectCreation  " + Pattern.quote(created)
                + "  .*EndpointID=proto::watched.*"), line);
        ok("delete", created);
        assertTrue(events.awaitLine("ObjectDeletion").endsWith("ObjectDeletion  " + created));
        ok("operate", "Device.LocalAgent.Controller.1.SendOnBoardRequest()");

        assertEquals(0, events.stop());
        for (JsonNode s : ok("subscriptions", "--json").json().path("subscriptions")) {
            assertFalse(s.path("parameters").path("ID").asText().startsWith("demarc-cli-"), "removed: " + s);
        }
    }

    @Test
    void events_json_is_one_object_a_line_and_value_changes_come_with_paths() throws Exception {
        Following events = new Following("--json", "Device.LocalAgent.Controller.1.ProvisioningCode").awaitFollowing();
        ok("set", "Device.LocalAgent.Controller.1.ProvisioningCode=watched-value");
        JsonNode line = JSON.readTree(events.awaitLine("watched-value"));
        assertEquals("ValueChange", line.path("type").asText());
        assertEquals("Device.LocalAgent.Controller.1.ProvisioningCode", line.path("path").asText());
        assertEquals("watched-value", line.path("value").asText());
        assertTrue(line.path("subscription").asText().startsWith("demarc-cli-"));
        assertEquals(0, events.stop());
    }

    // ------------------------------------------------------------------ the MTP itself

    @Test // R-UDS.23 through the agent: a record it cannot parse closes the connection with an Error
    void a_record_the_agent_cannot_parse_closes_the_connection_and_is_the_controllers_last_error() throws Exception {
        try (dev.demarc.mtp.uds.UdsClient raw = dev.demarc.mtp.uds.UdsClient.connect(socket,
                LocalControl.CLI_ENDPOINT_ID, java.time.Duration.ofSeconds(20), 1 << 20)) {
            assertEquals(AGENT, raw.peerEndpointId());
            byte[] connect = raw.receive(java.time.Duration.ofSeconds(20)).orElseThrow();
            assertTrue(dev.demarc.core.usp.proto.UspRecord.Record.parseFrom(connect).hasUdsConnect(),
                    "the UDSConnectRecord comes first (R-MTP.6, R-MTP.8)");
            raw.send(new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String closed = null;
            while (closed == null && System.nanoTime() < deadline) {
                try {
                    raw.receive(java.time.Duration.ofSeconds(1));
                } catch (dev.demarc.mtp.uds.UdsClient.ClosedException e) {
                    closed = e.getMessage();
                }
            }
            assertTrue(closed != null && closed.startsWith("the server sent an Error: "), String.valueOf(closed));
        }
        Run r = ok("controllers");
        assertTrue(r.lines().stream().anyMatch(l -> l.contains(LocalControl.CLI_ENDPOINT_ID)
                && l.contains("closed after an Error")), r.out());
    }

    // ------------------------------------------------------------------ log level

    @Test
    void log_level_reads_and_sets_the_agents_level() throws Exception {
        try {
            assertEquals(LOG_LEVEL.level(), ok("log-level").out().strip().toLowerCase(Locale.ROOT));
            assertEquals(List.of("Debug"), ok("log-level", "DEBUG").lines());
            assertEquals("debug", LOG_LEVEL.level(), "the logging itself changed");
            assertTrue(LoggerFactory.getLogger(RunningAgent.class).isDebugEnabled());
            assertEquals("Warn", ok("log-level", "--json", "warn").json().path("level").asText());
            assertFalse(LoggerFactory.getLogger(RunningAgent.class).isInfoEnabled());
        } finally {
            LOG_LEVEL.restore();
        }
    }

    // ------------------------------------------------------------------ roles

    @Test
    void a_role_without_write_permission_cannot_write_and_an_agent_without_the_commands_controller_is_said_so()
            throws Exception {
        Path readOnlySocket = tmp.resolve("read-only.sock");
        String role = "Device.LocalAgent.ControllerTrust.Role.3.";
        Path defaults = Files.write(tmp.resolve("read-only.defaults"), List.of(
                role + "Name = Read Only",
                role + "Enable = true",
                role + "Permission.1.Enable = true",
                role + "Permission.1.Targets = Device.",
                role + "Permission.1.Param = r--n",
                role + "Permission.1.Obj = r--n",
                role + "Permission.1.InstantiatedObj = r--n",
                role + "Permission.1.CommandEvent = r---",
                "Device.LocalAgent.Controller.7.EndpointID = " + LocalControl.CLI_ENDPOINT_ID,
                "Device.LocalAgent.Controller.7.Enable = true",
                "Device.LocalAgent.Controller.7.AssignedRole = Device.LocalAgent.ControllerTrust.Role.3"));
        try (RunningAgent readOnly = RunningAgent.start(RunningAgent.Settings.builder(tmp.resolve("read-only-data"))
                .defaultsFile(defaults).endpointId("os::00D09E-CLI2").controlSocket(readOnlySocket).build())) {
            Run read = runOn(readOnlySocket, "get", "Device.LocalAgent.Controller.7.AssignedRole");
            assertEquals(0, read.exitCode(), read.err());
            assertEquals(List.of("Device.LocalAgent.Controller.7.AssignedRole  " + role.substring(0, role.length() - 1)),
                    read.lines(), "the factory defaults' role is kept: no other controller was added");

            Run write = runOn(readOnlySocket, "set", "Device.DeviceInfo.ProvisioningCode=x");
            assertEquals(1, write.exitCode());
            assertTrue(write.err().contains("7006 Permission denied"), write.err());
            Run add = runOn(readOnlySocket, "add", "Device.LocalAgent.Controller.");
            assertEquals(1, add.exitCode());
            assertTrue(add.err().contains("7006"), add.err());

            Result<String> disabled = readOnly.owner().call(m -> {
                var tx = m.beginForAgent();
                tx.set("Device.LocalAgent.Controller.7.Enable", "false");
                return tx.commit().isOk() ? Result.ok("") : Result.<String>err(dev.demarc.core.ErrorCode.INTERNAL_ERROR,
                        "not disabled");
            }).get(20, TimeUnit.SECONDS);
            assertTrue(disabled.isOk());
            Run refused = runOn(readOnlySocket, "get", "--timeout", "2", "Device.DeviceInfo.");
            assertEquals(1, refused.exitCode());
            assertTrue(refused.err().contains("does not take requests from self::demarc-cli"), refused.err());
        }
    }
}

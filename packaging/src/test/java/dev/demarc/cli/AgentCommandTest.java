package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Transaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code demarc agent}, run in this JVM on a thread of the test. */
class AgentCommandTest {

    @TempDir
    Path tmp;

    private final List<Started> started = new ArrayList<>();

    /** An agent command running on its own thread. */
    private final class Started {
        final AgentCommand command;
        final Thread thread;
        final AtomicInteger exitCode = new AtomicInteger(-1);
        final StringWriter err = new StringWriter();

        Started(String... args) {
            CommandLine cmd = DemarcCommand.newCommandLine();
            command = cmd.getSubcommands().get("agent").getCommand();
            cmd.setOut(new PrintWriter(new StringWriter(), true));
            cmd.setErr(new PrintWriter(err, true));
            List<String> all = new ArrayList<>(List.of("agent"));
            all.addAll(Arrays.asList(args));
            if (!all.contains("--control-socket")) {
                // never the default: it may be the socket of an agent running on this machine
                all.addAll(List.of("--control-socket", tmp.resolve("control-" + started.size() + ".sock").toString()));
            }
            thread = new Thread(() -> exitCode.set(cmd.execute(all.toArray(String[]::new))), "test-agent");
            thread.start();
            started.add(this);
        }

        /** Waits until the agent is ready, or fails with what it printed if it ended instead. */
        Started awaitReady() throws InterruptedException {
            while (!command.ready.await(50, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    fail("the agent ended with exit code " + exitCode.get() + ": " + err);
                }
            }
            return this;
        }

        /** Waits until the command ends and answers its exit code. */
        int awaitExit() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), "the agent command ended");
            return exitCode.get();
        }

        int stop() throws InterruptedException {
            command.stop();
            return awaitExit();
        }

        <T> T onModel(Function<DataModel, T> work) throws Exception {
            return command.running().owner().call(work).get(30, TimeUnit.SECONDS);
        }

        String read(String path) throws Exception {
            Result<String> r = onModel(m -> m.read(path));
            assertTrue(r.isOk(), () -> path + ": " + r.error());
            return r.value();
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Started s : started) {
            s.command.stop();
            s.thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.writeString(tmp.resolve(name), String.join("\n", lines) + "\n");
    }

    private String dataDir() {
        return tmp.resolve("data").toString();
    }

    @Test
    void starts_serves_the_data_model_and_stops_cleanly() throws Exception {
        Started agent = new Started("--data-dir", dataDir(), "--endpoint-id", "os::00D09E-TEST1",
                "--websocket-port", "0").awaitReady();
        assertEquals("os::00D09E-TEST1", agent.read("Device.LocalAgent.EndpointID"));
        assertEquals("2.19", agent.read("Device.RootDataModelVersion"));
        assertEquals("1", agent.read("Device.LocalAgent.ControllerNumberOfEntries"), "the demarc commands' own");
        assertEquals("self::demarc-cli", agent.read("Device.LocalAgent.Controller.1.EndpointID"));
        assertEquals("Device.LocalAgent.ControllerTrust.Role.1", agent.read("Device.LocalAgent.Controller.1.AssignedRole"));
        assertEquals(0, agent.stop());
        assertEquals("", agent.err.toString());

        Started again = new Started("--data-dir", dataDir(), "--endpoint-id", "os::00D09E-TEST1",
                "--websocket-port", "0").awaitReady();
        assertEquals(0, again.stop(), "the store was closed and its lock released");
    }

    @Test
    void controllers_from_the_defaults_and_from_controllers_are_there_after_a_restart() throws Exception {
        Path defaults = file("factory.defaults",
                "# a test device",
                "Device.DeviceInfo.ManufacturerOUI = A1B2C3",
                "Device.DeviceInfo.SerialNumber = SN0001",
                "Device.LocalAgent.Controller.1.EndpointID = proto::acs",
                "Device.LocalAgent.Controller.1.Enable = true");
        Started first = new Started("--data-dir", dataDir(), "--defaults", defaults.toString()).awaitReady();
        assertEquals("os::A1B2C3-SN0001", first.command.running().endpointId(), "os::<OUI>-<SerialNumber>");
        assertEquals("2", first.read("Device.LocalAgent.ControllerNumberOfEntries"), "the defaults' and the demarc"
                + " commands' own");
        assertEquals("self::demarc-cli", first.read("Device.LocalAgent.Controller.2.EndpointID"));
        Result<?> added = first.onModel(m -> {
            Transaction tx = m.begin();
            tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::second"));
            return tx.commit();
        });
        assertTrue(added.isOk());
        assertEquals(0, first.stop());

        Started second = new Started("--data-dir", dataDir()).awaitReady();
        assertEquals("os::A1B2C3-SN0001", second.read("Device.LocalAgent.EndpointID"), "the pinned identity is stored");
        assertEquals("3", second.read("Device.LocalAgent.ControllerNumberOfEntries"), "the commands' is not added twice");
        assertEquals("proto::acs", second.read("Device.LocalAgent.Controller.1.EndpointID"));
        assertEquals("true", second.read("Device.LocalAgent.Controller.1.Enable"));
        assertEquals("cpe-1", second.read("Device.LocalAgent.Controller.1.Alias"));
        assertEquals("proto::second", second.read("Device.LocalAgent.Controller.3.EndpointID"));
        assertEquals(0, second.stop());
    }

    @Test
    void a_bad_defaults_line_exits_1_naming_file_and_line() throws Exception {
        Path defaults = file("bad.defaults",
                "Device.DeviceInfo.ManufacturerOUI = A1B2C3",
                "Device.LocalAgent.Controller.1.Enable = maybe");
        Started agent = new Started("--data-dir", dataDir(), "--factory-defaults", defaults.toString(),
                "--endpoint-id", "os::A1B2C3-1");
        assertEquals(1, agent.awaitExit());
        List<String> lines = agent.err.toString().lines().toList();
        assertEquals(1, lines.size(), agent.err.toString());
        assertTrue(lines.get(0).startsWith("demarc: " + defaults + ":2: Device.LocalAgent.Controller.1.Enable: "), lines.get(0));
    }

    /** A file of the test PKI ({@code src/test/resources/tls/}). */
    private static String pki(String name) throws Exception {
        return Path.of(AgentCommandTest.class.getResource("/tls/" + name).toURI()).toString();
    }

    @Test
    void with_its_tls_files_it_runs_a_websocket_server_over_tls() throws Exception {
        Path defaults = file("tls.defaults",
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = true");
        Started agent = new Started("--data-dir", dataDir(), "--defaults", defaults.toString(), "--websocket-port", "0",
                "--tls-ca", pki("ca.pem"), "--tls-cert", pki("agent-cert.pem"), "--tls-key", pki("agent-key.pem"))
                .awaitReady();
        String mtp = agent.command.running().router().mtps().get(0).describe();
        assertTrue(mtp.startsWith("WebSocket server Device.LocalAgent.MTP.1 on wss://127.0.0.1:"), mtp);
        assertEquals(0, agent.stop());
    }

    @Test
    void a_tls_file_that_cannot_be_used_exits_1_naming_it_before_anything_starts() throws Exception {
        Started agent = new Started("--data-dir", dataDir(), "--tls-cert", pki("agent-cert.pem"),
                "--tls-key", pki("agent-cert.pem"));
        assertEquals(1, agent.awaitExit());
        assertEquals(List.of("demarc: --tls-key " + pki("agent-cert.pem") + ": holds a certificate, not a private key"),
                agent.err.toString().lines().toList());
        assertFalse(Files.exists(tmp.resolve("data")), "the data directory is not even created");

        Path missing = tmp.resolve("missing-ca.pem");
        Started noCa = new Started("--data-dir", dataDir(), "--tls-ca", missing.toString());
        assertEquals(1, noCa.awaitExit());
        assertEquals(List.of("demarc: --tls-ca " + missing + ": no such file"), noCa.err.toString().lines().toList());
    }

    @Test
    void a_certificate_without_its_key_is_a_usage_error() throws Exception {
        Started agent = new Started("--data-dir", dataDir(), "--tls-cert", pki("agent-cert.pem"));
        assertEquals(2, agent.awaitExit());
        assertTrue(agent.err.toString().startsWith("demarc: --tls-cert and --tls-key go together"), agent.err.toString());
    }

    @Test
    void on_this_linux_machine_the_agent_serves_its_real_memory_and_processes() throws Exception {
        Started agent = new Started("--data-dir", dataDir(), "--endpoint-id", "os::00D09E-TEST1",
                "--websocket-port", "0", "--platform", "linux", "--reboot-command", "true").awaitReady();
        assertTrue(Long.parseLong(agent.read("Device.DeviceInfo.MemoryStatus.Total")) > 0);
        assertTrue(Long.parseLong(agent.read("Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries")) > 0);
        assertTrue(Long.parseLong(agent.read("Device.DeviceInfo.UpTime")) > 0);
        assertEquals(0, agent.stop());
    }

    @Test
    void an_empty_reboot_command_is_a_usage_error() throws Exception {
        Started agent = new Started("--data-dir", dataDir(), "--reboot-command", " ");
        assertEquals(2, agent.awaitExit());
        assertTrue(agent.err.toString().startsWith("demarc: --reboot-command, --factory-reset-command: "),
                agent.err.toString());
    }

    @Test
    void a_defaults_syntax_error_exits_1_naming_file_and_line() throws Exception {
        Path defaults = file("syntax.defaults", "# ok", "Device.LocalAgent.Controller.*.Enable = true");
        Started agent = new Started("--data-dir", dataDir(), "--factory-defaults", defaults.toString());
        assertEquals(1, agent.awaitExit());
        assertTrue(agent.err.toString().startsWith("demarc: " + defaults + ":2: "), agent.err.toString());
    }

    @Test
    void without_any_endpoint_id_the_agent_makes_a_self_id_once_and_keeps_it() throws Exception {
        Path defaults = file("no-serial.defaults", "Device.LocalAgent.Controller.1.EndpointID = proto::acs");
        Started first = new Started("--data-dir", dataDir(), "--defaults", defaults.toString()).awaitReady();
        String made = first.command.running().endpointId();
        assertTrue(made.matches("self::demarc-[0-9a-f]{20}"), made);
        assertEquals(made, first.read("Device.LocalAgent.EndpointID"));
        assertEquals(made, Files.readString(tmp.resolve("data").resolve("endpoint-id")).strip(), "kept in the data directory");
        assertEquals(0, first.stop());

        Started again = new Started("--data-dir", dataDir()).awaitReady();
        assertEquals(made, again.read("Device.LocalAgent.EndpointID"), "an Endpoint ID never changes");
        assertEquals(0, again.stop());
        assertTrue(dataFiles().stream().noneMatch(f -> f.endsWith(".tmp")), () -> "no temporary file left: " + dataFiles());
    }

    @Test
    void factory_reset_records_a_local_factory_reset_and_runs_the_devices_reset() throws Exception {
        Path socket = tmp.resolve("reset.sock");
        Path marker = tmp.resolve("reset-marker");
        Started agent = new Started("--data-dir", dataDir(), "--websocket-port", "0", "--control-socket",
                socket.toString(), "--platform", "linux",
                "--factory-reset-command", "echo factory-reset >> '" + marker + "'").awaitReady();
        String endpointId = agent.command.running().endpointId();

        AgentCommandsTest.Run reset = AgentCommandsTest.runOn(socket, "factory-reset", "--yes", "--reason", "tests");
        assertEquals(0, reset.exitCode(), reset.err());
        assertEquals(List.of("factory reset: " + endpointId + " runs the device's factory reset and starts again on"
                + " its factory defaults"), reset.lines());
        String recorded = Files.readString(tmp.resolve("data").resolve("boot-cause"));
        assertTrue(recorded.contains("LocalFactoryReset") && recorded.contains("tests"),
                "the next Boot! says who and why (the restart itself is AgentRebootTest's): " + recorded);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(marker) && Files.readString(marker).contains("factory-reset"))
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals("factory-reset\n", Files.readString(marker), "the device's reset ran");
        assertEquals(0, agent.stop());
    }

    @Test
    void factory_reset_without_a_reset_command_is_the_agents_7022() throws Exception {
        Path socket = tmp.resolve("no-reset.sock");
        Started agent = new Started("--data-dir", dataDir(), "--websocket-port", "0", "--control-socket",
                socket.toString(), "--platform", "linux").awaitReady();
        AgentCommandsTest.Run reset = AgentCommandsTest.runOn(socket, "factory-reset", "--yes");
        assertEquals(1, reset.exitCode());
        assertTrue(reset.err().contains("Device.FactoryReset(): 7022 Command failure"), reset.err());
        assertEquals(0, agent.stop());
    }

    @Test
    void a_damaged_endpoint_id_file_stops_the_start_rather_than_changing_the_id() throws Exception {
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data").resolve("endpoint-id"), "not an endpoint id\n");
        Started agent = new Started("--data-dir", dataDir(), "--defaults", file("empty.defaults", "# nothing").toString());
        assertEquals(1, agent.awaitExit());
        assertTrue(agent.err.toString().startsWith("demarc: no Endpoint ID: " + tmp.resolve("data").resolve("endpoint-id")
                + " does not hold an Endpoint ID"), agent.err.toString());
    }

    @Test
    void with_only_a_data_directory_it_starts_on_the_embedded_defaults_listening_on_127_0_0_1() throws Exception {
        Started agent = new Started("--data-dir", dataDir(), "--websocket-port", "0").awaitReady();
        assertEquals("WebSocket", agent.read("Device.LocalAgent.MTP.1.Protocol"));
        assertEquals("true", agent.read("Device.LocalAgent.MTP.1.Enable"));
        assertEquals("9080", agent.read("Device.LocalAgent.MTP.1.WebSocket.Port"), "--websocket-port 0 replaces it here");
        assertEquals("/usp", agent.read("Device.LocalAgent.MTP.1.WebSocket.Path"));
        assertEquals("false", agent.read("Device.LocalAgent.MTP.1.WebSocket.EnableEncryption"));
        assertEquals("WebSocket,UDS", agent.read("Device.LocalAgent.SupportedProtocols"), "and the control socket");
        assertEquals("1", agent.read("Device.LocalAgent.ControllerNumberOfEntries"),
                "no controller is let in by default but the demarc commands'");

        int port = agent.command.running().router().webSocketServerPort("Device.LocalAgent.MTP.1").orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        WebSocket ws = http.newWebSocketBuilder().subprotocols("v1.usp")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/usp?eid=proto::someone"), new WebSocket.Listener() {
                })
                .get(30, TimeUnit.SECONDS);
        assertEquals("v1.usp", ws.getSubprotocol(), "a USP session on 127.0.0.1");
        ws.abort();
        for (InetAddress other : nonLoopbackAddresses()) {
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(other, port), 5000);
                }
            }, "not listening on " + other);
        }
        assertEquals(0, agent.stop());
    }

    @Test
    void the_listen_address_option_moves_the_websocket_server() throws Exception {
        Started agent = new Started("--data-dir", dataDir(), "--websocket-port", "0", "--listen-address", "127.0.0.2")
                .awaitReady();
        int port = agent.command.running().router().webSocketServerPort("Device.LocalAgent.MTP.1").orElseThrow();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.2", port), 5000);
        }
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            }
        });
        assertEquals(0, agent.stop());
    }

    private List<String> dataFiles() {
        try (var files = Files.list(tmp.resolve("data"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (n.isUp() && !n.isLoopback()) {
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        found.add(a);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void an_endpoint_id_option_contradicting_the_defaults_is_refused() throws Exception {
        Path defaults = file("id.defaults", "Device.LocalAgent.EndpointID = os::A1B2C3-FROMFILE");
        Started agent = new Started("--data-dir", dataDir(), "--factory-defaults", defaults.toString(),
                "--endpoint-id", "os::A1B2C3-OTHER");
        assertEquals(1, agent.awaitExit());
        assertTrue(agent.err.toString().contains("conflicts with Device.LocalAgent.EndpointID os::A1B2C3-FROMFILE"),
                agent.err.toString());

        Started pinned = new Started("--data-dir", dataDir(), "--factory-defaults", defaults.toString()).awaitReady();
        assertEquals("os::A1B2C3-FROMFILE", pinned.read("Device.LocalAgent.EndpointID"));
    }

    @Test
    void an_invalid_endpoint_id_is_refused() throws Exception {
        Started agent = new Started("--data-dir", dataDir(), "--endpoint-id", "no colons");
        assertEquals(1, agent.awaitExit());
        assertTrue(agent.err.toString().startsWith("demarc: not a USP Endpoint ID"), agent.err.toString());
    }

    @Test
    void two_agents_cannot_share_a_data_directory() throws Exception {
        new Started("--data-dir", dataDir(), "--endpoint-id", "os::A1B2C3-1", "--websocket-port", "0").awaitReady();
        Started second = new Started("--data-dir", dataDir(), "--endpoint-id", "os::A1B2C3-2", "--websocket-port", "0");
        assertEquals(1, second.awaitExit());
        assertTrue(second.err.toString().contains("in use by another agent"), second.err.toString());
    }

    @Test
    void default_data_directory_is_var_lib_when_writable_else_the_users() throws IOException {
        Path system = Files.createDirectories(tmp.resolve("var/lib")).resolve("demarc");
        assertEquals(system, DataDirectory.choose(system, null, "/home/u"), "creatable");
        Path readOnly = tmp.resolve("missing/parent/demarc");
        assertEquals(Path.of("/xdg/demarc"), DataDirectory.choose(readOnly, "/xdg", "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/demarc"), DataDirectory.choose(readOnly, "", "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/demarc"), DataDirectory.choose(readOnly, "relative", "/home/u"));
    }
}

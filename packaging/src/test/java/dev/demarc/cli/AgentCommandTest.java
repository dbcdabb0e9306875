package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Transaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        Started agent = new Started("--data-dir", dataDir(), "--endpoint-id", "os::00D09E-TEST1").awaitReady();
        assertEquals("os::00D09E-TEST1", agent.read("Device.LocalAgent.EndpointID"));
        assertEquals("2.19", agent.read("Device.RootDataModelVersion"));
        assertEquals("0", agent.read("Device.LocalAgent.ControllerNumberOfEntries"));
        assertEquals(0, agent.stop());
        assertEquals("", agent.err.toString());

        Started again = new Started("--data-dir", dataDir(), "--endpoint-id", "os::00D09E-TEST1").awaitReady();
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
        Started first = new Started("--data-dir", dataDir(), "--factory-defaults", defaults.toString()).awaitReady();
        assertEquals("os::A1B2C3-SN0001", first.command.running().endpointId(), "os::<OUI>-<SerialNumber>");
        assertEquals("1", first.read("Device.LocalAgent.ControllerNumberOfEntries"));
        Result<?> added = first.onModel(m -> {
            Transaction tx = m.begin();
            tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::second"));
            return tx.commit();
        });
        assertTrue(added.isOk());
        assertEquals(0, first.stop());

        Started second = new Started("--data-dir", dataDir()).awaitReady();
        assertEquals("os::A1B2C3-SN0001", second.read("Device.LocalAgent.EndpointID"), "the pinned identity is stored");
        assertEquals("2", second.read("Device.LocalAgent.ControllerNumberOfEntries"));
        assertEquals("proto::acs", second.read("Device.LocalAgent.Controller.1.EndpointID"));
        assertEquals("true", second.read("Device.LocalAgent.Controller.1.Enable"));
        assertEquals("cpe-1", second.read("Device.LocalAgent.Controller.1.Alias"));
        assertEquals("proto::second", second.read("Device.LocalAgent.Controller.2.EndpointID"));
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

    @Test
    void a_defaults_syntax_error_exits_1_naming_file_and_line() throws Exception {
        Path defaults = file("syntax.defaults", "# ok", "Device.LocalAgent.Controller.*.Enable = true");
        Started agent = new Started("--data-dir", dataDir(), "--factory-defaults", defaults.toString());
        assertEquals(1, agent.awaitExit());
        assertTrue(agent.err.toString().startsWith("demarc: " + defaults + ":2: "), agent.err.toString());
    }

    @Test
    void without_an_endpoint_id_the_agent_refuses_to_start_and_writes_nothing() throws Exception {
        Path defaults = file("no-serial.defaults", "Device.LocalAgent.Controller.1.EndpointID = proto::acs");
        Started agent = new Started("--data-dir", dataDir(), "--factory-defaults", defaults.toString());
        assertEquals(1, agent.awaitExit());
        assertTrue(agent.err.toString().startsWith("demarc: no Endpoint ID: give --endpoint-id"), agent.err.toString());

        Started again = new Started("--data-dir", dataDir(), "--factory-defaults", defaults.toString(),
                "--endpoint-id", "os::A1B2C3-1").awaitReady();
        assertEquals("proto::acs", again.read("Device.LocalAgent.Controller.1.EndpointID"),
                "the defaults are applied at the first start that succeeds");
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
        new Started("--data-dir", dataDir(), "--endpoint-id", "os::A1B2C3-1").awaitReady();
        Started second = new Started("--data-dir", dataDir(), "--endpoint-id", "os::A1B2C3-2");
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

package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demarc agent} in a process of its own, as in the README's two terminals, and the commands
 * from this JVM: the control socket between two processes, and the log level of the agent's real
 * logging binding (slf4j-simple, which the tests' own class path leaves out) changed at run time.
 */
class AgentProcessTest {

    private static final long WAIT_SECONDS = 60;
    /** How the agent's log lines start: one time stamp, one thread name, the level, the logger. */
    private static final Pattern LOG_LINE_START = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) \\[[^\\]]+\\] INFO [A-Za-z]+ - ");

    @TempDir
    Path tmp;

    private Process agent;

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private Path startAgent(Path socket) throws IOException {
        Path defaults = Files.write(tmp.resolve("process.defaults"), List.of("Device.DeviceInfo.SerialNumber = PROC1"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        agent = new ProcessBuilder(java, "-cp", BenchCommandTest.agentClassPath(), DemarcMain.class.getName(), "agent",
                "--data-dir", tmp.resolve("data").toString(), "--defaults", defaults.toString(),
                "--endpoint-id", "os::00D09E-PROC1", "--control-socket", socket.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("agent.log").toFile())
                .start();
        return tmp.resolve("agent.log");
    }

    private AgentCommandsTest.Run awaitAnswer(Path socket, String... args) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        AgentCommandsTest.Run r;
        do {
            if (!agent.isAlive()) {
                fail("the agent ended with " + agent.exitValue() + ": " + Files.readString(tmp.resolve("agent.log")));
            }
            r = AgentCommandsTest.runOn(socket, args);
            if (r.exitCode() != 3) {
                return r;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        } while (System.nanoTime() < deadline);
        return fail("the agent did not answer on " + socket + ": " + r.err());
    }

    private static String awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.contains(text)) {
                    return line;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return fail("nothing logged with '" + text + "': " + Files.readString(log));
    }

    @Test
    void the_commands_reach_an_agent_in_another_process_and_change_its_log_level() throws Exception {
        Path socket = tmp.resolve("control.sock");
        Path log = startAgent(socket);
        AgentCommandsTest.Run info = awaitAnswer(socket, "get", "Device.DeviceInfo.SerialNumber");
        assertEquals(0, info.exitCode(), info.err());
        assertEquals(List.of("Device.DeviceInfo.SerialNumber  PROC1"), info.lines());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

        assertEquals(List.of("Info"), AgentCommandsTest.runOn(socket, "log-level").lines());
        assertFalse(Files.readString(log).contains(" DEBUG "), "nothing at DEBUG yet");
        assertEquals(List.of("Debug"), AgentCommandsTest.runOn(socket, "log-level", "debug").lines());
        assertEquals(0, AgentCommandsTest.runOn(socket, "get", "Device.LocalAgent.EndpointID").exitCode());
        assertTrue(awaitLog(log, " DEBUG ").contains("DEBUG"));
        assertEquals(List.of("Debug"), AgentCommandsTest.runOn(socket, "log-level").lines());

        agent.destroy(); // SIGTERM
        assertTrue(agent.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        String stopped = awaitLog(log, "agent stopped");
        // One time stamp (the JVM's zone, to the millisecond) and one thread name, then the level.
        assertTrue(LOG_LINE_START.matcher(stopped).lookingAt(), stopped);
        OffsetDateTime at = OffsetDateTime.parse(stopped.substring(0, stopped.indexOf(' ')));
        assertTrue(Duration.between(at.toInstant(), Instant.now()).abs().toSeconds() < WAIT_SECONDS, stopped);
        assertFalse(Files.exists(socket), "the socket file is removed at the end");
        AgentCommandsTest.Run gone = AgentCommandsTest.runOn(socket, "get", "Device.");
        assertEquals(3, gone.exitCode());
    }
}

package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** The agent's command line read without picocli: what it reads, picocli reads the same; the rest it leaves to picocli. */
class AgentArgumentsTest {

    static Stream<List<String>> readHere() {
        return Stream.of(
                List.of("agent"),
                List.of("--verbose", "agent"),
                List.of("agent", "--verbose", "--data-dir", "/var/lib/demarc"),
                List.of("agent", "--data-dir=relative/dir", "--defaults", "/etc/demarc/defaults"),
                List.of("agent", "--factory-defaults=with space/and=equals"),
                List.of("agent", "--endpoint-id", "os::00D09E-SN1234", "--listen-address", "0.0.0.0"),
                List.of("agent", "--endpoint-id=proto::a=b", "--listen-address=::"),
                List.of("agent", "--websocket-port", "0", "--platform", "simulated:docs/examples/simulated-gateway.json"),
                List.of("agent", "--websocket-port=65535", "--platform=linux"),
                List.of("agent", "--websocket-port", "70000"),
                List.of("agent", "--tls-ca", "ca.pem", "--tls-cert", "cert.pem", "--tls-key", "key.pem"),
                List.of("agent", "--tls-ca=ca.pem", "--tls-cert=cert.pem", "--tls-key=key.pem"),
                List.of("agent", "--reboot-command", "systemctl reboot", "--factory-reset-command",
                        "/sbin/firstboot -y && /sbin/reboot"),
                List.of("agent", "--reboot-command='quoted'", "--endpoint-id", "\"os::x\""),
                List.of("agent", "--control-socket", "/run/demarc/control.sock", "--verbose"),
                List.of("agent", "--endpoint-id", "ünïcödé", "--data-dir", "dir/ünïcödé"));
    }

    static Stream<List<String>> leftToPicocli() {
        return Stream.of(
                List.of(),
                List.of("get", "Device."),
                List.of("--help"),
                List.of("agent", "--help"),
                List.of("agent", "-h"),
                List.of("agent", "--version"),
                List.of("agent", "-V"),
                List.of("agent", "--data-dri", "x"),
                List.of("agent", "--data-dir"),
                List.of("agent", "--data-dir="),
                List.of("agent", "--data-dir", ""),
                List.of("agent", "--data-dir", "a", "--data-dir", "b"),
                List.of("agent", "--defaults", "a", "--factory-defaults", "b"),
                List.of("agent", "--endpoint-id", "--data-dir", "x"),
                List.of("agent", "--endpoint-id", "-x"),
                List.of("agent", "--endpoint-id", "@args.txt"),
                List.of("agent", "--endpoint-id=@args.txt"),
                List.of("@args.txt"),
                List.of("agent", "--websocket-port", "0x10"),
                List.of("agent", "--websocket-port", "+5"),
                List.of("agent", "--websocket-port", "1234567890"),
                List.of("agent", "--websocket-port", "port"),
                List.of("agent", "--", "--data-dir", "x"),
                List.of("agent", "extra"),
                List.of("agent", "agent"),
                List.of("--verbose", "--verbose", "agent"),
                List.of("agent", "--verbose=true"),
                List.of("agent", "--data-dir", "nul\0inside"));
    }

    @ParameterizedTest
    @MethodSource("readHere")
    void readsWhatPicocliReads(List<String> args) throws IllegalAccessException {
        AgentCommand plain = AgentArguments.read(args.toArray(new String[0])).orElseThrow();
        CommandLine picocli = DemarcCommand.newAgentCommandLine();
        picocli.parseArgs(args.toArray(new String[0]));
        AgentCommand parsed = picocli.getSubcommands().get("agent").getCommand();
        int options = 0;
        for (Field f : AgentCommand.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Option.class)) {
                f.setAccessible(true);
                assertEquals(f.get(parsed), f.get(plain), f.getName() + " of " + args);
                options++;
            }
        }
        assertEquals(13 - 1, options, "the fields of AgentCommand's options (--defaults has two names)");
    }

    @ParameterizedTest
    @MethodSource("leftToPicocli")
    void leavesTheRestToPicocli(List<String> args) {
        assertEquals(Optional.empty(), AgentArguments.read(args.toArray(new String[0])));
    }

    @Test
    void readsEveryOptionOfTheAgentCommand() {
        Set<String> picocliNames = new TreeSet<>();
        for (OptionSpec o : DemarcCommand.newAgentCommandLine().getSubcommands().get("agent").getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp() && !o.longestName().equals(ShortErrorHandler.VERBOSE_OPTION)) {
                picocliNames.addAll(Arrays.asList(o.names()));
            }
        }
        assertEquals(picocliNames, new TreeSet<>(AgentArguments.optionNames()));
        for (String name : AgentArguments.optionNames()) {
            String value = name.equals("--websocket-port") ? "8080" : "value";
            assertTrue(AgentArguments.read(new String[] {"agent", name, value}).isPresent(), name);
        }
    }

    @Test
    void aLongCommandLineGoesToPicocli() {
        List<String> args = new ArrayList<>(List.of("agent"));
        for (int i = 0; i < 40; i++) {
            args.add("--verbose");
        }
        assertEquals(Optional.empty(), AgentArguments.read(args.toArray(new String[0])));
    }

    @Test
    void optionProblemsAreTheUsageErrorsPicocliWouldReport() {
        AgentCommand port = AgentArguments.read(new String[] {"agent", "--websocket-port", "70000"}).orElseThrow();
        assertEquals("--websocket-port must be 0..65535: 70000", port.usageProblem());
        IllegalArgumentException unasked = assertThrows(IllegalArgumentException.class, port::call,
                "run without picocli and without asking first, the problem still stops it");
        assertEquals(port.usageProblem(), unasked.getMessage());
        AgentCommand tls = AgentArguments.read(new String[] {"agent", "--tls-cert", "c.pem"}).orElseThrow();
        assertEquals("--tls-cert and --tls-key go together: give both or neither", tls.usageProblem());
        AgentCommand fine = AgentArguments.read(new String[] {"agent", "--data-dir", "x",
            "--control-socket", "/tmp/demarc-test.sock"}).orElseThrow();
        assertNull(fine.usageProblem());
    }

    @Test
    void anAgentThatFailsToStartReportsAsPicocliWould(@TempDir Path dir) {
        String[] args = {"agent", "--data-dir", dir.resolve("data").toString(),
            "--platform", "simulated:" + dir.resolve("missing.json"),
            "--control-socket", dir.resolve("control.sock").toString()};
        AgentCommand agent = AgentArguments.read(args).orElseThrow();
        assertNull(agent.usageProblem());

        PrintStream stderr = System.err;
        ByteArrayOutputStream plainErr = new ByteArrayOutputStream();
        int plainExit;
        try {
            System.setErr(new PrintStream(plainErr, true, StandardCharsets.UTF_8));
            plainExit = DemarcMain.runAgent(agent, args);
        } finally {
            System.setErr(stderr);
        }

        CommandLine picocli = DemarcCommand.newAgentCommandLine();
        StringWriter picocliErr = new StringWriter();
        picocli.setErr(new PrintWriter(picocliErr, true));
        int picocliExit = picocli.execute(args);

        assertEquals(1, picocliExit);
        assertEquals(picocliExit, plainExit);
        assertTrue(picocliErr.toString().startsWith(ShortErrorHandler.PREFIX), picocliErr.toString());
        assertEquals(picocliErr.toString().strip(), plainErr.toString(StandardCharsets.UTF_8).strip());
    }
}

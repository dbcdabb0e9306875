package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExitCodeGenerator;
import picocli.CommandLine.Parameters;

class DemarcCommandTest {

    /** What one in-process run of {@code demarc} printed and returned. */
    private record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }
    }

    private static Run run(String... args) {
        return run(DemarcCommand.newCommandLine(), args);
    }

    private static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode = cmd.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The real command line plus a test-only subcommand that fails the way it is told to. */
    private static CommandLine withFailingSubcommand() {
        CommandLine cmd = DemarcCommand.newCommandLine();
        cmd.addSubcommand(new FailCommand());
        return cmd;
    }

    @Command(name = "fail", description = "Test only: throws.")
    static final class FailCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "what to throw")
        String what;

        @Override
        public Integer call() throws Exception {
            switch (what) {
                case "message" -> throw new IllegalStateException("the agent is not running");
                case "multiline" -> throw new IllegalStateException("first line\nsecond line");
                case "nomessage" -> throw new NullPointerException();
                case "nofile" -> throw new NoSuchFileException("/etc/demarc/agent.conf");
                case "code" -> throw new ExitCodeException(4, "config invalid");
                default -> {
                    return 0;
                }
            }
        }
    }

    static final class ExitCodeException extends RuntimeException implements IExitCodeGenerator {
        private final int exitCode;

        ExitCodeException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        @Override
        public int getExitCode() {
            return exitCode;
        }
    }

    @Test
    void no_option_has_a_type_whose_converter_the_command_leaves_out() {
        List<Pattern> excluded = Arrays.stream(DemarcCommand.UNUSED_CONVERTERS.split(",")).map(Pattern::compile).toList();
        List<String> checked = new ArrayList<>();
        Deque<CommandLine> commands = new ArrayDeque<>(List.of(DemarcCommand.newCommandLine()));
        while (!commands.isEmpty()) {
            CommandLine c = commands.pop();
            commands.addAll(c.getSubcommands().values());
            for (CommandLine.Model.ArgSpec arg : c.getCommandSpec().args()) {
                List<Class<?>> types = new ArrayList<>(Arrays.asList(arg.auxiliaryTypes()));
                types.add(arg.type());
                for (Class<?> type : types) {
                    checked.add(type.getName());
                    assertTrue(excluded.stream().noneMatch(p -> p.matcher(type.getName()).matches()),
                            () -> c.getCommandName() + " " + arg + " is a " + type.getName()
                                    + ", whose converter DemarcCommand.skipUnusedConverters leaves out");
                }
            }
        }
        assertTrue(checked.size() > 50, "every command's options were walked: " + checked.size());
    }

    @Test
    void help_prints_usage_and_what_demarc_is_to_stdout() {
        Run r = run("--help");

        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("Usage: demarc"), r.out());
        String words = r.out().replaceAll("\\s+", " ");
        assertTrue(words.contains("management agent for Linux and OpenWrt gateways"), r.out());
        assertTrue(r.out().contains("--verbose"), r.out());
        assertTrue(r.out().contains("--version"), r.out());
        assertTrue(r.out().contains("help"), "lists the help subcommand: " + r.out());
        assertEquals("", r.err());
    }

    @Test
    void the_agent_starts_from_a_command_line_of_its_own_that_parses_and_helps_the_same() {
        assertTrue(DemarcMain.runsTheAgent(new String[] {"agent", "--data-dir", "x"}));
        assertTrue(DemarcMain.runsTheAgent(new String[] {"--verbose", "agent"}));
        assertFalse(DemarcMain.runsTheAgent(new String[] {"get", "agent"}));
        assertFalse(DemarcMain.runsTheAgent(new String[] {"--help"}));
        assertFalse(DemarcMain.runsTheAgent(new String[0]));

        assertEquals(run("agent", "--help"), run(DemarcCommand.newAgentCommandLine(), "agent", "--help"));
        Run bad = run(DemarcCommand.newAgentCommandLine(), "agent", "--data-dri", "x");
        assertEquals(run("agent", "--data-dri", "x"), bad);
        assertEquals(2, bad.exitCode());
        assertEquals(Set.of("agent"), DemarcCommand.newAgentCommandLine().getSubcommands().keySet());
    }

    @Test
    void help_subcommand_and_no_arguments_print_the_same_usage() {
        String usage = run("--help").out();

        assertEquals(new Run(0, usage, ""), run("help"));
        assertEquals(new Run(0, usage, ""), run());
    }

    @Test
    void version_prints_demarc_and_the_version_of_the_build() {
        String projectVersion = System.getProperty("demarc.test.projectVersion");
        assertTrue(projectVersion != null && !projectVersion.isBlank(), "surefire passes the project version");

        Run r = run("--version");

        assertEquals(new Run(0, "demarc " + projectVersion + System.lineSeparator(), ""), r);
        assertEquals(projectVersion, DemarcVersionProvider.version());
    }

    @Test
    void unknown_option_is_a_usage_error_on_one_line_of_stderr() {
        Run r = run("--frobnicate");

        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals(List.of("demarc: Unknown option: '--frobnicate'; see 'demarc --help'"), r.errLines());
    }

    @Test
    void misspelt_option_gets_a_suggestion_on_the_same_line() {
        Run r = run("--versoin");

        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().matches("demarc: Unknown option: '--versoin' \\(did you mean .*--version\\?\\); .*\\R"), r.err());
    }

    @Test
    void unknown_subcommand_is_a_usage_error_on_one_line_of_stderr() {
        Run r = run("frobnicate");

        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("demarc: ") && r.err().contains("'frobnicate'"), r.err());
    }

    @Test
    void usage_error_in_a_subcommand_points_at_that_subcommands_help() {
        Run r = run(withFailingSubcommand(), "fail");

        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("demarc: Missing required parameter"), r.err());
        assertTrue(r.err().strip().endsWith("see 'demarc fail --help'"), r.err());
    }

    @Test
    void failing_command_prints_its_message_on_one_line_without_stack_trace_and_exits_1() {
        Run r = run(withFailingSubcommand(), "fail", "message");

        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals(List.of("demarc: the agent is not running"), r.errLines());
    }

    @Test
    void multi_line_message_is_folded_onto_one_line() {
        Run r = run(withFailingSubcommand(), "fail", "multiline");

        assertEquals(List.of("demarc: first line second line"), r.errLines());
    }

    @Test
    void exception_without_message_names_its_type_and_points_at_verbose() {
        Run r = run(withFailingSubcommand(), "fail", "nomessage");

        assertEquals(1, r.exitCode());
        assertEquals(
                List.of("demarc: internal error: java.lang.NullPointerException (run with --verbose for the stack trace)"),
                r.errLines());
    }

    @Test
    void missing_file_is_reported_in_words() {
        Run r = run(withFailingSubcommand(), "fail", "nofile");

        assertEquals(List.of("demarc: no such file: /etc/demarc/agent.conf"), r.errLines());
    }

    @Test
    void exception_that_carries_an_exit_code_sets_it() {
        Run r = run(withFailingSubcommand(), "fail", "code");

        assertEquals(4, r.exitCode());
        assertEquals(List.of("demarc: config invalid"), r.errLines());
    }

    @Test
    void verbose_before_the_subcommand_prints_the_stack_trace_then_the_line() {
        Run r = run(withFailingSubcommand(), "--verbose", "fail", "message");

        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("java.lang.IllegalStateException: the agent is not running"), r.err());
        assertTrue(r.err().contains("\tat dev.demarc.cli.DemarcCommandTest$FailCommand.call"), r.err());
        List<String> lines = r.errLines();
        assertEquals("demarc: the agent is not running", lines.get(lines.size() - 1));
    }

    @Test
    void verbose_after_the_subcommand_works_too() {
        Run r = run(withFailingSubcommand(), "fail", "--verbose", "message");

        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("\tat dev.demarc.cli.DemarcCommandTest$FailCommand.call"), r.err());
    }

    @Test
    void verbose_is_looked_for_only_before_end_of_options() {
        assertTrue(DemarcMain.verboseRequested(new String[] {"agent", "--verbose"}));
        assertFalse(DemarcMain.verboseRequested(new String[] {"agent", "--", "--verbose"}));
        assertFalse(DemarcMain.verboseRequested(new String[] {}));
    }
}

package dev.demarc.cli;

import dev.demarc.logging.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code demarc} command: the root of every Demarc subcommand.
 *
 * <p>How commands are laid out: one class per leaf command, named {@code <Verb><Noun>Command}
 * (e.g. {@code ShowSchemaCommand}); a group command per verb or area when it has several leaves;
 * each listed in the {@code subcommands} of its parent. A command prints through
 * {@code spec.commandLine().getOut()} (never {@code System.out}), offers {@code --json} when it
 * prints data, and reports failure by throwing (a {@link CommandLine.ParameterException} for bad
 * input, anything else for a failure) or by returning a non-zero exit code from {@code call()};
 * {@link ShortErrorHandler} turns exceptions into one line on stderr.
 *
 * <p>Exit codes: 0 success, 1 failure (for the commands that talk to the agent: the agent
 * answered with an error), 2 usage error, 3 no agent reachable ({@link CliFailure}).
 */
@Command(
        name = "demarc",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = "Demarc is a TR-369 (USP) and TR-069 (CWMP) management agent for Linux and OpenWrt gateways.",
        usageHelpAutoWidth = true,
        subcommands = {
            // Add subcommands here, one class per leaf command.
            CommandLine.HelpCommand.class,
            AgentCommand.class,
            GetValuesCommand.class,
            SetValuesCommand.class,
            AddInstanceCommand.class,
            DeleteInstancesCommand.class,
            OperateCommand.class,
            GetInstancesCommand.class,
            SchemaCommand.class,
            ListSubscriptionsCommand.class,
            ListControllersCommand.class,
            FollowEventsCommand.class,
            FactoryResetCommand.class,
            LogLevelCommand.class,
            BenchCommand.class,
            DoctorCommand.class,
            HalCommand.class,
        })
public final class DemarcCommand extends RootCommand {

    /**
     * A {@code demarc} command line with Demarc's error handling installed; {@link #main} and the
     * tests both use it.
     */
    public static CommandLine newCommandLine() {
        ShortErrorHandler errors = new ShortErrorHandler();
        return new CommandLine(new DemarcCommand())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    public static void main(String[] args) {
        Logging.install();
        skipUnusedConverters();
        if (verboseRequested(args)) {
            // Must happen before the first logger is created, i.e. before any command class loads.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        CommandLine commandLine = runsTheAgent(args) ? newAgentCommandLine() : newCommandLine();
        System.exit(commandLine.execute(args));
    }

    /**
     * True when {@code demarc agent ...} is asked for: the agent then starts from a command line
     * that knows only {@code agent} (same options, same help), because building every command's
     * model (picocli reads each class's annotations) costs the agent's start about 150 ms and its
     * memory the classes of commands it never runs.
     */
    static boolean runsTheAgent(String[] args) {
        for (String arg : args) {
            if (!arg.equals(ShortErrorHandler.VERBOSE_OPTION)) {
                return arg.equals("agent");
            }
        }
        return false;
    }

    /** A {@code demarc} command line with only the {@code agent} subcommand, for {@link #main}. */
    static CommandLine newAgentCommandLine() {
        ShortErrorHandler errors = new ShortErrorHandler();
        return new CommandLine(new AgentOnly())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    /** The root of {@link #newAgentCommandLine()}: {@code demarc} as it is to {@code demarc agent}. */
    @Command(
            name = "demarc",
            mixinStandardHelpOptions = true,
            versionProvider = DemarcVersionProvider.class,
            subcommands = AgentCommand.class)
    static final class AgentOnly extends RootCommand {
    }

    /** The picocli system property naming the types whose built-in converters are not registered. */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    /** The types no {@code demarc} option has (a test holds every option to it). */
    static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

    /**
     * Has picocli leave out its converters for {@code java.sql} and {@code java.time} types,
     * which no option of Demarc's uses: it registers them by reflection whenever a command line is
     * made, which loads about 30 classes (and {@code java.sql}'s driver manager) into every
     * process, the agent's included. A value already set (with {@code -D}) is kept.
     */
    static void skipUnusedConverters() {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
    }

    /** True if {@code --verbose} appears among the options (before a {@code --} end-of-options). */
    static boolean verboseRequested(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals(ShortErrorHandler.VERBOSE_OPTION)) {
                return true;
            }
        }
        return false;
    }
}

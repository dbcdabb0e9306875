package dev.demarc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

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
     * A {@code demarc} command line with Demarc's error handling installed; {@link DemarcMain} and
     * the tests both use it.
     */
    public static CommandLine newCommandLine() {
        skipUnusedConverters();
        ShortErrorHandler errors = new ShortErrorHandler();
        return new CommandLine(new DemarcCommand())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    /**
     * Reports a failure of an agent started without picocli ({@link DemarcMain#runAgent}) as
     * picocli reports it for any command ({@link ShortErrorHandler}); answers the exit code. The
     * command line is made only now: picocli's classes are loaded by an agent that fails to
     * start, not by one that runs.
     */
    static int agentFailed(Exception failure, String[] args) {
        CommandLine commandLine = newAgentCommandLine();
        ParseResult parsed = commandLine.parseArgs(args);
        return new ShortErrorHandler().handleExecutionException(failure, commandLine.getSubcommands().get("agent"),
                parsed);
    }

    /** A {@code demarc} command line with only the {@code agent} subcommand, for {@link DemarcMain}. */
    static CommandLine newAgentCommandLine() {
        skipUnusedConverters();
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
     * process that makes one. A value already set (with {@code -D}) is kept.
     */
    static void skipUnusedConverters() {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
    }
}

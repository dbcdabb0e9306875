package dev.demarc.cli;

import dev.demarc.logging.Logging;
import java.util.Optional;

/**
 * The {@code demarc} program: the launcher's main class. A running agent holds none of picocli's
 * classes, so this class names none in its methods' signatures (the JVM loads every type they
 * name before it calls {@code main}).
 *
 * <ul>
 *   <li>{@code demarc agent ...} whose options {@link AgentArguments} reads: the agent runs
 *       without picocli;</li>
 *   <li>{@code demarc agent ...} that needs picocli (help, version, a usage error): a command line
 *       that knows only {@code agent} (same options, same help), because building every
 *       command's model (picocli reads each class's annotations) costs the agent's start about
 *       150 ms;</li>
 *   <li>anything else: {@link DemarcCommand#newCommandLine()}.</li>
 * </ul>
 */
public final class DemarcMain {

    private DemarcMain() {
    }

    public static void main(String[] args) {
        Logging.install();
        if (verboseRequested(args)) {
            // Must happen before the first logger is created, i.e. before any command class loads.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        System.exit(run(args));
    }

    /** Runs the command line; answers the exit code ({@link DemarcCommand} lists them). */
    static int run(String[] args) {
        if (!runsTheAgent(args)) {
            return DemarcCommand.newCommandLine().execute(args);
        }
        Optional<AgentCommand> agent = AgentArguments.read(args);
        if (agent.isPresent() && agent.get().usageProblem() == null) {
            return runAgent(agent.get(), args);
        }
        return DemarcCommand.newAgentCommandLine().execute(args);
    }

    /**
     * Runs the agent {@link AgentArguments} read from {@code args} until it stops; a failure is
     * reported as for any command ({@link DemarcCommand#agentFailed}).
     */
    static int runAgent(AgentCommand agent, String[] args) {
        try {
            return agent.call();
        } catch (Exception e) {
            return DemarcCommand.agentFailed(e, args);
        }
    }

    /** True when {@code demarc agent ...} is asked for ({@code --verbose} may come first). */
    static boolean runsTheAgent(String[] args) {
        for (String arg : args) {
            if (!arg.equals(ShortErrorHandler.VERBOSE_OPTION)) {
                return arg.equals("agent");
            }
        }
        return false;
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

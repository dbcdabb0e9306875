package dev.demarc.cli;

import dev.demarc.core.text.AsciiDigits;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code demarc agent} command line read without picocli, so that a running agent holds none
 * of picocli's classes: they are about 1 MB of the class data archive every agent maps whole
 * ({@code docs/performance.md}, session 9).
 *
 * <p>It reads only the plain case: {@code [--verbose] agent} followed by {@link AgentCommand}'s
 * options, each at most once, as {@code --name value} or {@code --name=value}, with values
 * picocli would take as they are. Anything else (help, version, an unknown or repeated option,
 * a missing or empty value, a value that starts with {@code -} or {@code @}, a port that is not
 * a plain number, {@code --}, an argument that is no option) is not read here: {@link
 * DemarcMain} then hands the command line to picocli, which runs it or reports the
 * problem as for every other command. A test holds what is read here equal to what picocli
 * reads, option by option.
 */
final class AgentArguments {

    /** The options read here: all of {@link AgentCommand}'s but help and version. */
    private static final Set<String> OPTIONS = Set.of("--data-dir", "--defaults", "--factory-defaults",
            "--endpoint-id", "--listen-address", "--websocket-port", "--tls-ca", "--tls-cert", "--tls-key",
            "--platform", "--reboot-command", "--factory-reset-command", "--control-socket");

    /** Names of one option, which may be given once in all. */
    private static final Map<String, String> SAME_OPTION = Map.of("--factory-defaults", "--defaults");

    /** The longest command line read here; a longer one goes to picocli. */
    private static final int MAX_ARGUMENTS = 64;

    private AgentArguments() {
    }

    /** The option names read here, for the test that holds them to {@link AgentCommand}'s. */
    static Set<String> optionNames() {
        return OPTIONS;
    }

    /** The agent command with the options of {@code args} set; empty when picocli must read them. */
    static Optional<AgentCommand> read(String[] args) {
        if (args.length > MAX_ARGUMENTS) {
            return Optional.empty();
        }
        AgentCommand command = new AgentCommand();
        Set<String> given = new HashSet<>();
        boolean agentSeen = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(ShortErrorHandler.VERBOSE_OPTION)) {
                if (!given.add(arg)) {
                    return Optional.empty();
                }
                continue;
            }
            if (!agentSeen) {
                if (!arg.equals("agent")) {
                    return Optional.empty();
                }
                agentSeen = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!OPTIONS.contains(name) || !given.add(SAME_OPTION.getOrDefault(name, name))) {
                return Optional.empty();
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@") || !set(command, name, value)) {
                return Optional.empty();
            }
        }
        return agentSeen ? Optional.of(command) : Optional.empty();
    }

    /** Sets option {@code name} of {@code command}; false when {@code value} is not a plain one. */
    private static boolean set(AgentCommand command, String name, String value) {
        switch (name) {
            case "--endpoint-id" -> command.endpointId = value;
            case "--listen-address" -> command.listenAddress = value;
            case "--platform" -> command.platformSpec = value;
            case "--reboot-command" -> command.rebootCommand = value;
            case "--factory-reset-command" -> command.factoryResetCommand = value;
            case "--websocket-port" -> {
                if (!isPort(value)) {
                    return false;
                }
                command.webSocketPort = Integer.parseInt(value);
            }
            default -> {
                Path path;
                try {
                    path = Path.of(value);
                } catch (InvalidPathException e) {
                    return false;
                }
                switch (name) {
                    case "--data-dir" -> command.dataDir = path;
                    case "--defaults", "--factory-defaults" -> command.factoryDefaults = path;
                    case "--tls-ca" -> command.tlsCa = path;
                    case "--tls-cert" -> command.tlsCert = path;
                    case "--tls-key" -> command.tlsKey = path;
                    case "--control-socket" -> command.controlSocket = path;
                    default -> throw new IllegalStateException("an option not read here: " + name);
                }
            }
        }
        return true;
    }

    /** Plain decimal digits, few enough for an int: what picocli's integer converter reads the same. */
    private static boolean isPort(String value) {
        return value.length() <= 9 && AsciiDigits.only(value, 0, value.length());
    }
}

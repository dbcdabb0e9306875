package dev.demarc.cli;

import dev.demarc.core.ErrorCode;
import java.util.Locale;
import picocli.CommandLine.IExitCodeGenerator;

/**
 * Why a command that talks to the agent failed, with its exit code; {@link ShortErrorHandler}
 * prints the message on one line. The exit codes of those commands:
 * <ul>
 *   <li>{@value #AGENT_ERROR}: the agent answered with an error (its code and message are in the
 *       message), or did not answer;</li>
 *   <li>{@value #UNREACHABLE}: no agent reachable (the message says where the command looked and
 *       how to start one), or it went away.</li>
 * </ul>
 * (0 is success and 2 a usage error, as for every command.)
 */
final class CliFailure extends RuntimeException implements IExitCodeGenerator {

    private static final long serialVersionUID = 1L;

    static final int AGENT_ERROR = 1;
    static final int UNREACHABLE = 3;

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The agent answered with {@code code} and {@code message} (about {@code path} when not empty). */
    static CliFailure agentError(String path, int code, String message) {
        return new CliFailure(AGENT_ERROR, describe(path, code, message));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /**
     * {@code Device.X.Y: 7026 Invalid path: no such object}, the path left out when empty, the
     * code when 0 (an error of the command line, not the agent's).
     */
    static String describe(String path, int code, String message) {
        StringBuilder b = new StringBuilder();
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        if (code != 0) {
            b.append(code);
            String name = errorName(code);
            if (!name.isEmpty()) {
                b.append(' ').append(name);
            }
            if (!message.isEmpty()) {
                b.append(": ");
            }
        }
        return b.append(message).toString();
    }

    /** TR-369's name of an error code ({@code Invalid path} for 7026), or empty. */
    static String errorName(int code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.code() == code) {
                String words = c.name().replace('_', ' ').toLowerCase(Locale.ROOT);
                return Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        }
        return "";
    }
}

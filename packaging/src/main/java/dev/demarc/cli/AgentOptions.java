package dev.demarc.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of every command that talks to the running agent (a picocli mixin). */
final class AgentOptions {

    /** Demarc's bound on {@code --timeout}. */
    static final int MAX_TIMEOUT_SECONDS = 3600;

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "The agent's control socket (default: $" + ControlSocket.ENV + ", else the first of "
                    + "/run/demarc/control.sock, $XDG_RUNTIME_DIR/demarc/control.sock and control.sock in the "
                    + "default data directory that exists).")
    Path controlSocket;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the agent's answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    @Option(names = "--json", description = "Print JSON (one object; for events, one object a line).")
    boolean json;

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}

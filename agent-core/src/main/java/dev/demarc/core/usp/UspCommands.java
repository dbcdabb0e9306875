package dev.demarc.core.usp;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The commands this agent can run, by supported path ({@code Device.Reboot()}). Immutable. */
public final class UspCommands {

    private static final UspCommands NONE = new UspCommands(Map.of());

    private final Map<String, UspCommand> bySupportedPath;

    private UspCommands(Map<String, UspCommand> bySupportedPath) {
        this.bySupportedPath = Map.copyOf(bySupportedPath);
    }

    public static UspCommands none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The command registered for a supported path such as {@code Device.LocalAgent.Controller.{i}.SendOnBoardRequest()}. */
    public Optional<UspCommand> command(String supportedPath) {
        return Optional.ofNullable(bySupportedPath.get(supportedPath));
    }

    public static final class Builder {
        private final Map<String, UspCommand> commands = new HashMap<>();

        private Builder() {
        }

        /** Registers {@code command} for a supported command path ending in {@code ()}. */
        public Builder register(String supportedPath, UspCommand command) {
            Objects.requireNonNull(supportedPath, "supportedPath");
            Objects.requireNonNull(command, "command");
            if (!supportedPath.endsWith("()")) {
                throw new IllegalArgumentException("a command path ends with (): " + supportedPath);
            }
            if (commands.putIfAbsent(supportedPath, command) != null) {
                throw new IllegalArgumentException(supportedPath + " registered twice");
            }
            return this;
        }

        public UspCommands build() {
            return new UspCommands(commands);
        }
    }
}

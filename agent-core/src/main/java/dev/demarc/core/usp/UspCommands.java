package dev.demarc.core.usp;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The commands this agent can run, by supported path ({@code Device.Reboot()}): synchronous ones
 * ({@link UspCommand}) and asynchronous ones ({@link UspAsyncCommand}). Immutable.
 */
public final class UspCommands {

    private static final UspCommands NONE = new UspCommands(Map.of(), Map.of());

    private final Map<String, UspCommand> bySupportedPath;
    private final Map<String, UspAsyncCommand> asyncBySupportedPath;

    private UspCommands(Map<String, UspCommand> bySupportedPath, Map<String, UspAsyncCommand> asyncBySupportedPath) {
        this.bySupportedPath = Map.copyOf(bySupportedPath);
        this.asyncBySupportedPath = Map.copyOf(asyncBySupportedPath);
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

    /** The asynchronous command registered for a supported path such as {@code Device.IP.Diagnostics.TraceRoute()}. */
    public Optional<UspAsyncCommand> asyncCommand(String supportedPath) {
        return Optional.ofNullable(asyncBySupportedPath.get(supportedPath));
    }

    /** These commands, and {@code command} at {@code supportedPath} unless one is registered there already. */
    public UspCommands orElse(String supportedPath, UspCommand command) {
        if (registered(supportedPath)) {
            return this;
        }
        Map<String, UspCommand> more = new HashMap<>(bySupportedPath);
        more.put(supportedPath, Objects.requireNonNull(command, "command"));
        return new UspCommands(more, asyncBySupportedPath);
    }

    /** These commands, and the asynchronous {@code command} at {@code supportedPath} unless one is registered there already. */
    public UspCommands orElseAsync(String supportedPath, UspAsyncCommand command) {
        if (registered(supportedPath)) {
            return this;
        }
        Map<String, UspAsyncCommand> more = new HashMap<>(asyncBySupportedPath);
        more.put(supportedPath, Objects.requireNonNull(command, "command"));
        return new UspCommands(bySupportedPath, more);
    }

    private boolean registered(String supportedPath) {
        return bySupportedPath.containsKey(supportedPath) || asyncBySupportedPath.containsKey(supportedPath);
    }

    public static final class Builder {
        private final Map<String, UspCommand> commands = new HashMap<>();
        private final Map<String, UspAsyncCommand> asyncCommands = new HashMap<>();

        private Builder() {
        }

        /** Registers {@code command} for a supported command path ending in {@code ()}. */
        public Builder register(String supportedPath, UspCommand command) {
            Objects.requireNonNull(command, "command");
            checkFree(supportedPath);
            commands.put(supportedPath, command);
            return this;
        }

        /**
         * Registers an asynchronous {@code command} (one the schema declares {@code async}) for a
         * supported command path ending in {@code ()}.
         */
        public Builder registerAsync(String supportedPath, UspAsyncCommand command) {
            Objects.requireNonNull(command, "command");
            checkFree(supportedPath);
            asyncCommands.put(supportedPath, command);
            return this;
        }

        private void checkFree(String supportedPath) {
            Objects.requireNonNull(supportedPath, "supportedPath");
            if (!supportedPath.endsWith("()")) {
                throw new IllegalArgumentException("a command path ends with (): " + supportedPath);
            }
            if (commands.containsKey(supportedPath) || asyncCommands.containsKey(supportedPath)) {
                throw new IllegalArgumentException(supportedPath + " registered twice");
            }
        }

        public UspCommands build() {
            return new UspCommands(commands, asyncCommands);
        }
    }
}

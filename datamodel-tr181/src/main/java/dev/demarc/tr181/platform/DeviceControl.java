package dev.demarc.tr181.platform;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reboots or factory-resets the device ({@code Device.Reboot()}, {@code Device.FactoryReset()}).
 * On OpenWrt the platform knows how ({@code reboot}, {@code firstboot -y && reboot}); on generic
 * Linux the agent's options say ({@code --reboot-command}, {@code --factory-reset-command}).
 */
public interface DeviceControl {

    /** What a controller asks the device to do. */
    enum Action {
        REBOOT("reboot"),
        FACTORY_RESET("factory reset");

        private final String description;

        Action(String description) {
            this.description = description;
        }

        /** For messages: {@code reboot}, {@code factory reset}. */
        public String description() {
            return description;
        }
    }

    /**
     * Whether the platform can do {@code action}: empty when it can, else the error to answer
     * (7022, e.g. "not configured"). Owner thread; at once.
     */
    Optional<DmError> check(Action action);

    /**
     * Does {@code action}: its command starts on a platform thread after a short grace period (so
     * that the answer to the controller leaves first), and the stage completes when the command
     * ended: empty when it succeeded (the device is going down), else why it failed. Called on
     * the owner thread after {@link #check} said yes; returns at once.
     */
    CompletionStage<Optional<DmError>> perform(Action action);

    /** A platform that cannot reboot or reset: both fail with 7022 "not configured". */
    static DeviceControl none() {
        return None.INSTANCE;
    }

    /** The form of {@link #none()}. */
    final class None implements DeviceControl {
        private static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public Optional<DmError> check(Action action) {
            Objects.requireNonNull(action, "action");
            return Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, "no " + action.description()
                    + " command is configured on this device (demarc agent --"
                    + (action == Action.REBOOT ? "reboot-command" : "factory-reset-command") + ")"));
        }

        @Override
        public CompletionStage<Optional<DmError>> perform(Action action) {
            return CompletableFuture.completedFuture(check(action));
        }
    }
}

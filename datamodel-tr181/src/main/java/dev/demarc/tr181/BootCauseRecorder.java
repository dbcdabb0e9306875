package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.usp.notify.BootCause;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code Device.Reboot()} and {@code Device.FactoryReset()} record why the device is about
 * to go down, so that the agent's next start reports it in {@code Boot!} ({@code Cause},
 * {@code CommandKey}, {@code Reason}). The running agent keeps it in its data directory.
 * Called on the data model's owner thread; must be quick (a small file write).
 */
public interface BootCauseRecorder {

    /** Records nothing: for tools and tests that do not restart. */
    BootCauseRecorder NONE = new BootCauseRecorder() {
        @Override
        public Optional<DmError> record(BootCause cause) {
            Objects.requireNonNull(cause, "cause");
            return Optional.empty();
        }

        @Override
        public void forget(BootCause cause) {
            Objects.requireNonNull(cause, "cause");
        }
    };

    /** Records {@code cause} before the command runs; an error stops the command. */
    Optional<DmError> record(BootCause cause);

    /** The command failed and the device stays up: {@code cause}, recorded for it, is dropped. */
    void forget(BootCause cause);
}

package dev.demarc.core.usp.notify;

import java.util.Objects;

/**
 * Why the agent started, for the {@code Device.Boot!} event it sends at every start (TR-181
 * {@code Boot!}: {@code Cause}, {@code CommandKey}, {@code FirmwareUpdated}, {@code Reason}).
 * The wiring layer knows it: a reboot the {@code Reboot()} command asked for is remote and
 * carries that command's key, a first start on an empty data directory is a factory reset.
 *
 * @param cause           the {@code Cause} argument
 * @param firmwareUpdated true when the firmware was updated by this boot
 * @param commandKey      the {@code command_key} of the Operate that asked for the reboot, or empty
 * @param reason          free text for the {@code Reason} argument (TR-181 2.18); empty gives {@code Unknown}
 */
public record BootCause(Cause cause, boolean firmwareUpdated, String commandKey, String reason) {

    /** The values of TR-181's {@code Cause} enumeration. */
    public enum Cause {
        LOCAL_REBOOT("LocalReboot"),
        REMOTE_REBOOT("RemoteReboot"),
        FACTORY_RESET("FactoryReset"),
        LOCAL_FACTORY_RESET("LocalFactoryReset"),
        REMOTE_FACTORY_RESET("RemoteFactoryReset");

        private final String value;

        Cause(String value) {
            this.value = value;
        }

        /** The value as TR-181 spells it, e.g. {@code LocalReboot}. */
        public String value() {
            return value;
        }

        /** A factory reset of any kind: the data model was just made from the factory defaults. */
        public boolean isFactoryReset() {
            return this == FACTORY_RESET || this == LOCAL_FACTORY_RESET || this == REMOTE_FACTORY_RESET;
        }
    }

    /** Bound on the command key and reason kept (a command key is a controller's string). */
    static final int MAX_TEXT = 1024;

    public BootCause {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(commandKey, "commandKey");
        Objects.requireNonNull(reason, "reason");
        if (commandKey.length() > MAX_TEXT || reason.length() > MAX_TEXT) {
            throw new IllegalArgumentException("command key and reason have at most " + MAX_TEXT + " characters");
        }
    }

    /** A restart nobody asked for through USP: {@code LocalReboot}. */
    public static BootCause localReboot() {
        return new BootCause(Cause.LOCAL_REBOOT, false, "", "");
    }

    /** The first start on an empty store: {@code LocalFactoryReset}. */
    public static BootCause firstStart() {
        return new BootCause(Cause.LOCAL_FACTORY_RESET, false, "", "");
    }

    /** A reboot asked for by a controller's {@code Reboot()} with this command key. */
    public static BootCause remoteReboot(String commandKey) {
        return new BootCause(Cause.REMOTE_REBOOT, false, commandKey, "");
    }
}

package dev.demarc.tr181.platform;

import java.util.Objects;

/**
 * One process of the device, as a row of {@code Device.DeviceInfo.ProcessStatus.Process.{i}.}
 * tells it. Immutable.
 *
 * @param pid           {@code PID}, the row's key
 * @param command       {@code Command}: the name of the program (the kernel's short name, not
 *                      the command line, which may hold secrets); at most {@link #MAX_COMMAND}
 *                      characters
 * @param sizeKiB       {@code Size}: the memory the process occupies (resident set), in KiB
 * @param priority      {@code Priority}: 0 (highest) to 99
 * @param cpuTimeMillis {@code CPUTime}: CPU time used (user and system), in milliseconds
 * @param state         {@code State}
 */
public record SystemProcess(long pid, String command, long sizeKiB, int priority, long cpuTimeMillis, State state) {

    /** TR-181's string(256). */
    public static final int MAX_COMMAND = 256;

    /** The values of TR-181's {@code State} enumeration. */
    public enum State {
        RUNNING("Running"),
        SLEEPING("Sleeping"),
        STOPPED("Stopped"),
        IDLE("Idle"),
        UNINTERRUPTIBLE("Uninterruptible"),
        ZOMBIE("Zombie");

        private final String value;

        State(String value) {
            this.value = value;
        }

        /** As TR-181 spells it, e.g. {@code Sleeping}. */
        public String value() {
            return value;
        }
    }

    public SystemProcess {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        if (pid < 0 || sizeKiB < 0 || cpuTimeMillis < 0) {
            throw new IllegalArgumentException("pid, size and CPU time are not negative");
        }
        if (priority < 0 || priority > 99) {
            throw new IllegalArgumentException("priority must be 0..99: " + priority);
        }
        if (command.length() > MAX_COMMAND) {
            throw new IllegalArgumentException("command longer than " + MAX_COMMAND + " characters");
        }
    }
}

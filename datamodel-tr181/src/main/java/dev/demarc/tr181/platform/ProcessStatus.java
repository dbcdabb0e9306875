package dev.demarc.tr181.platform;

import java.util.List;
import java.util.OptionalInt;

/**
 * The device's CPU usage and processes ({@code Device.DeviceInfo.ProcessStatus.}). Immutable.
 *
 * @param cpuUsagePercent {@code CPUUsage}: the share of CPU time spent working (0..100) over the
 *                        platform's last sampling period; empty while not known
 * @param processes       the processes, at most {@link #MAX_PROCESSES}, in the order the platform
 *                        lists them
 */
public record ProcessStatus(OptionalInt cpuUsagePercent, List<SystemProcess> processes) {

    /** The most processes a snapshot holds; a device with more lists the first ones. */
    public static final int MAX_PROCESSES = 1024;

    public ProcessStatus {
        if (cpuUsagePercent.isPresent() && (cpuUsagePercent.getAsInt() < 0 || cpuUsagePercent.getAsInt() > 100)) {
            throw new IllegalArgumentException("CPU usage must be 0..100: " + cpuUsagePercent.getAsInt());
        }
        processes = List.copyOf(processes);
        if (processes.size() > MAX_PROCESSES) {
            throw new IllegalArgumentException("more than " + MAX_PROCESSES + " processes");
        }
    }

    /** Nothing known. */
    public static ProcessStatus unknown() {
        return new ProcessStatus(OptionalInt.empty(), List.of());
    }
}

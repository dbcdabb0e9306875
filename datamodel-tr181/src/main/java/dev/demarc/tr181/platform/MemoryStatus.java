package dev.demarc.tr181.platform;

/**
 * The device's physical memory, as {@code Device.DeviceInfo.MemoryStatus.} tells it, in KiB
 * (TR-181's unit). Immutable.
 *
 * @param totalKiB {@code Total}: the physical RAM the system can use
 * @param freeKiB  {@code Free}: the RAM available to new work now (on Linux {@code MemAvailable},
 *                 or {@code MemFree} on kernels without it); at most {@code totalKiB}
 */
public record MemoryStatus(long totalKiB, long freeKiB) {

    public MemoryStatus {
        if (totalKiB < 0 || freeKiB < 0) {
            throw new IllegalArgumentException("memory sizes are not negative");
        }
        if (freeKiB > totalKiB) {
            throw new IllegalArgumentException("free memory " + freeKiB + " KiB exceeds the total " + totalKiB + " KiB");
        }
    }
}

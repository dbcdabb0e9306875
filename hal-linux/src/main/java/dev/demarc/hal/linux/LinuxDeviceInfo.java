package dev.demarc.hal.linux;

import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Device.DeviceInfo.} of a Linux device: an identity read once at start, the up time of
 * {@code /proc/uptime} (read once, then counted on the monotonic clock, so a read does no I/O),
 * and {@code FirstUseDate} the Unknown Time: the device keeps no record of when it first had
 * network time (TR-181 asks for the Unknown Time then), and the factory defaults can set one.
 * Immutable; any thread.
 */
public final class LinuxDeviceInfo implements DeviceInfoPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxDeviceInfo.class);

    private final DeviceIdentity identity;
    private final LongSupplier nanoClock;
    private final long bootSeconds;
    private final long startNanos;

    /**
     * @param identity  the identity to report
     * @param files     where {@code /proc/uptime} is read now
     * @param nanoClock monotonic clock ({@code System::nanoTime})
     */
    public LinuxDeviceInfo(DeviceIdentity identity, SystemFiles files, LongSupplier nanoClock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.startNanos = nanoClock.getAsLong();
        OptionalLong up = ProcFs.uptimeSeconds(files.read("/proc/uptime").orElse(""));
        if (up.isEmpty()) {
            LOG.warn("/proc/uptime cannot be read: Device.DeviceInfo.UpTime counts from the agent's start");
        }
        this.bootSeconds = up.orElse(0);
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public long upTimeSeconds() {
        return bootSeconds + Math.max(0, (nanoClock.getAsLong() - startNanos) / 1_000_000_000L);
    }

    @Override
    public String firstUseDate() {
        return StaticDeviceInfo.UNKNOWN_TIME;
    }

    @Override
    public String toString() {
        return "LinuxDeviceInfo[" + identity + "]";
    }
}

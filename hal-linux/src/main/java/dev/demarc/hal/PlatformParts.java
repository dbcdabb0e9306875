package dev.demarc.hal;

import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.NatPlatform;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.SystemPlatform;
import dev.demarc.tr181.platform.TimePlatform;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WiFiPlatform;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The parts of a started platform, one per area, and how to stop them: {@code stops} run in
 * order (the parts that follow events and refresh snapshots), then the platform's own
 * {@code threads} are shut down. A part a platform lacks is given as its {@code none()} form.
 * Made once by the platform's constructor; {@link #close} is called from the platform's
 * {@code close()}, on the caller's thread.
 */
public record PlatformParts(DeviceInfoPlatform deviceInfo, SystemPlatform system, NetworkPlatform network,
                            WanPlatform wan, WiFiPlatform wifi, LanPlatform lan, NatPlatform nat,
                            TimePlatform time, List<Runnable> stops, ScheduledExecutorService threads) {

    public PlatformParts {
        Objects.requireNonNull(deviceInfo, "deviceInfo");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(wan, "wan");
        Objects.requireNonNull(wifi, "wifi");
        Objects.requireNonNull(lan, "lan");
        Objects.requireNonNull(nat, "nat");
        Objects.requireNonNull(time, "time");
        stops = List.copyOf(stops);
        Objects.requireNonNull(threads, "threads");
    }

    /** Runs {@code stops} in order, then shuts the threads down. */
    public void close() {
        stops.forEach(Runnable::run);
        threads.shutdownNow();
    }
}

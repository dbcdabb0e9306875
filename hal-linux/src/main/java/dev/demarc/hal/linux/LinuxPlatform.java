package dev.demarc.hal.linux;

import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.TimePlatform;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A generic Linux device: sysfs, procfs, iproute2's JSON output ({@code ip -j}), {@code iw}.
 * Built on a file root and a command runner, so that tests run it on fixture trees and recorded
 * command output.
 */
public final class LinuxPlatform implements Platform {

    private final SystemFiles files;
    private final CommandRunner commands;
    private final DeviceInfoPlatform deviceInfo;
    /** The parts' refresh threads; this platform's own, shut down by {@link #close}. */
    private final ScheduledExecutorService threads = PlatformThreads.newPool("linux");

    private final LanWatcher lan;
    private final LinuxTime time;
    private final LinuxNetwork network;

    /** A platform that reads when asked and on timers, and follows no events (fixtures, tools). */
    public LinuxPlatform(SystemFiles files, CommandRunner commands) {
        this(files, commands, false);
    }

    /**
     * A platform on {@code files} and {@code commands}; with {@code followEvents}, it also runs
     * the long-running event commands ({@code ip monitor}) that push changes as they happen.
     */
    public LinuxPlatform(SystemFiles files, CommandRunner commands, boolean followEvents) {
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.deviceInfo = new StaticDeviceInfo(DeviceIdentity.unknown());
        this.network = new LinuxNetwork(files, commands, LinuxNetwork.IP, threads);
        network.start();
        this.lan = new LanWatcher(files, commands, threads, DnsmasqLeases.DEBIAN_FILE,
                () -> LinuxLanConfig.read(files), Clock.systemUTC());
        this.time = new LinuxTime(files, commands, threads);
        lan.start();
        time.start();
        if (followEvents) {
            network.followEvents();
            lan.follow();
            time.follow();
        }
    }

    public SystemFiles files() {
        return files;
    }

    public CommandRunner commands() {
        return commands;
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public DeviceInfoPlatform deviceInfo() {
        return deviceInfo;
    }

    @Override
    public NetworkPlatform network() {
        return network;
    }

    @Override
    public LanPlatform lan() {
        return lan;
    }

    @Override
    public TimePlatform time() {
        return time;
    }

    /** The threads the parts refresh their snapshots on; owned by this platform. */
    public ScheduledExecutorService threads() {
        return threads;
    }

    @Override
    public void close() {
        network.close();
        lan.close();
        time.close();
        threads.shutdownNow();
    }
}

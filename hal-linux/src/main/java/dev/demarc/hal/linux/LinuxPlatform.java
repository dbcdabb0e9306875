package dev.demarc.hal.linux;

import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.wifi.LinuxWiFi;
import dev.demarc.hal.linux.wifi.RefreshingWiFi;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.WiFiPlatform;
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
    private final LinuxWiFi wifi;

    public LinuxPlatform(SystemFiles files, CommandRunner commands) {
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.deviceInfo = new StaticDeviceInfo(DeviceIdentity.unknown());
        this.wifi = new LinuxWiFi(files, commands, threads, RefreshingWiFi.Timing.DEFAULT, true);
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
    public WiFiPlatform wifi() {
        return wifi;
    }

    /** The threads the parts refresh their snapshots on; owned by this platform. */
    public ScheduledExecutorService threads() {
        return threads;
    }

    @Override
    public void close() {
        wifi.close();
        threads.shutdownNow();
    }
}

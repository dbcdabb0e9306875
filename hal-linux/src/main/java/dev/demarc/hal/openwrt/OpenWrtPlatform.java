package dev.demarc.hal.openwrt;

import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.openwrt.wifi.OpenWrtWiFi;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.WiFiPlatform;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An OpenWrt router: ubus, uci ({@code /etc/config/*}), iwinfo/hostapd, {@code /etc/openwrt_release},
 * and the Linux sources (sysfs, procfs) where OpenWrt has nothing of its own. Built on a file root
 * and a command runner, so that tests run it on fixture trees and recorded command output.
 */
public final class OpenWrtPlatform implements Platform {

    /** The file whose presence says the device runs OpenWrt. */
    public static final String RELEASE_FILE = "/etc/openwrt_release";

    private final SystemFiles files;
    private final CommandRunner commands;
    private final DeviceInfoPlatform deviceInfo;
    /** The parts' refresh threads; this platform's own, shut down by {@link #close}. */
    private final ScheduledExecutorService threads = PlatformThreads.newPool("openwrt");
    private final OpenWrtWiFi wifi;

    private final OpenWrtNetwork network;

    /** A platform that reads when asked and on timers, and follows no events (fixtures, tools). */
    public OpenWrtPlatform(SystemFiles files, CommandRunner commands) {
        this(files, commands, false);
    }

    /**
     * A platform on {@code files} and {@code commands}; with {@code followEvents}, it also runs
     * the long-running event commands ({@code ubus listen}) and polls that push changes.
     */
    public OpenWrtPlatform(SystemFiles files, CommandRunner commands, boolean followEvents) {
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.deviceInfo = new StaticDeviceInfo(DeviceIdentity.unknown());
        this.network = new OpenWrtNetwork(files, commands, threads);
        network.start();
        if (followEvents) {
            network.followEvents();
        }
        OpenWrtWiFi.Options wifiOptions = OpenWrtWiFi.Options.defaults(files);
        this.wifi = new OpenWrtWiFi(files, commands, threads, new OpenWrtWiFi.Options(wifiOptions.timing(),
                wifiOptions.reloadDelay(), wifiOptions.scratch(), followEvents));
        wifi.start();
    }

    public SystemFiles files() {
        return files;
    }

    public CommandRunner commands() {
        return commands;
    }

    @Override
    public String name() {
        return "openwrt";
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
        network.close();
        threads.shutdownNow();
    }
}

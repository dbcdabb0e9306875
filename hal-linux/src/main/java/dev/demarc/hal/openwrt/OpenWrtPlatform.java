package dev.demarc.hal.openwrt;

import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.hal.linux.DnsmasqLeases;
import dev.demarc.hal.linux.LanWatcher;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.NatPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.TimePlatform;
import java.time.Clock;
import java.util.List;
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

    private final LanWatcher hosts;
    private final List<UciFile> configFiles;
    private final OpenWrtLan lan;
    private final OpenWrtNat nat;
    private final OpenWrtTime time;
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
        UciFile firewall = new UciFile("firewall", files, commands, threads,
                List.of(List.of("/etc/init.d/firewall", "reload")), UciFile.FLUSH_DELAY);
        UciFile dhcp = new UciFile("dhcp", files, commands, threads,
                List.of(List.of("/etc/init.d/dnsmasq", "reload")), UciFile.FLUSH_DELAY);
        UciFile networkFile = new UciFile("network", files, commands, threads, List.of(), UciFile.FLUSH_DELAY);
        UciFile system = new UciFile("system", files, commands, threads,
                List.of(List.of("/etc/init.d/system", "reload"), List.of("/etc/init.d/sysntpd", "restart")),
                UciFile.FLUSH_DELAY);
        this.configFiles = List.of(firewall, dhcp, networkFile, system);
        this.hosts = new LanWatcher(files, commands, threads, DnsmasqLeases.OPENWRT_FILE,
                () -> OpenWrtLan.config(networkFile.current(), dhcp.current(), firewall.current()), Clock.systemUTC());
        this.lan = new OpenWrtLan(hosts, dhcp, networkFile, firewall);
        this.nat = new OpenWrtNat(firewall);
        this.time = new OpenWrtTime(system);
        hosts.start();
        if (followEvents) {
            network.followEvents();
            hosts.follow();
            configFiles.forEach(UciFile::start);
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
    public LanPlatform lan() {
        return lan;
    }

    @Override
    public NatPlatform nat() {
        return nat;
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
        hosts.close();
        threads.shutdownNow();
    }
}

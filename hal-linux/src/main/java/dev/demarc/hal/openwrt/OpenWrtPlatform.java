package dev.demarc.hal.openwrt;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.PartsPlatform;
import dev.demarc.hal.PlatformOptions;
import dev.demarc.hal.PlatformParts;
import dev.demarc.hal.diagnostics.ToolDiagnostics;
import dev.demarc.hal.diagnostics.ToolRunner;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.DnsmasqLeases;
import dev.demarc.hal.linux.LanWatcher;
import dev.demarc.hal.linux.LinuxDeviceInfo;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.hal.linux.LinuxSystemStatus;
import dev.demarc.hal.openwrt.wifi.OpenWrtWiFi;
import dev.demarc.tr181.platform.DeviceControl;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.SystemPlatform;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An OpenWrt router: ubus, uci ({@code /etc/config/*}), iwinfo/hostapd, {@code /etc/openwrt_release},
 * and the Linux sources (sysfs, procfs) where OpenWrt has nothing of its own. Built on a file root
 * and a command runner, so that tests run it on fixture trees and recorded command output.
 *
 * <p>System area: identity from the board files ({@link OpenWrtIdentity}); status from procfs
 * and sysfs as on Linux; diagnostics with busybox's {@code ping} and {@code traceroute} (an
 * interface named by its logical name, {@code wan}, is the device {@code ubus} says is its
 * {@code l3_device}); reboot with {@link #REBOOT}, factory reset with {@link #FACTORY_RESET},
 * unless the agent's options give others.
 */
public final class OpenWrtPlatform extends PartsPlatform {

    /** The file whose presence says the device runs OpenWrt. */
    public static final String RELEASE_FILE = "/etc/openwrt_release";
    /** OpenWrt's reboot. */
    public static final List<String> REBOOT = List.of("/sbin/reboot");
    /** OpenWrt's factory reset: wipe the overlay, then reboot. */
    public static final List<String> FACTORY_RESET = PlatformOptions.shell("/sbin/firstboot -y && /sbin/reboot");

    private final SystemFiles files;
    private final CommandRunner commands;
    /** The parts' refresh threads; this platform's own, shut down by {@link #close}. */
    private final ScheduledExecutorService threads = PlatformThreads.newPool("openwrt");
    private final PlatformParts parts;

    /** A platform that reads when asked and on timers, and follows no events (fixtures, tools). */
    public OpenWrtPlatform(SystemFiles files, CommandRunner commands) {
        this(files, commands, false, PlatformOptions.none());
    }

    /**
     * A platform on {@code files} and {@code commands}; with {@code followEvents}, it also runs
     * the long-running event commands ({@code ubus listen}) and polls that push changes.
     */
    public OpenWrtPlatform(SystemFiles files, CommandRunner commands, boolean followEvents) {
        this(files, commands, followEvents, PlatformOptions.none());
    }

    /** As {@link #OpenWrtPlatform(SystemFiles, CommandRunner, boolean)}, with the agent's {@code options}. */
    public OpenWrtPlatform(SystemFiles files, CommandRunner commands, boolean followEvents, PlatformOptions options) {
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        DeviceInfoPlatform deviceInfo = new LinuxDeviceInfo(OpenWrtIdentity.read(files, commands), files,
                System::nanoTime);
        // One run of netifd's dump serves the network and the WAN parts after each of its events.
        NetifdDump netifd = new NetifdDump(commands);
        OpenWrtNetwork network = new OpenWrtNetwork(files, commands, netifd, threads);
        network.start();
        UciFile firewall = new UciFile("firewall", files, commands, threads,
                List.of(List.of("/etc/init.d/firewall", "reload")), UciFile.FLUSH_DELAY);
        UciFile dhcp = new UciFile("dhcp", files, commands, threads,
                List.of(List.of("/etc/init.d/dnsmasq", "reload")), UciFile.FLUSH_DELAY);
        UciFile networkFile = new UciFile("network", files, commands, threads, List.of(), UciFile.FLUSH_DELAY);
        UciFile systemFile = new UciFile("system", files, commands, threads,
                List.of(List.of("/etc/init.d/system", "reload"), List.of("/etc/init.d/sysntpd", "restart")),
                UciFile.FLUSH_DELAY);
        List<UciFile> configFiles = List.of(firewall, dhcp, networkFile, systemFile);
        LanWatcher hosts = new LanWatcher(files, commands, threads, DnsmasqLeases.OPENWRT_FILE,
                () -> OpenWrtLan.config(networkFile.current(), dhcp.current(), firewall.current()), Clock.systemUTC());
        OpenWrtLan lan = new OpenWrtLan(hosts, dhcp, networkFile, firewall);
        OpenWrtNat nat = new OpenWrtNat(firewall);
        OpenWrtTime time = new OpenWrtTime(systemFile);
        hosts.start();
        if (followEvents) {
            network.followEvents();
            hosts.follow();
            configFiles.forEach(UciFile::start);
        }
        LinuxSystemStatus status = new LinuxSystemStatus(files, threads).start();
        ToolDiagnostics diagnostics = new ToolDiagnostics(files, ToolRunner.system(), threads, this::deviceOf,
                Clock.systemUTC());
        SystemPlatform system = new SystemPlatform(status, diagnostics, LinuxPlatform.control(options,
                Map.of(DeviceControl.Action.REBOOT, REBOOT, DeviceControl.Action.FACTORY_RESET, FACTORY_RESET),
                threads));
        OpenWrtWiFi.Options wifiOptions = OpenWrtWiFi.Options.defaults(files);
        OpenWrtWiFi wifi = new OpenWrtWiFi(files, commands, threads, new OpenWrtWiFi.Options(wifiOptions.timing(),
                wifiOptions.reloadDelay(), wifiOptions.scratch(), followEvents));
        wifi.start();
        // The WAN follows netifd's interface events through the network part's ubus listen.
        // Without events, nothing says when the dump changed: the WAN part then runs it at each read.
        OpenWrtWan wan = new OpenWrtWan(files, commands, netifd,
                followEvents ? OpenWrtNetwork.DUMP_MAX_AGE : java.time.Duration.ZERO, threads, Clock.systemUTC(),
                java.nio.ByteOrder.nativeOrder(), wifiOptions.scratch()).start();
        if (followEvents) {
            network.onEvent(wan::refreshSoon);
        }
        this.parts = new PlatformParts(deviceInfo, system, network, wan, wifi, lan, nat, time,
                List.of(wan::close, wifi::close, network::close, status::close, diagnostics::close, hosts::close),
                threads);
    }

    /**
     * The network device of an interface named as TR-181 names it: itself when it is a device
     * ({@code /sys/class/net/<name>}), else the {@code l3_device} (or {@code device}) of the
     * logical interface ({@code ubus call network.interface.<name> status}). Blocks (ubus).
     */
    Result<String> deviceOf(String name) {
        if (!name.matches("[A-Za-z0-9_.@-]{1,64}")) {
            return Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS, "Interface: not an interface name: " + name);
        }
        if (files.exists("/sys/class/net/" + name)) {
            return Result.ok(name);
        }
        Result<String> out = commands.run(List.of("ubus", "call", "network.interface." + name, "status"));
        if (!out.isOk()) {
            return Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS, "Interface: no interface " + name + ": "
                    + out.error().message());
        }
        Result<JsonValue.Obj> doc = JsonReader.parseObject("ubus network.interface." + name, out.value());
        if (!doc.isOk()) {
            return Result.err(ErrorCode.INTERNAL_ERROR, doc.error().message());
        }
        return doc.value().string("l3_device").or(() -> doc.value().string("device"))
                .filter(d -> !d.isBlank())
                .<Result<String>>map(Result::ok)
                .orElseGet(() -> Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS,
                        "Interface: " + name + " is not up (it has no network device)"));
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

    /** The threads the parts refresh their snapshots on; owned by this platform. */
    public ScheduledExecutorService threads() {
        return threads;
    }

    @Override
    protected PlatformParts parts() {
        return parts;
    }
}

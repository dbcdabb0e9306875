package dev.demarc.hal.linux;

import dev.demarc.core.Result;
import dev.demarc.hal.PartsPlatform;
import dev.demarc.hal.PlatformOptions;
import dev.demarc.hal.PlatformParts;
import dev.demarc.hal.diagnostics.ToolDiagnostics;
import dev.demarc.hal.diagnostics.ToolRunner;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.wifi.LinuxWiFi;
import dev.demarc.hal.linux.wifi.RefreshingWiFi;
import dev.demarc.tr181.platform.DeviceControl;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.NatPlatform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.SystemPlatform;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A generic Linux device: sysfs, procfs, iproute2's JSON output ({@code ip -j}), {@code iw}.
 * Built on a file root and a command runner, so that tests run it on fixture trees and recorded
 * command output.
 *
 * <p>System area: identity from DMI, the device tree, {@code /etc/os-release} and the first
 * port's MAC ({@link LinuxIdentity}); status from procfs and sysfs ({@link LinuxSystemStatus});
 * diagnostics with {@code ping}, {@code traceroute} and Java HTTP ({@link ToolDiagnostics});
 * reboot and factory reset with the commands of {@link PlatformOptions} only.
 */
public final class LinuxPlatform extends PartsPlatform {

    /** How long a reboot or factory reset command may run. */
    static final Duration CONTROL_TIMEOUT = Duration.ofMinutes(2);

    private final SystemFiles files;
    private final CommandRunner commands;
    /** The parts' refresh threads; this platform's own, shut down by {@link #close}. */
    private final ScheduledExecutorService threads = PlatformThreads.newPool("linux");
    private final PlatformParts parts;

    /** A platform that reads when asked and on timers, and follows no events (fixtures, tools). */
    public LinuxPlatform(SystemFiles files, CommandRunner commands) {
        this(files, commands, false, PlatformOptions.none());
    }

    /**
     * A platform on {@code files} and {@code commands}; with {@code followEvents}, it also runs
     * the long-running event commands ({@code ip monitor}) that push changes as they happen.
     */
    public LinuxPlatform(SystemFiles files, CommandRunner commands, boolean followEvents) {
        this(files, commands, followEvents, PlatformOptions.none());
    }

    /** As {@link #LinuxPlatform(SystemFiles, CommandRunner, boolean)}, with the agent's {@code options}. */
    public LinuxPlatform(SystemFiles files, CommandRunner commands, boolean followEvents, PlatformOptions options) {
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        DeviceInfoPlatform deviceInfo = new LinuxDeviceInfo(LinuxIdentity.read(files), files, System::nanoTime);
        LinuxNetwork network = new LinuxNetwork(files, commands, LinuxNetwork.IP, threads);
        network.start();
        LanWatcher lan = new LanWatcher(files, commands, threads, DnsmasqLeases.DEBIAN_FILE,
                () -> LinuxLanConfig.read(files), Clock.systemUTC());
        LinuxTime time = new LinuxTime(files, commands, threads);
        lan.start();
        time.start();
        if (followEvents) {
            network.followEvents();
            lan.follow();
            time.follow();
        }
        LinuxSystemStatus status = new LinuxSystemStatus(files, threads).start();
        ToolDiagnostics diagnostics = new ToolDiagnostics(files, ToolRunner.system(), threads, Result::ok,
                Clock.systemUTC());
        SystemPlatform system = new SystemPlatform(status, diagnostics, control(options, Map.of(), threads));
        LinuxWiFi wifi = new LinuxWiFi(files, commands, threads, RefreshingWiFi.Timing.DEFAULT, followEvents);
        wifi.start();
        // The WAN's routes change with the kernel events the network part follows already: one
        // ip monitor for both.
        LinuxWan wan = new LinuxWan(files, commands, threads, Clock.systemUTC()).start();
        if (followEvents) {
            network.onEvent(wan::refreshSoon);
        }
        this.parts = new PlatformParts(deviceInfo, system, network, wan, wifi, lan, NatPlatform.none(), time,
                List.of(wan::close, wifi::close, network::close, status::close, diagnostics::close, lan::close,
                        time::close),
                threads);
    }

    /**
     * The device control of {@code options}' commands, over {@code builtIn} (the platform's own,
     * by action), run on {@code threads}.
     */
    public static DeviceControl control(PlatformOptions options, Map<DeviceControl.Action, List<String>> builtIn,
                                        ScheduledExecutorService threads) {
        Map<DeviceControl.Action, List<String>> argv = new EnumMap<>(DeviceControl.Action.class);
        argv.putAll(builtIn);
        options.rebootCommand().ifPresent(c -> argv.put(DeviceControl.Action.REBOOT, PlatformOptions.shell(c)));
        options.factoryResetCommand().ifPresent(c ->
                argv.put(DeviceControl.Action.FACTORY_RESET, PlatformOptions.shell(c)));
        return new CommandDeviceControl(argv, new SystemCommandRunner(CONTROL_TIMEOUT, 64 * 1024), threads,
                CommandDeviceControl.DEFAULT_GRACE);
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

    /** The threads the parts refresh their snapshots on; owned by this platform. */
    public ScheduledExecutorService threads() {
        return threads;
    }

    @Override
    protected PlatformParts parts() {
        return parts;
    }
}

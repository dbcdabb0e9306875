package dev.demarc.hal.linux;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.LineMonitor;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.net.RefreshedNetwork;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network of a generic Linux device, read with one command per refresh,
 * {@code ip -j -d -s addr show} (links, states, counters, addresses), plus sysfs for speed,
 * duplex and Wi-Fi and {@code /proc/net/route}/{@code ipv6_route} for the default routes. Its IP
 * interfaces are its netdevs that are not bridge members ({@link LinuxIpInterfaces}).
 *
 * <p>Changes are followed with a long-running {@code ip -j monitor link address route}: any line
 * it prints means "something changed" and the device is read again shortly (iproute2 6.1, in
 * Debian 12, ignores {@code -j} for {@code monitor} and prints text; newer versions print JSON;
 * both work). The command is started again if it ends ({@link LineMonitor}), and the device read
 * again then. Counters are read again on a timer while someone reads them
 * ({@link RefreshedNetwork}).
 *
 * <p>Writes: a link's and an IP interface's Enable with {@code ip link set dev NAME up|down}
 * (runtime only: what brings the interface up at boot, ifupdown or NetworkManager or networkd, is
 * not changed); {@code Reset()} as down then up.
 *
 * <p>Another network namespace: give {@code ip} as {@code [ip, -n, NAME]} (every {@code ip}
 * command, the monitor's included, then works in it), and a file root whose sysfs and procfs
 * are that namespace's or absent: sysfs and procfs show the namespace of the process that
 * reads them, the agent's, so with the real root they would describe the wrong links.
 */
public final class LinuxNetwork extends RefreshedNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxNetwork.class);
    /** The {@code ip} command of the agent's own network namespace. */
    public static final List<String> IP = List.of("ip");
    /** How old counters may grow while someone reads them. */
    public static final Duration COUNTERS_MAX_AGE = Duration.ofSeconds(5);
    /** The monitor's arguments, after the {@code ip} prefix. */
    public static final List<String> MONITOR_ARGS = List.of("-j", "monitor", "link", "address", "route");

    private final SystemFiles files;
    private final CommandRunner commands;
    private final List<String> ip;
    private final Clock clock;
    private volatile LineMonitor monitor;

    /**
     * @param files    the file root (sysfs, procfs)
     * @param commands runs {@code ip}
     * @param ip       the {@code ip} command and its namespace options: {@link #IP}, or
     *                 {@link #ipIn(String)}
     * @param threads  the platform's pool
     */
    public LinuxNetwork(SystemFiles files, CommandRunner commands, List<String> ip, ScheduledExecutorService threads) {
        super(threads, COUNTERS_MAX_AGE, System::nanoTime);
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.ip = List.copyOf(ip);
        if (this.ip.isEmpty()) {
            throw new IllegalArgumentException("no ip command");
        }
        this.clock = Clock.systemUTC();
    }

    /** The {@code ip} command working in the named network namespace ({@code ip -n NAME}). */
    public static List<String> ipIn(String namespace) {
        return List.of("ip", "-n", namespace);
    }

    /**
     * Follows the kernel's link, address and route events from now on (a long-running
     * {@code ip monitor}); the device is read again after each. Without it the snapshot is read
     * only on the timer and after writes.
     */
    public synchronized void followEvents() {
        if (monitor == null) {
            monitor = LineMonitor.start(withIp(MONITOR_ARGS), line -> eventHeard(), this::eventHeard);
        }
    }

    /** Whether the event monitor's command runs now. */
    public boolean following() {
        LineMonitor m = monitor;
        return m != null && m.running();
    }

    @Override
    protected Result<NetworkSnapshot> read() {
        Result<String> out = commands.run(withIp(IpAddrJson.ARGS));
        if (!out.isOk()) {
            return Result.err(out.error());
        }
        Result<List<Link>> parsed = IpAddrJson.parse(out.value(), clock.instant());
        if (!parsed.isOk()) {
            return Result.err(parsed.error());
        }
        List<Link> links = new ArrayList<>();
        for (Link l : parsed.value()) {
            links.add(withSysfs(l));
        }
        Set<String> defaults = new LinkedHashSet<>();
        files.read(ProcRoutes.IPV4).ifPresent(t -> defaults.addAll(ProcRoutes.ipv4Defaults(t)));
        files.read(ProcRoutes.IPV6).ifPresent(t -> defaults.addAll(ProcRoutes.ipv6Defaults(t)));
        links = LinuxIpInterfaces.markUpstream(links, defaults);
        return Result.ok(new NetworkSnapshot(links, LinuxIpInterfaces.of(links)));
    }

    /** The link with what only sysfs says: speed, duplex, and that it is Wi-Fi. */
    private Link withSysfs(Link l) {
        String base = SysfsLinks.NET + "/" + l.name();
        if (!files.exists(base)) {
            return l;
        }
        LinkKind kind = l.kind() == LinkKind.ETHERNET && SysfsLinks.isWireless(files, base) ? LinkKind.WIFI : l.kind();
        return new Link(l.name(), l.index(), kind, l.macAddress(), l.adminUp(), l.operState(), l.carrier(), l.mtu(),
                SysfsLinks.speed(files, l.name()), SysfsLinks.duplex(files, l.name()), l.upstream(), l.master(),
                l.lowerDevice(), l.lastChangeNanos(), l.stats(), l.ipv4(), l.ipv6());
    }

    @Override
    public NetworkCapabilities capabilities() {
        return NetworkCapabilities.ALL;
    }

    @Override
    public Optional<DmError> setLinkEnabled(String link, boolean enable) {
        Optional<Link> l = snapshot().link(link);
        if (l.isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "no link " + link + " any more"));
        }
        Result<String> done = commands.run(withIp(List.of("link", "set", "dev", link, enable ? "up" : "down")));
        if (!done.isOk()) {
            LOG.warn("could not set link {} {}: {}", link, enable ? "up" : "down", done.error().message());
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED,
                    "could not set " + link + (enable ? " up" : " down") + ": " + done.error().message()));
        }
        LOG.info("link {} set {}", link, enable ? "up" : "down");
        assume(s -> s.link(link).map(x -> {
            NetworkSnapshot with = s.withLink(x.withAdminUp(enable));
            return with.ipInterface(link).map(i -> with.withIpInterface(i.withEnabled(enable))).orElse(with);
        }).orElse(s));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> setIpInterfaceEnabled(String ipInterface, boolean enable) {
        return setLinkEnabled(ipInterface, enable);
    }

    @Override
    public Optional<DmError> restartIpInterface(String ipInterface) {
        Optional<DmError> down = setLinkEnabled(ipInterface, false);
        if (down.isPresent()) {
            return down;
        }
        return setLinkEnabled(ipInterface, true);
    }

    private List<String> withIp(List<String> args) {
        List<String> argv = new ArrayList<>(ip);
        argv.addAll(args);
        return argv;
    }

    @Override
    public void close() {
        super.close();
        LineMonitor m;
        synchronized (this) {
            m = monitor;
            monitor = null;
        }
        if (m != null) {
            m.close();
        }
    }
}

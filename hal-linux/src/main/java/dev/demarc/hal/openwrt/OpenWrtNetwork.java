package dev.demarc.hal.openwrt;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.LineMonitor;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxIpInterfaces;
import dev.demarc.hal.linux.SysfsLinks;
import dev.demarc.hal.net.RefreshedNetwork;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv4Address;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network of an OpenWrt router: links from sysfs (OpenWrt's BusyBox {@code ip} has no JSON),
 * IP interfaces from netifd ({@code ubus call network.interface dump}, {@link UbusInterfaces}),
 * whose addresses are also given to the links they are on.
 *
 * <p>Changes: {@code ubus listen network.interface} (netifd's ifup, ifdown, ifupdate events)
 * makes the dump be read again at once; port carrier changes, which netifd does not announce as
 * events, are seen by reading sysfs every {@link #LINK_POLL} (files only, no process). The dump
 * is also read again every {@link #DUMP_MAX_AGE}. The dump is read through {@link NetifdDump},
 * which the WAN part shares: one run serves both after an event.
 *
 * <p>Writes. A link's Enable: {@code ip link set dev NAME up|down}, at run time only (netifd may
 * set it again on a reload). An IP interface's Enable is configuration and persists:
 * {@code uci set network.NAME.disabled=0|1} and {@code uci commit network}; to disable, the
 * interface is then taken down ({@code ubus call network.interface.NAME down}) and netifd
 * reloaded ({@code ubus call network reload}); to enable, netifd is reloaded and the interface set
 * up ({@code ubus call network.interface.NAME up}). {@code Reset()}: {@code ubus call ... down}
 * then {@code up}, configuration untouched.
 */
public final class OpenWrtNetwork extends RefreshedNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(OpenWrtNetwork.class);
    /** How old counters may grow while someone reads them. */
    public static final Duration COUNTERS_MAX_AGE = Duration.ofSeconds(5);
    /** How often sysfs is read for carrier changes while events are followed. */
    public static final Duration LINK_POLL = Duration.ofSeconds(2);
    /** How old netifd's dump may grow before it is read again without an event. */
    public static final Duration DUMP_MAX_AGE = Duration.ofSeconds(30);
    /** The event command. */
    public static final List<String> LISTEN = List.of("ubus", "listen", "network.interface");

    private final SystemFiles files;
    private final CommandRunner commands;
    private final ScheduledExecutorService threads;
    private final NetifdDump netifd;
    private volatile UbusInterfaces.Dump dump = new UbusInterfaces.Dump(List.of(), java.util.Set.of());
    /** The output {@link #dump} was parsed from; only the refreshing thread uses it. */
    private NetifdDump.Output parsedFrom;
    private LineMonitor monitor;
    private ScheduledFuture<?> poll;

    public OpenWrtNetwork(SystemFiles files, CommandRunner commands, ScheduledExecutorService threads) {
        this(files, commands, new NetifdDump(commands), threads);
    }

    /** A network part reading netifd's dump through {@code netifd}, which the WAN part may share. */
    public OpenWrtNetwork(SystemFiles files, CommandRunner commands, NetifdDump netifd,
                          ScheduledExecutorService threads) {
        super(threads, COUNTERS_MAX_AGE, System::nanoTime);
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.netifd = Objects.requireNonNull(netifd, "netifd");
        this.threads = threads;
    }

    /** Follows netifd's events and polls sysfs for carrier changes from now on. */
    public synchronized void followEvents() {
        if (monitor != null) {
            return;
        }
        monitor = LineMonitor.start(LISTEN, line -> dumpChanged(), this::dumpChanged);
        long period = LINK_POLL.toMillis();
        poll = threads.scheduleWithFixedDelay(this::refreshNow, period, period, TimeUnit.MILLISECONDS);
    }

    private void dumpChanged() {
        netifd.changed();
        eventHeard();
    }

    @Override
    protected Result<NetworkSnapshot> read() {
        Result<NetifdDump.Output> out = netifd.read(DUMP_MAX_AGE);
        if (!out.isOk()) {
            LOG.warn("could not read netifd's interfaces, keeping what was known: {}", out.error().message());
        } else if (out.value() != parsedFrom) {
            NetifdDump.Output o = out.value();
            Result<UbusInterfaces.Dump> parsed = UbusInterfaces.parse(o.json(), o.readAt(), o.readAtNanos());
            if (parsed.isOk()) {
                dump = parsed.value();
                parsedFrom = o;
            } else {
                LOG.warn("could not read netifd's interfaces, keeping what was known: {}", parsed.error().message());
            }
        }
        return Result.ok(snapshot(SysfsLinks.read(files), dump));
    }

    /** The links with the addresses of the interfaces on them and the upstream mark, and the interfaces. */
    static NetworkSnapshot snapshot(List<Link> sysfsLinks, UbusInterfaces.Dump dump) {
        Map<String, List<Ipv4Address>> v4 = new LinkedHashMap<>();
        Map<String, List<Ipv6Address>> v6 = new LinkedHashMap<>();
        for (IpInterface i : dump.interfaces()) {
            if (!i.device().isEmpty()) {
                v4.computeIfAbsent(i.device(), d -> new ArrayList<>()).addAll(i.ipv4());
                v6.computeIfAbsent(i.device(), d -> new ArrayList<>()).addAll(i.ipv6());
            }
        }
        List<Link> links = new ArrayList<>();
        for (Link l : sysfsLinks) {
            links.add(l.withAddresses(bounded(v4.getOrDefault(l.name(), List.of())),
                    bounded(v6.getOrDefault(l.name(), List.of()))));
        }
        links = LinuxIpInterfaces.markUpstream(links, dump.upstreamDevices());
        return new NetworkSnapshot(links, dump.interfaces());
    }

    private static <T> List<T> bounded(List<T> list) {
        return list.size() > Link.MAX_ADDRESSES ? list.subList(0, Link.MAX_ADDRESSES) : list;
    }

    @Override
    public NetworkCapabilities capabilities() {
        return NetworkCapabilities.ALL;
    }

    @Override
    public Optional<DmError> setLinkEnabled(String link, boolean enable) {
        if (snapshot().link(link).isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "no link " + link + " any more"));
        }
        Optional<DmError> failed = run(List.of("ip", "link", "set", "dev", link, enable ? "up" : "down"));
        if (failed.isEmpty()) {
            LOG.info("link {} set {}", link, enable ? "up" : "down");
            assume(s -> s.link(link).map(l -> s.withLink(l.withAdminUp(enable))).orElse(s));
        }
        return failed;
    }

    @Override
    public Optional<DmError> setIpInterfaceEnabled(String ipInterface, boolean enable) {
        if (snapshot().ipInterface(ipInterface).isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "no interface " + ipInterface + " any more"));
        }
        List<List<String>> steps = new ArrayList<>();
        steps.add(List.of("uci", "set", "network." + ipInterface + ".disabled=" + (enable ? "0" : "1")));
        steps.add(List.of("uci", "commit", "network"));
        if (enable) {
            steps.add(List.of("ubus", "call", "network", "reload"));
            steps.add(List.of("ubus", "call", "network.interface." + ipInterface, "up"));
        } else {
            steps.add(List.of("ubus", "call", "network.interface." + ipInterface, "down"));
            steps.add(List.of("ubus", "call", "network", "reload"));
        }
        for (List<String> step : steps) {
            Optional<DmError> failed = run(step);
            if (failed.isPresent()) {
                return failed;
            }
        }
        LOG.info("interface {} {}", ipInterface, enable ? "enabled" : "disabled");
        netifd.changed();
        assume(s -> s.ipInterface(ipInterface).map(i -> s.withIpInterface(i.withEnabled(enable))).orElse(s));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> restartIpInterface(String ipInterface) {
        String object = "network.interface." + ipInterface;
        Optional<DmError> failed = run(List.of("ubus", "call", object, "down"));
        if (failed.isEmpty()) {
            failed = run(List.of("ubus", "call", object, "up"));
        }
        netifd.changed();
        refreshSoon();
        return failed;
    }

    /** The name is the data model's key of a platform row, so it has no shell or uci syntax to escape. */
    private Optional<DmError> run(List<String> argv) {
        Result<String> r = commands.run(argv);
        if (r.isOk()) {
            return Optional.empty();
        }
        LOG.warn("{} failed: {}", String.join(" ", argv), r.error().message());
        return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, r.error().message()));
    }

    @Override
    public void close() {
        super.close();
        synchronized (this) {
            if (poll != null) {
                poll.cancel(false);
            }
            if (monitor != null) {
                monitor.close();
                monitor = null;
            }
        }
    }
}

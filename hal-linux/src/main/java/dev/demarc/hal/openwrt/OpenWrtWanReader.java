package dev.demarc.hal.openwrt;

import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.PppoeSessions;
import dev.demarc.hal.linux.ProcRoutes;
import dev.demarc.hal.linux.ResolvConf;
import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Ipv6RouteState;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the WAN side of an OpenWrt router into a {@link WanState}: one process per read
 * ({@code ubus call network.interface dump}), the rest from files ({@code /etc/config/network},
 * {@code /proc/net/route}, {@code /proc/net/ipv6_route}, {@code /proc/net/pppoe}, sysfs counters;
 * OpenWrt's default image has no iproute2). Runs on the platform's pool.
 *
 * <ul>
 *   <li>The WAN is the logical interface {@code wan}, else the one of the IPv4 default route.
 *       IP interface keys are logical interface names; a route's device is turned into the
 *       logical interface carrying it.</li>
 *   <li>DHCPv4 clients are the interfaces of protocol {@code dhcp}: enabled while netifd keeps
 *       them up ({@code autostart}), Bound while up, Selecting while pending. udhcpc keeps no
 *       lease file and netifd reports the lease time but not when the lease was last renewed:
 *       the lease's end is estimated, udhcpc renewing at half the lease time since the
 *       interface came up. The DHCP server is known only if the protocol reported it.</li>
 *   <li>PPP interfaces are those of protocol {@code pppoe}, {@code pppoa}, {@code ppp}, named
 *       {@code <proto>-<interface>} as netifd names their device; user name from uci; the
 *       session from {@code /proc/net/pppoe} by the Ethernet device.</li>
 *   <li>Route origins come from the interface that installed the route: DHCPv4 on a
 *       {@code dhcp} interface, IPCP on a PPP one, RA on a {@code dhcpv6} one (odhcp6c's routes
 *       come from router advertisements), Static otherwise; a connected route (no gateway, the
 *       network of one of the interface's addresses) is not a static route.</li>
 *   <li>DNS servers are those of the interfaces that are up, typed by protocol; when ubus does
 *       not answer, {@code /tmp/resolv.conf.d/resolv.conf.auto}.</li>
 * </ul>
 * Times netifd gives as up times (interface up since, lease end) are kept from the previous
 * read when they differ by less than {@link #TIME_TOLERANCE}, so that a snapshot does not
 * change at each read by a second of rounding.
 */
public final class OpenWrtWanReader {

    private static final Logger LOG = LoggerFactory.getLogger(OpenWrtWanReader.class);
    /** The uci file of interfaces. */
    public static final String NETWORK_CONFIG = "/etc/config/network";
    /** dnsmasq's upstream servers, by interface, as netifd writes them. */
    public static final String RESOLV_AUTO = "/tmp/resolv.conf.d/resolv.conf.auto";
    /** How far apart two up-time-based times may be and still be the same time. */
    public static final Duration TIME_TOLERANCE = Duration.ofSeconds(3);

    private final SystemFiles files;
    private final NetifdDump netifd;
    private final Duration dumpMaxAge;
    private final Clock clock;
    private final ByteOrder byteOrder;

    /**
     * A reader that runs netifd's dump at every read.
     *
     * @param byteOrder the device's byte order, which {@code /proc/net/route} depends on
     */
    public OpenWrtWanReader(SystemFiles files, CommandRunner commands, Clock clock, ByteOrder byteOrder) {
        this(files, new NetifdDump(commands, clock, System::nanoTime), Duration.ZERO, clock, byteOrder);
    }

    /**
     * A reader that takes netifd's dump from {@code netifd}, which the network part shares: a run
     * since netifd's last event and at most {@code dumpMaxAge} old serves (times in it are taken
     * as of its run).
     */
    public OpenWrtWanReader(SystemFiles files, NetifdDump netifd, Duration dumpMaxAge, Clock clock,
                            ByteOrder byteOrder) {
        this.files = files;
        this.netifd = netifd;
        this.dumpMaxAge = dumpMaxAge;
        this.clock = clock;
        this.byteOrder = byteOrder;
    }

    /** The WAN side now; {@code previous} is the last read (for the times it keeps). */
    public WanState read(WanState previous) {
        Instant now = clock.instant();
        List<UbusWanInterfaces.Interface> ifaces = List.of();
        Result<NetifdDump.Output> dump = netifd.read(dumpMaxAge);
        if (dump.isOk()) {
            now = dump.value().readAt();
            Result<List<UbusWanInterfaces.Interface>> parsed = UbusWanInterfaces.parse("ubus network.interface dump",
                    dump.value().json());
            if (parsed.isOk()) {
                ifaces = parsed.value();
            } else {
                LOG.warn("{}", parsed.error().message());
            }
        } else {
            LOG.warn("{}", dump.error().message());
        }
        UciConfig network = UciConfig.parse(files.read(NETWORK_CONFIG).orElse(""));

        Optional<String> v4Text = files.read(ProcRoutes.IPV4);
        List<Ipv4RouteState> ipv4Routes = ipv4Routes(ProcRoutes.ipv4(v4Text.orElse(""), byteOrder), ifaces);
        List<Ipv6RouteState> ipv6Routes = ipv6Routes(ProcRoutes.ipv6(files.read(ProcRoutes.IPV6).orElse("")), ifaces);

        List<DhcpV4ClientState> clients = new ArrayList<>();
        for (UbusWanInterfaces.Interface i : ifaces) {
            if (i.proto().equals("dhcp") && clients.size() < WanState.MAX_INTERFACES) {
                clients.add(dhcpClient(i, now, previous.dhcpClient(i.name())));
            }
        }
        Map<String, Integer> sessions = PppoeSessions.byDevice(files.read(PppoeSessions.FILE).orElse(""), byteOrder);
        List<PppInterfaceState> ppp = new ArrayList<>();
        for (UbusWanInterfaces.Interface i : ifaces) {
            if (i.ppp() && ppp.size() < WanState.MAX_INTERFACES) {
                ppp.add(pppInterface(i, network.section(i.name()), sessions, now, previous.pppInterface(i.name())));
            }
        }
        WanInterface wan = wan(ifaces, ipv4Routes, now, previous.wan());
        List<DnsServerState> dns = dnsServers(ifaces);
        return new WanState(wan, v4Text.isPresent(), clients, ppp, ipv4Routes, ipv6Routes, true, dns);
    }

    private DhcpV4ClientState dhcpClient(UbusWanInterfaces.Interface i, Instant now, Optional<DhcpV4ClientState> before) {
        DhcpV4ClientState.Status status = !i.autostart() ? DhcpV4ClientState.Status.DISABLED
                : i.available() ? DhcpV4ClientState.Status.ENABLED : DhcpV4ClientState.Status.ERROR_MISCONFIGURED;
        DhcpV4ClientState.DhcpStatus dhcp = i.up() ? DhcpV4ClientState.DhcpStatus.BOUND
                : i.pending() ? DhcpV4ClientState.DhcpStatus.SELECTING : DhcpV4ClientState.DhcpStatus.INIT;
        String address = "";
        String mask = "";
        List<String> routers = new ArrayList<>();
        Optional<Instant> expires = Optional.empty();
        if (i.up() && !i.ipv4().isEmpty()) {
            address = i.ipv4().get(0).address();
            mask = maskOf(i.ipv4().get(0).prefixLength());
            for (UbusWanInterfaces.Route r : i.routes()) {
                if (r.prefixLength() == 0 && !r.nextHop().isEmpty() && !routers.contains(r.nextHop())) {
                    routers.add(r.nextHop());
                }
            }
            if (i.leaseSeconds().isPresent()) {
                long lease = i.leaseSeconds().get();
                long sinceBound = i.uptimeSeconds() % Math.max(1, lease / 2);
                Instant end = now.plusSeconds(lease - sinceBound);
                expires = Optional.of(stable(before.flatMap(DhcpV4ClientState::leaseExpires), end));
            }
        }
        return new DhcpV4ClientState(i.name(), i.autostart(), status, dhcp, address, mask, limit(routers),
                limit(ipv4Only(i.dnsServers())), i.up() ? i.dhcpServer() : "", expires);
    }

    private PppInterfaceState pppInterface(UbusWanInterfaces.Interface i, Optional<UciConfig.Section> config,
                                           Map<String, Integer> sessions, Instant now,
                                           Optional<PppInterfaceState> before) {
        String device = i.l3Device().isEmpty() ? i.proto() + "-" + i.name() : i.l3Device();
        String lower = !i.device().isEmpty() ? i.device()
                : config.flatMap(s -> s.option("device").or(() -> s.option("ifname"))).orElse("");
        String username = config.flatMap(s -> s.option("username")).orElse("");
        PppInterfaceState.Status status = i.up() ? PppInterfaceState.Status.UP
                : i.available() ? PppInterfaceState.Status.DOWN : PppInterfaceState.Status.LOWER_LAYER_DOWN;
        PppInterfaceState.ConnectionStatus connection = i.up() ? PppInterfaceState.ConnectionStatus.CONNECTED
                : username.isEmpty() ? PppInterfaceState.ConnectionStatus.UNCONFIGURED
                : i.pending() ? PppInterfaceState.ConnectionStatus.CONNECTING
                : PppInterfaceState.ConnectionStatus.DISCONNECTED;
        String local = "";
        String remote = "";
        if (i.up() && !i.ipv4().isEmpty()) {
            local = i.ipv4().get(0).address();
            remote = i.ipv4().get(0).peer();
            if (remote.isEmpty()) {
                remote = i.routes().stream().filter(r -> r.prefixLength() == 0 && !r.nextHop().isEmpty())
                        .map(UbusWanInterfaces.Route::nextHop).findFirst().orElse("");
            }
        }
        Optional<Instant> lastChange;
        if (i.up()) {
            lastChange = Optional.of(stable(before.flatMap(PppInterfaceState::lastChange),
                    now.minusSeconds(i.uptimeSeconds())));
        } else if (before.isPresent() && before.get().status() == status) {
            lastChange = before.get().lastChange();
        } else {
            lastChange = before.isPresent() ? Optional.of(now) : Optional.empty();
        }
        Optional<PppInterfaceState.PppStats> stats = Optional.empty();
        String base = "/sys/class/net/" + device + "/statistics/";
        if (i.up() && files.exists(base + "rx_bytes")) {
            stats = Optional.of(new PppInterfaceState.PppStats(counter(base, "tx_bytes"), counter(base, "rx_bytes"),
                    counter(base, "tx_packets"), counter(base, "rx_packets"), counter(base, "tx_errors"),
                    counter(base, "rx_errors"), counter(base, "tx_dropped"), counter(base, "rx_dropped")));
        }
        int session = i.up() && i.proto().equals("pppoe") ? sessions.getOrDefault(lower, 0) : 0;
        return new PppInterfaceState(i.name(), device.length() > 64 ? device.substring(0, 64) : device, lower,
                i.autostart(), status, connection,
                username.length() > PppInterfaceState.MAX_USERNAME ? "" : username, session, local, remote,
                limit(ipv4Only(i.dnsServers())), lastChange, stats);
    }

    private long counter(String base, String name) {
        return Math.max(0, files.readLong(base + name).orElse(0L));
    }

    private WanInterface wan(List<UbusWanInterfaces.Interface> ifaces, List<Ipv4RouteState> routes, Instant now,
                             WanInterface before) {
        Optional<UbusWanInterfaces.Interface> wan = ifaces.stream().filter(i -> i.name().equals("wan")).findFirst();
        if (wan.isEmpty()) {
            Optional<String> key = routes.stream().filter(Ipv4RouteState::isDefault)
                    .min(java.util.Comparator.comparingLong(Ipv4RouteState::metric)).map(Ipv4RouteState::interfaceKey);
            wan = key.flatMap(k -> ifaces.stream().filter(i -> i.name().equals(k)).findFirst());
        }
        if (wan.isEmpty()) {
            return WanInterface.NONE;
        }
        UbusWanInterfaces.Interface i = wan.get();
        String gateway = i.routes().stream().filter(r -> r.prefixLength() == 0 && !r.nextHop().isEmpty())
                .map(UbusWanInterfaces.Route::nextHop).findFirst().orElse("");
        Optional<Instant> upSince = i.up()
                ? Optional.of(stable(before.key().equals(i.name()) ? before.upSince() : Optional.empty(),
                        now.minusSeconds(i.uptimeSeconds())))
                : Optional.empty();
        return new WanInterface(i.name(), i.l3Device().isEmpty() ? i.device() : i.l3Device(), i.up(),
                i.up() && !i.ipv4().isEmpty() ? i.ipv4().get(0).address() : "", i.up() ? gateway : "",
                i.up() ? limit(i.dnsServers()) : List.of(), upSince);
    }

    private List<DnsServerState> dnsServers(List<UbusWanInterfaces.Interface> ifaces) {
        Map<String, DnsServerState> out = new LinkedHashMap<>();
        for (UbusWanInterfaces.Interface i : ifaces) {
            if (!i.up()) {
                continue;
            }
            for (String s : i.dnsServers()) {
                DnsServerState.Type type = switch (i.proto()) {
                    case "dhcp" -> DnsServerState.Type.DHCPV4;
                    case "dhcpv6" -> DnsServerState.Type.DHCPV6;
                    case "pppoe", "pppoa", "ppp" -> DnsServerState.Type.IPCP;
                    default -> DnsServerState.Type.STATIC;
                };
                if (out.size() < WanState.MAX_DNS_SERVERS) {
                    out.putIfAbsent(s, new DnsServerState(s, i.name(), type));
                }
            }
        }
        if (ifaces.isEmpty()) {
            for (ResolvConf.Nameserver n : ResolvConf.parse(files.read(RESOLV_AUTO).orElse(""))) {
                if (out.size() < WanState.MAX_DNS_SERVERS) {
                    out.putIfAbsent(n.address(), new DnsServerState(n.address(), n.interfaceName(), DnsServerState.Type.STATIC));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private List<Ipv4RouteState> ipv4Routes(List<ProcRoutes.Ipv4Route> routes, List<UbusWanInterfaces.Interface> ifaces) {
        Map<String, Ipv4RouteState> out = new LinkedHashMap<>();
        for (ProcRoutes.Ipv4Route r : routes) {
            Optional<UbusWanInterfaces.Interface> owner = owner(r.device(), ifaces, false);
            Ipv4RouteState.Origin origin = Ipv4RouteState.Origin.STATIC;
            boolean configured = true;
            if (owner.isPresent()) {
                UbusWanInterfaces.Interface i = owner.get();
                boolean installed = i.routes().stream().anyMatch(x -> x.target().equals(r.destination())
                        && x.prefixLength() == r.prefixLength() && x.nextHop().equals(r.gateway()));
                boolean connected = r.gateway().isEmpty() && i.ipv4().stream().anyMatch(a -> a.prefixLength() == r.prefixLength()
                        && network(a.address(), a.prefixLength()).equals(r.destination()));
                if (connected) {
                    configured = false;
                } else if (i.ppp()) {
                    origin = Ipv4RouteState.Origin.IPCP;
                    configured = false;
                } else if (i.proto().equals("dhcp") && installed) {
                    origin = Ipv4RouteState.Origin.DHCPV4;
                    configured = false;
                }
            }
            Ipv4RouteState route = new Ipv4RouteState(r.destination(), r.prefixLength(), r.gateway(),
                    owner.map(UbusWanInterfaces.Interface::name).orElse(r.device()), origin, r.metric(), configured);
            if (out.size() < WanState.MAX_ROUTES) {
                out.putIfAbsent(route.key(), route);
            }
        }
        return List.copyOf(out.values());
    }

    private List<Ipv6RouteState> ipv6Routes(List<ProcRoutes.Ipv6Route> routes, List<UbusWanInterfaces.Interface> ifaces) {
        Map<String, Ipv6RouteState> out = new LinkedHashMap<>();
        for (ProcRoutes.Ipv6Route r : routes) {
            Optional<UbusWanInterfaces.Interface> owner = owner(r.device(), ifaces, true);
            boolean fromOdhcp6c = owner.map(i -> i.proto().equals("dhcpv6")).orElse(false) && !r.nextHop().isEmpty();
            Ipv6RouteState.Origin origin = r.fromRa() || fromOdhcp6c ? Ipv6RouteState.Origin.RA : Ipv6RouteState.Origin.STATIC;
            Ipv6RouteState route = new Ipv6RouteState(r.destination(), r.nextHop(),
                    owner.map(UbusWanInterfaces.Interface::name).orElse(r.device()), origin, r.metric(), Optional.empty());
            if (out.size() < WanState.MAX_ROUTES) {
                out.putIfAbsent(route.key(), route);
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The logical interface carrying {@code device}: of those on it (wan and wan6 share one),
     * the one with addresses of the family, else the first.
     */
    static Optional<UbusWanInterfaces.Interface> owner(String device, List<UbusWanInterfaces.Interface> ifaces, boolean ipv6) {
        List<UbusWanInterfaces.Interface> on = ifaces.stream()
                .filter(i -> i.l3Device().equals(device) || i.l3Device().isEmpty() && i.device().equals(device)).toList();
        return on.stream().filter(i -> ipv6 ? i.hasIpv6() || i.proto().equals("dhcpv6") : !i.ipv4().isEmpty())
                .findFirst().or(() -> on.stream().findFirst());
    }

    /** {@code computed}, or {@code before} when it is within {@link #TIME_TOLERANCE} of it. */
    static Instant stable(Optional<Instant> before, Instant computed) {
        if (before.isPresent() && !before.get().equals(Instant.MAX)
                && Duration.between(before.get(), computed).abs().compareTo(TIME_TOLERANCE) <= 0) {
            return before.get();
        }
        return computed;
    }

    static String maskOf(int prefixLength) {
        long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xFF) + "." + ((mask >>> 8) & 0xFF) + "." + (mask & 0xFF);
    }

    static String network(String address, int prefixLength) {
        String[] p = address.split("\\.");
        long v = (Long.parseLong(p[0]) << 24) | (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8) | Long.parseLong(p[3]);
        long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
        long n = v & mask;
        return (n >>> 24) + "." + ((n >>> 16) & 0xFF) + "." + ((n >>> 8) & 0xFF) + "." + (n & 0xFF);
    }

    private static List<String> ipv4Only(List<String> addresses) {
        return addresses.stream().filter(a -> !a.contains(":")).toList();
    }

    private static List<String> limit(List<String> addresses) {
        Set<String> seen = new HashSet<>();
        return addresses.stream().filter(seen::add).limit(16).toList();
    }
}

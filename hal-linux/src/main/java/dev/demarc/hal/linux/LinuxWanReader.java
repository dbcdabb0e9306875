package dev.demarc.hal.linux;

import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Ipv6RouteState;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the WAN side of a generic Linux device into a {@link WanState}: one batch of sources per
 * read, two processes in all ({@code ip -j -4 route}, {@code ip -j -6 route}; a third,
 * {@code ip -j -4 addr}, only when PPP devices exist), the rest from files. Runs on the
 * platform's pool.
 *
 * <ul>
 *   <li>The WAN is the device of the IPv4 default route with the lowest metric; the IP
 *       interface keys are network device names.</li>
 *   <li>DHCPv4 clients come from the lease files of dhclient ({@code /var/lib/dhcp},
 *       {@code /var/lib/dhclient}), systemd-networkd ({@code /run/systemd/netif/leases}) and
 *       NetworkManager ({@code /var/lib/NetworkManager}); a lease counts only while its device
 *       carries the leased address (an old lease file of a device now configured otherwise is
 *       not a client). Clients that hold no lease (still selecting) cannot be seen, and
 *       whether a client is stopped cannot be told: a client shown is enabled.</li>
 *   <li>PPP interfaces are the {@code ppp*} devices (type 512): their state from sysfs, IPCP
 *       addresses from {@code ip addr}, DNS servers from {@code /etc/ppp/resolv.conf}, the
 *       PPPoE session from {@code /proc/net/pppoe} (when there is one session for one PPP
 *       device, they are paired). The user name and the time of the last change are not
 *       known.</li>
 *   <li>DNS servers: systemd-resolved's upstream list when it runs, else
 *       {@code /etc/resolv.conf}; a server a lease gave is DHCPv4 on its interface, one IPCP
 *       gave is IPCP, an IPv6 link-local one is on its zone's interface; others are Static.</li>
 * </ul>
 */
public final class LinuxWanReader {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxWanReader.class);

    static final List<String> IPV4_ROUTES = List.of("ip", "-j", "-4", "route", "show", "table", "main");
    static final List<String> IPV6_ROUTES = List.of("ip", "-j", "-6", "route", "show", "table", "main");
    static final String RESOLVED_UPSTREAM = "/run/systemd/resolve/resolv.conf";
    static final String RESOLV_CONF = "/etc/resolv.conf";
    static final String PPP_RESOLV_CONF = "/etc/ppp/resolv.conf";
    static final String NETWORKD_LEASES = "/run/systemd/netif/leases";
    private static final List<String> DHCLIENT_DIRS = List.of("/var/lib/dhcp", "/var/lib/dhclient");
    private static final String NETWORK_MANAGER_DIR = "/var/lib/NetworkManager";
    private static final int ARPHRD_PPP = 512;
    private static final int IFF_UP = 0x1;
    private static final int IFF_RUNNING = 0x40;

    private final SystemFiles files;
    private final CommandRunner commands;
    private final Clock clock;

    public LinuxWanReader(SystemFiles files, CommandRunner commands, Clock clock) {
        this.files = files;
        this.commands = commands;
        this.clock = clock;
    }

    /** Which client holds a lease: the renewal of a lease depends on it. */
    public enum LeaseSource { DHCLIENT, NETWORKD, NETWORK_MANAGER }

    /** A read: the WAN side, and which client holds the lease of each DHCPv4 client shown. */
    public record Reading(WanState state, Map<String, LeaseSource> leaseSources) {
        public static final Reading EMPTY = new Reading(WanState.EMPTY, Map.of());

        public Reading {
            leaseSources = Map.copyOf(leaseSources);
        }

        // equals and hashCode by hand: the generated ones go through method handles that the JVM
        // compiles into classes of their own, which the class data sharing archive cannot hold.
        @Override
        public boolean equals(Object other) {
            return other instanceof Reading o
                    && Objects.equals(state, o.state)
                    && Objects.equals(leaseSources, o.leaseSources);
        }

        @Override
        public int hashCode() {
            return Objects.hash(state, leaseSources);
        }
    }

    private record SourcedLease(DhcpLeases.Lease lease, LeaseSource source) {
    }

    /** The WAN side now. */
    public Reading read() {
        Instant now = clock.instant();
        UnaryOperator<String> key = UnaryOperator.identity();
        Result<String> v4Text = commands.run(IPV4_ROUTES);
        boolean routing = v4Text.isOk();
        List<IpRoutes.IpRoute> v4 = routes("ip -4 route", v4Text);
        Result<String> v6Text = commands.run(IPV6_ROUTES);
        List<IpRoutes.IpRoute> v6 = routes("ip -6 route", v6Text);
        List<Ipv4RouteState> ipv4Routes = IpRoutes.ipv4(v4, key);
        List<Ipv6RouteState> ipv6Routes = IpRoutes.ipv6(v6, key, now);
        Map<String, Set<String>> addresses = IpRoutes.sourceAddresses(v4);
        List<String> devices = files.list("/sys/class/net");

        List<DhcpV4ClientState> clients = new ArrayList<>();
        Map<String, LeaseSource> sources = new LinkedHashMap<>();
        for (SourcedLease sourced : leases().values()) {
            DhcpLeases.Lease lease = sourced.lease();
            if (!devices.contains(lease.interfaceName())
                    || !addresses.getOrDefault(lease.interfaceName(), Set.of()).contains(lease.address())
                    || clients.size() >= WanState.MAX_INTERFACES) {
                continue;
            }
            clients.add(new DhcpV4ClientState(lease.interfaceName(), true, DhcpV4ClientState.Status.ENABLED,
                    lease.validAt(now) ? DhcpV4ClientState.DhcpStatus.BOUND : DhcpV4ClientState.DhcpStatus.REBINDING,
                    lease.address(), lease.subnetMask(), lease.routers(), lease.dnsServers(), lease.server(),
                    lease.expires()));
            sources.put(lease.interfaceName(), sourced.source());
        }

        List<PppInterfaceState> ppp = pppInterfaces(devices);

        Optional<Ipv4RouteState> best = IpRoutes.bestDefault(ipv4Routes);
        WanInterface wan = WanInterface.NONE;
        if (best.isPresent() && !best.get().interfaceKey().isEmpty()) {
            String dev = best.get().interfaceKey();
            Optional<DhcpV4ClientState> client = clients.stream().filter(c -> c.interfaceKey().equals(dev)).findFirst();
            Optional<PppInterfaceState> link = ppp.stream().filter(p -> p.key().equals(dev)).findFirst();
            String address = client.map(DhcpV4ClientState::ipAddress)
                    .or(() -> link.map(PppInterfaceState::localAddress))
                    .orElse(addresses.getOrDefault(dev, Set.of()).stream().findFirst().orElse(""));
            List<String> dns = client.map(DhcpV4ClientState::dnsServers)
                    .or(() -> link.map(PppInterfaceState::dnsServers)).orElse(List.of());
            boolean up = link.map(p -> p.status() == PppInterfaceState.Status.UP)
                    .orElse(files.readLine("/sys/class/net/" + dev + "/operstate").map(s -> !s.equals("down")).orElse(false));
            wan = new WanInterface(dev, dev, up, address, best.get().gateway(), dns, Optional.empty());
        }

        Optional<String> resolv = files.read(RESOLVED_UPSTREAM).or(() -> files.read(RESOLV_CONF));
        List<DnsServerState> dns = new ArrayList<>();
        for (ResolvConf.Nameserver n : ResolvConf.parse(resolv.orElse(""))) {
            if (dns.size() >= WanState.MAX_DNS_SERVERS) {
                break;
            }
            dns.add(dnsServer(n, clients, ppp));
        }
        return new Reading(new WanState(wan, routing, clients, ppp, ipv4Routes, ipv6Routes, resolv.isPresent(), dns),
                sources);
    }

    private static List<IpRoutes.IpRoute> routes(String what, Result<String> text) {
        if (!text.isOk()) {
            LOG.debug("{}: {}", what, text.error().message());
            return List.of();
        }
        Result<List<IpRoutes.IpRoute>> parsed = IpRoutes.parse(what, text.value());
        if (!parsed.isOk()) {
            LOG.warn("{}: {}", what, parsed.error().message());
            return List.of();
        }
        return parsed.value();
    }

    /** The lease of each interface, from every client's files; the one ending last wins. */
    private Map<String, SourcedLease> leases() {
        Map<String, SourcedLease> out = new LinkedHashMap<>();
        for (String dir : DHCLIENT_DIRS) {
            for (String name : files.list(dir)) {
                if (name.endsWith(".leases") || name.endsWith(".lease")) {
                    files.read(dir + "/" + name).ifPresent(t -> DhcpLeases.dhclient(t).values()
                            .forEach(l -> keep(out, l, LeaseSource.DHCLIENT)));
                }
            }
        }
        Map<String, String> byIndex = new LinkedHashMap<>();
        for (String dev : files.list("/sys/class/net")) {
            files.readLine("/sys/class/net/" + dev + "/ifindex").ifPresent(i -> byIndex.put(i, dev));
        }
        for (String index : files.list(NETWORKD_LEASES)) {
            String dev = byIndex.get(index);
            if (dev != null) {
                String path = NETWORKD_LEASES + "/" + index;
                files.read(path).flatMap(t -> DhcpLeases.networkd(t, dev, modified(path)))
                        .ifPresent(l -> keep(out, l, LeaseSource.NETWORKD));
            }
        }
        for (String name : files.list(NETWORK_MANAGER_DIR)) {
            String path = NETWORK_MANAGER_DIR + "/" + name;
            if (name.startsWith("internal-") && name.endsWith(".lease")) {
                String dev = afterLastDash(name.substring(0, name.length() - ".lease".length()));
                files.read(path).flatMap(t -> DhcpLeases.networkd(t, dev, modified(path)))
                        .ifPresent(l -> keep(out, l, LeaseSource.NETWORK_MANAGER));
            } else if (name.startsWith("dhclient-") && name.endsWith(".lease")) {
                files.read(path).ifPresent(t -> DhcpLeases.dhclient(t).values()
                        .forEach(l -> keep(out, l, LeaseSource.NETWORK_MANAGER)));
            }
        }
        return out;
    }

    private static String afterLastDash(String s) {
        int dash = s.lastIndexOf('-');
        return dash < 0 ? "" : s.substring(dash + 1);
    }

    private static void keep(Map<String, SourcedLease> leases, DhcpLeases.Lease lease, LeaseSource source) {
        SourcedLease had = leases.get(lease.interfaceName());
        Instant end = lease.expires().orElse(Instant.MIN);
        if (had == null || end.isAfter(had.lease().expires().orElse(Instant.MIN))) {
            leases.put(lease.interfaceName(), new SourcedLease(lease, source));
        }
    }

    private Optional<Instant> modified(String path) {
        try {
            return Optional.of(Files.getLastModifiedTime(files.resolve(path)).toInstant());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private List<PppInterfaceState> pppInterfaces(List<String> devices) {
        List<String> pppDevices = new ArrayList<>();
        for (String dev : devices) {
            if (files.readLong("/sys/class/net/" + dev + "/type").orElse(-1L) == ARPHRD_PPP) {
                pppDevices.add(dev);
            }
        }
        if (pppDevices.isEmpty()) {
            return List.of();
        }
        Map<String, String[]> addresses = pppAddresses();
        Map<String, Integer> sessions = PppoeSessions.byDevice(files.read(PppoeSessions.FILE).orElse(""));
        List<String> dns = ResolvConf.parse(files.read(PPP_RESOLV_CONF).orElse("")).stream()
                .map(ResolvConf.Nameserver::address).filter(a -> !a.contains(":")).limit(8).toList();
        List<PppInterfaceState> out = new ArrayList<>();
        for (String dev : pppDevices) {
            if (out.size() >= WanState.MAX_INTERFACES) {
                break;
            }
            String base = "/sys/class/net/" + dev;
            long flags = files.readLine(base + "/flags").map(LinuxWanReader::hex).orElse(0L);
            boolean up = (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0;
            String[] ipcp = addresses.getOrDefault(dev, new String[] {"", ""});
            String lower = "";
            int session = 0;
            if (sessions.size() == 1 && pppDevices.size() == 1) {
                Map.Entry<String, Integer> only = sessions.entrySet().iterator().next();
                lower = only.getKey();
                session = only.getValue();
            }
            Optional<PppInterfaceState.PppStats> stats = Optional.of(new PppInterfaceState.PppStats(
                    counter(base, "tx_bytes"), counter(base, "rx_bytes"), counter(base, "tx_packets"),
                    counter(base, "rx_packets"), counter(base, "tx_errors"), counter(base, "rx_errors"),
                    counter(base, "tx_dropped"), counter(base, "rx_dropped")));
            out.add(new PppInterfaceState(dev, dev, lower, true,
                    up ? PppInterfaceState.Status.UP : PppInterfaceState.Status.DOWN,
                    up ? PppInterfaceState.ConnectionStatus.CONNECTED : PppInterfaceState.ConnectionStatus.CONNECTING,
                    "", up ? session : 0, up ? ipcp[0] : "", up ? ipcp[1] : "", up ? dns : List.of(), Optional.empty(),
                    stats));
        }
        return out;
    }

    private long counter(String base, String name) {
        return Math.max(0, files.readLong(base + "/statistics/" + name).orElse(0L));
    }

    private static long hex(String s) {
        try {
            return Long.parseLong(s.startsWith("0x") ? s.substring(2) : s, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Local and peer IPv4 address of each point-to-point device, from {@code ip -j -4 addr}. */
    private Map<String, String[]> pppAddresses() {
        Map<String, String[]> out = new LinkedHashMap<>();
        Result<String> text = commands.run(List.of("ip", "-j", "-4", "addr", "show"));
        if (!text.isOk()) {
            return out;
        }
        Result<JsonValue.Arr> arr = JsonReader.parseArray("ip -4 addr", text.value());
        if (!arr.isOk()) {
            return out;
        }
        for (JsonValue.Obj link : arr.value().objects()) {
            for (JsonValue.Obj a : link.array("addr_info").objects()) {
                String local = a.string("local", "");
                String peer = a.string("address", "");
                if (!local.isEmpty() && !peer.isEmpty() && !peer.equals(local)
                        && dev.demarc.core.schema.DataTypes.IPV4_ADDRESS.isValid(local)
                        && dev.demarc.core.schema.DataTypes.IPV4_ADDRESS.isValid(peer)) {
                    out.putIfAbsent(link.string("ifname", ""), new String[] {local, peer});
                }
            }
        }
        return out;
    }

    static DnsServerState dnsServer(ResolvConf.Nameserver n, List<DhcpV4ClientState> clients,
                                    List<PppInterfaceState> ppp) {
        for (DhcpV4ClientState c : clients) {
            if (c.dnsServers().contains(n.address())) {
                return new DnsServerState(n.address(), c.interfaceKey(), DnsServerState.Type.DHCPV4);
            }
        }
        for (PppInterfaceState p : ppp) {
            if (p.dnsServers().contains(n.address())) {
                return new DnsServerState(n.address(), p.key(), DnsServerState.Type.IPCP);
            }
        }
        return new DnsServerState(n.address(), n.zone(), DnsServerState.Type.STATIC);
    }
}

package dev.demarc.tr181.platform;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The WAN side of the device at one moment: which interface is the WAN, the DHCPv4 clients and
 * their leases, the PPP interfaces, the main routing table and the DNS servers the resolver
 * uses. Immutable; each list is bounded and has no two entries with the same key.
 *
 * @param wan          the WAN interface; {@link WanInterface#NONE} when there is none
 * @param routing      whether the platform reads a routing table at all (the device then has
 *                     one router, even with no routes)
 * @param dhcpClients  the DHCPv4 clients, one per IP interface
 * @param ppp          the PPP interfaces
 * @param ipv4Routes   the IPv4 routes of the main table
 * @param ipv6Routes   the IPv6 routes of the main table
 * @param dnsEnabled   whether the device resolves names through the servers below
 * @param dnsServers   the DNS servers, one per address
 */
public record WanState(WanInterface wan, boolean routing, List<DhcpV4ClientState> dhcpClients,
                       List<PppInterfaceState> ppp, List<Ipv4RouteState> ipv4Routes,
                       List<Ipv6RouteState> ipv6Routes, boolean dnsEnabled, List<DnsServerState> dnsServers) {

    /** The most DHCPv4 clients or PPP interfaces. */
    public static final int MAX_INTERFACES = 64;
    /** The most routes of each family. */
    public static final int MAX_ROUTES = 2048;
    /** The most DNS servers. */
    public static final int MAX_DNS_SERVERS = 32;

    /** Nothing: no WAN, no routing table, no clients. */
    public static final WanState EMPTY = new WanState(WanInterface.NONE, false, List.of(), List.of(), List.of(),
            List.of(), false, List.of());

    public WanState {
        Objects.requireNonNull(wan, "wan");
        dhcpClients = WanValues.boundedList("dhcpClients", dhcpClients, MAX_INTERFACES);
        ppp = WanValues.boundedList("ppp", ppp, MAX_INTERFACES);
        ipv4Routes = WanValues.boundedList("ipv4Routes", ipv4Routes, MAX_ROUTES);
        ipv6Routes = WanValues.boundedList("ipv6Routes", ipv6Routes, MAX_ROUTES);
        dnsServers = WanValues.boundedList("dnsServers", dnsServers, MAX_DNS_SERVERS);
        distinct("dhcpClients", dhcpClients.stream().map(DhcpV4ClientState::interfaceKey).toList());
        distinct("ppp", ppp.stream().map(PppInterfaceState::key).toList());
        distinct("ipv4Routes", ipv4Routes.stream().map(Ipv4RouteState::key).toList());
        distinct("ipv6Routes", ipv6Routes.stream().map(Ipv6RouteState::key).toList());
        distinct("dnsServers", dnsServers.stream().map(DnsServerState::address).toList());
    }

    private static void distinct(String field, List<String> keys) {
        Set<String> seen = new HashSet<>();
        for (String k : keys) {
            if (!seen.add(k)) {
                throw new IllegalArgumentException(field + ": " + k + " twice");
            }
        }
    }

    /** The DHCPv4 client of this IP interface, if it has one. */
    public java.util.Optional<DhcpV4ClientState> dhcpClient(String interfaceKey) {
        for (DhcpV4ClientState c : dhcpClients) {
            if (c.interfaceKey().equals(interfaceKey)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    /** The PPP interface with this key, if there is one. */
    public java.util.Optional<PppInterfaceState> pppInterface(String key) {
        for (PppInterfaceState p : ppp) {
            if (p.key().equals(key)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** The IPv6 route with this key, if there is one. Read per route at every Get: a loop, no stream. */
    public java.util.Optional<Ipv6RouteState> ipv6Route(String key) {
        for (int i = 0; i < ipv6Routes.size(); i++) {
            Ipv6RouteState r = ipv6Routes.get(i);
            if (r.hasKey(key)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof WanState o
                && Objects.equals(wan, o.wan)
                && routing == o.routing
                && Objects.equals(dhcpClients, o.dhcpClients)
                && Objects.equals(ppp, o.ppp)
                && Objects.equals(ipv4Routes, o.ipv4Routes)
                && Objects.equals(ipv6Routes, o.ipv6Routes)
                && dnsEnabled == o.dnsEnabled
                && Objects.equals(dnsServers, o.dnsServers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wan, routing, dhcpClients, ppp, ipv4Routes, ipv6Routes, dnsEnabled, dnsServers);
    }
}

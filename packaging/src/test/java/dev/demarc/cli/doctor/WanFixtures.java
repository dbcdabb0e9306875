package dev.demarc.cli.doctor;

import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Duplex;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Platform snapshots for the checks' tests: a gateway whose WAN is {@code wan} on eth1. */
final class WanFixtures {

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private WanFixtures() {
    }

    static Link link(String name, LinkKind kind, boolean up, boolean carrier, String lower) {
        return new Link(name, 3, kind, "02:00:5e:10:00:02", up, carrier ? OperState.UP : OperState.DOWN, carrier,
                1500, carrier ? 1000 : -1, carrier ? Duplex.FULL : Duplex.UNKNOWN, true, "", lower, 0, LinkStats.ZERO,
                List.of(), List.of());
    }

    static NetworkSnapshot network(Link... links) {
        return new NetworkSnapshot(List.of(links), List.of());
    }

    static WanInterface wan(String device, String address, String gateway) {
        return new WanInterface("wan", device, !address.isEmpty(), address, gateway, List.of("203.0.113.53"),
                Optional.empty());
    }

    static DhcpV4ClientState dhcp(boolean enabled, DhcpV4ClientState.DhcpStatus status, String address,
                                  Optional<Instant> expires) {
        return new DhcpV4ClientState("wan", enabled, enabled ? DhcpV4ClientState.Status.ENABLED
                : DhcpV4ClientState.Status.DISABLED, status, address, address.isEmpty() ? "" : "255.255.255.0",
                address.isEmpty() ? List.of() : List.of("203.0.113.1"), List.of(),
                address.isEmpty() ? "" : "203.0.113.1", expires);
    }

    static PppInterfaceState ppp(boolean enabled, PppInterfaceState.ConnectionStatus connection, String local) {
        boolean up = connection == PppInterfaceState.ConnectionStatus.CONNECTED;
        return new PppInterfaceState("wan", "pppoe-wan", "eth1", enabled, up ? PppInterfaceState.Status.UP
                : PppInterfaceState.Status.DOWN, connection, "user@isp.example", up ? 42 : 0, local,
                up ? "203.0.113.1" : "", List.of(), Optional.empty(), Optional.empty());
    }

    static WanState state(WanInterface wan, List<DhcpV4ClientState> dhcp, List<PppInterfaceState> ppp,
                          List<DnsServerState> dns) {
        return new WanState(wan, true, dhcp, ppp, List.of(), List.of(), true, dns);
    }

    /** A healthy DHCP WAN: 203.0.113.45 from 203.0.113.1, a day's lease with 22 h 30 min left. */
    static WanState healthy() {
        return state(wan("eth1", "203.0.113.45", "203.0.113.1"),
                List.of(dhcp(true, DhcpV4ClientState.DhcpStatus.BOUND, "203.0.113.45",
                        Optional.of(NOW.plusSeconds(22 * 3600 + 1800)))),
                List.of(), List.of(new DnsServerState("203.0.113.53", "wan", DnsServerState.Type.DHCPV4)));
    }

    static WanState withDns(List<DnsServerState> dns) {
        WanState h = healthy();
        return state(h.wan(), h.dhcpClients(), h.ppp(), dns);
    }
}

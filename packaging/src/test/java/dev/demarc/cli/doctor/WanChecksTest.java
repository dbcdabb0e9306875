package dev.demarc.cli.doctor;

import static dev.demarc.cli.doctor.WanFixtures.NOW;
import static dev.demarc.cli.doctor.WanFixtures.dhcp;
import static dev.demarc.cli.doctor.WanFixtures.link;
import static dev.demarc.cli.doctor.WanFixtures.network;
import static dev.demarc.cli.doctor.WanFixtures.ppp;
import static dev.demarc.cli.doctor.WanFixtures.state;
import static dev.demarc.cli.doctor.WanFixtures.wan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.tr181.platform.DhcpV4ClientState.DhcpStatus;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.PppInterfaceState.ConnectionStatus;
import dev.demarc.tr181.platform.WanState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The WAN carrier and WAN address steps on controlled platform snapshots, each way they can end. */
class WanChecksTest {

    private static final NetworkSnapshot PORT_UP = network(link("lo", LinkKind.LOOPBACK, true, true, ""),
            link("eth1", LinkKind.ETHERNET, true, true, ""));

    @Test
    void carrier_up_passes_with_speed_and_duplex() {
        CheckResult r = WanCarrierCheck.check(WanFixtures.healthy(), PORT_UP);
        assertEquals(CheckStatus.PASS, r.status(), r.toString());
        assertEquals("wan on eth1: carrier up, 1000 Mbit/s, full duplex", r.measured());
    }

    @Test
    void no_carrier_fails_on_the_providers_side() {
        CheckResult r = WanCarrierCheck.check(WanFixtures.healthy(), network(link("eth1", LinkKind.ETHERNET, true,
                false, "")));
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals(Optional.of(Side.PROVIDER), r.side());
        assertTrue(r.measured().contains("no carrier"), r.measured());
        assertTrue(r.next().contains("modem"), r.next());
    }

    @Test
    void a_port_switched_off_fails_at_the_gateway() {
        CheckResult r = WanCarrierCheck.check(WanFixtures.healthy(), network(link("eth1", LinkKind.ETHERNET, false,
                false, "")));
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals(Optional.of(Side.GATEWAY), r.side());
        assertTrue(r.next().contains("ip link set eth1 up"), r.next());
    }

    @Test
    void the_carrier_of_a_vlan_is_its_ports_and_of_ppp_its_lower_link() {
        WanState vlan = state(wan("eth1.7", "203.0.113.45", "203.0.113.1"), List.of(), List.of(), List.of());
        CheckResult r = WanCarrierCheck.check(vlan, network(link("eth1.7", LinkKind.VLAN, true, true, "eth1"),
                link("eth1", LinkKind.ETHERNET, true, false, "")));
        assertEquals(CheckStatus.FAIL, r.status(), r.toString());
        assertTrue(r.measured().startsWith("wan on eth1.7 on eth1: no carrier"), r.measured());
        WanState pppoe = state(wan("pppoe-wan", "198.51.100.7", ""), List.of(),
                List.of(ppp(true, ConnectionStatus.CONNECTED, "198.51.100.7")), List.of());
        r = WanCarrierCheck.check(pppoe, PORT_UP);
        assertEquals(CheckStatus.PASS, r.status(), r.toString());
        assertTrue(r.measured().startsWith("wan on eth1"), r.measured());
    }

    @Test
    void no_wan_fails_at_the_gateway_and_lists_the_ports() {
        CheckResult r = WanCarrierCheck.check(WanState.EMPTY, network(link("eth0", LinkKind.ETHERNET, true, true, ""),
                link("eth1", LinkKind.ETHERNET, true, false, "")));
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals(Optional.of(Side.GATEWAY), r.side());
        assertEquals("no WAN interface; Ethernet ports with carrier: eth0; without: eth1", r.measured());
    }

    @Test
    void without_links_or_without_the_device_the_carrier_is_not_measured() {
        assertEquals(CheckStatus.SKIP, WanCarrierCheck.check(WanFixtures.healthy(), NetworkSnapshot.EMPTY).status());
        assertEquals(CheckStatus.SKIP, WanCarrierCheck.check(WanFixtures.healthy(),
                network(link("eth0", LinkKind.ETHERNET, true, true, ""))).status());
    }

    @Test
    void a_dhcp_lease_passes_with_the_time_left() {
        CheckResult r = WanAddressCheck.check(WanFixtures.healthy(), NOW);
        assertEquals(CheckStatus.PASS, r.status(), r.toString());
        assertEquals("wan: 203.0.113.45/255.255.255.0 by DHCP from 203.0.113.1, lease 22 h 30 min left (until "
                + "2026-11-22 10:30 UTC), DHCP state Bound", r.measured());
    }

    @Test
    void an_ended_lease_fails_and_a_rebinding_one_warns() {
        WanState ended = state(wan("eth1", "203.0.113.45", "203.0.113.1"),
                List.of(dhcp(true, DhcpStatus.BOUND, "203.0.113.45", Optional.of(NOW.minusSeconds(5)))), List.of(),
                List.of());
        CheckResult r = WanAddressCheck.check(ended, NOW);
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals(Optional.of(Side.PROVIDER), r.side());
        WanState rebinding = state(wan("eth1", "203.0.113.45", "203.0.113.1"),
                List.of(dhcp(true, DhcpStatus.REBINDING, "203.0.113.45", Optional.of(NOW.plusSeconds(600)))),
                List.of(), List.of());
        assertEquals(CheckStatus.WARN, WanAddressCheck.check(rebinding, NOW).status());
        WanState infinite = state(wan("eth1", "203.0.113.45", "203.0.113.1"),
                List.of(dhcp(true, DhcpStatus.BOUND, "203.0.113.45", Optional.of(Instant.MAX))), List.of(), List.of());
        assertTrue(WanAddressCheck.check(infinite, NOW).measured().contains("lease never ends"));
    }

    @Test
    void no_address_from_dhcp_fails_on_the_providers_side_unless_the_client_is_off() {
        WanState noLease = state(wan("eth1", "", ""), List.of(dhcp(true, DhcpStatus.SELECTING, "", Optional.empty())),
                List.of(), List.of());
        CheckResult r = WanAddressCheck.check(noLease, NOW);
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals(Optional.of(Side.PROVIDER), r.side());
        assertEquals("wan: no IPv4 address; DHCP client Selecting", r.measured());
        WanState off = state(wan("eth1", "", ""), List.of(dhcp(false, DhcpStatus.INIT, "", Optional.empty())),
                List.of(), List.of());
        assertEquals(Optional.of(Side.GATEWAY), WanAddressCheck.check(off, NOW).side());
        WanState nothing = state(wan("eth1", "", ""), List.of(), List.of(), List.of());
        assertEquals(Optional.of(Side.GATEWAY), WanAddressCheck.check(nothing, NOW).side());
    }

    @Test
    void a_static_address_passes_and_a_link_local_one_fails() {
        WanState stat = state(wan("eth1", "192.0.2.2", "192.0.2.1"), List.of(), List.of(), List.of());
        CheckResult r = WanAddressCheck.check(stat, NOW);
        assertEquals(CheckStatus.PASS, r.status());
        assertEquals("wan: 192.0.2.2, static (no DHCP lease)", r.measured());
        WanState linkLocal = state(wan("eth1", "169.254.3.4", ""), List.of(), List.of(), List.of());
        assertEquals(CheckStatus.FAIL, WanAddressCheck.check(linkLocal, NOW).status());
    }

    @Test
    void a_ppp_session_passes_when_connected_and_fails_otherwise() {
        WanState up = state(wan("pppoe-wan", "198.51.100.7", ""), List.of(),
                List.of(ppp(true, ConnectionStatus.CONNECTED, "198.51.100.7")), List.of());
        CheckResult r = WanAddressCheck.check(up, NOW);
        assertEquals(CheckStatus.PASS, r.status(), r.toString());
        assertEquals("wan (PPP pppoe-wan over eth1): 198.51.100.7 by IPCP, peer 203.0.113.1, PPPoE session 42",
                r.measured());
        WanState down = state(wan("pppoe-wan", "", ""), List.of(),
                List.of(ppp(true, ConnectionStatus.AUTHENTICATING, "")), List.of());
        r = WanAddressCheck.check(down, NOW);
        assertEquals(CheckStatus.FAIL, r.status());
        assertTrue(r.meaning().contains("user name and password"), r.meaning());
        WanState off = state(wan("pppoe-wan", "", ""), List.of(),
                List.of(ppp(false, ConnectionStatus.DISCONNECTED, "")), List.of());
        assertEquals(Optional.of(Side.GATEWAY), WanAddressCheck.check(off, NOW).side());
    }

    @Test
    void durations_read_naturally() {
        assertEquals("2 d 3 h", WanAddressCheck.duration(2 * 86400 + 3 * 3600 + 59));
        assertEquals("5 min 3 s", WanAddressCheck.duration(303));
        assertEquals("7 s", WanAddressCheck.duration(7));
    }
}

package dev.demarc.hal.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.hal.linux.DhcpLeases;
import dev.demarc.hal.linux.IpRoutes;
import dev.demarc.hal.linux.PppoeSessions;
import dev.demarc.hal.linux.ProcRoutes;
import dev.demarc.hal.linux.ResolvConf;
import dev.demarc.hal.openwrt.UbusWanInterfaces;
import dev.demarc.hal.openwrt.UciConfig;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Ipv6RouteState;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The WAN side's parsers, on the fixtures' files and recorded command outputs. */
class WanParsersTest {

    private static final Path DEBIAN = RecordedCommands.fixture("debian-box");
    private static final Path OPENWRT = RecordedCommands.fixture("openwrt-router");

    private static String text(Path root, String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    @Test
    void ip_route_json_gives_the_unicast_routes_of_the_main_table_with_their_origin() throws IOException {
        List<IpRoutes.IpRoute> raw = IpRoutes.parse("v4",
                text(DEBIAN, "commands/ip -j -4 route show table main.txt")).value();
        List<Ipv4RouteState> routes = IpRoutes.ipv4(raw, UnaryOperator.identity());
        assertEquals(List.of(
                new Ipv4RouteState("0.0.0.0", 0, "198.51.100.1", "enp1s0", Ipv4RouteState.Origin.DHCPV4, 100, false),
                new Ipv4RouteState("10.20.0.0", 16, "192.168.10.254", "enp2s0", Ipv4RouteState.Origin.STATIC, 0, true),
                new Ipv4RouteState("198.51.100.0", 24, "", "enp1s0", Ipv4RouteState.Origin.STATIC, 100, false),
                new Ipv4RouteState("198.51.100.1", 32, "", "enp1s0", Ipv4RouteState.Origin.DHCPV4, 100, false),
                new Ipv4RouteState("192.168.10.0", 24, "", "enp2s0", Ipv4RouteState.Origin.STATIC, 0, false)),
                routes, "the blackhole route is left out");
        assertEquals("255.255.0.0", routes.get(1).subnetMask());
        assertEquals("0.0.0.0", routes.get(0).subnetMask());
        assertEquals(routes.get(0), IpRoutes.bestDefault(routes).orElseThrow());
        assertEquals(Map.of("enp1s0", Set.of("198.51.100.23"), "enp2s0", Set.of("192.168.10.1")),
                IpRoutes.sourceAddresses(raw));

        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        List<Ipv6RouteState> v6 = IpRoutes.ipv6(IpRoutes.parse("v6",
                text(DEBIAN, "commands/ip -j -6 route show table main.txt")).value(), UnaryOperator.identity(), now);
        assertEquals(5, v6.size());
        assertEquals(new Ipv6RouteState("::/0", "fe80::1", "enp1s0", Ipv6RouteState.Origin.RA, 1024,
                Optional.of(now.plusSeconds(1786))), v6.get(4));
        assertEquals(new Ipv6RouteState("fd00:10::/64", "", "enp2s0", Ipv6RouteState.Origin.STATIC, 256,
                Optional.empty()), v6.get(1));
        assertFalse(IpRoutes.parse("v4", "not json").isOk());
        assertEquals(List.of(), IpRoutes.parse("v4", "").value(), "no output is no route");
    }

    @Test
    void a_ppp_route_is_ipcp_and_not_static() {
        List<IpRoutes.IpRoute> raw = IpRoutes.parse("v4",
                "[{\"dst\":\"default\",\"dev\":\"ppp0\",\"scope\":\"link\",\"flags\":[]}]").value();
        assertEquals(List.of(new Ipv4RouteState("0.0.0.0", 0, "", "ppp0", Ipv4RouteState.Origin.IPCP, 0, false)),
                IpRoutes.ipv4(raw, UnaryOperator.identity()));
    }

    @Test
    void dhclient_leases_keep_the_last_lease_of_each_interface() {
        String file = """
                lease {
                  interface "eth0";
                  fixed-address 10.0.0.5;
                  option subnet-mask 255.255.255.0;
                  option routers 10.0.0.1;
                  option domain-name-servers 10.0.0.1,10.0.0.2;
                  option dhcp-server-identifier 10.0.0.1;
                  expire 3 2026/11/18 10:00:00;
                }
                lease {
                  interface "eth0";
                  fixed-address 10.0.0.6;
                  option subnet-mask 255.255.255.0;
                  option routers 10.0.0.1;
                  option domain-name-servers 10.0.0.1;
                  expire epoch 1795000000; # Sat Nov 18 ...
                }
                lease {
                  interface "wwan0";
                  fixed-address 100.64.0.9;
                  expire never;
                }
                lease {
                  interface "broken";
                  fixed-address not-an-address;
                }
                """;
        Map<String, DhcpLeases.Lease> leases = DhcpLeases.dhclient(file);
        assertEquals(Set.of("eth0", "wwan0"), leases.keySet());
        DhcpLeases.Lease eth0 = leases.get("eth0");
        assertEquals("10.0.0.6", eth0.address());
        assertEquals(List.of("10.0.0.1"), eth0.dnsServers());
        assertEquals(Optional.of(Instant.ofEpochSecond(1795000000)), eth0.expires());
        assertEquals(Optional.of(Instant.MAX), leases.get("wwan0").expires());
        assertTrue(leases.get("wwan0").validAt(Instant.now()));

        DhcpLeases.Lease stale = DhcpLeases.dhclient(text(DEBIAN_LEASE)).get("enp2s0");
        assertEquals(Optional.of(Instant.parse("2025-03-04T14:00:00Z")), stale.expires());
        assertEquals(List.of("192.168.10.254"), stale.routers());
        assertEquals("192.168.10.254", stale.server());
    }

    private static final String DEBIAN_LEASE = "var/lib/dhcp/dhclient.enp2s0.leases";

    private static String text(String path) {
        try {
            return text(DEBIAN, path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_networkd_lease_ends_its_lifetime_after_it_was_written() {
        Instant written = Instant.parse("2026-11-21T11:30:00Z");
        DhcpLeases.Lease lease = DhcpLeases.networkd(text("run/systemd/netif/leases/2"), "enp1s0",
                Optional.of(written)).orElseThrow();
        assertEquals(new DhcpLeases.Lease("enp1s0", "198.51.100.23", "255.255.255.0", List.of("198.51.100.1"),
                List.of("198.51.100.53", "198.51.100.54"), "198.51.100.2", Optional.of(written.plusSeconds(86400))), lease);
        assertEquals(Optional.empty(), DhcpLeases.networkd(text("run/systemd/netif/leases/2"), "enp1s0",
                Optional.empty()).orElseThrow().expires(), "without the file's time, the end is not known");
        assertTrue(DhcpLeases.networkd("# nothing\n", "enp1s0", Optional.of(written)).isEmpty());
    }

    @Test
    void resolv_conf_gives_the_servers_with_zones_and_openwrt_interfaces() throws IOException {
        assertEquals(List.of(new ResolvConf.Nameserver("198.51.100.53", "", ""),
                        new ResolvConf.Nameserver("198.51.100.54", "", ""),
                        new ResolvConf.Nameserver("fe80::1", "enp1s0", ""),
                        new ResolvConf.Nameserver("9.9.9.9", "", "")),
                ResolvConf.parse(text(DEBIAN, "run/systemd/resolve/resolv.conf")));
        assertEquals(List.of(new ResolvConf.Nameserver("203.0.113.53", "", "wan"),
                        new ResolvConf.Nameserver("198.51.100.53", "", "wan"),
                        new ResolvConf.Nameserver("2001:db8:100::53", "", "wan6")),
                ResolvConf.parse(text(OPENWRT, "tmp/resolv.conf.d/resolv.conf.auto")));
        assertEquals(List.of(), ResolvConf.parse("nameserver\nnameserver nonsense\n# nameserver 1.1.1.1\n"));
    }

    @Test
    void pppoe_session_numbers_are_read_in_the_hosts_byte_order() {
        String proc = "Id       Address              Device\n00003412 00:11:22:33:44:55     eth1\n";
        assertEquals(Map.of("eth1", 0x1234), PppoeSessions.byDevice(proc, ByteOrder.LITTLE_ENDIAN));
        assertEquals(Map.of("eth1", 0x3412), PppoeSessions.byDevice(proc, ByteOrder.BIG_ENDIAN));
        assertEquals(Map.of(), PppoeSessions.byDevice("Id       Address              Device\n", ByteOrder.BIG_ENDIAN));
    }

    @Test
    void proc_routes_are_read_without_iproute2() throws IOException {
        assertEquals(List.of(new ProcRoutes.Ipv4Route("0.0.0.0", 0, "203.0.113.1", "wan", 0),
                        new ProcRoutes.Ipv4Route("203.0.113.0", 24, "", "wan", 0),
                        new ProcRoutes.Ipv4Route("192.168.1.0", 24, "", "br-lan", 0)),
                ProcRoutes.ipv4(text(OPENWRT, "proc/net/route"), ByteOrder.LITTLE_ENDIAN));
        List<ProcRoutes.Ipv6Route> v6 = ProcRoutes.ipv6(text(OPENWRT, "proc/net/ipv6_route"));
        assertEquals(List.of(new ProcRoutes.Ipv6Route("::/0", "fe80::1", "wan", 512, false),
                        new ProcRoutes.Ipv6Route("2001:db8:4a00:10::/64", "", "br-lan", 1024, false),
                        new ProcRoutes.Ipv6Route("fd4e:21a0:77c1::/64", "", "br-lan", 1024, false),
                        new ProcRoutes.Ipv6Route("fe80::/64", "", "wan", 256, false),
                        new ProcRoutes.Ipv6Route("fe80::/64", "", "br-lan", 256, false)),
                v6, "local, loopback and multicast routes are left out");
    }

    @Test
    void uci_sections_are_read_with_quotes_lists_and_unnamed_sections() throws IOException {
        UciConfig network = UciConfig.parse(text(OPENWRT, "etc/config/network"));
        UciConfig.Section ppp = network.section("wanppp").orElseThrow();
        assertEquals("interface", ppp.type());
        assertEquals(Optional.of("home1234@isp.example"), ppp.option("username"));
        assertEquals(Optional.of(false), ppp.bool("auto"));
        assertEquals(List.of("lan1", "lan2", "lan3", "lan4"), network.section("@device[0]").orElseThrow().list("ports"));
        assertEquals(List.of("loopback", "lan", "wan", "wan6", "wanppp"),
                network.ofType("interface").stream().map(UciConfig.Section::name).toList());
        assertEquals(List.of("option", "name", "a b # c"), words("option name \"a b # c\" # comment"));
    }

    private static List<String> words(String line) {
        return UciConfig.parse("config x 'y'\n" + line).section("y").map(s -> List.of("option", "name",
                s.option("name").orElse(""))).orElseThrow();
    }

    @Test
    void ubus_dump_gives_each_logical_interface() throws IOException {
        List<UbusWanInterfaces.Interface> all = UbusWanInterfaces.parse("dump",
                text(OPENWRT, "commands/ubus call network.interface dump.txt")).value();
        assertEquals(List.of("lan", "loopback", "wan", "wan6", "wanppp"),
                all.stream().map(UbusWanInterfaces.Interface::name).toList());
        UbusWanInterfaces.Interface wan = all.get(2);
        assertTrue(wan.up());
        assertEquals("dhcp", wan.proto());
        assertEquals("wan", wan.l3Device());
        assertEquals(86012, wan.uptimeSeconds());
        assertEquals(List.of(new UbusWanInterfaces.Address("203.0.113.45", 24, "")), wan.ipv4());
        assertEquals(List.of(new UbusWanInterfaces.Route("0.0.0.0", 0, "203.0.113.1")), wan.routes());
        assertEquals(List.of("203.0.113.53", "198.51.100.53"), wan.dnsServers());
        assertEquals(Optional.of(86400L), wan.leaseSeconds());
        assertEquals("203.0.113.1", wan.dhcpServer());
        UbusWanInterfaces.Interface ppp = all.get(4);
        assertTrue(ppp.ppp());
        assertFalse(ppp.up());
        assertFalse(ppp.autostart());
        assertEquals("", ppp.l3Device());
        assertFalse(UbusWanInterfaces.parse("dump", "[]").isOk());
    }
}

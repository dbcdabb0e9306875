package dev.demarc.hal.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.hal.FixtureTrees;
import dev.demarc.hal.linux.DnsmasqConf;
import dev.demarc.hal.linux.DnsmasqLeases;
import dev.demarc.hal.linux.LanConfig;
import dev.demarc.hal.linux.LanHosts;
import dev.demarc.hal.linux.LinuxLanConfig;
import dev.demarc.hal.linux.LinuxTime;
import dev.demarc.hal.linux.Neighbour;
import dev.demarc.hal.openwrt.OpenWrtLan;
import dev.demarc.hal.openwrt.OpenWrtNat;
import dev.demarc.hal.openwrt.OpenWrtTime;
import dev.demarc.hal.openwrt.UciPackage;
import dev.demarc.tr181.platform.DhcpLease;
import dev.demarc.tr181.platform.DhcpPool;
import dev.demarc.tr181.platform.LanHost;
import dev.demarc.tr181.platform.NtpClient;
import dev.demarc.tr181.platform.NtpClient.NtpStatus;
import dev.demarc.tr181.platform.PortMapping;
import dev.demarc.tr181.platform.TimeSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The LAN, NAT and time parsers on the fixture trees of an OpenWrt router and a Debian gateway. */
class LanParsersTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static UciPackage openwrt(String pkg) {
        return UciPackage.parse(pkg, Fixtures.text(Fixtures.OPENWRT, "/etc/config/" + pkg));
    }

    // ------------------------------------------------------------------ uci

    @Test
    void a_uci_file_reads_as_sections_anonymous_ones_named_by_their_content() {
        UciPackage firewall = openwrt("firewall");
        assertEquals(List.of("defaults", "zone", "zone", "forwarding", "rule", "redirect", "redirect"),
                firewall.sections().stream().map(UciPackage.Section::type).toList());
        UciPackage.Section nas = firewall.ofType("redirect").get(0);
        assertTrue(nas.anonymous());
        assertTrue(nas.id().matches("redirect_[0-9a-f]{8}"), nas.id());
        assertEquals("firewall.@redirect[0]", firewall.address(nas));
        assertEquals("NAS web", nas.get("name").get());
        UciPackage.Section game = firewall.section("game").get();
        assertFalse(game.anonymous());
        assertEquals("firewall.game", firewall.address(game));
        assertEquals(List.of("wan", "wan6"), firewall.ofType("zone").get(1).list("network"));
        assertEquals(nas.id(), openwrt("firewall").ofType("redirect").get(0).id(), "the same content, the same id");
    }

    @Test
    void uci_values_may_be_quoted_every_way_uci_writes_them() {
        UciPackage p = UciPackage.parse("test", """
                config thing 'a'   # a comment
                \toption plain word
                \toption single 'two words'
                \toption double "say \\"hi\\""
                \toption joined 'it'\\''s'
                \tlist many 'x'
                \tlist many "y"
                config broken
                \toption
                """);
        UciPackage.Section a = p.section("a").get();
        assertEquals("word", a.get("plain").get());
        assertEquals("two words", a.get("single").get());
        assertEquals("say \"hi\"", a.get("double").get());
        assertEquals("it's", a.get("joined").get());
        assertEquals(List.of("x", "y"), a.list("many"));
        assertEquals(2, p.sections().size());
    }

    // ------------------------------------------------------------------ OpenWrt

    @Test
    void openwrt_redirects_are_port_mappings() {
        List<PortMapping> mappings = OpenWrtNat.portMappings(openwrt("firewall"));
        String nasKey = openwrt("firewall").ofType("redirect").get(0).id();
        assertEquals(List.of(
                PortMapping.builder(nasKey).enable(true).ipInterface("wan").externalPort(8443).internalPort(443)
                        .protocol(PortMapping.Protocol.TCP).internalClient("192.168.1.20").description("NAS web").build(),
                PortMapping.builder("game").enable(false).ipInterface("wan").externalPort(27015)
                        .externalPortEndRange(27030).protocol(PortMapping.Protocol.UDP).internalClient("192.168.1.30")
                        .description("Game server").build()), mappings);
    }

    @Test
    void a_redirect_for_tcp_and_udp_is_two_mappings_and_snat_is_none() {
        UciPackage firewall = UciPackage.parse("firewall", """
                config redirect 'both'
                \toption src 'wan'
                \toption src_dport '53'
                \toption dest_ip '192.168.1.2'
                config redirect 'snat'
                \toption target 'SNAT'
                \toption src_ip '192.168.1.0/24'
                config redirect 'ranged'
                \toption src_ip '!10.0.0.1'
                \toption proto 'tcp'
                """);
        assertEquals(List.of("both/tcp", "both/udp"),
                OpenWrtNat.portMappings(firewall).stream().map(PortMapping::key).toList());
    }

    @Test
    void openwrt_dhcp_pools_come_from_the_dhcp_and_network_files() {
        LanConfig config = OpenWrtLan.config(openwrt("network"), openwrt("dhcp"), openwrt("firewall"));
        assertTrue(config.dhcpServerEnable());
        assertEquals(List.of(DhcpPool.builder("lan", 1).enable(true).ipInterface("lan").minAddress("192.168.1.100")
                .maxAddress("192.168.1.249").subnetMask("255.255.255.0").dnsServers(List.of("192.168.1.1", "9.9.9.9"))
                .domainName("lan").ipRouters(List.of("192.168.1.1")).leaseTime(43200).build()), config.pools());
        assertEquals("lan", config.ipInterfaceOf("br-lan"));
        assertEquals("wan", config.ipInterfaceOf("wan"));
        assertEquals("", config.ipInterfaceOf("eth9"), "an OpenWrt device no interface names is not known");
        assertEquals(Set.of("lo", "wan"), config.excludedDevices());
    }

    @Test
    void openwrt_leases_are_read_and_given_their_pool() {
        List<DhcpPool> pools = OpenWrtLan.config(openwrt("network"), openwrt("dhcp"), openwrt("firewall")).pools();
        List<DhcpLease> leases = DnsmasqLeases.parse(Fixtures.text(Fixtures.OPENWRT, DnsmasqLeases.OPENWRT_FILE), pools);
        assertEquals(List.of(
                new DhcpLease("3c:22:fb:10:20:30", "192.168.1.20", "nas", Instant.parse("2100-01-01T00:00:00Z"), "lan"),
                new DhcpLease("a4:83:e7:4b:5c:6d", "192.168.1.153", "iPhone-Anna", Instant.parse("2100-01-01T00:00:00Z"), "lan"),
                new DhcpLease("b8:27:eb:aa:bb:cc", "192.168.1.30", "raspberrypi", DhcpLease.INFINITE, "lan")), leases);
    }

    @Test
    void openwrt_hosts_are_the_lan_neighbours_and_leases_with_their_ports() {
        LanConfig config = OpenWrtLan.config(openwrt("network"), openwrt("dhcp"), openwrt("firewall"));
        List<DhcpLease> leases = DnsmasqLeases.parse(Fixtures.text(Fixtures.OPENWRT, DnsmasqLeases.OPENWRT_FILE), config.pools());
        List<Neighbour> neighbours = Neighbour.parseJson(Fixtures.text(Fixtures.OPENWRT, "/commands/ip -j neigh.txt")).value();
        Map<String, String> fdb = LanHosts.parseFdb(
                Fixtures.text(Fixtures.OPENWRT, "/commands/bridge -j fdb show br br-lan.txt"), "br-lan").value();
        assertEquals(Map.of("3c:22:fb:10:20:30", "lan2", "a4:83:e7:4b:5c:6d", "phy0-ap0", "b8:27:eb:aa:bb:cc", "lan3"), fdb);
        LanHosts.DeviceKinds kinds = new LanHosts.DeviceKinds(Set.of("br-lan"), Set.of("phy0-ap0"));

        List<LanHost> hosts = LanHosts.assemble(neighbours, leases, config, kinds, fdb, null, NOW);

        assertEquals(List.of(
                new LanHost("3c:22:fb:10:20:30", "nas", List.of("192.168.1.20"), List.of("fd4c:9a21:7e05::5a1"), "lan",
                        "lan2", LanHost.LinkKind.ETHERNET, true, LanHost.UNKNOWN_TIME, "lan"),
                new LanHost("a4:83:e7:4b:5c:6d", "iPhone-Anna", List.of("192.168.1.153"), List.of(), "lan",
                        "phy0-ap0", LanHost.LinkKind.WIFI, true, LanHost.UNKNOWN_TIME, "lan"),
                new LanHost("b8:27:eb:aa:bb:cc", "raspberrypi", List.of("192.168.1.30"), List.of(), "lan",
                        "lan3", LanHost.LinkKind.ETHERNET, false, LanHost.UNKNOWN_TIME, "lan")), hosts);

        // The next table dates what changed: the Pi answers again, the phone is gone from the neighbours.
        Map<String, LanHost> previous = Map.of(hosts.get(0).physAddress(), hosts.get(0),
                hosts.get(1).physAddress(), hosts.get(1), hosts.get(2).physAddress(), hosts.get(2));
        List<Neighbour> later = List.of(new Neighbour("192.168.1.30", "br-lan", "b8:27:eb:aa:bb:cc", "REACHABLE"),
                new Neighbour("192.168.1.20", "br-lan", "3c:22:fb:10:20:30", "REACHABLE"));
        List<LanHost> next = LanHosts.assemble(later, leases, config, kinds, fdb, previous, NOW.plusSeconds(60));
        assertEquals(LanHost.UNKNOWN_TIME, next.get(0).activeLastChange());
        assertEquals(NOW.plusSeconds(60), next.get(1).activeLastChange(), "the phone went inactive");
        assertFalse(next.get(1).active());
        assertEquals(NOW.plusSeconds(60), next.get(2).activeLastChange(), "the Pi came back");
    }

    @Test
    void openwrt_time_is_the_system_file() {
        TimeSnapshot t = OpenWrtTime.snapshot(openwrt("system"));
        assertEquals(new TimeSnapshot(true, NtpStatus.UNSYNCHRONIZED, "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Paris",
                List.of(new NtpClient("ntp", true, NtpStatus.UNSYNCHRONIZED, List.of("0.openwrt.pool.ntp.org",
                        "1.openwrt.pool.ntp.org", "2.openwrt.pool.ntp.org", "3.openwrt.pool.ntp.org")))), t);
        assertEquals(ZoneId.of("Europe/Paris"), t.zone());
    }

    // ------------------------------------------------------------------ the neighbour monitor

    @Test
    void monitor_lines_are_read_in_text_and_json() {
        assertEquals(new Neighbour.Event(new Neighbour("10.99.0.2", "lanvt0", "02:00:00:00:00:02", "REACHABLE"), false),
                Neighbour.parseMonitorLine("10.99.0.2 dev lanvt0 lladdr 02:00:00:00:00:02 REACHABLE ").get());
        assertEquals(new Neighbour.Event(new Neighbour("10.99.0.2", "lanvt0", "", "FAILED"), true),
                Neighbour.parseMonitorLine("Deleted 10.99.0.2 dev lanvt0 FAILED").get());
        assertEquals(new Neighbour.Event(new Neighbour("fe80::1", "br-lan", "aa:bb:cc:dd:ee:ff", "STALE"), false),
                Neighbour.parseMonitorLine("fe80::1 dev br-lan lladdr AA:BB:CC:DD:EE:FF router STALE").get());
        assertEquals(new Neighbour.Event(new Neighbour("192.168.1.7", "br-lan", "aa:bb:cc:dd:ee:01", "DELAY"), true),
                Neighbour.parseMonitorLine("{\"deleted\":true,\"dst\":\"192.168.1.7\",\"dev\":\"br-lan\","
                        + "\"lladdr\":\"aa:bb:cc:dd:ee:01\",\"state\":[\"DELAY\"]}").get());
        assertTrue(Neighbour.parseMonitorLine("garbage").isEmpty());
    }

    // ------------------------------------------------------------------ Debian

    @Test
    void debian_pools_come_from_dnsmasq_conf() {
        LanConfig config = LinuxLanConfig.read(FixtureTrees.files(Fixtures.DEBIAN));
        assertEquals(List.of(DhcpPool.builder("range1", 1).enable(true).ipInterface("enp2s0").minAddress("192.168.10.50")
                .maxAddress("192.168.10.150").subnetMask("255.255.255.0").dnsServers(List.of("192.168.10.1", "192.168.10.2"))
                .domainName("office.lan").ipRouters(List.of("192.168.10.1")).leaseTime(43200).build()), config.pools());
        assertEquals(Set.of("lo", "enp1s0"), config.excludedDevices(), "a router's upstream is not its LAN");
        assertEquals("enp2s0", config.ipInterfaceOf("enp2s0"));
    }

    @Test
    void dnsmasq_ranges_read_in_their_several_forms() {
        List<DhcpPool> pools = DnsmasqConf.pools(List.of("""
                dhcp-range=set:guest,10.0.0.10,10.0.0.20,infinite
                dhcp-range=lan,192.168.5.100,static,255.255.255.0,30m
                dhcp-range=::1,::400,constructor:eth0
                """));
        assertEquals(List.of("10.0.0.10-10.0.0.20 -1", "192.168.5.100-192.168.5.100 1800"),
                pools.stream().map(p -> p.minAddress() + "-" + p.maxAddress() + " " + p.leaseTime()).toList());
    }

    @Test
    void debian_leases_skip_dhcpv6() {
        List<DhcpPool> pools = LinuxLanConfig.read(FixtureTrees.files(Fixtures.DEBIAN)).pools();
        List<DhcpLease> leases = DnsmasqLeases.parse(Fixtures.text(Fixtures.DEBIAN, DnsmasqLeases.DEBIAN_FILE), pools);
        assertEquals(List.of("00:1b:21:3a:4f:5e 192.168.10.51 printer-2f range1",
                "f0:de:f1:12:34:56 192.168.10.77 thinkpad-jo range1"),
                leases.stream().map(l -> l.chaddr() + " " + l.ipAddress() + " " + l.hostName() + " " + l.pool()).toList());
    }

    @Test
    void debian_time_is_the_zone_file_and_timesyncd() {
        TimeSnapshot t = LinuxTime.read(FixtureTrees.files(Fixtures.DEBIAN), new FixtureCommands(FixtureTrees.tree(Fixtures.DEBIAN)));
        assertEquals(new TimeSnapshot(true, NtpStatus.SYNCHRONIZED, "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Berlin",
                List.of(new NtpClient("timesyncd", true, NtpStatus.SYNCHRONIZED,
                        List.of("ntp1.office.example", "ntp2.office.example")))), t);
    }

    @Test
    void a_posix_tz_without_summer_time_gives_a_fixed_offset() {
        assertEquals(ZoneOffset.ofHours(3), new TimeSnapshot(false, NtpStatus.DISABLED, "<+03>-3", "", List.of()).zone());
        assertEquals(ZoneOffset.UTC, new TimeSnapshot(false, NtpStatus.DISABLED, "UTC0", "", List.of()).zone());
        assertEquals(ZoneOffset.ofHoursMinutes(-3, -30),
                new TimeSnapshot(false, NtpStatus.DISABLED, "NST3:30", "Not/AZone", List.of()).zone());
        assertEquals(ZoneOffset.UTC, new TimeSnapshot(false, NtpStatus.DISABLED, "CET-1CEST,M3.5.0,M10.5.0/3", "", List.of()).zone(),
                "a rule with summer time and no zone name: UTC rather than a wrong offset half the year");
    }

    @Test
    void the_tzif_footer_is_the_posix_tz() {
        assertEquals("CET-1CEST,M3.5.0,M10.5.0/3", LinuxTime.tzifFooter(Fixtures.text(Fixtures.DEBIAN, "/etc/localtime")).get());
        assertTrue(LinuxTime.tzifFooter("TZif\0\0\0").isEmpty(), "version 1 has no footer");
        assertTrue(LinuxTime.tzifFooter("not a zone file\n").isEmpty());
    }
}

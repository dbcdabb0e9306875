package dev.demarc.hal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.IpAddrJson;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.hal.linux.ProcRoutes;
import dev.demarc.tr181.platform.Duplex;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv4Address;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Ipv6Prefix;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generic Linux network on the Debian box's fixtures: {@code ip -j}, sysfs, /proc/net routes. */
class LinuxNetworkFixtureTest {

    private static final Path BOX = FixtureCommands.fixture("debian-box");
    private final FixtureCommands commands = new FixtureCommands(BOX)
            .accept("ip link set dev enp2s0 down").accept("ip link set dev enp2s0 up");
    private final LinuxPlatform platform = new LinuxPlatform(new SystemFiles(BOX), commands);

    @AfterEach
    void close() {
        platform.close();
    }

    /** The commands the network part ran: the platform's WAN and LAN parts read their own sources. */
    private List<String> networkCommands() {
        return commands.ranForNetwork().stream().filter(c -> !c.contains(" route show ")).toList();
    }

    @Test
    void links_are_read_from_one_ip_command_and_sysfs() {
        NetworkSnapshot s = platform.network().snapshot();
        assertEquals(List.of("lo", "enp1s0", "enp2s0"), s.links().stream().map(Link::name).toList());
        assertEquals(List.of("ip -j -d -s addr show"), networkCommands(), "one command per read");
        Link wan = s.link("enp1s0").orElseThrow();
        assertEquals(LinkKind.ETHERNET, wan.kind());
        assertEquals("52:54:00:12:34:01", wan.macAddress());
        assertTrue(wan.adminUp() && wan.carrier());
        assertEquals(OperState.UP, wan.operState());
        assertEquals(1000, wan.speedMbps());
        assertEquals(Duplex.FULL, wan.duplex());
        assertTrue(wan.upstream(), "the default routes are on enp1s0");
        assertFalse(s.link("enp2s0").orElseThrow().upstream());
        assertEquals(9876543210L, wan.stats().bytesReceived());
        assertEquals(1234567890L, wan.stats().bytesSent());
        assertEquals(120, wan.stats().discardsReceived());
        assertEquals(4521, wan.stats().multicastReceived());
        assertEquals(List.of(new Ipv4Address("198.51.100.23", 24, Ipv4Address.Origin.DHCP)), wan.ipv4());
        Ipv6Address slaac = wan.ipv6().get(0);
        assertEquals("2001:db8:51:0:5054:ff:fe12:3401", slaac.address());
        assertEquals(Ipv6Address.Origin.AUTOCONFIGURED, slaac.origin());
        assertEquals(Ipv6Address.State.PREFERRED, slaac.state());
        assertTrue(slaac.validUntil().isAfter(Instant.now().plusSeconds(86000)));
        assertEquals(Ipv6Address.Origin.WELL_KNOWN, wan.ipv6().get(1).origin());
        Link lo = s.link("lo").orElseThrow();
        assertEquals(LinkKind.LOOPBACK, lo.kind());
        assertEquals(-1, lo.speedMbps());
    }

    @Test
    void every_netdev_that_is_no_bridge_member_is_an_ip_interface() {
        NetworkSnapshot s = platform.network().snapshot();
        assertEquals(List.of("lo", "enp1s0", "enp2s0"), s.ipInterfaces().stream().map(IpInterface::name).toList());
        IpInterface lo = s.ipInterface("lo").orElseThrow();
        assertEquals(IpInterface.Type.LOOPBACK, lo.type());
        assertEquals(OperState.UP, lo.status(), "the loopback is up with operstate UNKNOWN and LOWER_UP");
        IpInterface lan = s.ipInterface("enp2s0").orElseThrow();
        assertEquals(List.of(new Ipv6Prefix("fd00:10::/64", Ipv6Prefix.Origin.STATIC, NetworkSnapshot.INFINITE,
                NetworkSnapshot.INFINITE)), lan.ipv6Prefixes());
        assertEquals(Ipv6Prefix.Origin.ROUTER_ADVERTISEMENT,
                s.ipInterface("enp1s0").orElseThrow().ipv6Prefixes().get(0).origin());
    }

    @Test
    void default_routes_come_from_proc_and_skip_the_unreachable_one_on_lo() {
        SystemFiles files = new SystemFiles(BOX);
        assertEquals(Set.of("enp1s0"), ProcRoutes.ipv4Defaults(files.read("/proc/net/route").orElseThrow()));
        assertEquals(Set.of("enp1s0"), ProcRoutes.ipv6Defaults(files.read("/proc/net/ipv6_route").orElseThrow()));
    }

    @Test
    void ip_json_that_is_not_a_list_of_links_is_an_error_and_odd_links_are_left_out() {
        assertFalse(IpAddrJson.parse("{\"not\": \"a list\"}", Instant.now()).isOk());
        List<Link> links = IpAddrJson.parse("[{\"ifname\": \"\"}, {\"ifindex\": 5, \"ifname\": \"wg0\", "
                + "\"link_type\": \"none\", \"flags\": [\"UP\"], \"operstate\": \"UNKNOWN\", "
                + "\"linkinfo\": {\"info_kind\": \"wireguard\"}}]", Instant.now()).value();
        assertEquals(1, links.size());
        assertEquals(LinkKind.OTHER, links.get(0).kind());
        assertEquals("", links.get(0).macAddress());
    }

    @Test
    void the_tr181_interfaces_of_the_box() {
        NetworkModel m = new NetworkModel(platform);
        String wan = m.one("Device.IP.Interface.[Name==\"enp1s0\"].");
        assertEquals("Up", m.read(wan + "Status"));
        assertEquals("Normal", m.read(wan + "Type"));
        assertEquals("Loopback", m.read(m.one("Device.IP.Interface.[Name==\"lo\"].") + "Type"));
        assertEquals("", m.read(m.one("Device.IP.Interface.[Name==\"lo\"].") + "LowerLayers"));
        String link = m.read(wan + "LowerLayers");
        assertEquals("enp1s0", m.read(link + ".Name"));
        assertTrue(link.startsWith("Device.Ethernet.Link."));
        String port = m.read(link + ".LowerLayers");
        assertTrue(port.startsWith("Device.Ethernet.Interface."));
        assertEquals("true", m.read(port + ".Upstream"));
        assertEquals("1000", m.read(port + ".CurrentBitRate"));
        assertEquals("Full", m.read(port + ".CurrentDuplexMode"));
        assertEquals("52:54:00:12:34:01", m.read(port + ".MACAddress"));
        assertEquals("9876543210", m.read(port + ".Stats.BytesReceived"));
        assertEquals("9876543210", m.read(wan + "Stats.BytesReceived"));
        assertEquals("2", m.read("Device.Ethernet.InterfaceNumberOfEntries"));
        assertEquals("3", m.read("Device.IP.InterfaceNumberOfEntries"));
        assertEquals("1", m.read(wan + "IPv4AddressNumberOfEntries"));
        assertEquals("DHCP", m.read(wan + "IPv4Address.1.AddressingType"));
        assertEquals("255.255.255.0", m.read(wan + "IPv4Address.1.SubnetMask"));
        String v6 = m.one(wan + "IPv6Address.[IPAddress==\"2001:db8:51:0:5054:ff:fe12:3401\"].");
        assertEquals("AutoConfigured", m.read(v6 + "Origin"));
        String prefix = m.read(v6 + "Prefix");
        assertEquals("2001:db8:51::/64", m.read(prefix + ".Prefix"));
        assertEquals("RouterAdvertisement", m.read(prefix + ".Origin"));
        assertEquals("Preferred", m.read(prefix + ".PrefixStatus"));
        assertEquals("0", m.read("Device.Bridging.BridgeNumberOfEntries"));
        assertEquals(List.of("ip -j -d -s addr show"), networkCommands(), "the model reads the snapshot, not the box");
        // IP.Interface enp1s0 -> Ethernet.Link enp1s0 -> Ethernet.Interface enp1s0, and the same for enp2s0.
        assertEquals("4", m.read("Device.InterfaceStackNumberOfEntries"));
    }

    @Test
    void enable_is_applied_with_ip_link_set() {
        NetworkModel m = new NetworkModel(platform);
        String lan = m.one("Device.IP.Interface.[Name==\"enp2s0\"].");
        assertTrue(m.set(lan + "Enable", "false").isEmpty());
        assertEquals(List.of("ip link set dev enp2s0 down"), commands.writes());
        assertEquals("false", m.read(lan + "Enable"));
    }
}

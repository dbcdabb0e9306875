package dev.demarc.hal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.openwrt.OpenWrtPlatform;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv4Address;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Ipv6Prefix;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenWrt network on the router's fixtures: sysfs links and netifd's logical interfaces. */
class OpenWrtNetworkFixtureTest {

    private static final Path ROUTER = FixtureCommands.fixture("openwrt-router");
    private final FixtureCommands commands = new FixtureCommands(ROUTER);
    private final OpenWrtPlatform platform = new OpenWrtPlatform(new SystemFiles(ROUTER), commands);

    @AfterEach
    void close() {
        platform.close();
    }

    @Test
    void links_come_from_sysfs() {
        NetworkSnapshot s = platform.network().snapshot();
        assertEquals(List.of("br-lan", "eth0", "lan1", "lan2", "lan3", "lan4", "lo", "phy0-ap0", "phy1-ap0", "wan"),
                s.links().stream().map(Link::name).toList());
        Link lan1 = s.link("lan1").orElseThrow();
        assertEquals(LinkKind.ETHERNET, lan1.kind());
        assertEquals("br-lan", lan1.master());
        assertEquals("eth0", lan1.lowerDevice(), "a DSA port sits on its conduit");
        assertEquals(1000, lan1.speedMbps());
        assertEquals(21234567890L, lan1.stats().bytesSent());
        assertEquals(LinkKind.BRIDGE, s.link("br-lan").orElseThrow().kind());
        assertEquals(LinkKind.WIFI, s.link("phy0-ap0").orElseThrow().kind());
        assertEquals("br-lan", s.link("phy0-ap0").orElseThrow().master());
        assertEquals(LinkKind.LOOPBACK, s.link("lo").orElseThrow().kind());
        Link lan3 = s.link("lan3").orElseThrow();
        assertTrue(lan3.adminUp());
        assertFalse(lan3.carrier());
        assertEquals(-1, lan3.speedMbps());
        assertFalse(s.link("lan4").orElseThrow().adminUp());
        assertEquals(List.of("lan1", "lan2", "lan3", "lan4", "phy0-ap0"),
                s.members("br-lan").stream().map(Link::name).toList());
        assertTrue(s.link("wan").orElseThrow().upstream(), "wan and wan6 hold the default routes");
        assertFalse(s.link("br-lan").orElseThrow().upstream());
        assertEquals(List.of(new Ipv4Address("203.0.113.45", 24, Ipv4Address.Origin.DHCP)),
                s.link("wan").orElseThrow().ipv4(), "the link has the addresses of the interfaces on it");
    }

    @Test
    void ip_interfaces_are_netifds_logical_interfaces() {
        NetworkSnapshot s = platform.network().snapshot();
        assertEquals(List.of("lan", "loopback", "wan", "wan6", "wanppp"),
                s.ipInterfaces().stream().map(IpInterface::name).toList());
        IpInterface wan = s.ipInterface("wan").orElseThrow();
        assertTrue(wan.enabled());
        assertEquals(OperState.UP, wan.status());
        assertEquals("wan", wan.device());
        assertEquals("dhcp", wan.proto());
        IpInterface lan = s.ipInterface("lan").orElseThrow();
        assertEquals("br-lan", lan.device());
        assertEquals(List.of("2001:db8:4a00:10::/64", "fd4e:21a0:77c1::/64"),
                lan.ipv6Prefixes().stream().map(Ipv6Prefix::prefix).toList());
        assertEquals(Ipv6Prefix.Origin.CHILD, lan.ipv6Prefixes().get(0).origin());
        assertEquals(List.of("2001:db8:4a00:10::1", "fd4e:21a0:77c1::1"),
                lan.ipv6().stream().map(Ipv6Address::address).toList());
        IpInterface wan6 = s.ipInterface("wan6").orElseThrow();
        assertEquals(Ipv6Address.Origin.DHCPV6, wan6.ipv6().get(0).origin());
        assertEquals(Ipv6Prefix.Origin.PREFIX_DELEGATION, wan6.ipv6Prefixes().get(0).origin());
        assertEquals("2001:db8:4a00::/56", wan6.ipv6Prefixes().get(0).prefix());
        IpInterface ppp = s.ipInterface("wanppp").orElseThrow();
        assertFalse(ppp.enabled());
        assertEquals(OperState.DOWN, ppp.status());
        assertEquals(IpInterface.Type.LOOPBACK, s.ipInterface("loopback").orElseThrow().type());
    }

    @Test
    void the_tr181_view_of_the_router() {
        NetworkModel m = new NetworkModel(platform);
        String wan = m.one("Device.IP.Interface.[Name==\"wan\"].");
        assertEquals("Up", m.read(wan + "Status"));
        String wanLink = m.read(wan + "LowerLayers");
        assertEquals(wanLink, m.read(m.one("Device.IP.Interface.[Name==\"wan6\"].") + "LowerLayers"));
        String wanPort = m.read(wanLink + ".LowerLayers");
        assertEquals("wan", m.read(wanPort + ".Name"));
        assertEquals("true", m.read(wanPort + ".Upstream"));
        assertEquals("45234567890", m.read(wan + "Stats.BytesReceived"), "the counters of the l3 device");

        String lan = m.one("Device.IP.Interface.[Name==\"lan\"].");
        String bridgeLink = m.read(lan + "LowerLayers");
        assertEquals("br-lan", m.read(bridgeLink + ".Name"));
        String management = m.read(bridgeLink + ".LowerLayers");
        assertTrue(management.matches("Device\\.Bridging\\.Bridge\\.1\\.Port\\.\\d+"), management);
        assertEquals("true", m.read(management + ".ManagementPort"));
        assertEquals(5, m.read(management + ".LowerLayers").split(",").length, "four switch ports and the AP");
        assertEquals("6", m.read("Device.Bridging.Bridge.1.PortNumberOfEntries"));
        String lan1 = m.one("Device.Bridging.Bridge.1.Port.[Name==\"lan1\"].");
        assertEquals("lan1", m.read(m.read(lan1 + "LowerLayers") + ".Name"));
        String ap = m.one("Device.Bridging.Bridge.1.Port.[Name==\"phy0-ap0\"].");
        assertEquals("phy0-ap0", m.read(m.read(ap + "LowerLayers") + ".Name"), "the AP's SSID (Device.WiFi.SSID)");
        assertEquals("LowerLayerDown", m.read(m.one("Device.Bridging.Bridge.1.Port.[Name==\"lan3\"].") + "Status"));
        assertEquals("Down", m.read(m.one("Device.Ethernet.Interface.[Name==\"lan3\"].") + "Status"),
                "a port without carrier is down (layer 1 is never LowerLayerDown)");
        assertEquals("Down", m.read(m.one("Device.Ethernet.Interface.[Name==\"lan4\"].") + "Status"));
        assertEquals("false", m.read(m.one("Device.Ethernet.Interface.[Name==\"lan4\"].") + "Enable"));
        assertEquals("6", m.read("Device.Ethernet.InterfaceNumberOfEntries"), "eth0, lan1-4, wan");
        assertEquals("Child", m.read(m.one(lan + "IPv6Prefix.[Prefix==\"2001:db8:4a00:10::/64\"].") + "Origin"));
        assertEquals("Static", m.read(lan + "IPv4Address.1.AddressingType"));
        assertEquals("Down", m.read(m.one("Device.IP.Interface.[Name==\"wanppp\"].") + "Status"));
        assertEquals("false", m.read(m.one("Device.IP.Interface.[Name==\"wanppp\"].") + "Enable"));
        assertEquals("Device.PPP.Interface.1", m.read(m.one("Device.IP.Interface.[Name==\"wanppp\"].") + "LowerLayers"),
                "a PPPoE interface sits on its Device.PPP.Interface (the WAN part's, same key)");
        // lan, loopback (none), wan, wan6: IP -> Link; br-lan, wan: Link -> Port / Interface;
        // management port -> 5 ports; lan1-4 -> Ethernet.Interface; the AP's port -> its SSID;
        // wanppp -> PPP.Interface.
        assertEquals(Integer.toString(3 + 2 + 5 + 4 + 1 + 1), m.read("Device.InterfaceStackNumberOfEntries"));
        assertEquals(List.of("ubus call network.interface dump", "ubus call network.interface dump"), commands.ran().stream()
                .filter(c -> c.startsWith("ubus call network.interface")).toList(), "the Wi-Fi reads its own sources; the network part and the WAN part read the dump once each");
    }

    @Test
    void enable_of_a_logical_interface_persists_in_uci_and_is_undone_when_a_later_change_fails() {
        commands.accept("uci set network.wan6.disabled=1").accept("uci commit network")
                .accept("ubus call network.interface.wan6 down").accept("ubus call network reload")
                .accept("uci set network.wan6.disabled=0").accept("ubus call network.interface.wan6 up")
                .fail("ip link set dev lan2 down", "RTNETLINK answers: Operation not permitted");
        NetworkModel m = new NetworkModel(platform);
        String wan6 = m.one("Device.IP.Interface.[Name==\"wan6\"].");
        String lan2 = m.one("Device.Ethernet.Interface.[Name==\"lan2\"].");
        commands.clear();
        Optional<DmError> failed = m.set(wan6 + "Enable", "false", lan2 + "Enable", "false");
        assertTrue(failed.isPresent());
        assertEquals(lan2 + "Enable", failed.get().path());
        assertEquals(List.of(
                "uci set network.wan6.disabled=1", "uci commit network", "ubus call network.interface.wan6 down",
                "ubus call network reload",
                "ip link set dev lan2 down",
                "uci set network.wan6.disabled=0", "uci commit network", "ubus call network reload",
                "ubus call network.interface.wan6 up"), commands.writes());
        assertEquals("true", m.read(wan6 + "Enable"));
    }

    @Test
    void reset_tears_the_interface_down_and_up_and_resets_its_statistics() {
        commands.accept("ubus call network.interface.wan down").accept("ubus call network.interface.wan up");
        NetworkModel m = new NetworkModel(platform);
        String wan = m.one("Device.IP.Interface.[Name==\"wan\"].");
        assertEquals("45234567890", m.read(wan + "Stats.BytesReceived"));
        assertTrue(m.operate("Device.IP.Interface.{i}.Reset()", wan + "Reset()").isOk());
        assertEquals(List.of("ubus call network.interface.wan down", "ubus call network.interface.wan up"),
                commands.writes());
        assertEquals("0", m.read(wan + "Stats.BytesReceived"));
        assertEquals("9234567", m.read(m.one("Device.Ethernet.Interface.[Name==\"wan\"].") + "Stats.PacketsSent"),
                "the Ethernet interface's statistics are its own");
        commands.clear();
        String ppp = m.one("Device.IP.Interface.[Name==\"wanppp\"].");
        assertTrue(m.operate("Device.IP.Interface.{i}.Reset()", ppp + "Reset()").isOk());
        assertEquals(List.of(), commands.writes(), "Reset() of a disabled interface does nothing");
    }

    @Test
    void stats_reset_takes_a_baseline_and_instances_cannot_be_added() {
        NetworkModel m = new NetworkModel(platform);
        String port = m.one("Device.Bridging.Bridge.1.Port.[Name==\"lan2\"].");
        assertEquals("734567890", m.read(port + "Stats.BytesSent"));
        assertTrue(m.operate("Device.Bridging.Bridge.{i}.Port.{i}.Stats.Reset()", port + "Stats.Reset()").isOk());
        assertEquals("0", m.read(port + "Stats.BytesSent"));
        assertEquals("734567890", m.read(m.one("Device.Ethernet.Interface.[Name==\"lan2\"].") + "Stats.BytesSent"));
        var tx = m.model.begin();
        assertFalse(tx.add("Device.IP.Interface.", java.util.Map.of()).isOk());
        tx.rollback();
        List<ModelEvent> none = m.events().stream().filter(e -> e instanceof ModelEvent.ValueChanged).toList();
        assertEquals(List.of(), none);
    }

    @Test
    void the_network_and_wan_parts_share_one_run_of_netifds_dump_until_it_announces_a_change() throws Exception {
        FixtureCommands counted = new FixtureCommands(ROUTER);
        java.util.concurrent.ScheduledExecutorService pool = java.util.concurrent.Executors.newScheduledThreadPool(1);
        dev.demarc.hal.openwrt.NetifdDump netifd = new dev.demarc.hal.openwrt.NetifdDump(counted);
        dev.demarc.hal.openwrt.OpenWrtNetwork network = new dev.demarc.hal.openwrt.OpenWrtNetwork(
                new SystemFiles(ROUTER), counted, netifd, pool);
        try (dev.demarc.hal.openwrt.OpenWrtWan wan = new dev.demarc.hal.openwrt.OpenWrtWan(new SystemFiles(ROUTER),
                counted, netifd, dev.demarc.hal.openwrt.OpenWrtNetwork.DUMP_MAX_AGE, pool, java.time.Clock.systemUTC(),
                java.nio.ByteOrder.LITTLE_ENDIAN, Path.of(System.getProperty("java.io.tmpdir")))) {
            String dump = String.join(" ", dev.demarc.hal.openwrt.NetifdDump.COMMAND);
            network.refreshNow();
            wan.refresh();
            assertEquals(1, counted.ran().stream().filter(dump::equals).count(), counted.ran().toString());
            assertFalse(network.snapshot().ipInterfaces().isEmpty());
            assertTrue(wan.state().dhcpClient("wan").isPresent(), "the WAN part read the same output");

            netifd.changed(); // what netifd's ubus listen event does
            network.refreshNow();
            wan.refresh();
            assertEquals(2, counted.ran().stream().filter(dump::equals).count(), counted.ran().toString());
        } finally {
            network.close();
            pool.shutdownNow();
        }
    }
}

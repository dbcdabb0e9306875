package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.demarc.agent.MtpSettings;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.path.Operator;
import dev.demarc.core.path.Segment;
import dev.demarc.hal.linux.LinuxWanReader;
import dev.demarc.mtp.mqtt.ConnectRetryPolicy;
import dev.demarc.mtp.mqtt.MqttClientStatus;
import dev.demarc.mtp.mqtt.MqttConnectionInfo;
import dev.demarc.mtp.uds.UdsServerConfig;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.platform.DhcpLease;
import dev.demarc.tr181.platform.DhcpPool;
import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Duplex;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv4Address;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Ipv6Prefix;
import dev.demarc.tr181.platform.Ipv6RouteState;
import dev.demarc.tr181.platform.LanHost;
import dev.demarc.tr181.platform.LanSnapshot;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NtpClient;
import dev.demarc.tr181.platform.OperState;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.TimeSnapshot;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiStation;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records whose {@code equals}, {@code hashCode} (and {@code toString}) are written by hand,
 * so that the JVM spins no method handle classes for them that the class data sharing archive
 * cannot hold (docs/performance.md): each must still compare every component, as a record's
 * generated methods do. For each, two instances that differ in every component: the first with
 * any one component taken from the second must be unequal to it, with another hash code.
 */
class HandWrittenRecordMethodsTest {

    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-22T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant T4 = Instant.parse("2026-11-22T13:00:00Z");

    static Stream<Arguments> records() {
        Ipv4Address v4a = new Ipv4Address("192.168.1.1", 24, first(Ipv4Address.Origin.class));
        Ipv4Address v4b = new Ipv4Address("10.0.0.1", 8, second(Ipv4Address.Origin.class));
        Ipv6Address v6a = new Ipv6Address("2001:db8::1", 64, first(Ipv6Address.Scope.class),
                first(Ipv6Address.Origin.class), first(Ipv6Address.State.class), T1, T2);
        Ipv6Address v6b = new Ipv6Address("fd00::1", 48, second(Ipv6Address.Scope.class),
                second(Ipv6Address.Origin.class), second(Ipv6Address.State.class), T3, T4);
        Ipv6Prefix prefixA = new Ipv6Prefix("2001:db8:4a00::/56", first(Ipv6Prefix.Origin.class), T1, T2);
        Ipv6Prefix prefixB = new Ipv6Prefix("fd00:10::/64", second(Ipv6Prefix.Origin.class), T3, T4);
        WanInterface wanA = new WanInterface("wan", "eth1", true, "203.0.113.45", "203.0.113.1",
                List.of("192.0.2.53"), Optional.of(T1));
        WanInterface wanB = new WanInterface("wan6", "eth2", false, "198.51.100.7", "198.51.100.1",
                List.of(), Optional.empty());
        Ipv4RouteState routeA = new Ipv4RouteState("0.0.0.0", 0, "203.0.113.1", "wan",
                first(Ipv4RouteState.Origin.class), 0, false);
        Ipv4RouteState routeB = new Ipv4RouteState("10.0.0.0", 8, "10.0.0.254", "lan",
                second(Ipv4RouteState.Origin.class), 10, true);
        WanState wanStateA = new WanState(wanA, true, List.of(), List.of(), List.of(routeA), List.of(), true, List.of());
        WanState wanStateB = new WanState(wanB, false,
                List.of(new DhcpV4ClientState("wan", true, DhcpV4ClientState.Status.ENABLED,
                        DhcpV4ClientState.DhcpStatus.BOUND, "203.0.113.45", "255.255.255.0", List.of("203.0.113.1"),
                        List.of("203.0.113.53"), "203.0.113.1", Optional.of(T2))),
                List.of(new PppInterfaceState("wan", "pppoe-wan", "eth1", true, PppInterfaceState.Status.UP,
                        PppInterfaceState.ConnectionStatus.CONNECTED, "user@isp.example", 0x1234, "198.51.100.7",
                        "198.51.100.1", List.of("198.51.100.53"), Optional.of(T1), Optional.empty())),
                List.of(routeB),
                List.of(new Ipv6RouteState("::/0", "fe80::1", "wan", Ipv6RouteState.Origin.RA, 1024, Optional.of(T3))),
                false,
                List.of(new DnsServerState("203.0.113.53", "wan", DnsServerState.Type.DHCPV4)));
        WiFiStation stationA = new WiFiStation("02:00:00:00:00:b1", OptionalInt.of(-50), OptionalLong.of(866_000),
                OptionalLong.of(400_000), true);
        WiFiStation stationB = new WiFiStation("02:00:00:00:00:b2", OptionalInt.empty(), OptionalLong.empty(),
                OptionalLong.empty(), false);
        UdsServerConfig udsA = new UdsServerConfig(Path.of("/run/demarc/a.sock"), "os::a", 2048, 4,
                Duration.ofSeconds(3), 4096);
        UdsServerConfig udsB = new UdsServerConfig(Path.of("/run/demarc/b.sock"), "os::b", 4096, 8,
                Duration.ofSeconds(5), 8192);
        return Stream.of(
                Arguments.of(v4a, v4b),
                Arguments.of(v6a, v6b),
                Arguments.of(prefixA, prefixB),
                Arguments.of(
                        new Link("eth0", 1, LinkKind.ETHERNET, "02:00:00:00:00:01", true, OperState.UP, true, 1500,
                                1000, Duplex.FULL, true, "br-lan", "", 42, new LinkStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                                List.of(v4a), List.of(v6a)),
                        new Link("lan1", 2, LinkKind.BRIDGE, "02:00:00:00:00:02", false, OperState.DOWN, false, 1492,
                                100, Duplex.HALF, false, "", "eth9", 43, LinkStats.ZERO, List.of(v4b), List.of(v6b))),
                Arguments.of(
                        new IpInterface("wan", true, OperState.UP, first(IpInterface.Type.class), "eth1", "eth0",
                                "dhcp", 42, List.of(v4a), List.of(v6a), List.of(prefixA)),
                        new IpInterface("lan", false, OperState.DOWN, second(IpInterface.Type.class), "br-lan",
                                "", "static", 43, List.of(v4b), List.of(v6b), List.of(prefixB))),
                Arguments.of(wanA, wanB),
                Arguments.of(routeA, routeB),
                Arguments.of(wanStateA, wanStateB),
                Arguments.of(new LanSnapshot(true, List.of(), List.of(), List.of()),
                        new LanSnapshot(false, List.of(DhcpPool.builder("lan", 1).build()),
                                List.of(new DhcpLease("3c:22:fb:10:20:30", "192.168.1.20", "nas", T1, "lan")),
                                List.of(new LanHost("3c:22:fb:10:20:30", "nas", List.of("192.168.1.20"), List.of(),
                                        "lan", "lan2", LanHost.LinkKind.ETHERNET, true, LanHost.UNKNOWN_TIME,
                                        "lan")))),
                Arguments.of(new MtpStatusRegistry.MqttClientState("Connecting", ""),
                        new MtpStatusRegistry.MqttClientState("Connected", "usp/r")),
                Arguments.of(new MtpStatusRegistry.MtpState("Up", "usp/r"), new MtpStatusRegistry.MtpState("Down", "")),
                Arguments.of(
                        new MqttConnectionInfo(MqttClientStatus.CONNECTING, "a", "", "", List.of(), ""),
                        new MqttConnectionInfo(MqttClientStatus.CONNECTED, "b", "usp/r", "usp/c", List.of("x"), "e")),
                Arguments.of(new ConnectRetryPolicy(Duration.ofSeconds(5), 2000, Duration.ofSeconds(60)),
                        new ConnectRetryPolicy(Duration.ofSeconds(6), 3000, Duration.ofSeconds(70))),
                Arguments.of(udsA, udsB),
                Arguments.of(new MtpSettings.UdsServerMtp("Device.LocalAgent.MTP.2", "Device.UnixDomainSockets.1", udsA),
                        new MtpSettings.UdsServerMtp("Device.LocalAgent.MTP.3", "Device.UnixDomainSockets.2", udsB)),
                Arguments.of(new LinuxWanReader.Reading(wanStateA, Map.of("wan", LinuxWanReader.LeaseSource.DHCLIENT)),
                        new LinuxWanReader.Reading(wanStateB, Map.of())),
                Arguments.of(new LinkStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                        new LinkStats(11, 12, 13, 14, 15, 16, 17, 18, 19, 20)),
                Arguments.of(wanStateB.dhcpClients().get(0),
                        new DhcpV4ClientState("wan2", false, DhcpV4ClientState.Status.DISABLED,
                                DhcpV4ClientState.DhcpStatus.INIT, "198.51.100.7", "255.255.0.0",
                                List.of(), List.of(), "198.51.100.1", Optional.empty())),
                Arguments.of(new PppInterfaceState.PppStats(1, 2, 3, 4, 5, 6, 7, 8),
                        new PppInterfaceState.PppStats(11, 12, 13, 14, 15, 16, 17, 18)),
                Arguments.of(wanStateB.ppp().get(0),
                        new PppInterfaceState("wan2", "pppoe-wan2", "eth2", false, PppInterfaceState.Status.DOWN,
                                second(PppInterfaceState.ConnectionStatus.class), "other@isp.example", 0x4321,
                                "198.51.100.8", "198.51.100.2", List.of(), Optional.empty(),
                                Optional.of(new PppInterfaceState.PppStats(1, 2, 3, 4, 5, 6, 7, 8)))),
                Arguments.of(wanStateB.ipv6Routes().get(0),
                        new Ipv6RouteState("fd00:10::/64", "", "lan", Ipv6RouteState.Origin.STATIC, 256,
                                Optional.empty())),
                Arguments.of(wanStateB.dnsServers().get(0),
                        new DnsServerState("2001:db8::53", "lan", second(DnsServerState.Type.class))),
                Arguments.of(DhcpPool.builder("lan", 1).build(),
                        new DhcpPool("guest", true, 2, "Device.IP.Interface.2", "192.168.2.100", "192.168.2.200",
                                "255.255.255.0", List.of("192.168.2.1"), "guest.lan", List.of("192.168.2.1"), 3600)),
                Arguments.of(new DhcpLease("3c:22:fb:10:20:30", "192.168.1.20", "nas", T1, "lan"),
                        new DhcpLease("a4:83:e7:4b:5c:6d", "192.168.1.153", "phone", T2, "guest")),
                Arguments.of(
                        new LanHost("3c:22:fb:10:20:30", "nas", List.of("192.168.1.20"), List.of(), "lan", "lan2",
                                LanHost.LinkKind.ETHERNET, true, LanHost.UNKNOWN_TIME, "lan"),
                        new LanHost("a4:83:e7:4b:5c:6d", "phone", List.of("192.168.1.153"), List.of("fd00::5"),
                                "guest", "phy0-ap0", LanHost.LinkKind.WIFI, false, T1, "guest")),
                Arguments.of(new WiFiSsid.Stats(1, 2, 3, 4, 5, 6, 7, 8), new WiFiSsid.Stats(11, 12, 13, 14, 15, 16, 17, 18)),
                Arguments.of(new NtpClient("ntp1", true, first(NtpClient.NtpStatus.class), List.of("0.pool.ntp.org")),
                        new NtpClient("ntp2", false, second(NtpClient.NtpStatus.class), List.of())),
                Arguments.of(new KeyReference("Device.IP.Interface.{i}.", List.of("wan")),
                        new KeyReference("Device.Ethernet.Link.{i}.", List.of("eth0"))),
                Arguments.of(
                        new WiFiRadio("radio0", true, "Up", List.of("2.4GHz"), Optional.of("2.4GHz"), OptionalInt.of(6),
                                List.of(1, 6, 11), true, true, "20MHz", OptionalInt.of(20), OptionalInt.of(-90)),
                        new WiFiRadio("radio1", false, "Down", List.of("5GHz"), Optional.empty(), OptionalInt.empty(),
                                List.of(36), false, false, "80MHz", OptionalInt.empty(), OptionalInt.empty())),
                Arguments.of(
                        new WiFiSsid("wlan0", "radio0", true, "Up", "home", "02:00:00:00:00:0a", "02:00:00:00:00:0a",
                                Optional.of(new WiFiSsid.Stats(1, 2, 3, 4, 5, 6, 7, 8))),
                        new WiFiSsid("wlan1", "radio1", false, "Down", "guest", "", "", Optional.empty())),
                Arguments.of(
                        new WiFiAccessPoint("wlan0", true, "Enabled", Optional.of(true), Optional.of("WPA2-Personal"),
                                List.of("WPA2-Personal"), List.of(stationA)),
                        new WiFiAccessPoint("wlan1", false, "Disabled", Optional.empty(), Optional.empty(),
                                List.of(), List.of(stationB))),
                Arguments.of(stationA, stationB),
                Arguments.of(new TimeSnapshot(true, first(NtpClient.NtpStatus.class), "CET-1CEST,M3.5.0,M10.5.0/3",
                                "Europe/Paris", List.of(new NtpClient("ntp1", true, first(NtpClient.NtpStatus.class),
                                        List.of("0.pool.ntp.org")))),
                        new TimeSnapshot(false, second(NtpClient.NtpStatus.class), "UTC0", "UTC", List.of())),
                Arguments.of(new Segment.Name("Enable"), new Segment.Name("Status")),
                Arguments.of(new Segment.Constant("x", true), new Segment.Constant("y", false)),
                Arguments.of(
                        new Segment.Condition(List.of(new Segment.Name("Enable")), Operator.EQ,
                                new Segment.Constant("true", false)),
                        new Segment.Condition(List.of(new Segment.Name("Name")), Operator.NE,
                                new Segment.Constant("x", true))));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("records")
    void equalsAndHashCodeCompareEveryComponent(Record a, Record b) throws Exception {
        RecordComponent[] components = a.getClass().getRecordComponents();
        Constructor<?> canonical = a.getClass().getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        canonical.setAccessible(true);
        Object[] valuesOfA = values(a);
        Object[] valuesOfB = values(b);

        Object copy = canonical.newInstance(valuesOfA);
        assertEquals(a, copy);
        assertEquals(a.hashCode(), copy.hashCode());
        assertEquals(a.toString(), copy.toString());
        for (int i = 0; i < components.length; i++) {
            String name = a.getClass().getSimpleName() + "." + components[i].getName();
            Object[] mixed = valuesOfA.clone();
            mixed[i] = valuesOfB[i];
            Object other = canonical.newInstance(mixed);
            assertNotEquals(values(a)[i], values((Record) other)[i], name + ": the two samples must differ in it");
            assertNotEquals(a, other, name + " is not compared");
            assertNotEquals(other, a, name + " is not compared");
            assertNotEquals(a.hashCode(), other.hashCode(), name + " does not count in the hash code");
            assertEquals(other, canonical.newInstance(mixed));
            assertEquals(other.hashCode(), canonical.newInstance(mixed).hashCode());
        }
        assertNotEquals(a, null);
        assertNotEquals(a, "not a record");
    }

    /** Its {@code toString}, also by hand, keeps the generated one's form, which log lines show. */
    @Test
    void connectRetryPolicyPrintsAsARecord() {
        assertEquals("ConnectRetryPolicy[retryTime=PT5S, intervalMultiplier=2000, maxInterval=PT1M]",
                new ConnectRetryPolicy(Duration.ofSeconds(5), 2000, Duration.ofSeconds(60)).toString());
    }

    private static Object[] values(Record r) throws ReflectiveOperationException {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            var accessor = components[i].getAccessor();
            accessor.setAccessible(true);
            values[i] = accessor.invoke(r);
        }
        return values;
    }

    private static <E extends Enum<E>> E first(Class<E> type) {
        return type.getEnumConstants()[0];
    }

    private static <E extends Enum<E>> E second(Class<E> type) {
        return type.getEnumConstants()[1];
    }
}

package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspRequestContext;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.Duplex;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The network objects on a platform of the test's making: schema per capability, stacks, counters. */
class NetworkObjectsTest {

    private final AtomicReference<NetworkSnapshot> network = new AtomicReference<>();
    private final List<String> writes = new ArrayList<>();

    /** A network of {@code network}'s snapshot that records its writes and can write as {@code can} says. */
    private Platform platform(NetworkCapabilities can) {
        NetworkPlatform net = new NetworkPlatform() {
            @Override
            public NetworkSnapshot snapshot() {
                return network.get();
            }

            @Override
            public void watch(Runnable watcher) {
            }

            @Override
            public NetworkCapabilities capabilities() {
                return can;
            }

            @Override
            public Optional<DmError> setLinkEnabled(String link, boolean enable) {
                writes.add(link + (enable ? " up" : " down"));
                return Optional.empty();
            }

            @Override
            public Optional<DmError> setIpInterfaceEnabled(String ipInterface, boolean enable) {
                return setLinkEnabled(ipInterface, enable);
            }

            @Override
            public Optional<DmError> restartIpInterface(String ipInterface) {
                writes.add(ipInterface + " restart");
                return Optional.empty();
            }
        };
        StaticDeviceInfo info = new StaticDeviceInfo(DeviceIdentity.unknown());
        return new Platform() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public dev.demarc.tr181.platform.DeviceInfoPlatform deviceInfo() {
                return info;
            }

            @Override
            public NetworkPlatform network() {
                return net;
            }
        };
    }

    private DataModel open(Platform p) {
        Schema schema = Tr181Model.schema(p);
        LocalAgentInfo agent = new LocalAgentInfo("os::012345-TEST", "0.1.0", () -> 0L, List.of("MQTT"));
        return DataModel.open(schema, Tr181Model.bindings(schema, p, () -> agent, new MtpStatusRegistry(), path -> { }),
                new InMemoryStore(), true, List.of(), "test").value();
    }

    private static Link link(String name, LinkKind kind, String lower, LinkStats stats) {
        return new Link(name, 1, kind, "02:00:00:00:00:01", true, OperState.UP, true, 1500, 1000, Duplex.FULL, false,
                "", lower, 0, stats, List.of(), List.of());
    }

    private void vlanOverPort(LinkStats portStats) {
        List<Link> links = List.of(link("eth0", LinkKind.ETHERNET, "", portStats),
                link("eth0.7", LinkKind.VLAN, "eth0", LinkStats.ZERO));
        network.set(new NetworkSnapshot(links, List.of(new IpInterface("wan", true, OperState.UP,
                IpInterface.Type.NORMAL, "eth0.7", "", "dhcp", 0, List.of(), List.of(), List.of()))));
    }

    @Test
    void a_platform_that_cannot_write_gets_read_only_enables_fixed_tables_and_no_reset() {
        vlanOverPort(LinkStats.ZERO);
        Schema readOnly = Tr181Model.schema(platform(NetworkCapabilities.NONE));
        assertEquals(Access.READ_ONLY, readOnly.object("Device.IP.Interface.{i}.").orElseThrow()
                .parameter("Enable").orElseThrow().access());
        assertFalse(readOnly.object("Device.IP.Interface.{i}.").orElseThrow().creatable());
        assertTrue(readOnly.object("Device.IP.Interface.{i}.").orElseThrow().command("Reset").isEmpty());
        assertEquals(Access.READ_ONLY, readOnly.object("Device.Ethernet.Link.{i}.").orElseThrow()
                .parameter("LowerLayers").orElseThrow().access());
        Schema full = Tr181Model.schema();
        assertEquals(Access.READ_WRITE, full.object("Device.IP.Interface.{i}.").orElseThrow()
                .parameter("Enable").orElseThrow().access());
        assertTrue(full.object("Device.IP.Interface.{i}.").orElseThrow().creatable(), "as the standard says");
        DataModel m = open(platform(NetworkCapabilities.NONE));
        Transaction tx = m.begin();
        assertEquals(ErrorCode.PARAMETER_READ_ONLY, tx.set("Device.IP.Interface.1.Enable", "false").orElseThrow().code());
        tx.rollback();
    }

    @Test
    void a_vlan_link_stacks_on_the_port_below_it() {
        vlanOverPort(LinkStats.ZERO);
        DataModel m = open(platform(NetworkCapabilities.ALL));
        String link = m.read("Device.IP.Interface.1.LowerLayers").value();
        assertEquals("eth0.7", m.read(link + ".Name").value());
        assertEquals("eth0", m.read(m.read(link + ".LowerLayers").value() + ".Name").value());
        assertEquals("2", m.read("Device.InterfaceStackNumberOfEntries").value());
        assertEquals("Device.IP.Interface.1", m.read("Device.InterfaceStack.1.HigherLayer").value());
        assertEquals(link, m.read("Device.InterfaceStack.1.LowerLayer").value());
    }

    @Test
    void counters_wrap_as_their_type_says_and_reset_to_a_baseline() {
        long big = (1L << 32) + 5;
        vlanOverPort(new LinkStats(big, big, 7, 7, big, 0, 0, 0, 0, 0));
        Platform p = platform(NetworkCapabilities.ALL);
        DataModel m = open(p);
        String port = "Device.Ethernet.Interface.1.";
        assertEquals(Long.toString(big), m.read(port + "Stats.BytesSent").value(), "StatsCounter64");
        assertEquals("5", m.read(port + "Stats.ErrorsSent").value(), "StatsCounter32 wraps");
        UspCommand reset = Tr181Model.commands(p).command("Device.Ethernet.Interface.{i}.Stats.Reset()").orElseThrow();
        Result<Map<String, String>> done = reset.run(m, new UspCommand.Call(port + "Stats.Reset()", port + "Stats.", "",
                Map.of(), new UspRequestContext("self::c", "Device.LocalAgent.Controller.1.", new MtpAddress("MQTT", "x", "self::c"))));
        assertTrue(done.isOk());
        assertEquals("0", m.read(port + "Stats.BytesSent").value());
        vlanOverPort(new LinkStats(big + 100, big, 9, 7, big, 0, 0, 0, 0, 0));
        assertEquals("100", m.read(port + "Stats.BytesSent").value());
        assertEquals("2", m.read(port + "Stats.PacketsSent").value());
        vlanOverPort(new LinkStats(10, 10, 1, 1, 0, 0, 0, 0, 0, 0));
        assertEquals("10", m.read(port + "Stats.BytesSent").value(), "a link made anew counts from zero");
    }

    @Test
    void enabling_an_interface_writes_it_and_resets_its_statistics() {
        vlanOverPort(new LinkStats(1000, 1000, 10, 10, 0, 0, 0, 0, 0, 0));
        network.set(network.get().withLink(network.get().link("eth0").orElseThrow().withAdminUp(false)));
        DataModel m = open(platform(NetworkCapabilities.ALL));
        assertEquals("1000", m.read("Device.Ethernet.Interface.1.Stats.BytesSent").value());
        Transaction tx = m.begin();
        assertTrue(tx.set("Device.Ethernet.Interface.1.Enable", "true").isEmpty());
        assertTrue(tx.commit().isOk());
        assertEquals(List.of("eth0 up"), writes);
        assertEquals("0", m.read("Device.Ethernet.Interface.1.Stats.BytesSent").value());
    }
}

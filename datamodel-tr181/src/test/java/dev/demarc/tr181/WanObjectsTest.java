package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import dev.demarc.tr181.platform.WanWrite;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The WAN side's TR-181 objects over a WanPlatform the test drives. */
class WanObjectsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    /** A WAN side whose snapshot the test sets, applying the writes it is given. */
    static final class FakeWan implements WanPlatform {
        volatile WanState state;
        final Set<WanWrite> writes;
        final List<Runnable> watchers = new CopyOnWriteArrayList<>();
        final List<String> applied = new ArrayList<>();

        FakeWan(WanState state, Set<WanWrite> writes) {
            this.state = state;
            this.writes = writes;
        }

        void change(WanState next) {
            state = next;
            watchers.forEach(Runnable::run);
        }

        @Override
        public WanState state() {
            return state;
        }

        @Override
        public void watch(Runnable listener) {
            watchers.add(listener);
        }

        @Override
        public Set<WanWrite> writes() {
            return writes;
        }

        @Override
        public Optional<DmError> setDhcpClientEnable(String interfaceKey, boolean enable) {
            applied.add(interfaceKey + ".Enable=" + enable);
            return Optional.empty();
        }

        @Override
        public Optional<DmError> setPppPassword(String key, String password) {
            applied.add(key + ".Password=" + password);
            return Optional.empty();
        }

        @Override
        public void restorePppPassword(String key) {
            applied.add(key + ".Password restored");
        }
    }

    static DhcpV4ClientState client(String key, Optional<Instant> expires) {
        return new DhcpV4ClientState(key, true, DhcpV4ClientState.Status.ENABLED, DhcpV4ClientState.DhcpStatus.BOUND,
                "203.0.113.45", "255.255.255.0", List.of("203.0.113.1"), List.of("203.0.113.53"), "203.0.113.1", expires);
    }

    static PppInterfaceState ppp(PppInterfaceState.Status status, long errorsSent) {
        return new PppInterfaceState("wan", "pppoe-wan", "eth1", true, status,
                PppInterfaceState.ConnectionStatus.CONNECTED, "user@isp.example", 0x1234, "198.51.100.7",
                "198.51.100.1", List.of("198.51.100.53"), Optional.of(NOW.minusSeconds(90)),
                Optional.of(new PppInterfaceState.PppStats(1, 2, 3, 4, errorsSent, 0, 0, 0)));
    }

    static WanState state(List<DhcpV4ClientState> clients, List<PppInterfaceState> ppp) {
        return new WanState(WanInterface.NONE, true, clients, ppp,
                List.of(new Ipv4RouteState("0.0.0.0", 0, "203.0.113.1", "wan", Ipv4RouteState.Origin.DHCPV4, 0, false)),
                List.of(), true, List.of(new DnsServerState("203.0.113.53", "wan", DnsServerState.Type.DHCPV4)));
    }

    private static Platform platform(WanPlatform wan) {
        DeviceInfoPlatform info = new StaticDeviceInfo(DeviceIdentity.unknown());
        return new Platform() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public DeviceInfoPlatform deviceInfo() {
                return info;
            }

            @Override
            public WanPlatform wan() {
                return wan;
            }
        };
    }

    /** The model on {@code wan}, the WAN objects read at {@link #NOW}; pushes go to {@code changes}. */
    private static DataModel open(FakeWan wan, PlatformChanges changes) {
        Schema schema = Tr181Model.schema(platform(wan));
        Bindings.Builder b = Bindings.builder(schema);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Dhcpv4ClientObject.bind(b, wan, changes, clock);
        PppInterfaceObject.bind(b, wan, changes, clock);
        RoutingRouterObject.bind(b, platform(wan), changes);
        DnsClientObject.bind(b, platform(wan), changes);
        return DataModel.open(schema, b.build(), new InMemoryStore(), true, List.of(), "test").value();
    }

    private static Access access(Schema schema, String parameterPath) {
        int dot = parameterPath.lastIndexOf('.');
        ObjectDef o = schema.object(parameterPath.substring(0, dot + 1)).orElseThrow();
        return o.parameter(parameterPath.substring(dot + 1)).map(ParameterDef::access).orElseThrow();
    }

    @Test
    void a_platform_declares_writable_only_what_it_applies() {
        Schema none = Tr181Model.schema(platform(new FakeWan(WanState.EMPTY, Set.of())));
        Schema all = Tr181Model.schema(platform(new FakeWan(WanState.EMPTY, Set.of(WanWrite.values()))));
        Schema full = Tr181Model.schema();
        for (String p : List.of("Device.DHCPv4.Client.{i}.Enable", "Device.PPP.Interface.{i}.Enable",
                "Device.PPP.Interface.{i}.Username", "Device.PPP.Interface.{i}.Password")) {
            assertEquals(Access.READ_ONLY, access(none, p), p);
            assertEquals(Access.READ_WRITE, access(all, p), p);
            assertEquals(Access.READ_WRITE, access(full, p), p);
        }
        for (String p : List.of("Device.DHCPv4.Client.{i}.Interface", "Device.PPP.Interface.{i}.LowerLayers",
                "Device.Routing.Router.{i}.IPv4Forwarding.{i}.GatewayIPAddress", "Device.DNS.Client.Enable",
                "Device.DNS.Client.Server.{i}.DNSServer")) {
            assertEquals(Access.READ_ONLY, access(all, p), p + ": no platform writes it");
            assertEquals(Access.READ_WRITE, access(full, p), p + ": the full model has the standard's access");
        }
        assertTrue(none.object("Device.DHCPv4.Client.{i}.").orElseThrow().commands().isEmpty());
        assertEquals("Renew", all.object("Device.DHCPv4.Client.{i}.").orElseThrow().commands().get(0).name());
        assertFalse(all.object("Device.Routing.Router.{i}.IPv4Forwarding.{i}.").orElseThrow().creatable());
        assertTrue(full.object("Device.Routing.Router.{i}.IPv4Forwarding.{i}.").orElseThrow().creatable());
        assertTrue(full.object("Device.PPP.Interface.{i}.").orElseThrow().parameter("Password").orElseThrow().hidden());
        assertTrue(Tr181Model.commands(platform(new FakeWan(WanState.EMPTY, Set.of()))).command(Dhcpv4ClientObject.RENEW).isEmpty());
    }

    @Test
    void every_pushed_parameter_is_a_row_value_of_the_model() {
        Schema full = Tr181Model.schema();
        for (String p : Set.of(Dhcpv4ClientObject.PUSHED, PppInterfaceObject.PUSHED, RoutingRouterObject.PUSHED,
                DnsClientObject.PUSHED).stream().flatMap(Set::stream).toList()) {
            access(full, p);
            assertTrue(Tr181Model.pushedParameters().contains(p), p);
        }
    }

    @Test
    void lease_time_remaining_counts_down_and_says_infinite_and_unknown() {
        FakeWan wan = new FakeWan(state(List.of(client("wan", Optional.of(NOW.plusSeconds(600))),
                client("wan2", Optional.of(Instant.MAX)), client("wan3", Optional.empty())), List.of()), Set.of());
        DataModel model = open(wan, PlatformChanges.NONE);
        assertEquals("600", model.read("Device.DHCPv4.Client.1.LeaseTimeRemaining").value());
        assertEquals("-1", model.read("Device.DHCPv4.Client.2.LeaseTimeRemaining").value());
        assertEquals(ErrorCode.INTERNAL_ERROR, model.read("Device.DHCPv4.Client.3.LeaseTimeRemaining").error().code());
        assertEquals("203.0.113.1", model.read("Device.DHCPv4.Client.1.IPRouters").value());
    }

    @Test
    void ppp_values_come_from_the_snapshot_and_32_bit_counters_wrap() {
        FakeWan wan = new FakeWan(state(List.of(), List.of(ppp(PppInterfaceState.Status.UP, 0x1_0000_0005L))), Set.of());
        DataModel model = open(wan, PlatformChanges.NONE);
        assertEquals("90", model.read("Device.PPP.Interface.1.LastChange").value());
        assertEquals("4660", model.read("Device.PPP.Interface.1.PPPoE.SessionID").value());
        assertEquals("198.51.100.1", model.read("Device.PPP.Interface.1.IPCP.RemoteIPAddress").value());
        assertEquals("5", model.read("Device.PPP.Interface.1.Stats.ErrorsSent").value());
        assertEquals("4", model.read("Device.PPP.Interface.1.Stats.PacketsReceived").value());
        assertEquals("", model.read("Device.PPP.Interface.1.LowerLayers").value(), "no Ethernet.Link table here");
    }

    @Test
    void only_the_tables_whose_part_changed_are_pushed() {
        WanState before = state(List.of(client("wan", Optional.empty())), List.of(ppp(PppInterfaceState.Status.UP, 1)));
        FakeWan wan = new FakeWan(before, Set.of());
        List<String> pushed = new ArrayList<>();
        open(wan, pushed::add);
        wan.change(state(List.of(client("wan", Optional.empty())), List.of(ppp(PppInterfaceState.Status.UP, 99))));
        assertEquals(List.of(), pushed, "counters moving is no change to push");
        wan.change(state(List.of(client("wan", Optional.empty())), List.of(ppp(PppInterfaceState.Status.DOWN, 99))));
        assertEquals(List.of("Device.PPP.Interface."), pushed);
        pushed.clear();
        wan.change(state(List.of(), List.of(ppp(PppInterfaceState.Status.DOWN, 99))));
        assertEquals(List.of("Device.DHCPv4.Client."), pushed);
    }

    @Test
    void a_password_goes_to_the_platform_and_is_put_back_when_the_transaction_fails() {
        FakeWan wan = new FakeWan(state(List.of(client("wan", Optional.empty())),
                List.of(ppp(PppInterfaceState.Status.UP, 0))), Set.of(WanWrite.values()));
        DataModel model = open(wan, PlatformChanges.NONE);
        model.get("Device.", 0);
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.set("Device.PPP.Interface.1.Password", "s3cret"));
        assertEquals(Optional.empty(), tx.set("Device.DHCPv4.Client.1.Enable", "false"));
        Result<?> committed = tx.commit();
        assertTrue(committed.isOk(), committed.toString());
        assertEquals(List.of("wan.Password=s3cret", "wan.Enable=false"), wan.applied);
        assertEquals("", model.read("Device.PPP.Interface.1.Password").value());
        assertTrue(model.readHidden("Device.PPP.Interface.1.Password").isOk());
        assertEquals("", model.readHidden("Device.PPP.Interface.1.Password").value(), "never stored by the agent");

        wan.applied.clear();
        Transaction failing = model.begin();
        failing.set("Device.PPP.Interface.1.Password", "other");
        failing.set("Device.PPP.Interface.1.Username", "someone");
        assertFalse(failing.commit().isOk(), "the fake applies no user name");
        assertEquals(List.of("wan.Password=other", "wan.Password restored"), wan.applied);
    }

    @Test
    void snapshots_refuse_values_that_break_the_standard() {
        assertThrows(IllegalArgumentException.class, () -> new DhcpV4ClientState("wan", true,
                DhcpV4ClientState.Status.ENABLED, DhcpV4ClientState.DhcpStatus.BOUND, "203.0.113.300", "", List.of(),
                List.of(), "", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4RouteState("10.0.0.0", 33, "", "", 
                Ipv4RouteState.Origin.STATIC, 0, true));
        assertThrows(IllegalArgumentException.class, () -> state(List.of(client("wan", Optional.empty()),
                client("wan", Optional.empty())), List.of()), "one client per interface");
        assertThrows(IllegalArgumentException.class, () -> new DnsServerState("fe80::1%eth0", "", DnsServerState.Type.STATIC));
        assertEquals("255.255.240.0", new Ipv4RouteState("10.0.0.0", 20, "", "", Ipv4RouteState.Origin.STATIC, 0, true)
                .subnetMask());
    }
}

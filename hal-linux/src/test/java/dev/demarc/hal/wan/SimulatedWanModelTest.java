package dev.demarc.hal.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.text.JsonValue;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspRequestContext;
import dev.demarc.hal.Platforms;
import dev.demarc.hal.simulated.SimulatedDevice;
import dev.demarc.hal.simulated.SimulatedWan;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.WanPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WAN side's TR-181 objects on a real data model over the simulated platform of
 * {@code docs/examples/simulated-gateway.json}: values, writes through transactions, the
 * {@code Renew()} command, and a timeline step pushed as notifications.
 */
class SimulatedWanModelTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "simulated-gateway.json");

    /** What the platform pushed, handed to the data model by the test's thread (its owner thread here). */
    private final BlockingQueue<String> pushed = new LinkedBlockingQueue<>();
    private SimulatedDevice device;
    private Platform platform;

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
    }

    private static String example(long afterSeconds) throws IOException {
        return Files.readString(EXAMPLE).replace("\"afterSeconds\": 120", "\"afterSeconds\": " + afterSeconds);
    }

    private DataModel open(String text, boolean platformSchema) {
        device = SimulatedDevice.parse("simulated-gateway.json", text).value();
        SimulatedWan wan = new SimulatedWan(device, Clock.systemUTC());
        DeviceInfoPlatform info = new StaticDeviceInfo(DeviceIdentity.unknown());
        platform = new Platform() {
            @Override
            public String name() {
                return "simulated:test";
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
        Schema schema = platformSchema ? Tr181Model.schema(platform) : Tr181Model.schema();
        LocalAgentInfo agent = new LocalAgentInfo("os::012345-sim", "0.1.0", () -> 0L, List.of());
        return DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent, new MtpStatusRegistry(),
                pushed::add), new InMemoryStore(), true, List.of(), "test").value();
    }

    private static String read(DataModel model, String path) {
        Result<String> r = model.read(path);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }

    private static Optional<DmError> set(DataModel model, Map<String, String> values) {
        Transaction tx = model.begin();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Optional<DmError> refused = tx.set(e.getKey(), e.getValue());
            if (refused.isPresent()) {
                tx.rollback();
                return refused;
            }
        }
        Result<?> committed = tx.commit();
        return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
    }

    /** Hands what was pushed to the model until {@code until} holds, or 20 s. */
    private void drainUntil(DataModel model, java.util.function.BooleanSupplier until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!until.getAsBoolean() && System.nanoTime() < deadline) {
            String path = pushed.poll(50, TimeUnit.MILLISECONDS);
            if (path != null) {
                model.platformChanged(path);
            }
        }
    }

    @Test
    void the_wan_side_reads_as_tr181() throws IOException {
        DataModel model = open(example(3600), true);
        assertEquals("1", read(model, "Device.DHCPv4.ClientNumberOfEntries"));
        assertEquals("true", read(model, "Device.DHCPv4.Client.1.Enable"));
        assertEquals("Enabled", read(model, "Device.DHCPv4.Client.1.Status"));
        assertEquals("Bound", read(model, "Device.DHCPv4.Client.1.DHCPStatus"));
        assertEquals("203.0.113.77", read(model, "Device.DHCPv4.Client.1.IPAddress"));
        assertEquals("255.255.255.0", read(model, "Device.DHCPv4.Client.1.SubnetMask"));
        assertEquals("203.0.113.1", read(model, "Device.DHCPv4.Client.1.IPRouters"));
        assertEquals("203.0.113.53,203.0.113.54", read(model, "Device.DHCPv4.Client.1.DNSServers"));
        assertEquals("203.0.113.1", read(model, "Device.DHCPv4.Client.1.DHCPServer"));
        int remaining = Integer.parseInt(read(model, "Device.DHCPv4.Client.1.LeaseTimeRemaining"));
        assertTrue(remaining > 81000 && remaining <= 81400, "counts down from 81400: " + remaining);
        assertEquals("", read(model, "Device.DHCPv4.Client.1.Interface"),
                "names Device.IP.Interface by key; that table is not in this branch's model");
        assertEquals("cpe-1", read(model, "Device.DHCPv4.Client.1.Alias"));

        assertEquals("pppoe-wanppp", read(model, "Device.PPP.Interface.1.Name"));
        assertEquals("Down", read(model, "Device.PPP.Interface.1.Status"));
        assertEquals("Disconnected", read(model, "Device.PPP.Interface.1.ConnectionStatus"));
        assertEquals("home1234@isp.example", read(model, "Device.PPP.Interface.1.Username"));
        assertEquals("", read(model, "Device.PPP.Interface.1.Password"), "hidden");
        assertEquals("", read(model, "Device.PPP.Interface.1.IPCP.LocalIPAddress"));
        assertFalse(model.read("Device.PPP.Interface.1.PPPoE.SessionID").isOk(), "no session: no value");
        assertTrue(Long.parseLong(read(model, "Device.PPP.Interface.1.LastChange")) >= 86000);

        assertEquals("1", read(model, "Device.Routing.RouterNumberOfEntries"));
        assertEquals("Enabled", read(model, "Device.Routing.Router.1.Status"));
        assertEquals("3", read(model, "Device.Routing.Router.1.IPv4ForwardingNumberOfEntries"));
        assertEquals("0.0.0.0", read(model, "Device.Routing.Router.1.IPv4Forwarding.1.DestIPAddress"));
        assertEquals("0.0.0.0", read(model, "Device.Routing.Router.1.IPv4Forwarding.1.DestSubnetMask"));
        assertEquals("203.0.113.1", read(model, "Device.Routing.Router.1.IPv4Forwarding.1.GatewayIPAddress"));
        assertEquals("DHCPv4", read(model, "Device.Routing.Router.1.IPv4Forwarding.1.Origin"));
        assertEquals("false", read(model, "Device.Routing.Router.1.IPv4Forwarding.1.StaticRoute"));
        assertEquals("255.255.255.0", read(model, "Device.Routing.Router.1.IPv4Forwarding.2.DestSubnetMask"));
        assertEquals("::/0", read(model, "Device.Routing.Router.1.IPv6Forwarding.1.DestIPPrefix"));
        assertEquals("RA", read(model, "Device.Routing.Router.1.IPv6Forwarding.1.Origin"));
        assertTrue(read(model, "Device.Routing.Router.1.IPv6Forwarding.1.ExpirationTime").endsWith("Z"));
        assertEquals("9999-12-31T23:59:59Z", read(model, "Device.Routing.Router.1.IPv6Forwarding.2.ExpirationTime"));

        assertEquals("true", read(model, "Device.DNS.Client.Enable"));
        assertEquals("Enabled", read(model, "Device.DNS.Client.Status"));
        assertEquals("3", read(model, "Device.DNS.Client.ServerNumberOfEntries"));
        assertEquals("2001:db8:100::53", read(model, "Device.DNS.Client.Server.3.DNSServer"));
        assertEquals("DHCPv6", read(model, "Device.DNS.Client.Server.3.Type"));
    }

    @Test
    void writes_are_applied_to_the_simulated_device_and_read_only_ones_refused() throws Exception {
        DataModel model = open(example(3600), true);
        assertEquals(Optional.empty(), set(model, Map.of("Device.PPP.Interface.1.Username", "new@isp.example",
                "Device.PPP.Interface.1.Password", "s3cret")));
        assertEquals("new@isp.example", entry("ppp", "username"));
        assertEquals("s3cret", entry("ppp", "password"));
        assertEquals("", read(model, "Device.PPP.Interface.1.Password"));

        assertEquals(Optional.empty(), set(model, Map.of("Device.DHCPv4.Client.1.Enable", "false")));
        drainUntil(model, () -> "Disabled".equals(model.read("Device.DHCPv4.Client.1.Status").value()));
        assertEquals("Disabled", read(model, "Device.DHCPv4.Client.1.Status"));
        assertEquals("", read(model, "Device.DHCPv4.Client.1.IPAddress"));

        assertEquals(7013, set(model, Map.of("Device.Routing.Router.1.IPv4Forwarding.1.GatewayIPAddress", "203.0.113.9"))
                .orElseThrow().code().code(), "no platform writes routes: read-only in the platform's model");
        assertEquals(7013, set(model, Map.of("Device.DHCPv4.Client.1.Interface", "Device.IP.Interface.1"))
                .orElseThrow().code().code());
    }

    @Test
    void a_write_is_undone_when_a_later_one_of_its_transaction_fails() throws Exception {
        DataModel model = open(example(3600), false);
        Map<String, String> inOrder = new java.util.LinkedHashMap<>();
        inOrder.put("Device.PPP.Interface.1.Username", "undone@isp.example");
        inOrder.put("Device.PPP.Interface.1.Password", "undone");
        inOrder.put("Device.DHCPv4.Client.1.Interface", "Device.DHCPv4.Client.1");
        Optional<DmError> failed = set(model, inOrder);
        assertEquals(7009, failed.orElseThrow().code().code(), "the full model takes Interface; no platform applies it");
        assertEquals("home1234@isp.example", entry("ppp", "username"));
        assertEquals("simulated", entry("ppp", "password"));
        assertEquals("home1234@isp.example", read(model, "Device.PPP.Interface.1.Username"));
    }

    @Test
    void renew_gives_the_lease_its_full_time_again() throws Exception {
        DataModel model = open(example(3600), true);
        UspCommand renew = Tr181Model.commands(platform).command("Device.DHCPv4.Client.{i}.Renew()").orElseThrow();
        Result<Map<String, String>> out = renew.run(model, new UspCommand.Call("Device.DHCPv4.Client.1.Renew()",
                "Device.DHCPv4.Client.1.", "", Map.of(),
                new UspRequestContext("self::test", "Device.LocalAgent.Controller.1.", new MtpAddress("MQTT", "t", "self::test"))));
        assertTrue(out.isOk(), out.toString());
        assertTrue(Integer.parseInt(read(model, "Device.DHCPv4.Client.1.LeaseTimeRemaining")) > 86000);
        Result<Map<String, String>> none = renew.run(model, new UspCommand.Call("Device.DHCPv4.Client.7.Renew()",
                "Device.DHCPv4.Client.7.", "", Map.of(),
                new UspRequestContext("self::test", "Device.LocalAgent.Controller.1.", new MtpAddress("MQTT", "t", "self::test"))));
        assertEquals(7022, none.error().code().code());
    }

    @Test
    void a_renewed_lease_and_a_new_default_route_are_pushed_as_notifications() throws Exception {
        DataModel model = open(example(1), true);
        assertEquals("203.0.113.1", read(model, "Device.Routing.Router.1.IPv4Forwarding.1.GatewayIPAddress"));
        assertTrue(model.get("Device.", 0).isOk(), "a controller has read the whole model");
        List<ModelEvent> heard = new ArrayList<>();
        model.addListener(heard::addAll);
        device.start();
        drainUntil(model, () -> heard.stream().anyMatch(e -> e.path().startsWith("Device.DNS.Client.Server."))
                && heard.stream().anyMatch(e -> e.path().startsWith("Device.Routing."))
                && heard.stream().anyMatch(e -> e.path().startsWith("Device.DHCPv4.")));
        assertTrue(heard.contains(new ModelEvent.ValueChanged("Device.DHCPv4.Client.1.IPRouters", "203.0.113.254")), heard.toString());
        assertTrue(heard.contains(new ModelEvent.ValueChanged("Device.DHCPv4.Client.1.DNSServers", "203.0.113.53")));
        assertTrue(heard.contains(new ModelEvent.ValueChanged("Device.DHCPv4.Client.1.DHCPServer", "203.0.113.254")));
        assertTrue(heard.contains(new ModelEvent.ObjectDeleted("Device.Routing.Router.1.IPv4Forwarding.1.")), heard.toString());
        assertTrue(heard.stream().anyMatch(e -> e instanceof ModelEvent.ObjectCreated c
                && c.path().equals("Device.Routing.Router.1.IPv4Forwarding.4.")
                && "203.0.113.254".equals(c.uniqueKeys().get("GatewayIPAddress"))), heard.toString());
        assertTrue(heard.contains(new ModelEvent.ObjectDeleted("Device.DNS.Client.Server.2.")));
        assertTrue(heard.stream().noneMatch(e -> e.path().startsWith("Device.PPP.")), "PPP did not change: " + heard);
        assertTrue(Integer.parseInt(read(model, "Device.DHCPv4.Client.1.LeaseTimeRemaining")) > 86000);
    }

    @Test
    void the_example_file_opens_as_a_platform() {
        Result<Platform> opened = Platforms.open("simulated:" + EXAMPLE);
        assertTrue(opened.isOk(), opened.toString());
        try (Platform p = opened.value()) {
            assertEquals("wan", p.wan().state().wan().key());
            assertEquals(1, p.wan().state().dhcpClients().size());
        }
        assertFalse(SimulatedDevice.parse("bad.json", "{\"wan\": {\"dhcpClients\": [{\"status\": \"Up\"}]}}")
                .map(d -> SimulatedWan.check(d).isEmpty()).value(), "a client without an interface is an error");
    }

    private String entry(String list, String member) {
        JsonValue.Obj area = (JsonValue.Obj) device.area("wan");
        return area.array(list).objects().get(0).string(member, "");
    }
}

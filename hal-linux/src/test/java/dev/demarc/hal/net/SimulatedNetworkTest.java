package dev.demarc.hal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.model.ModelEvent;
import dev.demarc.hal.Platforms;
import dev.demarc.hal.simulated.SimulatedDevice;
import dev.demarc.hal.simulated.SimulatedPlatform;
import dev.demarc.tr181.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code "network"} area of a simulated device, through the TR-181 model. */
class SimulatedNetworkTest {

    private static final Path EXAMPLE = Path.of("../docs/examples/simulated-gateway.json");

    @TempDir
    Path dir;

    @Test
    void the_example_gateway_reads_as_an_openwrt_router() {
        try (Platform p = Platforms.open("simulated:" + EXAMPLE).value()) {
            NetworkModel m = new NetworkModel(p);
            String wan = m.one("Device.IP.Interface.[Name==\"wan\"].");
            assertEquals("Up", m.read(wan + "Status"));
            assertTrue(Long.parseLong(m.read(wan + "LastChange")) >= 86400);
            assertEquals("24800000000", m.read(wan + "Stats.BytesReceived"));
            assertEquals("4", m.read("Device.IP.InterfaceNumberOfEntries"));
            assertEquals("PrefixDelegation",
                    m.read(m.one("Device.IP.Interface.[Name==\"wan6\"].IPv6Prefix.1.") + "Origin"));
            String lan2 = m.one("Device.Ethernet.Interface.[Name==\"lan2\"].");
            assertEquals("Down", m.read(lan2 + "Status"));
            assertEquals("4", m.read("Device.Bridging.Bridge.1.PortNumberOfEntries"));
        }
    }

    @Test
    void enable_writes_are_accepted_and_reflected() throws Exception {
        try (Platform p = Platforms.open("simulated:" + EXAMPLE).value()) {
            NetworkModel m = new NetworkModel(p);
            String lan = m.one("Device.IP.Interface.[Name==\"lan\"].");
            String lan1 = m.one("Device.Ethernet.Interface.[Name==\"lan1\"].");
            assertTrue(m.set(lan + "Enable", "false", lan1 + "Enable", "false").isEmpty());
            m.applyPushes();
            assertEquals("false", m.read(lan + "Enable"));
            assertEquals("Down", m.read(lan + "Status"));
            assertEquals("Down", m.read(lan1 + "Status"));
            assertEquals("false", m.read(m.one("Device.Bridging.Bridge.1.Port.[Name==\"lan1\"].") + "Enable"));
            assertTrue(m.set(lan + "Enable", "true").isEmpty());
            m.applyPushes();
            assertEquals("Up", m.read(lan + "Status"));
        }
    }

    @Test
    void a_timeline_step_is_pushed_as_value_changes_and_new_instances() throws Exception {
        SimulatedDevice device = SimulatedDevice.parse("sim.json", """
                {"network": {"links": [{"name": "eth0", "kind": "ethernet", "mac": "02:00:00:00:00:01"}]},
                 "timeline": [{"afterSeconds": 1, "set": {"network": {"links": [
                    {"name": "eth0", "kind": "ethernet", "mac": "02:00:00:00:00:01", "carrier": false,
                     "ipv4": [{"address": "192.0.2.9", "prefixLength": 24, "origin": "dhcp"}]}]}}}]}
                """).value();
        try (SimulatedPlatform p = SimulatedPlatform.start(device)) {
            NetworkModel m = new NetworkModel(p);
            String eth = m.one("Device.Ethernet.Interface.[Name==\"eth0\"].");
            String ip = m.one("Device.IP.Interface.[Name==\"eth0\"].");
            assertEquals("Up", m.read(eth + "Status"));
            assertEquals("0", m.read(ip + "IPv4AddressNumberOfEntries"));
            ModelEvent down = m.awaitEvent(e -> e.equals(new ModelEvent.ValueChanged(eth + "Status", "Down")), 20);
            assertNotNull(down, "Ethernet.Interface Status follows the carrier: " + m.events());
            assertNotNull(m.awaitEvent(e -> e.equals(new ModelEvent.ValueChanged(ip + "Status", "LowerLayerDown")), 20));
            ModelEvent created = m.awaitEvent(e -> e instanceof ModelEvent.ObjectCreated c
                    && c.path().startsWith(ip + "IPv4Address."), 20);
            assertNotNull(created, "the new address is an ObjectCreation: " + m.events());
            assertEquals("192.0.2.9", m.read(created.path() + "IPAddress"));
        }
    }

    @Test
    void a_network_area_that_is_not_one_is_an_error_naming_the_file() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"network\": {\"links\": [{\"name\": \"eth0\", \"kind\": \"token-ring\"}]}}");
        String message = Platforms.open("simulated:" + file).error().message();
        assertTrue(message.startsWith(file.toString()) && message.contains("token-ring"), message);
    }
}

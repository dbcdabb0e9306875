package dev.demarc.hal.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.simulated.SimulatedDevice;
import dev.demarc.hal.simulated.SimulatedPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The LAN side of TR-181 through a real data model on the simulated platform: what its areas
 * read as, writes that replace them, and timeline steps pushed as ObjectCreation and
 * ObjectDeletion.
 */
class SimulatedLanTest {

    private static final String DEVICE = """
            {"lan": {
               "dhcpServerEnable": true,
               "pools": [{"key": "lan", "interface": "lan", "minAddress": "192.168.1.100", "maxAddress": "192.168.1.249",
                          "subnetMask": "255.255.255.0", "dnsServers": ["192.168.1.1"], "domainName": "lan",
                          "ipRouters": ["192.168.1.1"], "leaseTime": 43200}],
               "leases": [{"mac": "3c:22:fb:10:20:30", "ip": "192.168.1.20", "hostName": "nas", "expires": "2100-01-01T00:00:00Z"}],
               "hosts": [{"mac": "3c:22:fb:10:20:30", "ipv6": ["fd4c:9a21:7e05::5a1"], "interface": "lan", "port": "lan2"},
                         {"mac": "a4:83:e7:4b:5c:6d", "ipv4": ["192.168.1.153"], "interface": "lan", "port": "phy0-ap0",
                          "link": "wifi", "active": false}]},
             "nat": {"portMappings": [{"key": "web", "interface": "wan", "externalPort": 8080, "internalPort": 80,
                                       "protocol": "TCP", "internalClient": "192.168.1.20", "description": "web"}]},
             "time": {"enable": true, "status": "Synchronized", "localTimeZone": "CET-1CEST,M3.5.0,M10.5.0/3",
                      "zoneName": "Europe/Paris",
                      "clients": [{"key": "ntp", "status": "Synchronized", "servers": ["0.pool.ntp.org"]}]},
             "timeline": [
               {"afterSeconds": 2, "set": {"lan": {
                  "pools": [{"key": "lan", "interface": "lan", "minAddress": "192.168.1.100", "maxAddress": "192.168.1.249",
                             "subnetMask": "255.255.255.0"}],
                  "hosts": [{"mac": "3c:22:fb:10:20:30", "interface": "lan", "port": "lan2"},
                            {"mac": "58:11:22:aa:bb:01", "ipv4": ["192.168.1.171"], "interface": "lan"}]}}}]}
            """;

    private final SimulatedPlatform platform =
            SimulatedPlatform.start(SimulatedDevice.parse("sim.json", DEVICE).value());
    private final ModelOnPlatform m = new ModelOnPlatform(platform);

    @AfterEach
    void close() {
        platform.close();
    }

    @Test
    void hosts_pools_clients_mappings_and_time_read_as_the_file_says() {
        assertEquals("2", m.read("Device.Hosts.HostNumberOfEntries"));
        assertEquals("3c:22:fb:10:20:30", m.read("Device.Hosts.Host.1.PhysAddress"));
        assertEquals("192.168.1.20", m.read("Device.Hosts.Host.1.IPAddress"));
        assertEquals("nas", m.read("Device.Hosts.Host.1.HostName"));
        assertEquals("true", m.read("Device.Hosts.Host.1.Active"));
        assertEquals("0001-01-01T00:00:00Z", m.read("Device.Hosts.Host.1.ActiveLastChange"));
        assertEquals("Ethernet", m.read("Device.Hosts.Host.1.InterfaceType"));
        assertEquals("Device.DHCPv4.Server.Pool.1.Client.1", m.read("Device.Hosts.Host.1.DHCPClient"));
        assertEquals("fd4c:9a21:7e05::5a1", m.read("Device.Hosts.Host.1.IPv6Address.1.IPAddress"));
        assertEquals("192.168.1.20", m.read("Device.Hosts.Host.1.IPv4Address.1.IPAddress"));
        assertEquals("Wi-Fi", m.read("Device.Hosts.Host.2.InterfaceType"));
        assertEquals("false", m.read("Device.Hosts.Host.2.Active"));
        assertEquals("", m.read("Device.Hosts.Host.2.DHCPClient"));

        assertEquals("true", m.read("Device.DHCPv4.Server.Enable"));
        assertEquals("Enabled", m.read("Device.DHCPv4.Server.Pool.1.Status"));
        assertEquals("192.168.1.249", m.read("Device.DHCPv4.Server.Pool.1.MaxAddress"));
        assertEquals("43200", m.read("Device.DHCPv4.Server.Pool.1.LeaseTime"));
        assertEquals("3c:22:fb:10:20:30", m.read("Device.DHCPv4.Server.Pool.1.Client.1.Chaddr"));
        assertEquals("true", m.read("Device.DHCPv4.Server.Pool.1.Client.1.Active"));
        assertEquals("2100-01-01T00:00:00Z", m.read("Device.DHCPv4.Server.Pool.1.Client.1.IPv4Address.1.LeaseTimeRemaining"));

        assertEquals("8080", m.read("Device.NAT.PortMapping.1.ExternalPort"));
        assertEquals("Enabled", m.read("Device.NAT.PortMapping.1.Status"));

        assertEquals("Synchronized", m.read("Device.Time.Status"));
        assertEquals("CET-1CEST,M3.5.0,M10.5.0/3", m.read("Device.Time.LocalTimeZone"));
        String now = m.read("Device.Time.CurrentLocalTime");
        assertTrue(now.endsWith("+01:00") || now.endsWith("+02:00"), now);
        assertEquals("0.pool.ntp.org", m.read("Device.Time.Client.1.Servers"));
        assertTrue(m.model.get("Device.", 0).isOk());
    }

    @Test
    void writes_are_accepted_and_kept_in_the_areas() {
        var added = m.add("Device.NAT.PortMapping.", Map.of("Enable", "true", "ExternalPort", "2222",
                "InternalPort", "22", "InternalClient", "192.168.1.30", "Interface", ""));
        assertEquals("Device.NAT.PortMapping.2.", added.value());
        JsonValue.Obj nat = (JsonValue.Obj) platform.device().area("nat");
        assertEquals(List.of("web", "pm1"), nat.array("portMappings").objects().stream().map(o -> o.string("key", "")).toList());
        assertEquals("2222", m.read("Device.NAT.PortMapping.2.ExternalPort"));
        assertEquals(Optional.empty(), m.set("Device.NAT.PortMapping.1.Enable", "false"));
        assertEquals("Disabled", m.read("Device.NAT.PortMapping.1.Status"));
        assertEquals(Optional.empty(), m.transaction(tx -> tx.delete("Device.NAT.PortMapping.2.")));
        assertEquals(1, ((JsonValue.Obj) platform.device().area("nat")).array("portMappings").items().size());

        assertEquals(Optional.empty(), m.set("Device.DHCPv4.Server.Pool.1.LeaseTime", "-1"));
        assertEquals("-1", m.read("Device.DHCPv4.Server.Pool.1.LeaseTime"));
        assertEquals("-1", ((JsonValue.Obj) platform.device().area("lan")).array("pools").objects().get(0).string("leaseTime", ""));
        var pool = m.add("Device.DHCPv4.Server.Pool.", Map.of("Enable", "true", "MinAddress", "10.0.0.10",
                "MaxAddress", "10.0.0.20", "SubnetMask", "255.255.255.0"));
        assertEquals("Device.DHCPv4.Server.Pool.2.", pool.value());
        assertEquals("2", m.read("Device.DHCPv4.Server.Pool.2.Order"), "the agent gives the next Order (R-ADD.5)");

        assertEquals(Optional.empty(), m.set("Device.Time.Enable", "false"));
        assertEquals("Disabled", m.read("Device.Time.Status"));
        var client = m.add("Device.Time.Client.", Map.of("Enable", "true", "Servers", "time.example.net"));
        assertEquals("Device.Time.Client.2.", client.value());
        assertEquals("time.example.net", m.read("Device.Time.Client.2.Servers"));
        assertEquals(ErrorCode.INVALID_VALUE, m.set("Device.Time.LocalTimeZone", "Paris").get().code());
    }

    @Test
    void a_failed_transaction_leaves_the_areas_as_they_were() {
        var before = platform.nat().portMappings();
        var failed = m.transaction(tx -> tx.set("Device.NAT.PortMapping.1.Description", "changed")
                .or(() -> tx.set("Device.NAT.PortMapping.1.RemoteHost", "somewhere")));
        assertEquals(ErrorCode.INVALID_VALUE, failed.get().code());
        assertEquals(before, platform.nat().portMappings());
        assertEquals("web", m.read("Device.NAT.PortMapping.1.Description"));
    }

    @Test
    void a_timeline_step_that_adds_and_removes_hosts_is_pushed_as_object_creation_and_deletion() throws Exception {
        assertEquals("2", m.read("Device.Hosts.HostNumberOfEntries"));
        assertEquals("1", m.read("Device.DHCPv4.Server.Pool.1.ClientNumberOfEntries"));
        m.events.clear();
        List<ModelEvent> expected = List.of(
                new ModelEvent.ObjectCreated("Device.Hosts.Host.3.", Map.of("PhysAddress", "58:11:22:aa:bb:01")),
                new ModelEvent.ObjectDeleted("Device.Hosts.Host.2."),
                new ModelEvent.ObjectDeleted("Device.DHCPv4.Server.Pool.1.Client.1."));
        ModelOnPlatform.await("the step's hosts and clients", () -> {
            m.drain();
            return m.events.containsAll(expected);
        });
        assertEquals("192.168.1.171", m.read("Device.Hosts.Host.3.IPAddress"));
        assertEquals("0", m.read("Device.Hosts.Host.1.IPv6AddressNumberOfEntries"));
    }

    @Test
    void the_example_file_reads() throws Exception {
        Path example = Path.of("../docs/examples/simulated-gateway.json");
        SimulatedPlatform p = SimulatedPlatform.start(SimulatedDevice.read(example).value());
        try {
            assertEquals(2, p.lan().snapshot().hosts().size());
            assertEquals(1, p.nat().portMappings().size());
            assertEquals("Europe/Paris", p.time().snapshot().zoneName());
            assertTrue(Files.exists(example));
        } finally {
            p.close();
        }
    }
}

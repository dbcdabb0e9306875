package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.defaults.FactoryDefaults;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.usp.UspAgent;
import dev.demarc.mtp.mqtt.ConnectRetryPolicy;
import dev.demarc.mtp.mqtt.MqttClientConfig;
import dev.demarc.mtp.mqtt.MqttTransportProtocol;
import dev.demarc.mtp.mqtt.MqttVersion;
import dev.demarc.mtp.websocket.SessionRetryPolicy;
import dev.demarc.mtp.websocket.WebSocketClientConfig;
import dev.demarc.mtp.mqtt.MqttTlsConfig;
import dev.demarc.mtp.websocket.WebSocketClientTls;
import dev.demarc.mtp.websocket.WebSocketServerTls;
import dev.demarc.mtp.websocket.WebSocketServerConfig;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which MTPs the agent runs, read from TR-181 as a defaults file sets it. */
class MtpSettingsTest {

    private static final String AGENT = "os::00D09E-SN1";
    private static final MtpSettings.Options OPTIONS =
            new MtpSettings.Options(AGENT, "127.0.0.1", OptionalInt.empty());

    private static DataModel model(String... lines) {
        return model(new MtpStatusRegistry(), lines);
    }

    private static DataModel model(MtpStatusRegistry status, String... lines) {
        Result<List<Assignment>> parsed = FactoryDefaults.parse("test.defaults", String.join("\n", lines));
        assertTrue(parsed.isOk(), () -> parsed.error().message());
        List<Assignment> all = new ArrayList<>(Tr181Model.builtInDefaults());
        all.addAll(parsed.value());
        Schema schema = Tr181Model.schema();
        LocalAgentInfo info = new LocalAgentInfo(AGENT, "1", () -> 0, List.of());
        Result<DataModel> opened = DataModel.open(schema, Tr181Model.bindings(schema,
                        new StaticDeviceInfo(DeviceIdentity.unknown()), () -> info, status),
                new InMemoryStore(), true, all, "test.defaults");
        assertTrue(opened.isOk(), () -> opened.error().message());
        return opened.value();
    }

    private static MtpSettings read(String... lines) {
        return MtpSettings.read(model(lines), OPTIONS);
    }

    private static final List<String> MQTT_MTP = List.of(
            "Device.LocalAgent.MTP.1.Enable = true",
            "Device.LocalAgent.MTP.1.Protocol = MQTT",
            "Device.LocalAgent.MTP.1.MQTT.Reference = Device.MQTT.Client.1",
            "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured = usp/agent/sn1");

    /** {@code base} with {@code more}: a line for a path {@code base} sets replaces it. */
    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        for (String line : more) {
            String path = line.substring(0, line.indexOf('=')).strip();
            all.removeIf(l -> l.substring(0, l.indexOf('=')).strip().equals(path));
            all.add(line);
        }
        return all.toArray(String[]::new);
    }

    @Test
    void an_mqtt_mtp_is_its_client_with_every_tr181_setting() {
        MtpSettings s = read(with(MQTT_MTP,
                "Device.LocalAgent.MTP.1.MQTT.PublishQoS = 2",
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = broker.example.net",
                "Device.MQTT.Client.1.BrokerPort = 8883",
                "Device.MQTT.Client.1.ProtocolVersion = 3.1.1",
                "Device.MQTT.Client.1.TransportProtocol = TLS",
                "Device.MQTT.Client.1.ClientID = gw-1",
                "Device.MQTT.Client.1.Username = agent",
                "Device.MQTT.Client.1.Password = p4ssw0rd",
                "Device.MQTT.Client.1.KeepAliveTime = 30",
                "Device.MQTT.Client.1.ConnectRetryTime = 2",
                "Device.MQTT.Client.1.ConnectRetryIntervalMultiplier = 3000",
                "Device.MQTT.Client.1.ConnectRetryMaxInterval = 100",
                "Device.MQTT.Client.1.CleanSession = false",
                "Device.MQTT.Client.1.CleanStart = true",
                "Device.MQTT.Client.1.Subscription.1.Enable = true",
                "Device.MQTT.Client.1.Subscription.1.Topic = usp/broadcast/#",
                "Device.MQTT.Client.1.Subscription.1.QoS = 0",
                "Device.MQTT.Client.1.Subscription.2.Enable = false",
                "Device.MQTT.Client.1.Subscription.2.Topic = usp/disabled",
                "Device.MQTT.Client.1.Subscription.3.Enable = true",
                "Device.MQTT.Client.1.Subscription.3.Topic = usp/default-qos/#"));
        assertEquals(List.of(), s.problems());
        MtpSettings.MqttClientMtp mtp = (MtpSettings.MqttClientMtp) s.mtps().get(0);
        assertEquals("Device.LocalAgent.MTP.1", mtp.path());
        assertEquals("Device.MQTT.Client.1", mtp.clientPath());
        MqttClientConfig c = mtp.config();
        assertEquals("broker.example.net", c.brokerHost());
        assertEquals(8883, c.brokerPort());
        assertEquals(MqttVersion.V3_1_1, c.protocolVersion());
        assertEquals(MqttTransportProtocol.TLS, c.transportProtocol());
        assertEquals("gw-1", c.clientId());
        assertEquals("agent", c.username());
        assertEquals("p4ssw0rd", c.password(), "the hidden Password, read for the agent's own use");
        assertEquals(AGENT, c.endpointId());
        assertEquals(Duration.ofSeconds(30), c.keepAlive());
        assertEquals(ConnectRetryPolicy.ofTr181(2, 3000, 100), c.connectRetry());
        assertFalse(c.cleanStart(), "MQTT 3.1.1 takes CleanSession");
        assertEquals("usp/agent/sn1", c.responseTopic());
        assertEquals(List.of("usp/broadcast/#", "usp/default-qos/#"), c.subscriptions(), "the enabled subscriptions");
        assertEquals(0, c.qosOf("usp/broadcast/#"));
        assertEquals(1, c.qosOf("usp/default-qos/#"), "TR-181 Subscription QoS default, as Demarc chose it");
        assertEquals(2, c.publishQos());
        assertFalse(s.toString().contains("p4ssw0rd"), s::toString);
        assertFalse(mtp.toString().contains("p4ssw0rd"), mtp::toString);
    }

    @Test
    void mqtt_5_takes_clean_start_and_request_response_info() {
        MqttClientConfig c = ((MtpSettings.MqttClientMtp) read(with(MQTT_MTP,
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = 127.0.0.1",
                "Device.MQTT.Client.1.CleanSession = true",
                "Device.MQTT.Client.1.CleanStart = false",
                "Device.MQTT.Client.1.RequestResponseInfo = false")).mtps().get(0)).config();
        assertEquals(MqttVersion.V5_0, c.protocolVersion(), "TR-181's default");
        assertEquals(1883, c.brokerPort());
        assertFalse(c.cleanStart());
        assertFalse(c.requestResponseInformation());
        assertEquals(1, c.publishQos());
    }

    @Test
    void a_reference_to_a_missing_client_is_a_problem_and_the_other_mtps_run() {
        MtpSettings s = read(with(MQTT_MTP,
                "Device.LocalAgent.MTP.2.Enable = true",
                "Device.LocalAgent.MTP.2.Protocol = WebSocket",
                "Device.LocalAgent.MTP.2.WebSocket.EnableEncryption = false"));
        assertEquals(List.of(new MtpSettings.Problem("Device.LocalAgent.MTP.1.MQTT.Reference",
                "Device.MQTT.Client.1 does not exist")), s.problems());
        assertEquals(List.of("Device.LocalAgent.MTP.2"), s.mtps().stream().map(MtpSettings.Mtp::path).toList());
    }

    @Test
    void bad_mqtt_settings_are_problems_naming_the_parameter() {
        assertEquals("Device.LocalAgent.MTP.1.MQTT.Reference: 'Device.IP.Interface.1' is not a Device.MQTT.Client.{i}",
                read("Device.LocalAgent.MTP.1.Enable = true", "Device.LocalAgent.MTP.1.Protocol = MQTT",
                        "Device.LocalAgent.MTP.1.MQTT.Reference = Device.IP.Interface.1").problems().get(0).toString());
        assertEquals("Device.LocalAgent.MTP.1.MQTT.Reference: empty: name the Device.MQTT.Client.{i} to use",
                read("Device.LocalAgent.MTP.1.Enable = true", "Device.LocalAgent.MTP.1.Protocol = MQTT")
                        .problems().get(0).toString());
        assertEquals("Device.MQTT.Client.1: BrokerAddress is required",
                read(with(MQTT_MTP, "Device.MQTT.Client.1.Enable = true")).problems().get(0).toString());
        MtpSettings twice = read(with(MQTT_MTP,
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = 127.0.0.1",
                "Device.LocalAgent.MTP.2.Enable = true",
                "Device.LocalAgent.MTP.2.Protocol = MQTT",
                "Device.LocalAgent.MTP.2.MQTT.Reference = Device.MQTT.Client.1."));
        assertEquals(1, twice.mtps().size());
        assertEquals("Device.LocalAgent.MTP.2.MQTT.Reference: Device.MQTT.Client.1 is already used by"
                + " Device.LocalAgent.MTP.1; one MQTT client serves one MTP", twice.problems().get(0).toString());
    }

    @Test
    void two_clients_connecting_to_one_broker_with_one_client_identifier_are_a_problem() {
        List<String> two = Arrays.asList(with(MQTT_MTP,
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.Name = one",
                "Device.MQTT.Client.1.BrokerAddress = broker.example.net",
                "Device.MQTT.Client.2.Enable = true",
                "Device.MQTT.Client.2.Name = two",
                "Device.MQTT.Client.2.BrokerAddress = BROKER.example.net",
                "Device.LocalAgent.MTP.2.Enable = true",
                "Device.LocalAgent.MTP.2.Protocol = MQTT",
                "Device.LocalAgent.MTP.2.MQTT.Reference = Device.MQTT.Client.2",
                "Device.LocalAgent.MTP.2.MQTT.ResponseTopicConfigured = usp/agent/sn1/two"));
        assertEquals(List.of(), read(two.toArray(String[]::new)).problems(),
                "MQTT 5.0 clients without a ClientID are each given one by the broker");

        MtpSettings endpointIds = read(with(two, "Device.MQTT.Client.1.ProtocolVersion = 3.1.1",
                "Device.MQTT.Client.2.ProtocolVersion = 3.1.1"));
        assertEquals(List.of("Device.LocalAgent.MTP.1"), endpointIds.mtps().stream().map(MtpSettings.Mtp::path).toList());
        assertEquals("Device.MQTT.Client.2.ClientID: empty, so MQTT 3.1.1 connects with the Endpoint ID, as"
                + " Device.MQTT.Client.1 does to the same broker, which keeps only one of them connected: give one of"
                + " them a ClientID", endpointIds.problems().get(0).toString());
        assertEquals(Set.of("Device.LocalAgent.MTP.2", "Device.MQTT.Client.2"), endpointIds.misconfigured());

        MtpSettings same = read(with(two, "Device.MQTT.Client.1.ClientID = gateway", "Device.MQTT.Client.2.ClientID = gateway"));
        assertEquals("Device.MQTT.Client.2.ClientID: 'gateway' is also the ClientID of Device.MQTT.Client.1 on the"
                + " same broker, which keeps only one of them connected: give each its own", same.problems().get(0).toString());

        assertEquals(List.of(), read(with(two, "Device.MQTT.Client.1.ProtocolVersion = 3.1.1",
                "Device.MQTT.Client.2.ProtocolVersion = 3.1.1", "Device.MQTT.Client.2.BrokerPort = 8883")).problems(),
                "another broker port, another broker");
        assertEquals(List.of(), read(with(two, "Device.MQTT.Client.1.ClientID = gateway-1",
                "Device.MQTT.Client.2.ClientID = gateway-2")).problems());
    }

    @Test
    void an_mtp_on_a_disabled_client_waits_without_an_error() {
        MtpSettings s = read(with(MQTT_MTP, "Device.MQTT.Client.1.BrokerAddress = 127.0.0.1"));
        assertEquals(List.of(), s.mtps());
        assertEquals(List.of(), s.problems());
        assertEquals("Device.LocalAgent.MTP.1: Device.MQTT.Client.1 is disabled: this MTP does not run until its"
                + " Enable is true", s.notes().get(0).toString());
    }

    @Test
    void disabled_mtps_and_protocols_the_agent_does_not_speak() {
        MtpSettings s = read(
                "Device.LocalAgent.MTP.1.Enable = false",
                "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.2.Enable = true",
                "Device.LocalAgent.MTP.2.Protocol = STOMP",
                "Device.LocalAgent.MTP.3.Enable = true");
        assertEquals(List.of(), s.mtps());
        assertEquals(List.of(
                "Device.LocalAgent.MTP.2.Protocol: STOMP is not supported by this agent; it speaks MQTT, WebSocket and UDS",
                "Device.LocalAgent.MTP.3.Protocol: no Protocol: set it to MQTT, WebSocket or UDS"),
                s.problems().stream().map(Object::toString).toList());
    }

    @Test
    void a_uds_mtp_is_a_server_on_the_socket_its_reference_names() {
        MtpStatusRegistry status = new MtpStatusRegistry();
        status.setUnixDomainSockets(List.of(
                new MtpStatusRegistry.UnixDomainSocket("control", "Listen", "/run/demarc/control.sock"),
                new MtpStatusRegistry.UnixDomainSocket("other", "Connect", "/run/other.sock")));
        MtpSettings s = MtpSettings.read(model(status,
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = UDS",
                "Device.LocalAgent.MTP.1.UDS.UnixDomainSocketRef = Device.UnixDomainSockets.UnixDomainSocket.1.",
                "Device.LocalAgent.MTP.2.Enable = true",
                "Device.LocalAgent.MTP.2.Protocol = UDS",
                "Device.LocalAgent.MTP.2.UDS.UnixDomainSocketRef = Device.UnixDomainSockets.UnixDomainSocket.1",
                "Device.LocalAgent.MTP.3.Enable = true",
                "Device.LocalAgent.MTP.3.Protocol = UDS",
                "Device.LocalAgent.MTP.3.UDS.UnixDomainSocketRef = Device.UnixDomainSockets.UnixDomainSocket.2",
                "Device.LocalAgent.MTP.4.Enable = true",
                "Device.LocalAgent.MTP.4.Protocol = UDS",
                "Device.LocalAgent.MTP.4.UDS.UnixDomainSocketRef = Device.UnixDomainSockets.UnixDomainSocket.9",
                "Device.LocalAgent.MTP.5.Enable = true",
                "Device.LocalAgent.MTP.5.Protocol = UDS",
                "Device.LocalAgent.Controller.1.EndpointID = self::demarc-cli",
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = UDS"), OPTIONS);
        assertEquals(1, s.mtps().size(), s.toString());
        MtpSettings.UdsServerMtp uds = (MtpSettings.UdsServerMtp) s.mtps().get(0);
        assertEquals("Device.LocalAgent.MTP.1", uds.path());
        assertEquals("Device.UnixDomainSockets.UnixDomainSocket.1", uds.socketRow());
        assertEquals(Path.of("/run/demarc/control.sock"), uds.config().socketPath());
        assertEquals(AGENT, uds.config().agentEndpointId());
        assertEquals(List.of(
                "Device.LocalAgent.MTP.2.UDS.UnixDomainSocketRef: Device.UnixDomainSockets.UnixDomainSocket.1 is already"
                        + " used by Device.LocalAgent.MTP.1; one server per socket",
                "Device.LocalAgent.MTP.3.UDS.UnixDomainSocketRef: Device.UnixDomainSockets.UnixDomainSocket.2 has Mode"
                        + " Connect; the agent is a UDS server only (Mode Listen)",
                "Device.LocalAgent.MTP.4.UDS.UnixDomainSocketRef: 'Device.UnixDomainSockets.UnixDomainSocket.9' is no"
                        + " Device.UnixDomainSockets.UnixDomainSocket.{i} of this agent",
                "Device.LocalAgent.MTP.5.UDS.UnixDomainSocketRef: empty: name the"
                        + " Device.UnixDomainSockets.UnixDomainSocket.{i} to listen on"),
                s.problems().stream().map(Object::toString).toList(), "a controller's UDS MTP is no problem");
    }

    @Test
    void the_controller_instances_carry_their_endpoint_id_and_protocols() {
        var instances = MtpSettings.controllerInstances(model(
                "Device.LocalAgent.Controller.1.EndpointID = self::demarc-cli",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = UDS",
                "Device.LocalAgent.Controller.2.Enable = true"));
        assertEquals(java.util.Map.of(
                "Device.LocalAgent.Controller.1.", new MtpStatusRegistry.ControllerInstance("self::demarc-cli",
                        Optional.empty()),
                "Device.LocalAgent.Controller.1.MTP.1.", new MtpStatusRegistry.ControllerInstance("self::demarc-cli",
                        Optional.of("UDS"))), instances, "a controller without Endpoint ID has no connection to show");
    }

    @Test
    void a_websocket_mtp_without_interfaces_is_a_server_on_the_listen_address() {
        MtpSettings s = MtpSettings.read(model(
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.1.WebSocket.Port = 9443",
                "Device.LocalAgent.MTP.1.WebSocket.Path = usp/agent",
                "Device.LocalAgent.MTP.1.WebSocket.KeepAliveInterval = 25",
                "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = false"),
                new MtpSettings.Options(AGENT, "0.0.0.0", OptionalInt.empty()));
        WebSocketServerConfig c = ((MtpSettings.WebSocketServerMtp) s.mtps().get(0)).config();
        assertEquals(List.of("0.0.0.0"), c.bindAddresses());
        assertEquals(9443, c.port());
        assertEquals("/usp/agent", c.path());
        assertEquals(Duration.ofSeconds(25), c.keepAliveInterval());
        assertEquals(Optional.empty(), c.tls());
        assertEquals(AGENT, c.agentEndpointId());
        assertTrue(c.maxRecordSize() > 4 * 1024 * 1024, "room for the largest answer");
        assertEquals(List.of(), s.notes());
    }

    /** A device with a loopback, a LAN and a WAN interface (IP.Interface 1, 2 and 3), none but lo on a link. */
    private static final String NETWORK = """
            {"network": {"links": [{"name": "lo", "index": 1, "kind": "loopback"},
                                   {"name": "br-lan", "index": 2, "kind": "bridge"},
                                   {"name": "eth0", "index": 3, "kind": "ethernet", "upstream": true}],
                         "interfaces": [
              {"name": "loopback", "type": "loopback", "device": "lo", "ipv4": [{"address": "127.0.0.1", "prefixLength": 8}]},
              {"name": "lan", "device": "br-lan", "ipv4": [{"address": "192.168.1.1", "prefixLength": 24}],
               "ipv6": [{"address": "fe80::1"}, {"address": "2001:db8::1"},
                        {"address": "2001:db8::2", "state": "tentative"}, {"address": "2001:db8::3", "state": "deprecated"}]},
              %s]}}
            """;

    private static DataModel modelOn(String wan, String... lines) {
        Result<dev.demarc.hal.simulated.SimulatedDevice> device = dev.demarc.hal.simulated.SimulatedDevice.parse(
                "test.json", NETWORK.formatted(wan));
        assertTrue(device.isOk(), () -> device.error().message());
        dev.demarc.hal.simulated.SimulatedPlatform platform = dev.demarc.hal.simulated.SimulatedPlatform.start(device.value());
        PLATFORMS.add(platform);
        Result<List<Assignment>> parsed = FactoryDefaults.parse("test.defaults", String.join("\n", lines));
        assertTrue(parsed.isOk(), () -> parsed.error().message());
        List<Assignment> all = new ArrayList<>(Tr181Model.builtInDefaults());
        all.addAll(parsed.value());
        Schema schema = Tr181Model.schema(platform);
        LocalAgentInfo info = new LocalAgentInfo(AGENT, "1", () -> 0, List.of());
        Result<DataModel> opened = DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> info,
                        new MtpStatusRegistry(), dev.demarc.tr181.PlatformChanges.NONE),
                new InMemoryStore(), true, all, "test.defaults");
        assertTrue(opened.isOk(), () -> opened.error().message());
        assertEquals("lan", opened.value().read("Device.IP.Interface.2.Name").value());
        assertEquals("wan", opened.value().read("Device.IP.Interface.3.Name").value());
        return opened.value();
    }

    private static final List<dev.demarc.hal.simulated.SimulatedPlatform> PLATFORMS = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closePlatforms() {
        PLATFORMS.forEach(dev.demarc.hal.simulated.SimulatedPlatform::close);
        PLATFORMS.clear();
    }

    private static final String WAN = """
            {"name": "wan", "device": "eth0", "ipv4": [{"address": "203.0.113.7", "prefixLength": 24, "origin": "dhcp"}]}""";

    private static MtpSettings readWithInterfaces(String wan, String interfaces) {
        return MtpSettings.read(modelOn(wan,
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = false",
                "Device.LocalAgent.MTP.1.WebSocket.Interfaces = " + interfaces), OPTIONS);
    }

    @Test
    void a_websocket_server_listens_on_the_usable_addresses_of_the_interfaces_it_names() {
        MtpSettings s = readWithInterfaces(WAN, "Device.IP.Interface.2, Device.IP.Interface.3.");
        assertEquals(List.of(), s.problems());
        WebSocketServerConfig c = ((MtpSettings.WebSocketServerMtp) s.mtps().get(0)).config();
        assertEquals(List.of("192.168.1.1", "2001:db8::1", "2001:db8::3", "203.0.113.7"), c.bindAddresses(),
                "not the link-local address, not the tentative one, not 127.0.0.1 of --listen-address");
        assertEquals("WebSocket server Device.LocalAgent.MTP.1 on ws://192.168.1.1:8443/ and ws://[2001:db8::1]:8443/"
                + " and ws://[2001:db8::3]:8443/ and ws://203.0.113.7:8443/", s.mtps().get(0).describe());
    }

    @Test
    void a_websocket_server_whose_interfaces_have_no_address_yet_waits_for_one() {
        MtpSettings s = readWithInterfaces("{\"name\": \"wan\", \"device\": \"eth0\", \"proto\": \"dhcp\"}",
                "Device.IP.Interface.3");
        assertEquals(List.of(), s.mtps());
        assertEquals(List.of(), s.problems(), "no address yet is no configuration problem");
        assertEquals("Device.LocalAgent.MTP.1.WebSocket.Interfaces: no usable address on Device.IP.Interface.3 yet:"
                + " the server starts when one of them has one", s.notes().get(0).toString());
        assertEquals(List.of(), s.misconfigured().stream().toList());
    }

    @Test
    void interfaces_naming_what_is_not_an_ip_interface_of_the_device_is_a_problem() {
        MtpSettings missing = readWithInterfaces(WAN, "Device.IP.Interface.3,Device.IP.Interface.9");
        assertEquals(List.of(), missing.mtps());
        assertEquals(List.of("Device.LocalAgent.MTP.1.WebSocket.Interfaces: there is no Device.IP.Interface.9 on this"
                + " device"), missing.problems().stream().map(Object::toString).toList());
        assertEquals(Set.of("Device.LocalAgent.MTP.1"), missing.misconfigured());

        MtpSettings other = readWithInterfaces(WAN, "Device.WiFi.SSID.1");
        assertEquals(List.of("Device.LocalAgent.MTP.1.WebSocket.Interfaces: 'Device.WiFi.SSID.1' is no"
                + " Device.IP.Interface.{i}"), other.problems().stream().map(Object::toString).toList());
        MtpSettings empty = readWithInterfaces(WAN, "Device.IP.Interface.3,,");
        assertEquals(List.of("Device.LocalAgent.MTP.1.WebSocket.Interfaces: '' is no Device.IP.Interface.{i}"),
                empty.problems().stream().map(Object::toString).toList());
    }

    @Test
    void only_ip_interfaces_and_their_addresses_may_move_a_websocket_server() {
        assertTrue(MtpSettings.isListenAddressChange("Device.IP.Interface.2.IPv4Address.1.IPAddress"));
        assertTrue(MtpSettings.isListenAddressChange("Device.IP.Interface.2.IPv6Address.3."));
        assertTrue(MtpSettings.isListenAddressChange("Device.IP.Interface.12."));
        assertFalse(MtpSettings.isListenAddressChange("Device.IP.Interface.2.Stats.BytesSent"));
        assertFalse(MtpSettings.isListenAddressChange("Device.IP.Interface.2.Status"));
        assertFalse(MtpSettings.isListenAddressChange("Device.IP.Interface.2.IPv6Prefix.1."));
        assertFalse(MtpSettings.isListenAddressChange("Device.DHCPv4.Client.1.IPAddress"));
    }

    @Test
    void the_port_option_replaces_the_port_of_the_first_websocket_server_only() {
        DataModel model = model(
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = false",
                "Device.LocalAgent.MTP.2.Enable = true",
                "Device.LocalAgent.MTP.2.Protocol = WebSocket",
                "Device.LocalAgent.MTP.2.WebSocket.Port = 9444",
                "Device.LocalAgent.MTP.2.WebSocket.EnableEncryption = false");
        List<Integer> ports = MtpSettings.read(model, new MtpSettings.Options(AGENT, "127.0.0.1", OptionalInt.of(0)))
                .mtps().stream().map(m -> ((MtpSettings.WebSocketServerMtp) m).config().port()).toList();
        assertEquals(List.of(0, 9444), ports);
    }

    @Test
    void a_websocket_server_with_encryption_is_not_started_when_the_agent_has_no_certificate() {
        MtpSettings s = read("Device.LocalAgent.MTP.1.Enable = true", "Device.LocalAgent.MTP.1.Protocol = WebSocket");
        assertEquals(List.of(), s.mtps(), "EnableEncryption is true by default");
        assertEquals("Device.LocalAgent.MTP.1.WebSocket.EnableEncryption", s.problems().get(0).path());
        assertTrue(s.problems().get(0).message().contains("start it with --tls-cert and --tls-key"),
                s.problems().get(0).message());
    }

    @Test
    void a_websocket_server_with_encryption_uses_the_agents_certificate_and_requires_a_controller_certificate(
            @TempDir Path dir) throws Exception {
        AgentTls tls = new TestPki(dir).agentTls();
        DataModel model = model("Device.LocalAgent.MTP.1.Enable = true", "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.1.WebSocket.Port = 8443");
        MtpSettings s = MtpSettings.read(model, new MtpSettings.Options(AGENT, "127.0.0.1", OptionalInt.empty(), tls));
        assertEquals(List.of(), s.problems());
        WebSocketServerTls server = ((MtpSettings.WebSocketServerMtp) s.mtps().get(0)).config().tls().orElseThrow();
        assertSame(tls.keyManagers().orElseThrow(), server.keyManagers());
        assertEquals(tls.trust(), server.clientTrust(), "controllers verified against --tls-ca");
        assertTrue(server.requireClientCertificate(), "R-MTP.1");
        assertTrue(s.mtps().get(0).sameAs(MtpSettings.read(model,
                new MtpSettings.Options(AGENT, "127.0.0.1", OptionalInt.empty(), tls)).mtps().get(0)),
                "read again, the same MTP: it is not restarted");
    }

    @Test
    void a_websocket_client_with_encryption_verifies_against_the_ca_and_presents_the_agents_certificate(
            @TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir);
        AgentTls tls = pki.agentTls();
        MtpSettings s = MtpSettings.read(model(CONTROLLER.toArray(String[]::new)),
                new MtpSettings.Options(AGENT, "127.0.0.1", OptionalInt.empty(), tls));
        WebSocketClientTls client = ((MtpSettings.WebSocketClientMtp) s.mtps().get(0)).config().tls().orElseThrow();
        assertEquals(tls.trust(), client.trust());
        assertEquals(tls.keyManagers(), client.clientCertificate());
        assertTrue(client.verifyHostname());

        AgentTls caOnly = AgentTls.load(pki.ca(), null, null);
        WebSocketClientTls noCertificate = ((MtpSettings.WebSocketClientMtp) MtpSettings.read(
                model(CONTROLLER.toArray(String[]::new)),
                new MtpSettings.Options(AGENT, "127.0.0.1", OptionalInt.empty(), caOnly)).mtps().get(0)).config()
                .tls().orElseThrow();
        assertEquals(Optional.empty(), noCertificate.clientCertificate());
    }

    @Test
    void an_mqtt_client_over_tls_verifies_the_broker_against_the_ca_and_presents_the_agents_certificate(
            @TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir);
        String[] lines = with(MQTT_MTP, "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = broker.example.net", "Device.MQTT.Client.1.TransportProtocol = TLS");
        MqttClientConfig c = ((MtpSettings.MqttClientMtp) MtpSettings.read(model(lines),
                new MtpSettings.Options(AGENT, "127.0.0.1", OptionalInt.empty(), pki.agentTls())).mtps().get(0)).config();
        assertEquals(MqttTransportProtocol.TLS, c.transportProtocol());
        assertEquals(Optional.of(pki.ca()), c.tls().caFile());
        assertTrue(c.tls().hostnameVerification());
        assertEquals(Optional.of(pki.agentCert()), c.tls().clientCertificateFile());
        assertEquals(Optional.of(pki.agentKey()), c.tls().clientKeyFile());

        MqttClientConfig jvmTrust = ((MtpSettings.MqttClientMtp) read(lines).mtps().get(0)).config();
        assertEquals(MqttTlsConfig.DEFAULT, jvmTrust.tls(), "without files: the JVM's CAs, no client certificate");
    }

    @Test
    void misconfigured_mtps_and_clients_are_named_for_their_status() {
        assertEquals(Set.of("Device.LocalAgent.MTP.1", "Device.MQTT.Client.1"), read(with(MQTT_MTP,
                "Device.MQTT.Client.1.Enable = true", "Device.MQTT.Client.1.BrokerAddress = \"\"")).misconfigured(),
                "the client's own settings: both");
        assertEquals(Set.of("Device.LocalAgent.MTP.1"), read(MQTT_MTP.toArray(String[]::new)).misconfigured(),
                "a Reference to a client that does not exist: the MTP only");
        assertEquals(Set.of("Device.LocalAgent.MTP.1"),
                read("Device.LocalAgent.MTP.1.Enable = true", "Device.LocalAgent.MTP.1.Protocol = WebSocket")
                        .misconfigured(), "TLS without a certificate");
        assertEquals(Set.of(), read(with(MQTT_MTP, "Device.MQTT.Client.1.Enable = false")).misconfigured(),
                "a disabled client is no problem");
    }

    private static final List<String> CONTROLLER = List.of(
            "Device.LocalAgent.Controller.1.EndpointID = proto::controller",
            "Device.LocalAgent.Controller.1.Enable = true",
            "Device.LocalAgent.Controller.1.MTP.1.Enable = true",
            "Device.LocalAgent.Controller.1.MTP.1.Protocol = WebSocket",
            "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Host = controller.example.net",
            "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Port = 8443",
            "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Path = /usp",
            "Device.LocalAgent.Controller.1.MTP.1.WebSocket.KeepAliveInterval = 40",
            "Device.LocalAgent.Controller.1.MTP.1.WebSocket.SessionRetryMinimumWaitInterval = 7",
            "Device.LocalAgent.Controller.1.MTP.1.WebSocket.SessionRetryIntervalMultiplier = 1500");

    @Test
    void a_controllers_websocket_mtp_is_a_client_to_it_over_tls_when_encrypted() {
        MtpSettings s = read(CONTROLLER.toArray(String[]::new));
        MtpSettings.WebSocketClientMtp mtp = (MtpSettings.WebSocketClientMtp) s.mtps().get(0);
        assertEquals("Device.LocalAgent.Controller.1.MTP.1", mtp.path());
        assertEquals("proto::controller", mtp.controllerEndpointId());
        WebSocketClientConfig c = mtp.config();
        assertEquals("wss://controller.example.net:8443/usp", c.peerAddress(), "EnableEncryption is true by default");
        assertEquals(Optional.of(WebSocketClientTls.systemTrust()), c.tls());
        assertEquals(AGENT, c.agentEndpointId());
        assertEquals("proto::controller", c.controllerEndpointId());
        assertEquals(Duration.ofSeconds(40), c.keepAliveInterval());
        assertEquals(SessionRetryPolicy.ofTr181(7, 1500), c.retry());

        MtpSettings plain = read(with(CONTROLLER, "Device.LocalAgent.Controller.1.MTP.1.WebSocket.EnableEncryption = false"));
        assertEquals("ws://controller.example.net:8443/usp",
                ((MtpSettings.WebSocketClientMtp) plain.mtps().get(0)).config().peerAddress());
    }

    @Test
    void a_disabled_controller_is_not_connected_to() {
        assertEquals(List.of(), read(with(CONTROLLER, "Device.LocalAgent.Controller.1.Enable = false")).mtps());
        assertEquals(List.of(), read(with(CONTROLLER, "Device.LocalAgent.Controller.1.MTP.1.Enable = false")).mtps());
        MtpSettings noHost = read(with(CONTROLLER, "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Host = \"\""));
        assertEquals("Device.LocalAgent.Controller.1.MTP.1.WebSocket.Host: empty: name the controller's host",
                noHost.problems().get(0).toString());
    }

    @Test
    void controllers_reached_over_mqtt_are_the_enabled_ones_with_a_topic() {
        DataModel model = model(
                "Device.LocalAgent.Controller.1.EndpointID = proto::one",
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic = usp/controller/one",
                "Device.LocalAgent.Controller.2.EndpointID = proto::off",
                "Device.LocalAgent.Controller.2.Enable = false",
                "Device.LocalAgent.Controller.2.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.2.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.Controller.2.MTP.1.MQTT.Topic = usp/controller/off",
                "Device.LocalAgent.Controller.3.EndpointID = proto::no-topic",
                "Device.LocalAgent.Controller.3.Enable = true",
                "Device.LocalAgent.Controller.3.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.3.MTP.1.Protocol = MQTT");
        assertEquals(List.of(new MtpSettings.ControllerTopic("Device.LocalAgent.Controller.1.", "proto::one",
                "usp/controller/one", "", false, false)), MtpSettings.controllerTopics(model));
        assertEquals("Device.LocalAgent.Controller.3.MTP.1.MQTT.Topic",
                MtpSettings.read(model, OPTIONS).notes().get(0).path());
    }

    @Test
    void retain_follows_the_mqtt_mtp_of_the_controller_answered_or_notified() {
        DataModel model = model(
                "Device.LocalAgent.Controller.1.EndpointID = proto::one",
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic = usp/controller/one",
                "Device.LocalAgent.Controller.1.MTP.1.MQTT.PublishRetainResponse = true",
                "Device.LocalAgent.Controller.2.EndpointID = proto::two",
                "Device.LocalAgent.Controller.2.Enable = true",
                "Device.LocalAgent.Controller.2.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.2.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.Controller.2.MTP.1.MQTT.Topic = usp/controller/two",
                "Device.LocalAgent.Controller.2.MTP.1.MQTT.PublishRetainNotify = true");
        List<MtpSettings.ControllerTopic> topics = MtpSettings.controllerTopics(model);
        UspAgent.Carried response = UspAgent.Carried.RESPONSE;
        UspAgent.Carried notify = UspAgent.Carried.NOTIFY;
        MtpAddress one = new MtpAddress("MQTT", "usp/controller/one", "proto::one");
        MtpAddress two = new MtpAddress("MQTT", "usp/controller/two", "proto::two");
        assertTrue(MtpSettings.retained(topics, one, response));
        assertFalse(MtpSettings.retained(topics, one, notify));
        assertFalse(MtpSettings.retained(topics, two, response));
        assertTrue(MtpSettings.retained(topics, two, notify));
        assertTrue(MtpSettings.retained(topics, new MtpAddress("MQTT", "usp/controller/one/replies", "proto::one"),
                response), "an answer to the topic the request named follows the controller's MTP");
        assertFalse(MtpSettings.retained(topics, one, UspAgent.Carried.NO_MSG), "connect records are never retained");
        assertFalse(MtpSettings.retained(topics, new MtpAddress("MQTT", "usp/controller/one", "proto::other"),
                response), "a controller without an MQTT MTP here");
    }

    @Test
    void a_controller_mtp_naming_an_agent_mtp_is_reached_through_that_one_and_a_bad_reference_is_a_problem() {
        List<String> base = List.of(
                "Device.LocalAgent.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.MTP.2.Protocol = MQTT",
                "Device.LocalAgent.MTP.3.Protocol = WebSocket",
                "Device.LocalAgent.Controller.1.EndpointID = proto::one",
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic = usp/controller/one");
        DataModel named = model(with(base, "Device.LocalAgent.Controller.1.MTP.1.MQTT.AgentMTPReference = Device.LocalAgent.MTP.2."));
        MtpSettings.ControllerTopic topic = MtpSettings.controllerTopics(named).get(0);
        assertEquals("Device.LocalAgent.MTP.2", topic.agentMtp());
        assertTrue(topic.reachableThrough("Device.LocalAgent.MTP.2"));
        assertFalse(topic.reachableThrough("Device.LocalAgent.MTP.1"));
        assertEquals(List.of(), MtpSettings.read(named, OPTIONS).problems());
        assertTrue(MtpSettings.controllerTopics(model(base.toArray(String[]::new))).get(0)
                .reachableThrough("Device.LocalAgent.MTP.1"), "no reference: any MQTT MTP");

        for (String[] bad : new String[][] {
                {"Device.LocalAgent.MTP.9", "Device.LocalAgent.MTP.9 does not exist"},
                {"Device.LocalAgent.MTP.3", "Device.LocalAgent.MTP.3 is no MQTT MTP (its Protocol is WebSocket)"},
                {"Device.MQTT.Client.1", "'Device.MQTT.Client.1' is not a Device.LocalAgent.MTP.{i}"}}) {
            DataModel model = model(with(base, "Device.LocalAgent.Controller.1.MTP.1.MQTT.AgentMTPReference = " + bad[0]));
            assertEquals(List.of("Device.LocalAgent.Controller.1.MTP.1.MQTT.AgentMTPReference: " + bad[1]),
                    MtpSettings.read(model, OPTIONS).problems().stream().map(Object::toString).toList());
            assertEquals(List.of(), MtpSettings.controllerTopics(model), "not reached through any MTP instead");
        }
    }

    @Test
    void an_mtp_is_the_same_when_nothing_it_runs_with_changed() {
        String[] lines = with(MQTT_MTP, "Device.MQTT.Client.1.Enable = true", "Device.MQTT.Client.1.BrokerAddress = h",
                "Device.MQTT.Client.1.Password = one");
        MtpSettings.Mtp a = read(lines).mtps().get(0);
        assertTrue(a.sameAs(read(lines).mtps().get(0)));
        String[] otherPassword = with(List.of(lines), "Device.MQTT.Client.1.Password = two");
        assertFalse(a.sameAs(read(otherPassword).mtps().get(0)), "a new password means a new connection");
        MtpSettings.Mtp ws = read(CONTROLLER.toArray(String[]::new)).mtps().get(0);
        assertTrue(ws.sameAs(read(CONTROLLER.toArray(String[]::new)).mtps().get(0)));
        assertFalse(ws.sameAs(read(with(CONTROLLER, "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Port = 9"))
                .mtps().get(0)));
    }

    @Test
    void an_mqtt_mtp_whose_subscriptions_alone_changed_is_the_same_but_for_them() {
        String[] lines = with(MQTT_MTP, "Device.MQTT.Client.1.Enable = true", "Device.MQTT.Client.1.BrokerAddress = h");
        MtpSettings.MqttClientMtp a = (MtpSettings.MqttClientMtp) read(lines).mtps().get(0);
        String[] subscribed = with(List.of(lines), "Device.MQTT.Client.1.Subscription.1.Enable = true",
                "Device.MQTT.Client.1.Subscription.1.Topic = usp/extra/#");
        MtpSettings.Mtp b = read(subscribed).mtps().get(0);
        assertFalse(a.sameAs(b));
        assertTrue(a.sameButSubscriptions(b));
        MtpSettings.Mtp otherQos = read(with(List.of(subscribed), "Device.MQTT.Client.1.Subscription.1.QoS = 2"))
                .mtps().get(0);
        assertFalse(b.sameAs(otherQos), "a QoS changed is a subscription changed");
        assertTrue(((MtpSettings.MqttClientMtp) b).sameButSubscriptions(otherQos));
        assertFalse(a.sameButSubscriptions(read(with(List.of(lines), "Device.MQTT.Client.1.BrokerPort = 1884"))
                .mtps().get(0)));
    }
}

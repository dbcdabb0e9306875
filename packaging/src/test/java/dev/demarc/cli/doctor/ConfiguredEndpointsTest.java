package dev.demarc.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.defaults.FactoryDefaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredEndpointsTest {

    private static Map<String, String> defaults(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Assignment a : FactoryDefaults.parse("test.defaults", text).value()) {
            m.put(a.path(), a.value());
        }
        return m;
    }

    @Test
    void an_enabled_mqtt_client_is_its_broker_with_the_models_defaults() {
        ConfiguredEndpoints c = ConfiguredEndpoints.fromParameters("defaults", defaults("""
                Device.MQTT.Client.1.Enable = true
                Device.MQTT.Client.1.BrokerAddress = mqtt.example.net
                Device.MQTT.Client.2.Enable = true
                Device.MQTT.Client.2.BrokerAddress = 192.0.2.9
                Device.MQTT.Client.2.BrokerPort = 8883
                Device.MQTT.Client.2.TransportProtocol = TLS
                Device.MQTT.Client.3.BrokerAddress = disabled.example.net
                """));
        assertEquals(List.of(
                new Endpoint(Endpoint.Kind.MQTT_BROKER, "Device.MQTT.Client.1.", "mqtt.example.net", 1883, false),
                new Endpoint(Endpoint.Kind.MQTT_BROKER, "Device.MQTT.Client.2.", "192.0.2.9", 8883, true)),
                c.endpoints());
        assertEquals("defaults", c.source());
    }

    @Test
    void an_enabled_websocket_mtp_of_an_enabled_controller_is_its_server() {
        ConfiguredEndpoints c = ConfiguredEndpoints.fromParameters("agent", defaults("""
                Device.LocalAgent.Controller.1.Enable = true
                Device.LocalAgent.Controller.1.MTP.1.Enable = true
                Device.LocalAgent.Controller.1.MTP.1.Protocol = WebSocket
                Device.LocalAgent.Controller.1.MTP.1.WebSocket.Host = usp.example.net
                Device.LocalAgent.Controller.1.MTP.2.Enable = true
                Device.LocalAgent.Controller.1.MTP.2.Protocol = MQTT
                Device.LocalAgent.Controller.2.Enable = false
                Device.LocalAgent.Controller.2.MTP.1.Enable = true
                Device.LocalAgent.Controller.2.MTP.1.Protocol = WebSocket
                Device.LocalAgent.Controller.2.MTP.1.WebSocket.Host = off.example.net
                Device.LocalAgent.Controller.3.Enable = true
                Device.LocalAgent.Controller.3.MTP.1.Enable = true
                Device.LocalAgent.Controller.3.MTP.1.Protocol = WebSocket
                Device.LocalAgent.Controller.3.MTP.1.WebSocket.Host = 127.0.0.1
                Device.LocalAgent.Controller.3.MTP.1.WebSocket.Port = 9080
                Device.LocalAgent.Controller.3.MTP.1.WebSocket.EnableEncryption = false
                """));
        assertEquals(List.of(
                new Endpoint(Endpoint.Kind.USP_CONTROLLER, "Device.LocalAgent.Controller.1.MTP.1.", "usp.example.net",
                        443, true),
                new Endpoint(Endpoint.Kind.USP_CONTROLLER, "Device.LocalAgent.Controller.3.MTP.1.", "127.0.0.1",
                        9080, false)),
                c.endpoints());
    }

    @Test
    void an_acs_url_is_its_server() {
        ConfiguredEndpoints c = ConfiguredEndpoints.fromParameters("agent",
                Map.of("Device.ManagementServer.URL", "https://acs.example.net/cwmp"));
        assertEquals(List.of(new Endpoint(Endpoint.Kind.ACS, "Device.ManagementServer.", "acs.example.net", 443, true)),
                c.endpoints());
        c = ConfiguredEndpoints.fromParameters("agent", Map.of("Device.ManagementServer.URL", "http://[2001:db8::1]:7547/"));
        assertEquals(new Endpoint(Endpoint.Kind.ACS, "Device.ManagementServer.", "2001:db8::1", 7547, false),
                c.endpoints().get(0));
        assertEquals("[2001:db8::1]:7547", c.endpoints().get(0).hostPort());
    }

    @Test
    void what_cannot_be_checked_is_a_note() {
        ConfiguredEndpoints c = ConfiguredEndpoints.fromParameters("agent", Map.of(
                "Device.MQTT.Client.1.Enable", "true", "Device.MQTT.Client.1.BrokerAddress", "a.example",
                "Device.MQTT.Client.1.BrokerPort", "70000",
                "Device.ManagementServer.URL", "ftp://acs.example.net/"));
        assertEquals(List.of(), c.endpoints());
        assertEquals(2, c.notes().size(), c.notes().toString());
        assertTrue(c.notes().get(0).startsWith("Device.MQTT.Client.1.: MQTT broker not checked"), c.notes().toString());
        assertTrue(c.notes().get(1).contains("ftp://acs.example.net/"), c.notes().toString());
    }
}

package dev.demarc.tr181;

import static dev.demarc.tr181.ModelFixture.addOne;
import static dev.demarc.tr181.ModelFixture.deleteOne;
import static dev.demarc.tr181.ModelFixture.lines;
import static dev.demarc.tr181.ModelFixture.outcome;
import static dev.demarc.tr181.ModelFixture.read;
import static dev.demarc.tr181.ModelFixture.setOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.schema.ObjectDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Device.LocalAgent.MTP.{i}.}: the agent's own MTPs, as TR-181 defines them. */
class LocalAgentMtpObjectTest {

    private final ModelFixture fixture = new ModelFixture();

    @Test
    void the_table_is_creatable_with_alias_as_its_only_unique_key() {
        ObjectDef mtp = Tr181Model.schema().object(LocalAgentMtpObject.PATH).orElseThrow();
        assertTrue(mtp.creatable());
        assertEquals(List.of(List.of("Alias")), mtp.uniqueKeys());
        assertEquals(List.of("Alias", "Enable", "Status", "Protocol"), mtp.parameters().stream().map(p -> p.name()).toList(),
                "no EnableMDNS (no mDNS)");
    }

    @Test
    void status_and_the_discovered_response_topic_are_what_the_running_agent_says() {
        ObjectDef mtp = Tr181Model.schema().object(LocalAgentMtpObject.PATH).orElseThrow();
        assertEquals(List.of("Up", "Down", "Error"), mtp.parameter("Status").orElseThrow().type().enumerations());
        assertFalse(mtp.parameter("Status").orElseThrow().isWritable());
        DataModel model = fixture.open(lines("Device.LocalAgent.MTP.1.Protocol", "MQTT",
                "Device.LocalAgent.MTP.2.Protocol", "WebSocket"));
        assertEquals("Down", read(model, "Device.LocalAgent.MTP.1.Status"), "not running");
        assertEquals("", read(model, "Device.LocalAgent.MTP.1.MQTT.ResponseTopicDiscovered"));

        fixture.mtpStatus.setMtp("Device.LocalAgent.MTP.1", new MtpStatusRegistry.MtpState("Up", "usp/from/broker"));
        fixture.mtpStatus.setMtp("Device.LocalAgent.MTP.2", new MtpStatusRegistry.MtpState("Error", ""));

        assertEquals("Up", read(model, "Device.LocalAgent.MTP.1.Status"));
        assertEquals("usp/from/broker", read(model, "Device.LocalAgent.MTP.1.MQTT.ResponseTopicDiscovered"));
        assertEquals("Error", read(model, "Device.LocalAgent.MTP.2.Status"));
        assertTrue(model.providedByPlatform("Device.LocalAgent.MTP.1.Status"), "read from the agent, never stored");
    }

    @Test
    void a_new_mtp_has_the_standard_defaults() {
        DataModel model = fixture.open(List.of());
        String mtp = addOne(model, "Device.LocalAgent.MTP.", Map.of("Protocol", "WebSocket")).value();
        assertEquals("Device.LocalAgent.MTP.1.", mtp);
        assertEquals("1", read(model, "Device.LocalAgent.MTPNumberOfEntries"));
        assertEquals("cpe-1", read(model, mtp + "Alias"));
        assertEquals("false", read(model, mtp + "Enable"));
        assertEquals("WebSocket", read(model, mtp + "Protocol"));
        assertEquals("", read(model, mtp + "WebSocket.Interfaces"));
        assertEquals("8443", read(model, mtp + "WebSocket.Port"));
        assertEquals("", read(model, mtp + "WebSocket.Path"));
        assertEquals("true", read(model, mtp + "WebSocket.EnableEncryption"));
        assertEquals("60", read(model, mtp + "WebSocket.KeepAliveInterval"));
        assertEquals("", read(model, mtp + "MQTT.Reference"));
        assertEquals("", read(model, mtp + "MQTT.ResponseTopicConfigured"));
        assertEquals(LocalAgentMtpObject.DEFAULT_MQTT_PUBLISH_QOS, read(model, mtp + "MQTT.PublishQoS"));
    }

    @Test
    void two_mtps_may_use_the_same_protocol() {
        DataModel model = fixture.open(List.of());
        assertTrue(addOne(model, "Device.LocalAgent.MTP.", Map.of("Protocol", "MQTT")).isOk());
        assertTrue(addOne(model, "Device.LocalAgent.MTP.", Map.of("Protocol", "MQTT")).isOk());
        assertEquals("2", read(model, "Device.LocalAgent.MTPNumberOfEntries"));
    }

    @Test
    void a_controller_may_delete_an_mtp() {
        DataModel model = fixture.open(lines("Device.LocalAgent.MTP.1.Protocol", "WebSocket"));
        assertEquals("ok", outcome(deleteOne(model, "Device.LocalAgent.MTP.1.")));
        assertEquals("0", read(model, "Device.LocalAgent.MTPNumberOfEntries"));
    }

    @Test
    void the_number_of_mtps_is_bounded() {
        DataModel model = fixture.open(List.of());
        for (int i = 0; i < LocalAgentMtpObject.MAX_MTPS; i++) {
            assertTrue(addOne(model, "Device.LocalAgent.MTP.", Map.of("Protocol", "MQTT")).isOk());
        }
        Result<String> one = addOne(model, "Device.LocalAgent.MTP.", Map.of("Protocol", "MQTT"));
        assertEquals(ErrorCode.RESOURCES_EXCEEDED, one.error().code());
    }

    @Test
    void an_mtp_from_the_factory_defaults_persists_across_a_restart() {
        DataModel model = fixture.open(lines(
                "Device.LocalAgent.MTP.1.Enable", "true",
                "Device.LocalAgent.MTP.1.Protocol", "MQTT",
                "Device.LocalAgent.MTP.1.MQTT.Reference", "Device.MQTT.Client.1",
                "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured", "usp/agents/os::00D09E-SN1234"));
        assertEquals(Result.ok("Device.MQTT.Client.1"), model.read("Device.LocalAgent.MTP.1.MQTT.Reference"));
        DataModel again = fixture.reopen();
        assertEquals("true", read(again, "Device.LocalAgent.MTP.1.Enable"));
        assertEquals("usp/agents/os::00D09E-SN1234", read(again, "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource({
        "Enable, maybe, 7011",
        "Enable, true, ok",
        "Alias, other, 7013",
        "Protocol, MQTT, ok",
        "Protocol, UDS, ok",
        "Protocol, CoAP, 7012",
        "WebSocket.Interfaces, 'Device.IP.Interface.1,Device.IP.Interface.2', ok",
        "WebSocket.Port, 0, 7012",
        "WebSocket.Port, 65535, ok",
        "WebSocket.Port, 65536, 7012",
        "WebSocket.Path, /usp, ok",
        "WebSocket.EnableEncryption, false, ok",
        "WebSocket.KeepAliveInterval, 0, 7012",
        "WebSocket.KeepAliveInterval, 1, ok",
        "MQTT.PublishQoS, 0, ok",
        "MQTT.PublishQoS, 2, ok",
        "MQTT.PublishQoS, 3, 7012",
        "MQTT.ResponseTopicConfigured, usp/agent, ok",
        "MQTT.ResponseTopicDiscovered, usp/agent, 7013",
        "Status, Up, 7013",
    })
    void mtp_parameters_have_the_standards_facets(String relative, String value, String expected) {
        DataModel model = fixture.open(lines("Device.LocalAgent.MTP.1.Protocol", "WebSocket"));
        assertEquals(expected, outcome(setOne(model, "Device.LocalAgent.MTP.1." + relative, value)));
    }
}

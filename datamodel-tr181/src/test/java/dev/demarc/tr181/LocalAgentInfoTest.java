package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalAgentInfoTest {

    private static LocalAgentInfo info(String endpointId, List<String> protocols) {
        return new LocalAgentInfo(endpointId, "0.1.0", () -> 0, protocols);
    }

    @ParameterizedTest
    @ValueSource(strings = {"os::00D09E-SN1234", "oui:00256D:my-unique-bbf-id-42", "proto::controller-1", "self::agent"})
    void endpoint_ids_of_the_tr369_form_are_accepted(String id) {
        assertEquals(id, info(id, List.of()).endpointId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "agent", "os:only-one-colon", "os::", "os::has space", "OS::x", "os:a:b:c:\u00e9"})
    void other_endpoint_ids_are_refused(String id) {
        assertThrows(IllegalArgumentException.class, () -> info(id, List.of()));
    }

    @Test
    void protocols_must_be_the_standards_and_not_repeated() {
        assertEquals(List.of("MQTT", "WebSocket"), info("os::x", List.of("MQTT", "WebSocket")).supportedProtocols());
        assertThrows(IllegalArgumentException.class, () -> info("os::x", List.of("CoAP")));
        assertThrows(IllegalArgumentException.class, () -> info("os::x", List.of("mqtt")));
        assertThrows(IllegalArgumentException.class, () -> info("os::x", List.of("MQTT", "MQTT")));
    }

    @Test
    void the_os_endpoint_id_joins_oui_and_serial_number() {
        assertEquals(Optional.of("os::00D09E-SN1234"), LocalAgentInfo.osEndpointId("00D09E", "SN1234"));
        assertEquals(Optional.of("os::00D09E-AB%20C%2F%C3%A9_1.2~x-y"), LocalAgentInfo.osEndpointId("00D09E", "AB C/\u00e9_1.2~x-y"),
                "characters outside the unreserved set are percent-encoded");
        assertEquals(Optional.empty(), LocalAgentInfo.osEndpointId("", "SN1234"));
        assertEquals(Optional.empty(), LocalAgentInfo.osEndpointId("00d09e", "SN1234"));
        assertEquals(Optional.empty(), LocalAgentInfo.osEndpointId("00D09E", ""));
    }
}

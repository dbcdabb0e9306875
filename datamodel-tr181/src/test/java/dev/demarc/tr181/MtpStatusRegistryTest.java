package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.demarc.tr181.MtpStatusRegistry.MqttClientState;
import dev.demarc.tr181.MtpStatusRegistry.MtpState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live values of the MTPs: what each change changes, and what an instance nobody runs reads. */
class MtpStatusRegistryTest {

    private final MtpStatusRegistry registry = new MtpStatusRegistry();

    @Test
    void an_instance_nobody_runs_reads_disabled_or_down() {
        assertEquals(MqttClientState.DISABLED, registry.mqttClient("Device.MQTT.Client.3"));
        assertEquals(MtpState.DOWN, registry.mtp("Device.LocalAgent.MTP.3."));
    }

    @Test
    void a_change_answers_the_parameters_whose_value_changed() {
        assertEquals(List.of("Device.MQTT.Client.1.Status"),
                registry.setMqttClient("Device.MQTT.Client.1", new MqttClientState("Connecting", "")));
        assertEquals(List.of("Device.MQTT.Client.1.Status", "Device.MQTT.Client.1.ResponseInformation"),
                registry.setMqttClient("Device.MQTT.Client.1.", new MqttClientState("Connected", "usp/r")));
        assertEquals(List.of(), registry.setMqttClient("Device.MQTT.Client.1", new MqttClientState("Connected", "usp/r")),
                "the same values again change nothing");
        assertEquals(List.of("Device.LocalAgent.MTP.2.Status", "Device.LocalAgent.MTP.2.MQTT.ResponseTopicDiscovered"),
                registry.setMtp("Device.LocalAgent.MTP.2", new MtpState("Up", "usp/r")));
        assertEquals(new MqttClientState("Connected", "usp/r"), registry.mqttClient("Device.MQTT.Client.1."));
        assertEquals(new MtpState("Up", "usp/r"), registry.mtp("Device.LocalAgent.MTP.2"));
    }

    @Test
    void retain_forgets_the_others_which_read_as_not_running_again() {
        registry.setMqttClient("Device.MQTT.Client.1", new MqttClientState("Connected", ""));
        registry.setMqttClient("Device.MQTT.Client.2", new MqttClientState("Error_Misconfigured", ""));
        registry.setMtp("Device.LocalAgent.MTP.1", new MtpState("Up", ""));

        List<String> changed = registry.retain(List.of("Device.MQTT.Client.1", "Device.LocalAgent.MTP.9"));

        assertEquals(List.of("Device.MQTT.Client.2.Status", "Device.LocalAgent.MTP.1.Status"), changed);
        assertEquals("Connected", registry.mqttClient("Device.MQTT.Client.1").status());
        assertEquals("Disabled", registry.mqttClient("Device.MQTT.Client.2").status());
        assertEquals("Down", registry.mtp("Device.LocalAgent.MTP.1").status());
    }

    @Test
    void the_parameters_it_gives_are_read_only_parameters_of_the_model() {
        for (String path : MtpStatusRegistry.PARAMETERS) {
            int dot = path.lastIndexOf('.');
            var p = Tr181Model.schema().object(path.substring(0, dot + 1)).orElseThrow()
                    .parameter(path.substring(dot + 1)).orElseThrow();
            assertFalse(p.isWritable(), path);
        }
    }

    @Test
    void only_the_standards_values_and_instance_paths_are_taken() {
        assertThrows(IllegalArgumentException.class, () -> new MqttClientState("Up", ""));
        assertThrows(IllegalArgumentException.class, () -> new MtpState("Connected", ""));
        assertThrows(IllegalArgumentException.class, () -> new MtpState("Up", "t".repeat(65536)));
        assertThrows(IllegalArgumentException.class, () -> registry.mqttClient("Device.LocalAgent.MTP.1"));
        assertThrows(IllegalArgumentException.class, () -> registry.mtp("Device.LocalAgent.MTP.*"));
        assertThrows(IllegalArgumentException.class, () -> registry.mtp("Device.LocalAgent.MTP.0"));
        for (String bad : new String[] {"Device.LocalAgent.MTP.", "Device.LocalAgent.MTP..", "Device.LocalAgent.MTP.01",
            "Device.LocalAgent.MTP.1..", "Device.LocalAgent.MTP.1.2", "Device.LocalAgent.MTP.12345678901",
            "Device.LocalAgent.MTP.1a", "Device.LocalAgent.MTP.-1"}) {
            assertThrows(IllegalArgumentException.class, () -> registry.mtp(bad), bad);
        }
        assertEquals(MtpState.DOWN, registry.mtp("Device.LocalAgent.MTP.1234567890"), "ten digits");
        assertEquals(MtpState.DOWN, registry.mtp("Device.LocalAgent.MTP.10."));
    }
}

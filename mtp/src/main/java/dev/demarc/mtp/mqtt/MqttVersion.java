package dev.demarc.mtp.mqtt;

import java.util.Optional;

/**
 * The MQTT protocol versions the agent speaks, named as TR-181
 * {@code Device.MQTT.Client.{i}.ProtocolVersion} names them. TR-369 requires 5.0 (R-MQTT.1) and
 * allows 3.1.1 (R-MQTT.2); 3.1 is not supported.
 */
public enum MqttVersion {
    /** MQTT 3.1.1: no properties; the "reply to" topic travels in the topic name (R-MQTT.24). */
    V3_1_1("3.1.1"),
    /** MQTT 5.0: Content Type, Response Topic and User Properties on every PUBLISH. */
    V5_0("5.0");

    private final String tr181Name;

    MqttVersion(String tr181Name) {
        this.tr181Name = tr181Name;
    }

    /** The value of {@code Device.MQTT.Client.{i}.ProtocolVersion} for this version. */
    public String tr181Name() {
        return tr181Name;
    }

    /** The version a TR-181 {@code ProtocolVersion} value names, or empty if unsupported. */
    public static Optional<MqttVersion> fromTr181(String value) {
        for (MqttVersion v : values()) {
            if (v.tr181Name.equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}

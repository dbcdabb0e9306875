package dev.demarc.mtp.mqtt;

import java.util.Optional;

/**
 * How the MQTT connection is carried, named as TR-181
 * {@code Device.MQTT.Client.{i}.TransportProtocol} names it. MQTT over WebSocket is not supported.
 */
public enum MqttTransportProtocol {
    /** Plain TCP (R-MQTT.3); TR-181 calls it {@code TCP/IP}. */
    TCP("TCP/IP"),
    /** TLS 1.2 or later over TCP (R-MQTT.48), with the server certificate verified. */
    TLS("TLS");

    private final String tr181Name;

    MqttTransportProtocol(String tr181Name) {
        this.tr181Name = tr181Name;
    }

    /** The value of {@code Device.MQTT.Client.{i}.TransportProtocol} for this transport. */
    public String tr181Name() {
        return tr181Name;
    }

    /** The transport a TR-181 {@code TransportProtocol} value names, or empty if unsupported. */
    public static Optional<MqttTransportProtocol> fromTr181(String value) {
        for (MqttTransportProtocol p : values()) {
            if (p.tr181Name.equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}

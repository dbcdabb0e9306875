package dev.demarc.mtp.mqtt;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of what an {@link MqttTransport} knows about its broker connection, for the
 * TR-181 read-only parameters and the CLI.
 *
 * @param status              {@code Device.MQTT.Client.{i}.Status}
 * @param clientId            the client identifier in use: the configured one, or the one the
 *                            broker assigned in CONNACK (R-MQTT.9), which the agent should save
 *                            in {@code Device.MQTT.Client.{i}.ClientID}; empty before the first
 *                            CONNACK if none is configured
 * @param responseInformation the CONNACK Response Information (MQTT 5.0), else empty:
 *                            {@code Device.MQTT.Client.{i}.ResponseInformation} and
 *                            {@code Device.LocalAgent.MTP.{i}.MQTT.ResponseTopicDiscovered}
 * @param replyToTopic        the agent's "reply to" topic in use: the Response Information if
 *                            the broker gave one, else the configured response topic (R-MQTT.21);
 *                            this is the {@code subscribed_topic} of the MQTT connect record
 * @param subscriptions       the topic filters subscribed to on this connection: those the
 *                            broker accepted, and those of a change awaiting their SUBACK
 * @param lastError           why the last attempt or connection failed, empty if none
 */
public record MqttConnectionInfo(
        MqttClientStatus status,
        String clientId,
        String responseInformation,
        String replyToTopic,
        List<String> subscriptions,
        String lastError) {

    public MqttConnectionInfo {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(responseInformation, "responseInformation");
        Objects.requireNonNull(replyToTopic, "replyToTopic");
        subscriptions = List.copyOf(subscriptions);
        Objects.requireNonNull(lastError, "lastError");
    }

    static MqttConnectionInfo initial(String clientId) {
        return new MqttConnectionInfo(MqttClientStatus.DISABLED, clientId, "", "", List.of(), "");
    }

    MqttConnectionInfo withStatus(MqttClientStatus newStatus, String error) {
        return new MqttConnectionInfo(newStatus, clientId, responseInformation, replyToTopic,
                newStatus == MqttClientStatus.CONNECTED ? subscriptions : List.of(), error);
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof MqttConnectionInfo o
                && Objects.equals(status, o.status)
                && Objects.equals(clientId, o.clientId)
                && Objects.equals(responseInformation, o.responseInformation)
                && Objects.equals(replyToTopic, o.replyToTopic)
                && Objects.equals(subscriptions, o.subscriptions)
                && Objects.equals(lastError, o.lastError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, clientId, responseInformation, replyToTopic, subscriptions, lastError);
    }
}

package dev.demarc.mtp.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One MQTT connection to the broker through one Paho client, with what differs between MQTT 5.0
 * and 3.1.1 kept inside. {@link MqttTransport} makes a new link for every connection attempt and
 * closes it when the connection ends. Futures complete on Paho's threads; {@link Events} are
 * called on Paho's callback thread.
 */
interface PahoLink {

    /** Sends CONNECT; completes with what CONNACK said, or fails with Paho's exception. */
    CompletableFuture<ConnAck> connect();

    /**
     * Sends one SUBSCRIBE with every filter, each at the QoS of the same index in {@code qos};
     * completes with one entry per filter, true where the broker accepted it.
     */
    CompletableFuture<List<Boolean>> subscribe(List<String> filters, List<Integer> qos);

    /**
     * Sends one UNSUBSCRIBE with every filter; completes on UNSUBACK (whatever its reason codes
     * say: the client no longer wants what those filters bring), or fails with Paho's exception.
     */
    CompletableFuture<Void> unsubscribe(List<String> filters);

    /**
     * Publishes one USP Record to {@code topic} with "reply to" topic {@code replyTo}: as
     * properties in MQTT 5.0, in the topic name in MQTT 3.1.1, and the RETAIN flag {@code
     * retain}. Completes on PUBACK (QoS 1), PUBCOMP (QoS 2) or once written (QoS 0). {@code
     * record} is not copied.
     */
    CompletableFuture<Void> publish(String topic, byte[] record, int qos, String replyTo, boolean retain);

    /** Sends DISCONNECT (R-MQTT.35), waits at most {@code timeout} for it, and closes. Never throws. */
    void disconnectAndClose(Duration timeout);

    /** Drops the connection without DISCONNECT and releases it. Never throws. */
    void closeForcibly();

    /**
     * What the broker said in CONNACK; for MQTT 3.1.1 only defaults.
     *
     * @param assignedClientId    Assigned Client Identifier, empty if none
     * @param responseInformation Response Information, empty if none
     * @param subscribeTopics     values of the "subscribe-topic" user properties (R-MQTT.15)
     * @param maximumQos          Maximum QoS the broker accepts in PUBLISH (2 if not said)
     * @param retainAvailable     false if the broker said Retain Available = 0: it takes no
     *                            PUBLISH with RETAIN set
     */
    record ConnAck(String assignedClientId, String responseInformation, List<String> subscribeTopics, int maximumQos,
                   boolean retainAvailable) {
        public ConnAck {
            Objects.requireNonNull(assignedClientId, "assignedClientId");
            Objects.requireNonNull(responseInformation, "responseInformation");
            subscribeTopics = List.copyOf(subscribeTopics);
        }

        static final ConnAck PLAIN = new ConnAck("", "", List.of(), 2, true);
    }

    /**
     * One received PUBLISH, as Paho gave it.
     *
     * @param topic         the topic name
     * @param payload       Paho's payload array, not yet copied
     * @param responseTopic the Response Topic property (5.0), else null
     * @param contentType   the Content Type property (5.0), else null
     * @param endpointId    the {@code usp-endpoint-id} user property (5.0), else null
     */
    record Inbound(String topic, byte[] payload, String responseTopic, String contentType, String endpointId) {
    }

    /** What a link reports, on Paho's threads. */
    interface Events {
        /** A PUBLISH arrived. Must not block: Paho holds its acknowledgement until this returns. */
        void arrived(Inbound message);

        /** The connection ended without our asking. */
        void lost(String reason);
    }
}

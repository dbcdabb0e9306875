package dev.demarc.agent;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A controller's MQTT side, written with plain Paho as TR-369's MQTT binding describes a
 * controller: subscribed to its own topic, it publishes records to the agent's topic naming its
 * own as the "reply to" topic (MQTT 5.0: Response Topic property, Content Type {@code usp.msg},
 * {@code usp-endpoint-id} user property; MQTT 3.1.1: {@code /reply-to=} at the end of the topic
 * name, R-MQTT.24).
 */
final class MqttTestController implements ControllerEnd {

    /**
     * One PUBLISH from the agent; the Content Type and Response Topic are null in MQTT 3.1.1.
     * {@code retained}: the broker sent it as a retained message, at the subscription.
     */
    record Received(String topic, byte[] payload, String contentType, String responseTopic, boolean retained) {
    }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final boolean v5;
    private final String topic;
    private final String endpointId;
    private final String agentTopic;
    private final MqttAsyncClient client5;
    private final org.eclipse.paho.client.mqttv3.MqttAsyncClient client3;

    /**
     * Connects and subscribes.
     *
     * @param version    "5.0" or "3.1.1"
     * @param topic      the controller's own topic
     * @param agentTopic where the agent takes records
     */
    MqttTestController(String version, String host, int port, String clientId, String topic, String endpointId,
                       String agentTopic) throws Exception {
        this.v5 = version.equals("5.0");
        this.topic = topic;
        this.endpointId = endpointId;
        this.agentTopic = agentTopic;
        String uri = "tcp://" + host + ":" + port;
        long wait = Usp.WAIT.toMillis();
        if (v5) {
            client3 = null;
            client5 = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
            client5.setCallback(new Callback5());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client5.connect(options).waitForCompletion(wait);
            // The topic and what is below it: a "reply to" topic may be one of those (TP-469 11.14).
            client5.subscribe(new MqttSubscription[] {new MqttSubscription(topic + "/#", 1)}, null, null,
                    new MqttProperties()).waitForCompletion(wait);
        } else {
            client5 = null;
            client3 = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(uri, clientId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            client3.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String t, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    received.add(new Received(t, m.getPayload(), null, null, m.isRetained()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            client3.connect(options).waitForCompletion(wait);
            // The agent publishes to <topic>/reply-to=<its topic>.
            client3.subscribe(topic + "/#", 1).waitForCompletion(wait);
        }
    }

    @Override
    public void send(byte[] record) throws Exception {
        send(record, agentTopic, topic, "usp.msg", 1);
    }

    /**
     * Publishes {@code record} to {@code to} at QoS {@code qos}, naming {@code replyTo} as the
     * "reply to" topic (none when null); in MQTT 5.0 with Content Type {@code contentType}.
     */
    void send(byte[] record, String to, String replyTo, String contentType, int qos) throws Exception {
        long wait = Usp.WAIT.toMillis();
        if (v5) {
            MqttProperties p = new MqttProperties();
            p.setContentType(contentType);
            if (replyTo != null) {
                p.setResponseTopic(replyTo);
            }
            p.setUserProperties(List.of(new UserProperty("usp-endpoint-id", endpointId)));
            client5.publish(to, new MqttMessage(record, qos, false, p)).waitForCompletion(wait);
        } else {
            org.eclipse.paho.client.mqttv3.MqttMessage m = new org.eclipse.paho.client.mqttv3.MqttMessage(record);
            m.setQos(qos);
            client3.publish(replyTo == null ? to : to + "/reply-to=" + replyTo.replace("/", "%2F"), m)
                    .waitForCompletion(wait);
        }
    }

    @Override
    public byte[] next() {
        return nextPublish().payload();
    }

    Received nextPublish() {
        return Usp.take(received, "a PUBLISH from the agent");
    }

    @Override
    public void close() throws Exception {
        if (v5) {
            if (client5.isConnected()) {
                client5.disconnect().waitForCompletion(5000);
            }
            client5.close();
        } else {
            if (client3.isConnected()) {
                client3.disconnect().waitForCompletion(5000);
            }
            client3.close();
        }
    }

    private final class Callback5 implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void messageArrived(String t, MqttMessage m) {
            received.add(new Received(t, m.getPayload(), m.getProperties().getContentType(),
                    m.getProperties().getResponseTopic(), m.isRetained()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}

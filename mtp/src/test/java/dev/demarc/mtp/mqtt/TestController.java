package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * A USP Controller's MQTT side, written in the test with plain Paho: it subscribes to its own
 * topic and publishes records to an agent the way TR-369 says a controller does (MQTT 5.0:
 * Content Type, Response Topic, {@code usp-endpoint-id}; MQTT 3.1.1: "/reply-to=").
 */
final class TestController implements AutoCloseable {

    /** One PUBLISH the controller received. */
    record Received(String topic, byte[] payload, String contentType, String responseTopic, String endpointId) {
    }

    private final MqttVersion version;
    private final String topic;
    private final String endpointId;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final MqttAsyncClient v5;
    private final org.eclipse.paho.client.mqttv3.MqttAsyncClient v3;

    TestController(MqttVersion version, String host, int port, String clientId, String topic, String endpointId)
            throws Exception {
        this.version = version;
        this.topic = topic;
        this.endpointId = endpointId;
        String uri = "tcp://" + host + ":" + port;
        if (version == MqttVersion.V5_0) {
            v3 = null;
            v5 = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
            v5.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                }

                @Override
                public void messageArrived(String t, MqttMessage m) {
                    MqttProperties p = m.getProperties();
                    String eid = null;
                    if (p.getUserProperties() != null) {
                        for (UserProperty u : p.getUserProperties()) {
                            if (u.getKey().equals(MqttTransport.ENDPOINT_ID_PROPERTY)) {
                                eid = u.getValue();
                            }
                        }
                    }
                    received.add(new Received(t, m.getPayload(), p.getContentType(), p.getResponseTopic(), eid));
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
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            v5.connect(options).waitForCompletion(RecordingListener.WAIT.toMillis());
            v5.subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)}, null, null, new MqttProperties())
                    .waitForCompletion(RecordingListener.WAIT.toMillis());
        } else {
            v5 = null;
            v3 = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(uri, clientId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            v3.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String t, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    received.add(new Received(t, m.getPayload(), null, null, null));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            v3.connect(options).waitForCompletion(RecordingListener.WAIT.toMillis());
            v3.subscribe(topic + "/#", 1).waitForCompletion(RecordingListener.WAIT.toMillis());
        }
    }

    /** The controller's own topic: where agents send it records. */
    String topic() {
        return topic;
    }

    /** Publishes {@code record} to {@code agentTopic} as a controller does, naming its own topic to reply to. */
    void send(String agentTopic, byte[] record) throws Exception {
        if (version == MqttVersion.V5_0) {
            List<UserProperty> user = new ArrayList<>();
            user.add(new UserProperty(MqttTransport.ENDPOINT_ID_PROPERTY, endpointId));
            publish5(agentTopic, record, MqttTransport.CONTENT_TYPE, topic, user);
        } else {
            publish3(MqttTopics.withReplyTo(agentTopic, topic), record);
        }
    }

    /** Publishes with exactly these MQTT 5.0 properties (null: left out). */
    void publish5(String to, byte[] payload, String contentType, String responseTopic, List<UserProperty> user)
            throws Exception {
        MqttProperties p = new MqttProperties();
        if (contentType != null) {
            p.setContentType(contentType);
        }
        if (responseTopic != null) {
            p.setResponseTopic(responseTopic);
        }
        if (user != null) {
            p.setUserProperties(user);
        }
        v5.publish(to, new MqttMessage(payload, 1, false, p)).waitForCompletion(RecordingListener.WAIT.toMillis());
    }

    /** Publishes to this exact MQTT 3.1.1 topic name. */
    void publish3(String to, byte[] payload) throws Exception {
        org.eclipse.paho.client.mqttv3.MqttMessage m = new org.eclipse.paho.client.mqttv3.MqttMessage(payload);
        m.setQos(1);
        v3.publish(to, m).waitForCompletion(RecordingListener.WAIT.toMillis());
    }

    Received next() throws InterruptedException {
        Received r = received.poll(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            fail("the controller received nothing within " + RecordingListener.WAIT);
        }
        return r;
    }

    @Override
    public void close() throws Exception {
        if (v5 != null) {
            if (v5.isConnected()) {
                v5.disconnect().waitForCompletion(5000);
            }
            v5.close();
        } else {
            if (v3.isConnected()) {
                v3.disconnect().waitForCompletion(5000);
            }
            v3.close();
        }
    }
}

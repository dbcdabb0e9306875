package dev.demarc.mtp.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An MQTT 5.0 connection through Paho's {@code mqttv5} client. */
final class Paho5Link implements PahoLink {

    private static final Logger LOG = LoggerFactory.getLogger(Paho5Link.class);

    /** Room for the topic and properties of a received PUBLISH beside the record itself. */
    static final long PACKET_OVERHEAD = 64 * 1024;

    private final MqttClientConfig config;
    private final SocketFactory socketFactory;
    private final MqttAsyncClient client;
    private final TimerPingSender pinger;
    private final Events events;
    private volatile boolean closing;

    /**
     * @param clientId      the client identifier to connect with (empty: the broker assigns one)
     * @param socketFactory the sockets to the broker ({@link MqttSockets}), TLS included
     * @param pool          the executor Paho runs its threads on (owned by the transport)
     * @param pings         where the keep-alive checks are scheduled: a thread that stays
     * @param events        what the link tells of the connection
     */
    Paho5Link(MqttClientConfig config, String clientId, SocketFactory socketFactory,
              ScheduledExecutorService pool, ScheduledExecutorService pings, Events events) throws MqttException {
        this.config = config;
        this.socketFactory = socketFactory;
        this.events = events;
        this.pinger = new TimerPingSender(pings);
        this.client = new MqttAsyncClient(config.pahoUri(), clientId, new MemoryPersistence(), pinger, pool);
        this.client.setCallback(new Callback());
    }

    @Override
    public CompletableFuture<ConnAck> connect() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(false);
        options.setCleanStart(config.cleanStart());
        options.setSessionExpiryInterval(config.sessionExpiryInterval());
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout((int) config.connectTimeout().toSeconds());
        options.setRequestResponseInfo(config.requestResponseInformation());
        options.setMaximumPacketSize(config.maxRecordSize() + PACKET_OVERHEAD);
        if (!config.username().isEmpty()) {
            options.setUserName(config.username());
        }
        if (!config.password().isEmpty()) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        if (!config.endpointId().isEmpty()) {
            List<UserProperty> props = new ArrayList<>();
            props.add(new UserProperty(MqttTransport.ENDPOINT_ID_PROPERTY, config.endpointId()));
            options.setUserProperties(props);
        }
        options.setSocketFactory(socketFactory);
        CompletableFuture<ConnAck> result = new CompletableFuture<>();
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    MqttProperties connack = token.getResponseProperties();
                    if (connack != null && connack.getServerKeepAlive() != null) {
                        keepAliveFromServer(connack.getServerKeepAlive());
                    }
                    result.complete(connAckOf(connack));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    result.completeExceptionally(error);
                }
            });
        } catch (MqttException | RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * The CONNACK's Server Keep Alive replaces the CONNECT's Keep Alive (MQTT 5.0, 3.2.2.3.14).
     * Paho takes the new value, but has already scheduled its first keep-alive check at the old
     * one, when it saw the CONNACK: a shorter Server Keep Alive would pass without a PINGREQ and
     * the broker would drop the connection. Restarting the pinger schedules that check at the
     * new value. Called on Paho's callback thread, before the first check is due.
     */
    private void keepAliveFromServer(int seconds) {
        if (seconds != config.keepAlive().toSeconds()) {
            LOG.debug("{}: keep alive {} s, as the broker's Server Keep Alive says", config.name(), seconds);
            pinger.stop();
            pinger.start();
        }
    }

    private static ConnAck connAckOf(MqttProperties p) {
        if (p == null) {
            return ConnAck.PLAIN;
        }
        List<String> subscribeTopics = new ArrayList<>();
        if (p.getUserProperties() != null) {
            for (UserProperty u : p.getUserProperties()) {
                if (MqttTransport.SUBSCRIBE_TOPIC_PROPERTY.equals(u.getKey()) && u.getValue() != null) {
                    subscribeTopics.add(u.getValue());
                }
            }
        }
        return new ConnAck(
                p.getAssignedClientIdentifier() == null ? "" : p.getAssignedClientIdentifier(),
                p.getResponseInfo() == null ? "" : p.getResponseInfo(),
                subscribeTopics,
                p.getMaximumQoS() == null ? 2 : p.getMaximumQoS(),
                p.isRetainAvailable() == null || p.isRetainAvailable());
    }

    @Override
    public CompletableFuture<List<Boolean>> subscribe(List<String> filters, List<Integer> qos) {
        MqttSubscription[] subs = new MqttSubscription[filters.size()];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = new MqttSubscription(filters.get(i), qos.get(i));
        }
        return completing(listener -> client.subscribe(subs, null, listener, new MqttProperties()), token -> {
            int[] codes = token.getReasonCodes();
            List<Boolean> accepted = new ArrayList<>();
            for (int i = 0; i < filters.size(); i++) {
                accepted.add(codes != null && i < codes.length && codes[i] < 0x80);
            }
            return accepted;
        });
    }

    @Override
    public CompletableFuture<Void> unsubscribe(List<String> filters) {
        return completing(listener -> client.unsubscribe(filters.toArray(new String[0]), null, listener,
                new MqttProperties()), token -> null);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] record, int qos, String replyTo, boolean retain) {
        MqttProperties props = new MqttProperties();
        props.setContentType(MqttTransport.CONTENT_TYPE);
        props.setResponseTopic(replyTo);
        if (!config.endpointId().isEmpty()) {
            List<UserProperty> user = new ArrayList<>();
            user.add(new UserProperty(MqttTransport.ENDPOINT_ID_PROPERTY, config.endpointId()));
            props.setUserProperties(user);
        }
        MqttMessage message = new MqttMessage(record, qos, retain, props);
        return completing(listener -> client.publish(topic, message, null, listener), token -> {
            int[] codes = token.getReasonCodes();
            if (codes != null) {
                for (int code : codes) {
                    if (code >= 0x80) {
                        throw new MqttException(code);
                    }
                }
            }
            return null;
        });
    }

    /** A Paho request that reports to {@code listener}. */
    private interface Request {
        void start(MqttActionListener listener) throws MqttException;
    }

    /** What a request's success means: the value to complete with, or an exception to fail with. */
    private interface Outcome<T> {
        T of(IMqttToken token) throws MqttException;
    }

    /** Starts {@code request}; the future completes as its listener hears, or fails if it cannot start. */
    private static <T> CompletableFuture<T> completing(Request request, Outcome<T> outcome) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            request.start(new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    try {
                        result.complete(outcome.of(token));
                    } catch (MqttException | RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    result.completeExceptionally(error);
                }
            });
        } catch (MqttException | RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public void disconnectAndClose(Duration timeout) {
        closing = true;
        try {
            if (client.isConnected()) {
                client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("{}: DISCONNECT did not complete: {}", config.name(), e.toString());
        }
        closeForcibly();
    }

    @Override
    public void closeForcibly() {
        closing = true;
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("{}: forced disconnection: {}", config.name(), e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("{}: closing the Paho client: {}", config.name(), e.toString());
        }
    }

    /** Paho's callbacks, on its callback thread. */
    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (closing) {
                return;
            }
            String reason;
            if (response.getException() != null) {
                reason = describe(response.getException());
            } else {
                reason = "the broker sent DISCONNECT, reason code 0x" + Integer.toHexString(response.getReturnCode())
                        + (response.getReasonString() != null ? " (" + response.getReasonString() + ")" : "");
            }
            events.lost(reason);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("{}: MQTT error: {}", config.name(), describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (closing) {
                return;
            }
            MqttProperties p = message.getProperties();
            String endpointId = null;
            if (p != null && p.getUserProperties() != null) {
                for (UserProperty u : p.getUserProperties()) {
                    if (MqttTransport.ENDPOINT_ID_PROPERTY.equals(u.getKey())) {
                        endpointId = u.getValue();
                        break;
                    }
                }
            }
            events.arrived(new Inbound(topic, message.getPayload(),
                    p == null ? null : p.getResponseTopic(),
                    p == null ? null : p.getContentType(),
                    endpointId));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Each publish has its own listener.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Reported through the connect future.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            LOG.debug("{}: AUTH packet ignored (reason code {})", config.name(), reasonCode);
        }
    }

    /** A one-line reason for the logs and {@link MqttConnectionInfo#lastError()}, from a Paho failure. */
    static String describe(Throwable e) {
        Throwable cause = e.getCause() != null && e.getCause() != e ? e.getCause() : null;
        int code = -1;
        if (e instanceof MqttException m) {
            code = m.getReasonCode();
        } else if (e instanceof org.eclipse.paho.client.mqttv3.MqttException m) {
            code = m.getReasonCode();
        }
        if (code == 0 && cause != null) {
            // Paho's "Untranslated MqttException": the cause says it all.
            return cause.toString();
        }
        String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (code > 0 && !text.contains(String.valueOf(code))) {
            text = text + " (code " + code + ")";
        }
        return cause == null ? text : text + ": " + cause;
    }
}

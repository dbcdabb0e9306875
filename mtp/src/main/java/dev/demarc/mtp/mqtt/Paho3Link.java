package dev.demarc.mtp.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An MQTT 3.1.1 connection through Paho's {@code mqttv3} client. */
final class Paho3Link implements PahoLink {

    private static final Logger LOG = LoggerFactory.getLogger(Paho3Link.class);

    /** SUBACK return code of a refused subscription. */
    private static final int SUBSCRIBE_FAILURE = 0x80;

    private final MqttClientConfig config;
    private final SocketFactory socketFactory;
    private final MqttAsyncClient client;
    private final Events events;
    private volatile boolean closing;

    /**
     * @param clientId      the client identifier to connect with
     * @param socketFactory the sockets to the broker ({@link MqttSockets}), TLS included
     * @param pool          the executor Paho runs its threads on (owned by the transport)
     * @param pings         where the keep-alive checks are scheduled: a thread that stays
     * @param events        what the link tells of the connection
     */
    Paho3Link(MqttClientConfig config, String clientId, SocketFactory socketFactory,
              ScheduledExecutorService pool, ScheduledExecutorService pings, Events events) throws MqttException {
        this.config = config;
        this.socketFactory = socketFactory;
        this.events = events;
        this.client = new MqttAsyncClient(config.pahoUri(), clientId, new MemoryPersistence(),
                new ScheduledExecutorPingSender(pings), pool);
        this.client.setCallback(new Callback());
    }

    @Override
    public CompletableFuture<ConnAck> connect() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false);
        options.setCleanSession(config.cleanStart());
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout((int) config.connectTimeout().toSeconds());
        options.setMaxInflight(config.maxInflight());
        if (!config.username().isEmpty()) {
            options.setUserName(config.username());
        }
        if (!config.password().isEmpty()) {
            options.setPassword(config.password().toCharArray());
        }
        options.setSocketFactory(socketFactory);
        CompletableFuture<ConnAck> result = new CompletableFuture<>();
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    result.complete(ConnAck.PLAIN);
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
    public CompletableFuture<List<Boolean>> subscribe(List<String> filters, List<Integer> qos) {
        int[] qoss = qos.stream().mapToInt(Integer::intValue).toArray();
        return completing(listener -> client.subscribe(filters.toArray(new String[0]), qoss, null, listener), token -> {
            int[] granted = token.getGrantedQos();
            List<Boolean> accepted = new ArrayList<>();
            for (int i = 0; i < filters.size(); i++) {
                accepted.add(granted != null && i < granted.length && granted[i] != SUBSCRIBE_FAILURE);
            }
            return accepted;
        });
    }

    @Override
    public CompletableFuture<Void> unsubscribe(List<String> filters) {
        return completing(listener -> client.unsubscribe(filters.toArray(new String[0]), null, listener), token -> null);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] record, int qos, String replyTo, boolean retain) {
        MqttMessage message = new MqttMessage(record);
        message.setQos(qos);
        message.setRetained(retain);
        return completing(listener -> client.publish(MqttTopics.withReplyTo(topic, replyTo), message, null, listener),
                token -> null);
    }

    /** A Paho request that reports to {@code listener}. */
    private interface Request {
        void start(IMqttActionListener listener) throws MqttException;
    }

    /** Starts {@code request}; the future completes with {@code outcome} of its token, or fails as its listener hears. */
    private static <T> CompletableFuture<T> completing(Request request, Function<IMqttToken, T> outcome) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            request.start(new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    try {
                        result.complete(outcome.apply(token));
                    } catch (RuntimeException e) {
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
        public void connectionLost(Throwable cause) {
            if (!closing) {
                events.lost(Paho5Link.describe(cause));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (!closing) {
                events.arrived(new Inbound(topic, message.getPayload(), null, null, null));
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Each publish has its own listener.
        }
    }
}

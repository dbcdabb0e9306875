package dev.demarc.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The controller side of {@code demarc bench}: an MQTT 5.0 client (Paho, memory persistence)
 * subscribed to its own topic, sending USP Get requests to the agent's topic as TR-369's MQTT
 * binding says (QoS 1, Content Type {@code usp.msg}, Response Topic, {@code usp-endpoint-id}) and
 * matching each answer to its request by {@code msg_id}.
 *
 * <p>Threads: {@link #get} from any thread; Paho's callback thread parses what arrives and
 * completes the futures (a few microseconds a record, so its acknowledgements are not held up).
 */
final class BenchController implements AutoCloseable {

    /** Paho's waits: connect, subscribe, disconnect. */
    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(10);
    /** How long {@link #get} keeps retrying while Paho's window of unacknowledged PUBLISHes is full. */
    private static final long WINDOW_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** A request awaiting its answer. */
    private record Pending(String path, long sentNanos, CompletableFuture<Long> answered) {
    }

    private final String controllerId;
    private final String controllerTopic;
    private final String agentId;
    private final String agentTopic;
    private final MqttAsyncClient client;
    private final int receiveMaximum;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> connectRecord = new CompletableFuture<>();
    private final AtomicLong nextId = new AtomicLong();

    /**
     * Connects to {@code tcp://host:port} and subscribes to {@code controllerTopic}.
     *
     * @throws MqttException if the broker cannot be reached or refuses
     */
    BenchController(String host, int port, String clientId, String controllerId, String controllerTopic,
                    String agentId, String agentTopic) throws MqttException {
        this.controllerId = controllerId;
        this.controllerTopic = controllerTopic;
        this.agentId = agentId;
        this.agentTopic = agentTopic;
        String uriHost = host.contains(":") ? "[" + host + "]" : host;
        client = new MqttAsyncClient("tcp://" + uriHost + ":" + port, clientId, new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) TimeUnit.MILLISECONDS.toSeconds(WAIT_MILLIS));
        options.setSocketFactory(new NoDelaySockets());
        try {
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(WAIT_MILLIS);
            MqttProperties ack = connected.getResponseProperties();
            Integer max = ack == null ? null : ack.getReceiveMaximum();
            receiveMaximum = max == null || max <= 0 ? 65_535 : max;
            client.subscribe(new MqttSubscription[] {new MqttSubscription(controllerTopic, 1)}, null, null,
                    new MqttProperties()).waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            close();
            throw e;
        }
    }

    /** The most QoS 1 PUBLISHes the broker takes unacknowledged from one client (its Receive Maximum). */
    int brokerReceiveMaximum() {
        return receiveMaximum;
    }

    /** Completes with {@link System#nanoTime()} when the agent's MQTTConnectRecord arrives. */
    CompletableFuture<Long> connectRecord() {
        return connectRecord;
    }

    /**
     * Sends a Get of {@code path}. The future completes with the time from just before the
     * PUBLISH to the answer's arrival, in nanoseconds; it fails if the answer is an Error or
     * reports an error for the path, or if the connection is lost. It never times out by itself.
     */
    CompletableFuture<Long> get(String path) {
        String msgId = "bench-" + nextId.incrementAndGet();
        byte[] record = getRecord(msgId, path);
        MqttProperties properties = new MqttProperties();
        properties.setContentType("usp.msg");
        properties.setResponseTopic(controllerTopic);
        properties.setUserProperties(List.of(new UserProperty("usp-endpoint-id", controllerId)));
        MqttMessage message = new MqttMessage(record, 1, false, properties);
        CompletableFuture<Long> answered = new CompletableFuture<>();
        long deadline = System.nanoTime() + WINDOW_WAIT_NANOS;
        while (true) {
            long sent = System.nanoTime();
            pending.put(msgId, new Pending(path, sent, answered));
            try {
                client.publish(agentTopic, message);
                return answered;
            } catch (MqttException e) {
                pending.remove(msgId);
                // Paho frees its window slot only after the PUBACK's callback: wait a moment.
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
                    answered.completeExceptionally(new IllegalStateException(
                            "cannot publish the Get of " + path + ": " + e.getMessage(), e));
                    return answered;
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
            }
        }
    }

    private byte[] getRecord(String msgId, String path) {
        UspMsg.Msg get = UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.GET))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                        .setGet(UspMsg.Get.newBuilder().addParamPaths(path))))
                .build();
        return UspRecord.Record.newBuilder()
                .setVersion("1.4")
                .setFromId(controllerId)
                .setToId(agentId)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(get.toByteString()))
                .build()
                .toByteArray();
    }

    /** On Paho's callback thread. */
    private void arrived(byte[] payload, long now) {
        UspRecord.Record record;
        try {
            record = UspRecord.Record.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return;
        }
        switch (record.getRecordTypeCase()) {
            case MQTT_CONNECT -> connectRecord.complete(now);
            case NO_SESSION_CONTEXT -> answered(record, now);
            default -> {
                // a DisconnectRecord at the end; nothing else is expected
            }
        }
    }

    private void answered(UspRecord.Record record, long now) {
        UspMsg.Msg msg;
        try {
            msg = UspMsg.Msg.parseFrom(record.getNoSessionContext().getPayload());
        } catch (InvalidProtocolBufferException e) {
            return;
        }
        Pending p = pending.remove(msg.getHeader().getMsgId());
        if (p == null) {
            return;
        }
        UspMsg.Body body = msg.getBody();
        if (body.hasError()) {
            p.answered().completeExceptionally(new IllegalStateException("the agent answered the Get of " + p.path()
                    + " with Error " + body.getError().getErrCode() + ": " + body.getError().getErrMsg()));
            return;
        }
        if (!body.getResponse().hasGetResp()) {
            p.answered().completeExceptionally(new IllegalStateException("the agent answered the Get of " + p.path()
                    + " with " + msg.getHeader().getMsgType() + ", not GET_RESP"));
            return;
        }
        for (UspMsg.GetResp.RequestedPathResult r : body.getResponse().getGetResp().getReqPathResultsList()) {
            if (r.getErrCode() != 0) {
                p.answered().completeExceptionally(new IllegalStateException("the agent answered the Get of "
                        + p.path() + " with error " + r.getErrCode() + ": " + r.getErrMsg()
                        + " (is the controller's role Role.1?)"));
                return;
            }
        }
        p.answered().complete(now - p.sentNanos());
    }

    private void failAll(String reason) {
        IllegalStateException failure = new IllegalStateException(reason);
        connectRecord.completeExceptionally(failure);
        for (Pending p : List.copyOf(pending.values())) {
            p.answered().completeExceptionally(failure);
        }
        pending.clear();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(WAIT_MILLIS).waitForCompletion(WAIT_MILLIS);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing more to do
        }
        failAll("the controller was closed");
    }

    /**
     * Plain TCP sockets with Nagle's algorithm off: a request written right after the PUBACK of
     * the previous answer must not wait for the broker to acknowledge that PUBACK.
     */
    private static final class NoDelaySockets extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new SocketException("binding a local address is not supported");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw new SocketException("binding a local address is not supported");
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long now = System.nanoTime();
            arrived(message.getPayload(), now);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            failAll("the controller lost its connection to the broker: " + response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            failAll("MQTT error: " + exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}

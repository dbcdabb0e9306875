package dev.demarc.cli;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The controller side of {@code demarc bench}: an MQTT 5.0 client ({@link BenchMqttClient})
 * subscribed to its own topic, sending USP Get requests to the agent's topic as TR-369's MQTT
 * binding says (QoS 1, Content Type {@code usp.msg}, Response Topic, {@code usp-endpoint-id}) and
 * matching each answer to its request by {@code msg_id}.
 *
 * <p>It reads of each answer only what it checks, straight from the protobuf wire format: the
 * record's type, the Msg's {@code msg_id}, an Error's code and message, and for a GetResp each
 * requested path's error code and whether it resolved to an object. The parameters themselves
 * are skipped, not decoded: the bench measures the agent, and shares the CPU with it.
 *
 * <p>Threads: {@link #get} from any thread; the client's reader thread reads what arrives and
 * completes the futures (a few microseconds a record, so its acknowledgements are not held up).
 * What runs on a completed future runs on that thread, and may send the next Get from there.
 */
final class BenchController implements AutoCloseable {

    /** Waits for the broker: connect, subscribe, a place in the window of unacknowledged PUBLISHes. */
    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    /** A request awaiting its answer; {@code message} gets the answer's Msg when the caller wants it. */
    private record Pending(String path, long sentNanos, CompletableFuture<Long> answered,
                           CompletableFuture<byte[]> message) {
    }

    /** What an answer says, as far as the bench checks it. */
    private record Answer(String msgId, int msgType, int errorCode, String errorMessage, boolean getResp,
                          int pathErrorCode, String pathErrorMessage, int resolvedObjects) {
    }

    private static final int MSG_TYPE_ERROR = 0;

    private final String controllerId;
    private final String agentId;
    private final String agentTopic;
    private final List<BenchMqttClient.Property> properties;
    private final BenchMqttClient client;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> connectRecord = new CompletableFuture<>();
    private final AtomicLong nextId = new AtomicLong();

    /**
     * Connects to {@code host:port} and subscribes to {@code controllerTopic}.
     *
     * @throws IOException if the broker cannot be reached or refuses
     */
    BenchController(String host, int port, String clientId, String controllerId, String controllerTopic,
                    String agentId, String agentTopic) throws IOException {
        this.controllerId = controllerId;
        this.agentId = agentId;
        this.agentTopic = agentTopic;
        this.properties = List.of(
                BenchMqttClient.Property.string(BenchMqttClient.CONTENT_TYPE, "usp.msg"),
                BenchMqttClient.Property.string(BenchMqttClient.RESPONSE_TOPIC, controllerTopic),
                BenchMqttClient.Property.userProperty("usp-endpoint-id", controllerId));
        client = new BenchMqttClient(host, port, clientId, new BenchMqttClient.Listener() {
            @Override
            public void published(String topic, byte[] buffer, int offset, int length, long nanos) {
                arrived(buffer, offset, length, nanos);
            }

            @Override
            public void lost(String reason) {
                failAll("the controller lost its connection to the broker: " + reason);
            }
        }, WAIT_MILLIS);
        try {
            client.subscribe(controllerTopic);
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    /** The most QoS 1 PUBLISHes the broker takes unacknowledged from one client (its Receive Maximum). */
    int brokerReceiveMaximum() {
        return client.receiveMaximum();
    }

    /** Completes with {@link System#nanoTime()} when the agent's MQTTConnectRecord arrives. */
    CompletableFuture<Long> connectRecord() {
        return connectRecord;
    }

    /**
     * Sends a Get of {@code path}. The future completes with the time from just before the
     * PUBLISH to the answer's arrival, in nanoseconds; it fails if the answer is an Error,
     * reports an error for the path or resolves to no object, or if the connection is lost. It
     * never times out by itself.
     */
    CompletableFuture<Long> get(String path) {
        return get(path, null);
    }

    /** A Get of {@code path} whose answer, the encoded Msg, is wanted whole (to describe it). */
    CompletableFuture<byte[]> answerTo(String path) {
        CompletableFuture<byte[]> message = new CompletableFuture<>();
        get(path, message).whenComplete((latency, failure) -> {
            if (failure != null) {
                message.completeExceptionally(failure);
            }
        });
        return message;
    }

    private CompletableFuture<Long> get(String path, CompletableFuture<byte[]> message) {
        String msgId = "bench-" + nextId.incrementAndGet();
        byte[] record = getRecord(msgId, path);
        CompletableFuture<Long> answered = new CompletableFuture<>();
        pending.put(msgId, new Pending(path, System.nanoTime(), answered, message));
        try {
            client.publish(agentTopic, record, properties);
        } catch (IOException e) {
            pending.remove(msgId);
            answered.completeExceptionally(new IllegalStateException(
                    "cannot publish the Get of " + path + ": " + e.getMessage(), e));
        }
        return answered;
    }

    // ---------------------------------------------------------------- the wire format

    /**
     * The Record of a Get of {@code path}, written with the protobuf runtime's encoder: field
     * numbers of usp-record and usp-msg 1.4, the bytes the generated classes write.
     */
    private byte[] getRecord(String msgId, String path) {
        int header = CodedOutputStream.computeStringSize(1, msgId) + CodedOutputStream.computeEnumSize(2, 1); // GET
        int get = CodedOutputStream.computeStringSize(1, path);                 // Get.param_paths
        int request = nested(1, get);                                           // Request.get
        int body = nested(1, request);                                          // Body.request
        int msg = nested(1, header) + nested(2, body);                          // Msg.header, Msg.body
        int context = CodedOutputStream.computeUInt32SizeNoTag(msg) + 1 + msg;   // NoSessionContextRecord.payload (2)
        int size = CodedOutputStream.computeStringSize(1, "1.4") + CodedOutputStream.computeStringSize(2, agentId)
                + CodedOutputStream.computeStringSize(3, controllerId) + nested(7, context);
        byte[] out = new byte[size];
        CodedOutputStream w = CodedOutputStream.newInstance(out);
        try {
            w.writeString(1, "1.4");                       // version
            w.writeString(2, agentId);                     // to_id
            w.writeString(3, controllerId);                // from_id; payload_security PLAINTEXT is 0
            w.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            w.writeUInt32NoTag(context);
            w.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            w.writeUInt32NoTag(msg);
            w.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            w.writeUInt32NoTag(header);
            w.writeString(1, msgId);
            w.writeEnum(2, 1);
            w.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            w.writeUInt32NoTag(body);
            w.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            w.writeUInt32NoTag(request);
            w.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            w.writeUInt32NoTag(get);
            w.writeString(1, path);
            w.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("the Get record was sized wrong", e);
        }
        return out;
    }

    private static int nested(int field, int size) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }

    /**
     * A record, {@code length} bytes of {@code buffer} from {@code offset}, read where it lies: the
     * buffer is the client's, reused for the next packet. On the client's reader thread.
     */
    private void arrived(byte[] buffer, int offset, int length, long now) {
        try {
            CodedInputStream record = CodedInputStream.newInstance(buffer, offset, length);
            int msgOffset = -1;
            int msgLength = 0;
            boolean connect = false;
            for (int tag = record.readTag(); tag != 0; tag = record.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 7 -> {                                             // no_session_context
                        int context = enter(record);
                        for (int t = record.readTag(); t != 0; t = record.readTag()) {
                            if (WireFormat.getTagFieldNumber(t) == 2 && isMessage(t)) {   // its payload
                                msgLength = record.readRawVarint32();
                                msgOffset = offset + record.getTotalBytesRead();
                                record.skipRawBytes(msgLength);
                            } else {
                                record.skipField(t);
                            }
                        }
                        record.popLimit(context);
                    }
                    case 10 -> {                                            // mqtt_connect
                        connect = true;
                        record.skipField(tag);
                    }
                    default -> record.skipField(tag);                       // a DisconnectRecord at the end
                }
            }
            if (connect) {
                connectRecord.complete(now);
            } else if (msgOffset >= 0) {
                answered(answer(buffer, msgOffset, msgLength), buffer, msgOffset, msgLength, now);
            }
        } catch (IOException | RuntimeException e) {
            // not a record the bench can read: nothing waits for it
        }
    }

    /** The answer {@code a}, read from the Msg at {@code msgOffset} in {@code buffer}. */
    private void answered(Answer a, byte[] buffer, int msgOffset, int msgLength, long now) {
        Pending p = pending.remove(a.msgId());
        if (p == null) {
            return;
        }
        if (p.message() != null) {
            p.message().complete(Arrays.copyOfRange(buffer, msgOffset, msgOffset + msgLength));
        }
        if (a.msgType() == MSG_TYPE_ERROR) {
            p.answered().completeExceptionally(new IllegalStateException("the agent answered the Get of " + p.path()
                    + " with Error " + a.errorCode() + ": " + a.errorMessage()));
        } else if (!a.getResp()) {
            p.answered().completeExceptionally(new IllegalStateException("the agent answered the Get of " + p.path()
                    + " with message type " + a.msgType() + ", not GET_RESP"));
        } else if (a.pathErrorCode() != 0) {
            p.answered().completeExceptionally(new IllegalStateException("the agent answered the Get of "
                    + p.path() + " with error " + a.pathErrorCode() + ": " + a.pathErrorMessage()
                    + " (is the controller's role Role.1?)"));
        } else if (a.resolvedObjects() == 0) {
            p.answered().completeExceptionally(new IllegalStateException("the agent answered the Get of "
                    + p.path() + " with no object (is the controller's role Role.1?)"));
        } else {
            p.answered().complete(now - p.sentNanos());
        }
    }

    /** Reads a Msg, {@code length} bytes of {@code buffer} from {@code offset}, as far as the bench checks it. */
    private static Answer answer(byte[] buffer, int offset, int length) throws IOException {
        String msgId = "";
        int msgType = MSG_TYPE_ERROR;
        int errorCode = 0;
        String errorMessage = "";
        boolean getResp = false;
        int pathErrorCode = 0;
        String pathErrorMessage = "";
        int resolved = 0;
        CodedInputStream in = CodedInputStream.newInstance(buffer, offset, length);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && isMessage(tag)) {                                  // Msg.header
                int header = enter(in);
                for (int t = in.readTag(); t != 0; t = in.readTag()) {
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case 1 -> msgId = in.readStringRequireUtf8();
                        case 2 -> msgType = in.readEnum();
                        default -> in.skipField(t);
                    }
                }
                in.popLimit(header);
            } else if (field == 2 && isMessage(tag)) {                           // Msg.body
                int body = enter(in);
                for (int t = in.readTag(); t != 0; t = in.readTag()) {
                    int bodyField = WireFormat.getTagFieldNumber(t);
                    if (bodyField == 3 && isMessage(t)) {                         // Body.error
                        int error = enter(in);
                        for (int u = in.readTag(); u != 0; u = in.readTag()) {
                            switch (WireFormat.getTagFieldNumber(u)) {
                                case 1 -> errorCode = in.readFixed32();
                                case 2 -> errorMessage = in.readStringRequireUtf8();
                                default -> in.skipField(u);
                            }
                        }
                        in.popLimit(error);
                    } else if (bodyField == 2 && isMessage(t)) {                  // Body.response
                        int response = enter(in);
                        for (int u = in.readTag(); u != 0; u = in.readTag()) {
                            if (WireFormat.getTagFieldNumber(u) != 1 || !isMessage(u)) {
                                in.skipField(u);
                                continue;
                            }
                            getResp = true;                                      // Response.get_resp
                            int get = enter(in);
                            for (int v = in.readTag(); v != 0; v = in.readTag()) {
                                if (WireFormat.getTagFieldNumber(v) != 1 || !isMessage(v)) {
                                    in.skipField(v);
                                    continue;
                                }
                                int result = enter(in);                          // GetResp.req_path_results
                                for (int w = in.readTag(); w != 0; w = in.readTag()) {
                                    switch (WireFormat.getTagFieldNumber(w)) {
                                        case 2 -> pathErrorCode = Math.max(pathErrorCode, in.readFixed32());
                                        case 3 -> pathErrorMessage = in.readStringRequireUtf8();
                                        case 4 -> {                              // resolved_path_results: counted
                                            resolved++;
                                            in.skipField(w);
                                        }
                                        default -> in.skipField(w);
                                    }
                                }
                                in.popLimit(result);
                            }
                            in.popLimit(get);
                        }
                        in.popLimit(response);
                    } else {
                        in.skipField(t);
                    }
                }
                in.popLimit(body);
            } else {
                in.skipField(tag);
            }
        }
        return new Answer(msgId, msgType, errorCode, errorMessage, getResp, pathErrorCode, pathErrorMessage, resolved);
    }

    /** Enters the length-delimited field whose tag was just read; answers the limit to restore. */
    private static int enter(CodedInputStream in) throws IOException {
        return in.pushLimit(in.readRawVarint32());
    }

    private static boolean isMessage(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
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
        client.close();
        failAll("the controller was closed");
    }
}

import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * A minimal USP controller for trying the agent: it sends one Get and prints the answer. Not part
 * of Demarc; an example, run from the source tree with Java's single-file launcher and the
 * agent's own libraries (for the USP protobuf classes and Paho):
 *
 * <pre>
 * java -cp 'packaging/target/app/lib/*' docs/examples/UspController.java \
 *     websocket ws://127.0.0.1:9080/usp CONTROLLER-ID PATH...
 * java -cp 'packaging/target/app/lib/*' docs/examples/UspController.java \
 *     mqtt tcp://127.0.0.1:1883 CONTROLLER-ID CONTROLLER-TOPIC AGENT-ID AGENT-TOPIC PATH...
 * </pre>
 *
 * Over WebSocket it learns the agent's Endpoint ID from the WebSocketConnectRecord the agent
 * sends first; over MQTT 5.0 it is told the agent's Endpoint ID and topic.
 */
public class UspController {

    private static final long WAIT_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("websocket")) {
            webSocket(args[1], args[2], Arrays.copyOfRange(args, 3, args.length));
        } else if (args.length >= 7 && args[0].equals("mqtt")) {
            mqtt(args[1], args[2], args[3], args[4], args[5], Arrays.copyOfRange(args, 6, args.length));
        } else {
            System.err.println("usage: UspController websocket URL CONTROLLER-ID PATH...");
            System.err.println("       UspController mqtt tcp://HOST:PORT CONTROLLER-ID CONTROLLER-TOPIC AGENT-ID AGENT-TOPIC PATH...");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------- WebSocket

    static void webSocket(String url, String controllerId, String[] paths) throws Exception {
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        URI uri = URI.create(url + "?eid=" + URLEncoder.encode(controllerId, StandardCharsets.UTF_8));
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("v1.usp")
                .buildAsync(uri, new WebSocket.Listener() {
                    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        partial.writeBytes(bytes);
                        if (last) {
                            received.add(partial.toByteArray());
                            partial.reset();
                        }
                        w.request(1);
                        return null;
                    }
                })
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        System.out.println("connected to " + url + " as " + controllerId + " (subprotocol " + ws.getSubprotocol() + ")");

        UspRecord.Record connect = next(received, "the agent's WebSocketConnectRecord (is " + controllerId
                + " an enabled controller of the agent? its log says)");
        print(connect);
        String agentId = connect.getFromId();
        byte[] get = getRecord(controllerId, agentId, paths);
        ws.sendBinary(ByteBuffer.wrap(get), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        System.out.println("-> Get " + String.join(" ", paths) + " to " + agentId);
        print(next(received, "the agent's answer"));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- MQTT 5.0

    static void mqtt(String broker, String controllerId, String controllerTopic, String agentId, String agentTopic,
                     String[] paths) throws Exception {
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        MqttAsyncClient client = new MqttAsyncClient(broker, "", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(message.getPayload());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
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
        });
        client.connect(new MqttConnectionOptions()).waitForCompletion(WAIT_SECONDS * 1000);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(controllerTopic, 1)}, null, null,
                new MqttProperties()).waitForCompletion(WAIT_SECONDS * 1000);
        System.out.println("connected to " + broker + ", subscribed to " + controllerTopic);

        MqttProperties properties = new MqttProperties();
        properties.setContentType("usp.msg");
        properties.setResponseTopic(controllerTopic);
        properties.setUserProperties(List.of(new UserProperty("usp-endpoint-id", controllerId)));
        client.publish(agentTopic, new MqttMessage(getRecord(controllerId, agentId, paths), 1, false, properties))
                .waitForCompletion(WAIT_SECONDS * 1000);
        System.out.println("-> Get " + String.join(" ", paths) + " to " + agentId + " on " + agentTopic);
        UspRecord.Record answer;
        do {
            answer = next(received, "the agent's answer (is " + controllerId + " an enabled controller of the agent? its log says)");
            print(answer);
        } while (answer.getRecordTypeCase() != UspRecord.Record.RecordTypeCase.NO_SESSION_CONTEXT);
        client.disconnect().waitForCompletion(WAIT_SECONDS * 1000);
        client.close();
    }

    // ---------------------------------------------------------------- USP

    static byte[] getRecord(String from, String to, String[] paths) {
        UspMsg.Msg get = UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId("get-" + System.currentTimeMillis())
                        .setMsgType(UspMsg.Header.MsgType.GET))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                        .setGet(UspMsg.Get.newBuilder().addAllParamPaths(List.of(paths)))))
                .build();
        return UspRecord.Record.newBuilder()
                .setVersion("1.4").setFromId(from).setToId(to)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(get.toByteString()))
                .build().toByteArray();
    }

    static UspRecord.Record next(BlockingQueue<byte[]> received, String what) throws Exception {
        byte[] bytes = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (bytes == null) {
            System.err.println("nothing came within " + WAIT_SECONDS + " s; expected " + what);
            System.exit(1);
        }
        return UspRecord.Record.parseFrom(bytes);
    }

    static void print(UspRecord.Record record) throws Exception {
        switch (record.getRecordTypeCase()) {
            case WEBSOCKET_CONNECT -> System.out.println("<- WebSocketConnectRecord from " + record.getFromId());
            case MQTT_CONNECT -> System.out.println("<- MQTTConnectRecord from " + record.getFromId() + ", its topic "
                    + record.getMqttConnect().getSubscribedTopic());
            case DISCONNECT -> System.out.println("<- DisconnectRecord from " + record.getFromId() + ": "
                    + record.getDisconnect().getReason());
            case NO_SESSION_CONTEXT -> printMessage(UspMsg.Msg.parseFrom(record.getNoSessionContext().getPayload()));
            default -> System.out.println("<- " + record.getRecordTypeCase() + " from " + record.getFromId());
        }
    }

    static void printMessage(UspMsg.Msg msg) {
        UspMsg.Body body = msg.getBody();
        if (body.hasError()) {
            System.out.println("<- Error " + body.getError().getErrCode() + ": " + body.getError().getErrMsg());
        } else if (body.getResponse().hasGetResp()) {
            System.out.println("<- GetResp");
            for (UspMsg.GetResp.RequestedPathResult req : body.getResponse().getGetResp().getReqPathResultsList()) {
                if (req.getErrCode() != 0) {
                    System.out.println("   " + req.getRequestedPath() + ": error " + req.getErrCode() + " " + req.getErrMsg());
                }
                for (UspMsg.GetResp.ResolvedPathResult res : req.getResolvedPathResultsList()) {
                    for (Map.Entry<String, String> p : new TreeMap<>(res.getResultParamsMap()).entrySet()) {
                        System.out.println("   " + res.getResolvedPath() + p.getKey() + " = " + p.getValue());
                    }
                }
            }
        } else if (body.getRequest().hasNotify()) {
            System.out.println("<- Notify " + body.getRequest().getNotify().getNotificationCase()
                    + " (subscription " + body.getRequest().getNotify().getSubscriptionId() + ")");
        } else {
            System.out.println("<- " + msg.getHeader().getMsgType());
        }
    }
}

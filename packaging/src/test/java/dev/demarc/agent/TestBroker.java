package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.fail;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.connack.ConnackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.UnsubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * HiveMQ Community Edition in the test JVM: a plain MQTT listener on 127.0.0.1, and with a
 * {@link TestPki} a TLS one requiring a client certificate issued by the test CA; state in memory.
 * An embedded extension records what the broker sees of each client (CONNECT, the Assigned
 * Client Identifier of CONNACK, SUBSCRIBE, UNSUBSCRIBE, PUBLISH with RETAIN) and can give MQTT 5.0 clients Response
 * Information in CONNACK. Public for the CLI's tests ({@code demarc bench}).
 */
public final class TestBroker implements AutoCloseable {

    /** A packet from a client, or the CONNACK to it, as the broker saw it. */
    record Packet(String clientId, Kind kind, List<String> topics, List<Integer> qos) {
        enum Kind { CONNECT, CONNACK_ASSIGNED_ID, SUBSCRIBE, UNSUBSCRIBE, PUBLISH_RETAINED }
    }

    private final int port;
    private final int tlsPort;
    private final EmbeddedHiveMQ hivemq;
    private final List<Packet> packets = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> taken = new ConcurrentHashMap<>();
    private volatile Function<String, String> responseInformation = clientId -> "";

    public TestBroker(Path dir) throws IOException {
        this(dir, null);
    }

    TestBroker(Path dir, TestPki pki) throws IOException {
        this(dir, pki, true);
    }

    /** A broker without retained messages: its CONNACK says Retain Available = 0, and it disconnects a client publishing with RETAIN. */
    static TestBroker withoutRetainedMessages(Path dir) throws IOException {
        return new TestBroker(dir, null, false);
    }

    private TestBroker(Path dir, TestPki pki, boolean retainedMessages) throws IOException {
        port = freePort();
        tlsPort = pki == null ? -1 : freePort();
        String tlsListener = pki == null ? "" : """
                <tls-tcp-listener>
                  <port>%d</port><bind-address>127.0.0.1</bind-address>
                  <tls>
                    <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                    <truststore><path>%s</path><password>%s</password></truststore>
                    <client-authentication-mode>REQUIRED</client-authentication-mode>
                  </tls>
                </tls-tcp-listener>
                """.formatted(tlsPort, pki.file("broker.jks"), TestPki.PASSWORD, TestPki.PASSWORD,
                pki.file("broker-trust.jks"), TestPki.PASSWORD);
        Files.writeString(Files.createDirectories(dir.resolve("conf")).resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                    %s
                  </listeners>
                  <mqtt><retained-messages><enabled>%s</enabled></retained-messages></mqtt>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, tlsListener, retainedMessages));
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(Files.createDirectories(dir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                .withEmbeddedExtension(recorder())
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().join();
    }

    /** Every packet recorded so far, oldest first. */
    List<Packet> packets() {
        return List.copyOf(packets);
    }

    /**
     * The packet of {@code kind} from (or to) {@code clientId} after those this method gave
     * before, waiting for it; fails after {@link Usp#WAIT}.
     */
    Packet next(String clientId, Packet.Kind kind) throws InterruptedException {
        String key = clientId + "\n" + kind;
        int given = taken.getOrDefault(key, 0);
        long deadline = System.nanoTime() + Usp.WAIT.toNanos();
        while (true) {
            List<Packet> of = packets.stream().filter(p -> p.clientId().equals(clientId) && p.kind() == kind).toList();
            if (of.size() > given) {
                taken.put(key, given + 1);
                return of.get(given);
            }
            if (System.nanoTime() > deadline) {
                return fail("no " + kind + " of " + clientId + " within " + Usp.WAIT + "; the broker saw " + packets);
            }
            Thread.sleep(20);
        }
    }

    /** From now on, the CONNACK to an MQTT 5.0 client carries what {@code info} gives for its identifier, if not empty. */
    void responseInformation(Function<String, String> info) {
        this.responseInformation = info;
    }

    private void record(Packet p) {
        packets.add(p);
    }

    private EmbeddedExtension recorder() {
        ExtensionMain main = new ExtensionMain() {
            @Override
            public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                Services.interceptorRegistry().setConnectInboundInterceptorProvider(input ->
                        (ConnectInboundInterceptor) (connect, output) -> record(new Packet(
                                connect.getClientInformation().getClientId(), Packet.Kind.CONNECT, List.of(), List.of())));
                Services.interceptorRegistry().setConnackOutboundInterceptorProvider(input ->
                        (ConnackOutboundInterceptor) (connack, output) -> {
                            String clientId = connack.getClientInformation().getClientId();
                            connack.getConnackPacket().getAssignedClientIdentifier().ifPresent(assigned ->
                                    record(new Packet(clientId, Packet.Kind.CONNACK_ASSIGNED_ID, List.of(assigned), List.of())));
                            String info = responseInformation.apply(clientId);
                            if (connack.getConnectionInformation().getMqttVersion() == MqttVersion.V_5 && !info.isEmpty()) {
                                output.getConnackPacket().setResponseInformation(info);
                            }
                        });
                Services.initializerRegistry().setClientInitializer((initializer, context) -> {
                    context.addSubscribeInboundInterceptor((SubscribeInboundInterceptor) (subscribe, output) -> record(
                            new Packet(subscribe.getClientInformation().getClientId(), Packet.Kind.SUBSCRIBE,
                                    subscribe.getSubscribePacket().getSubscriptions().stream()
                                            .map(f -> f.getTopicFilter()).toList(),
                                    subscribe.getSubscribePacket().getSubscriptions().stream()
                                            .map(f -> f.getQos().getQosNumber()).toList())));
                    context.addPublishInboundInterceptor((PublishInboundInterceptor) (publish, output) -> {
                        if (publish.getPublishPacket().getRetain()) {
                            record(new Packet(publish.getClientInformation().getClientId(), Packet.Kind.PUBLISH_RETAINED,
                                    List.of(publish.getPublishPacket().getTopic()),
                                    List.of(publish.getPublishPacket().getQos().getQosNumber())));
                        }
                    });
                    context.addUnsubscribeInboundInterceptor((UnsubscribeInboundInterceptor) (unsubscribe, output) ->
                            record(new Packet(unsubscribe.getClientInformation().getClientId(), Packet.Kind.UNSUBSCRIBE,
                                    List.copyOf(unsubscribe.getUnsubscribePacket().getTopicFilters()), List.of())));
                });
            }

            @Override
            public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
            }
        };
        return EmbeddedExtension.builder()
                .withId("demarc-agent-test").withName("Demarc agent test extension").withVersion("1")
                .withAuthor("Demarc").withPriority(0).withStartPriority(1000).withExtensionMain(main)
                .build();
    }

    public int port() {
        return port;
    }

    /** The TLS listener, requiring a client certificate of the test CA; only with a {@link TestPki}. */
    int tlsPort() {
        if (tlsPort < 0) {
            throw new IllegalStateException("no TLS listener: make the broker with a TestPki");
        }
        return tlsPort;
    }

    @Override
    public void close() throws Exception {
        hivemq.close();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package dev.demarc.mtp.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.interceptor.connack.ConnackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.pingreq.PingReqInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.UnsubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.Subscription;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A HiveMQ Community Edition broker in the test JVM, on 127.0.0.1, with state in memory and its
 * files in a temporary directory. Besides a plain listener it has three TLS listeners (a
 * certificate for localhost/127.0.0.1; one for another host; one requiring a client
 * certificate), all issued by the test CA in {@code mqtt/tls/}. An embedded extension records
 * every CONNECT and CONNACK, what each client sends afterwards (SUBSCRIBE, UNSUBSCRIBE, PUBLISH,
 * PINGREQ, DISCONNECT); it can require a password, add
 * Response Information and "subscribe-topic" user properties to MQTT 5.0 CONNACKs, refuse every
 * subscription of a client in its SUBACK, and disconnect a client (with a DISCONNECT packet for
 * MQTT 5.0). A broker made with a maximum keep alive tells MQTT 5.0 clients asking for more its
 * Server Keep Alive in CONNACK.
 */
final class EmbeddedBroker implements AutoCloseable {

    /** What a client sent in CONNECT, as the broker saw it. */
    record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAlive, String username,
                   String password, String endpointId, boolean requestResponseInformation,
                   String clientCertificateSubject, String tlsProtocol, long receivedNanos) {
    }

    /** What the broker said in a CONNACK: the Assigned Client Identifier and Server Keep Alive, if any. */
    record Connack(String clientId, Optional<String> assignedClientId, Optional<Integer> serverKeepAlive) {
    }

    /** One topic filter of a SUBSCRIBE, with the QoS asked for. */
    record Filter(String topicFilter, int qos) {
    }

    /** What a client sent in PUBLISH. */
    record Publish(String topic, int qos, String contentType, String responseTopic, byte[] payload) {
    }

    /** A PINGREQ, and how long before it the client's previous packet came. */
    record Ping(Duration sincePreviousPacket) {
    }

    /** What one client sent after its CONNECT, each kind in order. */
    static final class ClientLog {
        final List<List<Filter>> subscribes = new CopyOnWriteArrayList<>();
        final List<List<String>> unsubscribes = new CopyOnWriteArrayList<>();
        final List<Publish> publishes = new CopyOnWriteArrayList<>();
        final List<Ping> pings = new CopyOnWriteArrayList<>();
        /** Client-initiated DISCONNECT packets. */
        final AtomicInteger disconnects = new AtomicInteger();
        /** When (System.nanoTime()) the broker last received a packet from the client. */
        private volatile long lastPacketNanos = System.nanoTime();

        private void received() {
            lastPacketNanos = System.nanoTime();
        }
    }

    /** What to add to the CONNACK of an MQTT 5.0 client. */
    record ConnackExtras(String responseInformation, List<String> subscribeTopics) {
        static final ConnackExtras NONE = new ConnackExtras("", List.of());
    }

    static final String STORE_PASSWORD = "changeit";

    private final int port;
    private final int tlsPort;
    private final int wrongHostTlsPort;
    private final int clientAuthTlsPort;
    private final Path tlsDir;
    private final Path dir;
    private final int maxKeepAlive;
    private EmbeddedHiveMQ hivemq;
    private final List<Connect> connects = new CopyOnWriteArrayList<>();
    private final List<Connack> connacks = new CopyOnWriteArrayList<>();
    private final Map<String, ClientLog> logs = new ConcurrentHashMap<>();
    private volatile Function<String, ConnackExtras> connackExtras = clientId -> ConnackExtras.NONE;
    private volatile Predicate<String> refuseSubscriptions = clientId -> false;
    private volatile String requiredPassword = "";

    EmbeddedBroker(Path dir) throws Exception {
        this(dir, 65535);
    }

    /**
     * A broker that allows a keep alive of at most {@code maxKeepAlive} seconds: an MQTT 5.0
     * client asking for more is told this value as Server Keep Alive in its CONNACK, and the
     * broker disconnects a client it hears nothing from for one and a half times it.
     */
    EmbeddedBroker(Path dir, int maxKeepAlive) throws Exception {
        this.maxKeepAlive = maxKeepAlive;
        port = freePort();
        tlsPort = freePort();
        wrongHostTlsPort = freePort();
        clientAuthTlsPort = freePort();
        tlsDir = Files.createDirectories(dir.resolve("tls"));
        for (String name : List.of("server.jks", "wronghost.jks", "broker-trust.jks")) {
            copyResource("mqtt/tls/" + name, tlsDir.resolve(name));
        }
        this.dir = dir;
        Files.writeString(Files.createDirectories(dir.resolve("conf")).resolve("config.xml"), configXml(),
                StandardCharsets.UTF_8);
        start();
    }

    /** A fresh HiveMQ on the same ports (one instance cannot be started twice: its metrics clash). */
    private EmbeddedHiveMQ build() throws IOException {
        return EmbeddedHiveMQ.builder()
                .withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(Files.createDirectories(dir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                .withEmbeddedExtension(extension())
                .withoutLoggingBootstrap()
                .build();
    }

    int port() {
        return port;
    }

    int tlsPort() {
        return tlsPort;
    }

    int wrongHostTlsPort() {
        return wrongHostTlsPort;
    }

    int clientAuthTlsPort() {
        return clientAuthTlsPort;
    }

    /** Every CONNECT seen since the broker was made, oldest first. */
    List<Connect> connects() {
        return List.copyOf(connects);
    }

    /** The CONNECTs of {@code clientId}, oldest first. */
    List<Connect> connectsOf(String clientId) {
        return connects.stream().filter(c -> c.clientId().equals(clientId)).toList();
    }

    /** Every CONNACK the broker sent, oldest first. */
    List<Connack> connacks() {
        return List.copyOf(connacks);
    }

    /** What {@code clientId} sent after CONNECT, on this broker and every restart of it. */
    ClientLog logOf(String clientId) {
        return logs.computeIfAbsent(clientId, id -> new ClientLog());
    }

    /** From now on, the SUBACK to each SUBSCRIBE of a client {@code clientIds} accepts refuses every filter. */
    void refuseSubscriptions(Predicate<String> clientIds) {
        this.refuseSubscriptions = clientIds;
    }

    /**
     * Ends the connection of {@code clientId} from the broker's side: an MQTT 5.0 client is sent a
     * DISCONNECT packet (reason Administrative action), an MQTT 3.1.1 client's connection is
     * closed (3.1.1 has no DISCONNECT from the server). True if the client was connected.
     */
    boolean disconnect(String clientId) throws Exception {
        return Services.clientService()
                .disconnectClient(clientId, true, DisconnectReasonCode.ADMINISTRATIVE_ACTION, "the test says so")
                .get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From now on, a CONNECT without this password is refused (empty: anyone may connect). */
    void requirePassword(String password) {
        this.requiredPassword = password;
    }

    /** From now on, MQTT 5.0 CONNACKs carry what {@code extras} gives for the client identifier. */
    void connackExtras(Function<String, ConnackExtras> extras) {
        this.connackExtras = extras;
    }

    /** Stops the broker: every client loses its connection, and all state is gone. */
    synchronized void stop() throws Exception {
        if (hivemq != null) {
            hivemq.close();
            hivemq = null;
        }
    }

    /** Starts the broker (again) on the same ports. */
    synchronized void start() throws IOException {
        if (hivemq == null) {
            EmbeddedHiveMQ fresh = build();
            fresh.start().join();
            hivemq = fresh;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private EmbeddedExtension extension() {
        ExtensionMain main = new ExtensionMain() {
            @Override
            public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                Services.securityRegistry().setAuthenticatorProvider(input -> (SimpleAuthenticator) (auth, result) -> {
                    ConnectPacket c = auth.getConnectPacket();
                    String password = c.getPassword().map(EmbeddedBroker::utf8).orElse("");
                    String subject = auth.getConnectionInformation().getClientTlsInformation()
                            .flatMap(t -> t.getClientCertificate())
                            .map(cert -> cert.getSubjectX500Principal().getName())
                            .orElse("");
                    String tlsProtocol = auth.getConnectionInformation().getClientTlsInformation()
                            .map(ClientTlsInformation::getProtocol).orElse("");
                    String clientId = auth.getClientInformation().getClientId();
                    logOf(clientId).received();
                    connects.add(new Connect(c.getMqttVersion(), clientId,
                            c.getCleanStart(), c.getKeepAlive(), c.getUserName().orElse(""), password,
                            c.getUserProperties().getFirst(MqttTransport.ENDPOINT_ID_PROPERTY).orElse(""),
                            c.getRequestResponseInformation(), subject, tlsProtocol, System.nanoTime()));
                    if (!requiredPassword.isEmpty() && !requiredPassword.equals(password)) {
                        result.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong password");
                    } else {
                        result.authenticateSuccessfully();
                    }
                });
                // The SUBACK's reason codes come from here: an interceptor may not turn a granted one into a refusal.
                Services.securityRegistry().setAuthorizerProvider(input -> (SubscriptionAuthorizer) (subscribe, output) -> {
                    if (refuseSubscriptions.test(subscribe.getClientInformation().getClientId())) {
                        output.failAuthorization(SubackReasonCode.UNSPECIFIED_ERROR);
                    } else {
                        output.authorizeSuccessfully();
                    }
                });
                Services.interceptorRegistry().setConnackOutboundInterceptorProvider(input ->
                        (ConnackOutboundInterceptor) (connack, output) -> {
                            connacks.add(new Connack(connack.getClientInformation().getClientId(),
                                    connack.getConnackPacket().getAssignedClientIdentifier(),
                                    connack.getConnackPacket().getServerKeepAlive()));
                            if (connack.getConnectionInformation().getMqttVersion() != MqttVersion.V_5) {
                                return;
                            }
                            ConnackExtras extras = connackExtras.apply(connack.getClientInformation().getClientId());
                            if (!extras.responseInformation().isEmpty()) {
                                output.getConnackPacket().setResponseInformation(extras.responseInformation());
                            }
                            for (String topic : extras.subscribeTopics()) {
                                output.getConnackPacket().getUserProperties()
                                        .addUserProperty(MqttTransport.SUBSCRIBE_TOPIC_PROPERTY, topic);
                            }
                        });
                Services.initializerRegistry().setClientInitializer((initializerInput, context) -> {
                    context.addSubscribeInboundInterceptor((SubscribeInboundInterceptor) (subscribe, output) -> {
                        ClientLog log = logOf(subscribe.getClientInformation().getClientId());
                        log.received();
                        List<Filter> filters = new java.util.ArrayList<>();
                        for (Subscription s : subscribe.getSubscribePacket().getSubscriptions()) {
                            filters.add(new Filter(s.getTopicFilter(), s.getQos().getQosNumber()));
                        }
                        log.subscribes.add(Collections.unmodifiableList(filters));
                    });
                    context.addUnsubscribeInboundInterceptor((UnsubscribeInboundInterceptor) (unsubscribe, output) -> {
                        ClientLog log = logOf(unsubscribe.getClientInformation().getClientId());
                        log.received();
                        log.unsubscribes.add(List.copyOf(unsubscribe.getUnsubscribePacket().getTopicFilters()));
                    });
                    context.addPublishInboundInterceptor((PublishInboundInterceptor) (publish, output) -> {
                        ClientLog log = logOf(publish.getClientInformation().getClientId());
                        log.received();
                        PublishPacket p = publish.getPublishPacket();
                        log.publishes.add(new Publish(p.getTopic(), p.getQos().getQosNumber(),
                                p.getContentType().orElse(null), p.getResponseTopic().orElse(null),
                                p.getPayload().map(EmbeddedBroker::bytesOf).orElse(new byte[0])));
                    });
                    context.addPingReqInboundInterceptor((PingReqInboundInterceptor) (ping, output) -> {
                        ClientLog log = logOf(ping.getClientInformation().getClientId());
                        long previous = log.lastPacketNanos;
                        log.received();
                        log.pings.add(new Ping(Duration.ofNanos(log.lastPacketNanos - previous)));
                    });
                });
                Services.eventRegistry().setClientLifecycleEventListener(input -> new ClientLifecycleEventListener() {
                    @Override
                    public void onMqttConnectionStart(ConnectionStartInput start) {
                    }

                    @Override
                    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput success) {
                    }

                    @Override
                    public void onDisconnect(DisconnectEventInput disconnect) {
                    }

                    @Override
                    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput disconnect) {
                        ClientLog log = logOf(disconnect.getClientInformation().getClientId());
                        log.received();
                        log.disconnects.incrementAndGet();
                    }
                });
            }

            @Override
            public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
            }
        };
        return EmbeddedExtension.builder()
                .withId("demarc-test").withName("Demarc test extension").withVersion("1").withAuthor("Demarc")
                .withPriority(0).withStartPriority(1000).withExtensionMain(main)
                .build();
    }

    private String configXml() {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                    %s
                    %s
                    %s
                  </listeners>
                  <mqtt>
                    <keep-alive><max-keep-alive>%d</max-keep-alive></keep-alive>
                  </mqtt>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port,
                tlsListener(tlsPort, "server.jks", "OPTIONAL"),
                tlsListener(wrongHostTlsPort, "wronghost.jks", "NONE"),
                tlsListener(clientAuthTlsPort, "server.jks", "REQUIRED"),
                maxKeepAlive);
    }

    private String tlsListener(int listenerPort, String keyStore, String clientAuthentication) {
        return """
                <tls-tcp-listener>
                  <port>%d</port><bind-address>127.0.0.1</bind-address>
                  <tls>
                    <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                    <truststore><path>%s</path><password>%s</password></truststore>
                    <client-authentication-mode>%s</client-authentication-mode>
                  </tls>
                </tls-tcp-listener>
                """.formatted(listenerPort, tlsDir.resolve(keyStore), STORE_PASSWORD, STORE_PASSWORD,
                tlsDir.resolve("broker-trust.jks"), STORE_PASSWORD, clientAuthentication);
    }

    private static String utf8(ByteBuffer buffer) {
        return new String(bytesOf(buffer), StandardCharsets.UTF_8);
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void copyResource(String resource, Path target) {
        try (InputStream in = EmbeddedBroker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

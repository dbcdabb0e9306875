package dev.demarc.mtp.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.interceptor.connack.ConnackOutboundInterceptor;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A HiveMQ Community Edition broker in the test JVM, on 127.0.0.1, with state in memory and its
 * files in a temporary directory. Besides a plain listener it has three TLS listeners (a
 * certificate for localhost/127.0.0.1; one for another host; one requiring a client
 * certificate), all issued by the test CA in {@code mqtt/tls/}. An embedded extension records
 * every CONNECT, can require a password, and can add Response Information and "subscribe-topic"
 * user properties to MQTT 5.0 CONNACKs.
 */
final class EmbeddedBroker implements AutoCloseable {

    /** What a client sent in CONNECT, as the broker saw it. */
    record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAlive, String username,
                   String password, String endpointId, boolean requestResponseInformation,
                   String clientCertificateSubject) {
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
    private EmbeddedHiveMQ hivemq;
    private final List<Connect> connects = new CopyOnWriteArrayList<>();
    private volatile Function<String, ConnackExtras> connackExtras = clientId -> ConnackExtras.NONE;
    private volatile String requiredPassword = "";

    EmbeddedBroker(Path dir) throws Exception {
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
                    connects.add(new Connect(c.getMqttVersion(), auth.getClientInformation().getClientId(),
                            c.getCleanStart(), c.getKeepAlive(), c.getUserName().orElse(""), password,
                            c.getUserProperties().getFirst(MqttTransport.ENDPOINT_ID_PROPERTY).orElse(""),
                            c.getRequestResponseInformation(), subject));
                    if (!requiredPassword.isEmpty() && !requiredPassword.equals(password)) {
                        result.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong password");
                    } else {
                        result.authenticateSuccessfully();
                    }
                });
                Services.interceptorRegistry().setConnackOutboundInterceptorProvider(input ->
                        (ConnackOutboundInterceptor) (connack, output) -> {
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
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port,
                tlsListener(tlsPort, "server.jks", "OPTIONAL"),
                tlsListener(wrongHostTlsPort, "wronghost.jks", "NONE"),
                tlsListener(clientAuthTlsPort, "server.jks", "REQUIRED"));
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
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
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

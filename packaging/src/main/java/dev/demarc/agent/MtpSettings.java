package dev.demarc.agent;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.usp.UspAgent;
import dev.demarc.mtp.mqtt.ConnectRetryPolicy;
import dev.demarc.mtp.mqtt.MqttClientConfig;
import dev.demarc.mtp.mqtt.MqttTlsConfig;
import dev.demarc.mtp.mqtt.MqttTransportProtocol;
import dev.demarc.mtp.mqtt.MqttVersion;
import dev.demarc.mtp.uds.UdsServerConfig;
import dev.demarc.mtp.uds.UdsServerTransport;
import dev.demarc.mtp.websocket.SessionRetryPolicy;
import dev.demarc.mtp.websocket.WebSocketClientConfig;
import dev.demarc.mtp.websocket.WebSocketClientTls;
import dev.demarc.mtp.websocket.WebSocketServerConfig;
import dev.demarc.mtp.websocket.WebSocketServerTls;
import dev.demarc.tr181.MtpStatusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What MTPs the agent runs, as its data model configures them (TR-181 Device:2.19, TR-369 "Message
 * Transfer Protocols"):
 * <ul>
 *   <li>each enabled {@code Device.LocalAgent.MTP.{i}.} with {@code Protocol} MQTT: an MQTT client
 *       of the enabled {@code Device.MQTT.Client.{i}.} its {@code MQTT.Reference} names, subscribed
 *       to its {@code MQTT.ResponseTopicConfigured} and the client's enabled
 *       {@code Subscription.{i}.Topic}s; with {@code TransportProtocol} TLS, the broker's
 *       certificate verified against {@code --tls-ca} (else the JVM's trusted CAs) with its host
 *       name, the agent's certificate presented if it has one;</li>
 *   <li>each enabled {@code Device.LocalAgent.MTP.{i}.} with {@code Protocol} WebSocket: a
 *       WebSocket server on its {@code WebSocket.Port} and {@code Path}. It listens on the
 *       addresses of the {@code Device.IP.Interface.{i}} its {@code WebSocket.Interfaces} names
 *       (read again whenever they change, see {@link #isListenAddressChange}); with
 *       {@code Interfaces} empty, on the address the agent is started with
 *       ({@code demarc agent --listen-address}, 127.0.0.1 by default: TR-181's "all interfaces"
 *       is {@code --listen-address 0.0.0.0} or {@code ::}, not the default, so that an agent
 *       started without configuration is not reachable from the network). With
 *       {@code EnableEncryption} true it runs TLS with the agent's certificate
 *       ({@code --tls-cert}, {@code --tls-key}) and requires a client certificate of every
 *       controller, verified against {@code --tls-ca} (TR-369 R-MTP.1); without a certificate
 *       of the agent's such an MTP is not started;</li>
 *   <li>each enabled MTP with {@code Protocol} WebSocket of each enabled
 *       {@code Device.LocalAgent.Controller.{i}.}: a WebSocket client to the controller's
 *       {@code Host}, {@code Port} and {@code Path}; when {@code EnableEncryption} is true over
 *       TLS, the controller's certificate verified against {@code --tls-ca} (else the JVM's
 *       trusted CAs) with its host name, the agent's certificate presented if it has one;</li>
 *   <li>each enabled {@code Device.LocalAgent.MTP.{i}.} with {@code Protocol} UDS: a Unix domain
 *       socket server on the {@code Path} of the {@code Device.UnixDomainSockets.UnixDomainSocket.{i}}
 *       its {@code UDS.UnixDomainSocketRef} names, which must have {@code Mode} Listen (the agent as
 *       a UDS client is not supported). The socket rows are the ones the agent is started with
 *       (its local control socket);</li>
 *   <li>each enabled MTP with {@code Protocol} MQTT of each enabled controller: the controller's
 *       {@code MQTT.Topic}, where the agent sends it connect records and notifications
 *       ({@link #controllerTopics}). A controller's MTP with {@code Protocol} UDS needs nothing
 *       run: the controller connects to the agent's socket.</li>
 * </ul>
 * STOMP is not supported. An MTP whose configuration cannot be used (a Reference to a
 * client that does not exist, a value the transport refuses) is left out and named in
 * {@link #problems()}; the others run.
 *
 * @param mtps     the MTPs to run, in the data model's order: the agent's own, then the
 *                 controllers'
 * @param problems why configured MTPs are left out, for the log at ERROR
 * @param notes    enabled MTPs left out on purpose (e.g. their MQTT client is disabled), for the
 *                 log at INFO
 * @param misconfigured the instances left out for a problem, without trailing dot: each enabled
 *                 {@code Device.LocalAgent.MTP.{i}} not run for a problem, and each
 *                 {@code Device.MQTT.Client.{i}} whose own settings are the problem (their
 *                 {@code Status} reads {@code Error} and {@code Error_Misconfigured})
 */
public record MtpSettings(List<Mtp> mtps, List<Problem> problems, List<Problem> notes, Set<String> misconfigured) {

    /** {@code Protocol} of a WebSocket MTP. */
    public static final String WEBSOCKET = "WebSocket";
    /** {@code Protocol} of an MQTT MTP. */
    public static final String MQTT = "MQTT";

    /**
     * The largest USP Record a WebSocket MTP sends or takes: room for the largest answer the
     * agent core builds ({@link UspAgent.Config#maxResponseBytes()}), with space for the record
     * around it. Received records between the core's own limit and this one are answered with
     * 7005 by the core; larger ones close the connection (1009).
     */
    public static final int WEBSOCKET_MAX_RECORD_SIZE = UspAgent.Config.DEFAULT.maxResponseBytes() + 64 * 1024;
    /** {@code Protocol} of a UDS MTP. */
    public static final String UDS = UdsServerTransport.PROTOCOL;
    /** The largest USP Record a UDS MTP sends or takes: as for WebSocket. */
    public static final int UDS_MAX_RECORD_SIZE = WEBSOCKET_MAX_RECORD_SIZE;

    private static final String LOCAL_MTP_TABLE = "Device.LocalAgent.MTP.";
    private static final String MQTT_CLIENT_TABLE = "Device.MQTT.Client.";
    private static final String CONTROLLER_TABLE = "Device.LocalAgent.Controller.";
    private static final String UDS_SOCKET_TABLE = "Device.UnixDomainSockets.UnixDomainSocket.";
    private static final String IP_INTERFACE_TABLE = "Device.IP.Interface.";
    private static final Pattern IP_INTERFACE_REFERENCE = Pattern.compile("Device\\.IP\\.Interface\\.[1-9][0-9]{0,9}");
    /** fe80::/10. */
    private static final Pattern IPV6_LINK_LOCAL = Pattern.compile("(?i)fe[89ab][0-9a-f]:");
    private static final Set<String> UNBINDABLE_IPV6_STATUS = Set.of("Tentative", "Duplicate", "Invalid", "Inaccessible");
    private static final Pattern MQTT_CLIENT_REFERENCE = Pattern.compile("Device\\.MQTT\\.Client\\.[1-9][0-9]{0,9}\\.?");
    private static final Pattern LOCAL_MTP_REFERENCE = Pattern.compile("Device\\.LocalAgent\\.MTP\\.[1-9][0-9]{0,9}\\.?");
    private static final Pattern INSTANCE = Pattern.compile("[1-9][0-9]{0,9}\\.");
    /** The client a problem's path is in: {@code Device.MQTT.Client.1} of {@code Device.MQTT.Client.1.BrokerPort}. */
    private static final Pattern CLIENT_OF = Pattern.compile("(Device\\.MQTT\\.Client\\.[1-9][0-9]{0,9})(\\..*)?");

    public MtpSettings {
        mtps = List.copyOf(mtps);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        misconfigured = Set.copyOf(misconfigured);
    }

    /**
     * What the agent brings to its MTPs besides the data model.
     *
     * @param agentEndpointId this agent's Endpoint ID
     * @param listenAddress   where WebSocket servers with an empty {@code Interfaces} listen
     *                        ({@code --listen-address})
     * @param webSocketPort   when present, the port the first WebSocket server listens on instead
     *                        of its {@code WebSocket.Port} (0: any free port); for development
     * @param tls             the CAs peers must chain to and the agent's own certificate
     *                        ({@code demarc agent --tls-ca, --tls-cert, --tls-key})
     */
    public record Options(String agentEndpointId, String listenAddress, OptionalInt webSocketPort, AgentTls tls) {
        public Options {
            Objects.requireNonNull(agentEndpointId, "agentEndpointId");
            Objects.requireNonNull(listenAddress, "listenAddress");
            Objects.requireNonNull(webSocketPort, "webSocketPort");
            Objects.requireNonNull(tls, "tls");
            if (webSocketPort.isPresent() && (webSocketPort.getAsInt() < 0 || webSocketPort.getAsInt() > 65535)) {
                throw new IllegalArgumentException("the WebSocket port must be 0..65535: " + webSocketPort.getAsInt());
            }
        }

        /** Options without TLS files: the JVM's trusted CAs, no certificate of the agent's own. */
        public Options(String agentEndpointId, String listenAddress, OptionalInt webSocketPort) {
            this(agentEndpointId, listenAddress, webSocketPort, AgentTls.none());
        }
    }

    /** Why the MTP at {@code path} is not run. */
    public record Problem(String path, String message) {
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** One MTP to run. */
    public sealed interface Mtp permits MqttClientMtp, WebSocketServerMtp, WebSocketClientMtp, UdsServerMtp {

        /** The MTP's instance, without the trailing dot: {@code Device.LocalAgent.MTP.1}. */
        String path();

        /** {@link #MQTT}, {@link #WEBSOCKET} or {@link #UDS}. */
        String protocol();

        /** Whether running {@code other} instead of this would change nothing. */
        boolean sameAs(Mtp other);

        /** What it is, for the log. */
        String describe();
    }

    /**
     * The agent as an MQTT client ({@code Device.LocalAgent.MTP.{i}.} with its
     * {@code Device.MQTT.Client.{i}.}).
     */
    public record MqttClientMtp(String path, String clientPath, MqttClientConfig config) implements Mtp {
        public MqttClientMtp {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(clientPath, "clientPath");
            Objects.requireNonNull(config, "config");
        }

        @Override
        public String protocol() {
            return MQTT;
        }

        @Override
        public boolean sameAs(Mtp other) {
            return sameButSubscriptions(other) && subscriptionsOf(config).equals(subscriptionsOf(((MqttClientMtp) other).config));
        }

        /**
         * Whether {@code other} differs from this one at most in its client's subscriptions
         * ({@code Subscription.{i}.}), which the running transport changes without reconnecting
         * ({@link dev.demarc.mtp.mqtt.MqttTransport#changeSubscriptions}).
         */
        public boolean sameButSubscriptions(Mtp other) {
            return other instanceof MqttClientMtp o && path.equals(o.path) && clientPath.equals(o.clientPath)
                    && settingsOf(config).equals(settingsOf(o.config));
        }

        @Override
        public String describe() {
            return "MQTT " + path + " via " + clientPath + " to " + config.serverUri()
                    + " (MQTT " + config.protocolVersion().tr181Name() + ")";
        }

        /**
         * Every setting of {@code c} but its subscriptions, for comparison (the password included,
         * so never printed).
         */
        private static List<Object> settingsOf(MqttClientConfig c) {
            return List.of(c.name(), c.brokerHost(), c.brokerPort(), c.protocolVersion(), c.transportProtocol(),
                    c.clientId(), c.username(), c.password(), c.endpointId(), c.keepAlive(), c.connectTimeout(),
                    c.connectRetry(), c.responseTopic(), c.subscribeQos(), c.publishQos(),
                    c.cleanStart(), c.sessionExpiryInterval(), c.requestResponseInformation(), c.maxRecordSize(),
                    c.maxInflight(), c.tls());
        }

        /** The subscriptions of {@code c}, in order, with their QoS. */
        private static List<Object> subscriptionsOf(MqttClientConfig c) {
            return List.of(c.subscriptions(), c.subscriptionQos());
        }
    }

    /** The agent as a WebSocket server ({@code Device.LocalAgent.MTP.{i}.WebSocket.}). */
    public record WebSocketServerMtp(String path, WebSocketServerConfig config) implements Mtp {
        public WebSocketServerMtp {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(config, "config");
        }

        @Override
        public String protocol() {
            return WEBSOCKET;
        }

        @Override
        public boolean sameAs(Mtp other) {
            return equals(other);
        }

        @Override
        public String describe() {
            return "WebSocket server " + path + " on " + listening(config, config.port());
        }
    }

    /** {@code ws://127.0.0.1:9080/usp}, or each address's in turn, for the log. */
    static String listening(WebSocketServerConfig config, int port) {
        List<String> uris = new ArrayList<>();
        for (String address : config.bindAddresses()) {
            uris.add((config.tls().isPresent() ? "wss" : "ws") + "://"
                    + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port + config.path());
        }
        return String.join(" and ", uris);
    }

    /**
     * The agent as a WebSocket client of one controller
     * ({@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.}).
     */
    public record WebSocketClientMtp(String path, String controllerEndpointId, WebSocketClientConfig config)
            implements Mtp {
        public WebSocketClientMtp {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(controllerEndpointId, "controllerEndpointId");
            Objects.requireNonNull(config, "config");
        }

        @Override
        public String protocol() {
            return WEBSOCKET;
        }

        @Override
        public boolean sameAs(Mtp other) {
            return equals(other);
        }

        @Override
        public String describe() {
            return "WebSocket client " + path + " to " + controllerEndpointId + " at " + config.peerAddress();
        }
    }

    /**
     * The agent as a Unix domain socket server ({@code Device.LocalAgent.MTP.{i}.UDS.} naming a
     * {@code Device.UnixDomainSockets.UnixDomainSocket.{i}} with {@code Mode} Listen).
     *
     * @param socketRow the socket's instance, without trailing dot
     */
    public record UdsServerMtp(String path, String socketRow, UdsServerConfig config) implements Mtp {
        public UdsServerMtp {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(socketRow, "socketRow");
            Objects.requireNonNull(config, "config");
        }

        @Override
        public String protocol() {
            return UDS;
        }

        @Override
        public boolean sameAs(Mtp other) {
            return equals(other);
        }

        @Override
        public String describe() {
            return "UDS server " + path + " on " + config.socketPath();
        }

        // equals and hashCode by hand: the generated ones go through method handles that the JVM
        // compiles into classes of their own, which the class data sharing archive cannot hold.
        @Override
        public boolean equals(Object other) {
            return other instanceof UdsServerMtp o
                    && Objects.equals(path, o.path)
                    && Objects.equals(socketRow, o.socketRow)
                    && Objects.equals(config, o.config);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, socketRow, config);
        }
    }

    /**
     * A controller the agent reaches over MQTT: an enabled controller's enabled MTP with
     * {@code Protocol} MQTT and a {@code MQTT.Topic}.
     *
     * @param controllerPath the controller's instance, e.g. {@code Device.LocalAgent.Controller.1.}
     * @param agentMtp       the agent's MQTT MTP the controller is reached through, as its
     *                       {@code MQTT.AgentMTPReference} names it ({@code
     *                       Device.LocalAgent.MTP.2}, without the dot); empty for any of them
     * @param retainResponse its {@code MQTT.PublishRetainResponse}: responses to it are published
     *                       with RETAIN
     * @param retainNotify   its {@code MQTT.PublishRetainNotify}: notifications to it are
     *                       published with RETAIN
     */
    public record ControllerTopic(String controllerPath, String endpointId, String topic, String agentMtp,
                                  boolean retainResponse, boolean retainNotify) {
        public ControllerTopic {
            Objects.requireNonNull(controllerPath, "controllerPath");
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(agentMtp, "agentMtp");
        }

        /** True if the agent's MQTT MTP {@code mtpPath} (without its dot) may carry records to this controller. */
        public boolean reachableThrough(String mtpPath) {
            return agentMtp.isEmpty() || agentMtp.equals(mtpPath);
        }
    }

    /**
     * Whether a record carrying {@code carried} to {@code to} is published with RETAIN: as the
     * {@code MQTT.PublishRetainResponse} or {@code MQTT.PublishRetainNotify} of the MQTT MTP in
     * {@code topics} of the controller {@code to} names (a controller has one MQTT MTP at most:
     * {@code Protocol} is the unique key of its MTPs), whichever topic an answer goes to. Records
     * without a Msg, and records to a controller not in {@code topics}, never are.
     */
    public static boolean retained(List<ControllerTopic> topics, MtpAddress to, UspAgent.Carried carried) {
        if (carried == UspAgent.Carried.NO_MSG) {
            return false;
        }
        for (ControllerTopic t : topics) {
            if (t.endpointId().equals(to.endpointId())) {
                return carried == UspAgent.Carried.RESPONSE ? t.retainResponse() : t.retainNotify();
            }
        }
        return false;
    }

    /**
     * What is wrong with {@code reference}, a controller MTP's {@code MQTT.AgentMTPReference}, if
     * anything: it must be empty or name an MQTT MTP of the agent ({@code localMtps}: the objects
     * of {@code Device.LocalAgent.MTP.}).
     */
    private static Optional<String> agentMtpProblem(String reference, Map<String, Map<String, String>> localMtps) {
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        if (!LOCAL_MTP_REFERENCE.matcher(reference).matches()) {
            return Optional.of("'" + shorten(reference) + "' is not a " + LOCAL_MTP_TABLE + "{i}");
        }
        Map<String, String> mtp = localMtps.get(withoutDot(reference) + ".");
        if (mtp == null) {
            return Optional.of(withoutDot(reference) + " does not exist");
        }
        if (!MQTT.equals(mtp.get("Protocol"))) {
            return Optional.of(withoutDot(reference) + " is no MQTT MTP (its Protocol is "
                    + mtp.getOrDefault("Protocol", "") + ")");
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ reading

    /** A path whose change may change the addresses a WebSocket server listens on. */
    private static final Pattern LISTEN_ADDRESS_PATH =
            Pattern.compile("Device\\.IP\\.Interface\\.[1-9][0-9]{0,9}\\.(IPv4Address\\.|IPv6Address\\.|$)");

    /**
     * Whether a change at {@code path} (an event of the data model) may change where a WebSocket
     * server whose {@code Interfaces} names IP interfaces listens: an IP interface or one of its
     * addresses added, deleted or changed.
     */
    public static boolean isListenAddressChange(String path) {
        return path.startsWith(IP_INTERFACE_TABLE) && LISTEN_ADDRESS_PATH.matcher(path).lookingAt();
    }

    /** Reads the MTPs to run from {@code model}. Owner thread. */
    public static MtpSettings read(DataModel model, Options options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        Reading r = new Reading(model, options);
        r.localMtps();
        r.controllerMtps();
        return new MtpSettings(r.mtps, r.problems, r.notes, r.misconfigured);
    }

    /**
     * The controllers reached over MQTT, in the data model's order (a controller with several MQTT
     * MTPs once per MTP, in their {@code Order}). An MTP whose {@code MQTT.AgentMTPReference}
     * names no MQTT MTP of the agent is left out ({@link #read} reports it). Owner thread.
     */
    public static List<ControllerTopic> controllerTopics(DataModel model) {
        List<ControllerTopic> topics = new ArrayList<>();
        Map<String, Map<String, String>> objects = objects(model, CONTROLLER_TABLE);
        Map<String, Map<String, String>> localMtps = null;
        for (String controller : instances(objects, CONTROLLER_TABLE)) {
            Map<String, String> c = objects.get(controller);
            String endpointId = c.getOrDefault("EndpointID", "");
            if (!isTrue(c.get("Enable")) || endpointId.isEmpty()) {
                continue;
            }
            List<Map.Entry<Long, ControllerTopic>> ordered = new ArrayList<>();
            for (String mtp : instances(objects, controller + "MTP.")) {
                Map<String, String> m = objects.get(mtp);
                Map<String, String> mqtt = objects.getOrDefault(mtp + "MQTT.", Map.of());
                String topic = mqtt.getOrDefault("Topic", "");
                if (!isTrue(m.get("Enable")) || !MQTT.equals(m.get("Protocol")) || topic.isEmpty()) {
                    continue;
                }
                String agentMtp = mqtt.getOrDefault("AgentMTPReference", "");
                if (!agentMtp.isEmpty()) {
                    if (localMtps == null) {
                        localMtps = objects(model, LOCAL_MTP_TABLE);
                    }
                    if (agentMtpProblem(agentMtp, localMtps).isPresent()) {
                        continue;
                    }
                }
                ordered.add(Map.entry(parseOr(m.get("Order"), Long.MAX_VALUE),
                        new ControllerTopic(controller, endpointId, topic, withoutDot(agentMtp),
                                isTrue(mqtt.get("PublishRetainResponse")), isTrue(mqtt.get("PublishRetainNotify")))));
            }
            ordered.sort(Map.Entry.comparingByKey());
            for (Map.Entry<Long, ControllerTopic> e : ordered) {
                topics.add(e.getValue());
            }
        }
        return topics;
    }

    /**
     * Every controller instance ({@code Device.LocalAgent.Controller.1.}) and controller MTP
     * instance ({@code ...Controller.1.MTP.2.}) with its controller's Endpoint ID and, for an MTP,
     * its {@code Protocol}: what {@link MtpStatusRegistry#setControllers} takes. Owner thread.
     */
    public static Map<String, MtpStatusRegistry.ControllerInstance> controllerInstances(DataModel model) {
        Map<String, MtpStatusRegistry.ControllerInstance> out = new LinkedHashMap<>();
        Map<String, Map<String, String>> objects = objects(model, CONTROLLER_TABLE);
        for (String controller : instances(objects, CONTROLLER_TABLE)) {
            String endpointId = objects.get(controller).getOrDefault("EndpointID", "");
            if (endpointId.isEmpty()) {
                continue;
            }
            out.put(controller, new MtpStatusRegistry.ControllerInstance(endpointId, Optional.empty()));
            for (String mtp : instances(objects, controller + "MTP.")) {
                String protocol = objects.get(mtp).getOrDefault("Protocol", "");
                if (!protocol.isEmpty()) {
                    out.put(mtp, new MtpStatusRegistry.ControllerInstance(endpointId, Optional.of(protocol)));
                }
            }
        }
        return out;
    }

    /** One pass over the data model. */
    private static final class Reading {
        final DataModel model;
        final Options options;
        final List<Mtp> mtps = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        final List<Problem> notes = new ArrayList<>();
        final Set<String> misconfigured = new LinkedHashSet<>();
        final Map<String, String> clientUsers = new HashMap<>();
        /** The MQTT clients by broker and the Client Identifier they connect with. */
        final Map<String, String> clientIdUsers = new HashMap<>();
        final Map<String, String> socketUsers = new HashMap<>();
        boolean portOverridden;
        /** The objects of {@code Device.LocalAgent.MTP.}, read by {@link #localMtps} for the controllers' MTPs too. */
        Map<String, Map<String, String>> localMtpObjects = Map.of();

        Reading(DataModel model, Options options) {
            this.model = model;
            this.options = options;
        }

        void localMtps() {
            Map<String, Map<String, String>> objects = objects(model, LOCAL_MTP_TABLE);
            localMtpObjects = objects;
            Map<String, Map<String, String>> clients = objects(model, MQTT_CLIENT_TABLE);
            for (String instance : instances(objects, LOCAL_MTP_TABLE)) {
                String path = withoutDot(instance);
                Map<String, String> mtp = objects.get(instance);
                if (!isTrue(mtp.get("Enable"))) {
                    continue;
                }
                String protocol = mtp.getOrDefault("Protocol", "");
                try {
                    switch (protocol) {
                        case MQTT -> mqtt(path, objects.getOrDefault(instance + "MQTT.", Map.of()), clients);
                        case WEBSOCKET -> webSocketServer(path, objects.getOrDefault(instance + "WebSocket.", Map.of()));
                        case UDS -> udsServer(path, objects.getOrDefault(instance + "UDS.", Map.of()));
                        case "" -> throw new Bad(path + ".Protocol", "no Protocol: set it to MQTT, WebSocket or UDS");
                        default -> throw new Bad(path + ".Protocol", protocol + " is not supported by this agent;"
                                + " it speaks MQTT, WebSocket and UDS");
                    }
                } catch (Bad b) {
                    problems.add(b.problem());
                    misconfigured.add(path);
                    Matcher client = CLIENT_OF.matcher(b.problem().path());
                    if (client.matches()) {
                        misconfigured.add(client.group(1));
                    }
                }
            }
        }

        private void mqtt(String path, Map<String, String> mqtt, Map<String, Map<String, String>> clients) {
            String reference = mqtt.getOrDefault("Reference", "");
            if (reference.isEmpty()) {
                throw new Bad(path + ".MQTT.Reference", "empty: name the Device.MQTT.Client.{i} to use");
            }
            if (!MQTT_CLIENT_REFERENCE.matcher(reference).matches()) {
                throw new Bad(path + ".MQTT.Reference", "'" + shorten(reference) + "' is not a Device.MQTT.Client.{i}");
            }
            String clientInstance = reference.endsWith(".") ? reference : reference + ".";
            String clientPath = withoutDot(clientInstance);
            Map<String, String> client = clients.get(clientInstance);
            if (client == null) {
                throw new Bad(path + ".MQTT.Reference", clientPath + " does not exist");
            }
            if (!isTrue(client.get("Enable"))) {
                notes.add(new Problem(path, clientPath + " is disabled: this MTP does not run until its Enable is true"));
                return;
            }
            String user = clientUsers.putIfAbsent(clientPath, path);
            if (user != null) {
                throw new Bad(path + ".MQTT.Reference", clientPath + " is already used by " + user
                        + "; one MQTT client serves one MTP");
            }
            MqttVersion version = MqttVersion.fromTr181(client.getOrDefault("ProtocolVersion", ""))
                    .orElseThrow(() -> new Bad(clientPath + ".ProtocolVersion", "not supported: use 5.0 or 3.1.1"));
            MqttTransportProtocol transport = MqttTransportProtocol.fromTr181(client.getOrDefault("TransportProtocol", ""))
                    .orElseThrow(() -> new Bad(clientPath + ".TransportProtocol", "not supported: use TCP/IP or TLS"));
            Result<String> password = model.readHidden(clientInstance + "Password");
            List<String> subscriptions = new ArrayList<>();
            Map<String, Integer> subscriptionQos = new HashMap<>();
            for (String s : instances(clients, clientInstance + "Subscription.")) {
                Map<String, String> sub = clients.get(s);
                String topic = sub.getOrDefault("Topic", "");
                if (isTrue(sub.get("Enable")) && !topic.isEmpty()) {
                    subscriptions.add(topic);
                    subscriptionQos.put(topic, (int) number(sub, withoutDot(s), "QoS"));
                }
            }
            ConnectRetryPolicy retry;
            try {
                retry = ConnectRetryPolicy.ofTr181(number(client, clientPath, "ConnectRetryTime"),
                        number(client, clientPath, "ConnectRetryIntervalMultiplier"),
                        number(client, clientPath, "ConnectRetryMaxInterval"));
            } catch (IllegalArgumentException e) {
                throw new Bad(clientPath, e.getMessage());
            }
            Result<MqttClientConfig> config = MqttClientConfig.builder()
                    .name(clientPath)
                    .brokerHost(client.getOrDefault("BrokerAddress", ""))
                    .brokerPort((int) number(client, clientPath, "BrokerPort"))
                    .protocolVersion(version)
                    .transportProtocol(transport)
                    .tls(mqttTls(options.tls()))
                    .clientId(client.getOrDefault("ClientID", ""))
                    .username(client.getOrDefault("Username", ""))
                    .password(password.isOk() ? password.value() : "")
                    .endpointId(options.agentEndpointId())
                    .keepAlive(Duration.ofSeconds(number(client, clientPath, "KeepAliveTime")))
                    .connectRetry(retry)
                    .cleanStart(isTrue(client.get(version == MqttVersion.V5_0 ? "CleanStart" : "CleanSession")))
                    .requestResponseInformation(isTrue(client.get("RequestResponseInfo")))
                    .responseTopic(mqtt.getOrDefault("ResponseTopicConfigured", ""))
                    .publishQos((int) number(mqtt, path + ".MQTT", "PublishQoS"))
                    .subscriptions(subscriptions)
                    .subscriptionQos(subscriptionQos)
                    .tryBuild();
            if (!config.isOk()) {
                throw new Bad(clientPath, config.error().message());
            }
            checkClientIdUnique(clientPath, config.value());
            mtps.add(new MqttClientMtp(path, clientPath, config.value()));
        }

        /**
         * Two clients of the agent connecting to one broker with one Client Identifier would take
         * the session from each other at every connection (MQTT 3.1.4), without end: the second
         * is a configuration problem. Two MQTT 3.1.1 clients without a ClientID both use the
         * Endpoint ID (R-MQTT.8); MQTT 5.0 clients without one are given distinct ones.
         */
        private void checkClientIdUnique(String clientPath, MqttClientConfig config) {
            String clientId = config.connectClientId();
            if (clientId.isEmpty()) {
                return;
            }
            String key = config.brokerHost().toLowerCase(Locale.ROOT) + ":" + config.brokerPort() + "\n" + clientId;
            String other = clientIdUsers.putIfAbsent(key, clientPath);
            if (other == null) {
                return;
            }
            throw new Bad(clientPath + ".ClientID", config.clientId().isEmpty()
                    ? "empty, so MQTT 3.1.1 connects with the Endpoint ID, as " + other + " does to the same broker,"
                            + " which keeps only one of them connected: give one of them a ClientID"
                    : "'" + shorten(clientId) + "' is also the ClientID of " + other + " on the same broker, which"
                            + " keeps only one of them connected: give each its own");
        }

        private void udsServer(String path, Map<String, String> uds) {
            String reference = withoutDot(uds.getOrDefault("UnixDomainSocketRef", ""));
            if (reference.isEmpty()) {
                throw new Bad(path + ".UDS.UnixDomainSocketRef", "empty: name the " + UDS_SOCKET_TABLE
                        + "{i} to listen on");
            }
            Map<String, String> socket = reference.startsWith(UDS_SOCKET_TABLE)
                    ? objects(model, UDS_SOCKET_TABLE).get(reference + ".") : null;
            if (socket == null) {
                throw new Bad(path + ".UDS.UnixDomainSocketRef", "'" + shorten(reference) + "' is no "
                        + UDS_SOCKET_TABLE + "{i} of this agent");
            }
            if (!MtpStatusRegistry.UDS_LISTEN.equals(socket.get("Mode"))) {
                throw new Bad(path + ".UDS.UnixDomainSocketRef", reference + " has Mode "
                        + socket.getOrDefault("Mode", "") + "; the agent is a UDS server only (Mode Listen)");
            }
            String user = socketUsers.putIfAbsent(reference, path);
            if (user != null) {
                throw new Bad(path + ".UDS.UnixDomainSocketRef", reference + " is already used by " + user
                        + "; one server per socket");
            }
            try {
                UdsServerConfig config = UdsServerConfig.builder(Path.of(socket.getOrDefault("Path", "")),
                                options.agentEndpointId())
                        .maxRecordSize(UDS_MAX_RECORD_SIZE)
                        .build();
                mtps.add(new UdsServerMtp(path, reference, config));
            } catch (IllegalArgumentException e) {
                throw new Bad(reference + ".Path", e.getMessage());
            }
        }

        private void webSocketServer(String path, Map<String, String> ws) {
            boolean encrypted = isTrue(ws.get("EnableEncryption"));
            if (encrypted && !options.tls().hasCertificate()) {
                throw new Bad(path + ".WebSocket.EnableEncryption", "true, but the agent has no certificate: start it"
                        + " with --tls-cert and --tls-key (and --tls-ca for the controllers' CAs), or set"
                        + " EnableEncryption to false to listen without TLS");
            }
            String interfaces = ws.getOrDefault("Interfaces", "");
            List<String> addresses = listenAddresses(path + ".WebSocket.Interfaces", interfaces);
            if (addresses.isEmpty()) {
                notes.add(new Problem(path + ".WebSocket.Interfaces", "no usable address on " + shorten(interfaces)
                        + " yet: the server starts when one of them has one"));
                return;
            }
            int port = (int) number(ws, path + ".WebSocket", "Port");
            if (options.webSocketPort().isPresent() && !portOverridden) {
                portOverridden = true;
                port = options.webSocketPort().getAsInt();
            }
            try {
                WebSocketServerConfig.Builder b = WebSocketServerConfig.builder()
                        .bindAddresses(addresses)
                        .port(port)
                        .path(ws.getOrDefault("Path", ""));
                if (encrypted) {
                    b.tls(webSocketServerTls(options.tls()));
                } else {
                    b.plain();
                }
                WebSocketServerConfig config = b
                        .keepAliveInterval(Duration.ofSeconds(number(ws, path + ".WebSocket", "KeepAliveInterval")))
                        .maxRecordSize(WEBSOCKET_MAX_RECORD_SIZE)
                        .agentEndpointId(options.agentEndpointId())
                        .build();
                mtps.add(new WebSocketServerMtp(path, config));
            } catch (IllegalArgumentException e) {
                throw new Bad(path + ".WebSocket", e.getMessage());
            }
        }

        /**
         * Where a WebSocket server listens: {@code --listen-address} when its
         * {@code WebSocket.Interfaces} is empty; else the usable addresses of the
         * {@code Device.IP.Interface.{i}} it names, in its order: enabled IPv4 and IPv6 addresses,
         * without IPv6 link-local ones (they need a zone a controller would have to name) and without
         * IPv6 addresses that cannot be bound yet or any more ({@code IPAddressStatus} Tentative,
         * Duplicate, Invalid or Inaccessible). Empty when none has such an address now.
         */
        private List<String> listenAddresses(String parameter, String interfaces) {
            if (interfaces.isBlank()) {
                return List.of(options.listenAddress());
            }
            Set<String> addresses = new LinkedHashSet<>();
            for (String item : interfaces.split(",", -1)) {
                String reference = withoutDot(item.strip());
                if (!IP_INTERFACE_REFERENCE.matcher(reference).matches()) {
                    throw new Bad(parameter, "'" + shorten(reference) + "' is no " + IP_INTERFACE_TABLE + "{i}");
                }
                Result<List<ObjectValues>> v4 = model.get(reference + ".IPv4Address.", 0);
                Result<List<ObjectValues>> v6 = model.get(reference + ".IPv6Address.", 0);
                if (!v4.isOk() && !v6.isOk()) {
                    throw new Bad(parameter, "there is no " + reference + " on this device");
                }
                for (ObjectValues a : v4.isOk() ? v4.value() : List.<ObjectValues>of()) {
                    if (usable(a.parameters(), false)) {
                        addresses.add(a.parameters().get("IPAddress"));
                    }
                }
                for (ObjectValues a : v6.isOk() ? v6.value() : List.<ObjectValues>of()) {
                    if (usable(a.parameters(), true)) {
                        addresses.add(a.parameters().get("IPAddress"));
                    }
                }
            }
            if (addresses.size() > WebSocketServerConfig.MAX_BIND_ADDRESSES) {
                throw new Bad(parameter, "its interfaces have " + addresses.size() + " addresses; a server listens on "
                        + WebSocketServerConfig.MAX_BIND_ADDRESSES + " at most");
            }
            return List.copyOf(addresses);
        }

        private static boolean usable(Map<String, String> address, boolean ipv6) {
            String ip = address.getOrDefault("IPAddress", "");
            if (ip.isEmpty() || !isTrue(address.get("Enable")) || !"Enabled".equals(address.getOrDefault("Status", "Enabled"))) {
                return false;
            }
            return !ipv6 || !IPV6_LINK_LOCAL.matcher(ip).lookingAt()
                    && !UNBINDABLE_IPV6_STATUS.contains(address.getOrDefault("IPAddressStatus", "Unknown"));
        }

        void controllerMtps() {
            Map<String, Map<String, String>> objects = objects(model, CONTROLLER_TABLE);
            for (String controller : instances(objects, CONTROLLER_TABLE)) {
                Map<String, String> c = objects.get(controller);
                if (!isTrue(c.get("Enable"))) {
                    continue;
                }
                String endpointId = c.getOrDefault("EndpointID", "");
                for (String instance : instances(objects, controller + "MTP.")) {
                    Map<String, String> mtp = objects.get(instance);
                    String path = withoutDot(instance);
                    if (!isTrue(mtp.get("Enable"))) {
                        continue;
                    }
                    String protocol = mtp.getOrDefault("Protocol", "");
                    try {
                        if (endpointId.isEmpty()) {
                            throw new Bad(withoutDot(controller) + ".EndpointID", "empty: the agent cannot address"
                                    + " the controller");
                        }
                        switch (protocol) {
                            case WEBSOCKET -> webSocketClient(path, endpointId,
                                    objects.getOrDefault(instance + "WebSocket.", Map.of()));
                            case MQTT -> {
                                Map<String, String> mqtt = objects.getOrDefault(instance + "MQTT.", Map.of());
                                Optional<String> badReference = agentMtpProblem(mqtt.getOrDefault("AgentMTPReference", ""),
                                        localMtpObjects);
                                if (badReference.isPresent()) {
                                    throw new Bad(path + ".MQTT.AgentMTPReference", badReference.get());
                                }
                                if (mqtt.getOrDefault("Topic", "").isEmpty()) {
                                    notes.add(new Problem(path + ".MQTT.Topic", "empty: the agent answers the"
                                            + " controller's requests on their reply-to topic, but cannot send it"
                                            + " connect records or notifications"));
                                }
                            }
                            case UDS -> {
                                // the controller connects to the agent's socket: nothing to run
                            }
                            case "" -> throw new Bad(path + ".Protocol", "no Protocol: set it to MQTT, WebSocket"
                                    + " or UDS");
                            default -> throw new Bad(path + ".Protocol", protocol + " is not supported by this agent;"
                                    + " it speaks MQTT, WebSocket and UDS");
                        }
                    } catch (Bad b) {
                        problems.add(b.problem());
                    }
                }
            }
        }

        private void webSocketClient(String path, String controllerEndpointId, Map<String, String> ws) {
            String host = ws.getOrDefault("Host", "");
            if (host.isEmpty()) {
                throw new Bad(path + ".WebSocket.Host", "empty: name the controller's host");
            }
            try {
                WebSocketClientConfig.Builder b = WebSocketClientConfig.builder(host,
                                (int) number(ws, path + ".WebSocket", "Port"))
                        .path(ws.getOrDefault("Path", ""))
                        .agentEndpointId(options.agentEndpointId())
                        .controllerEndpointId(controllerEndpointId)
                        .keepAliveInterval(Duration.ofSeconds(number(ws, path + ".WebSocket", "KeepAliveInterval")))
                        .retry(SessionRetryPolicy.ofTr181(number(ws, path + ".WebSocket", "SessionRetryMinimumWaitInterval"),
                                number(ws, path + ".WebSocket", "SessionRetryIntervalMultiplier")))
                        .maxRecordSize(WEBSOCKET_MAX_RECORD_SIZE);
                if (isTrue(ws.get("EnableEncryption"))) {
                    b.tls(webSocketClientTls(options.tls()));
                } else {
                    b.plain();
                }
                mtps.add(new WebSocketClientMtp(path, controllerEndpointId, b.build()));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new Bad(path + ".WebSocket", e.getMessage());
            }
        }
    }

    /**
     * TLS of an MQTT client with {@code TransportProtocol} TLS: the broker verified against
     * {@code --tls-ca} (else the JVM's CAs), its host name checked, the agent's certificate
     * presented if it has one. The MQTT MTP reads these files at each connection attempt.
     */
    static MqttTlsConfig mqttTls(AgentTls tls) {
        MqttTlsConfig.Builder b = MqttTlsConfig.builder().hostnameVerification(true);
        tls.caFile().ifPresent(b::caFile);
        if (tls.certificateFile().isPresent() && tls.keyFile().isPresent()) {
            b.clientCertificate(tls.certificateFile().get(), tls.keyFile().get());
        }
        return b.build();
    }

    /**
     * TLS of a WebSocket client with {@code EnableEncryption} true: the controller verified
     * against {@code --tls-ca} (else the JVM's CAs), its host name checked, the agent's
     * certificate presented when the controller asks for one.
     */
    static WebSocketClientTls webSocketClientTls(AgentTls tls) {
        WebSocketClientTls client = tls.trust().map(WebSocketClientTls::trusting).orElseGet(WebSocketClientTls::systemTrust);
        return tls.keyManagers().map(client::withClientCertificate).orElse(client);
    }

    /**
     * TLS of a WebSocket server MTP with {@code EnableEncryption} true: the agent's certificate,
     * and a client certificate required of every controller (TR-369 R-MTP.1), verified against
     * {@code --tls-ca} (else the JVM's CAs). The agent must have a certificate.
     */
    static WebSocketServerTls webSocketServerTls(AgentTls tls) {
        WebSocketServerTls server = WebSocketServerTls.of(tls.keyManagers().orElseThrow(
                () -> new IllegalStateException("the agent has no certificate")));
        return tls.trust().map(server::withClientTrust).orElse(server);
    }

    /** An MTP that cannot run; unwinds to the loop over MTPs. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String path;

        Bad(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }

        Problem problem() {
            return new Problem(path, getMessage());
        }
    }

    /** Every object under {@code table} with its parameters, by path (with trailing dot). */
    private static Map<String, Map<String, String>> objects(DataModel model, String table) {
        Result<List<ObjectValues>> got = model.get(table, 0);
        Map<String, Map<String, String>> byPath = new LinkedHashMap<>();
        if (got.isOk()) {
            for (ObjectValues o : got.value()) {
                byPath.put(o.path(), o.parameters());
            }
        }
        return byPath;
    }

    /** The instances of {@code table} ({@code ...MTP.}) among {@code objects}, in order. */
    private static List<String> instances(Map<String, Map<String, String>> objects, String table) {
        List<String> found = new ArrayList<>();
        for (String path : objects.keySet()) {
            if (path.startsWith(table) && INSTANCE.matcher(path.substring(table.length())).matches()) {
                found.add(path);
            }
        }
        return found;
    }

    private static long number(Map<String, String> values, String objectPath, String name) {
        String v = values.getOrDefault(name, "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Bad(objectPath + "." + name, "'" + shorten(v) + "' is not a number");
        }
    }

    private static long parseOr(String v, long otherwise) {
        try {
            return v == null ? otherwise : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static boolean isTrue(String v) {
        return "true".equals(v) || "1".equals(v);
    }

    private static String withoutDot(String path) {
        return path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** For the log: the MTPs, one per line. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        mtps.forEach(m -> lines.add(m.describe()));
        problems.forEach(p -> lines.add("not run: " + p));
        return String.join("; ", lines);
    }
}

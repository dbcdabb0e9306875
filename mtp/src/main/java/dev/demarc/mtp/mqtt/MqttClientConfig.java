package dev.demarc.mtp.mqtt;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an {@link MqttTransport} connects with: one TR-181 {@code Device.MQTT.Client.{i}.}
 * instance plus the agent's side of it ({@code Device.LocalAgent.MTP.{i}.MQTT.}). Immutable;
 * made with {@link #builder()}, whose javadoc gives each default. {@link #toString()} never shows
 * the password.
 */
public final class MqttClientConfig {

    /** TR-181 default of {@code BrokerPort}. 8883 is the usual port for TLS: set it. */
    public static final int DEFAULT_PORT = 1883;
    /** TR-181 default of {@code KeepAliveTime}. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);
    /** How long a connection attempt may take until CONNACK (and SUBACK). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Largest USP Record sent or accepted by default: 8 MiB. It is a hard memory bound, above
     * the agent core's own limits (records it takes, answers it builds) so that the core, not
     * the transport, decides about a large record and can answer it with error 7005.
     */
    public static final int DEFAULT_MAX_RECORD_SIZE = 8 << 20;
    /** Upper bound of {@link Builder#maxRecordSize(int)}: 128 MiB (MQTT itself allows 256 MB). */
    public static final int MAX_RECORD_SIZE_LIMIT = 128 << 20;
    /** Records awaiting their PUBACK at once, by default. */
    public static final int DEFAULT_MAX_INFLIGHT = 64;
    /** Most topic filters one client subscribes to. */
    public static final int MAX_SUBSCRIPTIONS = 256;

    private final String name;
    private final String brokerHost;
    private final int brokerPort;
    private final MqttVersion protocolVersion;
    private final MqttTransportProtocol transportProtocol;
    private final MqttTlsConfig tls;
    private final String clientId;
    private final String username;
    private final String password;
    private final String endpointId;
    private final Duration keepAlive;
    private final Duration connectTimeout;
    private final ConnectRetryPolicy connectRetry;
    private final String responseTopic;
    private final List<String> subscriptions;
    private final Map<String, Integer> subscriptionQos;
    private final int subscribeQos;
    private final int publishQos;
    private final boolean cleanStart;
    private final long sessionExpiryInterval;
    private final boolean requestResponseInformation;
    private final int maxRecordSize;
    private final int maxInflight;

    private MqttClientConfig(Builder b) {
        this.name = b.name;
        this.brokerHost = b.brokerHost;
        this.brokerPort = b.brokerPort;
        this.protocolVersion = b.protocolVersion;
        this.transportProtocol = b.transportProtocol;
        this.tls = b.tls;
        this.clientId = b.clientId;
        this.username = b.username;
        this.password = b.password;
        this.endpointId = b.endpointId;
        this.keepAlive = b.keepAlive;
        this.connectTimeout = b.connectTimeout;
        this.connectRetry = b.connectRetry;
        this.responseTopic = b.responseTopic;
        this.subscriptions = List.copyOf(b.subscriptions);
        this.subscriptionQos = Map.copyOf(b.subscriptionQos);
        this.subscribeQos = b.subscribeQos;
        this.publishQos = b.publishQos;
        this.cleanStart = b.cleanStart;
        this.sessionExpiryInterval = b.sessionExpiryInterval;
        this.requestResponseInformation = b.requestResponseInformation;
        this.maxRecordSize = b.maxRecordSize;
        this.maxInflight = b.maxInflight;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.brokerHost = brokerHost;
        b.brokerPort = brokerPort;
        b.protocolVersion = protocolVersion;
        b.transportProtocol = transportProtocol;
        b.tls = tls;
        b.clientId = clientId;
        b.username = username;
        b.password = password;
        b.endpointId = endpointId;
        b.keepAlive = keepAlive;
        b.connectTimeout = connectTimeout;
        b.connectRetry = connectRetry;
        b.responseTopic = responseTopic;
        b.subscriptions = new ArrayList<>(subscriptions);
        b.subscriptionQos = new HashMap<>(subscriptionQos);
        b.subscribeQos = subscribeQos;
        b.publishQos = publishQos;
        b.cleanStart = cleanStart;
        b.sessionExpiryInterval = sessionExpiryInterval;
        b.requestResponseInformation = requestResponseInformation;
        b.maxRecordSize = maxRecordSize;
        b.maxInflight = maxInflight;
        return b;
    }

    /** A short name for logs and thread names, such as {@code Device.MQTT.Client.1}. */
    public String name() {
        return name;
    }

    /** {@code BrokerAddress}: host name or IP address of the broker. */
    public String brokerHost() {
        return brokerHost;
    }

    /** {@code BrokerPort}. */
    public int brokerPort() {
        return brokerPort;
    }

    /** {@code ProtocolVersion}. */
    public MqttVersion protocolVersion() {
        return protocolVersion;
    }

    /** {@code TransportProtocol}. */
    public MqttTransportProtocol transportProtocol() {
        return transportProtocol;
    }

    /** TLS settings, used when {@link #transportProtocol()} is TLS. */
    public MqttTlsConfig tls() {
        return tls;
    }

    /** {@code ClientID} as configured; empty if none (see {@link #connectClientId()}). */
    public String clientId() {
        return clientId;
    }

    /** {@code Username}; empty if none. */
    public String username() {
        return username;
    }

    /** {@code Password}; empty if none. Never logged. */
    public String password() {
        return password;
    }

    /**
     * The agent's USP Endpoint ID: sent as the {@code usp-endpoint-id} user property of CONNECT
     * and of every PUBLISH (MQTT 5.0, R-MQTT.13), and the MQTT 3.1.1 client identifier when none
     * is configured (R-MQTT.8). Empty if not known.
     */
    public String endpointId() {
        return endpointId;
    }

    /** {@code KeepAliveTime}; zero turns keep-alive off. */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** How long one connection attempt may take until CONNACK. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@code ConnectRetryTime}, {@code ConnectRetryIntervalMultiplier}, {@code ConnectRetryMaxInterval}. */
    public ConnectRetryPolicy connectRetry() {
        return connectRetry;
    }

    /**
     * {@code Device.LocalAgent.MTP.{i}.MQTT.ResponseTopicConfigured}: the agent's own topic, where
     * controllers send it records. Subscribed to unless a configured filter covers it, and used
     * as the "reply to" topic unless an MQTT 5.0 broker gives Response Information. Empty if none.
     */
    public String responseTopic() {
        return responseTopic;
    }

    /** {@code Device.MQTT.Client.{i}.Subscription.{i}.Topic}: extra topic filters to subscribe to. */
    public List<String> subscriptions() {
        return subscriptions;
    }

    /**
     * {@code Subscription.{i}.QoS}: the QoS asked for in SUBSCRIBE for a filter of
     * {@link #subscriptions()} that has its own; the others (and the filters the broker or the
     * response topic add) are subscribed at {@link #subscribeQos()}.
     */
    public Map<String, Integer> subscriptionQos() {
        return subscriptionQos;
    }

    /** The QoS to subscribe to {@code topicFilter} at: its own, else {@link #subscribeQos()}. */
    public int qosOf(String topicFilter) {
        return subscriptionQos.getOrDefault(topicFilter, subscribeQos);
    }

    /** QoS asked for in SUBSCRIBE for a filter without a QoS of its own. */
    public int subscribeQos() {
        return subscribeQos;
    }

    /** {@code Device.LocalAgent.MTP.{i}.MQTT.PublishQoS}: QoS of the agent's PUBLISH packets. */
    public int publishQos() {
        return publishQos;
    }

    /** {@code CleanStart} (MQTT 5.0) or {@code CleanSession} (MQTT 3.1.1). */
    public boolean cleanStart() {
        return cleanStart;
    }

    /** {@code SessionExpiryInterval} in seconds (MQTT 5.0 only); 0 ends the session at disconnection. */
    public long sessionExpiryInterval() {
        return sessionExpiryInterval;
    }

    /** {@code RequestResponseInfo}: ask an MQTT 5.0 broker for Response Information (R-MQTT.12). */
    public boolean requestResponseInformation() {
        return requestResponseInformation;
    }

    /** Largest USP Record sent (larger ones are refused) or accepted (larger ones are dropped). */
    public int maxRecordSize() {
        return maxRecordSize;
    }

    /** Most records awaiting their PUBACK at once; more are refused until some are acknowledged. */
    public int maxInflight() {
        return maxInflight;
    }

    /**
     * The client identifier of the first CONNECT: the configured one; else for MQTT 3.1.1 the
     * Endpoint ID (R-MQTT.8); else empty, and an MQTT 5.0 broker assigns one.
     */
    public String connectClientId() {
        if (!clientId.isEmpty()) {
            return clientId;
        }
        return protocolVersion == MqttVersion.V3_1_1 ? endpointId : "";
    }

    /** The broker's address for logs and {@code connected(...)}: {@code tcp://host:port} or {@code ssl://host:port}. */
    public String serverUri() {
        String scheme = transportProtocol == MqttTransportProtocol.TLS ? "ssl" : "tcp";
        return scheme + "://" + bracketed() + ":" + brokerPort;
    }

    /** The address given to Paho: always {@code tcp://}, as TLS is layered by {@link MqttSockets}. */
    String pahoUri() {
        return "tcp://" + bracketed() + ":" + brokerPort;
    }

    private String bracketed() {
        return brokerHost.indexOf(':') >= 0 && !brokerHost.startsWith("[") ? "[" + brokerHost + "]" : brokerHost;
    }

    @Override
    public String toString() {
        return "MqttClientConfig[name=" + name
                + ", broker=" + serverUri()
                + ", protocolVersion=" + protocolVersion.tr181Name()
                + (transportProtocol == MqttTransportProtocol.TLS ? ", tls=" + tls : "")
                + ", clientId=" + clientId
                + ", username=" + username
                + ", password=" + MqttTlsConfig.mask(password)
                + ", endpointId=" + endpointId
                + ", keepAlive=" + keepAlive.toSeconds() + "s"
                + ", connectRetry=" + connectRetry
                + ", responseTopic=" + responseTopic
                + ", subscriptions=" + subscriptions
                + (subscriptionQos.isEmpty() ? "" : ", subscriptionQos=" + new TreeMap<>(subscriptionQos))
                + ", subscribeQos=" + subscribeQos
                + ", publishQos=" + publishQos
                + ", cleanStart=" + cleanStart
                + ", maxRecordSize=" + maxRecordSize
                + "]";
    }

    /**
     * Builds an {@link MqttClientConfig}. Only {@link #brokerHost} is required; MQTT 3.1.1 also
     * needs a {@link #responseTopic}, and MQTT 5.0 needs one unless the broker gives Response
     * Information.
     */
    public static final class Builder {
        private String name = "mqtt";
        private String brokerHost = "";
        private int brokerPort = DEFAULT_PORT;
        private MqttVersion protocolVersion = MqttVersion.V5_0;
        private MqttTransportProtocol transportProtocol = MqttTransportProtocol.TCP;
        private MqttTlsConfig tls = MqttTlsConfig.DEFAULT;
        private String clientId = "";
        private String username = "";
        private String password = "";
        private String endpointId = "";
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private ConnectRetryPolicy connectRetry = ConnectRetryPolicy.DEFAULT;
        private String responseTopic = "";
        private List<String> subscriptions = new ArrayList<>();
        private Map<String, Integer> subscriptionQos = new HashMap<>();
        private int subscribeQos = 1;
        private int publishQos = 1;
        private boolean cleanStart = true;
        private long sessionExpiryInterval = 0;
        private boolean requestResponseInformation = true;
        private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
        private int maxInflight = DEFAULT_MAX_INFLIGHT;

        private Builder() {
        }

        /** Name for logs and thread names (default "mqtt"), such as {@code Device.MQTT.Client.1}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** {@code BrokerAddress} (required): host name or IP address. */
        public Builder brokerHost(String host) {
            this.brokerHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** {@code BrokerPort} (default 1883). */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /** {@code ProtocolVersion} (default 5.0). */
        public Builder protocolVersion(MqttVersion version) {
            this.protocolVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** {@code TransportProtocol} (default TCP). */
        public Builder transportProtocol(MqttTransportProtocol protocol) {
            this.transportProtocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** TLS settings (default {@link MqttTlsConfig#DEFAULT}); used with {@link MqttTransportProtocol#TLS}. */
        public Builder tls(MqttTlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** {@code ClientID} (default empty: see {@link MqttClientConfig#connectClientId()}). */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** {@code Username} (default empty: none sent). */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** {@code Password} (default empty: none sent). */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The agent's USP Endpoint ID (default empty). */
        public Builder endpointId(String endpointId) {
            this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
            return this;
        }

        /** {@code KeepAliveTime} (default 60 s; whole seconds, 0..65535; 0 turns it off). */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
            return this;
        }

        /** Time allowed for one connection attempt (default 30 s; whole seconds, 1..3600). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The reconnection back-off (default {@link ConnectRetryPolicy#DEFAULT}). */
        public Builder connectRetry(ConnectRetryPolicy policy) {
            this.connectRetry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** {@code ResponseTopicConfigured}: the agent's own topic, no wildcards (default empty). */
        public Builder responseTopic(String topic) {
            this.responseTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** {@code Subscription.{i}.Topic} values: extra topic filters (default none). */
        public Builder subscriptions(List<String> topicFilters) {
            this.subscriptions = new ArrayList<>(Objects.requireNonNull(topicFilters, "topicFilters"));
            return this;
        }

        /**
         * {@code Subscription.{i}.QoS} of some of the {@link #subscriptions} (default none): the
         * QoS to subscribe to each at; each key must be one of them.
         */
        public Builder subscriptionQos(Map<String, Integer> qosByTopicFilter) {
            this.subscriptionQos = new HashMap<>(Objects.requireNonNull(qosByTopicFilter, "qosByTopicFilter"));
            return this;
        }

        /** QoS of the SUBSCRIBE for a filter without a QoS of its own (default 1). */
        public Builder subscribeQos(int qos) {
            this.subscribeQos = qos;
            return this;
        }

        /** {@code PublishQoS} (default 1). */
        public Builder publishQos(int qos) {
            this.publishQos = qos;
            return this;
        }

        /** {@code CleanStart} / {@code CleanSession} (default true). */
        public Builder cleanStart(boolean cleanStart) {
            this.cleanStart = cleanStart;
            return this;
        }

        /** {@code SessionExpiryInterval} in seconds, MQTT 5.0 only (default 0). */
        public Builder sessionExpiryInterval(long seconds) {
            this.sessionExpiryInterval = seconds;
            return this;
        }

        /** {@code RequestResponseInfo} (default true, as R-MQTT.12 expects). */
        public Builder requestResponseInformation(boolean request) {
            this.requestResponseInformation = request;
            return this;
        }

        /** Largest USP Record in bytes (default 8 MiB, at most {@link #MAX_RECORD_SIZE_LIMIT}). */
        public Builder maxRecordSize(int bytes) {
            this.maxRecordSize = bytes;
            return this;
        }

        /** Most records awaiting PUBACK at once (default 64, 1..65535). */
        public Builder maxInflight(int count) {
            this.maxInflight = count;
            return this;
        }

        /**
         * The configuration, or {@link ErrorCode#INVALID_VALUE} naming the first bad setting.
         */
        public Result<MqttClientConfig> tryBuild() {
            Optional<String> problem = check();
            if (problem.isPresent()) {
                return Result.err(ErrorCode.INVALID_VALUE, problem.get());
            }
            return Result.ok(new MqttClientConfig(this));
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the first bad setting
         */
        public MqttClientConfig build() {
            Optional<String> problem = check();
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get());
            }
            return new MqttClientConfig(this);
        }

        private Optional<String> check() {
            if (name.isEmpty() || name.length() > 64) {
                return Optional.of("name must be 1..64 characters");
            }
            if (brokerHost.isEmpty()) {
                return Optional.of("BrokerAddress is required");
            }
            if (brokerHost.length() > 256) {
                return Optional.of("BrokerAddress is longer than 256 characters");
            }
            for (int i = 0; i < brokerHost.length(); i++) {
                char c = brokerHost.charAt(i);
                if (Character.isWhitespace(c) || c == '/' || c == '@' || Character.isISOControl(c)) {
                    return Optional.of("BrokerAddress is not a host name or IP address: " + brokerHost);
                }
            }
            if (brokerPort < 1 || brokerPort > 65535) {
                return Optional.of("BrokerPort must be in 1..65535: " + brokerPort);
            }
            if (utf8Length(clientId) > 65535) {
                return Optional.of("ClientID is longer than 65535 bytes");
            }
            if (username.length() > 256) {
                return Optional.of("Username is longer than 256 characters");
            }
            if (password.length() > 256) {
                return Optional.of("Password is longer than 256 characters");
            }
            if (protocolVersion == MqttVersion.V3_1_1 && !password.isEmpty() && username.isEmpty()) {
                return Optional.of("MQTT 3.1.1 sends a Password only with a Username");
            }
            if (utf8Length(endpointId) > 65535) {
                return Optional.of("the Endpoint ID is longer than 65535 bytes");
            }
            if (keepAlive.isNegative() || keepAlive.toSeconds() > 65535) {
                return Optional.of("KeepAliveTime must be in 0..65535 seconds: " + keepAlive.toSeconds());
            }
            if (connectTimeout.toSeconds() < 1 || connectTimeout.toSeconds() > 3600) {
                return Optional.of("the connect timeout must be 1..3600 seconds: " + connectTimeout);
            }
            if (!responseTopic.isEmpty()) {
                Optional<String> bad = MqttTopics.checkTopicName(responseTopic);
                if (bad.isPresent()) {
                    return Optional.of("ResponseTopicConfigured: " + bad.get());
                }
            }
            if (subscriptions.size() > MAX_SUBSCRIPTIONS) {
                return Optional.of("at most " + MAX_SUBSCRIPTIONS + " subscriptions, not " + subscriptions.size());
            }
            for (String filter : subscriptions) {
                Optional<String> bad = MqttTopics.checkTopicFilter(Objects.requireNonNull(filter, "subscription"));
                if (bad.isPresent()) {
                    return Optional.of("Subscription Topic: " + bad.get());
                }
            }
            if (protocolVersion == MqttVersion.V3_1_1 && responseTopic.isEmpty()) {
                return Optional.of("MQTT 3.1.1 needs ResponseTopicConfigured: it has no Response Information");
            }
            if (protocolVersion == MqttVersion.V5_0 && responseTopic.isEmpty() && !requestResponseInformation) {
                return Optional.of("set ResponseTopicConfigured, or RequestResponseInfo so the broker can give one");
            }
            if (subscribeQos < 0 || subscribeQos > 2) {
                return Optional.of("the subscription QoS must be 0, 1 or 2: " + subscribeQos);
            }
            for (Map.Entry<String, Integer> e : subscriptionQos.entrySet()) {
                if (!subscriptions.contains(e.getKey())) {
                    return Optional.of("a QoS for '" + e.getKey() + "', which is no subscription");
                }
                if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 2) {
                    return Optional.of("Subscription QoS must be 0, 1 or 2: " + e.getValue() + " for '" + e.getKey() + "'");
                }
            }
            if (publishQos < 0 || publishQos > 2) {
                return Optional.of("PublishQoS must be 0, 1 or 2: " + publishQos);
            }
            if (sessionExpiryInterval < 0 || sessionExpiryInterval > 0xFFFF_FFFFL) {
                return Optional.of("SessionExpiryInterval must be in 0..4294967295: " + sessionExpiryInterval);
            }
            if (protocolVersion == MqttVersion.V3_1_1 && !cleanStart && connectClientId().isEmpty()) {
                return Optional.of("MQTT 3.1.1 without CleanSession needs a ClientID or an Endpoint ID");
            }
            if (maxRecordSize < 1 || maxRecordSize > MAX_RECORD_SIZE_LIMIT) {
                return Optional.of("the maximum record size must be in 1.." + MAX_RECORD_SIZE_LIMIT + ": " + maxRecordSize);
            }
            if (maxInflight < 1 || maxInflight > 65535) {
                return Optional.of("the maximum in-flight count must be in 1..65535: " + maxInflight);
            }
            return Optional.empty();
        }

        private String connectClientId() {
            if (!clientId.isEmpty()) {
                return clientId;
            }
            return protocolVersion == MqttVersion.V3_1_1 ? endpointId : "";
        }

        private static int utf8Length(String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}

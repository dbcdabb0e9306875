package dev.demarc.tr181;

import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Range;
import dev.demarc.core.schema.ValueType;
import java.time.Duration;
import java.util.List;

/**
 * {@code Device.MQTT.Client.{i}.} of TR-181 Device:2.19, with {@code Subscription.{i}.}: the MQTT
 * clients the agent's MQTT MTP connects with ({@code Device.LocalAgent.MTP.{i}.MQTT.Reference}
 * names one, see {@link LocalAgentMtpObject}), and the topics each subscribes to. Also builds
 * {@code Device.MQTT.}, which here holds only the client table. All of it is configuration that
 * controllers and the factory defaults write and the engine stores, except two read-only values
 * the running agent gives ({@link MtpStatusRegistry}): {@code Status} (a client that does not
 * run, being disabled or used by no enabled MTP, reads {@code Disabled}) and
 * {@code ResponseInformation}.
 *
 * <p>The parameters are those of the profiles TR-369's MQTT binding requires of an agent
 * ({@code MQTTClientCon:1}, {@code MQTTClientSubscribe:1}) that are configuration, and those of
 * MQTT 5.0 it uses ({@code CleanStart}, {@code RequestResponseInfo}). Facts are the standard's:
 * names, types, access, facets, defaults, unique keys (Alias and Name for a client, Alias and
 * Topic for a subscription), and that controllers may add and delete instances. Where the
 * standard gives no default and an unset value would not be valid, Demarc chooses one, marked
 * "Demarc's default" below. Instance counts are bounded by Demarc (the standard says unbounded).
 * A client a controller adds without a Name (a subscription without a Topic) is given one by
 * the agent, {@code cpe-N} (TR-369 R-ADD.5).
 *
 * <p>{@code Password} is hidden: it is stored, but reads back (and is reported in change
 * events) as the empty string.
 *
 * <p>The standard takes the values of {@code ProtocolVersion} and {@code TransportProtocol} from
 * {@code Device.MQTT.Capabilities.}; here they are what Demarc's MQTT MTP speaks
 * ({@link #PROTOCOL_VERSIONS}, {@link #TRANSPORT_PROTOCOLS}), so that a value it cannot use is
 * refused with 7012 rather than stored, and {@code Capabilities.} lists the same
 * ({@code ProtocolVersionsSupported}, {@code TransportProtocolSupported}; the limits on
 * subscriptions and bridges are left out). Each client's {@code Stats.} gives the counters the
 * profile {@code MQTTClientSubscribe:1} requires ({@code BrokerConnectionEstablished},
 * {@code MQTTMessagesSent}, {@code MQTTMessagesReceived}, {@code ConnectionErrors}), from the
 * running agent ({@link MtpStatusRegistry#mqttClientStats}).
 *
 * <p>Left out until the code that keeps them right exists: the {@code Status} of subscriptions,
 * the other {@code Stats.} counters, and {@code ForceReconnect()}. Left out as Demarc does not use them: the
 * will message ({@code Will*}), {@code Interface}, {@code ALPN}, {@code AuthenticationMethod},
 * {@code RequestProblemInfo}, the MQTT 5.0 session and packet limits
 * ({@code SessionExpiryInterval}, {@code ReceiveMaximum}, {@code MaximumPacketSize},
 * {@code TopicAliasMaximum}, {@code PublishMessageExpiryInterval}), {@code UserProperty.{i}.}
 * (TR-369 fixes the one user property the agent sends) and the broker side
 * ({@code Device.MQTT.Broker.{i}.}).
 */
public final class MqttClientObject {

    public static final String PATH = "Device.MQTT.Client.{i}.";

    /** Demarc's bound on the MQTT clients. */
    public static final int MAX_CLIENTS = 8;
    /** Demarc's bound on the subscriptions of one client. */
    public static final int MAX_SUBSCRIPTIONS = 32;

    /** The MQTT versions Demarc's MQTT MTP speaks (TR-369 requires 5.0 and allows 3.1.1). */
    public static final List<String> PROTOCOL_VERSIONS = List.of("3.1.1", "5.0");
    /** The transports Demarc's MQTT MTP uses: MQTT over TCP, with or without TLS. */
    public static final List<String> TRANSPORT_PROTOCOLS = List.of("TCP/IP", "TLS");

    /** Demarc's default ProtocolVersion: 5.0, the version TR-369 requires. */
    public static final String DEFAULT_PROTOCOL_VERSION = "5.0";
    /**
     * Demarc's default Enable of a client and of a subscription (the standard gives none): a new
     * client does not connect, a new subscription is not subscribed.
     */
    public static final String DEFAULT_ENABLE = "false";
    /**
     * Demarc's default RequestResponseInfo: true, so that a broker that assigns the agent a
     * response topic (MQTT 5.0 Response Information, TR-369 R-MQTT.12 and R-MQTT.21) can tell it.
     */
    public static final String DEFAULT_REQUEST_RESPONSE_INFO = "true";
    /** Demarc's default subscription QoS: 1, which TR-369 requires clients and brokers to support. */
    public static final String DEFAULT_SUBSCRIPTION_QOS = "1";

    /** {@code Status}: what the client's connection is doing, from {@link MtpStatusRegistry}. */
    public static final ParameterDef STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration(MtpStatusRegistry.MQTT_CLIENT_STATUSES.toArray(String[]::new)));
    /** {@code ResponseInformation}: the CONNACK Response Information (MQTT 5.0), from {@link MtpStatusRegistry}. */
    public static final ParameterDef RESPONSE_INFORMATION = ParameterDef.readOnly("ResponseInformation",
            ValueType.string().maxLength(65535));

    /** The {@code Stats.} parameters, from {@link MtpStatusRegistry#mqttClientStats}; counters are never notified. */
    static final ParameterDef BROKER_CONNECTION_ESTABLISHED =
            ParameterDef.readOnly("BrokerConnectionEstablished", ValueType.dateTime()).ignoringValueChange();
    static final ParameterDef MQTT_MESSAGES_SENT =
            ParameterDef.readOnly("MQTTMessagesSent", DataTypes.STATS_COUNTER64).ignoringValueChange();
    static final ParameterDef MQTT_MESSAGES_RECEIVED =
            ParameterDef.readOnly("MQTTMessagesReceived", DataTypes.STATS_COUNTER64).ignoringValueChange();
    static final ParameterDef CONNECTION_ERRORS =
            ParameterDef.readOnly("ConnectionErrors", DataTypes.STATS_COUNTER32).ignoringValueChange();

    private static final ValueType UNSIGNED_INT = ValueType.unsignedInt();
    private static final ValueType BOOLEAN = ValueType.bool();

    private MqttClientObject() {
    }

    /** {@code Device.MQTT.}: the capabilities, the client table and its count. */
    static ObjectDef.Builder mqttDefinition() {
        return ObjectDef.single("MQTT")
                .object(ObjectDef.single("Capabilities")
                        .param(ParameterDef.readOnly("ProtocolVersionsSupported",
                                ValueType.listOf(ValueType.string().enumeration("3.1", "3.1.1", "5.0"))))
                        .param(ParameterDef.readOnly("TransportProtocolSupported", ValueType.listOf(
                                ValueType.string().enumeration("TCP/IP", "TLS", "WebSocket", "WebSocketTLS")))))
                .tableWithCount(definition());
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.table("Client").creatable().maxEntries(MAX_CLIENTS)
                .uniqueKey("Alias")
                .uniqueKey("Name")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Name", ValueType.string().maxLength(64)))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault(DEFAULT_ENABLE))
                .param(STATUS)
                .param(ParameterDef.readWrite("ProtocolVersion",
                        ValueType.string().enumeration(PROTOCOL_VERSIONS.toArray(String[]::new)))
                        .withDefault(DEFAULT_PROTOCOL_VERSION))
                .param(ParameterDef.readWrite("BrokerAddress", ValueType.string().maxLength(256)))
                .param(ParameterDef.readWrite("BrokerPort", UNSIGNED_INT.range(1, 65535)).withDefault("1883"))
                .param(ParameterDef.readWrite("TransportProtocol",
                        ValueType.string().enumeration(TRANSPORT_PROTOCOLS.toArray(String[]::new)))
                        .withDefault("TCP/IP"))
                .param(ParameterDef.readWrite("CleanSession", BOOLEAN).withDefault("true"))
                .param(ParameterDef.readWrite("CleanStart", BOOLEAN).withDefault("true"))
                .param(ParameterDef.readWrite("KeepAliveTime", UNSIGNED_INT.range(0, 65535)).withDefault("60"))
                .param(ParameterDef.readWrite("RequestResponseInfo", BOOLEAN)
                        .withDefault(DEFAULT_REQUEST_RESPONSE_INFO))
                .param(ParameterDef.readWrite("ClientID", ValueType.string().maxLength(65535)))
                .param(ParameterDef.readWrite("Username", ValueType.string().maxLength(256)))
                .param(ParameterDef.readWrite("Password", ValueType.string().maxLength(256)).asHidden())
                .param(ParameterDef.readWrite("MessageRetryTime", UNSIGNED_INT.range(Range.atLeast(1)))
                        .withDefault("5"))
                .param(ParameterDef.readWrite("ConnectRetryTime", UNSIGNED_INT.range(Range.atLeast(1)))
                        .withDefault("5"))
                .param(ParameterDef.readWrite("ConnectRetryIntervalMultiplier", UNSIGNED_INT.range(1000, 65535))
                        .withDefault("2000"))
                .param(ParameterDef.readWrite("ConnectRetryMaxInterval", UNSIGNED_INT.range(Range.atLeast(1)))
                        .withDefault("30720"))
                .param(RESPONSE_INFORMATION)
                .object(ObjectDef.single("Stats")
                        .param(BROKER_CONNECTION_ESTABLISHED)
                        .param(MQTT_MESSAGES_SENT)
                        .param(MQTT_MESSAGES_RECEIVED)
                        .param(CONNECTION_ERRORS))
                .tableWithCount(subscription());
    }

    /**
     * Binds {@code Status} and {@code ResponseInformation} to what {@code status} holds at each
     * read (on the data model's owner thread; it does not block).
     */
    static void bind(Bindings.Builder bindings, MtpStatusRegistry status) {
        bindings.parameter(PATH + STATUS.name(), o -> Result.ok(status.mqttClient(o.path()).status()), Duration.ZERO);
        bindings.parameter(PATH + RESPONSE_INFORMATION.name(),
                o -> Result.ok(status.mqttClient(o.path()).responseInformation()), Duration.ZERO);
        bindings.parameter("Device.MQTT.Capabilities.ProtocolVersionsSupported",
                o -> Result.ok(String.join(",", PROTOCOL_VERSIONS)), Duration.ZERO);
        bindings.parameter("Device.MQTT.Capabilities.TransportProtocolSupported",
                o -> Result.ok(String.join(",", TRANSPORT_PROTOCOLS)), Duration.ZERO);
        String stats = PATH + "Stats.";
        bindings.parameter(stats + BROKER_CONNECTION_ESTABLISHED.name(), o -> Result.ok(
                status.mqttClientStats(clientOf(o.path())).brokerConnectionEstablished().map(DateTimes::formatSeconds)
                        .orElse(MtpStatusRegistry.UNKNOWN_TIME)), Duration.ZERO);
        bindings.parameter(stats + MQTT_MESSAGES_SENT.name(),
                o -> Result.ok(Long.toString(status.mqttClientStats(clientOf(o.path())).mqttMessagesSent())),
                Duration.ZERO);
        bindings.parameter(stats + MQTT_MESSAGES_RECEIVED.name(),
                o -> Result.ok(Long.toString(status.mqttClientStats(clientOf(o.path())).mqttMessagesReceived())),
                Duration.ZERO);
        // A StatsCounter32 wraps around.
        bindings.parameter(stats + CONNECTION_ERRORS.name(), o -> Result.ok(Long.toString(
                status.mqttClientStats(clientOf(o.path())).connectionErrors() & 0xFFFF_FFFFL)), Duration.ZERO);
    }

    /** {@code Device.MQTT.Client.1.} of {@code Device.MQTT.Client.1.Stats.}. */
    private static String clientOf(String statsPath) {
        return statsPath.substring(0, statsPath.length() - "Stats.".length());
    }

    /** {@code Client.{i}.Subscription.{i}.}: the topics the client subscribes to. */
    private static ObjectDef.Builder subscription() {
        return ObjectDef.table("Subscription").creatable().maxEntries(MAX_SUBSCRIPTIONS)
                .uniqueKey("Alias")
                .uniqueKey("Topic")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault(DEFAULT_ENABLE))
                .param(ParameterDef.readWrite("Topic", ValueType.string().maxLength(65535)))
                .param(ParameterDef.readWrite("QoS", UNSIGNED_INT.range(0, 2)).withDefault(DEFAULT_SUBSCRIPTION_QOS));
    }
}

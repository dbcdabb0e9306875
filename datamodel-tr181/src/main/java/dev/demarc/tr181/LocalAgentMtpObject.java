package dev.demarc.tr181;

import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Range;
import dev.demarc.core.schema.ValueType;
import java.time.Duration;

/**
 * {@code Device.LocalAgent.MTP.{i}.} of TR-181 Device:2.19 (USP): the message transfer protocols
 * the agent itself uses, with {@code MQTT.} (which {@code Device.MQTT.Client.{i}.} it publishes
 * and subscribes through, see {@link MqttClientObject}) and {@code WebSocket.} (where it listens
 * as a WebSocket server). All of it is configuration that controllers and the factory defaults
 * write and the engine stores, except two read-only values the running agent gives
 * ({@link MtpStatusRegistry}): {@code Status} ({@code Up} while the MTP can carry records: its
 * MQTT client connected, its WebSocket server listening; {@code Error} when its configuration
 * cannot be used; else {@code Down}) and {@code MQTT.ResponseTopicDiscovered}.
 *
 * <p>Facts are the standard's: names, types, access, facets, defaults, the unique key (Alias
 * only: several MTPs may use one protocol), and that controllers may add and delete instances.
 * Where the standard gives no default and an unset value would not be valid, Demarc chooses one,
 * marked "Demarc's default" below. The instance count is bounded by Demarc (the standard says
 * unbounded). Like {@code Controller.{i}.MTP.{i}.}, every instance has both sub-objects; the one
 * that {@code Protocol} does not name is ignored.
 *
 * <p>{@code UDS.UnixDomainSocketRef} names a {@code Device.UnixDomainSockets.UnixDomainSocket.{i}}
 * with {@code Mode} Listen: the agent is a UDS server on that socket (its local control socket,
 * {@link UnixDomainSocketsObject}).
 *
 * <p>Left out until the code that keeps them right exists:
 * <ul>
 *   <li>{@code EnableMDNS}: its standard default (true) promises mDNS advertisement, which
 *       Demarc does not do;</li>
 *   <li>the {@code STOMP.} sub-object: Demarc has no STOMP MTP.</li>
 * </ul>
 * References ({@code MQTT.Reference}, {@code WebSocket.Interfaces}) are not checked against
 * their targets.
 */
public final class LocalAgentMtpObject {

    public static final String PATH = "Device.LocalAgent.MTP.{i}.";

    /** Demarc's bound on the agent's own MTPs. */
    public static final int MAX_MTPS = 8;

    /**
     * Demarc's default {@code MQTT.PublishQoS}: 1, the level TR-369 requires every USP MQTT
     * client and server to support and the one the MQTT MTP uses.
     */
    public static final String DEFAULT_MQTT_PUBLISH_QOS = "1";

    /** {@code Status}: whether the MTP can carry records, from {@link MtpStatusRegistry}. */
    public static final ParameterDef STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration(MtpStatusRegistry.MTP_STATUSES.toArray(String[]::new)));
    /** {@code MQTT.ResponseTopicDiscovered}: the broker's Response Information, from {@link MtpStatusRegistry}. */
    public static final ParameterDef RESPONSE_TOPIC_DISCOVERED = ParameterDef.readOnly("ResponseTopicDiscovered",
            ValueType.string().maxLength(65535));

    private static final ValueType UNSIGNED_INT = ValueType.unsignedInt();
    private static final ValueType BOOLEAN = ValueType.bool();

    private LocalAgentMtpObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.table("MTP").creatable().maxEntries(MAX_MTPS)
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(STATUS)
                .param(ParameterDef.readWrite("Protocol",
                        ValueType.string().enumeration(LocalAgentInfo.PROTOCOLS.toArray(String[]::new))))
                .object(webSocket())
                .object(mqtt())
                .object(uds());
    }

    /** {@code MTP.{i}.UDS.}: the agent on a Unix domain socket. */
    private static ObjectDef.Builder uds() {
        return ObjectDef.single("UDS")
                .param(ParameterDef.readWrite("UnixDomainSocketRef", ValueType.string()));
    }

    /** {@code MTP.{i}.WebSocket.}: the agent as a WebSocket server. */
    private static ObjectDef.Builder webSocket() {
        return ObjectDef.single("WebSocket")
                .param(ParameterDef.readWrite("Interfaces", ValueType.listOf(ValueType.string())))
                .param(ParameterDef.readWrite("Port", UNSIGNED_INT.range(1, 65535)).withDefault("8443"))
                .param(ParameterDef.readWrite("Path", ValueType.string()))
                .param(ParameterDef.readWrite("EnableEncryption", BOOLEAN).withDefault("true"))
                .param(ParameterDef.readWrite("KeepAliveInterval", UNSIGNED_INT.range(Range.atLeast(1)))
                        .withDefault("60"));
    }

    /**
     * Binds {@code Status} and {@code MQTT.ResponseTopicDiscovered} to what {@code status} holds
     * at each read (on the data model's owner thread; it does not block).
     */
    static void bind(Bindings.Builder bindings, MtpStatusRegistry status) {
        bindings.parameter(PATH + STATUS.name(), o -> Result.ok(status.mtp(o.path()).status()), Duration.ZERO);
        bindings.parameter(PATH + "MQTT." + RESPONSE_TOPIC_DISCOVERED.name(), o -> Result.ok(
                status.mtp(o.path().substring(0, o.path().length() - "MQTT.".length())).responseTopicDiscovered()),
                Duration.ZERO);
    }

    /** {@code MTP.{i}.MQTT.}: the agent as an MQTT client. */
    private static ObjectDef.Builder mqtt() {
        return ObjectDef.single("MQTT")
                .param(ParameterDef.readWrite("Reference", ValueType.string()))
                .param(ParameterDef.readWrite("ResponseTopicConfigured", ValueType.string().maxLength(65535)))
                .param(RESPONSE_TOPIC_DISCOVERED)
                .param(ParameterDef.readWrite("PublishQoS", UNSIGNED_INT.range(0, 2))
                        .withDefault(DEFAULT_MQTT_PUBLISH_QOS));
    }
}

package dev.demarc.tr181;

import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Range;
import dev.demarc.core.schema.ValueType;

/**
 * {@code Device.LocalAgent.MTP.{i}.} of TR-181 Device:2.19 (USP): the message transfer protocols
 * the agent itself uses, with {@code MQTT.} (which {@code Device.MQTT.Client.{i}.} it publishes
 * and subscribes through, see {@link MqttClientObject}) and {@code WebSocket.} (where it listens
 * as a WebSocket server). All of it is configuration that controllers and the factory defaults
 * write and the engine stores; nothing is read from the platform.
 *
 * <p>Facts are the standard's: names, types, access, facets, defaults, the unique key (Alias
 * only: several MTPs may use one protocol), and that controllers may add and delete instances.
 * Where the standard gives no default and an unset value would not be valid, Demarc chooses one,
 * marked "Demarc's default" below. The instance count is bounded by Demarc (the standard says
 * unbounded). Like {@code Controller.{i}.MTP.{i}.}, every instance has both sub-objects; the one
 * that {@code Protocol} does not name is ignored.
 *
 * <p>Left out until the code that keeps them right exists:
 * <ul>
 *   <li>{@code Status} and {@code MQTT.ResponseTopicDiscovered}: live values the MTP module
 *       maintains;</li>
 *   <li>{@code EnableMDNS}: its standard default (true) promises mDNS advertisement, which
 *       Demarc does not do;</li>
 *   <li>the {@code STOMP.} and {@code UDS.} sub-objects: Demarc has no STOMP or UDS MTP.</li>
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

    private static final ValueType UNSIGNED_INT = ValueType.unsignedInt();
    private static final ValueType BOOLEAN = ValueType.bool();

    private LocalAgentMtpObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.table("MTP").creatable().maxEntries(MAX_MTPS)
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("Protocol",
                        ValueType.string().enumeration(LocalAgentInfo.PROTOCOLS.toArray(String[]::new))))
                .object(webSocket())
                .object(mqtt());
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

    /** {@code MTP.{i}.MQTT.}: the agent as an MQTT client. */
    private static ObjectDef.Builder mqtt() {
        return ObjectDef.single("MQTT")
                .param(ParameterDef.readWrite("Reference", ValueType.string()))
                .param(ParameterDef.readWrite("ResponseTopicConfigured", ValueType.string().maxLength(65535)))
                .param(ParameterDef.readWrite("PublishQoS", UNSIGNED_INT.range(0, 2))
                        .withDefault(DEFAULT_MQTT_PUBLISH_QOS));
    }
}

package dev.demarc.tr181;

import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Range;
import dev.demarc.core.schema.ValueType;
import java.util.List;

/**
 * {@code Device.LocalAgent.Controller.{i}.} of TR-181 Device:2.19 (USP): the controllers this
 * agent answers to, with their boot parameters ({@code BootParameter.{i}.}) and the MTPs that
 * reach them ({@code MTP.{i}.}, with {@code MQTT.} and {@code WebSocket.}). All of it is
 * configuration that controllers and the factory defaults write and the engine stores; nothing
 * is read from the platform.
 *
 * <p>Facts are the standard's: names, types, access, facets, defaults, unique keys, and that
 * controllers may add and delete instances. Where the standard gives a number or dateTime no
 * default, an unset value would read as the empty string, which is not a number; Demarc then
 * chooses one, marked "Demarc's default" below. Instance counts are bounded by Demarc (the
 * standard says unbounded).
 *
 * <p>{@code SendOnBoardRequest()} makes the agent send this controller an OnBoardRequest
 * notification. Not here yet: the {@code AddMyCertificate()} command,
 * {@code E2ESession.}, {@code TransferCompletePolicy.}, the STOMP and UDS MTP objects, the MQTT
 * {@code AgentMTPReference} and the {@code USPServiceRef} and {@code CurrentRetryCount} status
 * values: they need the USP and MTP support that arrives later. References
 * ({@code AssignedRole} to {@link ControllerTrustObject}'s roles, {@code Credential}) are not
 * checked against their targets.
 */
public final class LocalAgentControllerObject {

    public static final String PATH = "Device.LocalAgent.Controller.{i}.";

    /** Demarc's bound on the number of controllers. */
    public static final int MAX_CONTROLLERS = 32;
    /** Demarc's bound on the boot parameters of one controller. */
    public static final int MAX_BOOT_PARAMETERS = 128;
    /** One MTP per protocol: Protocol is a unique key over the four protocols of the standard. */
    public static final int MAX_MTPS = LocalAgentInfo.PROTOCOLS.size();

    /** Demarc's default PeriodicNotifInterval: one day. */
    public static final String DEFAULT_PERIODIC_NOTIF_INTERVAL = "86400";
    /** Demarc's default PeriodicNotifTime: TR-106's Unknown Time, i.e. no reference time. */
    public static final String DEFAULT_PERIODIC_NOTIF_TIME = "0001-01-01T00:00:00Z";
    /** Demarc's default MTP Order: first. */
    public static final String DEFAULT_MTP_ORDER = "1";
    /** Demarc's default WebSocket Port, matching the standard's default EnableEncryption true. */
    public static final String DEFAULT_WEBSOCKET_PORT = "443";
    /** Demarc's default WebSocket KeepAliveInterval, in seconds. */
    public static final String DEFAULT_WEBSOCKET_KEEP_ALIVE_INTERVAL = "30";

    private static final ValueType UNSIGNED_INT = ValueType.unsignedInt();
    private static final ValueType BOOLEAN = ValueType.bool();

    private LocalAgentControllerObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.table("Controller").creatable().maxEntries(MAX_CONTROLLERS)
                .uniqueKey("EndpointID")
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("EndpointID", ValueType.string()))
                .param(ParameterDef.readWrite("ControllerCode", ValueType.string().maxLength(128)))
                .param(ParameterDef.readWrite("ProvisioningCode", ValueType.string().maxLength(64)))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("AssignedRole", ValueType.listOf(ValueType.string())))
                .param(ParameterDef.readOnly("InheritedRole", ValueType.listOf(ValueType.string())))
                .param(ParameterDef.readWrite("Credential", ValueType.listOf(ValueType.string())))
                .param(ParameterDef.readWrite("PeriodicNotifInterval", UNSIGNED_INT.range(Range.atLeast(1)))
                        .withDefault(DEFAULT_PERIODIC_NOTIF_INTERVAL))
                .param(ParameterDef.readWrite("PeriodicNotifTime", ValueType.dateTime())
                        .withDefault(DEFAULT_PERIODIC_NOTIF_TIME))
                .param(ParameterDef.readWrite("USPNotifRetryMinimumWaitInterval", UNSIGNED_INT.range(1, 65535))
                        .withDefault("5"))
                .param(ParameterDef.readWrite("USPNotifRetryIntervalMultiplier", UNSIGNED_INT.range(1000, 65535))
                        .withDefault("2000"))
                .tableWithCount(mtp())
                .tableWithCount(bootParameter())
                .param(ParameterDef.readWrite("OnBoardingComplete", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("OnBoardingRestartTime", UNSIGNED_INT).withDefault("0"))
                .command(new CommandDef("SendOnBoardRequest", false, List.of(), List.of()));
    }

    /** {@code Controller.{i}.BootParameter.{i}.}: parameters sent in the Boot! event. */
    private static ObjectDef.Builder bootParameter() {
        return ObjectDef.table("BootParameter").creatable().maxEntries(MAX_BOOT_PARAMETERS)
                .uniqueKey("ParameterName")
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("ParameterName", ValueType.string().maxLength(256)));
    }

    /**
     * {@code Controller.{i}.MTP.{i}.}: how to reach the controller. The standard takes the values
     * of {@code Protocol} from {@code Device.LocalAgent.SupportedProtocols}; here they are the
     * standard's whole list, which that parameter's values are drawn from.
     */
    private static ObjectDef.Builder mtp() {
        return ObjectDef.table("MTP").creatable().maxEntries(MAX_MTPS)
                .uniqueKey("Protocol")
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("Protocol",
                        ValueType.string().enumeration(LocalAgentInfo.PROTOCOLS.toArray(String[]::new))))
                .param(ParameterDef.readWrite("Order", UNSIGNED_INT.range(Range.atLeast(1)))
                        .withDefault(DEFAULT_MTP_ORDER))
                .object(ObjectDef.single("WebSocket")
                        .param(ParameterDef.readWrite("Host", ValueType.string().maxLength(256)))
                        .param(ParameterDef.readWrite("Port", UNSIGNED_INT.range(1, 65535))
                                .withDefault(DEFAULT_WEBSOCKET_PORT))
                        .param(ParameterDef.readWrite("Path", ValueType.string()))
                        .param(ParameterDef.readWrite("EnableEncryption", BOOLEAN).withDefault("true"))
                        .param(ParameterDef.readWrite("KeepAliveInterval", UNSIGNED_INT.range(Range.atLeast(1)))
                                .withDefault(DEFAULT_WEBSOCKET_KEEP_ALIVE_INTERVAL))
                        .param(ParameterDef.readWrite("SessionRetryMinimumWaitInterval", UNSIGNED_INT.range(1, 65535))
                                .withDefault("5"))
                        .param(ParameterDef.readWrite("SessionRetryIntervalMultiplier", UNSIGNED_INT.range(1000, 65535))
                                .withDefault("2000")))
                .object(ObjectDef.single("MQTT")
                        .param(ParameterDef.readWrite("Topic", ValueType.string().maxLength(65535)))
                        .param(ParameterDef.readWrite("PublishRetainResponse", BOOLEAN).withDefault("false"))
                        .param(ParameterDef.readWrite("PublishRetainNotify", BOOLEAN).withDefault("false")));
    }
}

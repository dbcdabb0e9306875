package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Range;
import dev.demarc.core.schema.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

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
 * notification. {@code MTP.{i}.UDS.} says which Unix domain socket the controller reaches the
 * agent on; its {@code USPServiceRef} is always empty (Demarc models no USP Services). Not here
 * yet: the {@code AddMyCertificate()} command, {@code E2ESession.},
 * {@code TransferCompletePolicy.}, the STOMP MTP object, the MQTT {@code AgentMTPReference} and
 * the {@code CurrentRetryCount} status value: they need the USP and MTP support that arrives
 * later. References ({@code AssignedRole} to {@link ControllerTrustObject}'s roles,
 * {@code Credential}) are not checked against their targets.
 *
 * <h2>Vendor extensions (TR-106 {@code X_<VENDOR>_}, vendor {@value Tr181Model#VENDOR_PREFIX})</h2>
 * What the agent knows of its connection with each controller, which TR-181 does not model, read
 * from {@link MtpStatusRegistry} (never stored; read-only):
 * <ul>
 *   <li>{@code Controller.{i}.X_DEMARC_DEV_Connected}: whether the agent has a channel to the
 *       controller now, over any MTP (a WebSocket or UDS session with its Endpoint ID, or an MQTT
 *       connection to the broker it was sent its MQTTConnectRecord on);
 *       {@code X_DEMARC_DEV_ConnectedProtocols} over which; {@code X_DEMARC_DEV_LastChange} since
 *       when ({@value MtpStatusRegistry#UNKNOWN_TIME} when it has not changed since the agent
 *       started); {@code X_DEMARC_DEV_LastError} and {@code X_DEMARC_DEV_LastErrorTime}: the last
 *       failure to reach it or send to it; {@code X_DEMARC_DEV_NotificationsWaiting}: the Notify
 *       messages waiting for a route to it or for its NotifyResp.</li>
 *   <li>{@code Controller.{i}.MTP.{i}.X_DEMARC_DEV_Connected}, {@code X_DEMARC_DEV_LastChange},
 *       {@code X_DEMARC_DEV_LastError}, {@code X_DEMARC_DEV_LastErrorTime}: the same, over that
 *       MTP's {@code Protocol} only.</li>
 * </ul>
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

    private static final String X = Tr181Model.VENDOR_PREFIX;
    public static final ParameterDef CONNECTED = ParameterDef.readOnly(X + "Connected", BOOLEAN);
    public static final ParameterDef CONNECTED_PROTOCOLS = ParameterDef.readOnly(X + "ConnectedProtocols",
            ValueType.listOf(ValueType.string().enumeration(LocalAgentInfo.PROTOCOLS.toArray(String[]::new))));
    public static final ParameterDef LAST_CHANGE = ParameterDef.readOnly(X + "LastChange", ValueType.dateTime());
    public static final ParameterDef LAST_ERROR = ParameterDef.readOnly(X + "LastError",
            ValueType.string().maxLength(MtpStatusRegistry.MAX_ERROR_LENGTH));
    public static final ParameterDef LAST_ERROR_TIME = ParameterDef.readOnly(X + "LastErrorTime", ValueType.dateTime());
    public static final ParameterDef NOTIFICATIONS_WAITING = ParameterDef.readOnly(X + "NotificationsWaiting",
            UNSIGNED_INT);

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
                .command(new CommandDef("SendOnBoardRequest", false, List.of(), List.of()))
                .param(CONNECTED)
                .param(CONNECTED_PROTOCOLS)
                .param(LAST_CHANGE)
                .param(LAST_ERROR)
                .param(LAST_ERROR_TIME)
                .param(NOTIFICATIONS_WAITING);
    }

    /**
     * Binds the vendor parameters of each controller and controller MTP to {@code status}, read at
     * each access on the data model's owner thread.
     */
    static void bind(Bindings.Builder bindings, MtpStatusRegistry status) {
        String mtp = PATH + "MTP.{i}.";
        for (String object : List.of(PATH, mtp)) {
            BiFunction<Object, String, MtpStatusRegistry.ControllerLink> linkAt = (stamp, path) -> status
                    .controllerInstance(path)
                    .map(c -> c.protocol().isPresent() ? status.controllerLink(c.endpointId(), c.protocol().get())
                            : status.controllerLink(c.endpointId()))
                    .orElse(MtpStatusRegistry.ControllerLink.NEVER);
            // Looked up once for the parameters of an instance, which a Get reads one after the other.
            LastRead<Object, String, MtpStatusRegistry.ControllerLink> last = new LastRead<>();
            Function<InstanceRef, MtpStatusRegistry.ControllerLink> link =
                    o -> last.get(status.controllersStamp(), o.path(), o.path(), linkAt);
            bindings.parameter(object + CONNECTED.name(), o -> Result.ok(Boolean.toString(link.apply(o).connected())),
                    Duration.ZERO);
            bindings.parameter(object + LAST_CHANGE.name(), o -> Result.ok(dateTime(link.apply(o).lastChange())),
                    Duration.ZERO);
            bindings.parameter(object + LAST_ERROR.name(), o -> Result.ok(link.apply(o).lastError()), Duration.ZERO);
            bindings.parameter(object + LAST_ERROR_TIME.name(), o -> Result.ok(dateTime(link.apply(o).lastErrorTime())),
                    Duration.ZERO);
            if (object.equals(PATH)) {
                bindings.parameter(object + CONNECTED_PROTOCOLS.name(),
                        o -> Result.ok(String.join(",", link.apply(o).protocols())), Duration.ZERO);
            }
        }
        bindings.parameter(PATH + NOTIFICATIONS_WAITING.name(), o -> {
            try {
                return Result.ok(Integer.toString(status.waitingNotifications(o.path())));
            } catch (RuntimeException e) {
                return Result.err(DmError.at(o.path() + NOTIFICATIONS_WAITING.name(), ErrorCode.INTERNAL_ERROR,
                        "the notifications could not be counted: " + e));
            }
        }, Duration.ZERO);
    }

    private static String dateTime(Optional<Instant> t) {
        return t.map(DateTimes::formatSeconds)
                .orElse(MtpStatusRegistry.UNKNOWN_TIME);
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
                        .param(ParameterDef.readWrite("PublishRetainNotify", BOOLEAN).withDefault("false"))
                        .param(ParameterDef.readWrite("AgentMTPReference", ValueType.string())))
                .object(ObjectDef.single("UDS")
                        .param(ParameterDef.readWrite("UnixDomainSocketRef", ValueType.string()))
                        .param(ParameterDef.readOnly("USPServiceRef", ValueType.string())))
                .param(CONNECTED)
                .param(LAST_CHANGE)
                .param(LAST_ERROR)
                .param(LAST_ERROR_TIME);
    }
}

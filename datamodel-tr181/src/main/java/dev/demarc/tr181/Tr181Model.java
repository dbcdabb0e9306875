package dev.demarc.tr181;

import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.notify.ScheduleTimerCommand;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The TR-181 Device:2.19 data model this agent serves (USP flavour), and how it is bound to the
 * platform:
 *
 * <pre>
 * Device.                          RootDataModelVersion
 *   Reboot()  FactoryReset()       {@link DeviceCommands}
 *   DeviceInfo.                    {@link DeviceInfoObject}
 *     MemoryStatus.                {@link MemoryStatusObject}
 *     ProcessStatus.  Process.{i}. {@link ProcessStatusObject}
 *     TemperatureStatus.  TemperatureSensor.{i}.  {@link TemperatureSensorObject}
 *   LocalAgent.                    {@link LocalAgentObject}
 *     MTP.{i}.                     {@link LocalAgentMtpObject}
 *       WebSocket.  MQTT.  UDS.
 *     Controller.{i}.              {@link LocalAgentControllerObject}
 *       MTP.{i}.  MTP.{i}.WebSocket.  MTP.{i}.MQTT.  MTP.{i}.UDS.  BootParameter.{i}.
 *     Subscription.{i}.            {@link LocalAgentSubscriptionObject}
 *     Request.{i}.                 {@link LocalAgentRequestObject}
 *     ControllerTrust.             {@link ControllerTrustObject}
 *       Role.{i}.  Role.{i}.Permission.{i}.
 *   MQTT.                          {@link MqttClientObject}
 *     Client.{i}.
 *       Subscription.{i}.
 *   InterfaceStack.{i}.            {@link InterfaceStackObject}
 *   Ethernet.                      {@link EthernetInterfaceObject}
 *     Interface.{i}.  Link.{i}.    ({@link EthernetLinkObject})
 *   Bridging.                      {@link BridgingBridgeObject}
 *     Bridge.{i}.  Bridge.{i}.Port.{i}.
 *   IP.                            {@link IpInterfaceObject}
 *     Interface.{i}.  IPv4Address.{i}.  IPv6Address.{i}.  IPv6Prefix.{i}.
 *     Diagnostics.                 {@link IpDiagnosticsObject}: IPPing(), TraceRoute(), DownloadDiagnostics(), UploadDiagnostics()
 *   WiFi.                          {@link WiFiObject}, NeighboringWiFiDiagnostic()
 *     Radio.{i}.                   {@link WiFiRadioObject}
 *     SSID.{i}.                    {@link WiFiSsidObject}
 *     AccessPoint.{i}.             {@link WiFiAccessPointObject}
 *       Security.  AssociatedDevice.{i}.
 *   DHCPv4.Client.{i}.             {@link Dhcpv4ClientObject}
 *   PPP.Interface.{i}.             {@link PppInterfaceObject}
 *     IPCP.  PPPoE.  Stats.
 *   Routing.Router.{i}.            {@link RoutingRouterObject}
 *     IPv4Forwarding.{i}.  IPv6Forwarding.{i}.
 *   DNS.Client.                    {@link DnsClientObject}
 *     Server.{i}.
 *   Hosts.                         {@link HostsObject}
 *     Host.{i}.  IPv4Address.{i}.  IPv6Address.{i}.
 *   DHCPv4.
 *     Server.                      {@link Dhcpv4ServerObject}
 *       Pool.{i}.  Client.{i}.  Client.{i}.IPv4Address.{i}.
 *   NAT.                           {@link NatPortMappingObject}
 *     PortMapping.{i}.
 *   Time.                          {@link TimeObject}
 *     Client.{i}.
 *   UnixDomainSockets.             {@link UnixDomainSocketsObject}
 *     UnixDomainSocket.{i}.
 * </pre>
 *
 * <p>Only what the agent can do is declared: {@code Boot!} is sent at every start, with the cause
 * {@code Device.Reboot()} or {@code FactoryReset()} recorded ({@link BootCauseRecorder}). Some
 * values come with the model itself rather than from a defaults file: see {@link #builtInDefaults()}.
 * Vendor extensions are named with {@link #VENDOR_PREFIX}.
 */
public final class Tr181Model {

    /** {@code Device.RootDataModelVersion}: the data model's major.minor version. */
    public static final String ROOT_DATA_MODEL_VERSION = "2.19";

    /**
     * The prefix of Demarc's vendor extensions (TR-106 "Vendor-specific Parameters":
     * {@code X_<VENDOR>_}, with the vendor's domain name upper case and its dots replaced):
     * the project's domain demarc.dev.
     */
    public static final String VENDOR_PREFIX = "X_DEMARC_DEV_";

    public static final ParameterDef ROOT_DATA_MODEL_VERSION_PARAMETER =
            ParameterDef.readOnly("RootDataModelVersion", ValueType.string().maxLength(32).pattern("2\\.\\d+"));

    private static final Schema SCHEMA = build(null);

    /**
     * The model for {@code platform}: the areas whose writes depend on what the platform can
     * apply declare a parameter read-only where it cannot (so a controller's GetSupportedDM says
     * so, instead of a write being accepted and ignored). {@code null}: a platform that can
     * apply every write Demarc supports, i.e. the full model ({@link #schema()}).
     */
    private static Schema build(Platform platform) {
        return Schema.of(ObjectDef.single("Device")
            .param(ROOT_DATA_MODEL_VERSION_PARAMETER)
            .object(DeviceInfoObject.definition())
            .object(LocalAgentObject.definition())
            .object(MqttClientObject.mqttDefinition())
            .tableWithCount(InterfaceStackObject.definition())
            .object(EthernetInterfaceObject.ethernetDefinition(platform))
            .object(BridgingBridgeObject.bridgingDefinition(platform))
            .object(IpInterfaceObject.ipDefinition(platform).object(IpDiagnosticsObject.definition()))
            .command(DeviceCommands.REBOOT_COMMAND)
            .command(DeviceCommands.FACTORY_RESET_COMMAND)
            .command(ScheduleTimerCommand.DEFINITION)
            .object(WiFiObject.definition(platform))
            .object(ObjectDef.single("DHCPv4").tableWithCount(Dhcpv4ClientObject.definition(platform))
                    .object(Dhcpv4ServerObject.definition(platform)))
            .object(ObjectDef.single("PPP").tableWithCount(PppInterfaceObject.definition(platform)))
            .object(ObjectDef.single("Routing").tableWithCount(RoutingRouterObject.definition(platform)))
            .object(ObjectDef.single("DNS").object(DnsClientObject.definition(platform)))
            .object(HostsObject.definition())
            .object(NatPortMappingObject.definition(platform))
            .object(TimeObject.definition(platform))
            .object(UnixDomainSocketsObject.definition())
            .event(new EventDef("Boot", List.of(
                    ArgumentDef.optional("CommandKey", ValueType.string()),
                    ArgumentDef.optional("Cause", ValueType.string().enumeration(
                            "LocalReboot", "RemoteReboot", "FactoryReset", "LocalFactoryReset", "RemoteFactoryReset")),
                    ArgumentDef.optional("Reason", ValueType.string()),
                    ArgumentDef.optional("FirmwareUpdated", ValueType.bool()),
                    ArgumentDef.optional("ParameterMap", DataTypes.JSON_OBJECT))))
            .buildRoot());
    }

    /** The name to give {@link #builtInDefaults()} in messages about them. */
    public static final String BUILT_IN_DEFAULTS_NAME = "built-in";

    private static final List<Assignment> BUILT_IN_DEFAULTS = ControllerTrustObject.builtInDefaults();

    private Tr181Model() {
    }

    /** The full model: what an agent on a platform that applies every write serves; immutable and shared. */
    public static Schema schema() {
        return SCHEMA;
    }

    /**
     * The model served on {@code platform}: {@link #schema()}, with the parameters whose writes
     * the platform cannot apply declared read-only. Built anew on each call; the agent builds it
     * once.
     */
    public static Schema schema(Platform platform) {
        return build(Objects.requireNonNull(platform, "platform"));
    }

    /**
     * The platform's parameters that the platform pushes when they change (by supported path),
     * so that ValueChange subscriptions on them are not polled; the MTPs' live values among them.
     */
    public static Set<String> pushedParameters() {
        return PUSHED_PARAMETERS;
    }

    private static final Set<String> PUSHED_PARAMETERS = java.util.stream.Stream.of(MtpStatusRegistry.PARAMETERS,
                    NetworkObjects.PUSHED_PARAMETERS, Dhcpv4ClientObject.PUSHED, PppInterfaceObject.PUSHED,
                    RoutingRouterObject.PUSHED, DnsClientObject.PUSHED, HostsObject.PUSHED, Dhcpv4ServerObject.PUSHED,
                    NatPortMappingObject.PUSHED, TimeObject.PUSHED)
            .flatMap(Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The commands of the model that the platform runs (diagnostics, {@code Device.Reboot()}...),
     * without a place to record boot causes: a reboot's next {@code Boot!} will not know it. For
     * tools and tests; the agent uses {@link #commands(Platform, BootCauseRecorder)}.
     */
    public static UspCommands commands(Platform platform) {
        return commands(platform, BootCauseRecorder.NONE);
    }

    /**
     * The commands of the model that the platform runs; {@code Device.Reboot()} and
     * {@code FactoryReset()} record the next boot's cause in {@code recorder} before the
     * platform goes down.
     */
    public static UspCommands commands(Platform platform, BootCauseRecorder recorder) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(recorder, "recorder");
        UspCommands.Builder commands = UspCommands.builder();
        NetworkObjects.commands(commands, platform);
        DeviceCommands.register(commands, platform.system().control(), recorder);
        IpDiagnosticsObject.register(commands, platform.system().diagnostics());
        TemperatureSensorObject.register(commands, platform.system().status());
        WiFiObject.commands(commands, platform);
        new ControllerTrustChallenges(System::nanoTime).register(commands);
        if (platform.wan().writes().contains(dev.demarc.tr181.platform.WanWrite.DHCP_CLIENT_RENEW)) {
            commands.register(Dhcpv4ClientObject.RENEW, Dhcpv4ClientObject.renew(platform.wan()));
        }
        return commands.build();
    }

    /**
     * The factory defaults every Demarc agent has before any defaults file: the two predefined
     * roles, {@code ControllerTrust.Role.1} (full access) and {@code Role.2} (untrusted, and the
     * {@code UntrustedRole}); see {@link ControllerTrustObject}. Lines are numbered from 1 in
     * this list ({@link Assignment} has no line 0).
     *
     * <p>The agent applies them first and a defaults file's lines after them, so a file can add
     * to them (a permission for {@code Role.2}, a third role) or change them (a line setting
     * {@code Role.1.Name} wins over the built-in one). Immutable.
     */
    public static List<Assignment> builtInDefaults() {
        return BUILT_IN_DEFAULTS;
    }

    /** Every binding of the model: the device's values from {@code platform}, the agent's from {@code agent}. */
    public static Bindings bindings(Schema schema, DeviceInfoPlatform platform, LocalAgentInfo agent) {
        Objects.requireNonNull(agent, "agent");
        return bindings(schema, platform, () -> agent);
    }

    /**
     * Every binding of the model, the agent's values read from {@code agent} at each read: the
     * agent may open the data model before it knows them (its Endpoint ID may come from what the
     * factory defaults store) and change them while it runs ({@code SupportedProtocols} follows
     * the MTPs it has running). While {@code agent} gives {@code null}, {@code Device.LocalAgent.}
     * EndpointID, SoftwareVersion, UpTime and SupportedProtocols read as an error, unless the
     * factory defaults stored a value. {@code agent} is called on the data model's owner thread
     * and must not block.
     */
    public static Bindings bindings(Schema schema, DeviceInfoPlatform platform, Supplier<LocalAgentInfo> agent) {
        return bindings(schema, platform, agent, new MtpStatusRegistry());
    }

    /**
     * As {@link #bindings(Schema, DeviceInfoPlatform, Supplier)}, with the live values of the
     * MTPs ({@code Device.MQTT.Client.{i}.Status}, {@code Device.LocalAgent.MTP.{i}.Status}, ...)
     * read from {@code mtpStatus}, which the running agent keeps. Without it they read as if
     * no MTP ran.
     */
    public static Bindings bindings(Schema schema, DeviceInfoPlatform platform, Supplier<LocalAgentInfo> agent,
                                    MtpStatusRegistry mtpStatus) {
        return bindings(schema, Platform.of(platform), agent, mtpStatus, PlatformChanges.NONE);
    }

    /**
     * As {@link #bindings(Schema, DeviceInfoPlatform, Supplier, MtpStatusRegistry)}, with the
     * agent's log level ({@code Device.LocalAgent.X_DEMARC_DEV_LogLevel}) read and set through
     * {@code logLevel}.
     */
    public static Bindings bindings(Schema schema, DeviceInfoPlatform platform, Supplier<LocalAgentInfo> agent,
                                    MtpStatusRegistry mtpStatus, LogLevelControl logLevel) {
        return bindings(schema, Platform.of(platform), agent, mtpStatus, PlatformChanges.NONE, logLevel);
    }

    /**
     * Every binding of the model on {@code platform}: its parts give the device's values, and
     * what they push is reported to {@code changes} by data model path (the running agent hands
     * it to the owner thread). The parts' watchers are registered here, once per call. The log
     * level reads Info and cannot change.
     */
    public static Bindings bindings(Schema schema, Platform platform, Supplier<LocalAgentInfo> agent,
                                    MtpStatusRegistry mtpStatus, PlatformChanges changes) {
        return bindings(schema, platform, agent, mtpStatus, changes,
                LogLevelControl.fixed("Info", "this agent's logging cannot change levels while it runs"));
    }

    /**
     * As {@link #bindings(Schema, Platform, Supplier, MtpStatusRegistry, PlatformChanges)}, with the
     * agent's log level ({@code Device.LocalAgent.X_DEMARC_DEV_LogLevel}) read and set through
     * {@code logLevel}. The Unix domain sockets and the controllers' connections come from
     * {@code mtpStatus}.
     */
    public static Bindings bindings(Schema schema, Platform platform, Supplier<LocalAgentInfo> agent,
                                    MtpStatusRegistry mtpStatus, PlatformChanges changes, LogLevelControl logLevel) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(mtpStatus, "mtpStatus");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(logLevel, "logLevel");
        Bindings.Builder b = identityBuilder(schema, platform.deviceInfo());
        LocalAgentObject.bind(b, agent, logLevel);
        LocalAgentSubscriptionObject.bind(b, schema);
        LocalAgentMtpObject.bind(b, mtpStatus);
        LocalAgentControllerObject.bind(b, mtpStatus);
        MqttClientObject.bind(b, mtpStatus);
        UnixDomainSocketsObject.bind(b, mtpStatus);
        NetworkObjects.bind(b, schema, platform, changes);
        MemoryStatusObject.bind(b, platform.system().status());
        ProcessStatusObject.bind(b, platform.system().status(), changes);
        TemperatureSensorObject.bind(b, platform.system().status(), changes);
        IpDiagnosticsObject.bind(b, platform.system().diagnostics());
        WiFiObject.bind(b, platform, changes);
        Dhcpv4ClientObject.bind(b, platform, changes);
        PppInterfaceObject.bind(b, platform, changes);
        RoutingRouterObject.bind(b, platform, changes);
        DnsClientObject.bind(b, platform, changes);
        HostsObject.bind(b, platform, changes);
        Dhcpv4ServerObject.bind(b, platform, changes);
        NatPortMappingObject.bind(b, platform, changes);
        TimeObject.bind(b, platform, changes);
        return b.build();
    }

    private static Bindings.Builder identityBuilder(Schema schema, DeviceInfoPlatform platform) {
        Objects.requireNonNull(platform, "platform");
        Bindings.Builder b = Bindings.builder(schema);
        b.parameter("Device." + ROOT_DATA_MODEL_VERSION_PARAMETER.name(),
                o -> Result.ok(ROOT_DATA_MODEL_VERSION), Duration.ZERO);
        DeviceInfoObject.bind(b, platform);
        return b;
    }
}

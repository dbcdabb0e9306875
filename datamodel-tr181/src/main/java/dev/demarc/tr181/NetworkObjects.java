package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.WriteHook;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.Platform;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network area of the model as one piece: the objects of {@link EthernetInterfaceObject},
 * {@link EthernetLinkObject}, {@link BridgingBridgeObject}, {@link IpInterfaceObject} and
 * {@link InterfaceStackObject} bound to the platform's {@link NetworkPlatform}, the changes it
 * pushes, the parameters those pushes cover and the commands.
 *
 * <p>Every table reads the platform's current snapshot (from memory, on the data model's owner
 * thread); when the platform says its snapshot changed, each network table is read again (on
 * the owner thread, through {@link PlatformChanges}), so that ValueChange, ObjectCreation and
 * ObjectDeletion go out without polling. Counters and {@code LastChange} are read when asked.
 */
public final class NetworkObjects {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkObjects.class);

    /** The tables read again when the platform's network changes, in an order where references resolve. */
    static final List<String> PUSHED_TABLES = List.of(
            "Device.Ethernet.Interface.",
            "Device.Ethernet.Link.",
            "Device.Bridging.Bridge.",
            "Device.Bridging.Bridge.{i}.Port.",
            "Device.IP.Interface.",
            "Device.IP.Interface.{i}.IPv4Address.",
            "Device.IP.Interface.{i}.IPv6Prefix.",
            "Device.IP.Interface.{i}.IPv6Address.",
            "Device.InterfaceStack.");

    /** The network parameters whose changes the platform pushes (by supported path): never polled. */
    public static final Set<String> PUSHED_PARAMETERS = pushedParameters();

    /**
     * How long the rows of a network table are reused: the platform pushes every change of its
     * snapshot, which reads the tables again at once, so this only spares rebuilding them for
     * each reference a Get follows. What changes with time alone (a prefix's PrefixStatus) is
     * at most this late.
     */
    static final Duration TABLE_TTL = Duration.ofSeconds(1);

    /** The Stats baselines of each network platform: agent state, shared by the bindings and the commands. */
    private static final Map<NetworkPlatform, InterfaceStatsObject.Baselines> BASELINES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private NetworkObjects() {
    }

    /**
     * Binds the network objects of {@code schema} to {@code platform}'s network and registers
     * the watcher that pushes its changes to {@code changes}. References to tables of other areas
     * ({@code Device.WiFi.SSID.}, {@code Device.PPP.Interface.}) are made only when
     * {@code schema} has them.
     */
    public static void bind(Bindings.Builder bindings, Schema schema, Platform platform, PlatformChanges changes) {
        NetworkPlatform net = platform.network();
        InterfaceStatsObject.Baselines baselines = baselines(net);
        Predicate<String> served = path -> schema.object(path).isPresent();
        LongSupplier clock = System::nanoTime;
        EthernetInterfaceObject.bind(bindings, net, baselines, clock);
        EthernetLinkObject.bind(bindings, net, baselines, clock, served);
        BridgingBridgeObject.bind(bindings, net, baselines, clock, served);
        IpInterfaceObject.bind(bindings, net, baselines, clock, served);
        InterfaceStackObject.bind(bindings, net, served);
        net.watch(() -> {
            LOG.debug("the network changed; reading its tables again");
            PUSHED_TABLES.forEach(changes::changed);
        });
    }

    /** Registers the network commands {@code schema(platform)} declares. */
    public static void commands(UspCommands.Builder commands, Platform platform) {
        NetworkPlatform net = platform.network();
        InterfaceStatsObject.Baselines baselines = baselines(net);
        EthernetInterfaceObject.commands(commands, net, baselines);
        EthernetLinkObject.commands(commands, net, baselines);
        BridgingBridgeObject.commands(commands, net, baselines);
        IpInterfaceObject.commands(commands, net, baselines, net.capabilities().ipInterfaceReset());
    }

    static InterfaceStatsObject.Baselines baselines(NetworkPlatform net) {
        synchronized (BASELINES) {
            return BASELINES.computeIfAbsent(net, n -> new InterfaceStatsObject.Baselines());
        }
    }

    /** What {@code platform} can write; everything for the full model ({@code null}). */
    static NetworkCapabilities capabilities(Platform platformOrNull) {
        return platformOrNull == null ? NetworkCapabilities.ALL : platformOrNull.network().capabilities();
    }

    /** A parameter read-write when {@code writable}, else read-only. */
    static ParameterDef param(String name, ValueType type, boolean writable) {
        return writable ? ParameterDef.readWrite(name, type) : ParameterDef.readOnly(name, type);
    }

    /** {@code LowerLayers}: a list of references, 1024 characters at most. */
    static final ValueType LOWER_LAYERS = ValueType.listOf(ValueType.string()).maxLength(1024);

    /** The TR-181 interface {@code Status} values. */
    static final ValueType INTERFACE_STATUS = ValueType.string()
            .enumeration("Up", "Down", "Unknown", "Dormant", "NotPresent", "LowerLayerDown", "Error");

    /** A provider of {@code LastChange} from the snapshot's time for the row. */
    static void bindLastChange(Bindings.Builder bindings, String path, Function<InstanceRef, Optional<Long>> since,
                               LongSupplier clock) {
        bindings.parameter(path + "LastChange", ref -> since.apply(ref)
                .map(t -> Result.ok(NetworkRows.secondsSince(t, clock.getAsLong())))
                .orElseGet(() -> Result.err(DmError.at(ref.path() + "LastChange", ErrorCode.INTERNAL_ERROR,
                        "the platform no longer has this interface"))), Duration.ZERO);
    }

    /**
     * The write hook of a network table: {@code Enable} is applied through {@code enable}
     * (undone with the old value when a later change of the transaction fails); when it turns
     * an interface on, {@code enabled} is told (its statistics are reset, as TR-181 says). Any
     * other change is refused: the platform gives those values and instances.
     */
    static WriteHook enableHook(BiFunction<InstanceRef, Boolean, Optional<DmError>> enable,
                                java.util.function.Consumer<InstanceRef> enabled) {
        return new WriteHook() {
            @Override
            public Optional<DmError> apply(Change change) {
                if (change instanceof Change.ValueSet v && v.parameter().equals("Enable")) {
                    boolean on = isTrue(v.newValue());
                    Optional<DmError> failed = enable.apply(v.object(), on);
                    if (failed.isPresent()) {
                        return Optional.of(failed.get().withPath(v.path()));
                    }
                    if (on && !isTrue(v.oldValue())) {
                        enabled.accept(v.object());
                    }
                    return Optional.empty();
                }
                if (change instanceof Change.ValueSet v) {
                    return Optional.of(DmError.at(v.path(), ErrorCode.PARAMETER_ACTION_FAILED,
                            "Demarc does not change " + v.parameter() + " here: the platform sets it"));
                }
                if (change instanceof Change.InstanceDeleted) {
                    return Optional.of(DmError.at(change.object().path(), ErrorCode.DELETE_FAILURE,
                            "these instances come from the platform"));
                }
                return Optional.of(DmError.at(change.object().path(), ErrorCode.OBJECT_NOT_CREATABLE,
                        "these instances come from the platform"));
            }

            @Override
            public void revert(Change change) {
                if (change instanceof Change.ValueSet v && v.parameter().equals("Enable")) {
                    enable.apply(v.object(), isTrue(v.oldValue())).ifPresent(e ->
                            LOG.error("could not set {} back to {}: {}", v.path(), v.oldValue(), e.message()));
                }
            }
        };
    }

    static boolean isTrue(String booleanValue) {
        return "true".equals(booleanValue) || "1".equals(booleanValue);
    }

    /** A table row's values: string pairs, in order. */
    static Map<String, String> values(String... namesAndValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** {@code refs} without those into tables {@code served} does not have. */
    static List<KeyReference> servedOnly(List<KeyReference> refs, Predicate<String> served) {
        return refs.stream().filter(r -> served.test(r.supportedTablePath())).toList();
    }

    private static Set<String> pushedParameters() {
        Set<String> p = new HashSet<>();
        for (String n : List.of("Enable", "Status", "Name", "LowerLayers", "MACAddress", "Upstream", "CurrentBitRate",
                "CurrentDuplexMode")) {
            p.add(NetworkRows.ETHERNET_INTERFACE + n);
        }
        for (String n : List.of("Enable", "Status", "Name", "LowerLayers", "MTU", "MACAddress")) {
            p.add(NetworkRows.ETHERNET_LINK + n);
        }
        for (String n : List.of("Enable", "Status", "Name")) {
            p.add(NetworkRows.BRIDGE + n);
        }
        for (String n : List.of("Enable", "Status", "Name", "LowerLayers", "ManagementPort")) {
            p.add(NetworkRows.BRIDGE_PORT + n);
        }
        for (String n : List.of("Enable", "Status", "Name", "LowerLayers", "Type")) {
            p.add(NetworkRows.IP_INTERFACE + n);
        }
        for (String n : List.of("Enable", "Status", "IPAddress", "SubnetMask", "AddressingType")) {
            p.add(NetworkRows.IPV4_ADDRESS + n);
        }
        for (String n : List.of("Enable", "Status", "IPAddressStatus", "IPAddress", "Origin", "Prefix",
                "PreferredLifetime", "ValidLifetime")) {
            p.add(NetworkRows.IPV6_ADDRESS + n);
        }
        for (String n : List.of("Enable", "Status", "Prefix", "Origin", "PreferredLifetime", "ValidLifetime")) {
            p.add(NetworkRows.IPV6_PREFIX + n);
        }
        p.add(NetworkRows.INTERFACE_STACK + "HigherLayer");
        p.add(NetworkRows.INTERFACE_STACK + "LowerLayer");
        return Set.copyOf(p);
    }
}

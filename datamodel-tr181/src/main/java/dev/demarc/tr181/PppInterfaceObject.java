package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.model.WriteHook;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.PppInterfaceState.PppStats;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import dev.demarc.tr181.platform.WanWrite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Device.PPP.Interface.{i}.} of TR-181 Device:2.19 with {@code IPCP.}, {@code PPPoE.} and
 * {@code Stats.}: the device's PPP interfaces (PPPoE on a WAN), from the {@link WanPlatform}.
 * A row's key is the platform's ({@code wan} on OpenWrt, {@code ppp0} on Linux); {@code Name}
 * is the network device; {@code LowerLayers} names {@code Device.Ethernet.Link.{i}.} by its key
 * (the network device PPPoE runs over).
 *
 * <p>{@code Enable}, {@code Username} and {@code Password} are writable where the platform
 * applies them ({@link WanWrite}), read-only elsewhere; {@code LowerLayers} is written by no
 * platform and is read-only on each (the full model, {@code definition(null)}, keeps the
 * standard's access throughout, and the standard's Add and Delete, which no platform takes).
 * {@code Password} is hidden: written through to the platform, never stored by the agent, read
 * back empty. The row values are pushed when the platform's snapshot changes; {@code LastChange},
 * {@code IPCP.}, {@code PPPoE.SessionID} (absent without a session) and {@code Stats.} are read
 * from the snapshot at each read.
 *
 * <p>Left out: the timers and LCP settings ({@code AutoDisconnectTime}, {@code IdleDisconnectTime},
 * {@code LCPEcho*}, {@code MaxMRUSize}, {@code ConnectionTrigger}), {@code LastConnectionError},
 * the negotiated protocols, {@code IPv6CP.}, {@code PPPoE.ACName}/{@code ServiceName}, the
 * per-cast counters, {@code Reset()} and {@code Stats.Reset()}.
 */
public final class PppInterfaceObject {

    private static final Logger LOG = LoggerFactory.getLogger(PppInterfaceObject.class);

    public static final String PATH = "Device.PPP.Interface.{i}.";

    static final ParameterDef ENABLE_RW = ParameterDef.readWrite("Enable", ValueType.bool());
    static final ParameterDef STATUS = ParameterDef.readOnly("Status", ValueType.string().enumeration(
            "Up", "Down", "Unknown", "Dormant", "NotPresent", "LowerLayerDown", "Error"));
    static final ParameterDef ALIAS = ParameterDef.writeOnce("Alias", DataTypes.ALIAS);
    static final ParameterDef NAME = ParameterDef.readOnly("Name", ValueType.string().maxLength(64));
    static final ParameterDef LAST_CHANGE = ParameterDef.readOnly("LastChange", ValueType.unsignedInt());
    static final ParameterDef LOWER_LAYERS_RW = ParameterDef.readWrite("LowerLayers",
            ValueType.listOf(ValueType.string()).maxLength(1024));
    static final ParameterDef CONNECTION_STATUS = ParameterDef.readOnly("ConnectionStatus", ValueType.string()
            .enumeration("Unconfigured", "Connecting", "Authenticating", "Connected", "PendingDisconnect",
                    "Disconnecting", "Disconnected"));
    static final ParameterDef USERNAME_RW = ParameterDef.readWrite("Username", ValueType.string().maxLength(64));
    static final ParameterDef PASSWORD_RW = ParameterDef.readWrite("Password", ValueType.string().maxLength(64))
            .asHidden();

    static final ParameterDef LOCAL_IP_ADDRESS = ParameterDef.readOnly("LocalIPAddress", DataTypes.IPV4_ADDRESS);
    static final ParameterDef REMOTE_IP_ADDRESS = ParameterDef.readOnly("RemoteIPAddress", DataTypes.IPV4_ADDRESS);
    static final ParameterDef IPCP_DNS_SERVERS = ParameterDef.readOnly("DNSServers",
            ValueType.listOf(DataTypes.IPV4_ADDRESS));
    static final ParameterDef SESSION_ID = ParameterDef.readOnly("SessionID",
            ValueType.unsignedInt().range(1, 0xFFFF_FFFFL));

    private static final List<Counter> COUNTERS = List.of(
            new Counter("BytesSent", DataTypes.STATS_COUNTER64, PppStats::bytesSent),
            new Counter("BytesReceived", DataTypes.STATS_COUNTER64, PppStats::bytesReceived),
            new Counter("PacketsSent", DataTypes.STATS_COUNTER64, PppStats::packetsSent),
            new Counter("PacketsReceived", DataTypes.STATS_COUNTER64, PppStats::packetsReceived),
            new Counter("ErrorsSent", DataTypes.STATS_COUNTER32, PppStats::errorsSent),
            new Counter("ErrorsReceived", DataTypes.STATS_COUNTER32, PppStats::errorsReceived),
            new Counter("DiscardPacketsSent", DataTypes.STATS_COUNTER32, PppStats::discardPacketsSent),
            new Counter("DiscardPacketsReceived", DataTypes.STATS_COUNTER32, PppStats::discardPacketsReceived));

    /** The parameters whose changes the platform pushes (never polled). */
    static final Set<String> PUSHED = Set.of(PATH + "Enable", PATH + "Status", PATH + "Name",
            PATH + "LowerLayers", PATH + "ConnectionStatus", PATH + "Username");

    /** A counter of {@code Stats.}: its name, type (32-bit ones wrap) and where it is in the snapshot. */
    private record Counter(String name, ValueType type, ToLongFunction<PppStats> value) {
        ParameterDef def() {
            return ParameterDef.readOnly(name, type);
        }

        String read(PppStats stats) {
            long v = value.applyAsLong(stats);
            return Long.toString(type.name().equals("StatsCounter32") ? v & 0xFFFF_FFFFL : v);
        }
    }

    private PppInterfaceObject() {
    }

    /**
     * The {@code Interface.{i}.} table for {@code platform}'s writes ({@code null}: the full
     * model), to go in {@code Device.PPP.} with its {@code InterfaceNumberOfEntries}.
     */
    static ObjectDef.Builder definition(Platform platform) {
        Set<WanWrite> writes = platform == null ? Set.of(WanWrite.values()) : platform.wan().writes();
        ObjectDef.Builder stats = ObjectDef.single("Stats");
        COUNTERS.forEach(c -> stats.param(c.def()));
        ObjectDef.Builder ppp = ObjectDef.table("Interface")
                .uniqueKey("Name")
                .maxEntries(WanState.MAX_INTERFACES)
                .param(PlatformAccess.writableIf(ENABLE_RW, writes.contains(WanWrite.PPP_ENABLE)))
                .param(STATUS)
                .param(ALIAS)
                .param(NAME)
                .param(LAST_CHANGE)
                .param(platform == null ? LOWER_LAYERS_RW : PlatformAccess.readOnly(LOWER_LAYERS_RW))
                .param(CONNECTION_STATUS)
                .param(PlatformAccess.writableIf(USERNAME_RW, writes.contains(WanWrite.PPP_USERNAME)))
                .param(PlatformAccess.writableIf(PASSWORD_RW, writes.contains(WanWrite.PPP_PASSWORD)))
                .object(ObjectDef.single("IPCP")
                        .param(LOCAL_IP_ADDRESS)
                        .param(REMOTE_IP_ADDRESS)
                        .param(IPCP_DNS_SERVERS))
                .object(ObjectDef.single("PPPoE").param(SESSION_ID))
                .object(stats);
        if (platform == null) {
            ppp.creatable();
        }
        return ppp;
    }

    static void bind(Bindings.Builder b, Platform platform, PlatformChanges changes) {
        bind(b, platform.wan(), changes, Clock.systemUTC());
    }

    static void bind(Bindings.Builder b, WanPlatform wan, PlatformChanges changes, Clock clock) {
        b.table(PATH, SnapshotRows.of(wan::state, PppInterfaceObject::rows), Duration.ZERO);
        field(b, wan, PATH, LAST_CHANGE, p -> p.lastChange()
                .map(t -> PlatformValues.unsignedInt(Math.max(0, clock.instant().getEpochSecond() - t.getEpochSecond()))));
        // Hidden: reads back empty; provided, so that a write goes to the platform and is never stored.
        b.parameter(PATH + PASSWORD_RW.name(), object -> Result.ok(""), Duration.ZERO);
        field(b, wan, PATH + "IPCP.", LOCAL_IP_ADDRESS, p -> Optional.of(p.localAddress()));
        field(b, wan, PATH + "IPCP.", REMOTE_IP_ADDRESS, p -> Optional.of(p.remoteAddress()));
        field(b, wan, PATH + "IPCP.", IPCP_DNS_SERVERS, p -> Optional.of(String.join(",", p.dnsServers())));
        field(b, wan, PATH + "PPPoE.", SESSION_ID,
                p -> p.sessionId() == 0 ? Optional.empty() : Optional.of(Long.toString(p.sessionId())));
        for (Counter c : COUNTERS) {
            field(b, wan, PATH + "Stats.", c.def(), p -> p.stats().map(c::read));
        }
        b.hook(PATH, new PppHook(wan));
        WanWatch.watch(wan, s -> s.ppp().stream().map(PppInterfaceState::withoutStats).toList(), changes,
                List.of("Device.PPP.Interface."));
    }

    private static void field(Bindings.Builder b, WanPlatform wan, String object, ParameterDef def,
                              Function<PppInterfaceState, Optional<String>> value) {
        b.parameter(object + def.name(), InstanceValues.checked(def,
                key -> wan.state().pppInterface(key).flatMap(value)), Duration.ZERO);
    }

    static List<TableProvider.Row> rows(WanState state) {
        List<TableProvider.Row> rows = new ArrayList<>();
        for (PppInterfaceState p : state.ppp()) {
            rows.add(PlatformRow.keyed(p.key())
                    .value(ENABLE_RW, p.enabled())
                    .value(STATUS, p.status().text())
                    .value(NAME, p.name())
                    .reference(LOWER_LAYERS_RW, "Device.Ethernet.Link.{i}.", p.lowerLayer())
                    .value(CONNECTION_STATUS, p.connection().text())
                    .value(USERNAME_RW, p.username())
                    .build());
        }
        return rows;
    }

    /** Applies {@code Enable}, {@code Username} and {@code Password}; refuses the rest, and Add and Delete. */
    private static final class PppHook implements WriteHook {
        private final WanPlatform wan;

        PppHook(WanPlatform wan) {
            this.wan = wan;
        }

        @Override
        public Optional<DmError> apply(Change change) {
            if (!(change instanceof Change.ValueSet set)) {
                return Optional.of(DmError.of(change instanceof Change.InstanceAdded ? ErrorCode.OBJECT_NOT_CREATED
                        : ErrorCode.DELETE_FAILURE, "the PPP interfaces are the platform's: none is added or deleted"));
            }
            String key = set.object().rowKey();
            switch (set.parameter()) {
                case "Alias":
                    return Optional.empty();
                case "Enable":
                    return allowed(WanWrite.PPP_ENABLE).or(() -> wan.setPppEnable(key, Boolean.parseBoolean(set.newValue())));
                case "Username":
                    return allowed(WanWrite.PPP_USERNAME).or(() -> wan.setPppUsername(key, set.newValue()));
                case "Password":
                    return allowed(WanWrite.PPP_PASSWORD).or(() -> wan.setPppPassword(key, set.newValue()));
                default:
                    return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED,
                            "the platform cannot change " + set.parameter()));
            }
        }

        private Optional<DmError> allowed(WanWrite write) {
            return wan.writes().contains(write) ? Optional.empty() : WanPlatform.unsupported(write);
        }

        @Override
        public void revert(Change change) {
            if (!(change instanceof Change.ValueSet set)) {
                return;
            }
            String key = set.object().rowKey();
            Optional<DmError> failed = switch (set.parameter()) {
                case "Enable" -> wan.setPppEnable(key, Boolean.parseBoolean(set.oldValue()));
                case "Username" -> wan.setPppUsername(key, set.oldValue());
                case "Password" -> {
                    wan.restorePppPassword(key);
                    yield Optional.empty();
                }
                default -> Optional.empty();
            };
            failed.ifPresent(e -> LOG.error("could not put back {}: {}", set.path(), e.message()));
        }
    }
}

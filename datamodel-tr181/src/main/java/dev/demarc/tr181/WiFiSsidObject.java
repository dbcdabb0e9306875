package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSetting.Kind;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code Device.WiFi.SSID.{i}.} of TR-181 Device:2.19 (USP): the device's Wi-Fi network
 * interfaces, one instance per {@link WiFiSsid} of the platform, keyed by the netdev name
 * ({@code phy0-ap0}, {@code wlan0}), which is also its {@code Name} and the key other areas
 * reference it by (bridge ports). {@code LowerLayers} names its radio
 * ({@link WiFiRadioObject}, by the radio's key). {@code Enable} and {@code SSID} are
 * readWrite where the platform applies them.
 *
 * <p>The standard lets controllers add and delete SSIDs; the full model says so, but Demarc does
 * not create or remove Wi-Fi interfaces: an Add is refused (the instances come from the
 * platform) and so is a Delete ({@link WiFiWriteHook}), and the model served on a platform
 * declares the table fixed. {@code LowerLayers} is readWrite in the full model only (moving an
 * SSID to another radio is not supported). The {@code Stats.} counters change all the time and
 * are never notified (TR-181 {@code activeNotify="canDeny"}). Left out: {@code LastChange}, {@code Upstream},
 * {@code MLDUnit}, the ATF parameters, and the {@code Stats.} counters beyond the eight below.
 */
public final class WiFiSsidObject {

    public static final String PATH = "Device.WiFi.SSID.{i}.";

    static final ParameterDef ENABLE = ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false");
    static final ParameterDef STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration(WiFiRadio.STATUSES.toArray(String[]::new))).withDefault("Down");
    static final ParameterDef ALIAS = ParameterDef.writeOnce("Alias", DataTypes.ALIAS);
    static final ParameterDef NAME = ParameterDef.readOnly("Name", ValueType.string().maxLength(64));
    static final ParameterDef LOWER_LAYERS = ParameterDef.readWrite("LowerLayers",
            ValueType.listOf(ValueType.string()));
    static final ParameterDef BSSID = ParameterDef.readOnly("BSSID", DataTypes.MAC_ADDRESS);
    static final ParameterDef MAC_ADDRESS = ParameterDef.readOnly("MACAddress", DataTypes.MAC_ADDRESS);
    static final ParameterDef SSID = ParameterDef.readWrite("SSID", ValueType.string().maxLength(32));

    static final ParameterDef BYTES_SENT = ParameterDef.readOnly("BytesSent", DataTypes.STATS_COUNTER64).ignoringValueChange();
    static final ParameterDef BYTES_RECEIVED = ParameterDef.readOnly("BytesReceived", DataTypes.STATS_COUNTER64).ignoringValueChange();
    static final ParameterDef PACKETS_SENT = ParameterDef.readOnly("PacketsSent", DataTypes.STATS_COUNTER64).ignoringValueChange();
    static final ParameterDef PACKETS_RECEIVED = ParameterDef.readOnly("PacketsReceived", DataTypes.STATS_COUNTER64).ignoringValueChange();
    static final ParameterDef ERRORS_SENT = ParameterDef.readOnly("ErrorsSent", DataTypes.STATS_COUNTER32).ignoringValueChange();
    static final ParameterDef ERRORS_RECEIVED = ParameterDef.readOnly("ErrorsReceived", DataTypes.STATS_COUNTER32).ignoringValueChange();
    static final ParameterDef DISCARD_PACKETS_SENT =
            ParameterDef.readOnly("DiscardPacketsSent", DataTypes.STATS_COUNTER32).ignoringValueChange();
    static final ParameterDef DISCARD_PACKETS_RECEIVED =
            ParameterDef.readOnly("DiscardPacketsReceived", DataTypes.STATS_COUNTER32).ignoringValueChange();

    private WiFiSsidObject() {
    }

    static ObjectDef.Builder definition(Platform platform) {
        ObjectDef.Builder table = ObjectDef.table("SSID").maxEntries(WiFiState.MAX_SSIDS);
        if (platform == null) {
            table.creatable();
        }
        return table.uniqueKey("Alias").uniqueKey("Name").uniqueKey("BSSID")
                .param(WiFiValues.access(ENABLE, platform, Kind.SSID_ENABLE))
                .param(STATUS)
                .param(ALIAS)
                .param(NAME)
                .param(WiFiValues.fullModelOnly(LOWER_LAYERS, platform))
                .param(BSSID)
                .param(MAC_ADDRESS)
                .param(WiFiValues.access(SSID, platform, Kind.SSID))
                .object(ObjectDef.single("Stats")
                        .param(BYTES_SENT)
                        .param(BYTES_RECEIVED)
                        .param(PACKETS_SENT)
                        .param(PACKETS_RECEIVED)
                        .param(ERRORS_SENT)
                        .param(ERRORS_RECEIVED)
                        .param(DISCARD_PACKETS_SENT)
                        .param(DISCARD_PACKETS_RECEIVED));
    }

    /** The table's rows (with {@code LowerLayers} by the radio's key) and values, read from {@code wifi}'s snapshot. */
    static void bind(Bindings.Builder b, WiFiPlatform wifi) {
        b.table(PATH, SnapshotRows.of(wifi::state, state -> state.ssids().stream()
                .map(s -> new TableProvider.Row(s.name(), Map.of(), Map.of(LOWER_LAYERS.name(),
                        List.of(KeyReference.of(WiFiRadioObject.PATH, s.radio()))))).toList()), Duration.ZERO);
        ssid(b, wifi, ENABLE, s -> WiFiValues.known(s.enabled()));
        ssid(b, wifi, STATUS, s -> WiFiValues.known(s.status()));
        ssid(b, wifi, NAME, s -> WiFiValues.known(s.name()));
        ssid(b, wifi, BSSID, s -> WiFiValues.nonEmpty(s.bssid()));
        ssid(b, wifi, MAC_ADDRESS, s -> WiFiValues.nonEmpty(s.macAddress()));
        ssid(b, wifi, SSID, s -> WiFiValues.nonEmpty(s.ssid()));
        stat(b, wifi, BYTES_SENT, WiFiSsid.Stats::bytesSent);
        stat(b, wifi, BYTES_RECEIVED, WiFiSsid.Stats::bytesReceived);
        stat(b, wifi, PACKETS_SENT, WiFiSsid.Stats::packetsSent);
        stat(b, wifi, PACKETS_RECEIVED, WiFiSsid.Stats::packetsReceived);
        stat(b, wifi, ERRORS_SENT, WiFiSsid.Stats::errorsSent);
        stat(b, wifi, ERRORS_RECEIVED, WiFiSsid.Stats::errorsReceived);
        stat(b, wifi, DISCARD_PACKETS_SENT, WiFiSsid.Stats::discardPacketsSent);
        stat(b, wifi, DISCARD_PACKETS_RECEIVED, WiFiSsid.Stats::discardPacketsReceived);
    }

    private static void ssid(Bindings.Builder b, WiFiPlatform wifi, ParameterDef def,
                             Function<WiFiSsid, Optional<String>> value) {
        WiFiValues.provide(b, PATH, def, o -> WiFiValues.rowKey(o, 0).flatMap(k -> wifi.state().ssid(k)).map(value));
    }

    /**
     * A counter of {@code Stats.}; a 32-bit counter wraps as the interface's own would
     * (TR-181 StatsCounter32 rolls over).
     */
    private static void stat(Bindings.Builder b, WiFiPlatform wifi, ParameterDef def,
                             java.util.function.ToLongFunction<WiFiSsid.Stats> counter) {
        boolean wide = def.type().equals(DataTypes.STATS_COUNTER64);
        WiFiValues.provide(b, PATH + "Stats.", def, o -> WiFiValues.rowKey(o, 0).flatMap(k -> wifi.state().ssid(k))
                .map(s -> s.stats().map(st -> {
                    long v = counter.applyAsLong(st);
                    return Long.toString(wide ? v : v & 0xFFFF_FFFFL);
                })));
    }
}

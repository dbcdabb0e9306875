package dev.demarc.tr181;

import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiSetting.Kind;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiStation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code Device.WiFi.AccessPoint.{i}.} of TR-181 Device:2.19 (USP), with {@code Security.} and
 * {@code AssociatedDevice.{i}.}: one instance per {@link WiFiAccessPoint} of the platform, keyed
 * by the netdev name of the SSID it serves; {@code SSIDReference} names that SSID
 * ({@link WiFiSsidObject}). Stations are keyed by MAC address; the platform pushes their
 * coming and going, so ObjectCreation and ObjectDeletion follow them.
 *
 * <p>{@code Security.KeyPassphrase} is writable and never readable: it is hidden (a Get and a
 * notification give the empty string), its provider answers the empty string whatever was
 * written (the platform keeps it, never the engine's store), and the value is checked in the
 * write ({@link WiFiWriteHook}) rather than by a type facet, so that an error never repeats it.
 * {@code Security.ModeEnabled} takes a mode of {@code ModesSupported}. A station's last data
 * rates change all the time and are never notified (TR-181 {@code activeNotify="canDeny"}).
 *
 * <p>As for SSIDs, the full model lets controllers add and delete access points (the standard
 * does); Demarc refuses both, and the model served on a platform declares the table fixed.
 * {@code SSIDReference} is readWrite in the full model only. Left out: WMM, U-APSD, isolation,
 * MAC filtering, the other security parameters (keys, RADIUS), WPS, accounting, and the station
 * parameters beyond the five below.
 */
public final class WiFiAccessPointObject {

    public static final String PATH = "Device.WiFi.AccessPoint.{i}.";
    public static final String SECURITY_PATH = PATH + "Security.";
    public static final String ASSOCIATED_DEVICE_PATH = PATH + "AssociatedDevice.{i}.";

    static final ParameterDef ENABLE = ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false");
    static final ParameterDef STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration(WiFiAccessPoint.STATUSES.toArray(String[]::new))).withDefault("Disabled");
    static final ParameterDef ALIAS = ParameterDef.writeOnce("Alias", DataTypes.ALIAS);
    static final ParameterDef SSID_REFERENCE = ParameterDef.readWrite("SSIDReference", ValueType.string().maxLength(256));
    static final ParameterDef SSID_ADVERTISEMENT_ENABLED =
            ParameterDef.readWrite("SSIDAdvertisementEnabled", ValueType.bool());

    static final ParameterDef MODES_SUPPORTED = ParameterDef.readOnly("ModesSupported", ValueType.listOf(
            ValueType.string().enumeration(WiFiAccessPoint.SECURITY_MODES.toArray(String[]::new))));
    /** The standard refers its values to {@code ModesSupported}; the write checks this access point's. */
    static final ParameterDef MODE_ENABLED = ParameterDef.readWrite("ModeEnabled",
            ValueType.string().enumeration(WiFiAccessPoint.SECURITY_MODES.toArray(String[]::new)));
    /** string(8:63) in the standard; the length is checked by the write, which never repeats the value. */
    static final ParameterDef KEY_PASSPHRASE =
            ParameterDef.readWrite("KeyPassphrase", ValueType.string()).asHidden();

    static final ParameterDef MAC_ADDRESS = ParameterDef.readOnly("MACAddress", DataTypes.MAC_ADDRESS);
    static final ParameterDef SIGNAL_STRENGTH =
            ParameterDef.readOnly("SignalStrength", ValueType.int32().range(-200, 0));
    static final ParameterDef LAST_DATA_DOWNLINK_RATE =
            ParameterDef.readOnly("LastDataDownlinkRate", ValueType.unsignedInt().range(1000, 0xFFFF_FFFFL))
                    .ignoringValueChange();
    static final ParameterDef LAST_DATA_UPLINK_RATE =
            ParameterDef.readOnly("LastDataUplinkRate", ValueType.unsignedInt().range(1000, 0xFFFF_FFFFL))
                    .ignoringValueChange();
    static final ParameterDef ACTIVE = ParameterDef.readOnly("Active", ValueType.bool());

    private WiFiAccessPointObject() {
    }

    static ObjectDef.Builder definition(Platform platform) {
        ObjectDef.Builder table = ObjectDef.table("AccessPoint").maxEntries(WiFiState.MAX_SSIDS);
        if (platform == null) {
            table.creatable();
        }
        return table.uniqueKey("Alias").uniqueKey("SSIDReference")
                .param(WiFiValues.access(ENABLE, platform, Kind.ACCESS_POINT_ENABLE))
                .param(STATUS)
                .param(ALIAS)
                .param(WiFiValues.fullModelOnly(SSID_REFERENCE, platform))
                .param(WiFiValues.access(SSID_ADVERTISEMENT_ENABLED, platform, Kind.SSID_ADVERTISEMENT))
                .object(ObjectDef.single("Security")
                        .param(MODES_SUPPORTED)
                        .param(WiFiValues.access(MODE_ENABLED, platform, Kind.SECURITY_MODE))
                        .param(WiFiValues.access(KEY_PASSPHRASE, platform, Kind.KEY_PASSPHRASE)))
                .tableWithCount(ObjectDef.table("AssociatedDevice").maxEntries(WiFiAccessPoint.MAX_STATIONS)
                        .uniqueKey("MACAddress")
                        .param(MAC_ADDRESS)
                        .param(LAST_DATA_DOWNLINK_RATE)
                        .param(LAST_DATA_UPLINK_RATE)
                        .param(SIGNAL_STRENGTH)
                        .param(ACTIVE));
    }

    /** The access points and their stations, read from {@code wifi}'s snapshot at each read. */
    static void bind(Bindings.Builder b, WiFiPlatform wifi) {
        b.table(PATH, SnapshotRows.of(wifi::state, s -> s.accessPoints().stream()
                .map(a -> new TableProvider.Row(a.ssid(), Map.of(), Map.of(SSID_REFERENCE.name(),
                        List.of(KeyReference.of(WiFiSsidObject.PATH, a.ssid()))))).toList()), Duration.ZERO);
        accessPoint(b, wifi, PATH, ENABLE, a -> WiFiValues.known(a.enabled()));
        accessPoint(b, wifi, PATH, STATUS, a -> WiFiValues.known(a.status()));
        accessPoint(b, wifi, PATH, SSID_ADVERTISEMENT_ENABLED, a -> a.ssidAdvertised().map(String::valueOf));
        accessPoint(b, wifi, SECURITY_PATH, MODES_SUPPORTED, a -> WiFiValues.list(a.modesSupported()));
        accessPoint(b, wifi, SECURITY_PATH, MODE_ENABLED, WiFiAccessPoint::securityMode);
        // Never the passphrase: the platform keeps it and gives it to nobody.
        b.parameter(SECURITY_PATH + KEY_PASSPHRASE.name(), o -> Result.ok(""), Duration.ZERO);

        b.table(ASSOCIATED_DEVICE_PATH, SnapshotRows.perParent(wifi::state, (state, parent) -> state.accessPoint(parent.rowKey())
                .map(a -> a.stations().stream().map(s -> new TableProvider.Row(s.macAddress(), Map.of())).toList())
                .orElse(List.of())), Duration.ZERO);
        station(b, wifi, MAC_ADDRESS, s -> WiFiValues.known(s.macAddress()));
        station(b, wifi, SIGNAL_STRENGTH, s -> WiFiValues.of(s.signalStrength()));
        station(b, wifi, LAST_DATA_DOWNLINK_RATE, s -> WiFiValues.of(s.lastDownlinkKbps()));
        station(b, wifi, LAST_DATA_UPLINK_RATE, s -> WiFiValues.of(s.lastUplinkKbps()));
        station(b, wifi, ACTIVE, s -> WiFiValues.known(s.active()));
    }

    private static void accessPoint(Bindings.Builder b, WiFiPlatform wifi, String objectPath, ParameterDef def,
                                    Function<WiFiAccessPoint, Optional<String>> value) {
        WiFiValues.provide(b, objectPath, def,
                o -> WiFiValues.rowKey(o, 0).flatMap(k -> wifi.state().accessPoint(k)).map(value));
    }

    private static void station(Bindings.Builder b, WiFiPlatform wifi, ParameterDef def,
                                Function<WiFiStation, Optional<String>> value) {
        WiFiValues.provide(b, ASSOCIATED_DEVICE_PATH, def, (InstanceRef o) -> o.rowKeys().size() < 2 ? Optional.empty()
                : wifi.state().station(o.rowKeys().get(0), o.rowKeys().get(1)).map(value));
    }
}

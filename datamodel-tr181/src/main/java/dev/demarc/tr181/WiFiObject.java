package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiStation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code Device.WiFi.} of TR-181 Device:2.19 (USP): the radios ({@link WiFiRadioObject}), SSIDs
 * ({@link WiFiSsidObject}) and access points with their stations ({@link WiFiAccessPointObject})
 * of the platform's {@link WiFiPlatform}, their counts, and
 * {@code NeighboringWiFiDiagnostic()} ({@link WiFiNeighboringDiagnostic}). A platform without
 * Wi-Fi shows empty tables.
 *
 * <p>Changes are pushed, not polled: when the platform says its Wi-Fi changed, the tables whose
 * rows changed (radios, SSIDs, access points, stations of an access point) are reported to
 * {@link PlatformChanges}, so that ObjectCreation and ObjectDeletion go out at once. Values are
 * read from the platform's snapshot at each read. {@code ResetCounter}, {@code ResetCause},
 * {@code Reset()} and {@code EndPoint.} are left out.
 */
public final class WiFiObject {

    public static final String PATH = "Device.WiFi.";
    /** The supported path of the neighbour scan command. */
    public static final String NEIGHBORING_WIFI_DIAGNOSTIC = WiFiNeighboringDiagnostic.PATH;
    /** The paths reported to {@link PlatformChanges} when the platform's rows change. */
    public static final String RADIO_TABLE = "Device.WiFi.Radio.";
    public static final String SSID_TABLE = "Device.WiFi.SSID.";
    public static final String ACCESS_POINT_TABLE = "Device.WiFi.AccessPoint.";
    public static final String ASSOCIATED_DEVICE_TABLES = "Device.WiFi.AccessPoint.{i}.AssociatedDevice.";

    private WiFiObject() {
    }

    /**
     * The object as the model on {@code platform} declares it; {@code null}: the full model, where
     * every Wi-Fi parameter the standard makes writable is readWrite.
     */
    static ObjectDef.Builder definition(Platform platform) {
        return ObjectDef.single("WiFi")
                .tableWithCount(WiFiRadioObject.definition(platform))
                .tableWithCount(WiFiSsidObject.definition(platform))
                .tableWithCount(WiFiAccessPointObject.definition(platform))
                .command(WiFiNeighboringDiagnostic.DEFINITION);
    }

    /**
     * Binds the tables, values and writes to {@code platform.wifi()}, and registers the watcher
     * that reports changed tables to {@code changes} (once per call).
     */
    static void bind(Bindings.Builder b, Platform platform, PlatformChanges changes) {
        WiFiPlatform wifi = platform.wifi();
        WiFiRadioObject.bind(b, wifi);
        WiFiSsidObject.bind(b, wifi);
        WiFiAccessPointObject.bind(b, wifi);
        b.hook(WiFiRadioObject.PATH, new WiFiWriteHook(wifi, WiFiWriteHook.Target.RADIO));
        b.hook(WiFiSsidObject.PATH, new WiFiWriteHook(wifi, WiFiWriteHook.Target.SSID));
        b.hook(WiFiAccessPointObject.PATH, new WiFiWriteHook(wifi, WiFiWriteHook.Target.ACCESS_POINT));
        b.hook(WiFiAccessPointObject.SECURITY_PATH, new WiFiWriteHook(wifi, WiFiWriteHook.Target.SECURITY));
        Pusher pusher = new Pusher(wifi, changes);
        wifi.watch(pusher::platformChanged);
    }

    /** Adds {@code NeighboringWiFiDiagnostic()} on {@code platform} to {@code commands}. */
    static UspCommands.Builder commands(UspCommands.Builder commands, Platform platform) {
        return commands.registerAsync(NEIGHBORING_WIFI_DIAGNOSTIC, new WiFiNeighboringDiagnostic(platform.wifi()));
    }

    /**
     * The tables whose rows differ between two snapshots, as paths for {@link PlatformChanges}:
     * radios or SSIDs came or went (or an SSID moved radio), access points came or went, or the
     * stations of some access point changed.
     */
    static List<String> changedTables(WiFiState before, WiFiState after) {
        List<String> out = new ArrayList<>();
        if (!before.radios().stream().map(r -> r.name()).toList()
                .equals(after.radios().stream().map(r -> r.name()).toList())) {
            out.add(RADIO_TABLE);
        }
        if (!ssidRows(before).equals(ssidRows(after))) {
            out.add(SSID_TABLE);
        }
        if (!before.accessPoints().stream().map(WiFiAccessPoint::ssid).toList()
                .equals(after.accessPoints().stream().map(WiFiAccessPoint::ssid).toList())) {
            out.add(ACCESS_POINT_TABLE);
        }
        if (!stationRows(before).equals(stationRows(after))) {
            out.add(ASSOCIATED_DEVICE_TABLES);
        }
        return out;
    }

    private static List<String> ssidRows(WiFiState s) {
        return s.ssids().stream().map((WiFiSsid x) -> x.name() + "/" + x.radio()).toList();
    }

    private static Map<String, List<String>> stationRows(WiFiState s) {
        return s.accessPoints().stream().collect(Collectors.toMap(WiFiAccessPoint::ssid,
                a -> a.stations().stream().map(WiFiStation::macAddress).toList()));
    }

    /** Reports the tables that changed since the last snapshot it saw; on the platform's threads. */
    private static final class Pusher {
        private final WiFiPlatform wifi;
        private final PlatformChanges changes;
        private WiFiState last;

        Pusher(WiFiPlatform wifi, PlatformChanges changes) {
            this.wifi = wifi;
            this.changes = Objects.requireNonNull(changes, "changes");
            this.last = wifi.state();
        }

        synchronized void platformChanged() {
            WiFiState now = wifi.state();
            List<String> changed = changedTables(last, now);
            last = now;
            changed.forEach(changes::changed);
        }
    }
}

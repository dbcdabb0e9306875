package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiPassphrase;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSetting;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiStation;
import dev.demarc.tr181.platform.WiFiUndo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** {@code Device.WiFi.} on the real engine with a Wi-Fi platform the test controls. */
class WiFiObjectTest {

    /** A platform's Wi-Fi held in memory: what it applies is recorded, and undone on request. */
    static class FakeWiFi implements WiFiPlatform {
        WiFiState state;
        Set<WiFiSetting.Kind> writable = EnumSet.allOf(WiFiSetting.Kind.class);
        final List<String> log = new ArrayList<>();
        final List<Runnable> watchers = new ArrayList<>();

        FakeWiFi(WiFiState state) {
            this.state = state;
        }

        @Override
        public WiFiState state() {
            return state;
        }

        @Override
        public void watch(Runnable listener) {
            watchers.add(listener);
        }

        @Override
        public Set<WiFiSetting.Kind> writable() {
            return writable;
        }

        @Override
        public Result<WiFiUndo> apply(WiFiSetting setting) {
            log.add("apply " + setting);
            return Result.ok(() -> {
                log.add("undo " + setting);
                return Optional.empty();
            });
        }

        @Override
        public CompletionStage<Result<List<WiFiNeighbor>>> scanNeighbors() {
            return CompletableFuture.completedFuture(Result.ok(List.of()));
        }
    }

    static WiFiState state(List<WiFiStation> stations) {
        WiFiRadio radio = new WiFiRadio("radio0", true, "Up", List.of("2.4GHz"), Optional.of("2.4GHz"), OptionalInt.of(6),
                List.of(1, 6, 11), true, false, "20MHz", OptionalInt.of(100), OptionalInt.empty());
        WiFiSsid ssid = new WiFiSsid("wlan0", "radio0", true, "Up", "Home", "02:00:00:00:00:01", "02:00:00:00:00:01",
                Optional.empty());
        WiFiAccessPoint ap = new WiFiAccessPoint("wlan0", true, "Enabled", Optional.of(true), Optional.of("WPA2-Personal"),
                List.of("None", "WPA2-Personal"), stations);
        return new WiFiState(List.of(radio), List.of(ssid), List.of(ap));
    }

    static final WiFiStation STATION = new WiFiStation("3c:22:fb:00:00:01", OptionalInt.of(-50), OptionalLong.of(144400),
            OptionalLong.of(500), true);

    @Test
    void a_station_is_found_by_access_point_and_mac_address_in_any_case() {
        WiFiStation upper = new WiFiStation("3C:22:FB:00:00:02", OptionalInt.empty(), OptionalLong.empty(),
                OptionalLong.empty(), false);
        WiFiState state = state(List.of(STATION, upper));
        for (String mac : List.of("3c:22:fb:00:00:01", "3C:22:FB:00:00:01", "3C:22:FB:00:00:02", "3c:22:fb:00:00:02")) {
            assertEquals(state.accessPoint("wlan0").orElseThrow().station(mac), state.station("wlan0", mac), mac);
            assertTrue(state.station("wlan0", mac).isPresent(), mac);
        }
        assertTrue(state.station("wlan0", "3c:22:fb:00:00:09").isEmpty());
        assertTrue(state.station("wlan1", "3c:22:fb:00:00:01").isEmpty());
    }

    static Platform platform(WiFiPlatform wifi) {
        DeviceInfoPlatform info = new StaticDeviceInfo(DeviceIdentity.unknown());
        return new Platform() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public DeviceInfoPlatform deviceInfo() {
                return info;
            }

            @Override
            public WiFiPlatform wifi() {
                return wifi;
            }
        };
    }

    final List<String> pushed = new ArrayList<>();

    DataModel open(Schema schema, WiFiPlatform wifi) {
        LocalAgentInfo agent = new LocalAgentInfo("os::00D09E-SN1234", "0.1.0", () -> 0L, List.of());
        return DataModel.open(schema, Tr181Model.bindings(schema, platform(wifi), () -> agent, new MtpStatusRegistry(),
                pushed::add), new InMemoryStore(), true, List.of(), "test").value();
    }

    static Optional<DmError> set(DataModel model, String path, String value) {
        Transaction tx = model.begin();
        Optional<DmError> e = tx.set(path, value);
        if (e.isPresent()) {
            tx.rollback();
            return e;
        }
        Result<?> r = tx.commit();
        return r.isOk() ? Optional.empty() : Optional.of(r.error());
    }

    @Test
    void the_full_model_has_the_standards_access_and_a_platform_model_only_what_it_applies() {
        Schema full = Tr181Model.schema();
        ObjectDef radio = full.object("Device.WiFi.Radio.{i}.").get();
        for (String p : List.of("Enable", "Channel", "AutoChannelEnable", "OperatingFrequencyBand",
                "OperatingChannelBandwidth", "TransmitPower")) {
            assertEquals(Access.READ_WRITE, radio.parameter(p).get().access(), p);
        }
        assertTrue(full.object("Device.WiFi.AccessPoint.{i}.").get().creatable());
        assertFalse(full.object("Device.WiFi.Radio.{i}.").get().creatable());

        FakeWiFi wifi = new FakeWiFi(WiFiState.EMPTY);
        wifi.writable = EnumSet.of(WiFiSetting.Kind.CHANNEL, WiFiSetting.Kind.KEY_PASSPHRASE);
        Schema onIt = Tr181Model.schema(platform(wifi));
        assertEquals(Access.READ_WRITE, onIt.object("Device.WiFi.Radio.{i}.").get().parameter("Channel").get().access());
        assertEquals(Access.READ_ONLY, onIt.object("Device.WiFi.Radio.{i}.").get().parameter("Enable").get().access());
        ParameterDef key = onIt.object("Device.WiFi.AccessPoint.{i}.Security.").get().parameter("KeyPassphrase").get();
        assertEquals(Access.READ_WRITE, key.access());
        assertTrue(key.hidden());
        assertFalse(onIt.object("Device.WiFi.SSID.{i}.").get().creatable());
        assertEquals(Access.READ_ONLY, Tr181Model.schema(Platform.of(new StaticDeviceInfo(DeviceIdentity.unknown())))
                .object("Device.WiFi.SSID.{i}.").get().parameter("SSID").get().access(), "no Wi-Fi: nothing writable");
    }

    @Test
    void a_platform_without_wifi_has_empty_tables() {
        DataModel model = open(Tr181Model.schema(), WiFiPlatform.none());
        assertEquals("0", model.read("Device.WiFi.RadioNumberOfEntries").value());
        assertEquals("0", model.read("Device.WiFi.AccessPointNumberOfEntries").value());
    }

    @Test
    void writes_go_to_the_platform_as_settings_by_key() {
        FakeWiFi wifi = new FakeWiFi(state(List.of()));
        DataModel model = open(Tr181Model.schema(platform(wifi)), wifi);
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.set("Device.WiFi.Radio.1.Channel", "11"));
        assertEquals(Optional.empty(), tx.set("Device.WiFi.AccessPoint.1.Security.ModeEnabled", "None"));
        assertEquals(Optional.empty(), tx.set("Device.WiFi.SSID.1.Enable", "0"));
        assertTrue(tx.commit().isOk());
        assertEquals(List.of("apply Channel[target=radio0, channel=11]", "apply SecurityMode[target=wlan0, mode=None]",
                "apply SsidEnable[target=wlan0, enable=false]"), wifi.log);
    }

    @Test
    void a_write_the_platform_refuses_undoes_the_ones_applied_before_it() {
        FakeWiFi wifi = new FakeWiFi(state(List.of())) {
            @Override
            public Result<WiFiUndo> apply(WiFiSetting setting) {
                if (setting instanceof WiFiSetting.Ssid) {
                    return Result.err(ErrorCode.INVALID_VALUE, "the radio refuses it");
                }
                return super.apply(setting);
            }
        };
        DataModel model = open(Tr181Model.schema(platform(wifi)), wifi);
        Transaction tx = model.begin();
        tx.set("Device.WiFi.Radio.1.Channel", "1");
        tx.set("Device.WiFi.SSID.1.SSID", "Other");
        Result<?> done = tx.commit();
        assertEquals(ErrorCode.INVALID_VALUE, done.error().code());
        assertEquals("Device.WiFi.SSID.1.SSID", done.error().path());
        assertEquals(List.of("apply Channel[target=radio0, channel=1]", "undo Channel[target=radio0, channel=1]"), wifi.log);
        assertEquals("6", model.read("Device.WiFi.Radio.1.Channel").value());
    }

    @Test
    void the_passphrase_is_checked_without_being_repeated_and_never_read() {
        FakeWiFi wifi = new FakeWiFi(state(List.of()));
        DataModel model = open(Tr181Model.schema(platform(wifi)), wifi);
        DmError e = set(model, "Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "tiny").get();
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertFalse(e.toString().contains("tiny"), e.toString());
        assertEquals(Optional.empty(), set(model, "Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "long enough secret"));
        assertEquals("", model.read("Device.WiFi.AccessPoint.1.Security.KeyPassphrase").value());
        assertEquals(List.of("apply KeyPassphrase[target=wlan0, passphrase=WiFiPassphrase[hidden]]"), wifi.log);
        WiFiPassphrase p = WiFiPassphrase.of("long enough secret");
        assertTrue(p.matches("long enough secret"));
        assertFalse(p.toString().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> WiFiPassphrase.of("tab\tinside"));
    }

    @Test
    void references_alias_and_deletion_are_handled_by_the_hook() {
        FakeWiFi wifi = new FakeWiFi(state(List.of()));
        DataModel model = open(Tr181Model.schema(), wifi);
        assertEquals(ErrorCode.PARAMETER_ACTION_FAILED,
                set(model, "Device.WiFi.SSID.1.LowerLayers", "Device.WiFi.Radio.1,Device.WiFi.Radio.1").get().code());
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.delete("Device.WiFi.AccessPoint.1."));
        assertEquals(ErrorCode.DELETE_FAILURE, tx.commit().error().code());
        assertEquals("1", model.read("Device.WiFi.AccessPointNumberOfEntries").value());
        tx = model.begin();
        assertEquals(ErrorCode.OBJECT_NOT_CREATABLE, tx.add("Device.WiFi.SSID.", Map.of()).error().code());
        tx.rollback();
        assertEquals(List.of(), wifi.log);
    }

    @Test
    void a_value_outside_the_standards_facets_reads_as_an_error_not_as_a_wrong_value() {
        FakeWiFi wifi = new FakeWiFi(state(List.of(STATION)));
        DataModel model = open(Tr181Model.schema(platform(wifi)), wifi);
        assertEquals("144400", model.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.LastDataDownlinkRate").value());
        DmError slow = model.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.LastDataUplinkRate").error();
        assertEquals(ErrorCode.INTERNAL_ERROR, slow.code(), "500 kbit/s is below the standard's 1000");
        assertEquals(ErrorCode.INTERNAL_ERROR, model.read("Device.WiFi.Radio.1.Stats.Noise").error().code(),
                "not known");
    }

    @Test
    void stations_coming_and_going_are_pushed_as_the_table_to_read_again() {
        FakeWiFi wifi = new FakeWiFi(state(List.of()));
        DataModel model = open(Tr181Model.schema(platform(wifi)), wifi);
        wifi.state = state(List.of(STATION));
        wifi.watchers.forEach(Runnable::run);
        assertEquals(List.of("Device.WiFi.AccessPoint.{i}.AssociatedDevice."), pushed);
        pushed.clear();
        wifi.watchers.forEach(Runnable::run);
        assertEquals(List.of(), pushed, "nothing changed: nothing pushed");
        pushed.clear();
        assertEquals(List.of("Device.WiFi.Radio.", "Device.WiFi.SSID.", "Device.WiFi.AccessPoint.",
                "Device.WiFi.AccessPoint.{i}.AssociatedDevice."), WiFiObject.changedTables(state(List.of(STATION)),
                WiFiState.EMPTY));
    }

    @Test
    void the_scan_output_keeps_only_values_within_the_standards_facets() {
        WiFiNeighbor n = new WiFiNeighbor("radio0", "Cafe", "02:00:00:00:00:09", Optional.of("Infrastructure"),
                OptionalInt.of(6), OptionalInt.of(5), Optional.of("None"), Optional.of("2.4GHz"), Optional.empty(),
                OptionalInt.of(-95));
        Map<String, String> out = WiFiNeighboringDiagnostic.output(List.of(n), Map.of());
        assertEquals(Map.of("Status", "Complete", "Result.1.SSID", "Cafe", "Result.1.BSSID", "02:00:00:00:00:09",
                "Result.1.Mode", "Infrastructure", "Result.1.Channel", "6", "Result.1.SecurityModeEnabled", "None",
                "Result.1.OperatingFrequencyBand", "2.4GHz", "Result.1.Noise", "-95"), out,
                "a signal of +5 dBm and a radio with no instance are left out");
    }
}

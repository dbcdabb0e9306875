package dev.demarc.hal.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspRequestContext;
import dev.demarc.hal.Platforms;
import dev.demarc.hal.wifi.WiFiModels;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Device.WiFi.} on a simulated device: the file's area, writes, the timeline, the scan. */
class SimulatedWiFiTest {

    @TempDir
    Path dir;

    static String gateway() throws Exception {
        return Files.readString(Path.of(SimulatedWiFiTest.class.getResource("/simulated/wifi-gateway.json").toURI()),
                StandardCharsets.UTF_8);
    }

    /** The device of the file, its timeline not started, its Wi-Fi, and the model on it. */
    private record Sim(SimulatedDevice device, SimulatedWiFi wifi, WiFiModels m) {
    }

    private static Sim sim(String text) {
        SimulatedDevice device = SimulatedDevice.parse("gateway.json", text).value();
        SimulatedWiFi wifi = new SimulatedWiFi(device);
        return new Sim(device, wifi, new WiFiModels(WiFiModels.platformOf(wifi)));
    }

    @Test
    void the_area_reads_as_tr181() throws Exception {
        WiFiModels m = sim(gateway()).m();
        assertEquals("2", m.read("Device.WiFi.RadioNumberOfEntries"));
        assertEquals("radio1", m.read("Device.WiFi.Radio.2.Name"));
        assertEquals("36,40,44,48", m.read("Device.WiFi.Radio.2.PossibleChannels"));
        assertEquals("true", m.read("Device.WiFi.Radio.2.AutoChannelEnable"));
        assertEquals("-97", m.read("Device.WiFi.Radio.2.Stats.Noise"));
        assertEquals("Device.WiFi.Radio.1", m.read("Device.WiFi.SSID.1.LowerLayers"));
        assertEquals("1048576", m.read("Device.WiFi.SSID.1.Stats.BytesSent"));
        assertFalse(m.model.read("Device.WiFi.SSID.2.Stats.BytesSent").isOk(), "no counters in the file: not known");
        assertEquals("Device.WiFi.SSID.2", m.read("Device.WiFi.AccessPoint.2.SSIDReference"));
        assertEquals("None,WPA2-Personal,WPA3-Personal,WPA3-Personal-Transition",
                m.read("Device.WiFi.AccessPoint.1.Security.ModesSupported"));
        assertEquals("3c:22:fb:00:00:01", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.MACAddress"));
        assertEquals("144400", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.LastDataDownlinkRate"));
        assertEquals("0", m.read("Device.WiFi.AccessPoint.2.AssociatedDeviceNumberOfEntries"));
    }

    @Test
    void every_setting_is_writable_and_reads_back() throws Exception {
        WiFiModels m = sim(gateway()).m();
        Map<String, String> set = new LinkedHashMap<>();
        set.put("Device.WiFi.Radio.1.Enable", "false");
        set.put("Device.WiFi.Radio.1.Channel", "11");
        set.put("Device.WiFi.Radio.2.AutoChannelEnable", "false");
        set.put("Device.WiFi.Radio.2.OperatingChannelBandwidth", "40MHz");
        set.put("Device.WiFi.Radio.2.TransmitPower", "75");
        set.put("Device.WiFi.SSID.1.SSID", "Renamed");
        set.put("Device.WiFi.SSID.2.Enable", "false");
        set.put("Device.WiFi.AccessPoint.2.Enable", "false");
        set.put("Device.WiFi.AccessPoint.1.SSIDAdvertisementEnabled", "false");
        set.put("Device.WiFi.AccessPoint.1.Security.ModeEnabled", "WPA3-Personal");
        assertEquals(Optional.empty(), m.set(set));
        set.forEach((path, value) -> assertEquals(value, m.read(path), path));
        assertEquals(ErrorCode.INVALID_VALUE, m.set("Device.WiFi.Radio.1.OperatingFrequencyBand", "5GHz").get().code());
    }

    @Test
    void a_failed_change_undoes_the_earlier_ones() throws Exception {
        WiFiModels m = sim(gateway()).m();
        Map<String, String> set = new LinkedHashMap<>();
        set.put("Device.WiFi.SSID.1.SSID", "Renamed");
        set.put("Device.WiFi.Radio.1.Channel", "36");
        DmError e = m.set(set).get();
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("Device.WiFi.Radio.1.Channel", e.path());
        assertEquals("Demarc-Sim", m.read("Device.WiFi.SSID.1.SSID"));
    }

    @Test
    void the_passphrase_is_kept_and_never_given_back() throws Exception {
        Sim s = sim(gateway());
        assertEquals(Optional.empty(), s.m().set("Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "simulated secret"));
        assertTrue(s.wifi().passphraseIs("wlan0", "simulated secret"));
        assertFalse(s.wifi().passphraseIs("wlan0", "simulated secreT"));
        assertEquals("", s.m().read("Device.WiFi.AccessPoint.1.Security.KeyPassphrase"));
        assertFalse(s.device().area(SimulatedWiFi.AREA).toString().contains("simulated secret"));
        assertFalse(s.m().store.snapshot().toString().contains("simulated secret"));
        Map<String, String> set = new LinkedHashMap<>();
        set.put("Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "rolled back secret");
        set.put("Device.WiFi.Radio.1.Channel", "36");
        assertTrue(s.m().set(set).isPresent());
        assertTrue(s.wifi().passphraseIs("wlan0", "simulated secret"), "the earlier passphrase is back");
    }

    @Test
    void a_station_joining_on_the_timeline_is_an_object_creation() throws Exception {
        Sim s = sim(gateway());
        assertEquals("1", s.m().read("Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries"));
        s.m().events.clear();
        s.device().start();
        try {
            assertEquals(List.of("Device.WiFi.AccessPoint.{i}.AssociatedDevice."), s.m().applyPushes());
            assertEquals(List.of(new ModelEvent.ObjectCreated("Device.WiFi.AccessPoint.1.AssociatedDevice.2.",
                    Map.of("MACAddress", "f0:18:98:00:00:02"))), s.m().events);
            assertEquals("-63", s.m().read("Device.WiFi.AccessPoint.1.AssociatedDevice.2.SignalStrength"));
        } finally {
            s.device().close();
        }
    }

    @Test
    void the_neighbour_scan_answers_the_files_networks_with_their_radio_instances() throws Exception {
        Sim s = sim(gateway());
        Platform platform = WiFiModels.platformOf(s.wifi());
        var command = Tr181Model.commands(platform).asyncCommand("Device.WiFi.NeighboringWiFiDiagnostic()").get();
        UspCommand.Call call = new UspCommand.Call("Device.WiFi.NeighboringWiFiDiagnostic()", "Device.WiFi.", "k1",
                Map.of(), new UspRequestContext("proto::controller", "Device.LocalAgent.Controller.1.",
                        new MtpAddress("MQTT", "controller/topic", "proto::controller")));
        Result<Map<String, String>> out = command.start(s.m().model, call).toCompletableFuture().get(20, TimeUnit.SECONDS);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Status", "Complete");
        expected.put("Result.1.Radio", "Device.WiFi.Radio.1");
        expected.put("Result.1.SSID", "Neighbour");
        expected.put("Result.1.BSSID", "a0:b5:49:11:22:33");
        expected.put("Result.1.Mode", "Infrastructure");
        expected.put("Result.1.Channel", "1");
        expected.put("Result.1.SignalStrength", "-67");
        expected.put("Result.1.SecurityModeEnabled", "WPA2");
        expected.put("Result.1.OperatingFrequencyBand", "2.4GHz");
        expected.put("Result.1.OperatingChannelBandwidth", "20MHz");
        expected.put("Result.1.Noise", "-95");
        expected.put("Result.2.Radio", "Device.WiFi.Radio.2");
        expected.put("Result.2.SSID", "");
        expected.put("Result.2.BSSID", "a0:b5:49:11:22:34");
        expected.put("Result.2.Channel", "44");
        expected.put("Result.2.SignalStrength", "-80");
        expected.put("Result.2.OperatingFrequencyBand", "5GHz");
        assertEquals(expected, out.value());
    }

    @Test
    void a_wifi_area_that_cannot_be_read_is_an_error_naming_where() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"wifi\": {\"radios\": [{\"name\": \"radio0\", \"status\": \"Sideways\"}]}}");
        assertEquals(file + ": wifi.radios[0]: status must be one of [Up, Down, Unknown, Dormant, NotPresent, "
                + "LowerLayerDown, Error]", Platforms.open("simulated:" + file).error().message());
        Files.writeString(file, "{\"timeline\": [{\"afterSeconds\": 5, \"set\": {\"wifi\": {\"ssids\": [{\"name\": \"x\"}]}}}]}");
        assertEquals(file + ": timeline step 1: wifi.ssids[0]: \"radio\" is missing",
                Platforms.open("simulated:" + file).error().message());
    }

    @Test
    void the_example_gateway_of_the_documentation_has_a_valid_wifi_area() throws Exception {
        Path example = Path.of("..", "docs", "examples", "simulated-gateway.json");
        Result<Platform> opened = Platforms.open("simulated:" + example);
        assertTrue(opened.isOk(), () -> opened.error().message());
        try (Platform p = opened.value()) {
            assertEquals(2, p.wifi().state().radios().size());
            assertEquals(3, p.wifi().state().accessPoints().stream().mapToInt(a -> a.stations().size()).sum());
        }
    }
}

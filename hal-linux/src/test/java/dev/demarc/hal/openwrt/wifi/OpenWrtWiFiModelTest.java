package dev.demarc.hal.openwrt.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.Schema;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.wifi.RefreshingWiFi;
import dev.demarc.hal.wifi.WiFiFixtureCommands;
import dev.demarc.hal.wifi.WiFiLogCapture;
import dev.demarc.hal.wifi.WiFiModels;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Device.WiFi.} on the OpenWrt router fixture, through the real engine: what a Get reads,
 * writes applied with uci in a transaction and undone when a later change fails, the passphrase
 * that is written and never read, and stations that come and go.
 */
class OpenWrtWiFiModelTest {

    @TempDir
    Path scratch;

    private final ScheduledExecutorService threads = PlatformThreads.newPool("wifi-test");
    private WiFiFixtureCommands commands;
    private OpenWrtWiFi wifi;
    private Platform platform;
    private WiFiModels m;

    @BeforeEach
    void open() throws Exception {
        Path router = OpenWrtWiFiTest.router();
        commands = new WiFiFixtureCommands(router);
        // A reload long after the test: nothing re-reads the fixture files (which uci does not change) meanwhile.
        wifi = new OpenWrtWiFi(new SystemFiles(router), commands, threads, new OpenWrtWiFi.Options(
                new RefreshingWiFi.Timing(Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(50)),
                Duration.ofHours(1), scratch, false));
        wifi.refreshNow();
        platform = WiFiModels.platformOf(wifi);
        m = new WiFiModels(platform);
        commands.clear();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void a_get_reads_the_router_in_tr181_terms() {
        assertEquals("2", m.read("Device.WiFi.RadioNumberOfEntries"));
        assertEquals("2", m.read("Device.WiFi.SSIDNumberOfEntries"));
        assertEquals("2", m.read("Device.WiFi.AccessPointNumberOfEntries"));
        assertEquals("radio0", m.read("Device.WiFi.Radio.1.Name"));
        assertEquals("true", m.read("Device.WiFi.Radio.1.Enable"));
        assertEquals("Up", m.read("Device.WiFi.Radio.1.Status"));
        assertEquals("2.4GHz", m.read("Device.WiFi.Radio.1.OperatingFrequencyBand"));
        assertEquals("2.4GHz", m.read("Device.WiFi.Radio.1.SupportedFrequencyBands"));
        assertEquals("6", m.read("Device.WiFi.Radio.1.Channel"));
        assertEquals("1,2,3,4,5,6,7,8,9,10,11,12,13", m.read("Device.WiFi.Radio.1.PossibleChannels"));
        assertEquals("true", m.read("Device.WiFi.Radio.1.AutoChannelSupported"));
        assertEquals("false", m.read("Device.WiFi.Radio.1.AutoChannelEnable"));
        assertEquals("20MHz", m.read("Device.WiFi.Radio.1.OperatingChannelBandwidth"));
        assertEquals("-1", m.read("Device.WiFi.Radio.1.TransmitPower"));
        assertEquals("-91", m.read("Device.WiFi.Radio.1.Stats.Noise"));
        assertEquals("true", m.read("Device.WiFi.Radio.2.AutoChannelEnable"));
        assertEquals("36", m.read("Device.WiFi.Radio.2.Channel"));
        assertEquals("50", m.read("Device.WiFi.Radio.2.TransmitPower"));

        assertEquals("phy1-ap0", m.read("Device.WiFi.SSID.2.Name"));
        assertEquals("Device.WiFi.Radio.2", m.read("Device.WiFi.SSID.2.LowerLayers"));
        assertEquals("Demarc-Guest-5G", m.read("Device.WiFi.SSID.2.SSID"));
        assertEquals("f4:92:bf:3a:10:03", m.read("Device.WiFi.SSID.2.BSSID"));
        assertEquals("Up", m.read("Device.WiFi.SSID.2.Status"));
        assertEquals("311002917", m.read("Device.WiFi.SSID.2.Stats.BytesSent"));

        assertEquals("Device.WiFi.SSID.1", m.read("Device.WiFi.AccessPoint.1.SSIDReference"));
        assertEquals("Enabled", m.read("Device.WiFi.AccessPoint.1.Status"));
        assertEquals("false", m.read("Device.WiFi.AccessPoint.2.SSIDAdvertisementEnabled"));
        assertEquals("WPA3-Personal-Transition", m.read("Device.WiFi.AccessPoint.1.Security.ModeEnabled"));
        assertEquals("", m.read("Device.WiFi.AccessPoint.1.Security.KeyPassphrase"), "never readable");
        assertEquals("2", m.read("Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries"));
        assertEquals("3c:22:fb:1a:2b:3c", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.MACAddress"));
        assertEquals("-48", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.SignalStrength"));
        assertEquals("286800", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.LastDataDownlinkRate"));
        assertEquals("143400", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.LastDataUplinkRate"));
        assertEquals("true", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.Active"));
        assertEquals("f0:18:98:ab:cd:ef", m.read("Device.WiFi.AccessPoint.2.AssociatedDevice.1.MACAddress"));
        assertEquals(List.of(), commands.ran(), "a Get runs no command");
    }

    @Test
    void the_model_on_openwrt_declares_writable_only_what_uci_applies() {
        Schema schema = Tr181Model.schema(platform);
        assertEquals(Access.READ_WRITE, access(schema, "Device.WiFi.Radio.{i}.", "Channel"));
        assertEquals(Access.READ_WRITE, access(schema, "Device.WiFi.AccessPoint.{i}.Security.", "KeyPassphrase"));
        assertEquals(Access.READ_ONLY, access(schema, "Device.WiFi.Radio.{i}.", "OperatingFrequencyBand"));
        assertEquals(Access.READ_ONLY, access(schema, "Device.WiFi.SSID.{i}.", "LowerLayers"));
        assertFalse(schema.object("Device.WiFi.SSID.{i}.").get().creatable());
        assertTrue(Tr181Model.schema().object("Device.WiFi.SSID.{i}.").get().creatable(), "the full model is the standard's");
    }

    private static Access access(Schema schema, String object, String parameter) {
        return schema.object(object).get().parameter(parameter).get().access();
    }

    @Test
    void writes_of_one_transaction_run_uci_for_each_and_one_reload() throws Exception {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("Device.WiFi.SSID.1.SSID", "Home Sweet Home");
        set.put("Device.WiFi.Radio.1.Channel", "11");
        set.put("Device.WiFi.AccessPoint.2.SSIDAdvertisementEnabled", "true");
        set.put("Device.WiFi.Radio.2.TransmitPower", "25");
        assertEquals(Optional.empty(), m.set(set));
        assertEquals(List.of(
                "uci set wireless.default_radio0.ssid=Home Sweet Home", "uci commit wireless",
                "uci set wireless.radio0.channel=11", "uci commit wireless",
                "uci set wireless.guest_radio1.hidden=0", "uci commit wireless",
                "uci set wireless.radio1.txpower=17", "uci commit wireless"), commands.ran());
        assertEquals("Home Sweet Home", m.read("Device.WiFi.SSID.1.SSID"));
        assertEquals("true", m.read("Device.WiFi.AccessPoint.2.SSIDAdvertisementEnabled"));
        assertEquals("25", m.read("Device.WiFi.Radio.2.TransmitPower"), "17 dBm is a quarter of 23 dBm");
    }

    @Test
    void the_reload_follows_the_writes_once_on_the_platform_threads() throws Exception {
        OpenWrtWiFi quick = new OpenWrtWiFi(new SystemFiles(OpenWrtWiFiTest.router()), commands, threads,
                new OpenWrtWiFi.Options(new RefreshingWiFi.Timing(Duration.ofHours(1), Duration.ZERO,
                        Duration.ofMillis(50)), Duration.ofMillis(100), scratch, false));
        quick.refreshNow();
        WiFiModels q = new WiFiModels(WiFiModels.platformOf(quick));
        commands.clear();
        Map<String, String> set = new LinkedHashMap<>();
        set.put("Device.WiFi.Radio.1.Enable", "false");
        set.put("Device.WiFi.SSID.2.Enable", "false");
        assertEquals(Optional.empty(), q.set(set));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (commands.ran("wifi").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("uci set wireless.radio0.disabled=1", "uci commit wireless",
                "uci set wireless.guest_radio1.disabled=1", "uci commit wireless", "wifi reload"),
                commands.ran().subList(0, 5));
    }

    @Test
    void a_failed_change_undoes_the_changes_applied_before_it() {
        commands.failWhen(argv -> String.join(" ", argv).startsWith("uci set wireless.guest_radio1.ssid="));
        Map<String, String> set = new LinkedHashMap<>();
        set.put("Device.WiFi.Radio.1.Channel", "1");
        set.put("Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "a-brand-new-secret");
        set.put("Device.WiFi.SSID.2.SSID", "Renamed");
        Optional<DmError> failed = m.set(set);
        assertEquals(ErrorCode.PARAMETER_ACTION_FAILED, failed.get().code());
        assertEquals("Device.WiFi.SSID.2.SSID", failed.get().path());
        assertEquals(List.of(
                "uci set wireless.radio0.channel=1", "uci commit wireless",
                "uci -f FILE batch", "uci commit wireless",
                "uci set wireless.guest_radio1.ssid=Renamed",
                // undone, last applied first: the old key back, then the old channel
                "uci -f FILE batch", "uci commit wireless",
                "uci set wireless.radio0.channel=6", "uci commit wireless"),
                commands.ran().stream().map(c -> c.replaceAll("uci -f \\S+ batch", "uci -f FILE batch")).toList());
        assertEquals(List.of("set wireless.default_radio0.key='a-brand-new-secret'\n",
                "set wireless.default_radio0.key='fixture-passphrase-24'\n"), commands.batches());
        assertEquals("6", m.read("Device.WiFi.Radio.1.Channel"));
        assertEquals("Demarc-Guest-5G", m.read("Device.WiFi.SSID.2.SSID"));
    }

    @Test
    void values_the_radio_cannot_take_are_refused_before_uci_runs() {
        assertEquals(ErrorCode.INVALID_VALUE, m.set("Device.WiFi.Radio.1.Channel", "36").get().code());
        assertEquals(ErrorCode.INVALID_VALUE,
                m.set("Device.WiFi.AccessPoint.1.Security.ModeEnabled", "WPA2-Enterprise").get().code());
        assertEquals(ErrorCode.INVALID_VALUE, m.set("Device.WiFi.Radio.1.OperatingChannelBandwidth", "80MHz").get().code());
        assertEquals(List.of(), commands.ran());
        assertEquals(Optional.empty(), m.set("Device.WiFi.Radio.2.OperatingChannelBandwidth", "160MHz"));
        assertEquals(Optional.empty(), m.set("Device.WiFi.AccessPoint.2.Security.ModeEnabled", "WPA3-Personal"));
        assertEquals(Optional.empty(), m.set("Device.WiFi.Radio.2.AutoChannelEnable", "false"));
        assertEquals(List.of("uci set wireless.radio1.htmode=HE160", "uci commit wireless",
                "uci set wireless.guest_radio1.encryption=sae", "uci commit wireless",
                "uci set wireless.radio1.channel=36", "uci commit wireless"), commands.ran());
        assertEquals("WPA3-Personal", m.read("Device.WiFi.AccessPoint.2.Security.ModeEnabled"));
    }

    @Test
    void the_passphrase_is_written_and_never_read_logged_stored_or_printed() throws Exception {
        String secret = "correct horse battery staple";
        try (WiFiLogCapture logs = new WiFiLogCapture()) {
            assertEquals(Optional.empty(), m.set("Device.WiFi.AccessPoint.2.Security.KeyPassphrase", secret));
            DmError tooShort = m.set("Device.WiFi.AccessPoint.2.Security.KeyPassphrase", "short").get();
            assertEquals(ErrorCode.INVALID_VALUE, tooShort.code());
            assertFalse(tooShort.toString().contains("short"), tooShort.toString());
            commands.failWhen(argv -> argv.get(0).equals("uci") && argv.get(1).equals("-f"));
            DmError refused = m.set("Device.WiFi.AccessPoint.2.Security.KeyPassphrase", "another secret value").get();
            assertFalse(refused.toString().contains("another secret value"), refused.toString());

            // A passphrase applied, then undone because a later change failed, and the undo failing too:
            // everything on this path logs, and none of it holds the passphrase.
            java.util.concurrent.atomic.AtomicInteger batchesRun = new java.util.concurrent.atomic.AtomicInteger();
            commands.failWhen(argv -> argv.get(0).equals("uci") && argv.get(1).equals("-f")
                    ? batchesRun.incrementAndGet() > 1 : String.join(" ", argv).startsWith("uci set wireless.radio0"));
            Map<String, String> set = new LinkedHashMap<>();
            set.put("Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "third secret in a row");
            set.put("Device.WiFi.Radio.1.Channel", "1");
            assertTrue(m.set(set).isPresent());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("could not undo a Wi-Fi write to "
                    + "Device.WiFi.AccessPoint.1.Security.KeyPassphrase: ")), String.join("\n", logs.lines()));

            assertEquals(List.of("set wireless.guest_radio1.key='" + secret + "'\n",
                    "set wireless.guest_radio1.key='another secret value'\n",
                    "set wireless.default_radio0.key='third secret in a row'\n",
                    "set wireless.default_radio0.key='fixture-passphrase-24'\n"), commands.batches());
            assertTrue(commands.ran().stream().noneMatch(c -> c.contains("secret") || c.contains("horse")),
                    "never on a command line: " + commands.ran());
            assertEquals("", m.read("Device.WiFi.AccessPoint.2.Security.KeyPassphrase"));
            assertEquals("", m.model.readHidden("Device.WiFi.AccessPoint.2.Security.KeyPassphrase").value());
            List<ObjectValues> all = m.model.get("Device.", 0).value();
            assertFalse(all.toString().contains("horse"));
            assertFalse(all.toString().contains("fixture-passphrase"), "nor the key the router had");
            assertFalse(m.store.snapshot().toString().contains("horse"), "the engine's store never holds it");
            assertFalse(m.events.toString().contains("horse"));
            assertTrue(m.events.contains(new ModelEvent.ValueChanged(
                    "Device.WiFi.AccessPoint.2.Security.KeyPassphrase", "")));
            assertFalse(wifi.state().toString().contains("horse"));
            assertFalse(wifi.state().accessPoints().toString().contains("horse"));
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("horse") || l.contains("secret")
                    || l.contains("fixture-passphrase")), String.join("\n", logs.lines()));
        }
        try (var files = java.nio.file.Files.list(scratch)) {
            assertEquals(0, files.count(), "no batch file is left behind");
        }
    }

    @Test
    void a_station_joining_and_leaving_is_an_object_creation_and_deletion() throws Exception {
        m.read("Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries");
        commands.answer("ubus call iwinfo assoclist {\"device\":\"phy0-ap0\"}", """
                {"results": [
                  {"mac": "3C:22:FB:1A:2B:3C", "signal": -48, "authorized": true, "rx": {"rate": 143400}, "tx": {"rate": 286800}},
                  {"mac": "A4:C3:F0:55:66:77", "signal": -71, "authorized": true, "rx": {"rate": 26000}, "tx": {"rate": 39000}},
                  {"mac": "DA:A1:19:00:00:01", "signal": -60, "authorized": true, "rx": {"rate": 72200}, "tx": {"rate": 72200}}
                ]}""");
        m.events.clear();
        wifi.stationEvent("{ \"assoc\": {\"address\":\"da:a1:19:00:00:01\",\"signal\":-60,\"freq\":2437} }");
        assertEquals(List.of("Device.WiFi.AccessPoint.{i}.AssociatedDevice."), m.applyPushes());
        assertTrue(m.events.contains(new ModelEvent.ObjectCreated("Device.WiFi.AccessPoint.1.AssociatedDevice.3.",
                Map.of("MACAddress", "da:a1:19:00:00:01"))), m.events.toString());
        assertEquals("-60", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.3.SignalStrength"));

        commands.answer("ubus call iwinfo assoclist {\"device\":\"phy0-ap0\"}", """
                {"results": [
                  {"mac": "DA:A1:19:00:00:01", "signal": -60, "authorized": true, "rx": {"rate": 72200}, "tx": {"rate": 72200}}
                ]}""");
        m.events.clear();
        wifi.stationEvent("{ \"disassoc\": {\"address\":\"3c:22:fb:1a:2b:3c\"} }");
        m.applyPushes();
        assertEquals(List.of(new ModelEvent.ObjectDeleted("Device.WiFi.AccessPoint.1.AssociatedDevice.1."),
                new ModelEvent.ObjectDeleted("Device.WiFi.AccessPoint.1.AssociatedDevice.2.")), m.events);
        assertEquals("1", m.read("Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries"));
    }

    @Test
    void ssids_and_access_points_are_neither_added_nor_deleted() {
        for (String instance : List.of("Device.WiFi.SSID.1.", "Device.WiFi.AccessPoint.1.")) {
            var tx = m.model.begin();
            Optional<DmError> delete = tx.delete(instance);
            tx.rollback();
            assertEquals(ErrorCode.DELETE_FAILURE, delete.get().code(), "fixed in the model served on OpenWrt");
        }
        var tx = m.model.begin();
        assertEquals(ErrorCode.OBJECT_NOT_CREATABLE, tx.add("Device.WiFi.SSID.", Map.of()).error().code());
        tx.rollback();
        assertEquals("2", m.read("Device.WiFi.SSIDNumberOfEntries"));
        assertEquals(List.of(), commands.ran());
    }
}

package dev.demarc.hal.linux.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.hal.wifi.WiFiFixtureCommands;
import dev.demarc.hal.wifi.WiFiModels;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSetting;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiStation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generic Linux Wi-Fi: {@code iw} output of a box with one AP interface (fixtures/linux-ap), and this machine. */
class LinuxWiFiTest {

    private final ScheduledExecutorService threads = PlatformThreads.newPool("wifi-test");

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    static Path box() throws Exception {
        return Path.of(LinuxWiFiTest.class.getResource("/fixtures/linux-ap").toURI());
    }

    static String recorded(String name) throws Exception {
        return Files.readString(box().resolve("commands").resolve(name), StandardCharsets.UTF_8);
    }

    private LinuxWiFi wifi(Path root, WiFiFixtureCommands commands) {
        return new LinuxWiFi(new SystemFiles(root), commands, threads,
                new RefreshingWiFi.Timing(Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(50)), false);
    }

    @Test
    void iw_dev_gives_the_interfaces_with_their_phy_channel_and_power() throws Exception {
        assertEquals(List.of(new IwOutput.Interface("wlan0", "phy0", "AP", "04:f0:21:8a:5b:01", "Office-AP",
                OptionalInt.of(36), OptionalInt.of(5180), "80", OptionalDouble.of(20.0))),
                IwOutput.interfaces(recorded("iw dev.txt")));
    }

    @Test
    void iw_phy_gives_the_channels_with_their_power_limits() throws Exception {
        List<IwOutput.Channel> channels = IwOutput.channels(recorded("iw phy.txt")).get("phy0");
        assertEquals(28, channels.size());
        assertEquals(new IwOutput.Channel(1, 2412, false, OptionalDouble.of(20.0)), channels.get(0));
        assertEquals(new IwOutput.Channel(12, 2467, true, OptionalDouble.empty()), channels.get(11));
        assertEquals(new IwOutput.Channel(36, 5180, false, OptionalDouble.of(23.0)), channels.get(14));
    }

    @Test
    void a_station_dump_gives_signal_rates_and_whether_each_is_authorized() throws Exception {
        assertEquals(List.of(
                new WiFiStation("8c:85:90:4d:e1:0a", OptionalInt.of(-52), OptionalLong.of(866700), OptionalLong.of(650000), true),
                new WiFiStation("6e:3b:2a:19:c4:77", OptionalInt.of(-78), OptionalLong.of(6000), OptionalLong.of(24000), false)),
                IwOutput.stations(recorded("iw dev wlan0 station dump.txt")));
    }

    @Test
    void survey_link_and_scan_output_are_read() throws Exception {
        assertEquals(OptionalInt.of(-94), IwOutput.noiseInUse(recorded("iw dev wlan0 survey dump.txt")));
        assertEquals("aa:bb:cc:dd:ee:ff", IwOutput.linkedBssid("Connected to AA:BB:CC:DD:EE:FF (on wlan1)\n\tSSID: Up\n"));
        assertEquals("", IwOutput.linkedBssid("Not connected.\n"));
        List<WiFiNeighbor> heard = IwOutput.scan(recorded("iw dev wlan0 scan ap-force.txt"), "phy0");
        assertEquals(List.of(
                new WiFiNeighbor("phy0", "Lab-5G", "70:4f:57:12:ab:cd", Optional.of("Infrastructure"), OptionalInt.of(100),
                        OptionalInt.of(-71), Optional.of("WPA2-PSK-WPA3-SAE"), Optional.of("5GHz"), Optional.of("80MHz"),
                        OptionalInt.empty()),
                new WiFiNeighbor("phy0", "Guest", "9a:11:02:3c:4d:5e", Optional.of("Infrastructure"), OptionalInt.of(149),
                        OptionalInt.of(-86), Optional.of("None"), Optional.of("5GHz"), Optional.of("20MHz"),
                        OptionalInt.empty())), heard);
    }

    @Test
    void a_linux_box_with_one_access_point_is_read_from_iw_and_sysfs() throws Exception {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(box());
        LinuxWiFi wifi = wifi(box(), commands);
        wifi.refreshNow();
        WiFiState s = wifi.state();
        WiFiRadio phy0 = s.radio("phy0").get();
        assertEquals(new WiFiRadio("phy0", true, "Up", List.of("2.4GHz", "5GHz"), Optional.of("5GHz"), OptionalInt.of(36),
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 36, 40, 44, 48, 52, 56, 60, 64, 149, 153, 157, 161, 165),
                false, false, "80MHz", OptionalInt.of(50), OptionalInt.of(-94)), phy0);
        WiFiSsid wlan0 = s.ssid("wlan0").get();
        assertEquals(new WiFiSsid("wlan0", "phy0", true, "Up", "Office-AP", "04:f0:21:8a:5b:01", "04:f0:21:8a:5b:01",
                Optional.of(new WiFiSsid.Stats(982114003, 77310244, 701122, 198443, 0, 0, 41, 5))), wlan0);
        WiFiAccessPoint ap = s.accessPoint("wlan0").get();
        assertEquals("Enabled", ap.status());
        assertEquals(Optional.empty(), ap.securityMode(), "hostapd's configuration is not read");
        assertEquals(2, ap.stations().size());
        assertEquals(List.of("iw dev", "iw phy", "iw dev wlan0 survey dump", "iw dev wlan0 station dump"), commands.ran());
        commands.clear();
        wifi.refreshNow();
        assertEquals(List.of("iw dev", "iw dev wlan0 survey dump", "iw dev wlan0 station dump"), commands.ran(),
                "iw phy is read once");
    }

    @Test
    void nothing_is_writable_on_generic_linux_and_the_model_says_so() throws Exception {
        LinuxWiFi wifi = wifi(box(), new WiFiFixtureCommands(box()));
        wifi.refreshNow();
        assertEquals(ErrorCode.PARAMETER_ACTION_FAILED,
                wifi.apply(new WiFiSetting.Channel("phy0", 40)).error().code());
        Schema schema = Tr181Model.schema(WiFiModels.platformOf(wifi));
        for (ObjectDef o : schema.objects()) {
            if (o.path().startsWith("Device.WiFi.")) {
                for (ParameterDef p : o.parameters()) {
                    boolean alias = p.name().equals("Alias");
                    assertTrue(alias || p.access() == Access.READ_ONLY, o.path() + p.name() + " is " + p.access());
                }
                assertFalse(o.creatable(), o.path());
            }
        }
        WiFiModels m = new WiFiModels(WiFiModels.platformOf(wifi));
        assertEquals("wlan0", m.read("Device.WiFi.SSID.1.Name"));
        assertEquals("Device.WiFi.Radio.1", m.read("Device.WiFi.SSID.1.LowerLayers"));
        assertEquals("866700", m.read("Device.WiFi.AccessPoint.1.AssociatedDevice.1.LastDataDownlinkRate"));
        assertEquals(ErrorCode.PARAMETER_READ_ONLY, m.set("Device.WiFi.Radio.1.Channel", "40").get().code());
        assertFalse(m.model.read("Device.WiFi.AccessPoint.1.Security.ModeEnabled").isOk(), "not known: an error");
        assertEquals("", m.read("Device.WiFi.AccessPoint.1.Security.KeyPassphrase"));
    }

    @Test
    void a_scan_uses_the_access_point_with_ap_force() throws Exception {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(box());
        LinuxWiFi wifi = wifi(box(), commands);
        wifi.refreshNow();
        assertEquals(2, wifi.scanNeighbors().toCompletableFuture().get(20, TimeUnit.SECONDS).value().size());
        assertTrue(commands.ran().contains("iw dev wlan0 scan ap-force"));
    }

    @Test
    void a_box_without_wifi_has_empty_tables_and_runs_nothing(@TempDir Path root) {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(root);
        LinuxWiFi wifi = wifi(root, commands);
        wifi.refreshNow();
        assertEquals(WiFiState.EMPTY, wifi.state());
        assertEquals(List.of(), commands.ran());
    }

    @Test
    void this_machine_gives_its_wifi_or_empty_tables_without_errors() throws Exception {
        SystemCommandRunner system = SystemCommandRunner.standard();
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LinuxPlatform linux = new LinuxPlatform(SystemFiles.device(), argv -> {
            ran.add(String.join(" ", argv));
            return system.run(argv);
        })) {
            WiFiModels m = new WiFiModels(linux);
            List<ObjectValues> wifi = m.model.get("Device.WiFi.", 0).value();
            assertEquals(String.valueOf(linux.wifi().state().radios().size()), m.read("Device.WiFi.RadioNumberOfEntries"));
            if (new SystemFiles(Path.of("/")).list("/sys/class/ieee80211").isEmpty()) {
                assertEquals("0", m.read("Device.WiFi.SSIDNumberOfEntries"));
                assertEquals(1, wifi.size(), "only Device.WiFi. itself: " + wifi);
                assertTrue(ran.stream().noneMatch(c -> c.startsWith("iw ")), "no Wi-Fi, no iw: " + ran);
            }
        }
    }
}

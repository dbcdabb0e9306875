package dev.demarc.hal.openwrt.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.wifi.RefreshingWiFi;
import dev.demarc.hal.wifi.WiFiFixtureCommands;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenWrt's Wi-Fi read from the router fixture: uci, netifd, iwinfo, hostapd, sysfs. */
class OpenWrtWiFiTest {

    static Path router() throws Exception {
        return Path.of(OpenWrtWiFiTest.class.getResource("/fixtures/openwrt-router").toURI());
    }

    @TempDir
    Path scratch;

    private final ScheduledExecutorService threads = PlatformThreads.newPool("wifi-test");

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** The part on {@code root}, nothing on a timer, refreshes 50 ms after an event. */
    OpenWrtWiFi wifi(Path root, WiFiFixtureCommands commands) {
        return new OpenWrtWiFi(new SystemFiles(root), commands, threads, new OpenWrtWiFi.Options(
                new RefreshingWiFi.Timing(Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(50)),
                Duration.ofMillis(50), scratch, false));
    }

    @Test
    void the_router_has_two_radios_two_ssids_and_three_stations() throws Exception {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(router());
        OpenWrtWiFi wifi = wifi(router(), commands);
        wifi.refreshNow();
        WiFiState s = wifi.state();

        WiFiRadio radio0 = s.radio("radio0").get();
        assertEquals(new WiFiRadio("radio0", true, "Up", List.of("2.4GHz"), Optional.of("2.4GHz"), OptionalInt.of(6),
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), true, false, "20MHz", OptionalInt.of(-1),
                OptionalInt.of(-91)), radio0);
        WiFiRadio radio1 = s.radio("radio1").get();
        assertEquals("Up", radio1.status());
        assertEquals(List.of("5GHz"), radio1.supportedBands());
        assertEquals(OptionalInt.of(36), radio1.channel(), "chosen automatically, as iwinfo says");
        assertTrue(radio1.autoChannelEnabled());
        assertEquals("80MHz", radio1.channelBandwidth());
        assertEquals(OptionalInt.of(50), radio1.transmitPower(), "20 dBm of 23 dBm is half the power");
        assertEquals(19, radio1.possibleChannels().size());

        assertEquals(List.of("phy0-ap0", "phy1-ap0"), s.ssids().stream().map(WiFiSsid::name).toList());
        WiFiSsid home = s.ssid("phy0-ap0").get();
        assertEquals("radio0", home.radio());
        assertEquals("Up", home.status());
        assertEquals("Demarc-Home", home.ssid());
        assertEquals("f4:92:bf:3a:10:02", home.bssid());
        assertEquals("f4:92:bf:3a:10:02", home.macAddress());
        assertEquals(new WiFiSsid.Stats(12345678901L, 2345678901L, 9345678, 3345678, 0, 0, 12, 0), home.stats().get());

        WiFiAccessPoint homeAp = s.accessPoint("phy0-ap0").get();
        assertEquals("Enabled", homeAp.status());
        assertEquals(Optional.of(true), homeAp.ssidAdvertised());
        assertEquals(Optional.of("WPA3-Personal-Transition"), homeAp.securityMode());
        assertEquals(List.of("None", "WPA-Personal", "WPA2-Personal", "WPA3-Personal", "WPA-WPA2-Personal",
                "WPA3-Personal-Transition", "OWE"), homeAp.modesSupported());
        assertEquals(2, homeAp.stations().size());
        WiFiAccessPoint guest = s.accessPoint("phy1-ap0").get();
        assertEquals(Optional.of(false), guest.ssidAdvertised());
        assertEquals(Optional.of("WPA2-Personal"), guest.securityMode());
        assertEquals(List.of("f0:18:98:ab:cd:ef"), guest.stations().stream().map(st -> st.macAddress()).toList());
    }

    @Test
    void a_refresh_is_one_batch_of_commands_and_what_does_not_change_is_read_once() throws Exception {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(router());
        OpenWrtWiFi wifi = wifi(router(), commands);
        wifi.refreshNow();
        assertEquals(List.of(
                "ubus call network.wireless status",
                "ubus call iwinfo info {\"device\":\"phy0-ap0\"}",
                "ubus call iwinfo freqlist {\"device\":\"phy0-ap0\"}",
                "ubus call iwinfo txpowerlist {\"device\":\"phy0-ap0\"}",
                "ubus call iwinfo assoclist {\"device\":\"phy0-ap0\"}",
                "ubus call iwinfo info {\"device\":\"phy1-ap0\"}",
                "ubus call iwinfo freqlist {\"device\":\"phy1-ap0\"}",
                "ubus call iwinfo txpowerlist {\"device\":\"phy1-ap0\"}",
                "ubus call iwinfo assoclist {\"device\":\"phy1-ap0\"}"), commands.ran());
        commands.clear();
        wifi.refreshNow();
        assertEquals(5, commands.ran().size(), "channel and power lists are the hardware's: read once");
        for (int i = 0; i < 100; i++) {
            wifi.state();
        }
        assertEquals(5, commands.ran().size(), "reads are answered from the snapshot");
    }

    @Test
    void nothing_runs_until_the_wifi_is_watched_and_then_it_is_read_on_the_platform_threads() throws Exception {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(router());
        OpenWrtWiFi wifi = wifi(router(), commands);
        assertTrue(wifi.writable().contains(dev.demarc.tr181.platform.WiFiSetting.Kind.CHANNEL),
                "the capability query needs no command");
        assertEquals(List.of(), commands.ran(), "a platform opened for its schema runs nothing");
        CountDownLatch read = new CountDownLatch(1);
        wifi.watch(read::countDown);
        assertTrue(read.await(20, TimeUnit.SECONDS));
        assertEquals(2, wifi.state().radios().size());
    }

    @Test
    void hostapd_gives_the_stations_when_iwinfo_cannot() throws Exception {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(router());
        commands.failWhen(argv -> argv.contains("assoclist"));
        OpenWrtWiFi wifi = wifi(router(), commands);
        wifi.refreshNow();
        WiFiAccessPoint home = wifi.state().accessPoint("phy0-ap0").get();
        assertEquals(List.of("3c:22:fb:1a:2b:3c", "a4:c3:f0:55:66:77"),
                home.stations().stream().map(st -> st.macAddress()).toList());
        assertFalse(home.station("a4:c3:f0:55:66:77").get().active());
        assertTrue(commands.ran().contains("ubus call hostapd.phy0-ap0 get_clients"));
    }

    @Test
    void without_a_wireless_configuration_there_is_no_wifi_and_no_command_runs(@TempDir Path empty) {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(empty);
        OpenWrtWiFi wifi = wifi(empty, commands);
        wifi.refreshNow();
        assertEquals(WiFiState.EMPTY, wifi.state());
        assertEquals(List.of(), commands.ran());
    }

    @Test
    void a_scan_runs_on_each_radio_and_gives_what_both_heard() throws Exception {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(router());
        OpenWrtWiFi wifi = wifi(router(), commands);
        wifi.refreshNow();
        List<WiFiNeighbor> heard = wifi.scanNeighbors().toCompletableFuture().get(20, TimeUnit.SECONDS).value();
        assertEquals(5, heard.size());
        assertEquals(List.of("radio0", "radio0", "radio0", "radio1", "radio1"), heard.stream().map(WiFiNeighbor::radio).toList());
        assertTrue(commands.ran().contains("ubus call iwinfo scan {\"device\":\"phy1-ap0\"}"));
    }

    @Test
    void a_station_event_from_hostapd_reads_the_stations_again_and_tells_the_watchers() throws Exception {
        WiFiFixtureCommands commands = new WiFiFixtureCommands(router());
        OpenWrtWiFi wifi = wifi(router(), commands);
        wifi.refreshNow();
        CountDownLatch changed = new CountDownLatch(1);
        wifi.watch(changed::countDown);
        commands.answer("ubus call iwinfo assoclist {\"device\":\"phy1-ap0\"}", "{\"results\": []}");
        wifi.stationEvent("{ \"probe\": {\"address\":\"11:22:33:44:55:66\"} }");
        wifi.stationEvent("{ \"disassoc\": {\"address\":\"f0:18:98:ab:cd:ef\"} }");
        assertTrue(changed.await(20, TimeUnit.SECONDS));
        assertEquals(List.of(), wifi.state().accessPoint("phy1-ap0").get().stations());
    }
}

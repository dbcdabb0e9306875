package dev.demarc.hal.openwrt.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiStation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The ubus parsers on the OpenWrt router's recorded output (fixtures/openwrt-router/commands). */
class UbusWiFiTest {

    static String recorded(String name) throws Exception {
        return Files.readString(Path.of(UbusWiFiTest.class.getResource("/fixtures/openwrt-router/commands/" + name).toURI()),
                StandardCharsets.UTF_8);
    }

    @Test
    void netifd_status_gives_each_radio_and_its_interfaces() throws Exception {
        var status = UbusWiFi.wirelessStatus(recorded("ubus call network.wireless status.txt")).value();
        assertEquals(List.of("radio0", "radio1"), List.copyOf(status.keySet()));
        assertTrue(status.get("radio1").up());
        assertEquals(List.of(new UbusWiFi.InterfaceStatus("guest_radio1", "phy1-ap0")), status.get("radio1").interfaces());
    }

    @Test
    void iwinfo_info_gives_channel_power_noise_and_modes() throws Exception {
        UbusWiFi.Info info = UbusWiFi.info(recorded("ubus call iwinfo info {\"device\":\"phy1-ap0\"}.txt")).value();
        assertEquals("phy1", info.phy());
        assertEquals(OptionalInt.of(36), info.channel());
        assertEquals(OptionalInt.of(5180), info.frequency());
        assertEquals(OptionalInt.of(20), info.txpowerDbm());
        assertEquals(OptionalInt.of(-96), info.noise());
        assertEquals("HE80", info.htmode());
        assertTrue(info.htmodes().contains("VHT160"));
        assertEquals("f4:92:bf:3a:10:03", info.bssid());
    }

    @Test
    void channels_and_power_levels_are_listed() throws Exception {
        List<UbusWiFi.Freq> freqs = UbusWiFi.freqlist(recorded("ubus call iwinfo freqlist {\"device\":\"phy1-ap0\"}.txt")).value();
        assertEquals(19, freqs.size());
        assertEquals(new UbusWiFi.Freq(36, 5180, false), freqs.get(0));
        assertTrue(freqs.get(4).restricted());
        assertEquals(24, UbusWiFi.txpowerlist(recorded("ubus call iwinfo txpowerlist {\"device\":\"phy1-ap0\"}.txt")).value().size());
    }

    @Test
    void assoclist_gives_each_station_with_signal_and_last_rates() throws Exception {
        List<WiFiStation> stations = UbusWiFi.assoclist(recorded("ubus call iwinfo assoclist {\"device\":\"phy0-ap0\"}.txt")).value();
        assertEquals(List.of(
                new WiFiStation("3c:22:fb:1a:2b:3c", OptionalInt.of(-48), OptionalLong.of(286800), OptionalLong.of(143400), true),
                new WiFiStation("a4:c3:f0:55:66:77", OptionalInt.of(-71), OptionalLong.of(39000), OptionalLong.of(26000), true)),
                stations);
    }

    @Test
    void hostapd_clients_give_the_same_stations_and_whether_they_are_authorized() throws Exception {
        List<WiFiStation> stations = UbusWiFi.hostapdClients(recorded("ubus call hostapd.phy0-ap0 get_clients.txt")).value();
        assertEquals(2, stations.size());
        assertEquals(new WiFiStation("3c:22:fb:1a:2b:3c", OptionalInt.of(-48), OptionalLong.of(286800),
                OptionalLong.of(143400), true), stations.get(0));
        assertFalse(stations.get(1).active(), "not authorized yet");
    }

    @Test
    void a_scan_gives_each_network_in_tr181_terms() throws Exception {
        List<WiFiNeighbor> heard = UbusWiFi.scan(recorded("ubus call iwinfo scan {\"device\":\"phy0-ap0\"}.txt"), "radio0").value();
        assertEquals(3, heard.size());
        assertEquals(new WiFiNeighbor("radio0", "Nachbar-WLAN", "a0:b5:49:11:22:33", Optional.of("Infrastructure"),
                OptionalInt.of(1), OptionalInt.of(-62), Optional.of("WPA2"), Optional.of("2.4GHz"), Optional.of("20MHz"),
                OptionalInt.empty()), heard.get(0));
        assertEquals(Optional.of("WPA2-PSK-WPA3-SAE"), heard.get(1).securityMode());
        assertEquals(Optional.of("40MHz"), heard.get(1).bandwidth());
        assertEquals(Optional.of("None"), heard.get(2).securityMode());
        List<WiFiNeighbor> five = UbusWiFi.scan(recorded("ubus call iwinfo scan {\"device\":\"phy1-ap0\"}.txt"), "radio1").value();
        assertEquals(Optional.of("80MHz"), five.get(0).bandwidth());
        assertEquals(Optional.of("WPA2-Enterprise"), five.get(1).securityMode());
        assertEquals(Optional.of("5GHz"), five.get(1).band());
    }

    @Test
    void output_that_is_not_json_is_an_error_naming_the_command() throws IOException {
        assertTrue(UbusWiFi.assoclist("Command failed: Not found").error().message().startsWith("iwinfo assoclist"));
    }
}

package dev.demarc.hal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.hal.FixtureTrees;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.IdentitySources;
import dev.demarc.hal.linux.KeyValueFile;
import dev.demarc.hal.linux.LinuxDeviceInfo;
import dev.demarc.hal.linux.LinuxIdentity;
import dev.demarc.hal.openwrt.OpenWrtIdentity;
import dev.demarc.tr181.platform.DeviceIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who the device is, read from an OpenWrt router's and a Debian box's files. */
class DeviceIdentityTest {

    @TempDir
    Path tmp;

    @Test
    void an_openwrt_router_is_known_by_its_board_files_and_label_mac() {
        Fixtures.Recorded ubus = new Fixtures.Recorded(Map.of());
        DeviceIdentity id = OpenWrtIdentity.read(FixtureTrees.files("openwrt-router"), ubus);
        assertEquals(new DeviceIdentity("Xiaomi", "50642B", "Xiaomi Mi Router 4A Gigabit Edition",
                "OpenWrt 23.05.3 r23809-234f1a2efa on Xiaomi Mi Router 4A Gigabit Edition",
                "xiaomi,mi-router-4a-gigabit", "50642B1A2B3C", "", "23.05.3 r23809-234f1a2efa"), id);
        assertEquals(List.of(), ubus.ran, "the sysinfo files are enough: no ubus");
    }

    @Test
    void without_sysinfo_files_the_board_comes_from_ubus() throws IOException {
        Path root = tmp.resolve("router");
        Files.createDirectories(root.resolve("etc"));
        Files.copy(FixtureTrees.tree("openwrt-router").resolve("etc/openwrt_release"), root.resolve("etc/openwrt_release"));
        Fixtures.Recorded ubus = new Fixtures.Recorded(Map.of(List.of("ubus", "call", "system", "board"),
                Fixtures.recorded("openwrt-router", "ubus_call_system_board.txt")));
        DeviceIdentity id = OpenWrtIdentity.read(new SystemFiles(root), ubus);
        assertEquals("Xiaomi Mi Router 4A Gigabit Edition", id.modelName());
        assertEquals("xiaomi,mi-router-4a-gigabit", id.productClass());
        assertEquals("Xiaomi", id.manufacturer());
        assertEquals("", id.serialNumber(), "no label MAC and no port: no serial number");
        assertEquals(1, ubus.ran.size());
    }

    @Test
    void a_debian_box_is_known_by_dmi_and_os_release_placeholders_left_out() {
        DeviceIdentity id = LinuxIdentity.read(FixtureTrees.files("debian-box"));
        assertEquals(new DeviceIdentity("Protectli", "", "VP2410", "Debian GNU/Linux 12 (bookworm) on VP2410",
                "VP2410", "VP2410-A7C3D9", "1.0", "12"), id,
                "product_family 'Default string' and board_serial 'To be filled by O.E.M.' are placeholders");
    }

    @Test
    void without_a_serial_number_the_first_physical_ports_mac_gives_one_and_the_oui() throws IOException {
        Path root = tmp.resolve("box");
        port(root, "eth0", "02:42:ac:11:00:02", false, false);
        port(root, "eth1", "00:0d:b9:4a:11:20", true, false);
        port(root, "eth2", "00:0d:b9:4a:11:21", true, false);
        port(root, "wlan0", "00:0d:b9:4a:11:99", true, true);
        DeviceIdentity id = LinuxIdentity.read(new SystemFiles(root));
        assertEquals("000DB94A1120", id.serialNumber(), "eth0 is virtual; eth1 is the first physical port");
        assertEquals("000DB9", id.oui());
        assertEquals("", id.manufacturer());
        assertEquals("", id.modelName());
    }

    @Test
    void a_locally_administered_mac_gives_a_serial_number_but_no_oui() throws IOException {
        Path root = tmp.resolve("vm");
        port(root, "ens3", "52:54:00:12:34:56", true, false);
        DeviceIdentity id = LinuxIdentity.read(new SystemFiles(root));
        assertEquals("525400123456", id.serialNumber());
        assertEquals("", id.oui(), "a locally administered address names no maker");
    }

    @Test
    void a_board_from_the_device_tree() throws IOException {
        Path root = tmp.resolve("pi");
        Files.createDirectories(root.resolve("proc/device-tree"));
        Files.writeString(root.resolve("proc/device-tree/model"), "Raspberry Pi 4 Model B Rev 1.4\0");
        Files.writeString(root.resolve("proc/device-tree/serial-number"), "10000000a3c2b1e0\0");
        Files.writeString(root.resolve("proc/device-tree/compatible"), "raspberrypi,4-model-b\0brcm,bcm2711\0");
        DeviceIdentity id = LinuxIdentity.read(new SystemFiles(root));
        assertEquals("Raspberry Pi", id.manufacturer());
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", id.modelName());
        assertEquals("raspberrypi,4-model-b", id.productClass());
        assertEquals("10000000a3c2b1e0", id.serialNumber());
    }

    @Test
    void the_maker_is_the_models_first_words_that_spell_the_board_vendor() {
        assertEquals(Optional.of("TP-Link"), IdentitySources.makerOf("TP-Link Archer C7 v5", "tplink"));
        assertEquals(Optional.of("GL.iNet"), IdentitySources.makerOf("GL.iNet GL-MT300N-V2", "glinet"));
        assertEquals(Optional.of("Raspberry Pi"), IdentitySources.makerOf("Raspberry Pi 4 Model B", "raspberrypi"));
        assertEquals(Optional.of("acme"), IdentitySources.makerOf("Some Board 2", "acme"));
        assertEquals(Optional.of("Linksys"), IdentitySources.makerOf("Linksys WRT3200ACM", ""));
        assertEquals(Optional.of("linksys"), IdentitySources.makerOf("", "linksys"));
    }

    @Test
    void shell_style_release_files_are_read_with_their_quotes() {
        Map<String, String> kv = KeyValueFile.parse("""
                # comment
                A='one two'
                B="say \\"hi\\" \\$HOME"
                C=bare
                not a line
                """);
        assertEquals(Map.of("A", "one two", "B", "say \"hi\" $HOME", "C", "bare"), kv);
    }

    @Test
    void up_time_is_procs_then_counts_on_the_monotonic_clock() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        LinuxDeviceInfo info = new LinuxDeviceInfo(DeviceIdentity.unknown(), FixtureTrees.files("openwrt-router"), nanos::get);
        assertEquals(4380, info.upTimeSeconds());
        nanos.addAndGet(61_000_000_000L);
        assertEquals(4441, info.upTimeSeconds());
        assertEquals("0001-01-01T00:00:00Z", info.firstUseDate(), "no first use is known: the Unknown Time");
        assertTrue(new LinuxDeviceInfo(DeviceIdentity.unknown(), new SystemFiles(tmp), nanos::get).upTimeSeconds() >= 0);
    }

    private static void port(Path root, String name, String mac, boolean physical, boolean wireless) throws IOException {
        Path dir = root.resolve("sys/class/net").resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("address"), mac + "\n");
        Files.writeString(dir.resolve("type"), "1\n");
        if (physical) {
            Files.createDirectories(dir.resolve("device"));
        }
        if (wireless) {
            Files.createDirectories(dir.resolve("wireless"));
        }
    }
}

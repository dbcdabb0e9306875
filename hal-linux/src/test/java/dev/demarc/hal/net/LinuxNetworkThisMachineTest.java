package dev.demarc.hal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.model.ObjectValues;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxPlatform;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A Get of {@code Device.} on this machine, read-only, on the generic Linux platform: its real
 * interfaces, those in {@code /sys/class/net}, with sane values, and no process started by the
 * Get itself (the platform read the network once, at its start).
 */
class LinuxNetworkThisMachineTest {

    private static final Set<String> STATUSES =
            Set.of("Up", "Down", "Unknown", "Dormant", "NotPresent", "LowerLayerDown", "Error");

    @Test
    void a_get_of_device_shows_the_interfaces_in_sys_class_net() {
        SystemFiles files = SystemFiles.device();
        List<String> netdevs = files.list("/sys/class/net");
        Assumptions.assumeFalse(netdevs.isEmpty(), "skipped: no /sys/class/net here");
        Assumptions.assumeTrue(SystemCommandRunner.standard().run(List.of("ip", "-j", "link", "show")).isOk(),
                "skipped: iproute2 with JSON output (ip -j) is not installed");
        SystemCommandRunner runner = SystemCommandRunner.standard();
        try (LinuxPlatform platform = new LinuxPlatform(files, runner)) {
            NetworkModel m = new NetworkModel(platform);
            long before = runner.started();
            List<ObjectValues> all = m.model.get("Device.", 0).value();
            assertEquals(before, runner.started(), "a Get of Device. starts no process");

            Set<String> named = new HashSet<>();
            for (ObjectValues o : all) {
                Map<String, String> v = o.parameters();
                if (o.path().matches("Device\\.(IP\\.Interface|Ethernet\\.Interface|Bridging\\.Bridge\\.\\d+\\.Port)\\.\\d+\\.")) {
                    named.add(v.get("Name"));
                    assertTrue(STATUSES.contains(v.get("Status")), o.path() + "Status " + v.get("Status"));
                    assertTrue(v.get("Enable").equals("true") || v.get("Enable").equals("false"));
                }
                if (o.path().matches("Device\\.Ethernet\\.Interface\\.\\d+\\.")) {
                    assertTrue(v.get("MACAddress").matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), v.toString());
                    assertTrue(Long.parseLong(v.get("CurrentBitRate")) >= 0);
                }
                if (o.path().matches("Device\\.IP\\.Interface\\.\\d+\\.Stats\\.")) {
                    assertTrue(Long.parseLong(v.get("BytesReceived")) >= 0 && Long.parseLong(v.get("PacketsSent")) >= 0);
                }
                if (o.path().matches("Device\\.IP\\.Interface\\.\\d+\\.IPv4Address\\.\\d+\\.")) {
                    assertTrue(v.get("IPAddress").matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), v.toString());
                    assertTrue(v.get("SubnetMask").matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), v.toString());
                }
            }
            assertTrue(named.containsAll(netdevs), "every netdev of /sys/class/net " + netdevs + " is in the model: " + named);
            if (netdevs.contains("lo")) {
                String lo = m.one("Device.IP.Interface.[Name==\"lo\"].");
                assertEquals("Loopback", m.read(lo + "Type"));
                assertEquals("127.0.0.1", m.read(m.one(lo + "IPv4Address.[IPAddress==\"127.0.0.1\"].") + "IPAddress"));
            }
        }
    }
}

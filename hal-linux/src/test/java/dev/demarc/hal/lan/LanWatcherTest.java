package dev.demarc.hal.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.model.ModelEvent;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.DnsmasqLeases;
import dev.demarc.hal.linux.LanWatcher;
import dev.demarc.hal.openwrt.OpenWrtLan;
import dev.demarc.hal.openwrt.UciPackage;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts appearing and leaving, pushed: the neighbour monitor's lines (a scripted monitor process
 * that prints what {@code ip monitor neigh} prints) and the lease file (changed on disk, seen by
 * the poll) reach the model as ObjectCreation and ObjectDeletion without a Get.
 */
class LanWatcherTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService pool = PlatformThreads.newPool("test");
    private LanWatcher watcher;

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
        pool.shutdownNow();
    }

    private LanWatcher watcher(Path root, List<String> monitor) {
        SystemFiles files = new SystemFiles(root);
        UciPackage network = UciPackage.parse("network", files.read("/etc/config/network").orElseThrow());
        UciPackage dhcp = UciPackage.parse("dhcp", files.read("/etc/config/dhcp").orElseThrow());
        UciPackage firewall = UciPackage.parse("firewall", files.read("/etc/config/firewall").orElseThrow());
        return new LanWatcher(files, new FixtureCommands(root), pool, DnsmasqLeases.OPENWRT_FILE,
                () -> OpenWrtLan.config(network, dhcp, firewall), Clock.systemUTC(), monitor);
    }

    private static Platform with(LanPlatform lan) {
        DeviceInfoPlatform info = new StaticDeviceInfo(DeviceIdentity.unknown());
        return new Platform() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public DeviceInfoPlatform deviceInfo() {
                return info;
            }

            @Override
            public LanPlatform lan() {
                return lan;
            }
        };
    }

    @Test
    void a_host_the_neighbour_monitor_reports_is_created_and_its_deletion_deleted() throws Exception {
        Path root = Fixtures.copy(Fixtures.OPENWRT, dir);
        watcher = watcher(root, List.of("sh", "-c",
                "sleep 1; echo '192.168.1.44 dev br-lan lladdr 02:11:22:33:44:55 REACHABLE';"
                        + " echo '192.168.1.45 dev wan lladdr 02:11:22:33:44:66 REACHABLE';"
                        + " sleep 1; echo 'Deleted 192.168.1.153 dev br-lan lladdr a4:83:e7:4b:5c:6d STALE'; sleep 600"));
        watcher.start();
        ModelOnPlatform m = new ModelOnPlatform(with(watcher));
        assertEquals("3", m.read("Device.Hosts.HostNumberOfEntries"));
        m.events.clear();
        watcher.follow();

        ModelOnPlatform.await("the new host", () -> {
            m.drain();
            return m.events.stream().anyMatch(e -> e instanceof ModelEvent.ObjectCreated c && c.path().equals("Device.Hosts.Host.4."));
        });
        assertTrue(m.events.contains(new ModelEvent.ObjectCreated("Device.Hosts.Host.4.",
                Map.of("PhysAddress", "02:11:22:33:44:55"))), m.events.toString());
        assertEquals("192.168.1.44", m.read("Device.Hosts.Host.4.IPAddress"));
        assertEquals("lan", watcher.snapshot().host("02:11:22:33:44:55").get().ipInterface());
        assertTrue(watcher.snapshot().host("02:11:22:33:44:66").isEmpty(), "the WAN's neighbours are no hosts");

        // The phone's only neighbour entry is gone, but its lease holds: it stays, inactive.
        ModelOnPlatform.await("the phone inactive", () -> {
            m.drain();
            return m.events.contains(new ModelEvent.ValueChanged("Device.Hosts.Host.2.Active", "false"));
        });
        assertFalse(m.read("Device.Hosts.Host.2.ActiveLastChange").startsWith("0001"), "dated now");
    }

    @Test
    void a_lease_written_to_the_lease_file_is_seen_by_the_poll() throws Exception {
        Path root = Fixtures.copy(Fixtures.OPENWRT, dir);
        watcher = watcher(root, List.of("sleep", "600"));
        watcher.start();
        ModelOnPlatform m = new ModelOnPlatform(with(watcher));
        assertEquals("3", m.read("Device.Hosts.HostNumberOfEntries"));
        assertEquals("3", m.read("Device.DHCPv4.Server.Pool.1.ClientNumberOfEntries"));
        watcher.follow();

        Files.writeString(root.resolve("tmp/dhcp.leases"),
                "4102444800 58:11:22:aa:bb:01 192.168.1.171 laptop 01:58:11:22:aa:bb:01\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        m.events.clear();
        ModelEvent host = new ModelEvent.ObjectCreated("Device.Hosts.Host.4.", Map.of("PhysAddress", "58:11:22:aa:bb:01"));
        ModelEvent client = new ModelEvent.ObjectCreated("Device.DHCPv4.Server.Pool.1.Client.4.",
                Map.of("Chaddr", "58:11:22:aa:bb:01", "Alias", "cpe-4"));
        ModelOnPlatform.await("the laptop's host and DHCP client", () -> {
            m.drain();
            return m.events.contains(host) && m.events.contains(client);
        });
        assertEquals("laptop", m.read("Device.Hosts.Host.4.HostName"));
        assertEquals("false", m.read("Device.Hosts.Host.4.Active"), "a lease without a neighbour entry is not active");
    }
}

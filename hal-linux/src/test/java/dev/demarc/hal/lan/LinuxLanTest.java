package dev.demarc.hal.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.hal.FixtureTrees;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LanHosts;
import dev.demarc.hal.linux.LinuxLanConfig;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.hal.linux.Neighbour;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.LanHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Linux platform's LAN and time: on the Debian fixture (a router), and on this machine for
 * real, read-only (the neighbour table and the time zone as they are).
 */
class LinuxLanTest {

    @Test
    void a_debian_router_lists_its_lan_neighbours_and_leases_not_its_upstream() {
        LinuxPlatform p = new LinuxPlatform(FixtureTrees.files(Fixtures.DEBIAN), new FixtureCommands(FixtureTrees.tree(Fixtures.DEBIAN)), false);
        try {
            ModelOnPlatform m = new ModelOnPlatform(p);
            assertEquals("3", m.read("Device.Hosts.HostNumberOfEntries"));
            assertEquals(List.of("00:1b:21:3a:4f:5e", "52:54:00:9a:bc:de", "f0:de:f1:12:34:56"),
                    p.lan().snapshot().hosts().stream().map(LanHost::physAddress).toList());
            LanHost thinkpad = p.lan().snapshot().host("f0:de:f1:12:34:56").get();
            assertEquals(List.of("2001:db8:10::77"), thinkpad.ipv6Addresses());
            assertEquals("enp2s0", thinkpad.ipInterface());
            assertEquals("enp2s0", thinkpad.port(), "a host behind a plain Ethernet device is on that device");
            assertEquals("thinkpad-jo", m.read("Device.Hosts.Host.3.HostName"));
            assertEquals("Device.DHCPv4.Server.Pool.1.Client.2", m.read("Device.Hosts.Host.3.DHCPClient"));
            assertEquals("", m.read("Device.Hosts.Host.2.HostName"), "no lease, no name");
            assertEquals("192.168.10.50", m.read("Device.DHCPv4.Server.Pool.1.MinAddress"));
            assertEquals("Europe/Berlin", p.time().snapshot().zoneName());
            assertEquals("ntp1.office.example,ntp2.office.example", m.read("Device.Time.Client.1.Servers"));
            assertEquals("Synchronized", m.read("Device.Time.Status"));
            assertEquals("0", m.read("Device.NAT.PortMappingNumberOfEntries"));
        } finally {
            p.close();
        }
    }

    @Test
    void generic_linux_declares_its_lan_nat_and_time_read_only() {
        LinuxPlatform p = new LinuxPlatform(FixtureTrees.files(Fixtures.DEBIAN), new FixtureCommands(FixtureTrees.tree(Fixtures.DEBIAN)), false);
        try {
            Schema schema = Tr181Model.schema(p);
            ObjectDef mapping = schema.object("Device.NAT.PortMapping.{i}.").get();
            assertFalse(mapping.creatable());
            assertTrue(mapping.parameters().stream().noneMatch(d -> d.access() == Access.READ_WRITE), "no port mapping writes");
            assertFalse(schema.object("Device.DHCPv4.Server.Pool.{i}.").get().creatable());
            assertEquals(Access.READ_ONLY, schema.object("Device.DHCPv4.Server.Pool.{i}.").get().parameter("LeaseTime").get().access());
            assertEquals(Access.READ_ONLY, schema.object("Device.Time.").get().parameter("LocalTimeZone").get().access());
            assertEquals(Access.READ_ONLY, schema.object("Device.Time.Client.{i}.").get().parameter("Servers").get().access());
            ModelOnPlatform m = new ModelOnPlatform(p);
            assertEquals(ErrorCode.PARAMETER_READ_ONLY, m.set("Device.Time.Enable", "false").get().code());
            assertEquals(ErrorCode.OBJECT_NOT_CREATABLE, m.add("Device.NAT.PortMapping.", Map.of()).error().code());
        } finally {
            p.close();
        }
    }

    @Test
    void this_machine_shows_its_real_neighbours_and_time_zone() {
        SystemCommandRunner runner = SystemCommandRunner.standard();
        SystemFiles device = SystemFiles.device();
        LinuxPlatform p = new LinuxPlatform(device, runner, false);
        try {
            ModelOnPlatform m = new ModelOnPlatform(p);
            long before = runner.started();
            assertTrue(m.model.get("Device.", 0).isOk());
            assertEquals(before, runner.started(), "a Get of Device. starts no process: it reads the snapshots");

            // The hosts are what the kernel's table says, read again here: the LAN's unicast entries.
            var table = Neighbour.parseJson(runner.run(List.of("ip", "-j", "neigh")).value()).value();
            Set<String> expected = new TreeSet<>();
            var config = LinuxLanConfig.read(device);
            for (LanHost h : LanHosts.assemble(table, List.of(), config, LanHosts.DeviceKinds.NONE, Map.of(), null, Instant.now())) {
                expected.add(h.physAddress());
            }
            Set<String> shown = new TreeSet<>();
            int n = Integer.parseInt(m.read("Device.Hosts.HostNumberOfEntries"));
            for (int i = 1; i <= n; i++) {
                shown.add(m.read("Device.Hosts.Host." + i + ".PhysAddress"));
            }
            // A neighbour may come or go between the two reads: compare when the table was still.
            if (table.equals(Neighbour.parseJson(runner.run(List.of("ip", "-j", "neigh")).value()).value())) {
                assertEquals(expected, shown);
            }

            String zone = device.readLine("/etc/timezone").orElse("");
            if (!zone.isEmpty()) {
                assertEquals(zone, p.time().snapshot().zoneName());
            }
            if (Files.isSymbolicLink(Path.of("/etc/localtime"))) {
                assertFalse(m.read("Device.Time.LocalTimeZone").isEmpty(), "the zone file's POSIX TZ is read");
            }
            assertTrue(m.read("Device.Time.CurrentLocalTime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"));
        } finally {
            p.close();
        }
    }
}

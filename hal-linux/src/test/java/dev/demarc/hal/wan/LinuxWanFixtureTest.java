package dev.demarc.hal.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxWan;
import dev.demarc.hal.linux.LinuxWanReader;
import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import dev.demarc.tr181.platform.WanWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Debian box's WAN side: DHCP on enp1s0 from a systemd-networkd lease, systemd-resolved. */
class LinuxWanFixtureTest {

    private static final Path DEBIAN = RecordedCommands.fixture("debian-box");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void the_debian_box_reads_as_a_dhcp_wan_with_its_routes_and_resolvers() throws Exception {
        RecordedCommands commands = new RecordedCommands(DEBIAN);
        Instant leaseWritten = Files.getLastModifiedTime(DEBIAN.resolve("run/systemd/netif/leases/2")).toInstant();
        Clock clock = Clock.fixed(leaseWritten.plusSeconds(600), ZoneOffset.UTC);
        LinuxWanReader.Reading reading = new LinuxWanReader(new SystemFiles(DEBIAN), commands, clock).read();
        WanState s = reading.state();

        assertEquals(new WanInterface("enp1s0", "enp1s0", true, "198.51.100.23", "198.51.100.1",
                List.of("198.51.100.53", "198.51.100.54"), Optional.empty()), s.wan());
        assertTrue(s.routing());
        assertEquals(List.of(new DhcpV4ClientState("enp1s0", true, DhcpV4ClientState.Status.ENABLED,
                DhcpV4ClientState.DhcpStatus.BOUND, "198.51.100.23", "255.255.255.0", List.of("198.51.100.1"),
                List.of("198.51.100.53", "198.51.100.54"), "198.51.100.2", Optional.of(leaseWritten.plusSeconds(86400)))),
                s.dhcpClients(), "the old dhclient lease of enp2s0, whose address it no longer has, is no client");
        assertEquals(Optional.of(85800L), s.dhcpClients().get(0).leaseSecondsRemaining(clock.instant()));
        assertEquals(Map.of("enp1s0", LinuxWanReader.LeaseSource.NETWORKD), reading.leaseSources());
        assertEquals(List.of(), s.ppp());
        assertEquals(5, s.ipv4Routes().size());
        assertEquals(Ipv4RouteState.Origin.DHCPV4, s.ipv4Routes().get(0).origin());
        assertEquals(5, s.ipv6Routes().size());
        assertTrue(s.dnsEnabled());
        assertEquals(List.of(new DnsServerState("198.51.100.53", "enp1s0", DnsServerState.Type.DHCPV4),
                        new DnsServerState("198.51.100.54", "enp1s0", DnsServerState.Type.DHCPV4),
                        new DnsServerState("fe80::1", "enp1s0", DnsServerState.Type.STATIC),
                        new DnsServerState("9.9.9.9", "", DnsServerState.Type.STATIC)),
                s.dnsServers(), "systemd-resolved's upstream servers, not its 127.0.0.53 stub");
        assertEquals(List.of(List.of("ip", "-j", "-4", "route", "show", "table", "main"),
                List.of("ip", "-j", "-6", "route", "show", "table", "main")), commands.ran(),
                "one read runs two processes");
    }

    @Test
    void a_networkd_lease_is_renewed_with_networkctl_and_others_are_refused() throws Exception {
        RecordedCommands commands = new RecordedCommands(DEBIAN, argv -> Result.ok(""));
        ScheduledExecutorService pool = PlatformThreads.newPool("test");
        try (LinuxWan wan = new LinuxWan(new SystemFiles(DEBIAN), commands, pool, Clock.systemUTC()).start()) {
            assertEquals(Set.of(WanWrite.DHCP_CLIENT_RENEW), wan.writes());
            assertEquals(Optional.empty(), wan.renewDhcpClient("enp1s0"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!commands.ran().contains(List.of("networkctl", "renew", "enp1s0")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(commands.ran().contains(List.of("networkctl", "renew", "enp1s0")));
            assertEquals("enp2s0 holds no DHCPv4 lease", wan.renewDhcpClient("enp2s0").orElseThrow().message());
            assertTrue(wan.setDhcpClientEnable("enp1s0", false).isPresent(), "generic Linux does not start and stop clients");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_device_without_leases_or_iproute2_has_an_empty_wan_side() {
        LinuxWanReader.Reading reading = new LinuxWanReader(new SystemFiles(DEBIAN.resolve("nonexistent")),
                new RecordedCommands(DEBIAN.resolve("nonexistent")), Clock.fixed(NOW, ZoneOffset.UTC)).read();
        assertEquals(WanState.EMPTY, reading.state());
    }
}

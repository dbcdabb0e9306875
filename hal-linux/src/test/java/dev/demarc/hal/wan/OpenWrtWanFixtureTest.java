package dev.demarc.hal.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.openwrt.OpenWrtWan;
import dev.demarc.hal.openwrt.OpenWrtWanReader;
import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Ipv6RouteState;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenWrt router's WAN side: DHCP on wan (the wan port), DHCPv6 on wan6, PPPoE configured but down. */
class OpenWrtWanFixtureTest {

    private static final Path OPENWRT = RecordedCommands.fixture("openwrt-router");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static WanState read(Clock clock, WanState previous) {
        return new OpenWrtWanReader(new SystemFiles(OPENWRT), new RecordedCommands(OPENWRT), clock,
                ByteOrder.LITTLE_ENDIAN).read(previous);
    }

    @Test
    void the_router_reads_as_a_dhcp_wan_with_pppoe_configured_but_down() {
        WanState s = read(Clock.fixed(NOW, ZoneOffset.UTC), WanState.EMPTY);

        assertEquals(new WanInterface("wan", "wan", true, "203.0.113.45", "203.0.113.1",
                List.of("203.0.113.53", "198.51.100.53"), Optional.of(NOW.minusSeconds(86012))), s.wan());
        assertEquals(List.of(new DhcpV4ClientState("wan", true, DhcpV4ClientState.Status.ENABLED,
                DhcpV4ClientState.DhcpStatus.BOUND, "203.0.113.45", "255.255.255.0", List.of("203.0.113.1"),
                List.of("203.0.113.53", "198.51.100.53"), "203.0.113.1", Optional.of(NOW.plusSeconds(86400 - 42812)))),
                s.dhcpClients(), "up 86012 s, renewed at half the lease each time: the last renewal was 42812 s ago");
        assertEquals(List.of(new PppInterfaceState("wanppp", "pppoe-wanppp", "wan", false,
                PppInterfaceState.Status.DOWN, PppInterfaceState.ConnectionStatus.DISCONNECTED, "home1234@isp.example",
                0, "", "", List.of(), Optional.empty(), Optional.empty())), s.ppp());
        assertEquals(List.of(
                new Ipv4RouteState("0.0.0.0", 0, "203.0.113.1", "wan", Ipv4RouteState.Origin.DHCPV4, 0, false),
                new Ipv4RouteState("203.0.113.0", 24, "", "wan", Ipv4RouteState.Origin.STATIC, 0, false),
                new Ipv4RouteState("192.168.1.0", 24, "", "lan", Ipv4RouteState.Origin.STATIC, 0, false)),
                s.ipv4Routes());
        assertEquals(new Ipv6RouteState("::/0", "fe80::1", "wan6", Ipv6RouteState.Origin.RA, 512, Optional.empty()),
                s.ipv6Routes().get(0), "the IPv6 routes of the wan port belong to wan6, the interface with IPv6 on it");
        assertEquals("lan", s.ipv6Routes().get(2).interfaceKey());
        assertEquals(List.of(new DnsServerState("203.0.113.53", "wan", DnsServerState.Type.DHCPV4),
                new DnsServerState("198.51.100.53", "wan", DnsServerState.Type.DHCPV4),
                new DnsServerState("2001:db8:100::53", "wan6", DnsServerState.Type.DHCPV6)), s.dnsServers());
    }

    @Test
    void the_lease_end_estimated_from_the_up_time_holds_from_one_read_to_the_next() {
        WanState first = read(Clock.fixed(NOW, ZoneOffset.UTC), WanState.EMPTY);
        // A second later, the dump says the same up time (netifd counts in whole seconds): the
        // estimate moves by a second, and is kept as it was.
        WanState second = read(Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC), first);
        assertEquals(first, second);
    }

    @Test
    void writes_go_through_uci_and_netifd_and_hide_the_password(@TempDir Path scratch) throws Exception {
        ScheduledExecutorService pool = PlatformThreads.newPool("test");
        List<String> batches = new CopyOnWriteArrayList<>();
        RecordedCommands commands = new RecordedCommands(OPENWRT, argv -> {
            if (argv.size() == 4 && argv.get(1).equals("-f") && argv.get(3).equals("batch")) {
                Path file = Path.of(argv.get(2));
                try {
                    batches.add(Files.readString(file) + " mode " + PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(file)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return batches.get(batches.size() - 1).contains("bad-secret")
                        ? Result.err(ErrorCode.INTERNAL_ERROR, String.join(" ", argv) + ": exit status 1")
                        : Result.ok("");
            }
            return Result.ok("");
        });
        try (OpenWrtWan wan = new OpenWrtWan(new SystemFiles(OPENWRT), commands, pool, Clock.systemUTC(),
                ByteOrder.LITTLE_ENDIAN, scratch).start()) {
            assertEquals(Optional.empty(), wan.setDhcpClientEnable("wan", false));
            assertEquals(Optional.empty(), wan.setPppUsername("wanppp", "other@isp.example"));
            assertEquals(Optional.empty(), wan.setPppEnable("wanppp", true));
            List<List<String>> ran = commands.ran();
            assertTrue(ran.containsAll(List.of(
                    List.of("uci", "set", "network.wan.auto=0"), List.of("uci", "commit", "network"),
                    List.of("ubus", "call", "network.interface.wan", "down"),
                    List.of("uci", "set", "network.wanppp.username=other@isp.example"),
                    List.of("uci", "set", "network.wanppp.auto=1"),
                    List.of("ubus", "call", "network.interface.wanppp", "up"))), ran.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!commands.ran().contains(List.of("ubus", "call", "network", "reload")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(commands.ran().contains(List.of("ubus", "call", "network", "reload")), "the new user name is applied");

            assertEquals(Optional.empty(), wan.setPppPassword("wanppp", "good-secret"));
            assertEquals("set network.wanppp.password='good-secret'\n mode rw-------", batches.get(0));
            String refused = wan.setPppPassword("wanppp", "bad-secret").orElseThrow().message();
            assertFalse(refused.contains("bad-secret"), refused);
            assertEquals("setting password failed", refused);
            assertTrue(commands.ran().stream().flatMap(List::stream).noneMatch(arg -> arg.contains("secret")),
                    "no password on a command line: " + commands.ran());
            try (var left = Files.list(scratch)) {
                assertEquals(0, left.count(), "the batch files are deleted");
            }
            assertTrue(wan.setPppUsername("wan", "x").isPresent(), "wan is no PPP interface");
            assertTrue(wan.setPppUsername("wanppp", "line\nbreak").isPresent());
            assertTrue(wan.renewDhcpClient("wan").isEmpty());
            assertTrue(wan.renewDhcpClient("wanppp").isPresent());
        } finally {
            pool.shutdownNow();
        }
    }
}

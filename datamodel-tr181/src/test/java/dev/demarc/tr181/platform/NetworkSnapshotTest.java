package dev.demarc.tr181.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkSnapshotTest {

    @ParameterizedTest
    @CsvSource({
            "2001:0DB8:0:0:0:0:0:1, 2001:db8::1",
            "::, ::",
            "::1, ::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
            "fe80::5054:ff:fe12:3401, fe80::5054:ff:fe12:3401",
            "::ffff:192.0.2.1, ::ffff:c000:201",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6"})
    void ipv6_addresses_are_kept_in_rfc_5952_form(String given, String canonical) {
        assertEquals(canonical, Ipv6Text.canonical(given));
    }

    @Test
    void a_prefix_has_its_host_bits_cleared() {
        assertEquals("2001:db8:51::/64", Ipv6Text.prefix("2001:db8:51:0:5054:ff:fe12:3401", 64));
        assertEquals("2001:db8:4a00::/56", new Ipv6Prefix("2001:db8:4a00:10::/56", Ipv6Prefix.Origin.STATIC,
                NetworkSnapshot.INFINITE, NetworkSnapshot.INFINITE).prefix());
        assertEquals("2001:db8:8000::/33", Ipv6Text.prefix("2001:db8:ffff::1", 33));
        assertEquals("::/0", Ipv6Text.prefix("2001:db8::1", 0));
    }

    @ParameterizedTest
    @CsvSource({"not-an-address", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0"})
    void what_is_not_an_ipv6_address_is_refused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv6Text.canonical(text));
    }

    @ParameterizedTest
    @CsvSource({"24, 255.255.255.0", "0, 0.0.0.0", "32, 255.255.255.255", "20, 255.255.240.0", "1, 128.0.0.0"})
    void the_subnet_mask_of_a_prefix_length(int length, String mask) {
        assertEquals(mask, new Ipv4Address("10.0.0.1", length, Ipv4Address.Origin.STATIC).subnetMask());
    }

    @Test
    void records_refuse_what_the_model_could_not_serve() {
        assertThrows(IllegalArgumentException.class, () -> link("", LinkKind.ETHERNET, ""));
        assertThrows(IllegalArgumentException.class, () -> link("a-name-longer-than-sixty-four-characters-"
                + "is-not-a-tr181-interface-name", LinkKind.ETHERNET, ""));
        assertThrows(IllegalArgumentException.class, () -> new Link("eth0", 1, LinkKind.ETHERNET, "AA:BB:CC:DD:EE:FF",
                true, OperState.UP, true, 1500, -1, Duplex.UNKNOWN, false, "", "", 0, LinkStats.ZERO, List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Address("300.1.1.1", 24, Ipv4Address.Origin.STATIC));
        assertThrows(IllegalArgumentException.class,
                () -> new NetworkSnapshot(List.of(link("eth0", LinkKind.ETHERNET, ""), link("eth0", LinkKind.OTHER, "")),
                        List.of()));
    }

    @Test
    void the_same_state_leaves_counters_and_times_aside() {
        Link a = link("eth0", LinkKind.ETHERNET, "");
        Link counted = new Link("eth0", 1, LinkKind.ETHERNET, "02:00:00:00:00:01", true, OperState.UP, true, 1500, 1000,
                Duplex.FULL, false, "", "", 42, new LinkStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), List.of(), List.of());
        NetworkSnapshot s = new NetworkSnapshot(List.of(a), List.of());
        assertTrue(s.sameState(new NetworkSnapshot(List.of(counted), List.of())));
        assertFalse(s.sameState(new NetworkSnapshot(List.of(a.withAdminUp(false)), List.of())));
        assertEquals(new LinkStats(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                counted.stats().since(new LinkStats(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        assertEquals(counted.stats(), counted.stats().since(new LinkStats(100, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                "counters below the baseline count from zero again: they are given as they are");
    }

    static Link link(String name, LinkKind kind, String master) {
        return new Link(name, 1, kind, "02:00:00:00:00:01", true, OperState.UP, true, 1500, 1000, Duplex.FULL, false,
                master, "", 0, LinkStats.ZERO, List.of(), List.of());
    }
}

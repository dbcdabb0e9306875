package dev.demarc.core.schema;

import static dev.demarc.core.schema.ValueTypeTest.assertOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.path.Operator;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The named data types of TR-106 ({@code tr-106-types.xml}): each one's facets, on valid and
 * invalid values. {@code ok}, {@code 7011} (not readable as the base type) or {@code 7012}
 * (readable, refused by a facet or the type's syntax).
 */
class DataTypesTest {

    static ValueType type(String name) {
        return DataTypes.lookup(name).orElseThrow(() -> new AssertionError("no data type " + name));
    }

    @ParameterizedTest(name = "IPv4Address {0} -> {1}")
    @CsvSource({
        "'', ok", "192.168.1.254, ok", "216.52.29.100, ok", "0.0.0.0, ok", "255.255.255.255, ok",
        "255.255.255.0, ok",
        "001.002.003.004, ok",      // the file's octet pattern admits leading zeros
        "256.1.1.1, 7012", "1.2.3, 7012", "1.2.3.4.5, 7012", "1.2.3., 7012", "' 1.2.3.4', 7012",
        "1.2.3.4/24, 7012", "::1, 7012", "a.b.c.d, 7012", "192.168.100.1000, 7012", "localhost, 7012",
        "1.2.3.-4, 7012", "'\u0661.2.3.4', 7012"
    })
    void ipv4_address(String value, String expected) {
        assertOutcome(DataTypes.IPV4_ADDRESS, value, expected);
    }

    @ParameterizedTest(name = "IPv6Address {0} -> {1}")
    @CsvSource({
        "'', ok",
        "1080:0:0:800:ba98:3210:11aa:12dd, ok",   // TR-106's own examples
        "1080::800:ba98:3210:11aa:12dd, ok",
        "0:0:0:0:0:0:13.1.68.3, ok",
        "::, ok", "::1, ok", "1::, ok", "FF01::101, ok", "2001:DB8::8:800:200C:417A, ok",
        "2001:0db8:0000:0000:0000:0000:0000:0001, ok",
        "1:2:3:4:5:6:7:8, ok", "1:2:3:4:5:6:7::, ok", "::2:3:4:5:6:7:8, ok", "1:2:3::6:7:8, ok",
        "::13.1.68.3, ok", "::ffff:129.144.52.38, ok", "1:2:3:4:5:6:1.2.3.4, ok", "1::1.2.3.4, ok",
        "0000:0000:0000:0000:0000:ffff:255.255.255.255, ok",   // 45 characters
        "1:2:3:4:5:6:7:8:9, 7012", "1:2:3:4:5:6:7, 7012", "1::2:3:4:5:6:7:8, 7012",
        "1::2::3, 7012", ":::, 7012", "::::, 7012", "12345::, 7012", "g::1, 7012", ":1::, 7012",
        "1:, 7012", ":1, 7012", "1:2:3:4:5:6:7:8:, 7012", ":1:2:3:4:5:6:7:8, 7012",
        "fe80::1%eth0, 7012",      // no zone identifiers
        "[::1], 7012", "::1/128, 7012", "1.2.3.4, 7012", "::1.2.3, 7012", "::1.2.3.256, 7012",
        "1:2:3:4:5:6:7:1.2.3.4, 7012", "1.2.3.4::, 7012", "::1.2.3.4:1, 7012",
        "localhost, 7012", "example.com, 7012", "' ::1', 7012",
        "00000:0000:0000:0000:0000:ffff:255.255.255.255, 7012"   // 46 characters
    })
    void ipv6_address(String value, String expected) {
        assertOutcome(DataTypes.IPV6_ADDRESS, value, expected);
    }

    @ParameterizedTest(name = "IPAddress {0} -> {1}")
    @CsvSource({
        "'', ok", "192.168.1.1, ok", "::1, ok", "2001:db8::1, ok", "0:0:0:0:0:0:13.1.68.3, ok",
        "example.com, 7012", "1.2.3.4/8, 7012", "1.2.3.256, 7012", "fe80::1%1, 7012"
    })
    void ip_address_is_either_family(String value, String expected) {
        assertOutcome(DataTypes.IP_ADDRESS, value, expected);
    }

    @ParameterizedTest(name = "IPPrefix {0} -> {1}")
    @CsvSource({
        "'', ok", "/24, ok", "/0, ok", "/128, ok",
        "192.168.1.0/24, ok", "192.168.1.1/32, ok", "0.0.0.0/0, ok",
        "2001:edff:fe6a:f76::/64, ok", "2001:edff:fe6a:f76::1/128, ok", "::/0, ok",
        "/129, 7012", "192.168.1.0/33, 7012", "2001::/129, 7012", "192.168.1.0, 7012", "2001::, 7012",
        "1.2.3.4/24/1, 7012", "/, 7012", "1.2.3.4/, 7012", "1.2.3.4/-1, 7012", "1.2.3.4/ 8, 7012",
        "host/24, 7012"
    })
    void ip_prefix_is_either_family_with_length(String value, String expected) {
        assertOutcome(DataTypes.IP_PREFIX, value, expected);
    }

    @ParameterizedTest(name = "IPv4Prefix {0} -> {1}")
    @CsvSource({
        "'', ok", "/24, ok", "/32, ok", "/08, ok", "192.168.1.0/24, ok", "10.0.0.0/8, ok",
        "/33, 7012", "/64, 7012", "192.168.1.0/33, 7012", "2001::/64, 7012", "192.168.1.0, 7012",
        "255.255.255.255/32x, 7012"
    })
    void ipv4_prefix(String value, String expected) {
        assertOutcome(DataTypes.IPV4_PREFIX, value, expected);
    }

    @ParameterizedTest(name = "IPv6Prefix {0} -> {1}")
    @CsvSource({
        "'', ok", "/64, ok", "2001:db8::/32, ok", "::ffff:0.0.0.0/96, ok",
        "192.168.1.0/24, 7012", "2001:db8::/129, 7012", "2001:db8::, 7012", "2001:db8::/1000, 7012"
    })
    void ipv6_prefix(String value, String expected) {
        assertOutcome(DataTypes.IPV6_PREFIX, value, expected);
    }

    @ParameterizedTest(name = "MACAddress {0} -> {1}")
    @CsvSource({
        "'', ok", "00:1A:2b:3C:4d:5E, ok", "ff:ff:ff:ff:ff:ff, ok",
        "00-1A-2B-3C-4D-5E, 7012", "001A2B3C4D5E, 7012", "00:1A:2B:3C:4D, 7012",
        "00:1A:2B:3C:4D:5G, 7012", "00:1A:2B:3C:4D:5E:6F, 7012", "0:1A:2B:3C:4D:5E, 7012"
    })
    void mac_address(String value, String expected) {
        assertOutcome(DataTypes.MAC_ADDRESS, value, expected);
    }

    @ParameterizedTest(name = "IEEE_EUI64 {0} -> {1}")
    @CsvSource({"'', ok", "00:11:22:33:44:55:66:77, ok", "00:11:22:33:44:55:66, 7012",
            "0011223344556677, 7012"})
    void ieee_eui64(String value, String expected) {
        assertOutcome(DataTypes.IEEE_EUI64, value, expected);
    }

    @ParameterizedTest(name = "UUID {0} -> {1}")
    @CsvSource({
        "123e4567-e89b-12d3-a456-426614174000, ok", "123E4567-E89B-12D3-A456-426614174000, ok",
        "'', 7012", "123e4567e89b12d3a456426614174000, 7012", "g23e4567-e89b-12d3-a456-426614174000, 7012",
        "123e4567-e89b-12d3-a456-4266141740001, 7012", "{123e4567-e89b-12d3-a456-426614174000}, 7012"
    })
    void uuid(String value, String expected) {
        assertOutcome(DataTypes.UUID, value, expected);
    }

    @ParameterizedTest(name = "Alias {0} -> {1}")
    @CsvSource({"cpe-1, ok", "WAN, ok", "a, ok", "x_y.z 1, ok",
            "'', 7012", "1abc, 7012", "-x, 7012", "_x, 7012", "' WAN', 7012"})
    void alias_must_not_be_empty_and_must_start_with_a_letter(String value, String expected) {
        assertOutcome(DataTypes.ALIAS, value, expected);
    }

    @Test
    void alias_is_at_most_64_characters() {
        assertOutcome(DataTypes.ALIAS, "a".repeat(64), "ok");
        assertOutcome(DataTypes.ALIAS, "a".repeat(65), "7012");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "StatsCounter32, 0, ok", "StatsCounter32, 4294967295, ok", "StatsCounter32, 4294967296, 7011",
        "StatsCounter32, -1, 7011",
        "StatsCounter64, 18446744073709551615, ok", "StatsCounter64, 18446744073709551616, 7011",
        "Dbm1000, -12345, ok", "Dbm1000, 12345, ok", "Dbm1000, -12.345, 7011",
        "Order, 1, ok", "Order, 4294967295, ok", "Order, 0, 7012",
        "PLMNId, 310410, ok", "PLMNId, 310-410, 7011",
        "DiagnosticsState, None, ok", "DiagnosticsState, Requested, ok", "DiagnosticsState, Canceled, ok",
        "DiagnosticsState, Complete, ok", "DiagnosticsState, Error, ok", "DiagnosticsState, requested, 7012",
        "DiagnosticsState, Error_Internal, 7012",
        "ZigBeeNetworkAddress, '', ok", "ZigBeeNetworkAddress, 1a2B, ok", "ZigBeeNetworkAddress, 1a2, 7012",
        "ZigBeeNetworkAddress, 1a2b3, 7012",
        "URL, http://example.com/a?b=c, ok", "URL, '', ok",
        "URI, urn:bbf:usp:id:oui:00D09E, ok",
        "URN, urn:bbf:usp:id, ok", "URN, urn:x:y, 7012", "URN, urn:-bad:y, 7012", "URN, http://x, 7012",
        "URN, urn:bbf:, 7012",
        "JSONObject, '{\"a\":1}', ok"
    })
    void other_named_types(String name, String value, String expected) {
        assertOutcome(type(name), value, expected);
    }

    @Test
    void uri_types_are_at_most_2048_characters() {
        for (ValueType t : List.of(DataTypes.URI, DataTypes.URL)) {
            assertOutcome(t, "http://x/" + "a".repeat(2048 - 9), "ok");
            assertOutcome(t, "http://x/" + "a".repeat(2048 - 8), "7012");
        }
    }

    @Test
    void sizes_and_bases_follow_tr106() {
        record Expect(ValueType type, String name, BaseType base, int maxLength) {
        }
        for (Expect e : List.of(
                new Expect(DataTypes.ALIAS, "Alias", BaseType.STRING, 64),
                new Expect(DataTypes.IEEE_EUI64, "IEEE_EUI64", BaseType.STRING, 23),
                new Expect(DataTypes.IP_ADDRESS, "IPAddress", BaseType.STRING, 45),
                new Expect(DataTypes.IPV4_ADDRESS, "IPv4Address", BaseType.STRING, 15),
                new Expect(DataTypes.IPV6_ADDRESS, "IPv6Address", BaseType.STRING, 45),
                new Expect(DataTypes.IP_PREFIX, "IPPrefix", BaseType.STRING, 49),
                new Expect(DataTypes.IPV4_PREFIX, "IPv4Prefix", BaseType.STRING, 18),
                new Expect(DataTypes.IPV6_PREFIX, "IPv6Prefix", BaseType.STRING, 49),
                new Expect(DataTypes.MAC_ADDRESS, "MACAddress", BaseType.STRING, 17),
                new Expect(DataTypes.UUID, "UUID", BaseType.STRING, 36),
                new Expect(DataTypes.URI, "URI", BaseType.STRING, 2048),
                new Expect(DataTypes.URN, "URN", BaseType.STRING, 2048),
                new Expect(DataTypes.URL, "URL", BaseType.STRING, 2048),
                new Expect(DataTypes.ZIGBEE_NETWORK_ADDRESS, "ZigBeeNetworkAddress", BaseType.STRING, 4))) {
            assertEquals(e.name(), e.type().name());
            assertEquals(e.name(), e.type().exportName());
            assertEquals(e.base(), e.type().base());
            assertEquals(OptionalInt.of(e.maxLength()), e.type().maxLength(), e.name());
            assertSame(e.type(), type(e.name()));
        }
        assertEquals(OptionalInt.of(36), DataTypes.UUID.minLength());
        assertEquals(BaseType.UNSIGNED_INT, DataTypes.STATS_COUNTER32.base());
        assertEquals(BaseType.UNSIGNED_LONG, DataTypes.STATS_COUNTER64.base());
        assertEquals(BaseType.INT, DataTypes.DBM1000.base());
        assertEquals(List.of(Range.atLeast(1)), DataTypes.ORDER.ranges());
        assertEquals(List.of("None", "Requested", "Canceled", "Complete", "Error"),
                DataTypes.DIAGNOSTICS_STATE.enumerations());
    }

    @Test
    void lookup_knows_the_tr106_names_and_the_protocol_alias_variants() {
        assertEquals(23, DataTypes.all().size());
        for (var e : DataTypes.all().entrySet()) {
            if (!e.getKey().startsWith("_")) {
                assertEquals(e.getKey(), e.getValue().name());
            }
        }
        assertSame(DataTypes.ALIAS, type("_AliasUSP"));
        assertSame(DataTypes.ALIAS, type("_AliasCWMP"));
        assertTrue(DataTypes.lookup("MocaNodeID").isEmpty());
        assertTrue(DataTypes.lookup("ipv4address").isEmpty());
    }

    @Test
    void named_type_messages_name_the_type() {
        assertEquals("\"1.2.3\" is not a valid IPv4Address: it must be empty or match "
                        + "\"((25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])\"",
                DataTypes.IPV4_ADDRESS.check("1.2.3").orElseThrow().message());
        assertEquals("\"fe80::1%eth0\" is not a valid IPv6Address",
                DataTypes.IPV6_ADDRESS.check("fe80::1%eth0").orElseThrow().message());
        assertEquals("\"1abc\" is not a valid Alias: it must match \"[A-Za-z].*\"",
                DataTypes.ALIAS.check("1abc").orElseThrow().message());
    }

    @Test
    void string_derived_named_types_search_as_strings() {
        assertTrue(DataTypes.ALIAS.evaluate("WAN", Operator.EQ, "WAN", true).value());
        assertFalse(DataTypes.ALIAS.evaluate("WAN", Operator.EQ, "WAN", false).isOk());
        assertFalse(DataTypes.IP_ADDRESS.evaluate("10.0.0.1", Operator.LT, "10.0.0.2", true).isOk());
        // compared as text, not as addresses
        assertFalse(DataTypes.IPV6_ADDRESS.evaluate("::1", Operator.EQ, "0:0:0:0:0:0:0:1", true).value());
        assertTrue(DataTypes.STATS_COUNTER64.evaluate("18446744073709551615", Operator.GT, "0", false).value());
    }

    @Test
    void lists_of_named_types() {
        ValueType servers = ValueType.listOf(DataTypes.IP_ADDRESS).maxItems(4);
        assertEquals("list<IPAddress>", servers.exportName());
        assertOutcome(servers, "192.168.1.1, ::1", "ok");
        assertOutcome(servers, "192.168.1.1,not-an-address", "7012");
        assertEquals("item 2: \"not-an-address\" is not a valid IPAddress",
                servers.check("192.168.1.1,not-an-address").orElseThrow().message());
        assertEquals("192.168.1.1,::1", servers.normalize(" 192.168.1.1 , ::1 "));
    }
}

package dev.demarc.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.path.Operator;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TR-106 section 3.2 value types and their facets, and the TR-369 search-expression
 * comparison rules. Expected outcomes in the tables: {@code ok}, {@code 7011} (INVALID_TYPE:
 * cannot be read as the type), {@code 7012} (INVALID_VALUE: readable, but a facet refuses it),
 * and for expressions {@code true}, {@code false} or {@code 7008} (INVALID_PATH_SYNTAX).
 */
class ValueTypeTest {

    /** Types the tables below refer to by key. */
    static final Map<String, ValueType> TYPES = Map.ofEntries(
            Map.entry("string", ValueType.string()),
            Map.entry("boolean", ValueType.bool()),
            Map.entry("int", ValueType.int32()),
            Map.entry("unsignedInt", ValueType.unsignedInt()),
            Map.entry("long", ValueType.int64()),
            Map.entry("unsignedLong", ValueType.unsignedLong()),
            Map.entry("decimal", ValueType.decimal()),
            Map.entry("dateTime", ValueType.dateTime()),
            Map.entry("base64", ValueType.base64()),
            Map.entry("hexBinary", ValueType.hexBinary()),
            Map.entry("status", ValueType.string().enumeration("Up", "Down", "Unknown")),
            Map.entry("port", ValueType.unsignedInt().range(0, 65535)),
            Map.entry("list<string>", ValueType.listOf(ValueType.string())),
            Map.entry("list<unsignedInt>", ValueType.listOf(ValueType.unsignedInt())),
            Map.entry("list<boolean>", ValueType.listOf(ValueType.bool())),
            Map.entry("list<dateTime>", ValueType.listOf(ValueType.dateTime())));

    static void assertOutcome(ValueType type, String value, String expected) {
        Optional<DmError> error = type.check(value);
        if (expected.equals("ok")) {
            assertTrue(error.isEmpty(), () -> type + " should accept " + show(value) + " but said " + error.get());
        } else {
            assertTrue(error.isPresent(), () -> type + " should refuse " + show(value) + " with " + expected);
            assertEquals(Integer.parseInt(expected), error.get().code().code(),
                    () -> type + " on " + show(value) + ": " + error.get());
            assertEquals("", error.get().path(), "the engine fills in the path");
            assertFalse(error.get().message().isBlank());
        }
    }

    static String show(String v) {
        return v == null ? "null" : v.length() > 80 ? '"' + v.substring(0, 80) + "...\"" : '"' + v + '"';
    }

    static String message(ValueType type, String value) {
        return type.check(value).orElseThrow().message();
    }

    @Test
    void a_value_checked_before_is_judged_the_same_and_each_type_keeps_its_own() {
        ValueType port = ValueType.unsignedInt().range(0, 65535);
        ValueType lowPort = ValueType.unsignedInt().range(0, 1023);
        for (int round = 0; round < 3; round++) {
            assertTrue(port.check("8080").isEmpty());
            assertTrue(port.check(new String("8080".toCharArray())).isEmpty());
            assertEquals(ErrorCode.INVALID_VALUE, lowPort.check("8080").orElseThrow().code());
            assertEquals(ErrorCode.INVALID_VALUE, port.check("65536").orElseThrow().code());
        }
        // Many values in turn (more than the type keeps): each is still judged on its own.
        for (int i = 0; i < 200; i++) {
            assertTrue(port.check(Integer.toString(i * 300)).isEmpty() == (i * 300 <= 65535), "value " + i * 300);
        }
    }

    // ------------------------------------------------------------------ base types

    @Nested
    class BaseTypes {

        @ParameterizedTest(name = "boolean {0} -> {1}")
        @CsvSource({
            "true, ok", "false, ok", "1, ok", "0, ok",
            "TRUE, 7011", "True, 7011", "yes, 7011", "on, 7011", "2, 7011", "'', 7011",
            "' true', 7011", "'true ', 7011", "01, 7011"
        })
        void boolean_literals_are_true_false_1_0(String value, String expected) {
            assertOutcome(ValueType.bool(), value, expected);
        }

        @ParameterizedTest(name = "int {0} -> {1}")
        @CsvSource({
            "0, ok", "-2147483648, ok", "2147483647, ok", "+0123, ok", "-0, ok", "+0, ok",
            "0000000000000000000000000000000000042, ok",
            "2147483648, 7011", "-2147483649, 7011", "99999999999999999999999999, 7011",
            "999999999999999999, 7011", "-999999999999999999, 7011",
            "abc, 7011", "1.5, 7011", "1e3, 7011", "0x10, 7011", "'', 7011", "' 1', 7011", "'1 ', 7011",
            "+, 7011", "-, 7011", "+-1, 7011", "'\u0661', 7011"
        })
        void int_is_32_bit_signed(String value, String expected) {
            assertOutcome(ValueType.int32(), value, expected);
        }

        @ParameterizedTest(name = "unsignedInt {0} -> {1}")
        @CsvSource({
            "0, ok", "4294967295, ok", "+4294967295, ok", "-0, ok", "007, ok",
            "4294967296, 7011", "-1, 7011", "abc, 7011", "'', 7011"
        })
        void unsignedInt_is_0_to_4294967295_and_negative_is_not_representable(String value, String expected) {
            assertOutcome(ValueType.unsignedInt(), value, expected);
        }

        @ParameterizedTest(name = "long {0} -> {1}")
        @CsvSource({
            "-9223372036854775808, ok", "9223372036854775807, ok",
            "999999999999999999, ok", "-999999999999999999, ok", "1000000000000000000, ok", "-1000000000000000000, ok",
            "9223372036854775808, 7011", "-9223372036854775809, 7011", "1.0, 7011"
        })
        void long_is_64_bit_signed(String value, String expected) {
            assertOutcome(ValueType.int64(), value, expected);
        }

        @ParameterizedTest(name = "unsignedLong {0} -> {1}")
        @CsvSource({
            "0, ok", "18446744073709551615, ok", "018446744073709551615, ok", "999999999999999999, ok",
            "-999999999999999999, 7011", "-0, ok",
            "18446744073709551616, 7011", "-1, 7011", "184467440737095516150, 7011"
        })
        void unsignedLong_goes_to_2_pow_64_minus_1(String value, String expected) {
            assertOutcome(ValueType.unsignedLong(), value, expected);
        }

        @ParameterizedTest(name = "decimal {0} -> {1}")
        @CsvSource({
            "0, ok", "1.5, ok", "-0.5, ok", "+12.250, ok", ".5, ok", "5., ok", "-.5, ok",
            "123456789012345678901234567890.123456789, ok",
            "1e5, 7011", "1.2.3, 7011", "., 7011", "'', 7011", "abc, 7011", "'1,5', 7011", "NaN, 7011"
        })
        void decimal_is_digits_with_optional_sign_and_point(String value, String expected) {
            assertOutcome(ValueType.decimal(), value, expected);
        }

        @ParameterizedTest(name = "dateTime {0} -> {1}")
        @CsvSource({
            "2024-01-02T03:04:05Z, ok",
            "2024-01-02T03:04:05.123456Z, ok",
            "2024-01-02T03:04:05.1234567890123Z, ok",
            "2024-01-02T03:04:05+05:30, ok",
            "2024-01-02T03:04:05-08:00, ok",
            "2024-01-02T03:04:05+14:00, ok",
            "2024-01-02T03:04:05, ok",
            "0001-01-01T00:00:00Z, ok",
            "0001-01-01T00:00:42Z, ok",
            "9999-12-31T23:59:59Z, ok",
            "2024-02-29T00:00:00Z, ok",
            "2000-02-29T00:00:00Z, ok",
            "2023-02-29T00:00:00Z, 7011",
            "1900-02-29T00:00:00Z, 7011",
            "2024-04-31T00:00:00Z, 7011",
            "2024-13-01T00:00:00Z, 7011",
            "2024-00-01T00:00:00Z, 7011",
            "2024-01-00T00:00:00Z, 7011",
            "0000-01-01T00:00:00Z, 7011",
            "2024-01-02T24:00:00Z, 7011",
            "2024-01-02T03:60:00Z, 7011",
            "2024-01-02T03:04:60Z, 7011",
            "2024-01-02T03:04:05+15:00, 7011",
            "2024-01-02T03:04:05+14:30, 7011",
            "2024-01-02T03:04:05+0100, 7011",
            "2024-01-02T03:04:05.Z, 7011",
            "2024-01-02T03:04Z, 7011",
            "2024-01-02 03:04:05Z, 7011",
            "2024-1-02T03:04:05Z, 7011",
            "2024-01-02t03:04:05z, 7011",
            "12024-01-02T03:04:05Z, 7011",
            "-2024-01-02T03:04:05Z, 7011",
            "2024-01-02, 7011",
            "'', 7011"
        })
        void dateTime_follows_tr106_section_3_2_1(String value, String expected) {
            assertOutcome(ValueType.dateTime(), value, expected);
        }

        @ParameterizedTest(name = "base64 {0} -> {1}")
        @CsvSource({
            "'', ok", "AAAA, ok", "AA==, ok", "AAE=, ok", "AQ==, ok", "SGVsbG8=, ok", "ab+/, ok",
            "'AAAA\nAAAA', ok", "'AA AA', ok",
            "A, 7011", "AAA, 7011", "AAAAA, 7011", "A===, 7011", "AA=A, 7011", "=AAA, 7011", "====, 7011",
            "!!!!, 7011", "AR==, 7011", "AAF=, 7011", "AA-_, 7011"
        })
        void base64_needs_whole_padded_groups(String value, String expected) {
            assertOutcome(ValueType.base64(), value, expected);
        }

        @ParameterizedTest(name = "hexBinary {0} -> {1}")
        @CsvSource({
            "'', ok", "00, ok", "0a1B, ok", "DEADbeef, ok",
            "abc, 7011", "zz, 7011", "0x00, 7011", "'0 0', 7011"
        })
        void hexBinary_is_pairs_of_hex_digits(String value, String expected) {
            assertOutcome(ValueType.hexBinary(), value, expected);
        }

        @Test
        void any_string_is_a_string() {
            for (String s : List.of("", " ", "a,b", "\"quoted\"", "ünïcödé", "\u0000")) {
                assertOutcome(ValueType.string(), s, "ok");
            }
        }

        @Test
        void null_is_not_a_value_of_any_type() {
            for (ValueType t : TYPES.values()) {
                assertOutcome(t, null, "7011");
            }
        }

        @Test
        void values_longer_than_the_hard_cap_are_refused_as_invalid_value() {
            String atCap = "a".repeat(ValueType.MAX_VALUE_LENGTH);
            String overCap = atCap + "a";
            assertOutcome(ValueType.string(), atCap, "ok");
            assertOutcome(ValueType.string(), overCap, "7012");
            assertOutcome(ValueType.int32(), "1".repeat(ValueType.MAX_VALUE_LENGTH + 1), "7012");
            assertOutcome(ValueType.listOf(ValueType.string()), ",".repeat(ValueType.MAX_VALUE_LENGTH + 1), "7012");
            assertTrue(message(ValueType.string(), overCap).contains(String.valueOf(ValueType.MAX_VALUE_LENGTH)));
        }

        @Test
        void messages_say_what_the_type_wants() {
            assertEquals("\"abc\" is not an int (a whole number from -2147483648 to 2147483647)",
                    message(ValueType.int32(), "abc"));
            assertEquals("\"4294967296\" is not an unsignedInt (a whole number from 0 to 4294967295)",
                    message(ValueType.unsignedInt(), "4294967296"));
            assertEquals("\"yes\" is not a boolean (true, false, 1 or 0)", message(ValueType.bool(), "yes"));
            assertTrue(message(ValueType.dateTime(), "tomorrow").contains("2024-01-02T03:04:05Z"));
        }

        @Test
        void messages_cut_long_values_short() {
            String huge = "x".repeat(10_000);
            String m = message(ValueType.int32(), huge);
            assertTrue(m.length() < 300, m);
            assertTrue(m.contains("10000 characters"), m);
        }
    }

    // ------------------------------------------------------------------ facets

    @Nested
    class Facets {

        @ParameterizedTest(name = "string(2:5) {0} -> {1}")
        @CsvSource({
            "ab, ok", "abcde, ok", "a, 7012", "'', 7012", "abcdef, 7012",
            // length counts characters (code points), not UTF-16 units: five emoji fit in 5
            "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00, ok",
            "ééééé, ok"
        })
        void string_length_counts_characters(String value, String expected) {
            assertOutcome(ValueType.string().length(2, 5), value, expected);
        }

        @ParameterizedTest(name = "base64(2:3) {0} -> {1}")
        @CsvSource({
            "AAA=, ok",      // 2 bytes
            "AAAA, ok",      // 3 bytes
            "AA==, 7012",    // 1 byte
            "AAAAAA==, 7012", // 4 bytes
            "'', 7012",
            "AAA, 7011"      // not base64 at all: type before facets
        })
        void base64_length_counts_decoded_bytes(String value, String expected) {
            assertOutcome(ValueType.base64().minLength(2).maxLength(3), value, expected);
        }

        @Test
        void base64_whitespace_is_not_counted() {
            ValueType t = ValueType.base64().maxLength(6);
            assertOutcome(t, "AAAA\r\nAAAA", "ok");
            assertOutcome(t, "AAAA AAAA\tAA==", "7012");
            assertEquals("\"AAAA AAAA\tAA==\" is 7 bytes decoded; must be at most 6 bytes",
                    message(t, "AAAA AAAA\tAA=="));
        }

        @ParameterizedTest(name = "hexBinary(:2) {0} -> {1}")
        @CsvSource({"'', ok", "01, ok", "0102, ok", "010203, 7012", "0, 7011"})
        void hexBinary_length_counts_decoded_bytes(String value, String expected) {
            assertOutcome(ValueType.hexBinary().maxLength(2), value, expected);
        }

        @Test
        void length_messages_give_the_bounds() {
            assertEquals("\"abcdef\" is 6 characters long; must be at most 5 characters",
                    message(ValueType.string().maxLength(5), "abcdef"));
            assertEquals("\"a\" is 1 character long; must be at least 2 characters",
                    message(ValueType.string().minLength(2), "a"));
            assertEquals("\"ab\" is 2 characters long; must be exactly 3 characters",
                    message(ValueType.string().length(3, 3), "ab"));
            assertEquals("\"AAAAAA==\" is 4 bytes decoded; must be at most 3 bytes",
                    message(ValueType.base64().maxLength(3), "AAAAAA=="));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"Up, ok", "Down, ok", "Unknown, ok", "up, 7012", "'', 7012", "' Up', 7012", "Foo, 7012"})
        void enumeration_admits_only_its_values_exactly(String value, String expected) {
            assertOutcome(TYPES.get("status"), value, expected);
        }

        @Test
        void enumeration_message_lists_the_values() {
            assertEquals("\"Foo\" is not one of: Up, Down, Unknown", message(TYPES.get("status"), "Foo"));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"123, ok", "abc, ok", "'', ok", "12a, 7012", "a1, 7012", "ABC, 7012"})
        void patterns_are_alternatives_and_match_the_whole_value(String value, String expected) {
            assertOutcome(ValueType.string().pattern("", "[0-9]+").pattern("[a-z]+"), value, expected);
        }

        @Test
        void pattern_message_shows_the_pattern() {
            assertEquals("\"12a\" must match \"[0-9]+\"", message(ValueType.string().pattern("[0-9]+"), "12a"));
            assertEquals("\"x\" must be empty or match \"[0-9]+\"",
                    message(ValueType.string().pattern("", "[0-9]+"), "x"));
        }

        @ParameterizedTest(name = "port {0} -> {1}")
        @CsvSource({"0, ok", "65535, ok", "80, ok", "+080, ok", "65536, 7012", "70000, 7012",
                "4294967295, 7012", "-1, 7011", "x, 7011"})
        void range_is_inclusive(String value, String expected) {
            assertOutcome(TYPES.get("port"), value, expected);
        }

        @Test
        void range_message_gives_value_and_range() {
            assertEquals("value 70000 is out of range [0:65535]", message(TYPES.get("port"), "70000"));
            assertEquals("value 15 is out of ranges [0:10], [20:30]",
                    message(ValueType.int32().range(0, 10).range(20, 30), "15"));
        }

        @ParameterizedTest(name = "[0:10],[20:30] {0} -> {1}")
        @CsvSource({"0, ok", "10, ok", "20, ok", "30, ok", "11, 7012", "19, 7012", "31, 7012", "-1, 7012"})
        void value_must_be_in_at_least_one_range(String value, String expected) {
            assertOutcome(ValueType.int32().range(0, 10).range(20, 30), value, expected);
        }

        @ParameterizedTest(name = "[0:100 step 5] {0} -> {1}")
        @CsvSource({"0, ok", "5, ok", "100, ok", "17, 7012", "105, 7012"})
        void range_step_spaces_values_from_the_minimum(String value, String expected) {
            assertOutcome(ValueType.int32().range(Range.between(0, 100).withStep(5)), value, expected);
        }

        @Test
        void open_ranges_and_step_without_minimum() {
            assertOutcome(ValueType.int32().range(Range.atLeast(1)), "2147483647", "ok");
            assertOutcome(ValueType.int32().range(Range.atLeast(1)), "0", "7012");
            assertOutcome(ValueType.int32().range(Range.atMost(-1)), "-2147483648", "ok");
            assertOutcome(ValueType.int32().range(Range.atMost(-1)), "0", "7012");
            assertOutcome(ValueType.int32().range(Range.atMost(100).withStep(10)), "-20", "ok");
            assertOutcome(ValueType.int32().range(Range.atMost(100).withStep(10)), "-25", "7012");
        }

        @Test
        void unsignedLong_range_reaches_2_pow_64_minus_1() {
            ValueType t = ValueType.unsignedLong().range(Range.between(
                    new BigDecimal("9223372036854775808"), new BigDecimal("18446744073709551615")));
            assertOutcome(t, "18446744073709551615", "ok");
            assertOutcome(t, "9223372036854775808", "ok");
            assertOutcome(t, "9223372036854775807", "7012");
        }

        @ParameterizedTest(name = "decimal[-1.5:2.25 step 0.25] {0} -> {1}")
        @CsvSource({"-1.5, ok", "2.25, ok", "0, ok", "1.750, ok", "2.26, 7012", "-1.6, 7012", "0.1, 7012"})
        void decimal_ranges_and_steps(String value, String expected) {
            ValueType t = ValueType.decimal().range(
                    Range.between(new BigDecimal("-1.5"), new BigDecimal("2.25")).withStep(new BigDecimal("0.25")));
            assertOutcome(t, value, expected);
        }

        @Test
        void range_prints_like_tr106() {
            assertEquals("[0:65535]", Range.between(0, 65535).toString());
            assertEquals("[1:]", Range.atLeast(1).toString());
            assertEquals("[:100]", Range.atMost(100).toString());
            assertEquals("[0:100 step 5]", Range.between(0, 100).withStep(5).toString());
            assertEquals("[0:18446744073709551615]",
                    Range.between(BigDecimal.ZERO, new BigDecimal("18446744073709551615")).toString());
            assertEquals(Range.between(new BigDecimal("1.0"), new BigDecimal("2.50")),
                    Range.between(BigDecimal.ONE, new BigDecimal("2.5")));
        }
    }

    // ------------------------------------------------------------------ lists

    @Nested
    class Lists {

        final ValueType smallNumbers =
                ValueType.listOf(ValueType.unsignedInt().range(1, 10)).minItems(1).maxItems(3).maxLength(10);

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "1, ok", "'1,2,3', ok", "' 1 , 2 ,3 ', ok", "'10,10,1', ok",
            "'', 7012",          // zero items, at least one required
            "'1,2,3,4', 7012",   // four items
            "'10,10,10', ok",
            "' 1 , 2 , 3 ', 7012", // 11 characters
            "'1,11', 7012",      // item out of range
            "'1,x', 7011",       // item not a number
            "'1,,2', 7011",      // empty item is not a number
            "'1,-1', 7011"
        })
        void list_facets_and_item_facets(String value, String expected) {
            assertOutcome(smallNumbers, value, expected);
        }

        @Test
        void list_item_errors_name_the_item() {
            assertEquals("item 2: value 11 is out of range [1:10]", message(smallNumbers, "1,11"));
            assertEquals("list has 4 items; must be 1 to 3 items", message(smallNumbers, "1,2,3,4"));
            assertEquals("list is 11 characters long; must be at most 10 characters",
                    message(smallNumbers, " 1 , 2 , 3 "));
        }

        @Test
        void empty_text_is_the_empty_list_and_empty_items_are_items() {
            ValueType strings = ValueType.listOf(ValueType.string()).maxItems(2);
            assertOutcome(strings, "", "ok");
            assertOutcome(strings, "a,", "ok");
            assertOutcome(strings, ",", "ok");
            assertOutcome(strings, ",,", "7012");
            assertOutcome(ValueType.listOf(ValueType.string().minLength(1)), "a,", "7012");
        }

        @Test
        void list_of_strings_with_enumeration() {
            ValueType t = ValueType.listOf(ValueType.string().enumeration("IPv6Firewall", "PCP"));
            assertOutcome(t, "PCP, IPv6Firewall", "ok");
            assertOutcome(t, "PCP,Other", "7012");
            assertTrue(message(t, "PCP,Other").startsWith("item 2: \"Other\" is not one of"));
        }
    }

    // ------------------------------------------------------------------ normal form

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "boolean, 1, true", "boolean, 0, false", "boolean, true, true", "boolean, false, false",
        "int, +0123, 123", "int, -007, -7", "int, -0, 0", "int, 0, 0", "int, -2147483648, -2147483648",
        "unsignedLong, 018446744073709551615, 18446744073709551615",
        "decimal, 01.50, 1.5", "decimal, +.5, 0.5", "decimal, -0.0, 0", "decimal, 5., 5",
        "decimal, 100, 100", "decimal, -1.230, -1.23",
        "dateTime, 2024-01-02T03:04:05+01:00, 2024-01-02T03:04:05+01:00",
        "dateTime, 2024-01-02T03:04:05.500Z, 2024-01-02T03:04:05.500Z",
        "string, ' a ', ' a '",
        "hexBinary, 0a, 0a",
        "base64, AQ==, AQ==",
        "list<unsignedInt>, ' 1 , +02 ,3', '1,2,3'",
        "list<string>, ' a , b ', 'a,b'",
        "list<boolean>, '1, false,0', 'true,false,false'",
        "list<string>, '', ''"
    })
    void normalize_gives_canonical_text(String type, String value, String expected) {
        assertEquals(expected, TYPES.get(type).normalize(value));
    }

    @Test
    void normalize_refuses_an_invalid_value() {
        assertThrows(IllegalArgumentException.class, () -> ValueType.int32().normalize("abc"));
        assertThrows(IllegalArgumentException.class, () -> TYPES.get("port").normalize("70000"));
    }

    // ------------------------------------------------------------------ search expressions

    @ParameterizedTest(name = "{0}: {1} {2} {3} (quoted {4}) -> {5}")
    @CsvSource({
        // strings: == and != only, constant quoted, exact comparison
        "string, WAN, ==, WAN, true, true",
        "string, WAN, ==, wan, true, false",
        "string, WAN, !=, LAN, true, true",
        "string, WAN, !=, WAN, true, false",
        "string, '', ==, '', true, true",
        "string, WAN, ==, WAN, false, 7008",
        "string, b, <, a, true, 7008",
        "string, b, >, a, true, 7008",
        "string, b, <=, a, true, 7008",
        "string, b, >=, a, true, 7008",
        "string, a, ~=, a, true, 7008",
        "status, Up, ==, Up, true, true",
        "status, Up, ==, Foo, true, false",
        // boolean: == and != only, unquoted, 1 == true (TR-369 example: [Enable==true], [Enable==1])
        "boolean, true, ==, true, false, true",
        "boolean, true, ==, 1, false, true",
        "boolean, 1, ==, true, false, true",
        "boolean, 0, ==, false, false, true",
        "boolean, false, ==, 1, false, false",
        "boolean, 0, !=, true, false, true",
        "boolean, 1, !=, true, false, false",
        "boolean, true, ==, true, true, 7008",   // TR-369: [Enable=="true"] is NOT VALID
        "boolean, true, ==, yes, false, 7008",
        "boolean, true, ==, TRUE, false, 7008",
        "boolean, true, >, 0, false, 7008",
        "boolean, true, ~=, 1, false, 7008",
        "boolean, '', ==, true, false, false",
        "boolean, '', !=, true, false, false",
        // numbers: all six, by value; 123, +123 and 0123 are equal
        "int, 123, ==, +123, false, true",
        "int, 123, ==, 0123, false, true",
        "int, +123, ==, 123, false, true",
        "int, 123, !=, 124, false, true",
        "int, -5, <, 0, false, true",
        "int, 0, <, 0, false, false",
        "int, 0, <=, 0, false, true",
        "int, 5, >, 4, false, true",
        "int, 4, >, 5, false, false",
        "int, 5, >=, 5, false, true",
        "int, 4, >=, 5, false, false",
        "int, 5, ==, 5, true, 7008",
        "int, 5, ==, abc, false, 7008",
        "int, 5, ==, 2147483648, false, 7008",
        "int, 5, ~=, 5, false, 7008",
        "int, '', ==, 0, false, false",
        "int, '', !=, 0, false, false",
        "int, abc, <, 0, false, false",
        "unsignedInt, 4294967295, >, 4294967294, false, true",
        "unsignedInt, 0, ==, -1, false, 7008",
        "port, 80, ==, 70000, false, false",
        "long, -9223372036854775808, <, 0, false, true",
        "unsignedLong, 18446744073709551615, >, 9223372036854775807, false, true",
        "decimal, 1.50, ==, 1.5, false, true",
        "decimal, 1.5, <, 2, false, true",
        "decimal, 0.1, >, .05, false, true",
        "decimal, 0.1, ==, 0.1e0, false, 7008",
        // dateTime: all six by instant, except the Unknown Time
        "dateTime, 2021-06-06T07:59:59Z, <, 2021-06-06T08:00:00Z, false, true",
        "dateTime, 2021-06-06T08:00:00Z, <, 2021-06-06T08:00:00Z, false, false",
        "dateTime, 2021-06-06T08:00:00Z, <=, 2021-06-06T08:00:00Z, false, true",
        "dateTime, 2021-06-06T08:00:00.5Z, >, 2021-06-06T08:00:00Z, false, true",
        "dateTime, 2021-06-06T08:00:00.50Z, ==, 2021-06-06T08:00:00.5Z, false, true",
        "dateTime, 2021-06-06T10:00:00+02:00, ==, 2021-06-06T08:00:00Z, false, true",
        "dateTime, 2021-06-06T08:00:00, ==, 2021-06-06T08:00:00Z, false, true",
        "dateTime, 2021-06-06T08:00:00Z, >=, 2021-06-06T09:00:00+02:00, false, true",
        "dateTime, 2021-06-06T08:00:00Z, ==, 2021-06-06T08:00:00Z, true, 7008",
        "dateTime, 2021-06-06T08:00:00Z, <, 2021-06-06, false, 7008",
        "dateTime, 2021-06-06T08:00:00Z, ~=, 2021-06-06T08:00:00Z, false, 7008",
        "dateTime, 0001-01-01T00:00:00Z, ==, 0001-01-01T00:00:00Z, false, true",
        "dateTime, 2021-06-06T08:00:00Z, !=, 0001-01-01T00:00:00Z, false, true",
        "dateTime, 2021-06-06T08:00:00Z, ==, 0001-01-01T00:00:00Z, false, false",
        "dateTime, 2021-06-06T08:00:00Z, >, 0001-01-01T00:00:00Z, false, 7008",
        "dateTime, 2021-06-06T08:00:00Z, <=, 0001-01-01T00:00:00Z, false, 7008",
        "dateTime, 0001-01-01T00:00:00Z, <, 2021-06-06T08:00:00Z, false, false",
        "dateTime, 0001-01-01T00:00:00Z, >, 2021-06-06T08:00:00Z, false, false",
        "dateTime, 0001-01-01T00:01:00Z, >, 0001-01-01T00:00:30Z, false, true",
        "dateTime, '', <, 2021-06-06T08:00:00Z, false, false",
        // binary: == and != only, unquoted (TR-369 example [DeviceClass==08]), by value
        "hexBinary, 08, ==, 08, false, true",
        "hexBinary, 0a0B, ==, 0A0b, false, true",
        "hexBinary, 08, !=, 09, false, true",
        "hexBinary, 08, ==, 08, true, 7008",
        "hexBinary, 08, <, 09, false, 7008",
        "hexBinary, 08, ==, 8, false, 7008",
        "base64, AQID, ==, AQID, false, true",
        "base64, AQID, !=, AQIE, false, true",
        "base64, AQID, >, AQID, false, 7008",
        "base64, AQID, ==, A, false, 7008",
        // lists: ~= tests membership by item type; == and != compare item by item
        "list<string>, 'IPv6Firewall,PCP', ~=, IPv6Firewall, true, true",
        "list<string>, 'PCP, IPv6Firewall', ~=, IPv6Firewall, true, true",
        "list<string>, 'IPv6Firewall,PCP', ~=, IPv6, true, false",
        "list<string>, '', ~=, '', true, false",
        "list<string>, 'IPv6Firewall,PCP', ~=, IPv6Firewall, false, 7008",
        "list<string>, 'IPv6Firewall, PCP', ==, 'IPv6Firewall,PCP', true, true",
        "list<string>, 'IPv6Firewall,PCP', ==, 'PCP,IPv6Firewall', true, false",
        "list<string>, 'IPv6Firewall,PCP', !=, 'PCP', true, true",
        "list<string>, 'a,b', ==, 'a,b', false, 7008",
        "list<string>, 'a,b', <, 'a', true, 7008",
        "list<unsignedInt>, '5,10', ~=, 5, false, true",
        "list<unsignedInt>, '5,10', ~=, 05, false, true",
        "list<unsignedInt>, '5,10', ~=, +10, false, true",
        "list<unsignedInt>, '5,10', ~=, 7, false, false",
        "list<unsignedInt>, '', ~=, 5, false, false",
        "list<unsignedInt>, '5,x', ~=, 5, false, false",
        "list<unsignedInt>, '5,10', ~=, 5, true, 7008",
        "list<unsignedInt>, '5,10', ~=, abc, false, 7008",
        "list<unsignedInt>, '5,10', ~=, -5, false, 7008",
        "list<unsignedInt>, '5, 10', ==, '05,10', true, true",
        "list<unsignedInt>, '5,10', ==, '5,abc', true, 7008",
        "list<unsignedInt>, '5,10', >=, 5, false, 7008",
        "list<boolean>, '0,0,1', ~=, true, false, true",
        "list<boolean>, '0,0', ~=, true, false, false",
        "list<dateTime>, '2021-06-06T10:00:00+02:00', ~=, 2021-06-06T08:00:00Z, false, true"
    })
    void search_expression_semantics_of_tr369(String type, String actual, String op, String constant,
            boolean quoted, String expected) {
        ValueType t = TYPES.get(type);
        Result<Boolean> r = t.evaluate(actual, operator(op), constant, quoted);
        if (expected.equals("7008")) {
            assertFalse(r.isOk(), () -> "expected 7008, got " + r);
            assertEquals(ErrorCode.INVALID_PATH_SYNTAX, r.error().code());
            assertFalse(r.error().message().isBlank());
        } else {
            assertTrue(r.isOk(), () -> "expected " + expected + ", got " + r);
            assertEquals(Boolean.parseBoolean(expected), r.value());
        }
    }

    @Test
    void invalid_expression_messages_say_why() {
        Result<Boolean> quotedBoolean = ValueType.bool().evaluate("true", Operator.EQ, "true", true);
        assertTrue(quotedBoolean.error().message().contains("must not be"), quotedBoolean.error().message());
        Result<Boolean> orderedString = ValueType.string().evaluate("a", Operator.LT, "b", true);
        assertEquals("operator < is not valid for a string; only == and != are", orderedString.error().message());
        Result<Boolean> containsOnScalar = ValueType.int32().evaluate("1", Operator.CONTAINS, "1", false);
        assertTrue(containsOnScalar.error().message().contains("only valid for list"));
    }

    @Test
    void evaluate_with_a_null_actual_value_is_false() {
        assertEquals(Boolean.FALSE, ValueType.int32().evaluate(null, Operator.EQ, "1", false).value());
        assertEquals(Boolean.FALSE,
                TYPES.get("list<string>").evaluate(null, Operator.CONTAINS, "a", true).value());
    }

    @Test
    void every_operator_is_covered_for_every_base_type() {
        // each base type either evaluates or refuses each operator with 7008; nothing throws
        for (BaseType b : BaseType.values()) {
            ValueType t = ValueType.of(b);
            String sample = switch (b) {
                case STRING -> "x";
                case BOOLEAN -> "true";
                case DATE_TIME -> "2024-01-02T03:04:05Z";
                case BASE64 -> "AAAA";
                case HEX_BINARY -> "00";
                default -> "1";
            };
            for (Operator op : Operator.values()) {
                Result<Boolean> r = t.evaluate(sample, op, sample, b == BaseType.STRING);
                boolean ordered = b.isNumeric() || b == BaseType.DATE_TIME;
                boolean allowed = op == Operator.EQ || op == Operator.NE
                        || (ordered && op != Operator.CONTAINS);
                assertEquals(allowed, r.isOk(), b + " " + op.symbol());
                if (allowed) {
                    boolean reflexive = op == Operator.EQ || op == Operator.LE || op == Operator.GE;
                    assertEquals(reflexive, r.value(), b + " " + op.symbol());
                }
            }
        }
    }

    static Operator operator(String symbol) {
        return Arrays.stream(Operator.values()).filter(o -> o.symbol().equals(symbol)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ building and naming

    @Test
    void each_builder_call_returns_a_new_instance_and_leaves_the_original_alone() {
        ValueType plain = ValueType.string();
        ValueType limited = plain.maxLength(64);
        ValueType enumerated = limited.enumeration("Up", "Down");
        assertOutcome(plain, "x".repeat(100), "ok");
        assertOutcome(limited, "x".repeat(100), "7012");
        assertOutcome(limited, "Sideways", "ok");
        assertOutcome(enumerated, "Sideways", "7012");
        assertEquals(OptionalInt.empty(), plain.maxLength());
        assertEquals(OptionalInt.of(64), limited.maxLength());
        assertEquals(List.of("Up", "Down"), enumerated.enumerations());
        assertEquals(List.of(), limited.enumerations());
    }

    @Test
    void accessors_report_the_facets() {
        ValueType list = ValueType.listOf(ValueType.unsignedInt().range(1, 10)).minItems(1).maxItems(8).maxLength(64);
        assertTrue(list.isList());
        assertEquals(BaseType.STRING, list.base());
        assertEquals(OptionalInt.of(1), list.minItems());
        assertEquals(OptionalInt.of(8), list.maxItems());
        assertEquals(OptionalInt.of(64), list.maxLength());
        assertEquals(List.of(Range.between(1, 10)), list.itemType().orElseThrow().ranges());
        assertEquals(List.of("[0-9]+"), ValueType.string().pattern("[0-9]+").patterns());
        assertFalse(ValueType.string().isList());
        assertTrue(ValueType.string().itemType().isEmpty());
    }

    @Test
    void names_and_export_names() {
        assertEquals("unsignedInt", ValueType.unsignedInt().name());
        assertEquals("unsignedInt", ValueType.unsignedInt().exportName());
        assertFalse(ValueType.unsignedInt().isNamed());
        ValueType port = ValueType.named("Port", ValueType.unsignedInt().range(1, 65535));
        assertEquals("Port", port.name());
        assertTrue(port.isNamed());
        assertEquals(BaseType.UNSIGNED_INT, port.base());
        assertEquals("list<unsignedInt>", ValueType.listOf(ValueType.unsignedInt()).exportName());
        assertEquals("list<IPAddress>", ValueType.listOf(DataTypes.IP_ADDRESS).exportName());
        assertEquals("list<Port>", ValueType.listOf(port).exportName());
        assertThrows(IllegalArgumentException.class, () -> ValueType.string().named("not a name"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.string().named(""));
    }

    @Test
    void to_string_is_short_and_readable() {
        assertEquals("string(64)", ValueType.string().maxLength(64).toString());
        assertEquals("string(36:36)", ValueType.string().length(36, 36).toString());
        assertEquals("unsignedInt[0:65535]", ValueType.unsignedInt().range(0, 65535).toString());
        assertEquals("string{Up, Down}", ValueType.string().enumeration("Up", "Down").toString());
        assertEquals("list<string(256)> items(:8)",
                ValueType.listOf(ValueType.string().maxLength(256)).maxItems(8).toString());
        assertEquals("MACAddress(17) 2 patterns", DataTypes.MAC_ADDRESS.toString());
        assertEquals("dateTime", ValueType.dateTime().toString());
    }

    @Test
    void equal_definitions_are_equal() {
        assertEquals(ValueType.string().maxLength(64), ValueType.string().maxLength(64));
        assertEquals(ValueType.string().maxLength(64).hashCode(), ValueType.string().maxLength(64).hashCode());
        assertNotEquals(ValueType.string().maxLength(64), ValueType.string().maxLength(65));
        assertNotEquals(ValueType.string(), ValueType.string().named("Foo"));
        assertNotEquals(ValueType.unsignedInt(), ValueType.listOf(ValueType.unsignedInt()));
    }

    @Test
    void facets_that_do_not_apply_to_the_base_are_refused_when_building() {
        assertThrows(IllegalStateException.class, () -> ValueType.int32().maxLength(5));
        assertThrows(IllegalStateException.class, () -> ValueType.bool().minLength(1));
        assertThrows(IllegalStateException.class, () -> ValueType.string().range(0, 1));
        assertThrows(IllegalStateException.class, () -> ValueType.dateTime().range(0, 1));
        assertThrows(IllegalStateException.class, () -> ValueType.int32().enumeration("1"));
        assertThrows(IllegalStateException.class, () -> ValueType.string().maxItems(3));
        assertThrows(IllegalStateException.class,
                () -> ValueType.listOf(ValueType.string()).enumeration("a"));
        assertThrows(IllegalStateException.class, () -> ValueType.listOf(ValueType.string()).pattern("a"));
        assertThrows(IllegalArgumentException.class,
                () -> ValueType.listOf(ValueType.listOf(ValueType.string())));
        assertThrows(IllegalArgumentException.class, () -> ValueType.int32().range(Range.between(
                new BigDecimal("0.5"), BigDecimal.ONE)));
        assertThrows(IllegalArgumentException.class, () -> ValueType.string().length(5, 4));
        assertThrows(IllegalArgumentException.class, () -> ValueType.string().maxLength(-1));
        assertThrows(IllegalArgumentException.class,
                () -> ValueType.listOf(ValueType.string()).minItems(3).maxItems(2));
        assertThrows(IllegalArgumentException.class, () -> ValueType.string().pattern("[unclosed"));
        assertThrows(IllegalArgumentException.class, () -> Range.between(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Range.between(0, 10).withStep(0));
        assertThrows(NullPointerException.class, () -> ValueType.string().enumeration("a", null));
    }
}

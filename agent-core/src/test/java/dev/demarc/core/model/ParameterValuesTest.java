package dev.demarc.core.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @Test
    void keeps_the_order_and_answers_like_a_map() {
        byte[][] utf8 = {"Name".getBytes(UTF_8), "Status".getBytes(UTF_8), "Enable".getBytes(UTF_8)};
        ParameterValues v = ParameterValues.of(new String[] {"Name", "Status", "Enable"}, utf8,
                new String[] {"eth0", null, "true"}, 2);
        assertEquals(2, v.size());
        assertEquals(List.of("Name", "Enable"), List.copyOf(v.keySet()));
        assertEquals("true", v.get("Enable"));
        assertNull(v.get("Status"));
        assertEquals(Map.of("Name", "eth0", "Enable", "true"), v);
        assertEquals(Map.of("Name", "eth0", "Enable", "true").hashCode(), v.hashCode());
        assertEquals("Enable", v.name(1));
        assertSame(utf8[2], v.nameUtf8(1));
        assertArrayEquals("A".getBytes(UTF_8), ParameterValues.copyOf(Map.of("A", "1")).nameUtf8(0));
        assertThrows(IndexOutOfBoundsException.class, () -> v.value(2));
        assertThrows(UnsupportedOperationException.class, () -> v.put("X", "y"));
    }

    @Test
    void a_copy_of_a_map_keeps_its_order_and_a_builder_the_last_value_of_a_name() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("B", "1");
        m.put("A", "2");
        assertEquals(List.of("B", "A"), List.copyOf(ParameterValues.copyOf(m).keySet()));
        ParameterValues built = new ParameterValues.Builder(1).put("A", "1").put("B", "2").put("A", "3").build();
        assertEquals(List.of("A", "B"), List.copyOf(built.keySet()));
        assertEquals("3", built.get("A"));
    }

    private static final String[] NAMES = {"Name", "Status", "Enable"};
    private static final byte[][] NAMES_UTF8 = {"Name".getBytes(UTF_8), "Status".getBytes(UTF_8), "Enable".getBytes(UTF_8)};

    /** Strings equal to the literals but not the same objects. */
    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

    @Test
    void holds_what_of_would_make_from_the_very_same_strings_whole_or_with_values_left_out() {
        String eth0 = "eth0";
        String up = "Up";
        String yes = "true";
        ParameterValues whole = ParameterValues.of(NAMES, NAMES_UTF8, new String[] {eth0, up, yes}, 3);
        assertTrue(whole.holds(NAMES, new String[] {eth0, up, yes}, 3));
        assertFalse(whole.holds(NAMES, new String[] {eth0, fresh(up), yes}, 3), "equal is not the same");
        assertFalse(whole.holds(NAMES, new String[] {eth0, null, yes}, 2));
        assertFalse(whole.holds(new String[] {fresh("Name"), fresh("Status"), fresh("Enable")}, new String[] {eth0, up, yes}, 3),
                "other names");

        ParameterValues partial = ParameterValues.of(NAMES, NAMES_UTF8, new String[] {eth0, null, yes}, 2);
        assertTrue(partial.holds(NAMES, new String[] {eth0, null, yes}, 2));
        assertFalse(partial.holds(NAMES, new String[] {eth0, fresh(yes), null}, 2), "a value under another name");
        assertFalse(partial.holds(NAMES, new String[] {eth0, null, fresh(yes)}, 2));
        assertFalse(partial.holds(NAMES, new String[] {eth0, up, yes}, 3));
        assertFalse(partial.holds(NAMES, new String[] {null, null, yes}, 1));
        assertFalse(ParameterValues.copyOf(Map.of(fresh("Name"), eth0)).holds(NAMES, new String[] {eth0, null, null}, 1),
                "another name string");
    }

    @Test
    void an_equal_value_read_again_is_the_earlier_string() {
        String up = "Up";
        String yes = "true";
        ParameterValues whole = ParameterValues.of(NAMES, NAMES_UTF8, new String[] {"eth0", up, yes}, 3);
        assertSame(up, whole.sameOrEarlier(NAMES, 1, fresh(up)));
        String down = "Down";
        assertSame(down, whole.sameOrEarlier(NAMES, 1, down));
        assertSame(up, whole.sameOrEarlier(NAMES, 1, up));

        ParameterValues partial = ParameterValues.of(NAMES, NAMES_UTF8, new String[] {"eth0", null, yes}, 2);
        assertSame(yes, partial.sameOrEarlier(NAMES, 2, fresh(yes)), "found by name");
        String status = fresh(up);
        assertSame(status, partial.sameOrEarlier(NAMES, 1, status), "no earlier value");
    }
}

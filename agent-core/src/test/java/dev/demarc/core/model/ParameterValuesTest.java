package dev.demarc.core.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}

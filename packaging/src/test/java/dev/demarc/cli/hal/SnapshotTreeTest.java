package dev.demarc.cli.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.core.text.JsonWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SnapshotTreeTest {

    enum Colour { RED }

    record Inner(String name, Optional<Integer> size, OptionalInt level, Colour colour) {
    }

    record Outer(String password, String username, String keyPassphrase, Instant when, List<Inner> inners) {
    }

    private static final Outer SAMPLE = new Outer("s3cret", "user", "", Instant.parse("2026-01-02T03:04:05Z"),
            List.of(new Inner("a", Optional.of(3), OptionalInt.empty(), Colour.RED)));

    @Test
    void records_become_maps_of_their_components_in_order() {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) SnapshotTree.of(SAMPLE);
        assertEquals(List.of("password", "username", "keyPassphrase", "when", "inners"), new ArrayList<>(tree.keySet()));
        assertEquals("2026-01-02T03:04:05Z", tree.get("when"));
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = ((List<Map<String, Object>>) tree.get("inners")).get(0);
        assertEquals(3, inner.get("size"));
        assertNull(inner.get("level"));
        assertEquals("RED", inner.get("colour"));
    }

    @Test
    void secrets_are_hidden_unless_empty() {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) SnapshotTree.of(SAMPLE);
        assertEquals(SnapshotTree.HIDDEN, tree.get("password"));
        assertEquals("user", tree.get("username"));
        assertEquals("", tree.get("keyPassphrase"));
        StringWriter text = new StringWriter();
        SnapshotTree.text(new PrintWriter(text), SnapshotTree.of(SAMPLE), "");
        assertTrue(!text.toString().contains("s3cret"), text.toString());
    }

    @Test
    void the_tree_prints_as_json_that_reads_back() {
        String json = SnapshotTree.json(new JsonWriter(), SnapshotTree.of(SAMPLE)).toJson();
        JsonValue.Obj o = JsonReader.parseObject("test", json).value();
        assertEquals("user", o.string("username").orElseThrow());
        assertEquals(3, o.array("inners").objects().get(0).number("size").getAsLong());
        assertEquals(JsonValue.NULL, o.array("inners").objects().get(0).get("level").orElseThrow());
    }

    @Test
    void the_text_is_indented_with_list_items_and_plain_lists_on_one_line() {
        StringWriter out = new StringWriter();
        SnapshotTree.text(new PrintWriter(out, true), SnapshotTree.of(Map.of("list", List.of(1, 2), "items",
                List.of(new Inner("a", Optional.empty(), OptionalInt.of(2), Colour.RED)))), "");
        String text = out.toString();
        assertTrue(text.contains("list: [1, 2]\n"), text);
        assertTrue(text.contains("items:\n  - name: a\n    size: -\n    level: 2\n    colour: RED\n"), text);
    }

    @Test
    void long_lists_are_cut() {
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < SnapshotTree.MAX_ITEMS + 5; i++) {
            many.add(i);
        }
        List<?> tree = (List<?>) SnapshotTree.of(many);
        assertEquals(SnapshotTree.MAX_ITEMS + 1, tree.size());
        assertEquals("(5 more)", tree.get(SnapshotTree.MAX_ITEMS));
    }
}

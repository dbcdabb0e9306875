package dev.demarc.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void reads_the_output_of_ip_json() {
        String text = "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\"],\"mtu\":65536,"
                + "\"address\":\"00:00:00:00:00:00\",\"stats64\":{\"rx\":{\"bytes\":18446744073709551615}},"
                + "\"altnames\":[],\"up\":true,\"x\":null,\"r\":-1.5e3}]";
        JsonValue.Arr links = JsonReader.parseArray("ip -j link", text).value();
        JsonValue.Obj lo = links.objects().get(0);
        assertEquals(1, lo.number("ifindex").getAsLong());
        assertEquals("lo", lo.string("ifname").get());
        assertEquals(List.of("LOOPBACK", "UP"), lo.array("flags").strings());
        assertEquals(true, lo.bool("up").get());
        assertEquals(JsonValue.NULL, lo.get("x").get());
        assertEquals("-1500", lo.string("r").get());
        // Beyond a long: absent as a number, present as text.
        assertTrue(lo.object("stats64").get().object("rx").get().number("bytes").isEmpty());
        assertEquals("18446744073709551615", lo.object("stats64").get().object("rx").get().string("bytes").get());
        assertTrue(lo.string("missing").isEmpty());
        assertTrue(lo.array("missing").items().isEmpty());
    }

    @Test
    void reads_escapes_and_what_the_writer_writes() {
        String written = new JsonWriter().beginObject().name("a\"b").value("tab\there é \u0001")
                .name("n").value(42).endObject().toJson();
        JsonValue.Obj o = JsonReader.parseObject("w", written).value();
        assertEquals("tab\there é \u0001", o.string("a\"b").get());
        assertEquals(42, o.number("n").getAsLong());
    }

    @Test
    void a_bad_text_is_an_error_with_line_and_column() {
        Result<JsonValue> r = JsonReader.parse("sim.json", "{\n  \"a\": 1\n  \"b\": 2}");
        assertFalse(r.isOk());
        assertEquals("sim.json:3:3: expected ',' or '}'", r.error().message());
        for (String bad : List.of("", "{", "[1,]", "{\"a\"}", "01", "tru", "\"\\x\"", "1 2", "[\"a\n\"]", "-", "1.", "1e")) {
            assertFalse(JsonReader.parse("t", bad).isOk(), bad);
        }
    }

    @Test
    void nesting_is_bounded() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        assertTrue(JsonReader.parse("t", deep).error().message().contains("deeper than"));
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertTrue(JsonReader.parse("t", ok).isOk());
    }

    @Test
    void never_throws_on_random_text() {
        Random random = new Random(7);
        String alphabet = "{}[]\",:0123456789.eE+-tfnrulsa\\ \n";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(24);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            JsonReader.parse("fuzz", sb.toString());
        }
    }
}

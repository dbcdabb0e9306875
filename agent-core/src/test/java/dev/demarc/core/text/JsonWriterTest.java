package dev.demarc.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void plain_text_is_quoted_as_it_is() {
        assertEquals("\"Device.LocalAgent.Controller.{i}.\"", JsonWriter.quote("Device.LocalAgent.Controller.{i}."));
        assertEquals("\"\"", JsonWriter.quote(""));
    }

    @Test
    void quotes_and_backslashes_are_escaped() {
        assertEquals("\"say \\\"hi\\\"\"", JsonWriter.quote("say \"hi\""));
        assertEquals("\"C:\\\\temp\\\\\"", JsonWriter.quote("C:\\temp\\"));
        assertEquals("\"a/b\"", JsonWriter.quote("a/b"), "a slash needs no escape");
    }

    @Test
    void control_characters_are_escaped() {
        assertEquals("\"\\n\\r\\t\\b\\f\"", JsonWriter.quote("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u0001\\u001f\\u007f\"", JsonWriter.quote("\u0000\u0001\u001f\u007f"));
    }

    @Test
    void non_ascii_is_escaped_so_the_output_is_ascii() {
        assertEquals("\"caf\\u00e9\"", JsonWriter.quote("café"));
        assertEquals("\"\\u20ac\"", JsonWriter.quote("€"));
        assertEquals("\"\\u2028\"", JsonWriter.quote("\u2028"), "line separator, which JavaScript chokes on");
        assertEquals("\"\\ud83d\\ude00\"", JsonWriter.quote("\uD83D\uDE00"), "a supplementary character as its surrogate pair");
    }

    @Test
    void nested_objects_and_arrays_get_commas_between_members_only() {
        String json = new JsonWriter().beginObject()
                .name("path").value("Device.Reboot()")
                .name("async").value(false)
                .name("input").beginArray().value("Cause").value("Reason").endArray()
                .name("output").beginArray().endArray()
                .name("n").value(-42)
                .name("nothing").nullValue()
                .name("inner").beginObject().name("k").value((String) null).endObject()
                .endObject().toJson();
        assertEquals("{\"path\":\"Device.Reboot()\",\"async\":false,\"input\":[\"Cause\",\"Reason\"],"
                + "\"output\":[],\"n\":-42,\"nothing\":null,\"inner\":{\"k\":null}}", json);
    }

    @Test
    void names_are_escaped_too() {
        assertEquals("{\"a\\\"b\":true}", new JsonWriter().beginObject().name("a\"b").value(true).endObject().toJson());
    }

    @Test
    void misuse_is_refused() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value("no name"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toJson());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().toJson());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
    }
}

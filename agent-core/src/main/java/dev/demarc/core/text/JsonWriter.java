package dev.demarc.core.text;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Writes JSON text (RFC 8259) without any dependency: objects, arrays, strings, numbers,
 * booleans and null, compact ({@code {"a":1,"b":[true,null]}}). The output is pure ASCII:
 * every character outside printable ASCII, and {@code "} and {@code \}, is escaped, so the text
 * survives any console or file encoding.
 *
 * <p>Misuse (a value where a name is expected, a name inside an array, closing what is not
 * open, reading the text before everything is closed) is a bug and throws
 * {@link IllegalStateException}. Not thread-safe: one writer per thread.
 *
 * <pre>{@code
 * new JsonWriter().beginObject().name("path").value("Device.").endObject().toJson()
 * }</pre>
 */
public final class JsonWriter {

    private enum Scope { OBJECT_EXPECTING_NAME, OBJECT_EXPECTING_VALUE, ARRAY }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    /** Whether the current container already holds a member, so the next needs a comma. */
    private final Deque<Boolean> nonEmpty = new ArrayDeque<>();
    private boolean topLevelWritten;

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(Scope.OBJECT_EXPECTING_NAME);
        nonEmpty.push(false);
        return this;
    }

    public JsonWriter endObject() {
        if (scopes.peek() != Scope.OBJECT_EXPECTING_NAME) {
            throw new IllegalStateException("no object to close here");
        }
        scopes.pop();
        nonEmpty.pop();
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(Scope.ARRAY);
        nonEmpty.push(false);
        return this;
    }

    public JsonWriter endArray() {
        if (scopes.peek() != Scope.ARRAY) {
            throw new IllegalStateException("no array to close here");
        }
        scopes.pop();
        nonEmpty.pop();
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        Objects.requireNonNull(name, "name");
        if (scopes.peek() != Scope.OBJECT_EXPECTING_NAME) {
            throw new IllegalStateException("a name belongs only inside an object, before its value");
        }
        if (nonEmpty.pop()) {
            out.append(',');
        }
        nonEmpty.push(true);
        appendQuoted(out, name);
        out.append(':');
        scopes.pop();
        scopes.push(Scope.OBJECT_EXPECTING_VALUE);
        return this;
    }

    /** A string value, or null for {@code null}. */
    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        appendQuoted(out, value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** The finished text; everything opened must be closed. */
    public String toJson() {
        if (!scopes.isEmpty() || !topLevelWritten) {
            throw new IllegalStateException("the JSON text is not complete");
        }
        return out.toString();
    }

    /** The text so far, complete or not (for debugging). */
    @Override
    public String toString() {
        return out.toString();
    }

    /** {@code text} as a JSON string literal, quotes included, in ASCII. */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2);
        appendQuoted(sb, text);
        return sb.toString();
    }

    private void beforeValue() {
        Scope scope = scopes.peek();
        if (scope == null) {
            if (topLevelWritten) {
                throw new IllegalStateException("a JSON text holds one top-level value");
            }
            topLevelWritten = true;
        } else if (scope == Scope.OBJECT_EXPECTING_NAME) {
            throw new IllegalStateException("an object member needs a name first");
        } else if (scope == Scope.OBJECT_EXPECTING_VALUE) {
            scopes.pop();
            scopes.push(Scope.OBJECT_EXPECTING_NAME);
        } else {
            if (nonEmpty.pop()) {
                out.append(',');
            }
            nonEmpty.push(true);
        }
    }

    private static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        // Control characters, DEL and everything beyond ASCII, one UTF-16 unit at a
                        // time: a supplementary character becomes its surrogate pair, as JSON wants.
                        sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}

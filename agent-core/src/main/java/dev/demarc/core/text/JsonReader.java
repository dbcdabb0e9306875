package dev.demarc.core.text;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads JSON text (RFC 8259) into a {@link JsonValue}, without any dependency. Bounded: the
 * text may be at most {@link #MAX_LENGTH} characters and nest at most {@link #MAX_DEPTH}
 * levels. A bad text is an error value naming the source, line and column, e.g.
 * {@code sim.json:3:14: expected ',' or '}'}; this class never throws on input.
 * Thread-safe (no state between calls).
 */
public final class JsonReader {

    /** The longest text read: 16 MiB of characters. */
    public static final int MAX_LENGTH = 16 * 1024 * 1024;
    /** The deepest nesting of objects and arrays. */
    public static final int MAX_DEPTH = 64;

    private final String source;
    private final String text;
    private int pos;

    private JsonReader(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * Parses {@code text}, which must hold exactly one JSON value (white space around it
     * allowed). {@code source} names the text in error messages (a file name, a command).
     */
    public static Result<JsonValue> parse(String source, String text) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            return Result.err(ErrorCode.INVALID_VALUE,
                    source + ": longer than " + MAX_LENGTH + " characters; not read");
        }
        JsonReader r = new JsonReader(source, text);
        try {
            r.skipSpace();
            JsonValue v = r.value(0);
            r.skipSpace();
            if (r.pos < text.length()) {
                throw r.error("unexpected text after the value");
            }
            return Result.ok(v);
        } catch (BadJson e) {
            return Result.err(ErrorCode.INVALID_VALUE, e.getMessage());
        }
    }

    /** Parses text that must hold an object. */
    public static Result<JsonValue.Obj> parseObject(String source, String text) {
        return parse(source, text).flatMap(v -> v instanceof JsonValue.Obj o ? Result.ok(o)
                : Result.err(ErrorCode.INVALID_VALUE, source + ": expected a JSON object"));
    }

    /** Parses text that must hold an array. */
    public static Result<JsonValue.Arr> parseArray(String source, String text) {
        return parse(source, text).flatMap(v -> v instanceof JsonValue.Arr a ? Result.ok(a)
                : Result.err(ErrorCode.INVALID_VALUE, source + ": expected a JSON array"));
    }

    private JsonValue value(int depth) {
        if (pos >= text.length()) {
            throw error("expected a value, found the end of the text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return new JsonValue.Str(string());
            case 't':
                literal("true");
                return new JsonValue.Bool(true);
            case 'f':
                literal("false");
                return new JsonValue.Bool(false);
            case 'n':
                literal("null");
                return JsonValue.NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private JsonValue.Obj object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new JsonValue.Obj(members);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            members.put(name, value(depth));
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return new JsonValue.Obj(members);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private JsonValue.Arr array(int depth) {
        checkDepth(depth);
        pos++;
        List<JsonValue> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return new JsonValue.Arr(items);
        }
        while (true) {
            skipSpace();
            items.add(value(depth));
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return new JsonValue.Arr(items);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("a control character inside a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("a string is not closed");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("a \\u escape needs four hex digits");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) {
                            pos--;
                            throw error("a \\u escape needs four hex digits");
                        }
                        code = code * 16 + d;
                    }
                    sb.append((char) code);
                }
                default -> {
                    pos--;
                    throw error("unknown escape '\\" + printable(e) + "'");
                }
            }
        }
    }

    private JsonValue.Num number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("a number needs digits");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("a number needs digits after '.'");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs digits in its exponent");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start > 400) {
            throw error("a number longer than 400 characters");
        }
        try {
            return new JsonValue.Num(new BigDecimal(text.substring(start, pos)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("a number out of range");
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character '" + printable(text.charAt(pos)) + "'");
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private BadJson error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new BadJson(source + ":" + line + ":" + column + ": " + what);
    }

    /** Unwinds the parse; never leaves this class. */
    private static final class BadJson extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadJson(String message) {
            super(message, null, false, false);
        }
    }
}

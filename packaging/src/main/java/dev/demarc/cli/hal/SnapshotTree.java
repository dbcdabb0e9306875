package dev.demarc.cli.hal;

import dev.demarc.core.text.JsonWriter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What a platform part returned, as a tree of plain values for {@code demarc hal}: records become
 * maps of their components (in declaration order), collections lists, {@code Optional}s their
 * value or null, enums their name, anything else its text. Nothing of the data model: this is
 * what the platform layer read, as it read it.
 *
 * <p>A component whose name says it holds a secret (password, passphrase, pre-shared key) is
 * shown as {@value #HIDDEN} when it is not empty. The tree is bounded: {@value #MAX_DEPTH} levels,
 * {@value #MAX_ITEMS} items per list.
 *
 * <p>Pure; any thread.
 */
public final class SnapshotTree {

    /** What a secret reads as. */
    public static final String HIDDEN = "(hidden)";
    public static final int MAX_DEPTH = 32;
    public static final int MAX_ITEMS = 10_000;

    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passphrase|secret|presharedkey|psk).*");

    private SnapshotTree() {
    }

    /**
     * The tree of {@code value}: null, a {@link String}, {@link Number} or {@link Boolean}, a
     * {@code List<Object>} or a {@code Map<String, Object>} of such.
     */
    public static Object of(Object value) {
        return of(value, 0);
    }

    private static Object of(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return "(deeper than " + MAX_DEPTH + " levels)";
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            return n instanceof Double || n instanceof Float ? n.toString() : n;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Optional<?> o) {
            return o.map(v -> of(v, depth + 1)).orElse(null);
        }
        if (value instanceof OptionalInt o) {
            return o.isPresent() ? (Object) o.getAsInt() : null;
        }
        if (value instanceof OptionalLong o) {
            return o.isPresent() ? (Object) o.getAsLong() : null;
        }
        if (value instanceof OptionalDouble o) {
            return o.isPresent() ? Double.toString(o.getAsDouble()) : null;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object item : c) {
                if (out.size() == MAX_ITEMS) {
                    out.add("(" + (c.size() - MAX_ITEMS) + " more)");
                    break;
                }
                out.add(of(item, depth + 1));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (out.size() == MAX_ITEMS) {
                    break;
                }
                String key = String.valueOf(e.getKey());
                out.put(key, secret(key, e.getValue()) ? HIDDEN : of(e.getValue(), depth + 1));
            }
            return out;
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(value);
                } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                    out.put(c.getName(), "(unreadable: " + e.getClass().getSimpleName() + ")");
                    continue;
                }
                out.put(c.getName(), secret(c.getName(), v) ? HIDDEN : of(v, depth + 1));
            }
            return out;
        }
        return value.toString();
    }

    private static boolean secret(String name, Object value) {
        return SECRET.matcher(name).matches() && value instanceof CharSequence s && s.length() > 0;
    }

    /** Writes {@code tree} (from {@link #of}) into {@code w} as JSON. */
    public static JsonWriter json(JsonWriter w, Object tree) {
        if (tree == null) {
            return w.nullValue();
        }
        if (tree instanceof Boolean b) {
            return w.value(b);
        }
        if (tree instanceof Number n) {
            return w.value(n.longValue());
        }
        if (tree instanceof List<?> list) {
            w.beginArray();
            for (Object item : list) {
                json(w, item);
            }
            return w.endArray();
        }
        if (tree instanceof Map<?, ?> map) {
            w.beginObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json(w.name(String.valueOf(e.getKey())), e.getValue());
            }
            return w.endObject();
        }
        return w.value(tree.toString());
    }

    /**
     * Prints {@code tree} as indented text: {@code name: value} for a member, {@code - } before
     * each list item, {@code []} and {@code {}} for empty ones, {@code -} for null.
     */
    public static void text(PrintWriter out, Object tree, String indent) {
        if (tree instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.println(indent + "{}");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                member(out, indent, e.getKey() + ":", e.getValue());
            }
        } else if (tree instanceof List<?> list) {
            if (list.isEmpty()) {
                out.println(indent + "[]");
            }
            for (Object item : list) {
                member(out, indent, "-", item);
            }
        } else {
            out.println(indent + scalar(tree));
        }
    }

    private static void member(PrintWriter out, String indent, String label, Object value) {
        if (label.equals("-") && value instanceof Map<?, ?> m && !m.isEmpty()) {
            // a list item that is a map: its first member on the dash's line, as YAML does
            java.io.StringWriter item = new java.io.StringWriter();
            PrintWriter w = new PrintWriter(item);
            text(w, value, indent + "  ");
            w.flush();
            out.print(indent + "- " + item.toString().substring(indent.length() + 2));
        } else if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            out.println(indent + label);
            text(out, value, indent + "  ");
        } else if (value instanceof List<?> l && !l.isEmpty()
                && l.stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>)) {
            // a list of plain values on one line: [1, 2, 3]
            out.println(indent + label + " [" + String.join(", ", l.stream().map(SnapshotTree::scalar).toList()) + "]");
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            out.println(indent + label);
            text(out, value, indent + "  ");
        } else if (value instanceof Map<?, ?>) {
            out.println(indent + label + " {}");
        } else if (value instanceof List<?>) {
            out.println(indent + label + " []");
        } else {
            out.println(indent + label + " " + scalar(value));
        }
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "-";
        }
        String s = value.toString();
        if (value instanceof String && (s.isEmpty() || !s.strip().equals(s) || s.chars().anyMatch(c -> c < 0x20))) {
            return JsonWriter.quote(s);
        }
        return s;
    }
}

package dev.demarc.hal.simulated;

import dev.demarc.core.text.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Building and reading the JSON values of the simulated areas. */
final class SimulatedJson {

    private SimulatedJson() {
    }

    /** An object builder that keeps the order members are put in. */
    static final class Obj {
        private final Map<String, JsonValue> members = new LinkedHashMap<>();

        Obj put(String name, String value) {
            members.put(name, new JsonValue.Str(value));
            return this;
        }

        Obj put(String name, long value) {
            members.put(name, new JsonValue.Num(BigDecimal.valueOf(value)));
            return this;
        }

        Obj put(String name, boolean value) {
            members.put(name, new JsonValue.Bool(value));
            return this;
        }

        Obj put(String name, JsonValue value) {
            members.put(name, value);
            return this;
        }

        Obj strings(String name, List<String> values) {
            members.put(name, new JsonValue.Arr(values.stream().map(v -> (JsonValue) new JsonValue.Str(v)).toList()));
            return this;
        }

        JsonValue.Obj build() {
            return new JsonValue.Obj(members);
        }
    }

    static Obj obj() {
        return new Obj();
    }

    /** {@code area} with member {@code name} replaced by {@code value}; an area that is no object becomes one. */
    static JsonValue.Obj with(JsonValue area, String name, JsonValue value) {
        Map<String, JsonValue> members = new LinkedHashMap<>(area instanceof JsonValue.Obj o ? o.members() : Map.of());
        members.put(name, value);
        return new JsonValue.Obj(members);
    }

    static JsonValue.Obj asObject(JsonValue area) {
        return area instanceof JsonValue.Obj o ? o : new JsonValue.Obj(Map.of());
    }

    /** An ISO instant ({@code 2026-01-01T00:00:00Z}); {@code otherwise} when absent or not one. */
    static Instant instant(JsonValue.Obj o, String name, Instant otherwise) {
        String text = o.string(name, "");
        try {
            return text.isEmpty() ? otherwise : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}

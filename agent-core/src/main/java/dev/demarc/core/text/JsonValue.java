package dev.demarc.core.text;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed JSON value (RFC 8259), immutable: what {@link JsonReader} gives. The accessors of
 * {@link Obj} and {@link Arr} never throw on a missing member or a value of another type: they
 * answer empty, so that code reading another program's output ({@code ip -j}, {@code ubus})
 * says itself what it does when a field is absent.
 */
public sealed interface JsonValue permits JsonValue.Obj, JsonValue.Arr, JsonValue.Str, JsonValue.Num,
        JsonValue.Bool, JsonValue.Null {

    /** The JSON {@code null}. */
    Null NULL = new Null();

    /** An object; members keep the order of the text. */
    record Obj(Map<String, JsonValue> members) implements JsonValue {
        public Obj {
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Optional<JsonValue> get(String name) {
            return Optional.ofNullable(members.get(name));
        }

        /** The member as a string; a number or boolean is given as its JSON text. */
        public Optional<String> string(String name) {
            JsonValue v = members.get(name);
            if (v instanceof Str s) {
                return Optional.of(s.value());
            }
            if (v instanceof Num n) {
                return Optional.of(n.value().toPlainString());
            }
            if (v instanceof Bool b) {
                return Optional.of(Boolean.toString(b.value()));
            }
            return Optional.empty();
        }

        /** The member as a string, or {@code otherwise}. */
        public String string(String name, String otherwise) {
            return string(name).orElse(otherwise);
        }

        /** The member as an integral number that fits a long; a string of digits counts too. */
        public OptionalLong number(String name) {
            JsonValue v = members.get(name);
            try {
                if (v instanceof Num n) {
                    return OptionalLong.of(n.value().longValueExact());
                }
                if (v instanceof Str s && !s.value().isEmpty() && s.value().length() <= 20) {
                    return OptionalLong.of(Long.parseLong(s.value().trim()));
                }
            } catch (ArithmeticException | NumberFormatException e) {
                return OptionalLong.empty();
            }
            return OptionalLong.empty();
        }

        public Optional<Boolean> bool(String name) {
            return members.get(name) instanceof Bool b ? Optional.of(b.value()) : Optional.empty();
        }

        public Optional<Obj> object(String name) {
            return members.get(name) instanceof Obj o ? Optional.of(o) : Optional.empty();
        }

        /** The member as an array; an absent member or one of another type is the empty array. */
        public Arr array(String name) {
            return members.get(name) instanceof Arr a ? a : Arr.EMPTY;
        }
    }

    /** An array. */
    record Arr(List<JsonValue> items) implements JsonValue {
        public static final Arr EMPTY = new Arr(List.of());

        public Arr {
            items = List.copyOf(items);
        }

        /** The items that are objects, in order; others are skipped. */
        public List<Obj> objects() {
            return items.stream().filter(Obj.class::isInstance).map(Obj.class::cast).toList();
        }

        /** The items that are strings, in order; others are skipped. */
        public List<String> strings() {
            return items.stream().filter(Str.class::isInstance).map(v -> ((Str) v).value()).toList();
        }
    }

    record Str(String value) implements JsonValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    record Num(BigDecimal value) implements JsonValue {
        public Num {
            Objects.requireNonNull(value, "value");
        }
    }

    record Bool(boolean value) implements JsonValue {
    }

    record Null() implements JsonValue {
    }
}

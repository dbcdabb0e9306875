package dev.demarc.core.path;

import java.util.List;
import java.util.Objects;

/**
 * One step of a parsed TR-369 path name. A path is a list of segments; the text between two
 * dots gives one segment, and a reference-following decorator ({@code +}, {@code #n+},
 * {@code #*+}) gives a {@link Follow} right after the {@link Name} of the reference parameter.
 */
public sealed interface Segment
        permits Segment.Name, Segment.Instance, Segment.Wildcard, Segment.Search, Segment.Follow {

    /** An object, parameter, command or event name: {@code [A-Za-z_][A-Za-z_0-9]*}. */
    record Name(String name) implements Segment {
        public Name {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }

        // equals and hashCode by hand: the generated ones go through method handles that the JVM
        // compiles into classes of their own, which the class data sharing archive cannot hold.
        @Override
        public boolean equals(Object other) {
            return other instanceof Name o
                    && Objects.equals(name, o.name);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(name);
        }
    }

    /** Instance number addressing: a positive integer. */
    record Instance(int number) implements Segment {
        public Instance {
            if (number < 1) {
                throw new IllegalArgumentException("instance number must be >= 1: " + number);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(number);
        }
    }

    /** {@code *} in place of an instance identifier; {@code {i}} in a supported-model path. */
    record Wildcard() implements Segment {
        @Override
        public String toString() {
            return "*";
        }
    }

    /**
     * {@code [expr]}: a search expression, or unique-key addressing when its conditions are
     * {@code ==} on all parameters of one unique key (the engine decides that with the schema).
     */
    record Search(List<Condition> conditions) implements Segment {
        public Search {
            conditions = List.copyOf(conditions);
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("empty search expression");
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < conditions.size(); i++) {
                if (i > 0) {
                    sb.append("&&");
                }
                sb.append(conditions.get(i));
            }
            return sb.append(']').toString();
        }
    }

    /**
     * Reference following of the preceding name: {@code +} and {@code #1+} have item 1,
     * {@code #n+} item n, {@code #*+} follows every item ({@link #ALL_ITEMS}).
     */
    record Follow(int item) implements Segment {
        public static final int ALL_ITEMS = 0;

        public Follow {
            if (item < 0) {
                throw new IllegalArgumentException("list item must be >= 1 or ALL_ITEMS: " + item);
            }
        }

        public boolean allItems() {
            return item == ALL_ITEMS;
        }

        @Override
        public String toString() {
            return item == ALL_ITEMS ? "#*+" : item == 1 ? "+" : "#" + item + "+";
        }
    }

    /**
     * One expression component: a relative parameter path (names and follows only, no
     * instance identifiers), an operator and a constant.
     */
    record Condition(List<Segment> parameter, Operator operator, Constant constant) {
        public Condition {
            parameter = List.copyOf(parameter);
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(constant, "constant");
            if (parameter.isEmpty() || !(parameter.get(parameter.size() - 1) instanceof Name)) {
                throw new IllegalArgumentException("condition must end in a parameter name");
            }
            for (Segment s : parameter) {
                if (!(s instanceof Name) && !(s instanceof Follow)) {
                    throw new IllegalArgumentException("condition path may hold names and follows only");
                }
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parameter.size(); i++) {
                Segment s = parameter.get(i);
                if (i > 0 && s instanceof Name) {
                    sb.append('.');
                }
                sb.append(s);
            }
            return sb.append(operator.symbol()).append(constant).toString();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Condition o
                    && Objects.equals(parameter, o.parameter)
                    && Objects.equals(operator, o.operator)
                    && Objects.equals(constant, o.constant);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(parameter);
            h = 31 * h + Objects.hashCode(operator);
            h = 31 * h + Objects.hashCode(constant);
            return h;
        }
    }

    /**
     * An expression constant. {@code value} is the text with percent-escapes ({@code %22},
     * {@code %25}) already decoded; {@code quoted} tells whether it was a double-quoted string.
     */
    record Constant(String value, boolean quoted) {
        public Constant {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return quoted ? '"' + value.replace("%", "%25").replace("\"", "%22") + '"' : value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Constant o
                    && Objects.equals(value, o.value)
                    && quoted == o.quoted;
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(value);
            h = 31 * h + Boolean.hashCode(quoted);
            return h;
        }
    }
}

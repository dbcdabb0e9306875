package dev.demarc.core.schema;

import java.util.Objects;

/**
 * An input or output argument of a command, or an argument of an event.
 *
 * @param name         the argument name, e.g. {@code NumberOfTries}
 * @param type         its value type with facets
 * @param mandatory    an input argument an Operate must give (TR-369 R-OPR.5)
 * @param defaultValue for an optional input argument, the value the command receives when an
 *                     Operate leaves it out: the data model's default (TR-181 {@code <default
 *                     type="object">}, e.g. 3 for TraceRoute's {@code NumberOfTries}; TP-469
 *                     1.92); empty for none. Must be valid for {@code type}
 */
public record ArgumentDef(String name, ValueType type, boolean mandatory, String defaultValue) {

    public ArgumentDef {
        SchemaNames.requireRelativeName(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (!defaultValue.isEmpty()) {
            if (mandatory) {
                throw new IllegalArgumentException(name + ": a mandatory argument has no default value");
            }
            type.check(defaultValue).ifPresent(e -> {
                throw new IllegalArgumentException(name + ": default value " + defaultValue + " is not valid: "
                        + e.message());
            });
        }
    }

    /** An argument without a default value. */
    public ArgumentDef(String name, ValueType type, boolean mandatory) {
        this(name, type, mandatory, "");
    }

    public static ArgumentDef optional(String name, ValueType type) {
        return new ArgumentDef(name, type, false);
    }

    public static ArgumentDef mandatory(String name, ValueType type) {
        return new ArgumentDef(name, type, true);
    }

    /** This optional argument with the data model's default value (see {@link #defaultValue()}). */
    public ArgumentDef withDefault(String value) {
        return new ArgumentDef(name, type, mandatory, value);
    }

    public boolean hasDefault() {
        return !defaultValue.isEmpty();
    }
}

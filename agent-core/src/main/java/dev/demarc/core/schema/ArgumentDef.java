package dev.demarc.core.schema;

import java.util.Objects;

/** An input or output argument of a command, or an argument of an event. */
public record ArgumentDef(String name, ValueType type, boolean mandatory) {

    public ArgumentDef {
        SchemaNames.requireRelativeName(name);
        Objects.requireNonNull(type, "type");
    }

    public static ArgumentDef optional(String name, ValueType type) {
        return new ArgumentDef(name, type, false);
    }

    public static ArgumentDef mandatory(String name, ValueType type) {
        return new ArgumentDef(name, type, true);
    }
}

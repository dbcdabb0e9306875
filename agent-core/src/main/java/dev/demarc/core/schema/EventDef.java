package dev.demarc.core.schema;

import java.util.List;

/** An event of the supported data model, e.g. {@code Boot!}; {@code name} has no {@code !}. */
public record EventDef(String name, List<ArgumentDef> arguments) {

    public EventDef {
        SchemaNames.requireName(name);
        arguments = List.copyOf(arguments);
        SchemaNames.requireDistinct(name + "! arguments", arguments.stream().map(ArgumentDef::name).toList());
    }
}

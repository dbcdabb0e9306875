package dev.demarc.core.schema;

import java.util.List;

/** A command of the supported data model, e.g. {@code Reboot()}; {@code name} has no parentheses. */
public record CommandDef(String name, boolean async, List<ArgumentDef> input, List<ArgumentDef> output) {

    public CommandDef {
        SchemaNames.requireName(name);
        input = List.copyOf(input);
        output = List.copyOf(output);
        SchemaNames.requireDistinct(name + "() input", input.stream().map(ArgumentDef::name).toList());
        SchemaNames.requireDistinct(name + "() output", output.stream().map(ArgumentDef::name).toList());
    }
}

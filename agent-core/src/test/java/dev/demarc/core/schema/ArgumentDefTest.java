package dev.demarc.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Command arguments and their data model defaults (TP-469 1.92). */
class ArgumentDefTest {

    @Test
    void an_optional_argument_may_carry_a_default_valid_for_its_type() {
        ArgumentDef tries = ArgumentDef.optional("NumberOfTries", ValueType.unsignedInt().range(1, 3)).withDefault("3");
        assertTrue(tries.hasDefault());
        assertEquals("3", tries.defaultValue());
        assertFalse(ArgumentDef.optional("DSCP", ValueType.unsignedInt()).hasDefault());
    }

    @Test
    void a_default_outside_the_type_or_on_a_mandatory_argument_is_a_schema_bug() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArgumentDef.optional("NumberOfTries", ValueType.unsignedInt().range(1, 3)).withDefault("4"));
        assertTrue(e.getMessage().startsWith("NumberOfTries: default value 4 is not valid"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ArgumentDef.mandatory("Host", ValueType.string()).withDefault("localhost"));
    }
}

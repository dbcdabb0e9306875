package dev.demarc.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "Device.", "é", "€uro", "\uD83D\uDE00 grin", "mixed é € \uD83D\uDE00"})
    void the_length_of_a_well_formed_string_is_its_encoded_size(String s) {
        assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf8.length(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "a\uDE00b"})
    void an_unpaired_surrogate_counts_three_bytes(String s) {
        assertEquals(s.length() - 1 + 3, Utf8.length(s));
    }
}

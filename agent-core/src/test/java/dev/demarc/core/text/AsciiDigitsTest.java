package dev.demarc.core.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AsciiDigitsTest {

    @Test
    void onlyAsciiDigitsInANonEmptyRange() {
        assertTrue(AsciiDigits.only("0123456789", 0, 10));
        assertTrue(AsciiDigits.only("Client.12.", 7, 9));
        assertFalse(AsciiDigits.only("Client.12.", 7, 7), "empty");
        assertFalse(AsciiDigits.only("Client.12.", 8, 7), "backwards");
        assertFalse(AsciiDigits.only("Client.12.", 7, 10), "the dot");
        assertFalse(AsciiDigits.only("-1", 0, 2));
        assertFalse(AsciiDigits.only("+1", 0, 2));
        assertFalse(AsciiDigits.only("\u0663", 0, 1), "an Arabic-Indic three is a digit, not an ASCII one");
    }
}

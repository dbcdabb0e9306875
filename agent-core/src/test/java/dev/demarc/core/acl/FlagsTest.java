package dev.demarc.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlagsTest {

    @ParameterizedTest(name = "{0} reads r={1} w={2} x={3} n={4}")
    @CsvSource({
        "----, false, false, false, false",
        "rwxn, true,  true,  true,  true",
        "r---, true,  false, false, false",
        "-w--, false, true,  false, false",
        "--x-, false, false, true,  false",
        "---n, false, false, false, true",
        "r--n, true,  false, false, true",
        "r-x-, true,  false, true,  false",
    })
    void permission_string_is_four_letters_in_rwxn_order_with_dash_for_absent(
            String text, boolean r, boolean w, boolean x, boolean n) {
        Result<Flags> parsed = Flags.parse(text);
        assertTrue(parsed.isOk(), () -> parsed.error().toString());
        assertEquals(new Flags(r, w, x, n), parsed.value());
        assertEquals(text, parsed.value().toString());
        assertSame(Flags.of(r, w, x, n), parsed.value());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "r", "rwx", "rwxnn", "RWXN", "wrxn", "nxwr", "r-- n", "r--N", "rw?n", "r\u00e9xn", " rwx"})
    void anything_else_is_an_invalid_value(String text) {
        Result<Flags> parsed = Flags.parse(text);
        assertFalse(parsed.isOk(), () -> text + " parsed as " + parsed.value());
        assertEquals(ErrorCode.INVALID_VALUE, parsed.error().code());
        assertTrue(parsed.error().message().contains("rwxn"), parsed.error().message());
    }

    @Test
    void null_is_an_invalid_value() {
        assertEquals(ErrorCode.INVALID_VALUE, Flags.parse(null).error().code());
    }

    @Test
    void union_and_intersection_work_letter_by_letter() {
        Flags r = Flags.parse("r---").value();
        Flags n = Flags.parse("---n").value();
        assertEquals("r--n", r.union(n).toString());
        assertEquals("----", r.intersect(n).toString());
        assertEquals("r---", Flags.ALL.intersect(r).toString());
        assertTrue(Flags.NONE.isNone());
    }
}

package dev.demarc.core.text;

/** Decimal digits as paths, numbers and options write them: ASCII {@code 0} to {@code 9} only. */
public final class AsciiDigits {

    private AsciiDigits() {
    }

    /** Whether {@code s[from, to)} is not empty and holds only ASCII digits. */
    public static boolean only(CharSequence s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

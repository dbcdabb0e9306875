package dev.demarc.core.text;

/** UTF-8 facts about Java strings, for bounds checked before encoding. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The number of bytes {@code s} takes in UTF-8: a surrogate pair counts 4, anything else
     * below U+0800 counts 1 or 2, the rest (an unpaired surrogate included) 3.
     */
    public static long length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}

package dev.demarc.tr181.platform;

import java.util.Locale;

/**
 * IPv6 addresses as text: parsed from any RFC 4291 form, written in RFC 5952's canonical form
 * (lower case, longest run of zero groups as {@code ::}). No name lookup ever happens.
 */
final class Ipv6Text {

    private Ipv6Text() {
    }

    /** The canonical text of {@code address}; an error when it is not an IPv6 address. */
    static String canonical(String address) {
        return format(parse(address));
    }

    /** {@code address} with the bits past {@code length} cleared, and {@code /length}. */
    static String prefix(String address, int length) {
        int[] groups = parse(address);
        for (int i = 0; i < 8; i++) {
            int keep = Math.max(0, Math.min(16, length - i * 16));
            int mask = keep == 0 ? 0 : (0xFFFF << (16 - keep)) & 0xFFFF;
            groups[i] &= mask;
        }
        return format(groups) + "/" + length;
    }

    private static int[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        String s = text.toLowerCase(Locale.ROOT);
        int[] out = new int[8];
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int[] h = groups(head, text);
        int[] t = groups(tail, text);
        if (dc < 0 && h.length != 8 || dc >= 0 && h.length + t.length > 7) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 8 - t.length, t.length);
        return out;
    }

    /** The 16-bit groups of a colon-separated part (an embedded dotted IPv4 counts as two). */
    private static int[] groups(String part, String text) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        int[] out = new int[items.length + 1];
        int n = 0;
        for (int i = 0; i < items.length; i++) {
            String g = items[i];
            if (i == items.length - 1 && g.indexOf('.') >= 0) {
                String[] octets = g.split("\\.", -1);
                if (octets.length != 4) {
                    throw new IllegalArgumentException("not an IPv6 address: " + text);
                }
                int[] b = new int[4];
                for (int k = 0; k < 4; k++) {
                    b[k] = number(octets[k], 10, 3, 255, text);
                }
                out[n++] = b[0] << 8 | b[1];
                out[n++] = b[2] << 8 | b[3];
            } else {
                out[n++] = number(g, 16, 4, 0xFFFF, text);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int number(String s, int radix, int maxDigits, int max, String text) {
        if (s.isEmpty() || s.length() > maxDigits) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            v = v * radix + d;
        }
        if (v > max) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        return v;
    }

    private static String format(int[] g) {
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }
}

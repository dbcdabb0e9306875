package dev.demarc.hal.linux;

/** Dotted-decimal IPv4 addresses as numbers, for subnet arithmetic. Pure. */
public final class Ipv4 {

    private Ipv4() {
    }

    /** {@code 192.168.1.1} as 0xC0A80101; the text must be a valid address. */
    public static long toLong(String dotted) {
        String[] p = dotted.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        long v = 0;
        for (String part : p) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            v = v << 8 | octet;
        }
        return v;
    }

    public static String toDotted(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    /** The mask of a prefix length: 24 -> 255.255.255.0. */
    public static String mask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("not a prefix length: " + prefixLength);
        }
        return toDotted(prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL);
    }
}

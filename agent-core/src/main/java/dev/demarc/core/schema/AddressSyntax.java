package dev.demarc.core.schema;

/**
 * Textual syntax of the TR-106 address types whose rules the data-model XML states in prose
 * rather than as a pattern facet: IPAddress, IPv6Address, IPPrefix and IPv6Prefix. Each accepts
 * the empty string, which TR-106 uses for "unspecified or inapplicable".
 *
 * <p>This is a pure syntax check written for the purpose: it never resolves names and never
 * calls {@code InetAddress}. IPv6 follows RFC 4291 section 2.2 (full, {@code ::}-compressed and
 * with an embedded dotted IPv4 tail), without zone identifiers, which TR-106 forbids. IPv4 is
 * dotted-decimal with each part 1 to 3 digits and at most 255, as TR-106's own octet pattern
 * allows (so {@code 010} is accepted).
 */
enum AddressSyntax {
    /** IPv4 or IPv6 address, or empty. */
    IP_ADDRESS,
    /** IPv6 address, or empty. */
    IPV6_ADDRESS,
    /** IPv4 or IPv6 address with {@code /n}, a bare {@code /n}, or empty. */
    IP_PREFIX,
    /** IPv6 address with {@code /n} (0-128), a bare {@code /n}, or empty. */
    IPV6_PREFIX;

    boolean accepts(String s) {
        if (s.isEmpty()) {
            return true;
        }
        return switch (this) {
            case IP_ADDRESS -> isIpv4(s) || isIpv6(s);
            case IPV6_ADDRESS -> isIpv6(s);
            case IP_PREFIX -> isPrefix(s, true);
            case IPV6_PREFIX -> isPrefix(s, false);
        };
    }

    private static boolean isPrefix(String s, boolean allowIpv4) {
        int slash = s.indexOf('/');
        if (slash < 0 || slash != s.lastIndexOf('/')) {
            return false;
        }
        String address = s.substring(0, slash);
        String length = s.substring(slash + 1);
        if (address.isEmpty()) {
            return prefixLength(length, 128);
        }
        if (allowIpv4 && isIpv4(address)) {
            return prefixLength(length, 32);
        }
        return isIpv6(address) && prefixLength(length, 128);
    }

    private static boolean prefixLength(String s, int max) {
        if (s.isEmpty() || s.length() > 3 || !allAsciiDigits(s)) {
            return false;
        }
        return Integer.parseInt(s) <= max;
    }

    /** Dotted-decimal IPv4: four parts of 1-3 ASCII digits, each at most 255. */
    static boolean isIpv4(String s) {
        if (s.length() > 15) {
            return false;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !allAsciiDigits(p) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 section 2.2 text forms; no zone identifier. */
    static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        int compressed = s.indexOf("::");
        if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        int groupsWanted = 8;
        String body = s;
        if (s.indexOf('.') >= 0) {
            int lastColon = s.lastIndexOf(':');
            if (lastColon < 0 || !isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            String head = s.substring(0, lastColon + 1);
            body = head.endsWith("::") ? head : head.substring(0, head.length() - 1);
            groupsWanted = 6;
        }
        if (compressed >= 0) {
            int at = body.indexOf("::");
            int left = groups(body.substring(0, at));
            int right = groups(body.substring(at + 2));
            return left >= 0 && right >= 0 && left + right <= groupsWanted - 1;
        }
        return groups(body) == groupsWanted;
    }

    /** Number of colon-separated 1-4 hex digit groups in {@code s} ("" has 0), or -1 if bad. */
    private static int groups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 4) {
                return -1;
            }
            for (int i = 0; i < p.length(); i++) {
                if (!isHexDigit(p.charAt(i))) {
                    return -1;
                }
            }
        }
        return parts.length;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean allAsciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

package dev.demarc.hal.linux;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The devices of the default routes, from {@code /proc/net/route} (IPv4) and
 * {@code /proc/net/ipv6_route} (IPv6): what makes a link point towards the Internet
 * ({@code Upstream}). Pure; any thread.
 */
public final class ProcRoutes {

    static final String IPV4 = "/proc/net/route";
    static final String IPV6 = "/proc/net/ipv6_route";
    /** RTF_REJECT: an unreachable route, such as the kernel's IPv6 default on {@code lo}. */
    private static final long RTF_REJECT = 0x0200;

    private ProcRoutes() {
    }

    /** The devices with an IPv4 default route in {@code /proc/net/route}'s text. */
    public static Set<String> ipv4Defaults(String text) {
        Set<String> out = new LinkedHashSet<>();
        text.lines().skip(1).forEach(line -> {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000")
                    && (hex(f[3]) & RTF_REJECT) == 0) {
                out.add(f[0]);
            }
        });
        return out;
    }

    /** The devices with an IPv6 default route in {@code /proc/net/ipv6_route}'s text. */
    public static Set<String> ipv6Defaults(String text) {
        Set<String> out = new LinkedHashSet<>();
        text.lines().forEach(line -> {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 10 && f[0].chars().allMatch(c -> c == '0') && f[1].equals("00")
                    && (hex(f[8]) & RTF_REJECT) == 0 && !f[9].equals("lo")) {
                out.add(f[9]);
            }
        });
        return out;
    }

    private static long hex(String s) {
        try {
            return Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

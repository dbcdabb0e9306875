package dev.demarc.hal.linux;

import dev.demarc.core.schema.DataTypes;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kernel's routing tables from procfs, {@code /proc/net/route} (the IPv4 main table) and
 * {@code /proc/net/ipv6_route}: pure parsing; any thread. Gives the devices of the default
 * routes, what makes a link point towards the Internet ({@code Upstream}), and the routes
 * themselves for devices without iproute2's {@code ip} (OpenWrt's default image). Unlike
 * {@link IpRoutes} these files do not say how a route was made; the caller decides from what
 * else it knows.
 *
 * <p>{@code /proc/net/route} prints each IPv4 address as the kernel holds it (network byte
 * order) read as a host number, so the bytes come out reversed on a little-endian host; the
 * host's byte order is given to undo that. {@code /proc/net/ipv6_route} prints addresses in
 * network order.
 */
public final class ProcRoutes {

    /** The IPv4 file (the main table). */
    public static final String IPV4 = "/proc/net/route";
    /** The IPv6 file. */
    public static final String IPV6 = "/proc/net/ipv6_route";
    /** RTF_REJECT: an unreachable route, such as the kernel's IPv6 default on {@code lo}. */
    private static final long RTF_REJECT = 0x0200;
    private static final int RTF_UP = 0x1;
    private static final int RTF_DEFAULT = 0x10000;
    private static final int RTF_ADDRCONF = 0x40000;
    private static final int RTF_CACHE = 0x01000000;
    private static final int RTF_LOCAL = 0x80000000;

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



    /** An IPv4 route: destination, prefix length, gateway (empty when direct), device, metric. */
    public record Ipv4Route(String destination, int prefixLength, String gateway, String device, long metric) {
    }

    /**
     * An IPv6 route: destination prefix, next hop (empty when direct), device, metric, and
     * whether the kernel learned it from a router advertisement.
     */
    public record Ipv6Route(String destination, String nextHop, String device, long metric, boolean fromRa) {
    }

    /** The usable IPv4 routes of {@code /proc/net/route} as printed by a host of byte order {@code host}. */
    public static List<Ipv4Route> ipv4(String text, ByteOrder host) {
        List<Ipv4Route> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 8 || f[0].equals("Iface")) {
                continue;
            }
            try {
                int flags = Integer.parseInt(f[3], 16);
                if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
                    continue;
                }
                String destination = ipv4Text(f[1], host);
                String gateway = ipv4Text(f[2], host);
                long mask = Long.parseLong(ipv4Hex(f[7], host), 16);
                int length = Long.bitCount(mask);
                out.add(new Ipv4Route(destination, length, gateway.equals("0.0.0.0") ? "" : gateway, f[0],
                        Long.parseLong(f[6])));
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return out;
    }

    /** The usable IPv6 routes of {@code /proc/net/ipv6_route}: not local, multicast, cached or rejecting. */
    public static List<Ipv6Route> ipv6(String text) {
        List<Ipv6Route> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10 || f[0].length() != 32 || f[4].length() != 32) {
                continue;
            }
            try {
                long flags = Long.parseLong(f[8], 16);
                String device = f[9];
                String destination = ipv6Text(f[0]) + "/" + Integer.parseInt(f[1], 16);
                if ((flags & RTF_UP) == 0 || (flags & (RTF_REJECT | RTF_CACHE | (RTF_LOCAL & 0xFFFF_FFFFL))) != 0
                        || device.equals("lo") || f[0].toLowerCase(Locale.ROOT).startsWith("ff")
                        || !DataTypes.IPV6_PREFIX.isValid(destination)) {
                    continue;
                }
                String nextHop = ipv6Text(f[4]);
                out.add(new Ipv6Route(destination, nextHop.equals("::") ? "" : nextHop, device, Long.parseLong(f[5], 16),
                        (flags & (RTF_DEFAULT | RTF_ADDRCONF)) != 0));
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return out;
    }

    private static String ipv4Hex(String hex, ByteOrder host) {
        if (hex.length() != 8) {
            throw new NumberFormatException(hex);
        }
        return host == ByteOrder.LITTLE_ENDIAN
                ? hex.substring(6, 8) + hex.substring(4, 6) + hex.substring(2, 4) + hex.substring(0, 2) : hex;
    }

    private static String ipv4Text(String hex, ByteOrder host) {
        long v = Long.parseLong(ipv4Hex(hex, host), 16);
        return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }

    /** 32 hex digits as the shortest IPv6 text (RFC 5952). */
    static String ipv6Text(String hex) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        try {
            String text = java.net.InetAddress.getByAddress(b).getHostAddress();
            return compress(text);
        } catch (java.net.UnknownHostException e) {
            throw new NumberFormatException(hex);
        }
    }

    /** Java's IPv6 text ({@code 0:0:0:0:0:0:0:1}) in the RFC 5952 form ({@code ::1}). */
    static String compress(String full) {
        String[] groups = full.split(":");
        if (groups.length != 8) {
            return full;
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < 8 && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength && j - i > 1) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, 8));
        return head + "::" + tail;
    }
}

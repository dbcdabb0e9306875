package dev.demarc.hal.linux;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the kernel's PPPoE sessions, {@code /proc/net/pppoe}: pure parsing. Each line after the
 * header names a session ({@code Id}, hexadecimal), the access concentrator's MAC address and the
 * Ethernet device the session runs over. The kernel prints the session number as it holds it,
 * in network byte order read as a host number: on a little-endian host the two bytes come out
 * swapped, and are swapped back here.
 */
public final class PppoeSessions {

    /** The file. */
    public static final String FILE = "/proc/net/pppoe";

    private PppoeSessions() {
    }

    /** The session of each Ethernet device (the first one when a device has several), on this host. */
    public static Map<String, Integer> byDevice(String text) {
        return byDevice(text, java.nio.ByteOrder.nativeOrder());
    }

    /** The session of each Ethernet device, as printed by a kernel of byte order {@code host}. */
    public static Map<String, Integer> byDevice(String text, java.nio.ByteOrder host) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3 || f[0].equals("Id")) {
                continue;
            }
            try {
                int printed = Integer.parseInt(f[0], 16);
                int id = host == java.nio.ByteOrder.LITTLE_ENDIAN
                        ? ((printed & 0xFF) << 8) | ((printed >>> 8) & 0xFF) : printed;
                if (id >= 1 && id <= 0xFFFF) {
                    out.putIfAbsent(f[2], id);
                }
            } catch (NumberFormatException e) {
                // not a session line
            }
        }
        return out;
    }
}

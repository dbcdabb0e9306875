package dev.demarc.hal.linux;

import dev.demarc.hal.fs.SystemFiles;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Linux device says who it is, read through {@link SystemFiles}: DMI
 * ({@code /sys/class/dmi/id/*}, PCs and x86 boxes), the device tree ({@code /proc/device-tree/*},
 * ARM and MIPS boards), and the MAC address of the first physical Ethernet port (for a serial
 * number and OUI when nothing else gives one). Placeholder values firmware leaves in DMI
 * ("To Be Filled By O.E.M.", "Default string"...) count as absent. Blocks on file reads: the
 * platform's threads, or its construction.
 */
public final class IdentitySources {

    /** DMI values that firmware vendors leave unfilled, compared in lower case. */
    private static final Set<String> PLACEHOLDERS = Set.of("to be filled by o.e.m.", "to be filled by oem",
            "default string", "system manufacturer", "system product name", "system version", "system serial number",
            "not specified", "not applicable", "none", "oem", "o.e.m.", "0123456789", "123456789", "00000000",
            "base board serial number", "chassis serial number", "type1productconfigid", "invalid", "unknown", "n/a",
            "x.x");

    private final SystemFiles files;

    public IdentitySources(SystemFiles files) {
        this.files = files;
    }

    /** A DMI value ({@code sys_vendor}, {@code product_name}, {@code product_serial}...), placeholders left out. */
    public Optional<String> dmi(String name) {
        return clean(files.readLine("/sys/class/dmi/id/" + name).orElse(""));
    }

    /** A string property of the device tree's root ({@code model}, {@code serial-number}); NULs end it. */
    public Optional<String> deviceTree(String name) {
        String raw = files.read("/proc/device-tree/" + name).orElse("");
        int nul = raw.indexOf('\0');
        return clean(nul >= 0 ? raw.substring(0, nul) : raw);
    }

    /** The device tree's {@code compatible} strings, most specific first ({@code raspberrypi,4-model-b}). */
    public List<String> deviceTreeCompatible() {
        String raw = files.read("/proc/device-tree/compatible").orElse("");
        return List.of(raw.split("\0")).stream().map(String::strip).filter(s -> !s.isEmpty()).limit(16).toList();
    }

    /**
     * The MAC address of the first physical Ethernet port (by name): a netdev with a
     * {@code device} (not virtual), ARP type 1 (Ethernet), not a Wi-Fi interface, with a
     * non-zero unicast address; in lower case with colons.
     */
    public Optional<String> firstPortMac() {
        for (String name : files.list("/sys/class/net")) {
            String dir = "/sys/class/net/" + name + "/";
            if (!files.exists(dir + "device") || files.exists(dir + "wireless") || files.exists(dir + "phy80211")) {
                continue;
            }
            if (!files.readLine(dir + "type").orElse("").equals("1")) {
                continue;
            }
            Optional<String> mac = mac(files.readLine(dir + "address").orElse(""));
            if (mac.isPresent()) {
                return mac;
            }
        }
        return Optional.empty();
    }

    /** {@code text} as a MAC address in lower case with colons, if it is a non-zero unicast one. */
    public static Optional<String> mac(String text) {
        String m = text.strip().toLowerCase(Locale.ROOT).replace('-', ':');
        if (!m.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}") || m.equals("00:00:00:00:00:00")) {
            return Optional.empty();
        }
        if ((Integer.parseInt(m.substring(0, 2), 16) & 0x01) != 0) {
            return Optional.empty();
        }
        return Optional.of(m);
    }

    /** The serial number a MAC address makes: its 12 hex digits in upper case, {@code 0011223344AA}. */
    public static String serialOf(String mac) {
        return mac.replace(":", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The OUI of a MAC address ({@code ManufacturerOUI}: six upper-case hex digits), when the
     * address is universally administered (an OUI the IEEE assigned); empty for a locally
     * administered one (virtual machines, random addresses), which names no maker.
     */
    public static Optional<String> ouiOf(String mac) {
        int first = Integer.parseInt(mac.substring(0, 2), 16);
        if ((first & 0x02) != 0) {
            return Optional.empty();
        }
        return Optional.of(mac.substring(0, 8).replace(":", "").toUpperCase(Locale.ROOT));
    }

    /**
     * The maker, from a model name ({@code TP-Link Archer C7 v5}) and the vendor part of a board
     * or compatible name ({@code tplink} of {@code tplink,archer-c7-v5}): the model's first words
     * when they spell the vendor part (ignoring case and punctuation: {@code TP-Link},
     * {@code Raspberry Pi}), else the vendor part, else the model's first word.
     */
    public static Optional<String> makerOf(String model, String vendorPart) {
        String[] words = model.strip().split("\\s+");
        String want = letters(vendorPart);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < words.length && !want.isEmpty(); i++) {
            joined.append(letters(words[i]));
            if (joined.toString().equals(want)) {
                return Optional.of(String.join(" ", List.of(words).subList(0, i + 1)));
            }
            if (!want.startsWith(joined.toString())) {
                break;
            }
        }
        if (!vendorPart.isBlank()) {
            return Optional.of(vendorPart.strip());
        }
        return words.length > 0 && !words[0].isEmpty() ? Optional.of(words[0]) : Optional.empty();
    }

    /** The vendor part of {@code vendor,board}; empty without a comma. */
    public static String vendorPart(String boardName) {
        int comma = boardName.indexOf(',');
        return comma > 0 ? boardName.substring(0, comma).strip() : "";
    }

    private static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** {@code value} stripped, cut to 64 characters, unless empty or a placeholder. */
    static Optional<String> clean(String value) {
        String v = value.strip();
        if (v.isEmpty() || PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT)) || v.chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(fit(v, 64));
    }

    /** At most {@code max} characters. */
    static String fit(String v, int max) {
        return v.length() > max ? v.substring(0, max) : v;
    }
}

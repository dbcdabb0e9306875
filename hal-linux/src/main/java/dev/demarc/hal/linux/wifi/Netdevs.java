package dev.demarc.hal.linux.wifi;

import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.WiFiSsid;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What sysfs tells of a network interface that a Wi-Fi SSID is: its MAC address, operational
 * state, administrative state and counters ({@code /sys/class/net/<ifname>/...}). Stateless;
 * blocks on file reads (the platform's threads).
 */
public final class Netdevs {

    /** A netdev name Linux accepts (and nothing that would leave {@code /sys/class/net}). */
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    private Netdevs() {
    }

    /**
     * One interface as sysfs shows it.
     *
     * @param macAddress lower case; empty when not known
     * @param operstate  {@code operstate}: up, down, dormant, lowerlayerdown, notpresent, unknown...
     * @param adminUp    the IFF_UP flag
     * @param stats      the counters, when all eight are readable
     */
    public record Netdev(String macAddress, String operstate, boolean adminUp, Optional<WiFiSsid.Stats> stats) {
    }

    /** Whether {@code ifname} is a netdev name (safe to put in a sysfs path). */
    public static boolean isName(String ifname) {
        return ifname != null && IFNAME.matcher(ifname).matches() && !ifname.equals(".") && !ifname.equals("..");
    }

    /** The interface {@code ifname}; empty when sysfs has no such interface. */
    public static Optional<Netdev> read(SystemFiles files, String ifname) {
        if (!isName(ifname)) {
            return Optional.empty();
        }
        String dir = "/sys/class/net/" + ifname + "/";
        if (!files.exists(dir)) {
            return Optional.empty();
        }
        String mac = files.readLine(dir + "address").map(m -> m.toLowerCase(Locale.ROOT)).orElse("");
        String operstate = files.readLine(dir + "operstate").orElse("unknown");
        boolean adminUp = files.readLine(dir + "flags").map(Netdevs::upFlag).orElse(false);
        String s = dir + "statistics/";
        Optional<WiFiSsid.Stats> stats = Optional.empty();
        Optional<Long> txBytes = files.readLong(s + "tx_bytes");
        Optional<Long> rxBytes = files.readLong(s + "rx_bytes");
        Optional<Long> txPackets = files.readLong(s + "tx_packets");
        Optional<Long> rxPackets = files.readLong(s + "rx_packets");
        Optional<Long> txErrors = files.readLong(s + "tx_errors");
        Optional<Long> rxErrors = files.readLong(s + "rx_errors");
        Optional<Long> txDropped = files.readLong(s + "tx_dropped");
        Optional<Long> rxDropped = files.readLong(s + "rx_dropped");
        if (txBytes.isPresent() && rxBytes.isPresent() && txPackets.isPresent() && rxPackets.isPresent()
                && txErrors.isPresent() && rxErrors.isPresent() && txDropped.isPresent() && rxDropped.isPresent()) {
            try {
                stats = Optional.of(new WiFiSsid.Stats(txBytes.get(), rxBytes.get(), txPackets.get(), rxPackets.get(),
                        txErrors.get(), rxErrors.get(), txDropped.get(), rxDropped.get()));
            } catch (IllegalArgumentException e) {
                stats = Optional.empty();
            }
        }
        return Optional.of(new Netdev(MAC.matcher(mac).matches() ? mac : "", operstate, adminUp, stats));
    }

    /** TR-181's interface {@code Status} for a sysfs {@code operstate}. */
    public static String status(String operstate) {
        return switch (operstate) {
            case "up" -> "Up";
            case "dormant" -> "Dormant";
            case "lowerlayerdown" -> "LowerLayerDown";
            case "notpresent" -> "NotPresent";
            case "unknown" -> "Unknown";
            default -> "Down";
        };
    }

    private static boolean upFlag(String flags) {
        try {
            return (Long.decode(flags) & 1) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

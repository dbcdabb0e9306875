package dev.demarc.hal.linux;

import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.Duplex;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads links from sysfs ({@code /sys/class/net/*}): all of them where iproute2's JSON is not
 * there (OpenWrt's BusyBox {@code ip}), and on generic Linux the few things iproute2 does not
 * say (speed, duplex, Wi-Fi). Files only, no process; blocks on file reads, so not on the data
 * model's owner thread.
 *
 * <p>Kinds: {@code type} 772 is loopback, 512 PPP; a {@code bridge/} directory or
 * {@code DEVTYPE=bridge} a bridge; {@code DEVTYPE=vlan} a VLAN; a {@code wireless/} or
 * {@code phy80211} entry or {@code DEVTYPE=wlan} Wi-Fi; an Ethernet-type link with a
 * {@code device} (a NIC or a DSA switch port) a port; anything else (veth, dummy, tunnels) other,
 * as sysfs alone does not tell a veth. A bridge's members are its {@code brif/} entries.
 */
public final class SysfsLinks {

    private static final Logger LOG = LoggerFactory.getLogger(SysfsLinks.class);
    static final String NET = "/sys/class/net";

    private SysfsLinks() {
    }

    /** Every link sysfs shows, without addresses. */
    public static List<Link> read(SystemFiles files) {
        List<String> names = files.list(NET);
        Map<String, String> masters = new HashMap<>();
        Map<Long, String> byIndex = new HashMap<>();
        for (String n : names) {
            for (String member : files.list(NET + "/" + n + "/brif")) {
                masters.put(member, n);
            }
            files.readLong(NET + "/" + n + "/ifindex").ifPresent(i -> byIndex.put(i, n));
        }
        List<Link> links = new ArrayList<>();
        for (String n : names) {
            if (links.size() >= NetworkSnapshot.MAX_LINKS) {
                break;
            }
            String base = NET + "/" + n;
            if (!files.exists(base + "/ifindex")) {
                continue;
            }
            try {
                links.add(link(files, n, base, masters, byIndex));
            } catch (IllegalArgumentException e) {
                LOG.warn("sysfs: link {} left out: {}", n, e.getMessage());
            }
        }
        return links;
    }

    private static Link link(SystemFiles files, String name, String base, Map<String, String> masters,
                             Map<Long, String> byIndex) {
        long index = files.readLong(base + "/ifindex").orElse(0L);
        long iflink = files.readLong(base + "/iflink").orElse(index);
        LinkKind kind = kind(files, base);
        String mac = files.readLine(base + "/address").orElse("").toLowerCase(Locale.ROOT);
        if (!mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            mac = "";
        }
        long flags = files.readLine(base + "/flags").map(SysfsLinks::hex).orElse(0L);
        String master = masters.getOrDefault(name, files.linkName(base + "/master").orElse(""));
        String lower = iflink != index && (kind == LinkKind.VLAN || kind == LinkKind.ETHERNET)
                ? byIndex.getOrDefault(iflink, "") : "";
        String s = base + "/statistics/";
        LinkStats stats = new LinkStats(counter(files, s + "tx_bytes"), counter(files, s + "rx_bytes"),
                counter(files, s + "tx_packets"), counter(files, s + "rx_packets"), counter(files, s + "tx_errors"),
                counter(files, s + "rx_errors"), counter(files, s + "tx_dropped"), counter(files, s + "rx_dropped"),
                counter(files, s + "multicast"), counter(files, s + "collisions"));
        return new Link(name, (int) Math.min(Integer.MAX_VALUE, Math.max(0, index)), kind, mac, (flags & 1) != 0,
                OperState.fromKernel(files.readLine(base + "/operstate").orElse("unknown")),
                files.readLine(base + "/carrier").map("1"::equals).orElse(false),
                (int) Math.min(Integer.MAX_VALUE, Math.max(0, files.readLong(base + "/mtu").orElse(0L))),
                speed(files, name), duplex(files, name), false, master, lower, 0, stats, List.of(), List.of());
    }

    /** The kind sysfs shows for the link at {@code base}. */
    static LinkKind kind(SystemFiles files, String base) {
        long type = files.readLong(base + "/type").orElse(1L);
        if (type == 772) {
            return LinkKind.LOOPBACK;
        }
        if (type == 512) {
            return LinkKind.PPP;
        }
        String devtype = devtype(files, base);
        if (files.exists(base + "/bridge") || devtype.equals("bridge")) {
            return LinkKind.BRIDGE;
        }
        if (devtype.equals("vlan")) {
            return LinkKind.VLAN;
        }
        if (isWireless(files, base)) {
            return LinkKind.WIFI;
        }
        if (type == 1 && files.exists(base + "/device")) {
            return LinkKind.ETHERNET;
        }
        return LinkKind.OTHER;
    }

    /** Whether the link at {@code base} is a Wi-Fi interface. */
    static boolean isWireless(SystemFiles files, String base) {
        return files.exists(base + "/wireless") || files.exists(base + "/phy80211") || devtype(files, base).equals("wlan");
    }

    /** The current speed in Mbit/s; -1 when sysfs does not know it (down, virtual). */
    static long speed(SystemFiles files, String name) {
        long v = files.readLong(NET + "/" + name + "/speed").orElse(-1L);
        return v < 0 || v == 0xFFFF_FFFFL ? -1 : v;
    }

    static Duplex duplex(SystemFiles files, String name) {
        return switch (files.readLine(NET + "/" + name + "/duplex").orElse("")) {
            case "full" -> Duplex.FULL;
            case "half" -> Duplex.HALF;
            default -> Duplex.UNKNOWN;
        };
    }

    private static String devtype(SystemFiles files, String base) {
        Optional<String> uevent = files.read(base + "/uevent");
        if (uevent.isEmpty()) {
            return "";
        }
        return uevent.get().lines().filter(l -> l.startsWith("DEVTYPE=")).map(l -> l.substring(8).strip())
                .findFirst().orElse("");
    }

    private static long counter(SystemFiles files, String path) {
        return Math.max(0, files.readLong(path).orElse(0L));
    }

    private static long hex(String text) {
        try {
            String t = text.startsWith("0x") ? text.substring(2) : text;
            return Long.parseLong(t, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

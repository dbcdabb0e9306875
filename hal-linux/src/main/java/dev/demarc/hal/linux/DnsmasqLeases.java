package dev.demarc.hal.linux;

import dev.demarc.core.schema.DataTypes;
import dev.demarc.tr181.platform.DhcpLease;
import dev.demarc.tr181.platform.DhcpPool;
import dev.demarc.tr181.platform.LanSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dnsmasq's lease file ({@code /tmp/dhcp.leases} on OpenWrt, {@code /var/lib/misc/dnsmasq.leases}
 * on Debian): one IPv4 lease a line, {@code EXPIRY MAC IP HOSTNAME CLIENTID}, expiry in seconds
 * since the epoch (0: no end), {@code *} for no host name. DHCPv6 lines ({@code duid ...} and
 * those whose address is IPv6) are skipped, as are lines that do not read. Pure.
 */
public final class DnsmasqLeases {

    /** Where OpenWrt keeps the leases. */
    public static final String OPENWRT_FILE = "/tmp/dhcp.leases";
    /** Where Debian's dnsmasq keeps them. */
    public static final String DEBIAN_FILE = "/var/lib/misc/dnsmasq.leases";

    private DnsmasqLeases() {
    }

    /**
     * The leases of {@code text}, one per MAC address (the one ending last), each given the key
     * of the pool whose subnet (or range) holds its address.
     */
    public static List<DhcpLease> parse(String text, List<DhcpPool> pools) {
        Map<String, DhcpLease> byMac = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] t = line.strip().split("\\s+");
            if (t.length < 4 || byMac.size() >= LanSnapshot.MAX_LEASES) {
                continue;
            }
            String mac = Neighbour.mac(t[1]);
            if (mac.isEmpty() || !DataTypes.IPV4_ADDRESS.isValid(t[2]) || t[2].isEmpty()) {
                continue;
            }
            long expiry;
            try {
                expiry = Long.parseLong(t[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            Instant expires = expiry <= 0 ? DhcpLease.INFINITE
                    : Instant.ofEpochSecond(Math.min(expiry, DhcpLease.INFINITE.getEpochSecond()));
            String name = t[3].equals("*") ? "" : t[3];
            if (name.length() > 64) {
                name = name.substring(0, 64);
            }
            DhcpLease lease = new DhcpLease(mac, t[2], name, expires, poolOf(t[2], pools));
            DhcpLease before = byMac.get(mac);
            if (before == null || lease.expires().isAfter(before.expires())) {
                byMac.put(mac, lease);
            }
        }
        return List.copyOf(byMac.values());
    }

    /** The key of the pool that holds {@code ip}: its subnet when it has a mask, else its range; empty when none. */
    public static String poolOf(String ip, List<DhcpPool> pools) {
        long a = Ipv4.toLong(ip);
        for (DhcpPool p : pools) {
            if (!p.subnetMask().isEmpty() && !p.minAddress().isEmpty()) {
                long mask = Ipv4.toLong(p.subnetMask());
                if ((a & mask) == (Ipv4.toLong(p.minAddress()) & mask)) {
                    return p.key();
                }
            } else if (!p.minAddress().isEmpty() && !p.maxAddress().isEmpty()
                    && a >= Ipv4.toLong(p.minAddress()) && a <= Ipv4.toLong(p.maxAddress())) {
                return p.key();
            }
        }
        return "";
    }
}

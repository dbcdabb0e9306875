package dev.demarc.hal.linux;

import dev.demarc.core.schema.DataTypes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the DHCPv4 leases Linux DHCP clients leave in files: pure parsing of a file's text.
 * <ul>
 *   <li>ISC dhclient ({@code /var/lib/dhcp/dhclient*.leases}, NetworkManager's
 *       {@code /var/lib/NetworkManager/dhclient-*.lease}): {@code lease { ... }} blocks, the file
 *       growing with each renewal, so the last block of an interface is its lease; times in UTC
 *       ({@code expire 5 2026/11/20 09:00:00;}) or as seconds ({@code expire epoch 1763629200;});</li>
 *   <li>systemd-networkd ({@code /run/systemd/netif/leases/<ifindex>}) and NetworkManager's
 *       internal client ({@code /var/lib/NetworkManager/internal-<uuid>-<ifname>.lease}):
 *       {@code KEY=value} lines, rewritten at each renewal, with the lease time but not when it
 *       began: the file's modification time is taken for that.</li>
 * </ul>
 * Addresses that are not IPv4 addresses are left out; a lease without an address is no lease.
 */
public final class DhcpLeases {

    /** The most routers or DNS servers kept from one lease. */
    private static final int MAX_ADDRESSES = 8;
    private static final DateTimeFormatter DHCLIENT_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    /**
     * One lease.
     *
     * @param interfaceName the network device it is for
     * @param address       the leased address
     * @param subnetMask    dotted-decimal; empty when the lease gave none
     * @param routers       option 3
     * @param dnsServers    option 6
     * @param server        option 54; empty when not known
     * @param expires       when it ends ({@link Instant#MAX}: never); empty when not known
     */
    public record Lease(String interfaceName, String address, String subnetMask, List<String> routers,
                        List<String> dnsServers, String server, Optional<Instant> expires) {
        public Lease {
            routers = List.copyOf(routers);
            dnsServers = List.copyOf(dnsServers);
        }

        /** Whether the lease still runs at {@code now}. */
        public boolean validAt(Instant now) {
            return expires.isEmpty() || expires.get().isAfter(now);
        }
    }

    private DhcpLeases() {
    }

    /** The last lease of each interface in a dhclient lease file. */
    public static Map<String, Lease> dhclient(String text) {
        Map<String, Lease> out = new LinkedHashMap<>();
        Map<String, String> fields = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            int comment = line.indexOf("; #");
            if (comment >= 0) {
                line = line.substring(0, comment + 1);
            }
            if (line.equals("lease {")) {
                fields = new LinkedHashMap<>();
            } else if (line.equals("}") && fields != null) {
                dhclientLease(fields).ifPresent(l -> out.put(l.interfaceName(), l));
                fields = null;
            } else if (fields != null && line.endsWith(";")) {
                String statement = line.substring(0, line.length() - 1).strip();
                if (statement.startsWith("option ")) {
                    statement = statement.substring("option ".length());
                }
                int space = statement.indexOf(' ');
                if (space > 0) {
                    fields.put(statement.substring(0, space), statement.substring(space + 1).strip());
                }
            }
        }
        return out;
    }

    private static Optional<Lease> dhclientLease(Map<String, String> f) {
        String iface = unquote(f.getOrDefault("interface", ""));
        String address = f.getOrDefault("fixed-address", "");
        if (iface.isEmpty() || !isAddress(address)) {
            return Optional.empty();
        }
        return Optional.of(new Lease(iface, address, addressOrEmpty(f.getOrDefault("subnet-mask", "")),
                addresses(f.getOrDefault("routers", ""), ","), addresses(f.getOrDefault("domain-name-servers", ""), ","),
                addressOrEmpty(f.getOrDefault("dhcp-server-identifier", "")), dhclientTime(f.get("expire"))));
    }

    /** {@code 5 2026/11/20 09:00:00} (UTC), {@code epoch 1763629200; # ...}, or {@code never}. */
    static Optional<Instant> dhclientTime(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.equals("never")) {
            return Optional.of(Instant.MAX);
        }
        try {
            if (v.startsWith("epoch ")) {
                String seconds = v.substring("epoch ".length()).split("[;#\\s]", 2)[0];
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(seconds)));
            }
            String[] parts = v.split("\\s+");
            if (parts.length >= 3) {
                return Optional.of(LocalDateTime.parse(parts[1] + " " + parts[2], DHCLIENT_TIME).toInstant(ZoneOffset.UTC));
            }
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A systemd-networkd (or NetworkManager internal client) lease file of {@code interfaceName},
     * last written at {@code modified} (empty when not known: the lease's end is then unknown).
     */
    public static Optional<Lease> networkd(String text, String interfaceName, Optional<Instant> modified) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                f.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        String address = f.getOrDefault("ADDRESS", "");
        if (interfaceName.isEmpty() || !isAddress(address)) {
            return Optional.empty();
        }
        Optional<Instant> expires = Optional.empty();
        try {
            if (f.containsKey("LIFETIME") && modified.isPresent()) {
                long lifetime = Long.parseLong(f.get("LIFETIME"));
                expires = Optional.of(lifetime == 0xFFFF_FFFFL ? Instant.MAX : modified.get().plusSeconds(lifetime));
            }
        } catch (NumberFormatException e) {
            expires = Optional.empty();
        }
        return Optional.of(new Lease(interfaceName, address, addressOrEmpty(f.getOrDefault("NETMASK", "")),
                addresses(f.getOrDefault("ROUTER", ""), " "), addresses(f.getOrDefault("DNS", ""), " "),
                addressOrEmpty(f.getOrDefault("SERVER_ADDRESS", "")), expires));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static boolean isAddress(String s) {
        return !s.isEmpty() && DataTypes.IPV4_ADDRESS.isValid(s);
    }

    private static String addressOrEmpty(String s) {
        return isAddress(s) ? s : "";
    }

    private static List<String> addresses(String list, String separator) {
        List<String> out = new ArrayList<>();
        for (String item : list.split(separator)) {
            String a = item.strip();
            if (isAddress(a) && !out.contains(a) && out.size() < MAX_ADDRESSES) {
                out.add(a);
            }
        }
        return out;
    }
}

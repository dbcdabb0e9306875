package dev.demarc.hal.linux;

import dev.demarc.core.schema.DataTypes;
import dev.demarc.tr181.platform.DhcpPool;
import dev.demarc.tr181.platform.LanSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The DHCPv4 pools of a dnsmasq configuration ({@code /etc/dnsmasq.conf} and the files of
 * {@code /etc/dnsmasq.d/}), as generic Linux runs it: one pool per IPv4 {@code dhcp-range}, keyed
 * {@code range1}, {@code range2}... in file order, with the {@code netmask} and lease time the
 * range gives (dnsmasq's default lease is one hour), the routers, DNS servers and domain of
 * {@code dhcp-option} (3, 6, 15, or {@code option:router}, {@code option:dns-server},
 * {@code option:domain-name}) and {@code domain}, and the interface when one {@code interface}
 * line names exactly one. Tags, IPv6 ranges and the rest are not read. Pure.
 */
public final class DnsmasqConf {

    public static final String MAIN_FILE = "/etc/dnsmasq.conf";
    public static final String DIRECTORY = "/etc/dnsmasq.d";
    /** dnsmasq's lease time when a range gives none. */
    public static final long DEFAULT_LEASE_SECONDS = 3600;

    private DnsmasqConf() {
    }

    /** The pools the configuration texts (main file first) define. */
    public static List<DhcpPool> pools(List<String> texts) {
        List<String[]> ranges = new ArrayList<>();
        List<String> interfaces = new ArrayList<>();
        List<String> routers = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        String domain = "";
        for (String text : texts) {
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                int eq = line.indexOf('=');
                if (line.isEmpty() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                switch (key) {
                    case "dhcp-range" -> ranges.add(value.split(","));
                    case "interface" -> {
                        for (String i : value.split(",")) {
                            if (!i.isBlank()) {
                                interfaces.add(i.strip());
                            }
                        }
                    }
                    case "domain" -> domain = value.split(",")[0].strip();
                    case "dhcp-option" -> {
                        List<String> items = new ArrayList<>();
                        for (String item : value.split(",")) {
                            String s = item.strip();
                            if (!s.startsWith("tag:") && !s.startsWith("encap:") && !s.startsWith("vendor:")
                                    && !s.startsWith("force:")) {
                                items.add(s);
                            }
                        }
                        if (items.size() < 2) {
                            continue;
                        }
                        String code = items.get(0).toLowerCase(Locale.ROOT);
                        List<String> values = items.subList(1, items.size());
                        switch (code) {
                            case "3", "option:router" -> addIpv4(routers, values);
                            case "6", "option:dns-server" -> addIpv4(dns, values);
                            case "15", "option:domain-name" -> domain = values.get(0);
                            default -> {
                                // Other options are not part of the pool's TR-181 view.
                            }
                        }
                    }
                    default -> {
                        // Everything else: DNS, TFTP, tags...
                    }
                }
            }
        }
        String iface = interfaces.size() == 1 ? interfaces.get(0) : "";
        if (domain.length() > 64) {
            domain = "";
        }
        List<DhcpPool> pools = new ArrayList<>();
        for (String[] range : ranges) {
            if (pools.size() >= LanSnapshot.MAX_POOLS) {
                break;
            }
            List<String> items = new ArrayList<>();
            boolean seenAddress = false;
            for (String item : range) {
                String s = item.strip();
                if (!seenAddress && !isIpv4(s)) {
                    continue;
                }
                seenAddress = true;
                items.add(s);
            }
            if (items.isEmpty()) {
                continue;
            }
            String start = items.get(0);
            int i = 1;
            String end = i < items.size() && isIpv4(items.get(i)) ? items.get(i++) : start;
            if (i < items.size() && !isIpv4(items.get(i)) && leaseSeconds(items.get(i)).isEmpty()) {
                i++;
            }
            String mask = i < items.size() && isIpv4(items.get(i)) ? items.get(i++) : "";
            if (i < items.size() && isIpv4(items.get(i))) {
                i++;
            }
            long lease = i < items.size() ? leaseSeconds(items.get(i)).orElse(DEFAULT_LEASE_SECONDS) : DEFAULT_LEASE_SECONDS;
            int order = pools.size() + 1;
            pools.add(DhcpPool.builder("range" + order, order).enable(true).ipInterface(iface).minAddress(start)
                    .maxAddress(end).subnetMask(mask).dnsServers(cap(dns)).domainName(domain).ipRouters(cap(routers))
                    .leaseTime(lease).build());
        }
        return List.copyOf(pools);
    }

    private static List<String> cap(List<String> list) {
        return List.copyOf(list.subList(0, Math.min(list.size(), DhcpPool.MAX_SERVERS)));
    }

    private static void addIpv4(List<String> into, List<String> values) {
        for (String v : values) {
            if (isIpv4(v) && !into.contains(v)) {
                into.add(v);
            }
        }
    }

    private static boolean isIpv4(String s) {
        return !s.isEmpty() && DataTypes.IPV4_ADDRESS.isValid(s);
    }

    /**
     * A lease time as dnsmasq and OpenWrt write it: seconds, or a number with {@code s}, {@code m},
     * {@code h}, {@code d} or {@code w}; {@code infinite} is -1. Empty when it is not one.
     */
    public static OptionalLong leaseSeconds(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("infinite")) {
            return OptionalLong.of(-1);
        }
        if (t.isEmpty() || t.length() > 12) {
            return OptionalLong.empty();
        }
        long unit = switch (t.charAt(t.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            case 'w' -> 604800;
            default -> 0;
        };
        String digits = unit == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits) * (unit == 0 ? 1 : unit);
            return n < 0 || n > Integer.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(n);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

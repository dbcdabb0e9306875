package dev.demarc.hal.openwrt;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.hal.linux.DnsmasqConf;
import dev.demarc.hal.linux.Ipv4;
import dev.demarc.hal.linux.LanConfig;
import dev.demarc.hal.linux.LanWatcher;
import dev.demarc.tr181.platform.DhcpPool;
import dev.demarc.tr181.platform.DhcpPool.Field;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.LanSnapshot;
import dev.demarc.tr181.platform.LanWrites;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * OpenWrt's LAN: hosts from the kernel and {@code /tmp/dhcp.leases} ({@link LanWatcher}), and the
 * DHCPv4 pools of {@code /etc/config/dhcp} over the addresses of {@code /etc/config/network}
 * ({@link #config}), written back through uci, then {@code /etc/init.d/dnsmasq reload}.
 *
 * <p>A pool is a {@code config dhcp} section whose {@code interface} has a static IPv4 address:
 * {@code MinAddress} is the network address plus {@code start} (default 100), {@code MaxAddress}
 * that plus {@code limit} (default 150) less one, within the subnet; {@code leasetime} (default
 * 12h); disabled by {@code ignore '1'} or {@code dhcpv4 'disabled'}; routers, DNS servers and
 * domain from {@code dhcp_option} 3, 6 and 15, else the router's own address and dnsmasq's
 * {@code domain}. The server is enabled when a {@code config dnsmasq} section exists.
 *
 * <p>Writes: a pool's {@code Enable}, {@code MinAddress}, {@code MaxAddress} (both inside the
 * interface's subnet), {@code LeaseTime}, {@code DNSServers}, {@code IPRouters} and
 * {@code DomainName}. Not its {@code Order}, {@code Interface} or {@code SubnetMask} (the
 * interface's, in {@code /etc/config/network}), not the server's {@code Enable}, no new pools.
 */
public final class OpenWrtLan implements LanPlatform {

    private static final LanWrites WRITES = new LanWrites(false, EnumSet.of(Field.ENABLE, Field.MIN_ADDRESS,
            Field.MAX_ADDRESS, Field.LEASE_TIME, Field.DNS_SERVERS, Field.IP_ROUTERS, Field.DOMAIN_NAME), false);

    private final LanWatcher watcher;
    private final UciFile dhcp;
    private final UciFile network;
    private final UciFile firewall;

    /**
     * @param watcher  follows the hosts; its setup must be {@code () -> config(network, dhcp, firewall)}
     * @param dhcp     {@code /etc/config/dhcp}, reloaded with {@code /etc/init.d/dnsmasq reload}
     * @param network  {@code /etc/config/network} (read only here)
     * @param firewall {@code /etc/config/firewall} (read only here: which zone is the WAN)
     */
    public OpenWrtLan(LanWatcher watcher, UciFile dhcp, UciFile network, UciFile firewall) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.dhcp = Objects.requireNonNull(dhcp, "dhcp");
        this.network = Objects.requireNonNull(network, "network");
        this.firewall = Objects.requireNonNull(firewall, "firewall");
        Runnable refresh = () -> watcher.refreshSetup(true);
        dhcp.listen(refresh);
        network.listen(refresh);
        firewall.listen(refresh);
    }

    @Override
    public LanSnapshot snapshot() {
        return watcher.snapshot();
    }

    @Override
    public void watch(Runnable onChange) {
        watcher.watch(onChange);
    }

    @Override
    public LanWrites writes() {
        return WRITES;
    }

    @Override
    public Optional<DmError> putPool(DhcpPool pool) {
        Optional<DhcpPool> before = snapshot().pool(pool.key());
        UciPackage d = dhcp.current();
        Optional<UciPackage.Section> section = d.section(pool.key());
        if (before.isEmpty() || section.isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.REQUEST_DENIED, "OpenWrt pools are the dhcp sections of /etc/config/dhcp;"
                    + " the agent does not add them"));
        }
        DhcpPool was = before.get();
        if (pool.order() != was.order() || !pool.ipInterface().equals(was.ipInterface())
                || !pool.subnetMask().equals(was.subnetMask())) {
            return Optional.of(DmError.of(ErrorCode.REQUEST_DENIED,
                    "Order, Interface and SubnetMask of an OpenWrt pool come from its configuration"));
        }
        Optional<Subnet> subnet = subnet(network.current(), section.get().get("interface").orElse(""));
        if (subnet.isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.INVALID_CONFIGURATION, "the pool's interface has no static IPv4 address"));
        }
        UciPackage.Section s = section.get();
        s = s.with("ignore", pool.enable() ? null : UciPackage.Option.of("1"));
        if (pool.enable() && s.get("dhcpv4").orElse("").equals("disabled")) {
            s = s.with("dhcpv4", UciPackage.Option.of("server"));
        }
        if (!pool.minAddress().equals(was.minAddress()) || !pool.maxAddress().equals(was.maxAddress())) {
            Subnet net = subnet.get();
            if (pool.minAddress().isEmpty() || pool.maxAddress().isEmpty()) {
                return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, "MinAddress and MaxAddress are needed on OpenWrt"));
            }
            long min = Ipv4.toLong(pool.minAddress());
            long max = Ipv4.toLong(pool.maxAddress());
            if (!net.holds(min) || !net.holds(max) || max < min) {
                return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, "MinAddress and MaxAddress must be in "
                        + Ipv4.toDotted(net.network()) + "/" + net.mask() + ", MinAddress first"));
            }
            s = s.with("start", UciPackage.Option.of(Long.toString(min - net.network())));
            s = s.with("limit", UciPackage.Option.of(Long.toString(max - min + 1)));
        }
        if (pool.leaseTime() != was.leaseTime()) {
            s = s.with("leasetime", UciPackage.Option.of(leaseTime(pool.leaseTime())));
        }
        if (!pool.dnsServers().equals(was.dnsServers())) {
            s = withDhcpOption(s, "6", "dns-server", pool.dnsServers().isEmpty() ? null : String.join(",", pool.dnsServers()));
        }
        if (!pool.ipRouters().equals(was.ipRouters())) {
            s = withDhcpOption(s, "3", "router", pool.ipRouters().isEmpty() ? null : String.join(",", pool.ipRouters()));
        }
        if (!pool.domainName().equals(was.domainName())) {
            s = withDhcpOption(s, "15", "domain-name", pool.domainName().isEmpty() ? null : pool.domainName());
        }
        UciPackage.Section edited = s;
        dhcp.edit(p -> p.with(edited));
        watcher.reconfigure(config(network.current(), dhcp.current(), firewall.current()));
        return Optional.empty();
    }

    /** A lease time as OpenWrt writes it: {@code 12h}, {@code 30m}, seconds, {@code infinite}. */
    static String leaseTime(long seconds) {
        if (seconds < 0) {
            return "infinite";
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return Long.toString(seconds);
    }

    /** {@code s} with its {@code dhcp_option} for {@code code} replaced by {@code value} ({@code null}: removed). */
    private static UciPackage.Section withDhcpOption(UciPackage.Section s, String code, String name, String value) {
        List<String> options = new ArrayList<>();
        for (String o : s.list("dhcp_option")) {
            String c = o.split(",", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!c.equals(code) && !c.equals("option:" + name)) {
                options.add(o);
            }
        }
        if (value != null) {
            options.add(code + "," + value);
        }
        return s.with("dhcp_option", options.isEmpty() ? null : UciPackage.Option.listOf(options));
    }

    // ------------------------------------------------------------------ reading

    /** An interface's IPv4 subnet: network address and prefix length. */
    record Subnet(long network, int mask, String address) {
        boolean holds(long a) {
            long m = mask == 0 ? 0 : (0xFFFF_FFFFL << (32 - mask)) & 0xFFFF_FFFFL;
            return (a & m) == network && a != network && a != (network | (~m & 0xFFFF_FFFFL));
        }

        long broadcast() {
            long m = mask == 0 ? 0 : (0xFFFF_FFFFL << (32 - mask)) & 0xFFFF_FFFFL;
            return network | (~m & 0xFFFF_FFFFL);
        }
    }

    /** The static IPv4 subnet of network interface {@code name}: {@code ipaddr} with {@code netmask} or {@code /n}. */
    static Optional<Subnet> subnet(UciPackage network, String name) {
        Optional<UciPackage.Section> iface = network.section(name).filter(s -> s.type().equals("interface"));
        if (iface.isEmpty() || !iface.get().get("proto").orElse("none").equals("static")) {
            return Optional.empty();
        }
        List<String> addresses = iface.get().list("ipaddr");
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        String first = addresses.get(0).strip();
        int prefix;
        String address;
        try {
            if (first.contains("/")) {
                address = first.substring(0, first.indexOf('/'));
                prefix = Integer.parseInt(first.substring(first.indexOf('/') + 1));
            } else {
                address = first;
                String mask = iface.get().get("netmask").orElse("255.255.255.0");
                prefix = Long.bitCount(Ipv4.toLong(mask));
            }
            if (!DataTypes.IPV4_ADDRESS.isValid(address) || address.isEmpty() || prefix < 1 || prefix > 30) {
                return Optional.empty();
            }
            long m = (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return Optional.of(new Subnet(Ipv4.toLong(address) & m, prefix, address));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The LAN's setup as the three configuration files give it. Pure. */
    public static LanConfig config(UciPackage network, UciPackage dhcp, UciPackage firewall) {
        Map<String, String> ipInterfaces = new HashMap<>();
        for (UciPackage.Section s : network.ofType("interface")) {
            String device = s.get("device").orElse("");
            if (device.isEmpty()) {
                String ifname = s.get("ifname").orElse("");
                device = s.get("type").orElse("").equals("bridge") ? "br-" + s.id() : ifname.split("\\s+")[0];
            }
            String proto = s.get("proto").orElse("");
            if (proto.equals("pppoe") || proto.equals("pppoa")) {
                ipInterfaces.putIfAbsent(proto + "-" + s.id(), s.id());
            }
            if (!device.isEmpty() && !device.startsWith("@")) {
                ipInterfaces.putIfAbsent(device, s.id());
            }
        }
        Set<String> excluded = new HashSet<>(Set.of("lo"));
        for (UciPackage.Section zone : firewall.ofType("zone")) {
            boolean wan = zone.get("name").orElse("").equals("wan") || zone.get("masq").orElse("0").equals("1");
            if (wan) {
                for (String net : OpenWrtNat.networks(zone)) {
                    ipInterfaces.forEach((device, iface) -> {
                        if (iface.equals(net)) {
                            excluded.add(device);
                        }
                    });
                }
            }
        }
        String domain = dhcp.ofType("dnsmasq").stream().map(s -> s.get("domain").orElse("")).findFirst().orElse("");
        List<DhcpPool> pools = new ArrayList<>();
        for (UciPackage.Section s : dhcp.ofType("dhcp")) {
            if (pools.size() >= LanSnapshot.MAX_POOLS) {
                break;
            }
            String iface = s.get("interface").orElse("");
            Optional<Subnet> subnet = subnet(network, iface);
            if (subnet.isEmpty()) {
                continue;
            }
            try {
                pools.add(pool(s, iface, subnet.get(), domain, pools.size() + 1));
            } catch (IllegalArgumentException e) {
                // A section whose values do not read is not shown.
            }
        }
        return new LanConfig(!dhcp.ofType("dnsmasq").isEmpty(), pools, ipInterfaces, false, excluded);
    }

    private static DhcpPool pool(UciPackage.Section s, String iface, Subnet net, String dnsmasqDomain, int order) {
        long start = Long.parseLong(s.get("start").orElse("100").strip());
        long limit = Long.parseLong(s.get("limit").orElse("150").strip());
        long min = Math.min(net.network() + start, net.broadcast() - 1);
        long max = Math.min(min + Math.max(limit, 1) - 1, net.broadcast() - 1);
        boolean enable = !s.get("ignore").orElse("0").equals("1") && !s.get("dhcpv4").orElse("").equals("disabled");
        List<String> routers = new ArrayList<>(List.of(net.address()));
        List<String> dns = new ArrayList<>(List.of(net.address()));
        String domain = dnsmasqDomain;
        for (String o : s.list("dhcp_option")) {
            String[] parts = o.split(",");
            String code = parts[0].strip().toLowerCase(Locale.ROOT);
            List<String> values = new ArrayList<>();
            for (int i = 1; i < parts.length && values.size() < DhcpPool.MAX_SERVERS; i++) {
                values.add(parts[i].strip());
            }
            switch (code) {
                case "3", "option:router" -> routers = ipv4s(values);
                case "6", "option:dns-server" -> dns = ipv4s(values);
                case "15", "option:domain-name" -> domain = values.isEmpty() ? "" : values.get(0);
                default -> {
                    // Other options are not part of the pool's TR-181 view.
                }
            }
        }
        return DhcpPool.builder(s.id(), order).enable(enable).ipInterface(iface)
                .minAddress(Ipv4.toDotted(min)).maxAddress(Ipv4.toDotted(max)).subnetMask(Ipv4.mask(net.mask()))
                .dnsServers(dns).domainName(domain.length() > 64 ? "" : domain).ipRouters(routers)
                .leaseTime(DnsmasqConf.leaseSeconds(s.get("leasetime").orElse("12h")).orElse(43200)).build();
    }

    private static List<String> ipv4s(List<String> values) {
        return values.stream().filter(v -> !v.isEmpty() && DataTypes.IPV4_ADDRESS.isValid(v)).toList();
    }
}

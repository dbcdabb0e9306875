package dev.demarc.hal.openwrt;

import dev.demarc.core.Result;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The WAN side's reading of netifd's logical interfaces from
 * {@code ubus call network.interface dump}: pure parsing of the command's JSON (the network
 * part reads the same dump for its own records, {@link UbusInterfaces}). Keeps what the WAN
 * side needs: state, protocol, devices, addresses, routes, DNS servers and the protocol's data
 * (a DHCP lease's time). Addresses that are not
 * valid are left out. At most {@link #MAX_INTERFACES} interfaces are read.
 */
public final class UbusWanInterfaces {

    /** The command. */
    /** The most interfaces read. */
    public static final int MAX_INTERFACES = 256;
    private static final int MAX_ITEMS = 32;

    /** An IPv4 address with its prefix length, and the peer of a point-to-point link (empty when none). */
    public record Address(String address, int prefixLength, String peer) {
    }

    /** A route netifd installed for the interface: target network, prefix length, next hop (empty when direct). */
    public record Route(String target, int prefixLength, String nextHop) {
    }

    /**
     * One logical interface.
     *
     * @param name           its name ({@code wan})
     * @param up             up
     * @param pending        being brought up
     * @param available      its device is there
     * @param autostart      netifd keeps it up (false after {@code ifdown})
     * @param proto          its protocol ({@code dhcp}, {@code pppoe}, {@code static}, {@code dhcpv6})
     * @param device         the device it is configured on ({@code eth1}); empty when none
     * @param l3Device       the device carrying its IP traffic ({@code pppoe-wan}); empty when down
     * @param uptimeSeconds  seconds since it came up; 0 when down
     * @param ipv4           its IPv4 addresses
     * @param hasIpv6        whether it has IPv6 addresses
     * @param routes         its IPv4 routes
     * @param routes6Targets the IPv6 targets of its routes ({@code ::/0})
     * @param dnsServers     its DNS servers (IPv4 and IPv6)
     * @param leaseSeconds   the DHCP lease time the protocol reported; empty when none
     * @param dhcpServer     the DHCP server the protocol reported; empty when not reported
     * @param errors         the error codes netifd reports ({@code AUTH_FAILED})
     */
    public record Interface(String name, boolean up, boolean pending, boolean available, boolean autostart,
                            String proto, String device, String l3Device, long uptimeSeconds, List<Address> ipv4,
                            boolean hasIpv6, List<Route> routes, List<String> routes6Targets,
                            List<String> dnsServers, Optional<Long> leaseSeconds, String dhcpServer,
                            List<String> errors) {
        public Interface {
            ipv4 = List.copyOf(ipv4);
            routes = List.copyOf(routes);
            routes6Targets = List.copyOf(routes6Targets);
            dnsServers = List.copyOf(dnsServers);
            errors = List.copyOf(errors);
        }

        /** Whether this is a PPP interface ({@code pppoe}, {@code pppoa}, {@code ppp}). */
        public boolean ppp() {
            return proto.equals("pppoe") || proto.equals("pppoa") || proto.equals("ppp");
        }
    }

    private UbusWanInterfaces() {
    }

    /** The interfaces of the dump; output that is not the dump's JSON is an error. */
    public static Result<List<Interface>> parse(String source, String json) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject(source, json);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        List<Interface> out = new ArrayList<>();
        for (JsonValue.Obj o : doc.value().array("interface").objects()) {
            if (out.size() >= MAX_INTERFACES) {
                break;
            }
            String name = o.string("interface", "");
            if (name.isEmpty()) {
                continue;
            }
            List<Address> ipv4 = new ArrayList<>();
            for (JsonValue.Obj a : first(o.array("ipv4-address").objects())) {
                String address = a.string("address", "");
                String peer = a.string("ptpaddress", "");
                long mask = a.number("mask").orElse(32);
                if (isIpv4(address) && mask >= 0 && mask <= 32) {
                    ipv4.add(new Address(address, (int) mask, isIpv4(peer) ? peer : ""));
                }
            }
            List<Route> routes = new ArrayList<>();
            List<String> routes6 = new ArrayList<>();
            for (JsonValue.Obj r : first(o.array("route").objects())) {
                String target = r.string("target", "");
                long mask = r.number("mask").orElse(-1);
                String nextHop = r.string("nexthop", "");
                if (isIpv4(target) && mask >= 0 && mask <= 32) {
                    routes.add(new Route(target, (int) mask, isIpv4(nextHop) && !nextHop.equals("0.0.0.0") ? nextHop : ""));
                } else if (target.contains(":") && mask >= 0 && mask <= 128) {
                    routes6.add(target + "/" + mask);
                }
            }
            List<String> dns = new ArrayList<>();
            for (String s : first(o.array("dns-server").strings())) {
                if (!s.isEmpty() && DataTypes.IP_ADDRESS.isValid(s) && !dns.contains(s)) {
                    dns.add(s);
                }
            }
            JsonValue.Obj data = o.object("data").orElse(new JsonValue.Obj(java.util.Map.of()));
            java.util.OptionalLong lease = data.number("leasetime");
            String server = data.string("dhcpserver", "");
            List<String> errors = new ArrayList<>();
            for (JsonValue.Obj e : first(o.array("errors").objects())) {
                errors.add(e.string("code", ""));
            }
            out.add(new Interface(name, o.bool("up").orElse(false), o.bool("pending").orElse(false),
                    o.bool("available").orElse(false), o.bool("autostart").orElse(false), o.string("proto", ""),
                    o.string("device", ""), o.string("l3_device", ""), Math.max(0, o.number("uptime").orElse(0)),
                    ipv4, !o.array("ipv6-address").items().isEmpty(), routes, routes6, dns,
                    lease.isPresent() && lease.getAsLong() > 0 ? Optional.of(lease.getAsLong()) : Optional.empty(),
                    isIpv4(server) ? server : "", errors));
        }
        return Result.ok(out);
    }

    private static <T> List<T> first(List<T> items) {
        return items.size() > MAX_ITEMS ? items.subList(0, MAX_ITEMS) : items;
    }

    private static boolean isIpv4(String s) {
        return !s.isEmpty() && DataTypes.IPV4_ADDRESS.isValid(s);
    }
}

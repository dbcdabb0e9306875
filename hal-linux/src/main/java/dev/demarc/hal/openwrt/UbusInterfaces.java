package dev.demarc.hal.openwrt;

import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv4Address;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Ipv6Prefix;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads netifd's logical interfaces from {@code ubus call network.interface dump}: each becomes
 * an IP interface named as the logical interface ({@code wan}, {@code lan}, {@code wan6},
 * {@code loopback}) with its state, device, protocol, up time, addresses and prefixes. Pure;
 * any thread.
 *
 * <p>Enabled: {@code up}, {@code pending} or {@code autostart} (an interface {@code ifdown} took
 * down has autostart false). Status: Up when up; Dormant while pending (being set up); when
 * enabled but down, LowerLayerDown if its device is not available, else Down. IPv4 addresses are
 * DHCP for proto dhcp, IPCP for PPP protocols, AutoIP in 169.254/16, else Static. IPv6 addresses
 * of proto dhcpv6 are DHCPv6 (a /128) or AutoConfigured; the router's own address in a prefix
 * assigned to a LAN ({@code ipv6-prefix-assignment}) is Static. Prefixes are PrefixDelegation
 * ({@code ipv6-prefix}) or Child ({@code ipv6-prefix-assignment}).
 */
public final class UbusInterfaces {

    private static final Logger LOG = LoggerFactory.getLogger(UbusInterfaces.class);
    /** The command. */
    /** netifd protocols that run PPP: their interfaces sit on a PPP interface. */
    public static final Set<String> PPP_PROTOS = Set.of("pppoe", "pppoa", "ppp", "3g", "l2tp", "pptp");

    private UbusInterfaces() {
    }

    /**
     * The logical interfaces, and the devices of those holding a default route (they point
     * towards the Internet).
     */
    public record Dump(List<IpInterface> interfaces, Set<String> upstreamDevices) {
        public Dump {
            interfaces = List.copyOf(interfaces);
            upstreamDevices = Set.copyOf(upstreamDevices);
        }
    }

    /**
     * Parses the dump; {@code now} turns lifetimes into end times and {@code nowNanos} up times
     * into last-change times.
     */
    public static Result<Dump> parse(String json, Instant now, long nowNanos) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject("ubus network.interface dump", json);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        List<IpInterface> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> upstream = new LinkedHashSet<>();
        for (JsonValue.Obj o : doc.value().array("interface").objects()) {
            if (out.size() >= NetworkSnapshot.MAX_LINKS) {
                break;
            }
            try {
                IpInterface i = iface(o, now, nowNanos);
                if (!names.add(i.name())) {
                    continue;
                }
                out.add(i);
                if (hasDefaultRoute(o)) {
                    if (!i.device().isEmpty()) {
                        upstream.add(i.device());
                    }
                    if (!i.lowerDevice().isEmpty()) {
                        upstream.add(i.lowerDevice());
                    }
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("ubus network.interface dump: an interface left out: {}", e.getMessage());
            }
        }
        return Result.ok(new Dump(out, upstream));
    }

    private static IpInterface iface(JsonValue.Obj o, Instant now, long nowNanos) {
        String name = o.string("interface", "");
        boolean up = o.bool("up").orElse(false);
        boolean pending = o.bool("pending").orElse(false);
        boolean available = o.bool("available").orElse(true);
        boolean enabled = up || pending || o.bool("autostart").orElse(false);
        OperState status;
        if (!enabled) {
            status = OperState.DOWN;
        } else if (up) {
            status = OperState.UP;
        } else if (pending) {
            status = OperState.DORMANT;
        } else if (!available) {
            status = OperState.LOWER_LAYER_DOWN;
        } else {
            status = OperState.DOWN;
        }
        String proto = o.string("proto", "");
        String configured = o.string("device", "");
        // A PPP session's netdev (pppoe-wan) exists only while it is up; until then it has no device.
        String device = o.string("l3_device", PPP_PROTOS.contains(proto) ? "" : configured);
        String lower = configured.equals(device) ? "" : configured;
        long lastChange = 0;
        if (up && o.number("uptime").isPresent()) {
            lastChange = nowNanos - Math.max(0, o.number("uptime").getAsLong()) * 1_000_000_000L;
        }
        List<Ipv4Address> v4 = new ArrayList<>();
        for (JsonValue.Obj a : o.array("ipv4-address").objects()) {
            String address = a.string("address", "");
            Ipv4Address.Origin origin = address.startsWith("169.254.") ? Ipv4Address.Origin.AUTO_IP : switch (proto) {
                case "dhcp" -> Ipv4Address.Origin.DHCP;
                default -> PPP_PROTOS.contains(proto) ? Ipv4Address.Origin.IPCP : Ipv4Address.Origin.STATIC;
            };
            add(v4, () -> new Ipv4Address(address, (int) a.number("mask").orElse(32), origin));
        }
        List<Ipv6Address> v6 = new ArrayList<>();
        for (JsonValue.Obj a : o.array("ipv6-address").objects()) {
            int mask = (int) a.number("mask").orElse(128);
            Ipv6Address.Origin origin = !proto.equals("dhcpv6") ? Ipv6Address.Origin.STATIC
                    : mask == 128 ? Ipv6Address.Origin.DHCPV6 : Ipv6Address.Origin.AUTOCONFIGURED;
            add(v6, () -> ipv6(a.string("address", ""), mask, origin, a, now));
        }
        List<Ipv6Prefix> prefixes = new ArrayList<>();
        for (JsonValue.Obj p : o.array("ipv6-prefix").objects()) {
            add(prefixes, () -> prefix(p, Ipv6Prefix.Origin.PREFIX_DELEGATION, now));
        }
        for (JsonValue.Obj p : o.array("ipv6-prefix-assignment").objects()) {
            add(prefixes, () -> prefix(p, Ipv6Prefix.Origin.CHILD, now));
            p.object("local-address").ifPresent(local -> add(v6, () -> ipv6(local.string("address", ""),
                    (int) local.number("mask").orElse(64), Ipv6Address.Origin.STATIC, p, now)));
        }
        IpInterface.Type type = device.equals("lo") ? IpInterface.Type.LOOPBACK : IpInterface.Type.NORMAL;
        return new IpInterface(name, enabled, status, type, device, lower, proto, lastChange, v4, v6, prefixes);
    }

    private static Ipv6Address ipv6(String address, int mask, Ipv6Address.Origin origin, JsonValue.Obj times,
                                    Instant now) {
        Instant preferred = until(now, times, "preferred");
        Ipv6Address.State state = !preferred.isAfter(now) ? Ipv6Address.State.DEPRECATED : Ipv6Address.State.PREFERRED;
        Ipv6Address.Scope scope = address.toLowerCase().startsWith("fe80:") ? Ipv6Address.Scope.LINK
                : Ipv6Address.Scope.GLOBAL;
        return new Ipv6Address(address, mask, scope, origin, state, preferred, until(now, times, "valid"));
    }

    private static Ipv6Prefix prefix(JsonValue.Obj p, Ipv6Prefix.Origin origin, Instant now) {
        return new Ipv6Prefix(p.string("address", "") + "/" + p.number("mask").orElse(64), origin,
                until(now, p, "preferred"), until(now, p, "valid"));
    }

    /** netifd gives lifetimes in seconds left; absent (or -1) is forever. */
    private static Instant until(Instant now, JsonValue.Obj o, String name) {
        if (o.number(name).isEmpty() || o.number(name).getAsLong() < 0) {
            return NetworkSnapshot.INFINITE;
        }
        return now.plusSeconds(o.number(name).getAsLong()).truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean hasDefaultRoute(JsonValue.Obj o) {
        for (JsonValue.Obj r : o.array("route").objects()) {
            String target = r.string("target", "");
            if (r.number("mask").orElse(-1) == 0 && (target.equals("0.0.0.0") || target.equals("::"))) {
                return true;
            }
        }
        return false;
    }

    private static <T> void add(List<T> list, java.util.function.Supplier<T> make) {
        if (list.size() >= dev.demarc.tr181.platform.Link.MAX_ADDRESSES) {
            return;
        }
        try {
            list.add(make.get());
        } catch (IllegalArgumentException e) {
            LOG.warn("ubus network.interface dump: an address left out: {}", e.getMessage());
        }
    }
}

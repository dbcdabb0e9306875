package dev.demarc.hal.linux;

import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Ipv6Prefix;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.OperState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IP interfaces of a generic Linux device, made from its links: every netdev that is not a
 * bridge (or bond) member has an IP role and is one, the loopback included (Type Loopback); its
 * IPv6 prefixes are those of its global addresses. Also marks the links that point towards the
 * Internet. Pure; any thread.
 */
public final class LinuxIpInterfaces {

    /** How deep a VLAN stack is followed down. */
    private static final int MAX_DEPTH = 8;

    private LinuxIpInterfaces() {
    }

    /** One IP interface per link without a master, named as the link. */
    public static List<IpInterface> of(List<Link> links) {
        List<IpInterface> out = new ArrayList<>();
        for (Link l : links) {
            if (!l.master().isEmpty()) {
                continue;
            }
            out.add(new IpInterface(l.name(), l.adminUp(), status(l),
                    l.kind() == LinkKind.LOOPBACK ? IpInterface.Type.LOOPBACK : IpInterface.Type.NORMAL,
                    l.name(), "", "", l.lastChangeNanos(), l.ipv4(), l.ipv6(), prefixes(l.ipv6())));
        }
        return out;
    }

    /** The state of an IP interface on {@code l}: lower layer down when it is up but has no carrier. */
    public static OperState status(Link l) {
        if (!l.adminUp()) {
            return OperState.DOWN;
        }
        return switch (l.operState()) {
            case UP -> OperState.UP;
            case UNKNOWN -> l.carrier() ? OperState.UP : OperState.UNKNOWN;
            case DOWN, LOWER_LAYER_DOWN -> OperState.LOWER_LAYER_DOWN;
            default -> l.operState();
        };
    }

    /**
     * The prefixes of the global addresses that are not /128: from a router advertisement for
     * autoconfigured ones, static for static ones; lifetimes the address's.
     */
    public static List<Ipv6Prefix> prefixes(List<Ipv6Address> addresses) {
        Map<String, Ipv6Prefix> out = new LinkedHashMap<>();
        for (Ipv6Address a : addresses) {
            if (a.scope() != Ipv6Address.Scope.GLOBAL || a.prefixLength() == 128) {
                continue;
            }
            Ipv6Prefix.Origin origin = switch (a.origin()) {
                case AUTOCONFIGURED -> Ipv6Prefix.Origin.ROUTER_ADVERTISEMENT;
                case WELL_KNOWN -> Ipv6Prefix.Origin.WELL_KNOWN;
                case DHCPV6, STATIC -> Ipv6Prefix.Origin.STATIC;
            };
            out.putIfAbsent(a.onLinkPrefix(),
                    new Ipv6Prefix(a.onLinkPrefix(), origin, a.preferredUntil(), a.validUntil()));
        }
        return List.copyOf(out.values());
    }

    /**
     * {@code links} with {@code upstream} set on the devices of {@code defaultRouteDevices} and
     * on the links they stack on (a VLAN's parent).
     */
    public static List<Link> markUpstream(List<Link> links, Set<String> defaultRouteDevices) {
        Map<String, Link> byName = new HashMap<>();
        links.forEach(l -> byName.put(l.name(), l));
        Set<String> up = new HashSet<>();
        for (String d : defaultRouteDevices) {
            String name = d;
            for (int depth = 0; depth < MAX_DEPTH && byName.containsKey(name) && up.add(name); depth++) {
                name = byName.get(name).lowerDevice();
            }
        }
        return links.stream().map(l -> l.withUpstream(up.contains(l.name()))).toList();
    }
}

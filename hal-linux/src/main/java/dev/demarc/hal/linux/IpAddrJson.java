package dev.demarc.hal.linux;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.Duplex;
import dev.demarc.tr181.platform.Ipv4Address;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the output of {@code ip -j -d -s addr show} (iproute2's JSON): every link with its
 * flags, state, details ({@code linkinfo}), counters ({@code stats64}) and addresses, in one
 * command. What iproute2 does not say (speed, duplex, whether a link is Wi-Fi) is left unknown
 * here and added from sysfs by {@link LinuxNetwork}. Pure; any thread.
 */
public final class IpAddrJson {

    private static final Logger LOG = LoggerFactory.getLogger(IpAddrJson.class);
    /** The command, after the {@code ip} prefix. */
    public static final List<String> ARGS = List.of("-j", "-d", "-s", "addr", "show");
    /** iproute2's "forever" lifetime (0xFFFFFFFF seconds). */
    static final long FOREVER = 0xFFFF_FFFFL;

    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    private IpAddrJson() {
    }

    /**
     * The links in {@code json}; {@code now} turns lifetimes (seconds left) into end times. A
     * link the record refuses (a name too long, say) is left out with a warning; text that is
     * not a JSON array of links is an error.
     */
    public static Result<List<Link>> parse(String json, Instant now) {
        Result<JsonValue.Arr> doc = JsonReader.parseArray("ip -j addr", json);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        List<Link> links = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonValue.Obj o : doc.value().objects()) {
            if (links.size() >= NetworkSnapshot.MAX_LINKS) {
                LOG.warn("more than {} links; the rest are left out", NetworkSnapshot.MAX_LINKS);
                break;
            }
            try {
                Link l = link(o, now);
                if (names.add(l.name())) {
                    links.add(l);
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("ip -j addr: a link left out: {}", e.getMessage());
            }
        }
        if (links.isEmpty() && !doc.value().items().isEmpty()) {
            return Result.err(ErrorCode.INTERNAL_ERROR, "ip -j addr: no link could be read");
        }
        return Result.ok(links);
    }

    private static Link link(JsonValue.Obj o, Instant now) {
        String name = o.string("ifname", "");
        List<String> flags = o.array("flags").strings();
        String linkType = o.string("link_type", "");
        JsonValue.Obj linkinfo = o.object("linkinfo").orElse(new JsonValue.Obj(java.util.Map.of()));
        String infoKind = linkinfo.string("info_kind", "");
        LinkKind kind = kind(linkType, infoKind);
        String mac = o.string("address", "").toLowerCase(Locale.ROOT);
        if (!MAC.matcher(mac).matches()) {
            mac = "";
        }
        String lower = kind == LinkKind.VLAN || infoKind.equals("dsa") || infoKind.equals("macvlan")
                ? o.string("link", "") : "";
        JsonValue.Obj stats = o.object("stats64").or(() -> o.object("stats")).orElse(new JsonValue.Obj(java.util.Map.of()));
        JsonValue.Obj rx = stats.object("rx").orElse(new JsonValue.Obj(java.util.Map.of()));
        JsonValue.Obj tx = stats.object("tx").orElse(new JsonValue.Obj(java.util.Map.of()));
        LinkStats counters = new LinkStats(count(tx, "bytes"), count(rx, "bytes"), count(tx, "packets"),
                count(rx, "packets"), count(tx, "errors"), count(rx, "errors"), count(tx, "dropped"),
                count(rx, "dropped"), count(rx, "multicast"), count(tx, "collisions"));
        List<Ipv4Address> v4 = new ArrayList<>();
        List<Ipv6Address> v6 = new ArrayList<>();
        for (JsonValue.Obj a : o.array("addr_info").objects()) {
            try {
                if ("inet".equals(a.string("family", "")) && v4.size() < Link.MAX_ADDRESSES) {
                    v4.add(ipv4(a, kind));
                } else if ("inet6".equals(a.string("family", "")) && v6.size() < Link.MAX_ADDRESSES) {
                    v6.add(ipv6(a, now));
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("ip -j addr: an address of {} left out: {}", name, e.getMessage());
            }
        }
        return new Link(name, (int) Math.max(0, Math.min(Integer.MAX_VALUE, o.number("ifindex").orElse(0))), kind, mac,
                flags.contains("UP"), OperState.fromKernel(o.string("operstate", "")), flags.contains("LOWER_UP"),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, o.number("mtu").orElse(0))), -1, Duplex.UNKNOWN, false,
                o.string("master", ""), lower, 0, counters, v4, v6);
    }

    /** The kind iproute2's link type and {@code linkinfo.info_kind} say; Wi-Fi is told by sysfs. */
    static LinkKind kind(String linkType, String infoKind) {
        if (linkType.equals("loopback")) {
            return LinkKind.LOOPBACK;
        }
        if (linkType.equals("ppp") || infoKind.equals("ppp")) {
            return LinkKind.PPP;
        }
        return switch (infoKind) {
            case "bridge" -> LinkKind.BRIDGE;
            case "vlan" -> LinkKind.VLAN;
            case "veth" -> LinkKind.VETH;
            case "dsa" -> LinkKind.ETHERNET;
            case "" -> linkType.equals("ether") ? LinkKind.ETHERNET : LinkKind.OTHER;
            default -> LinkKind.OTHER;
        };
    }

    private static Ipv4Address ipv4(JsonValue.Obj a, LinkKind kind) {
        String address = a.string("local", "");
        int length = (int) a.number("prefixlen").orElse(32);
        Ipv4Address.Origin origin;
        if (kind == LinkKind.PPP) {
            origin = Ipv4Address.Origin.IPCP;
        } else if (address.startsWith("169.254.")) {
            origin = Ipv4Address.Origin.AUTO_IP;
        } else if (a.bool("dynamic").orElse(false) || a.number("valid_life_time").orElse(FOREVER) != FOREVER) {
            origin = Ipv4Address.Origin.DHCP;
        } else {
            origin = Ipv4Address.Origin.STATIC;
        }
        return new Ipv4Address(address, length, origin);
    }

    private static Ipv6Address ipv6(JsonValue.Obj a, Instant now) {
        String address = a.string("local", "");
        int length = (int) a.number("prefixlen").orElse(128);
        Ipv6Address.Scope scope = switch (a.string("scope", "global")) {
            case "link" -> Ipv6Address.Scope.LINK;
            case "host" -> Ipv6Address.Scope.HOST;
            case "site" -> Ipv6Address.Scope.SITE;
            default -> Ipv6Address.Scope.GLOBAL;
        };
        long valid = a.number("valid_life_time").orElse(FOREVER);
        long preferred = a.number("preferred_life_time").orElse(FOREVER);
        boolean dynamic = a.bool("dynamic").orElse(false) || valid != FOREVER;
        Ipv6Address.Origin origin;
        if (scope == Ipv6Address.Scope.LINK || scope == Ipv6Address.Scope.HOST) {
            origin = Ipv6Address.Origin.WELL_KNOWN;
        } else if (!dynamic) {
            origin = Ipv6Address.Origin.STATIC;
        } else if (length == 128) {
            origin = Ipv6Address.Origin.DHCPV6;
        } else {
            origin = Ipv6Address.Origin.AUTOCONFIGURED;
        }
        Ipv6Address.State state;
        if (a.bool("dadfailed").orElse(false)) {
            state = Ipv6Address.State.DUPLICATE;
        } else if (a.bool("tentative").orElse(false)) {
            state = Ipv6Address.State.TENTATIVE;
        } else if (a.bool("optimistic").orElse(false)) {
            state = Ipv6Address.State.OPTIMISTIC;
        } else if (a.bool("deprecated").orElse(false) || preferred == 0) {
            state = Ipv6Address.State.DEPRECATED;
        } else {
            state = Ipv6Address.State.PREFERRED;
        }
        return new Ipv6Address(address, length, scope, origin, state, until(now, preferred), until(now, valid));
    }

    /** The end of a lifetime of {@code seconds} from {@code now}; infinite for iproute2's forever. */
    static Instant until(Instant now, long seconds) {
        if (seconds >= FOREVER || seconds < 0) {
            return NetworkSnapshot.INFINITE;
        }
        return now.plusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static long count(JsonValue.Obj o, String name) {
        return Math.max(0, o.number(name).orElse(0));
    }
}

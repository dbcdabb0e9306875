package dev.demarc.hal.linux;

import dev.demarc.core.Result;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Ipv6RouteState;
import dev.demarc.tr181.platform.WanState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the routes iproute2 prints as JSON ({@code ip -j -4 route show table main},
 * {@code ip -j -6 route show table main}): pure parsing of the command's output. Only unicast
 * routes of the main table are kept (no {@code local}, {@code broadcast}, {@code unreachable}...),
 * at most {@link WanState#MAX_ROUTES}; a route that cannot be read is skipped and logged.
 *
 * <p>How a route was made comes from its protocol: {@code dhcp} is DHCP (v4 or v6), {@code ra}
 * a router advertisement, {@code kernel} a connected route (Origin Static, not a static route),
 * {@code boot}/{@code static} (or none printed, which is {@code boot}) configuration, i.e. a
 * static route, except through a PPP device, where pppd made it (IPCP). Routing daemons'
 * protocols ({@code ospf}, {@code rip}) are theirs; others are Static but not static routes.
 */
public final class IpRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(IpRoutes.class);

    /** One route as {@code ip -j route} prints it, before it is made a TR-181 route. */
    public record IpRoute(String destination, String gateway, String device, String protocol, long metric,
                          String type, String table, String preferredSource, Optional<Long> expiresSeconds) {
    }

    private IpRoutes() {
    }

    /** The routes of the output, as printed; an output that is not a JSON array is an error. */
    public static Result<List<IpRoute>> parse(String source, String json) {
        Result<JsonValue.Arr> arr = JsonReader.parseArray(source, json.isBlank() ? "[]" : json);
        if (!arr.isOk()) {
            return Result.err(arr.error());
        }
        List<IpRoute> routes = new ArrayList<>();
        for (JsonValue.Obj o : arr.value().objects()) {
            String gateway = o.string("gateway", "");
            String device = o.string("dev", "");
            List<JsonValue.Obj> hops = o.array("nexthops").objects();
            if (gateway.isEmpty() && device.isEmpty() && !hops.isEmpty()) {
                gateway = hops.get(0).string("gateway", "");
                device = hops.get(0).string("dev", "");
            }
            long metric = o.number("metric").orElse(0);
            java.util.OptionalLong expiresField = o.number("expires");
            Optional<Long> expires = expiresField.isPresent() ? Optional.of(expiresField.getAsLong()) : Optional.empty();
            routes.add(new IpRoute(o.string("dst", ""), gateway, device, o.string("protocol", "boot"), metric,
                    o.string("type", "unicast"), o.string("table", "main"), o.string("prefsrc", ""),
                    expires));
        }
        return Result.ok(routes);
    }

    /** The IPv4 routes of the main table; {@code interfaceKey} turns a device into its IP interface's key. */
    public static List<Ipv4RouteState> ipv4(List<IpRoute> routes, UnaryOperator<String> interfaceKey) {
        Map<String, Ipv4RouteState> out = new LinkedHashMap<>();
        for (IpRoute r : routes) {
            if (!r.type().equals("unicast") || !r.table().equals("main")) {
                continue;
            }
            String dst = r.destination().equals("default") ? "0.0.0.0/0" : r.destination();
            int slash = dst.indexOf('/');
            String address = slash < 0 ? dst : dst.substring(0, slash);
            int length;
            try {
                length = slash < 0 ? 32 : Integer.parseInt(dst.substring(slash + 1));
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (!DataTypes.IPV4_ADDRESS.isValid(address) || address.isEmpty() || length < 0 || length > 32
                    || !DataTypes.IPV4_ADDRESS.isValid(r.gateway())) {
                LOG.debug("IPv4 route {} skipped: not an IPv4 route", r);
                continue;
            }
            boolean ppp = isPppDevice(r.device());
            Ipv4RouteState.Origin origin = switch (r.protocol()) {
                case "dhcp" -> Ipv4RouteState.Origin.DHCPV4;
                case "ospf" -> Ipv4RouteState.Origin.OSPF;
                case "rip" -> Ipv4RouteState.Origin.RIP;
                case "boot", "static" -> ppp ? Ipv4RouteState.Origin.IPCP : Ipv4RouteState.Origin.STATIC;
                default -> Ipv4RouteState.Origin.STATIC;
            };
            boolean configured = !ppp && (r.protocol().equals("boot") || r.protocol().equals("static"));
            Ipv4RouteState route = new Ipv4RouteState(address, length, r.gateway(),
                    r.device().isEmpty() ? "" : interfaceKey.apply(r.device()), origin, r.metric(), configured);
            if (out.size() < WanState.MAX_ROUTES) {
                out.putIfAbsent(route.key(), route);
            }
        }
        return List.copyOf(out.values());
    }

    /** The IPv6 routes of the main table; {@code readAt} is when the output was read (for expiry times). */
    public static List<Ipv6RouteState> ipv6(List<IpRoute> routes, UnaryOperator<String> interfaceKey, Instant readAt) {
        Map<String, Ipv6RouteState> out = new LinkedHashMap<>();
        for (IpRoute r : routes) {
            if (!r.type().equals("unicast") || !r.table().equals("main")) {
                continue;
            }
            String dst = r.destination().equals("default") ? "::/0" : r.destination();
            if (!dst.contains("/")) {
                dst = dst + "/128";
            }
            String address = dst.substring(0, dst.indexOf('/'));
            if (!address.contains(":") || !DataTypes.IPV6_PREFIX.isValid(dst)
                    || !DataTypes.IPV6_ADDRESS.isValid(r.gateway())) {
                LOG.debug("IPv6 route {} skipped: not an IPv6 route", r);
                continue;
            }
            Ipv6RouteState.Origin origin = switch (r.protocol()) {
                case "ra" -> Ipv6RouteState.Origin.RA;
                case "dhcp" -> Ipv6RouteState.Origin.DHCPV6;
                case "ospf" -> Ipv6RouteState.Origin.OSPF;
                case "rip", "ripng" -> Ipv6RouteState.Origin.RIPNG;
                default -> Ipv6RouteState.Origin.STATIC;
            };
            Optional<Instant> expires = r.expiresSeconds().filter(s -> s > 0).map(readAt::plusSeconds);
            Ipv6RouteState route = new Ipv6RouteState(dst, r.gateway(),
                    r.device().isEmpty() ? "" : interfaceKey.apply(r.device()), origin, r.metric(), expires);
            if (out.size() < WanState.MAX_ROUTES) {
                out.putIfAbsent(route.key(), route);
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The IPv4 addresses each device has, as the kernel's connected routes show them (their
     * preferred source): what tells a lease still in use from an old lease file.
     */
    public static Map<String, Set<String>> sourceAddresses(List<IpRoute> routes) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (IpRoute r : routes) {
            if (!r.preferredSource().isEmpty() && !r.device().isEmpty()) {
                out.computeIfAbsent(r.device(), d -> new LinkedHashSet<>()).add(r.preferredSource());
            }
        }
        return out;
    }

    /** The IPv4 default route with the lowest metric, if there is one. */
    public static Optional<Ipv4RouteState> bestDefault(List<Ipv4RouteState> routes) {
        return routes.stream().filter(Ipv4RouteState::isDefault)
                .min(java.util.Comparator.comparingLong(Ipv4RouteState::metric));
    }

    /** Whether {@code device} is a PPP device by its name ({@code ppp0}, OpenWrt's {@code pppoe-wan}). */
    public static boolean isPppDevice(String device) {
        return device.startsWith("ppp");
    }
}

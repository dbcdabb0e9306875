package dev.demarc.hal.simulated;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Ipv6RouteState;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code "wan"} area of a simulated device's file, read into a {@link WanState}; the shape
 * is documented in {@code hal-linux/src/test/resources/simulated/README.md}. Times are given
 * relative to the moment the area takes its value (the file is read, a timeline step or a
 * write replaces the area): {@code leaseRemainingSeconds}, {@code upSeconds},
 * {@code lastChangeSecondsAgo}, {@code expiresInSeconds}. A client or PPP interface whose
 * {@code enable} is false shows as stopped (no lease, no session), whatever else it says. An
 * area that is absent is no WAN side; one that breaks the shape is an error naming what.
 */
public final class SimulatedWanArea {

    /** The area's name in the file. */
    public static final String AREA = "wan";

    private SimulatedWanArea() {
    }

    /** The area's value taken at {@code at}. */
    public static Result<WanState> parse(JsonValue area, Instant at) {
        if (area instanceof JsonValue.Null) {
            return Result.ok(WanState.EMPTY);
        }
        if (!(area instanceof JsonValue.Obj o)) {
            return Result.err(ErrorCode.INVALID_VALUE, "\"wan\" must be an object");
        }
        try {
            return Result.ok(state(o, at));
        } catch (IllegalArgumentException e) {
            return Result.err(ErrorCode.INVALID_VALUE, "\"wan\": " + e.getMessage());
        }
    }

    private static WanState state(JsonValue.Obj o, Instant at) {
        WanInterface wan = o.object("wanInterface").map(w -> new WanInterface(w.string("interface", ""),
                w.string("device", ""), w.bool("up").orElse(false), w.string("ipAddress", ""), w.string("gateway", ""),
                w.array("dnsServers").strings(),
                w.number("upSeconds").isPresent() ? Optional.of(at.minusSeconds(w.number("upSeconds").getAsLong()))
                        : Optional.empty())).orElse(WanInterface.NONE);
        List<DhcpV4ClientState> clients = new ArrayList<>();
        for (JsonValue.Obj c : o.array("dhcpClients").objects()) {
            clients.add(dhcpClient(c, at));
        }
        List<PppInterfaceState> ppp = new ArrayList<>();
        for (JsonValue.Obj p : o.array("ppp").objects()) {
            ppp.add(pppInterface(p, at));
        }
        List<Ipv4RouteState> v4 = new ArrayList<>();
        for (JsonValue.Obj r : o.array("ipv4Routes").objects()) {
            String dst = required(r, "destination");
            int slash = dst.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("route destination " + dst + " has no /prefix length");
            }
            v4.add(new Ipv4RouteState(dst.substring(0, slash), Integer.parseInt(dst.substring(slash + 1)),
                    r.string("gateway", ""), r.string("interface", ""),
                    enumOf(Ipv4RouteState.Origin.values(), Ipv4RouteState.Origin::text, r.string("origin", "Static")),
                    r.number("metric").orElse(0), r.bool("static").orElse(false)));
        }
        List<Ipv6RouteState> v6 = new ArrayList<>();
        for (JsonValue.Obj r : o.array("ipv6Routes").objects()) {
            v6.add(new Ipv6RouteState(required(r, "destination"), r.string("nextHop", ""), r.string("interface", ""),
                    enumOf(Ipv6RouteState.Origin.values(), Ipv6RouteState.Origin::text, r.string("origin", "Static")),
                    r.number("metric").orElse(0),
                    r.number("expiresInSeconds").isPresent() ? Optional.of(at.plusSeconds(r.number("expiresInSeconds").getAsLong()))
                            : Optional.empty()));
        }
        JsonValue.Obj dns = o.object("dns").orElse(new JsonValue.Obj(Map.of()));
        List<DnsServerState> servers = new ArrayList<>();
        for (JsonValue.Obj s : dns.array("servers").objects()) {
            servers.add(new DnsServerState(required(s, "address"), s.string("interface", ""),
                    enumOf(DnsServerState.Type.values(), DnsServerState.Type::text, s.string("type", "Static"))));
        }
        boolean routing = o.bool("routing").orElse(!v4.isEmpty() || !v6.isEmpty());
        return new WanState(wan, routing, clients, ppp, v4, v6, dns.bool("enable").orElse(!servers.isEmpty()), servers);
    }

    private static DhcpV4ClientState dhcpClient(JsonValue.Obj c, Instant at) {
        String key = required(c, "interface");
        boolean enabled = c.bool("enable").orElse(true);
        if (!enabled) {
            return new DhcpV4ClientState(key, false, DhcpV4ClientState.Status.DISABLED,
                    DhcpV4ClientState.DhcpStatus.INIT, "", "", List.of(), List.of(), "", Optional.empty());
        }
        Optional<Instant> expires = Optional.empty();
        if (c.string("leaseRemainingSeconds", "").equals("infinite")) {
            expires = Optional.of(Instant.MAX);
        } else if (c.number("leaseRemainingSeconds").isPresent()) {
            expires = Optional.of(at.plusSeconds(c.number("leaseRemainingSeconds").getAsLong()));
        }
        return new DhcpV4ClientState(key, true,
                enumOf(DhcpV4ClientState.Status.values(), DhcpV4ClientState.Status::text, c.string("status", "Enabled")),
                enumOf(DhcpV4ClientState.DhcpStatus.values(), DhcpV4ClientState.DhcpStatus::text,
                        c.string("dhcpStatus", "Bound")),
                c.string("ipAddress", ""), c.string("subnetMask", ""), c.array("routers").strings(),
                c.array("dnsServers").strings(), c.string("dhcpServer", ""), expires);
    }

    private static PppInterfaceState pppInterface(JsonValue.Obj p, Instant at) {
        String key = required(p, "interface");
        boolean enabled = p.bool("enable").orElse(true);
        Optional<Instant> lastChange = p.number("lastChangeSecondsAgo").isPresent()
                ? Optional.of(at.minusSeconds(p.number("lastChangeSecondsAgo").getAsLong())) : Optional.empty();
        String name = p.string("name", key);
        String lower = p.string("lowerLayer", "");
        String username = p.string("username", "");
        if (!enabled) {
            return new PppInterfaceState(key, name, lower, false, PppInterfaceState.Status.DOWN,
                    username.isEmpty() ? PppInterfaceState.ConnectionStatus.UNCONFIGURED
                            : PppInterfaceState.ConnectionStatus.DISCONNECTED,
                    username, 0, "", "", List.of(), lastChange, Optional.empty());
        }
        Optional<PppInterfaceState.PppStats> stats = p.object("stats").map(s -> new PppInterfaceState.PppStats(
                s.number("bytesSent").orElse(0), s.number("bytesReceived").orElse(0), s.number("packetsSent").orElse(0),
                s.number("packetsReceived").orElse(0), s.number("errorsSent").orElse(0),
                s.number("errorsReceived").orElse(0), s.number("discardPacketsSent").orElse(0),
                s.number("discardPacketsReceived").orElse(0)));
        return new PppInterfaceState(key, name, lower, true,
                enumOf(PppInterfaceState.Status.values(), PppInterfaceState.Status::text, p.string("status", "Up")),
                enumOf(PppInterfaceState.ConnectionStatus.values(), PppInterfaceState.ConnectionStatus::text,
                        p.string("connectionStatus", "Connected")),
                username, p.number("sessionId").orElse(0), p.string("localAddress", ""), p.string("remoteAddress", ""),
                p.array("dnsServers").strings(), lastChange, stats);
    }

    private static String required(JsonValue.Obj o, String member) {
        return o.string(member).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("\"" + member + "\" is missing"));
    }

    private static <E> E enumOf(E[] values, java.util.function.Function<E, String> text, String given) {
        for (E v : values) {
            if (text.apply(v).equals(given)) {
                return v;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E v : values) {
            allowed.add(text.apply(v));
        }
        throw new IllegalArgumentException("\"" + given + "\" is not one of " + allowed);
    }

    // ------------------------------------------------------------------ writes

    /**
     * {@code area} with member {@code member} of the entry of {@code list} whose
     * {@code "interface"} is {@code key} set to {@code value}; empty when there is no such entry.
     */
    static Optional<JsonValue> withEntryMember(JsonValue area, String list, String key, String member, JsonValue value) {
        if (!(area instanceof JsonValue.Obj o)) {
            return Optional.empty();
        }
        List<JsonValue> items = new ArrayList<>(o.array(list).items());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof JsonValue.Obj entry && entry.string("interface", "").equals(key)) {
                Map<String, JsonValue> members = new LinkedHashMap<>(entry.members());
                members.put(member, value);
                items.set(i, new JsonValue.Obj(members));
                Map<String, JsonValue> top = new LinkedHashMap<>(o.members());
                top.put(list, new JsonValue.Arr(items));
                return Optional.of(new JsonValue.Obj(top));
            }
        }
        return Optional.empty();
    }

    /** The member of the entry of {@code list} whose {@code "interface"} is {@code key}. */
    static Optional<JsonValue> entryMember(JsonValue area, String list, String key, String member) {
        if (!(area instanceof JsonValue.Obj o)) {
            return Optional.empty();
        }
        return o.array(list).objects().stream().filter(e -> e.string("interface", "").equals(key)).findFirst()
                .flatMap(e -> e.get(member));
    }

    static JsonValue number(long n) {
        return new JsonValue.Num(BigDecimal.valueOf(n));
    }
}

package dev.demarc.hal.simulated;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.linux.LinuxIpInterfaces;
import dev.demarc.hal.net.RefreshedNetwork;
import dev.demarc.tr181.platform.Duplex;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv4Address;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Ipv6Prefix;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The {@code "network"} area of a simulated device: links and, optionally, OpenWrt-style logical
 * interfaces (see {@code hal-linux/src/test/resources/simulated/README.md} for the shape). Without
 * {@code "interfaces"}, the IP interfaces are made from the links as on generic Linux
 * ({@link LinuxIpInterfaces}). Every write is accepted and applied to the area (a link's
 * {@code "up"}, an interface's {@code "enabled"}), which its watchers hear as a change; a
 * timeline step replacing the area is heard the same way.
 */
public final class SimulatedNetwork extends RefreshedNetwork {

    /** The area's name in the file. */
    public static final String AREA = "network";

    private final SimulatedDevice device;
    private final Clock clock;
    private final LongSupplier nanoClock;

    public SimulatedNetwork(SimulatedDevice device, ScheduledExecutorService threads) {
        this(device, threads, Clock.systemUTC(), System::nanoTime);
    }

    SimulatedNetwork(SimulatedDevice device, ScheduledExecutorService threads, Clock clock, LongSupplier nanoClock) {
        super(threads, Duration.ofSeconds(5), nanoClock);
        this.device = Objects.requireNonNull(device, "device");
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    @Override
    public void start() {
        super.start();
        device.watch(AREA, this::refreshNow);
    }

    @Override
    protected Result<NetworkSnapshot> read() {
        return parse(device.area(AREA), clock.instant(), nanoClock.getAsLong());
    }

    /** The snapshot an area describes; an absent area is no network. */
    public static Result<NetworkSnapshot> parse(JsonValue area, Instant now, long nowNanos) {
        if (area instanceof JsonValue.Null) {
            return Result.ok(NetworkSnapshot.EMPTY);
        }
        if (!(area instanceof JsonValue.Obj o)) {
            return Result.err(ErrorCode.INVALID_VALUE, "\"network\" must be an object");
        }
        try {
            List<Link> links = new ArrayList<>();
            for (JsonValue.Obj l : o.array("links").objects()) {
                links.add(link(l, now, nowNanos));
            }
            List<IpInterface> ifaces;
            if (o.get("interfaces").isPresent()) {
                ifaces = new ArrayList<>();
                for (JsonValue.Obj i : o.array("interfaces").objects()) {
                    ifaces.add(iface(i, links, now, nowNanos));
                }
            } else {
                ifaces = LinuxIpInterfaces.of(links);
            }
            return Result.ok(new NetworkSnapshot(links, ifaces));
        } catch (IllegalArgumentException e) {
            return Result.err(ErrorCode.INVALID_VALUE, "\"network\": " + e.getMessage());
        }
    }

    private static Link link(JsonValue.Obj l, Instant now, long nowNanos) {
        String name = required(l, "name");
        boolean up = l.bool("up").orElse(true);
        boolean carrier = l.bool("carrier").orElse(up);
        OperState oper = l.string("operState").map(OperState::fromKernel)
                .orElse(up && carrier ? OperState.UP : OperState.DOWN);
        LinkKind kind = enumValue(LinkKind.class, l.string("kind", "ethernet"), name + ".kind");
        JsonValue.Obj s = l.object("stats").orElse(new JsonValue.Obj(Map.of()));
        LinkStats stats = new LinkStats(n(s, "bytesSent"), n(s, "bytesReceived"), n(s, "packetsSent"),
                n(s, "packetsReceived"), n(s, "errorsSent"), n(s, "errorsReceived"), n(s, "discardsSent"),
                n(s, "discardsReceived"), n(s, "multicastReceived"), n(s, "collisions"));
        List<Ipv4Address> v4 = ipv4(l, name);
        return new Link(name, (int) l.number("index").orElse(0), kind, l.string("mac", "").toLowerCase(Locale.ROOT),
                up, oper, carrier, (int) l.number("mtu").orElse(1500), l.number("speed").orElse(-1),
                enumValue(Duplex.class, l.string("duplex", "unknown"), name + ".duplex"),
                l.bool("upstream").orElse(false), l.string("master", ""), l.string("lower", ""),
                lastChange(l, nowNanos), stats, v4, ipv6(l, now));
    }

    private static IpInterface iface(JsonValue.Obj i, List<Link> links, Instant now, long nowNanos) {
        String name = required(i, "name");
        boolean enabled = i.bool("enabled").orElse(true);
        String device = i.string("device", "");
        Optional<Link> link = links.stream().filter(l -> l.name().equals(device)).findFirst();
        OperState status = i.string("status").map(OperState::fromKernel)
                .orElseGet(() -> !enabled ? OperState.DOWN : link.map(LinuxIpInterfaces::status).orElse(OperState.DOWN));
        if (!enabled) {
            status = OperState.DOWN;
        }
        List<Ipv6Prefix> prefixes = new ArrayList<>();
        for (JsonValue.Obj p : i.array("ipv6Prefixes").objects()) {
            prefixes.add(new Ipv6Prefix(required(p, "prefix"),
                    enumValue(Ipv6Prefix.Origin.class, p.string("origin", "static"), name + ".ipv6Prefixes.origin"),
                    until(now, p, "preferredSeconds"), until(now, p, "validSeconds")));
        }
        return new IpInterface(name, enabled, status,
                enumValue(IpInterface.Type.class, i.string("type", "normal"), name + ".type"), device,
                i.string("lowerDevice", ""), i.string("proto", ""), lastChange(i, nowNanos), ipv4(i, name),
                ipv6(i, now), prefixes);
    }

    private static List<Ipv4Address> ipv4(JsonValue.Obj o, String owner) {
        List<Ipv4Address> out = new ArrayList<>();
        for (JsonValue.Obj a : o.array("ipv4").objects()) {
            out.add(new Ipv4Address(required(a, "address"), (int) a.number("prefixLength").orElse(24),
                    enumValue(Ipv4Address.Origin.class, a.string("origin", "static"), owner + ".ipv4.origin")));
        }
        return out;
    }

    private static List<Ipv6Address> ipv6(JsonValue.Obj o, Instant now) {
        List<Ipv6Address> out = new ArrayList<>();
        for (JsonValue.Obj a : o.array("ipv6").objects()) {
            String address = required(a, "address");
            boolean linkLocal = address.toLowerCase(Locale.ROOT).startsWith("fe80:");
            out.add(new Ipv6Address(address, (int) a.number("prefixLength").orElse(64),
                    enumValue(Ipv6Address.Scope.class, a.string("scope", linkLocal ? "link" : "global"), address),
                    enumValue(Ipv6Address.Origin.class, a.string("origin", linkLocal ? "well_known" : "static"), address),
                    enumValue(Ipv6Address.State.class, a.string("state", "preferred"), address),
                    until(now, a, "preferredSeconds"), until(now, a, "validSeconds")));
        }
        return out;
    }

    private static long lastChange(JsonValue.Obj o, long nowNanos) {
        return o.number("lastChangeSecondsAgo").isPresent()
                ? nowNanos - Math.max(0, o.number("lastChangeSecondsAgo").getAsLong()) * 1_000_000_000L : 0;
    }

    private static Instant until(Instant now, JsonValue.Obj o, String member) {
        return o.number(member).isPresent()
                ? now.plusSeconds(o.number(member).getAsLong()).truncatedTo(ChronoUnit.SECONDS)
                : NetworkSnapshot.INFINITE;
    }

    private static long n(JsonValue.Obj o, String member) {
        return Math.max(0, o.number(member).orElse(0));
    }

    private static String required(JsonValue.Obj o, String member) {
        return o.string(member).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("a \"" + member + "\" is needed"));
    }

    /** The constant named by {@code text}, case and dashes aside ({@code prefixdelegation}, {@code well_known}). */
    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where) {
        String want = text.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().replace("_", "").toLowerCase(Locale.ROOT).equals(want)) {
                return e;
            }
        }
        throw new IllegalArgumentException(where + ": unknown value '" + text + "'");
    }

    @Override
    public NetworkCapabilities capabilities() {
        return NetworkCapabilities.ALL;
    }

    @Override
    public Optional<DmError> setLinkEnabled(String link, boolean enable) {
        return setMember("links", link, "up", enable);
    }

    @Override
    public Optional<DmError> setIpInterfaceEnabled(String ipInterface, boolean enable) {
        if (device.area(AREA) instanceof JsonValue.Obj o && o.get("interfaces").isPresent()) {
            return setMember("interfaces", ipInterface, "enabled", enable);
        }
        return setLinkEnabled(ipInterface, enable);
    }

    /** Accepted: a simulated interface has no connection to tear down. */
    @Override
    public Optional<DmError> restartIpInterface(String ipInterface) {
        return snapshot().ipInterface(ipInterface).isPresent() ? Optional.empty()
                : Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "no interface " + ipInterface));
    }

    /** Writes {@code member} of the named item of the area's {@code list}, and replaces the area. */
    private synchronized Optional<DmError> setMember(String list, String name, String member, boolean value) {
        if (!(device.area(AREA) instanceof JsonValue.Obj area)) {
            return Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "the simulated device has no network"));
        }
        boolean found = false;
        List<JsonValue> items = new ArrayList<>();
        for (JsonValue item : area.array(list).items()) {
            if (item instanceof JsonValue.Obj o && name.equals(o.string("name", null))) {
                Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
                m.put(member, new JsonValue.Bool(value));
                items.add(new JsonValue.Obj(m));
                found = true;
            } else {
                items.add(item);
            }
        }
        if (!found) {
            return Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "no " + name + " in the simulated network"));
        }
        Map<String, JsonValue> m = new LinkedHashMap<>(area.members());
        m.put(list, new JsonValue.Arr(items));
        device.replace(AREA, new JsonValue.Obj(m));
        return Optional.empty();
    }
}

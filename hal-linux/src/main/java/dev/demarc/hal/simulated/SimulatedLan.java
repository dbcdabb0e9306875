package dev.demarc.hal.simulated;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.linux.DnsmasqLeases;
import dev.demarc.tr181.platform.DhcpLease;
import dev.demarc.tr181.platform.DhcpPool;
import dev.demarc.tr181.platform.LanHost;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.LanSnapshot;
import dev.demarc.tr181.platform.LanWrites;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code "lan"} area of a simulated device: the DHCPv4 server, its pools and leases, and the
 * hosts (see the simulated README for the shape). Every write is accepted and replaces the area;
 * a timeline step that replaces it is pushed (hosts appearing, leaving, going inactive). Entries
 * that do not read are skipped with a warning. {@code ActiveLastChange} is the time a step
 * changed {@code active}, the Unknown Time for the hosts of the file's start.
 */
final class SimulatedLan implements LanPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedLan.class);
    static final String AREA = "lan";

    private final Clock clock;
    private final SimulatedArea<LanSnapshot> area;
    private final AtomicInteger nextKey = new AtomicInteger(1);

    SimulatedLan(SimulatedDevice device, Clock clock) {
        this.clock = clock;
        this.area = new SimulatedArea<>(device, AREA, this::parse);
    }

    @Override
    public LanSnapshot snapshot() {
        return area.snapshot();
    }

    @Override
    public void watch(Runnable onChange) {
        area.watch(onChange);
    }

    @Override
    public LanWrites writes() {
        return LanWrites.ALL;
    }

    @Override
    public Optional<DmError> setDhcpServerEnable(boolean enable) {
        area.write(withLeasesFixed(SimulatedJson.with(area.value(), "dhcpServerEnable", new JsonValue.Bool(enable))));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> putPool(DhcpPool pool) {
        List<JsonValue> pools = new ArrayList<>();
        boolean replaced = false;
        for (DhcpPool p : snapshot().pools()) {
            if (p.key().equals(pool.key())) {
                pools.add(json(pool));
                replaced = true;
            } else {
                pools.add(json(p));
            }
        }
        if (!replaced) {
            if (pools.size() >= LanSnapshot.MAX_POOLS) {
                return Optional.of(DmError.of(ErrorCode.RESOURCES_EXCEEDED, "no more pools"));
            }
            pools.add(json(pool));
        }
        area.write(withLeasesFixed(SimulatedJson.with(area.value(), "pools", new JsonValue.Arr(pools))));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> deletePool(String key) {
        List<JsonValue> pools = snapshot().pools().stream().filter(p -> !p.key().equals(key))
                .map(p -> (JsonValue) json(p)).toList();
        area.write(withLeasesFixed(SimulatedJson.with(area.value(), "pools", new JsonValue.Arr(pools))));
        return Optional.empty();
    }

    @Override
    public Optional<String> newPoolKey() {
        while (true) {
            String key = "pool" + nextKey.getAndIncrement();
            if (snapshot().pool(key).isEmpty()) {
                return Optional.of(key);
            }
        }
    }

    /** The area with its leases' ends written as instants, so that reading it again does not restart them. */
    private JsonValue withLeasesFixed(JsonValue.Obj value) {
        List<JsonValue> leases = new ArrayList<>();
        for (DhcpLease l : snapshot().leases()) {
            leases.add(SimulatedJson.obj().put("mac", l.chaddr()).put("ip", l.ipAddress()).put("hostName", l.hostName())
                    .put("expires", l.expires().toString()).put("pool", l.pool()).build());
        }
        return SimulatedJson.with(value, "leases", new JsonValue.Arr(leases));
    }

    static JsonValue.Obj json(DhcpPool p) {
        return SimulatedJson.obj().put("key", p.key()).put("enable", p.enable()).put("order", p.order())
                .put("interface", p.ipInterface()).put("minAddress", p.minAddress()).put("maxAddress", p.maxAddress())
                .put("subnetMask", p.subnetMask()).strings("dnsServers", p.dnsServers()).put("domainName", p.domainName())
                .strings("ipRouters", p.ipRouters()).put("leaseTime", p.leaseTime()).build();
    }

    private LanSnapshot parse(JsonValue value, LanSnapshot previous) {
        JsonValue.Obj o = SimulatedJson.asObject(value);
        Instant now = clock.instant();
        List<DhcpPool> pools = new ArrayList<>();
        for (JsonValue.Obj p : o.array("pools").objects()) {
            try {
                if (pools.size() < LanSnapshot.MAX_POOLS && pools.stream().noneMatch(x -> x.key().equals(p.string("key", "")))) {
                    pools.add(DhcpPool.builder(p.string("key", ""), (int) p.number("order").orElse(pools.size() + 1))
                            .enable(p.bool("enable").orElse(true)).ipInterface(p.string("interface", ""))
                            .minAddress(p.string("minAddress", "")).maxAddress(p.string("maxAddress", ""))
                            .subnetMask(p.string("subnetMask", "")).dnsServers(p.array("dnsServers").strings())
                            .domainName(p.string("domainName", "")).ipRouters(p.array("ipRouters").strings())
                            .leaseTime(p.number("leaseTime").orElse(86400)).build());
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("simulated pool {} skipped: {}", p.string("key", "?"), e.getMessage());
            }
        }
        List<DhcpLease> leases = new ArrayList<>();
        for (JsonValue.Obj l : o.array("leases").objects()) {
            try {
                String mac = l.string("mac", "").toLowerCase(Locale.ROOT);
                String ip = l.string("ip", "");
                Instant expires = l.number("leaseSeconds").isPresent()
                        ? now.plusSeconds(l.number("leaseSeconds").getAsLong())
                        : SimulatedJson.instant(l, "expires", DhcpLease.INFINITE);
                String pool = l.string("pool").orElseGet(() -> DnsmasqLeases.poolOf(ip, pools));
                if (leases.size() < LanSnapshot.MAX_LEASES && leases.stream().noneMatch(x -> x.chaddr().equals(mac))) {
                    leases.add(new DhcpLease(mac, ip, l.string("hostName", ""), expires, pool));
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("simulated lease {} skipped: {}", l.string("mac", "?"), e.getMessage());
            }
        }
        Map<String, LanHost> before = new HashMap<>();
        if (previous != null) {
            previous.hosts().forEach(h -> before.put(h.physAddress(), h));
        }
        List<LanHost> hosts = new ArrayList<>();
        for (JsonValue.Obj h : o.array("hosts").objects()) {
            try {
                String mac = h.string("mac", "").toLowerCase(Locale.ROOT);
                Optional<DhcpLease> lease = leases.stream().filter(l -> l.chaddr().equals(mac)).findFirst();
                boolean active = h.bool("active").orElse(true);
                String port = h.string("port", "");
                LanHost.LinkKind kind = switch (h.string("link", port.isEmpty() ? "other" : "ethernet").toLowerCase(Locale.ROOT)) {
                    case "wifi", "wi-fi" -> LanHost.LinkKind.WIFI;
                    case "ethernet" -> LanHost.LinkKind.ETHERNET;
                    default -> LanHost.LinkKind.OTHER;
                };
                LanHost was = before.get(mac);
                Instant changed = previous == null ? LanHost.UNKNOWN_TIME
                        : was == null || was.active() != active ? now : was.activeLastChange();
                List<String> v4 = new ArrayList<>(h.array("ipv4").strings());
                lease.ifPresent(l -> {
                    if (!v4.contains(l.ipAddress())) {
                        v4.add(0, l.ipAddress());
                    }
                });
                LanHost host = new LanHost(mac, h.string("hostName", lease.map(DhcpLease::hostName).orElse("")), v4,
                        h.array("ipv6").strings(), h.string("interface", ""), port, kind, active, changed,
                        h.string("pool", lease.map(DhcpLease::pool).orElse("")));
                if (hosts.size() < LanSnapshot.MAX_HOSTS && hosts.stream().noneMatch(x -> x.physAddress().equals(mac))) {
                    hosts.add(host);
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("simulated host {} skipped: {}", h.string("mac", "?"), e.getMessage());
            }
        }
        return new LanSnapshot(o.bool("dhcpServerEnable").orElse(!pools.isEmpty()), pools, leases, hosts);
    }
}

package dev.demarc.hal.linux;

import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.DhcpLease;
import dev.demarc.tr181.platform.LanHost;
import dev.demarc.tr181.platform.LanSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The host table made from the neighbour entries and the DHCP leases ({@link #assemble}), and the
 * bridge forwarding table that tells which port a host is behind ({@link #parseFdb}). Pure.
 *
 * <p>A host is a MAC address with a neighbour entry on a LAN device or a lease that holds. Its
 * IPv4 addresses are the leased one first, then those of its neighbour entries; its IPv6 ones
 * those of its entries but link-local. It is active while one of its entries is
 * ({@link Neighbour#ACTIVE_STATES}); a host known only by its lease is not. Its IP interface is
 * that of the device of its first entry, else that of its lease's pool; its port is the bridge
 * port the forwarding table puts its MAC behind (or the device itself when that is no bridge),
 * a Wi-Fi interface when the device is wireless. {@code ActiveLastChange} carries over from the
 * previous table while {@code Active} stays; it is the Unknown Time for hosts of the first table.
 */
public final class LanHosts {

    private LanHosts() {
    }

    /** Network devices as the host table needs to know them: which are bridges, which are Wi-Fi. */
    public record DeviceKinds(Set<String> bridges, Set<String> wireless) {
        public static final DeviceKinds NONE = new DeviceKinds(Set.of(), Set.of());

        public DeviceKinds {
            bridges = Set.copyOf(bridges);
            wireless = Set.copyOf(wireless);
        }
    }

    /**
     * @param neighbours the neighbour table
     * @param leases     the DHCP leases
     * @param config     the LAN's setup
     * @param kinds      bridges and Wi-Fi devices
     * @param fdb        MAC address -> bridge port, from {@link #parseFdb}
     * @param previous   the hosts of the previous table by MAC address; {@code null} for the first table
     * @param now        the time a change of {@code Active} is dated
     */
    public static List<LanHost> assemble(Collection<Neighbour> neighbours, List<DhcpLease> leases, LanConfig config,
                                         DeviceKinds kinds, Map<String, String> fdb, Map<String, LanHost> previous,
                                         Instant now) {
        Map<String, List<Neighbour>> byMac = new TreeMap<>();
        for (Neighbour n : neighbours) {
            if (n.isHost() && !config.excludedDevices().contains(n.device())) {
                byMac.computeIfAbsent(n.mac(), m -> new ArrayList<>()).add(n);
            }
        }
        Map<String, DhcpLease> leaseOf = new HashMap<>();
        for (DhcpLease l : leases) {
            if (l.activeAt(now)) {
                leaseOf.put(l.chaddr(), l);
                byMac.computeIfAbsent(l.chaddr(), m -> new ArrayList<>());
            }
        }
        List<LanHost> hosts = new ArrayList<>();
        for (Map.Entry<String, List<Neighbour>> e : byMac.entrySet()) {
            if (hosts.size() >= LanSnapshot.MAX_HOSTS) {
                break;
            }
            String mac = e.getKey();
            List<Neighbour> entries = e.getValue();
            DhcpLease lease = leaseOf.get(mac);
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            if (lease != null) {
                v4.add(lease.ipAddress());
            }
            boolean active = false;
            for (Neighbour n : entries) {
                active |= n.active();
                if (n.ipv4() && !v4.contains(n.address()) && v4.size() < LanHost.MAX_ADDRESSES) {
                    v4.add(n.address());
                } else if (!n.ipv4() && !Neighbour.linkLocal(n.address()) && !v6.contains(n.address())
                        && v6.size() < LanHost.MAX_ADDRESSES) {
                    v6.add(n.address());
                }
            }
            String device = entries.isEmpty() ? "" : entries.get(0).device();
            String ipInterface = !device.isEmpty() ? config.ipInterfaceOf(device)
                    : lease == null ? "" : config.pools().stream().filter(p -> p.key().equals(lease.pool()))
                            .map(p -> p.ipInterface()).findFirst().orElse("");
            String port = device.isEmpty() ? "" : kinds.bridges().contains(device) ? fdb.getOrDefault(mac, "") : device;
            LanHost.LinkKind kind = port.isEmpty() ? LanHost.LinkKind.OTHER
                    : kinds.wireless().contains(port) ? LanHost.LinkKind.WIFI : LanHost.LinkKind.ETHERNET;
            LanHost before = previous == null ? null : previous.get(mac);
            Instant changed = previous == null ? LanHost.UNKNOWN_TIME
                    : before == null ? now
                    : before.active() != active ? now : before.activeLastChange();
            hosts.add(new LanHost(mac, lease == null ? "" : lease.hostName(), v4, v6, ipInterface, port, kind,
                    active, changed, lease == null ? "" : lease.pool()));
        }
        return hosts;
    }

    /**
     * MAC address -> port of {@code bridge -j fdb show br BRIDGE}: the entries learned on a port
     * (not the bridge's own, not permanent ones).
     */
    public static Result<Map<String, String>> parseFdb(String json, String bridge) {
        Result<JsonValue.Arr> doc = JsonReader.parseArray("bridge -j fdb show", json.isBlank() ? "[]" : json);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        Map<String, String> out = new HashMap<>();
        for (JsonValue.Obj o : doc.value().objects()) {
            String mac = Neighbour.mac(o.string("mac", ""));
            String port = o.string("ifname", "");
            String state = o.string("state", "");
            if (mac.isEmpty() || port.isEmpty() || port.equals(bridge) || state.equals("permanent")
                    || o.array("flags").strings().contains("self")) {
                continue;
            }
            out.putIfAbsent(mac, port);
        }
        return Result.ok(out);
    }
}

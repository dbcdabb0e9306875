package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;

/**
 * What the platform knows of its LAN at one moment: the DHCPv4 server, its pools and leases, and
 * the hosts seen. Immutable; the {@link LanPlatform} swaps it whole.
 *
 * @param dhcpServerEnable whether the DHCPv4 server runs ({@code Device.DHCPv4.Server.Enable})
 * @param pools            its pools, in order, keys unique (at most {@link #MAX_POOLS})
 * @param leases           its leases, at most one per MAC address (at most {@link #MAX_LEASES})
 * @param hosts            the hosts, keys (MAC addresses) unique (at most {@link #MAX_HOSTS})
 */
public record LanSnapshot(boolean dhcpServerEnable, List<DhcpPool> pools, List<DhcpLease> leases,
                          List<LanHost> hosts) {

    public static final int MAX_POOLS = 64;
    public static final int MAX_LEASES = 4096;
    public static final int MAX_HOSTS = 4096;

    /** Nothing: no DHCP server, no hosts. */
    public static final LanSnapshot EMPTY = new LanSnapshot(false, List.of(), List.of(), List.of());

    public LanSnapshot {
        pools = Checks.list("pools", pools, MAX_POOLS, p -> p);
        leases = Checks.list("leases", leases, MAX_LEASES, l -> l);
        hosts = Checks.list("hosts", hosts, MAX_HOSTS, h -> h);
        if (pools.stream().map(DhcpPool::key).distinct().count() != pools.size()) {
            throw new IllegalArgumentException("two pools have the same key");
        }
        if (leases.stream().map(DhcpLease::chaddr).distinct().count() != leases.size()) {
            throw new IllegalArgumentException("two leases have the same MAC address");
        }
        if (hosts.stream().map(LanHost::physAddress).distinct().count() != hosts.size()) {
            throw new IllegalArgumentException("two hosts have the same MAC address");
        }
    }

    public java.util.Optional<DhcpPool> pool(String key) {
        return pools.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    public java.util.Optional<LanHost> host(String physAddress) {
        return hosts.stream().filter(h -> h.physAddress().equals(physAddress)).findFirst();
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof LanSnapshot o
                && dhcpServerEnable == o.dhcpServerEnable
                && Objects.equals(pools, o.pools)
                && Objects.equals(leases, o.leases)
                && Objects.equals(hosts, o.hosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dhcpServerEnable, pools, leases, hosts);
    }
}

package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A device on the LAN, as the neighbour table and the DHCP server's leases tell of it
 * ({@code Device.Hosts.Host.{i}.}). Immutable.
 *
 * @param physAddress      its MAC address, lower case: the host's identity
 * @param hostName         the name it gave in its DHCP request, empty when none (at most 64 characters)
 * @param ipv4Addresses    its IPv4 addresses, the leased one first (at most {@link #MAX_ADDRESSES})
 * @param ipv6Addresses    its IPv6 addresses, link-local ones left out (at most {@link #MAX_ADDRESSES})
 * @param ipInterface      the key of the IP interface it is reached on ({@code lan} on OpenWrt,
 *                         {@code br-lan} on Linux), empty when not known
 * @param port             the network device of the port it is behind ({@code lan2}, {@code phy0-ap0}),
 *                         empty when not known
 * @param linkKind         what {@code port} is
 * @param active           whether it answers now: a neighbour entry that is reachable or being checked
 * @param activeLastChange when {@code active} last changed, as this platform saw it;
 *                         {@link #UNKNOWN_TIME} when it has not changed since the platform started
 * @param dhcpPool         the key of the DHCP server pool that leased it an address, empty when none
 */
public record LanHost(String physAddress, String hostName, List<String> ipv4Addresses, List<String> ipv6Addresses,
                      String ipInterface, String port, LinkKind linkKind, boolean active, Instant activeLastChange,
                      String dhcpPool) {

    /** TR-106's Unknown Time, 0001-01-01T00:00:00Z. */
    public static final Instant UNKNOWN_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** The most addresses of each family kept for one host. */
    public static final int MAX_ADDRESSES = 32;

    /** What kind of port a host is behind. */
    public enum LinkKind {
        /** A wired Ethernet port. */
        ETHERNET,
        /** A Wi-Fi access point interface. */
        WIFI,
        /** Not known, or neither. */
        OTHER
    }

    public LanHost {
        Checks.mac("physAddress", physAddress);
        Checks.text("hostName", hostName, 64);
        ipv4Addresses = Checks.list("ipv4Addresses", ipv4Addresses, MAX_ADDRESSES, a -> Checks.ipv4("ipv4 address", a, false));
        ipv6Addresses = Checks.list("ipv6Addresses", ipv6Addresses, MAX_ADDRESSES, a -> Checks.ipv6("ipv6 address", a));
        Checks.text("ipInterface", ipInterface, 256);
        Checks.text("port", port, 256);
        Objects.requireNonNull(linkKind, "linkKind");
        Objects.requireNonNull(activeLastChange, "activeLastChange");
        Checks.text("dhcpPool", dhcpPool, 256);
    }

    /** The address to show first: the first IPv4 one, else the first IPv6 one, else empty. */
    public String primaryAddress() {
        if (!ipv4Addresses.isEmpty()) {
            return ipv4Addresses.get(0);
        }
        return ipv6Addresses.isEmpty() ? "" : ipv6Addresses.get(0);
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof LanHost o
                && Objects.equals(physAddress, o.physAddress)
                && Objects.equals(hostName, o.hostName)
                && Objects.equals(ipv4Addresses, o.ipv4Addresses)
                && Objects.equals(ipv6Addresses, o.ipv6Addresses)
                && Objects.equals(ipInterface, o.ipInterface)
                && Objects.equals(port, o.port)
                && Objects.equals(linkKind, o.linkKind)
                && active == o.active
                && Objects.equals(activeLastChange, o.activeLastChange)
                && Objects.equals(dhcpPool, o.dhcpPool);
    }

    @Override
    public int hashCode() {
        return Objects.hash(physAddress, hostName, ipv4Addresses, ipv6Addresses, ipInterface, port, linkKind, active,
                activeLastChange, dhcpPool);
    }
}

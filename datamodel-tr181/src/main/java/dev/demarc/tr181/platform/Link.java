package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A network link of the device: one Linux netdev ({@code eth0}, {@code lan1}, {@code br-lan},
 * {@code wlan0}, {@code lo}), as the platform last read it.
 *
 * @param name            the netdev name, unique in a snapshot
 * @param index           the kernel's ifindex (0 when not known)
 * @param kind            what it is
 * @param macAddress      lower-case {@code aa:bb:cc:dd:ee:ff}, or empty when it has none (PPP)
 * @param adminUp         administratively up ({@code ip link set up}, IFF_UP)
 * @param operState       the kernel's operational state
 * @param carrier         the lower layer is up (IFF_LOWER_UP: cable in, peer up)
 * @param mtu             bytes
 * @param speedMbps       the current bit rate in Mbit/s, -1 when not known (down, virtual)
 * @param duplex          the current duplex mode
 * @param upstream        points towards the Internet: carries the default route, or is below
 *                        an interface that does (the WAN port)
 * @param master          the bridge (or bond) it is a member of, empty when none
 * @param lowerDevice     the link it is stacked on (a VLAN's parent), empty when none
 * @param lastChangeNanos {@link System#nanoTime()} when it entered its current operational state,
 *                        as far as the platform saw it (at the latest when the platform started)
 * @param stats           its counters
 * @param ipv4            its IPv4 addresses, at most {@link #MAX_ADDRESSES}
 * @param ipv6            its IPv6 addresses, at most {@link #MAX_ADDRESSES}
 */
public record Link(String name, int index, LinkKind kind, String macAddress, boolean adminUp, OperState operState,
                   boolean carrier, int mtu, long speedMbps, Duplex duplex, boolean upstream, String master,
                   String lowerDevice, long lastChangeNanos, LinkStats stats, List<Ipv4Address> ipv4,
                   List<Ipv6Address> ipv6) {

    /** The longest name (TR-181 {@code Name} is string(64); Linux allows 15 characters). */
    public static final int MAX_NAME = 64;
    /** The most addresses of one family kept for a link. */
    public static final int MAX_ADDRESSES = 256;

    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    public Link {
        checkName("name", name, false);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(macAddress, "macAddress");
        Objects.requireNonNull(operState, "operState");
        Objects.requireNonNull(duplex, "duplex");
        checkName("master", master, true);
        checkName("lowerDevice", lowerDevice, true);
        Objects.requireNonNull(stats, "stats");
        if (!macAddress.isEmpty() && !MAC.matcher(macAddress).matches()) {
            throw new IllegalArgumentException(name + ": not a lower-case MAC address: " + macAddress);
        }
        if (index < 0 || mtu < 0 || speedMbps < -1) {
            throw new IllegalArgumentException(name + ": index, MTU and speed are not negative (speed -1: unknown)");
        }
        ipv4 = bounded(name, ipv4);
        ipv6 = bounded(name, ipv6);
    }

    /** This link with other addresses. */
    public Link withAddresses(List<Ipv4Address> newIpv4, List<Ipv6Address> newIpv6) {
        return new Link(name, index, kind, macAddress, adminUp, operState, carrier, mtu, speedMbps, duplex, upstream,
                master, lowerDevice, lastChangeNanos, stats, newIpv4, newIpv6);
    }

    /** This link, administratively up or down (as a write made it, before the platform reads it again). */
    public Link withAdminUp(boolean up) {
        return new Link(name, index, kind, macAddress, up, operState, carrier, mtu, speedMbps, duplex, upstream,
                master, lowerDevice, lastChangeNanos, stats, ipv4, ipv6);
    }

    /** This link with {@code lastChangeNanos}. */
    public Link withLastChange(long nanos) {
        return new Link(name, index, kind, macAddress, adminUp, operState, carrier, mtu, speedMbps, duplex, upstream,
                master, lowerDevice, nanos, stats, ipv4, ipv6);
    }

    /** This link, marked as pointing towards the Internet or not. */
    public Link withUpstream(boolean value) {
        return new Link(name, index, kind, macAddress, adminUp, operState, carrier, mtu, speedMbps, duplex, value,
                master, lowerDevice, lastChangeNanos, stats, ipv4, ipv6);
    }

    /** This link without what changes all the time (counters, last change): for comparing states. */
    Link steady() {
        return new Link(name, index, kind, macAddress, adminUp, operState, carrier, mtu, speedMbps, duplex, upstream,
                master, lowerDevice, 0, LinkStats.ZERO, ipv4, ipv6);
    }

    static void checkName(String what, String value, boolean mayBeEmpty) {
        Objects.requireNonNull(value, what);
        if (!mayBeEmpty && value.isEmpty() || value.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME + " characters: '" + value + "'");
        }
    }

    static <T> List<T> bounded(String owner, List<T> list) {
        if (list.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException(owner + ": more than " + MAX_ADDRESSES + " addresses");
        }
        return List.copyOf(list);
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof Link o
                && Objects.equals(name, o.name)
                && index == o.index
                && Objects.equals(kind, o.kind)
                && Objects.equals(macAddress, o.macAddress)
                && adminUp == o.adminUp
                && Objects.equals(operState, o.operState)
                && carrier == o.carrier
                && mtu == o.mtu
                && speedMbps == o.speedMbps
                && Objects.equals(duplex, o.duplex)
                && upstream == o.upstream
                && Objects.equals(master, o.master)
                && Objects.equals(lowerDevice, o.lowerDevice)
                && lastChangeNanos == o.lastChangeNanos
                && Objects.equals(stats, o.stats)
                && Objects.equals(ipv4, o.ipv4)
                && Objects.equals(ipv6, o.ipv6);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, index, kind, macAddress, adminUp, operState, carrier, mtu, speedMbps, duplex,
                upstream, master, lowerDevice, lastChangeNanos, stats, ipv4, ipv6);
    }
}

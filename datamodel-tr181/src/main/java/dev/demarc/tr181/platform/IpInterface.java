package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;

/**
 * An IP interface of the device, as TR-181 {@code Device.IP.Interface.{i}.} sees it: on OpenWrt a
 * logical interface of netifd ({@code wan}, {@code lan}, {@code loopback}); on generic Linux a
 * netdev that is not a bridge member ({@code enp1s0}, {@code br0}, {@code lo}).
 *
 * @param name            its name, unique in a snapshot (the logical interface's, or the netdev's)
 * @param enabled         administratively enabled (OpenWrt: set up or to be set up; Linux: the link is up)
 * @param status          its operational state: {@link OperState#LOWER_LAYER_DOWN} when enabled
 *                        but the link below is down
 * @param type            normal, loopback or tunnel
 * @param device          the netdev carrying its IP traffic (OpenWrt's {@code l3_device}), empty
 *                        when it has none now
 * @param lowerDevice     the netdev below {@code device} when it differs and is known (the
 *                        Ethernet port under a PPPoE session), else empty
 * @param proto           how it is configured: OpenWrt's {@code proto} ({@code dhcp},
 *                        {@code static}, {@code pppoe}, {@code dhcpv6}...), empty when not known
 * @param lastChangeNanos {@link System#nanoTime()} when it entered its current state, as far as
 *                        the platform knows
 * @param ipv4            its IPv4 addresses, at most {@link Link#MAX_ADDRESSES}
 * @param ipv6            its IPv6 addresses, at most {@link Link#MAX_ADDRESSES}
 * @param ipv6Prefixes    its IPv6 prefixes, at most {@link Link#MAX_ADDRESSES}
 */
public record IpInterface(String name, boolean enabled, OperState status, Type type, String device,
                          String lowerDevice, String proto, long lastChangeNanos, List<Ipv4Address> ipv4,
                          List<Ipv6Address> ipv6, List<Ipv6Prefix> ipv6Prefixes) {

    /** TR-181 {@code IP.Interface.{i}.Type}. */
    public enum Type {
        NORMAL,
        LOOPBACK,
        /** The outer interface of a tunnel. */
        TUNNEL,
        /** The virtual interface inside a tunnel (WireGuard, GRE...). */
        TUNNELED
    }

    public IpInterface {
        Link.checkName("name", name, false);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        Link.checkName("device", device, true);
        Link.checkName("lowerDevice", lowerDevice, true);
        Objects.requireNonNull(proto, "proto");
        if (proto.length() > Link.MAX_NAME) {
            throw new IllegalArgumentException(name + ": proto longer than " + Link.MAX_NAME);
        }
        ipv4 = Link.bounded(name, ipv4);
        ipv6 = Link.bounded(name, ipv6);
        ipv6Prefixes = Link.bounded(name, ipv6Prefixes);
    }

    /**
     * This interface, enabled or not (as a write made it, before the platform reads it again);
     * a disabled interface is down.
     */
    public IpInterface withEnabled(boolean value) {
        return new IpInterface(name, value, value ? status : OperState.DOWN, type, device, lowerDevice, proto, lastChangeNanos, ipv4, ipv6,
                ipv6Prefixes);
    }

    IpInterface steady() {
        return new IpInterface(name, enabled, status, type, device, lowerDevice, proto, 0, ipv4, ipv6, ipv6Prefixes);
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof IpInterface o
                && Objects.equals(name, o.name)
                && enabled == o.enabled
                && Objects.equals(status, o.status)
                && Objects.equals(type, o.type)
                && Objects.equals(device, o.device)
                && Objects.equals(lowerDevice, o.lowerDevice)
                && Objects.equals(proto, o.proto)
                && lastChangeNanos == o.lastChangeNanos
                && Objects.equals(ipv4, o.ipv4)
                && Objects.equals(ipv6, o.ipv6)
                && Objects.equals(ipv6Prefixes, o.ipv6Prefixes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, enabled, status, type, device, lowerDevice, proto, lastChangeNanos, ipv4, ipv6,
                ipv6Prefixes);
    }
}

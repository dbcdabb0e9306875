package dev.demarc.tr181.platform;

/**
 * What a network link (a Linux netdev) is, as far as the data model cares. Whether a link is a
 * bridge member is not a kind: see {@link Link#master()}.
 */
public enum LinkKind {
    /** An Ethernet port: a physical NIC or a DSA switch user port ({@code lan1}). */
    ETHERNET,
    /** A Linux bridge ({@code br-lan}). */
    BRIDGE,
    /** An 802.1Q VLAN device ({@code eth0.7}). */
    VLAN,
    /** A Wi-Fi interface ({@code wlan0}, {@code phy0-ap0}). */
    WIFI,
    /** A PPP link ({@code ppp0}, {@code pppoe-wan}). */
    PPP,
    /** The loopback interface ({@code lo}). */
    LOOPBACK,
    /** One end of a virtual Ethernet pair: the Ethernet port of a container or namespace. */
    VETH,
    /** Anything else: tunnels, dummies, bonds, ifb... */
    OTHER
}

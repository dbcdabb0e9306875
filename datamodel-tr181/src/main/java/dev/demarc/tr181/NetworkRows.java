package dev.demarc.tr181;

import dev.demarc.core.model.KeyReference;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkKind;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.OperState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the network snapshot maps onto TR-181's interface stack: which links are Ethernet
 * interfaces, Ethernet links, bridges and bridge ports, what each stacks on, and the TR-181
 * values of states and times. Pure functions; any thread.
 *
 * <pre>
 * IP.Interface (wan / enp1s0)   LowerLayers: Ethernet.Link of its device; PPP.Interface (same key) for a
 *                               PPP device or protocol (pppoe...)
 *   Ethernet.Link (netdev)      LowerLayers: Ethernet.Interface (a port), the bridge's management Port,
 *                                            WiFi.SSID (a Wi-Fi netdev); a VLAN: what its parent is on
 *     Bridging.Bridge.Port      management port (key = bridge name): the member ports;
 *                               member port: Ethernet.Interface or WiFi.SSID of the member
 *       Ethernet.Interface      a physical port or veth end (layer 1: nothing below)
 * </pre>
 */
final class NetworkRows {

    static final String ETHERNET_INTERFACE = "Device.Ethernet.Interface.{i}.";
    static final String ETHERNET_LINK = "Device.Ethernet.Link.{i}.";
    static final String BRIDGE = "Device.Bridging.Bridge.{i}.";
    static final String BRIDGE_PORT = "Device.Bridging.Bridge.{i}.Port.{i}.";
    static final String IP_INTERFACE = "Device.IP.Interface.{i}.";
    static final String IPV4_ADDRESS = IP_INTERFACE + "IPv4Address.{i}.";
    static final String IPV6_ADDRESS = IP_INTERFACE + "IPv6Address.{i}.";
    static final String IPV6_PREFIX = IP_INTERFACE + "IPv6Prefix.{i}.";
    static final String INTERFACE_STACK = "Device.InterfaceStack.{i}.";
    /** Another area's table: a Wi-Fi netdev, keyed by its name. */
    static final String WIFI_SSID = "Device.WiFi.SSID.{i}.";
    /** Another area's table: a PPP interface, keyed as the IP interface on it. */
    static final String PPP_INTERFACE = "Device.PPP.Interface.{i}.";

    /** The protocols ({@link IpInterface#proto()}) that run PPP: their interfaces sit on a PPP interface. */
    static final Set<String> PPP_PROTOS = Set.of("pppoe", "pppoa", "ppp", "3g", "l2tp", "pptp");

    /** How deep a VLAN may sit on VLANs before the stack is left out. */
    private static final int MAX_STACK_DEPTH = 8;

    private NetworkRows() {
    }

    /** {@code Ethernet.Interface}: physical Ethernet ports and veth ends. */
    static boolean isEthernetPort(Link l) {
        return l.kind() == LinkKind.ETHERNET || l.kind() == LinkKind.VETH;
    }

    /** Links whose frames are Ethernet frames, which an {@code Ethernet.Link} may sit on. */
    static boolean isEthernetFramed(Link l) {
        return switch (l.kind()) {
            case ETHERNET, VETH, BRIDGE, VLAN, WIFI -> true;
            default -> false;
        };
    }

    static List<Link> ethernetInterfaces(NetworkSnapshot s) {
        return s.links().stream().filter(NetworkRows::isEthernetPort).toList();
    }

    /** {@code Ethernet.Link}: the Ethernet-framed devices (and devices below them) of IP interfaces. */
    static List<Link> ethernetLinks(NetworkSnapshot s) {
        Set<String> names = new LinkedHashSet<>();
        for (IpInterface i : s.ipInterfaces()) {
            names.add(i.device());
            names.add(i.lowerDevice());
        }
        return s.links().stream().filter(l -> names.contains(l.name()) && isEthernetFramed(l)).toList();
    }

    static List<Link> bridges(NetworkSnapshot s) {
        return s.links().stream().filter(l -> l.kind() == LinkKind.BRIDGE).toList();
    }

    /** A bridge's ports: its management port (the bridge itself) first, then its members. */
    static List<Link> ports(NetworkSnapshot s, String bridge) {
        List<Link> out = new ArrayList<>();
        s.link(bridge).ifPresent(out::add);
        out.addAll(s.members(bridge));
        return out;
    }

    /** What an Ethernet.Link or a member bridge port on {@code link} stacks on. */
    static List<KeyReference> layer2Below(NetworkSnapshot s, Link link) {
        Link l = link;
        for (int depth = 0; depth < MAX_STACK_DEPTH; depth++) {
            switch (l.kind()) {
                case ETHERNET, VETH:
                    return List.of(KeyReference.of(ETHERNET_INTERFACE, l.name()));
                case WIFI:
                    return List.of(KeyReference.of(WIFI_SSID, l.name()));
                case BRIDGE:
                    return List.of(KeyReference.of(BRIDGE_PORT, l.name(), l.name()));
                case VLAN:
                    Optional<Link> parent = s.link(l.lowerDevice());
                    if (parent.isEmpty()) {
                        return List.of();
                    }
                    l = parent.get();
                    break;
                default:
                    return List.of();
            }
        }
        return List.of();
    }

    /** What a bridge port stacks on: the management port on the members, a member on its device. */
    static List<KeyReference> portLowerLayers(NetworkSnapshot s, String bridge, Link port) {
        if (port.name().equals(bridge)) {
            return s.members(bridge).stream().map(m -> KeyReference.of(BRIDGE_PORT, bridge, m.name())).toList();
        }
        return layer2Below(s, port);
    }

    /** What an IP interface stacks on. */
    static List<KeyReference> ipLowerLayers(NetworkSnapshot s, IpInterface i) {
        if (PPP_PROTOS.contains(i.proto())) {
            return List.of(KeyReference.of(PPP_INTERFACE, i.name()));
        }
        Optional<Link> device = s.link(i.device());
        if (device.isEmpty()) {
            return List.of();
        }
        if (device.get().kind() == LinkKind.PPP) {
            return List.of(KeyReference.of(PPP_INTERFACE, i.name()));
        }
        if (isEthernetFramed(device.get())) {
            return List.of(KeyReference.of(ETHERNET_LINK, device.get().name()));
        }
        return List.of();
    }

    /** {@code Status} of a layer-1 interface ({@code Ethernet.Interface}): never LowerLayerDown. */
    static String layer1Status(Link l) {
        if (!l.adminUp()) {
            return "Down";
        }
        return switch (l.operState()) {
            case UP -> "Up";
            case DORMANT -> "Dormant";
            case NOT_PRESENT -> "NotPresent";
            case UNKNOWN -> l.carrier() ? "Up" : "Unknown";
            case TESTING -> "Unknown";
            case DOWN, LOWER_LAYER_DOWN -> "Down";
        };
    }

    /**
     * {@code Status} of a higher-layer interface on a link ({@code Ethernet.Link}, a bridge
     * port): LowerLayerDown when it is up but what is below is not.
     */
    static String higherStatus(Link l) {
        if (!l.adminUp()) {
            return "Down";
        }
        return switch (l.operState()) {
            case UP -> "Up";
            case DORMANT -> "Dormant";
            case NOT_PRESENT -> "NotPresent";
            case UNKNOWN -> l.carrier() ? "Up" : "Unknown";
            case TESTING -> "Unknown";
            case DOWN, LOWER_LAYER_DOWN -> "LowerLayerDown";
        };
    }

    /** {@code IP.Interface.{i}.Status}. */
    static String status(OperState s) {
        return switch (s) {
            case UP -> "Up";
            case DOWN -> "Down";
            case DORMANT -> "Dormant";
            case NOT_PRESENT -> "NotPresent";
            case LOWER_LAYER_DOWN -> "LowerLayerDown";
            case TESTING, UNKNOWN -> "Unknown";
        };
    }

    /** A TR-106 dateTime to the second; {@code 9999-12-31T23:59:59Z} for never. */
    static String dateTime(Instant t) {
        if (!t.isBefore(NetworkSnapshot.INFINITE)) {
            return "9999-12-31T23:59:59Z";
        }
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Seconds from {@code sinceNanos} to {@code nowNanos}, as an unsignedInt. */
    static String secondsSince(long sinceNanos, long nowNanos) {
        return PlatformValues.unsignedInt(Math.max(0, (nowNanos - sinceNanos) / 1_000_000_000L));
    }
}

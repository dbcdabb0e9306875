package dev.demarc.tr181.platform;

import java.util.Objects;

/**
 * One IPv4 route of the routing table, as the platform last read it.
 *
 * @param destination  the destination network's address ({@code 0.0.0.0} for the default route)
 * @param prefixLength the destination network's prefix length, 0 to 32
 * @param gateway      the next hop; empty for a route to a directly connected network
 * @param interfaceKey the IP interface it goes out through, by its key (OpenWrt logical
 *                     interface, Linux network device); empty when not known
 * @param origin       how the route was made
 * @param metric       its metric (lower is preferred)
 * @param staticRoute  whether it was configured (as opposed to learned or made by the kernel)
 */
public record Ipv4RouteState(String destination, int prefixLength, String gateway, String interfaceKey,
                             Origin origin, long metric, boolean staticRoute) {

    /** {@code Device.Routing.Router.{i}.IPv4Forwarding.{i}.Origin}. */
    public enum Origin {
        DHCPV4("DHCPv4"), OSPF("OSPF"), IPCP("IPCP"), RIP("RIP"), STATIC("Static");

        private final String text;

        Origin(String text) {
            this.text = text;
        }

        /** The standard's name of the value. */
        public String text() {
            return text;
        }
    }

    public Ipv4RouteState {
        WanValues.ipv4OrEmpty("destination", destination);
        if (destination.isEmpty()) {
            throw new IllegalArgumentException("destination is empty");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefixLength: not 0 to 32: " + prefixLength);
        }
        WanValues.ipv4OrEmpty("gateway", gateway);
        WanValues.bounded("interfaceKey", interfaceKey, WanValues.MAX_NAME);
        Objects.requireNonNull(origin, "origin");
        if (metric < 0 || metric > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("metric: not an unsigned 32-bit number: " + metric);
        }
    }

    /** The destination's subnet mask, dotted-decimal ({@code 255.255.255.0} for /24). */
    public String subnetMask() {
        long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xFF) + "." + ((mask >>> 8) & 0xFF) + "." + (mask & 0xFF);
    }

    /** Whether this is a default route. */
    public boolean isDefault() {
        return prefixLength == 0;
    }

    /** What tells this route from the others of the table: destination, gateway, interface, metric. */
    public String key() {
        return destination + "/" + prefixLength + (gateway.isEmpty() ? "" : " via " + gateway)
                + (interfaceKey.isEmpty() ? "" : " dev " + interfaceKey) + " metric " + metric;
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv4RouteState o
                && Objects.equals(destination, o.destination)
                && prefixLength == o.prefixLength
                && Objects.equals(gateway, o.gateway)
                && Objects.equals(interfaceKey, o.interfaceKey)
                && Objects.equals(origin, o.origin)
                && metric == o.metric
                && staticRoute == o.staticRoute;
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, prefixLength, gateway, interfaceKey, origin, metric, staticRoute);
    }
}

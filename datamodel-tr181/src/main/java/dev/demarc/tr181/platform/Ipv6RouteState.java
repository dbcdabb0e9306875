package dev.demarc.tr181.platform;

import dev.demarc.core.schema.DataTypes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPv6 route of the routing table, as the platform last read it.
 *
 * @param destination  the destination prefix, {@code 2001:db8::/32} ({@code ::/0} for the default route)
 * @param nextHop      the next hop; empty for a route to a directly connected network
 * @param interfaceKey the IP interface it goes out through, by its key; empty when not known
 * @param origin       how the route was made
 * @param metric       its metric (lower is preferred)
 * @param expires      when it ends (a route learned from a router advertisement); empty when it
 *                     does not
 */
public record Ipv6RouteState(String destination, String nextHop, String interfaceKey, Origin origin,
                             long metric, Optional<Instant> expires) {

    /** {@code Device.Routing.Router.{i}.IPv6Forwarding.{i}.Origin}. */
    public enum Origin {
        DHCPV6("DHCPv6"), OSPF("OSPF"), RA("RA"), RIPNG("RIPng"), STATIC("Static");

        private final String text;

        Origin(String text) {
            this.text = text;
        }

        /** The standard's name of the value. */
        public String text() {
            return text;
        }
    }

    public Ipv6RouteState {
        Objects.requireNonNull(destination, "destination");
        if (destination.isEmpty() || !destination.contains("/") || !DataTypes.IPV6_PREFIX.isValid(destination)) {
            throw new IllegalArgumentException("destination: not an IPv6 prefix: " + destination);
        }
        WanValues.ipv6OrEmpty("nextHop", nextHop);
        WanValues.bounded("interfaceKey", interfaceKey, WanValues.MAX_NAME);
        Objects.requireNonNull(origin, "origin");
        if (metric < 0 || metric > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("metric: not an unsigned 32-bit number: " + metric);
        }
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether this is a default route. */
    public boolean isDefault() {
        return destination.endsWith("/0");
    }

    /** What tells this route from the others of the table: prefix, next hop, interface, metric. */
    public String key() {
        return destination + (nextHop.isEmpty() ? "" : " via " + nextHop)
                + (interfaceKey.isEmpty() ? "" : " dev " + interfaceKey) + " metric " + metric;
    }

    /**
     * Whether {@link #key()} is {@code key}, told without making the key: a route is looked up
     * by key at every read of its {@code ExpirationTime}, across the whole table.
     */
    public boolean hasKey(String key) {
        int at = 0;
        if (!key.startsWith(destination)) {
            return false;
        }
        at += destination.length();
        if (!nextHop.isEmpty()) {
            if (!key.startsWith(" via ", at) || !key.startsWith(nextHop, at + 5)) {
                return false;
            }
            at += 5 + nextHop.length();
        }
        if (!interfaceKey.isEmpty()) {
            if (!key.startsWith(" dev ", at) || !key.startsWith(interfaceKey, at + 5)) {
                return false;
            }
            at += 5 + interfaceKey.length();
        }
        if (!key.startsWith(" metric ", at)) {
            return false;
        }
        at += 8;
        // The rest is the metric's decimal digits, read from the last; no leading zero.
        long m = metric;
        for (int i = key.length() - 1; i >= at; i--) {
            if (key.charAt(i) != '0' + m % 10) {
                return false;
            }
            m /= 10;
            if (m == 0) {
                return i == at;
            }
        }
        return false;
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv6RouteState o
                && Objects.equals(destination, o.destination)
                && Objects.equals(nextHop, o.nextHop)
                && Objects.equals(interfaceKey, o.interfaceKey)
                && Objects.equals(origin, o.origin)
                && metric == o.metric
                && Objects.equals(expires, o.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, nextHop, interfaceKey, origin, metric, expires);
    }
}

package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * An IPv6 prefix of an interface: on its link, delegated to it, or assigned from a delegated one.
 *
 * @param prefix         RFC 5952 address and length, the host bits zero ({@code 2001:db8:1::/64})
 * @param origin         where it came from
 * @param preferredUntil when it stops being preferred; {@link NetworkSnapshot#INFINITE} for never
 * @param validUntil     when it stops being valid; {@link NetworkSnapshot#INFINITE} for never
 */
public record Ipv6Prefix(String prefix, Origin origin, Instant preferredUntil, Instant validUntil) {

    /** Where a prefix came from (TR-181 {@code IPv6Prefix.Origin}). */
    public enum Origin {
        STATIC,
        AUTOCONFIGURED,
        /** Delegated by the upstream router (DHCPv6 PD). */
        PREFIX_DELEGATION,
        /** Advertised on the link by a router. */
        ROUTER_ADVERTISEMENT,
        WELL_KNOWN,
        /** Assigned from a delegated prefix to a downstream interface. */
        CHILD
    }

    public Ipv6Prefix {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(preferredUntil, "preferredUntil");
        Objects.requireNonNull(validUntil, "validUntil");
        int slash = prefix.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv6 prefix: " + prefix);
        }
        int length;
        try {
            length = Integer.parseInt(prefix.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv6 prefix: " + prefix);
        }
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length out of 0..128: " + prefix);
        }
        prefix = Ipv6Text.prefix(prefix.substring(0, slash), length);
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv6Prefix o
                && Objects.equals(prefix, o.prefix)
                && Objects.equals(origin, o.origin)
                && Objects.equals(preferredUntil, o.preferredUntil)
                && Objects.equals(validUntil, o.validUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, origin, preferredUntil, validUntil);
    }
}

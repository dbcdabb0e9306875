package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * An IPv6 address of an interface.
 *
 * @param address        RFC 5952 text ({@code 2001:db8::10}), without zone or prefix length
 * @param prefixLength   0 to 128
 * @param scope          its scope
 * @param origin         how it was given
 * @param state          where it is in its life (RFC 4862)
 * @param preferredUntil when it stops being preferred; {@link NetworkSnapshot#INFINITE} for never
 * @param validUntil     when it stops being valid; {@link NetworkSnapshot#INFINITE} for never
 */
public record Ipv6Address(String address, int prefixLength, Scope scope, Origin origin, State state,
                          Instant preferredUntil, Instant validUntil) {

    public enum Scope {
        GLOBAL,
        SITE,
        LINK,
        HOST
    }

    /** How an IPv6 address was given (TR-181 {@code Origin}). */
    public enum Origin {
        STATIC,
        /** Stateless autoconfiguration (SLAAC). */
        AUTOCONFIGURED,
        DHCPV6,
        /** A well-known address: link-local or loopback. */
        WELL_KNOWN
    }

    /** The address's state (TR-181 {@code IPAddressStatus}). */
    public enum State {
        PREFERRED,
        DEPRECATED,
        TENTATIVE,
        DUPLICATE,
        OPTIMISTIC
    }

    public Ipv6Address {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(preferredUntil, "preferredUntil");
        Objects.requireNonNull(validUntil, "validUntil");
        address = Ipv6Text.canonical(address);
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length out of 0..128: " + prefixLength);
        }
    }

    /** The prefix the address is in, as {@link Ipv6Prefix#prefix()} writes it ({@code 2001:db8::/64}). */
    public String onLinkPrefix() {
        return Ipv6Text.prefix(address, prefixLength);
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv6Address o
                && Objects.equals(address, o.address)
                && prefixLength == o.prefixLength
                && Objects.equals(scope, o.scope)
                && Objects.equals(origin, o.origin)
                && Objects.equals(state, o.state)
                && Objects.equals(preferredUntil, o.preferredUntil)
                && Objects.equals(validUntil, o.validUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, prefixLength, scope, origin, state, preferredUntil, validUntil);
    }
}

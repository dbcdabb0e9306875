package dev.demarc.tr181.platform;

import dev.demarc.core.schema.DataTypes;
import java.util.Objects;

/**
 * An IPv4 address of an interface.
 *
 * @param address      dotted-decimal, e.g. {@code 192.0.2.10}
 * @param prefixLength 0 to 32
 * @param origin       how the address was given
 */
public record Ipv4Address(String address, int prefixLength, Origin origin) {

    /** How an IPv4 address was given (TR-181 {@code AddressingType}). */
    public enum Origin {
        STATIC,
        DHCP,
        /** Link-local, RFC 3927 ({@code 169.254.0.0/16}). */
        AUTO_IP,
        /** Negotiated by PPP. */
        IPCP
    }

    public Ipv4Address {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(origin, "origin");
        if (address.isEmpty() || DataTypes.IPV4_ADDRESS.check(address).isPresent()) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length out of 0..32: " + prefixLength);
        }
    }

    /** The subnet mask of the prefix length, dotted-decimal ({@code 255.255.255.0} for 24). */
    public String subnetMask() {
        long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
        return (mask >> 24 & 0xFF) + "." + (mask >> 16 & 0xFF) + "." + (mask >> 8 & 0xFF) + "." + (mask & 0xFF);
    }

    /** True for a link-local address ({@code 169.254.0.0/16}). */
    public boolean linkLocal() {
        return address.startsWith("169.254.");
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv4Address o
                && Objects.equals(address, o.address)
                && prefixLength == o.prefixLength
                && Objects.equals(origin, o.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, prefixLength, origin);
    }
}

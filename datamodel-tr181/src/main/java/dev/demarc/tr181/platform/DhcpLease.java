package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * An address the DHCPv4 server leased ({@code Device.DHCPv4.Server.Pool.{i}.Client.{i}.}), from
 * its lease file. Immutable.
 *
 * @param chaddr    the client's MAC address, lower case
 * @param ipAddress the leased IPv4 address
 * @param hostName  the host name the client gave, empty when none (at most 64 characters)
 * @param expires   when the lease ends; {@link #INFINITE} for a lease without end
 * @param pool      the key of the pool whose range holds the address, empty when none does
 */
public record DhcpLease(String chaddr, String ipAddress, String hostName, Instant expires, String pool) {

    /** The end of a lease that does not end (TR-181 reads it as 9999-12-31T23:59:59Z). */
    public static final Instant INFINITE = Instant.parse("9999-12-31T23:59:59Z");

    public DhcpLease {
        Checks.mac("chaddr", chaddr);
        Checks.ipv4("ipAddress", ipAddress, false);
        Checks.text("hostName", hostName, 64);
        Objects.requireNonNull(expires, "expires");
        Checks.text("pool", pool, 256);
    }

    /** Whether the lease still holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return expires.isAfter(now);
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpLease o
                && Objects.equals(chaddr, o.chaddr)
                && Objects.equals(ipAddress, o.ipAddress)
                && Objects.equals(hostName, o.hostName)
                && Objects.equals(expires, o.expires)
                && Objects.equals(pool, o.pool);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chaddr, ipAddress, hostName, expires, pool);
    }
}

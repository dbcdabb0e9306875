package dev.demarc.cli.doctor;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Asks one DNS server for one name's addresses: what the DNS step of {@code demarc doctor}
 * measures. {@link UdpDnsProbe} does it on the network; tests give their own.
 *
 * <p>Called on the thread that runs the doctor; blocks at most about {@code timeout} (twice for
 * a name with no IPv4 address, which is asked again for IPv6).
 */
public interface DnsProbe {

    /** The name that asks for the root's name servers: any recursive server answers it. */
    String ROOT = ".";

    /**
     * Resolves {@code name} through {@code server}: its IPv4 addresses, else its IPv6 ones; for
     * {@link #ROOT}, the root's name servers. Never throws for what the network does: the
     * answer says it.
     */
    DnsAnswer query(InetSocketAddress server, String name, Duration timeout);
}

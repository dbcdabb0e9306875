package dev.demarc.tr181.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@code Device.IP.Diagnostics.IPPing()} asks for, checked. Immutable.
 *
 * @param host          {@code Host}: a name or address, 1..256 characters
 * @param interfaceName the interface to send on (the {@code Name} of the object the
 *                      {@code Interface} argument names), or empty to let routing decide
 * @param version       {@code ProtocolVersion}
 * @param repetitions   {@code NumberOfRepetitions}, 1..{@link #MAX_REPETITIONS}
 * @param timeout       {@code Timeout}: how long to wait for each reply, 1 ms..{@link #MAX_TIMEOUT}
 * @param dataBlockSize {@code DataBlockSize}: bytes of data per request, 1..65507
 * @param dscp          {@code DSCP}, 0..63
 */
public record PingRequest(String host, String interfaceName, IpVersion version, int repetitions, Duration timeout,
                          int dataBlockSize, int dscp) {

    /** The most repetitions one test sends (one a second: ten minutes). */
    public static final int MAX_REPETITIONS = 600;
    /** The longest wait for one reply. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    /** The most data an ICMP echo request carries in an IPv4 datagram. */
    public static final int MAX_DATA_BLOCK = 65507;

    public PingRequest {
        DiagnosticsChecks.host(host);
        DiagnosticsChecks.interfaceName(interfaceName);
        Objects.requireNonNull(version, "version");
        DiagnosticsChecks.range("repetitions", repetitions, 1, MAX_REPETITIONS);
        DiagnosticsChecks.timeout(timeout, MAX_TIMEOUT);
        DiagnosticsChecks.range("dataBlockSize", dataBlockSize, 1, MAX_DATA_BLOCK);
        DiagnosticsChecks.range("dscp", dscp, 0, 63);
    }
}

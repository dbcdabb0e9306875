package dev.demarc.tr181.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@code Device.IP.Diagnostics.TraceRoute()} asks for, checked, with TR-181's defaults
 * filled in by the caller. Immutable.
 *
 * @param host          {@code Host}
 * @param interfaceName the interface to send on, or empty (see {@link PingRequest})
 * @param version       {@code ProtocolVersion}
 * @param tries         {@code NumberOfTries}, 1..3 (default 3)
 * @param timeout       {@code Timeout} of each hop (default 5 s), up to {@link #MAX_TIMEOUT}
 * @param dataBlockSize {@code DataBlockSize} (default 38), 1..65535
 * @param dscp          {@code DSCP}, 0..63 (default 0)
 * @param maxHops       {@code MaxHopCount}, 1..64 (default 30)
 */
public record TraceRouteRequest(String host, String interfaceName, IpVersion version, int tries, Duration timeout,
                                int dataBlockSize, int dscp, int maxHops) {

    /** The longest wait for one probe's answer. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public TraceRouteRequest {
        DiagnosticsChecks.host(host);
        DiagnosticsChecks.interfaceName(interfaceName);
        Objects.requireNonNull(version, "version");
        DiagnosticsChecks.range("tries", tries, 1, 3);
        DiagnosticsChecks.timeout(timeout, MAX_TIMEOUT);
        DiagnosticsChecks.range("dataBlockSize", dataBlockSize, 1, 65535);
        DiagnosticsChecks.range("dscp", dscp, 0, 63);
        DiagnosticsChecks.range("maxHops", maxHops, 1, 64);
    }
}

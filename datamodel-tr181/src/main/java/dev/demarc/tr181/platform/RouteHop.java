package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;

/**
 * One hop of a route {@code TraceRoute()} found ({@code RouteHops.{i}.}). Immutable.
 *
 * @param host        {@code Host}: the hop's name, or its address when it has no name (or
 *                    names were not looked up); empty when no probe was answered
 * @param hostAddress {@code HostAddress}: the hop's address when {@code host} is a name, else empty
 * @param errorCode   {@code ErrorCode}: the ICMP code of the hop's answer (0 for a plain
 *                    "time exceeded" or an echo reply)
 * @param rttMillis   {@code RTTimes}: one round-trip time per probe in milliseconds, 0 for a
 *                    probe not answered; 1..3 items
 */
public record RouteHop(String host, String hostAddress, long errorCode, List<Long> rttMillis) {

    public RouteHop {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostAddress, "hostAddress");
        rttMillis = List.copyOf(rttMillis);
        if (host.length() > 256 || hostAddress.length() > 256) {
            throw new IllegalArgumentException("host and address have at most 256 characters");
        }
        if (errorCode < 0 || errorCode > 255) {
            throw new IllegalArgumentException("an ICMP code is 0..255: " + errorCode);
        }
        if (rttMillis.isEmpty() || rttMillis.size() > 3 || rttMillis.stream().anyMatch(t -> t < 0)) {
            throw new IllegalArgumentException("1..3 round-trip times, none negative");
        }
    }
}

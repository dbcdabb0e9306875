package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;

/**
 * What {@code TraceRoute()} found. Immutable.
 *
 * @param status             {@code Status}
 * @param addressUsed        {@code IPAddressUsed}: the local address the probes left from; empty
 *                           when not known
 * @param responseTimeMillis {@code ResponseTime}: the round trip to the host (0 when no route
 *                           was found)
 * @param hops               {@code RouteHops.{i}.}, nearest first, at most 64
 */
public record TraceRouteResult(DiagnosticsStatus status, String addressUsed, long responseTimeMillis,
                               List<RouteHop> hops) {

    public TraceRouteResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(addressUsed, "addressUsed");
        hops = List.copyOf(hops);
        if (responseTimeMillis < 0 || hops.size() > 64) {
            throw new IllegalArgumentException("a response time is not negative and a route has at most 64 hops");
        }
    }

    /** A test that could not run. */
    public static TraceRouteResult failed(DiagnosticsStatus status, String addressUsed) {
        return new TraceRouteResult(status, addressUsed, 0, List.of());
    }
}

package dev.demarc.tr181.platform;

/**
 * Which IP diagnostics the platform can run ({@code Device.IP.Diagnostics.IPv4PingSupported}
 * and the others). Immutable.
 *
 * @param ipv4Ping       {@code IPv4PingSupported}
 * @param ipv6Ping       {@code IPv6PingSupported}
 * @param ipv4TraceRoute {@code IPv4TraceRouteSupported}
 * @param ipv6TraceRoute {@code IPv6TraceRouteSupported}
 * @param ipv4Transfer   {@code IPv4DownloadDiagnosticsSupported} and {@code IPv4UploadDiagnosticsSupported}
 * @param ipv6Transfer   {@code IPv6DownloadDiagnosticsSupported} and {@code IPv6UploadDiagnosticsSupported}
 */
public record DiagnosticsCapabilities(boolean ipv4Ping, boolean ipv6Ping, boolean ipv4TraceRoute,
                                      boolean ipv6TraceRoute, boolean ipv4Transfer, boolean ipv6Transfer) {

    /** Nothing can run. */
    public static DiagnosticsCapabilities none() {
        return new DiagnosticsCapabilities(false, false, false, false, false, false);
    }
}

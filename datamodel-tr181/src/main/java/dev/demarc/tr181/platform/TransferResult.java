package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TR-143 download or upload test measured. "Test bytes" are the bytes of the HTTP
 * transaction the test moved in its direction (headers included), between {@code BOMTime} and
 * {@code EOMTime}; "total bytes" are those the interface counted at the IP layer over the same
 * time. When {@code status} is not {@link DiagnosticsStatus#COMPLETE} the other values are
 * indeterminate and may be absent. Immutable.
 *
 * @param status                       {@code Status}
 * @param addressUsed                  {@code IPAddressUsed}, empty when not known
 * @param timing                       the test's times and byte counts over all its connections
 * @param testBytesUnderFullLoading    {@code Test*UnderFullLoading}
 * @param totalReceivedUnderFullLoading {@code TotalBytesReceivedUnderFullLoading}
 * @param totalSentUnderFullLoading    {@code TotalBytesSentUnderFullLoading}
 * @param fullLoadingMicros            {@code PeriodOfFullLoading}, microseconds
 * @param perConnection                {@code PerConnectionResult.{i}.}, when asked for
 * @param incremental                  {@code IncrementalResult.{i}.} of a time-based test with a
 *                                     measurement interval
 */
public record TransferResult(DiagnosticsStatus status, String addressUsed, Timing timing,
                             long testBytesUnderFullLoading, long totalReceivedUnderFullLoading,
                             long totalSentUnderFullLoading, long fullLoadingMicros, List<Timing> perConnection,
                             List<Interval> incremental) {

    /** The most incremental results a test keeps. */
    public static final int MAX_INCREMENTAL = 1000;

    /**
     * One connection's (or the whole test's) times and counts.
     *
     * @param tcpOpenRequest  {@code TCPOpenRequestTime}: the TCP connection was asked for
     * @param tcpOpenResponse {@code TCPOpenResponseTime}: it was open
     * @param rom             {@code ROMTime}: the request (GET or PUT) was sent
     * @param bom             {@code BOMTime}: the first byte of the test data arrived (download)
     *                        or left (upload)
     * @param eom             {@code EOMTime}: the last byte arrived (download), or the server's
     *                        answer to the upload did
     * @param testBytes       {@code TestBytesReceived} / {@code TestBytesSent}
     * @param totalReceived   {@code TotalBytesReceived}
     * @param totalSent       {@code TotalBytesSent}
     */
    public record Timing(Optional<Instant> tcpOpenRequest, Optional<Instant> tcpOpenResponse, Optional<Instant> rom,
                         Optional<Instant> bom, Optional<Instant> eom, long testBytes, long totalReceived,
                         long totalSent) {
        public Timing {
            Objects.requireNonNull(tcpOpenRequest, "tcpOpenRequest");
            Objects.requireNonNull(tcpOpenResponse, "tcpOpenResponse");
            Objects.requireNonNull(rom, "rom");
            Objects.requireNonNull(bom, "bom");
            Objects.requireNonNull(eom, "eom");
            if (testBytes < 0 || totalReceived < 0 || totalSent < 0) {
                throw new IllegalArgumentException("byte counts are not negative");
            }
        }

        /** No time known, nothing moved. */
        public static Timing none() {
            return new Timing(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), 0, 0, 0);
        }
    }

    /**
     * One measurement interval of a time-based test ({@code IncrementalResult.{i}.}).
     *
     * @param start         {@code StartTime}
     * @param end           {@code EndTime}
     * @param testBytes     {@code TestBytesReceived} / {@code TestBytesSent} in the interval
     * @param totalReceived {@code TotalBytesReceived}
     * @param totalSent     {@code TotalBytesSent}
     */
    public record Interval(Instant start, Instant end, long testBytes, long totalReceived, long totalSent) {
        public Interval {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (testBytes < 0 || totalReceived < 0 || totalSent < 0) {
                throw new IllegalArgumentException("byte counts are not negative");
            }
        }
    }

    public TransferResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(addressUsed, "addressUsed");
        Objects.requireNonNull(timing, "timing");
        perConnection = List.copyOf(perConnection);
        incremental = List.copyOf(incremental);
        if (testBytesUnderFullLoading < 0 || totalReceivedUnderFullLoading < 0 || totalSentUnderFullLoading < 0
                || fullLoadingMicros < 0) {
            throw new IllegalArgumentException("counts and times are not negative");
        }
        if (incremental.size() > MAX_INCREMENTAL || perConnection.size() > 1) {
            throw new IllegalArgumentException("at most " + MAX_INCREMENTAL + " intervals and one connection");
        }
    }

    /** A test that could not run or failed: {@code status}, and what was known when it stopped. */
    public static TransferResult failed(DiagnosticsStatus status, String addressUsed, Timing timing) {
        return new TransferResult(status, addressUsed, timing, 0, 0, 0, 0, List.of(), List.of());
    }
}

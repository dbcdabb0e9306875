package dev.demarc.tr181.platform;

import java.util.Objects;

/**
 * What {@code IPPing()} found. When {@code status} is not {@link DiagnosticsStatus#COMPLETE} the
 * other values are indeterminate (TR-181) and given as zero. Immutable.
 *
 * @param status        {@code Status}
 * @param addressUsed   {@code IPAddressUsed}: the local address the requests were sent from;
 *                      empty when not known
 * @param successCount  {@code SuccessCount}: replies received in time
 * @param failureCount  {@code FailureCount}: requests without a reply in time
 * @param averageMicros average round-trip time of the replies, in microseconds (0 without any)
 * @param minimumMicros shortest round trip
 * @param maximumMicros longest round trip
 */
public record PingResult(DiagnosticsStatus status, String addressUsed, int successCount, int failureCount,
                         long averageMicros, long minimumMicros, long maximumMicros) {

    public PingResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(addressUsed, "addressUsed");
        if (successCount < 0 || failureCount < 0 || averageMicros < 0 || minimumMicros < 0 || maximumMicros < 0) {
            throw new IllegalArgumentException("counts and times are not negative");
        }
        if (minimumMicros > averageMicros || averageMicros > maximumMicros) {
            throw new IllegalArgumentException("minimum <= average <= maximum");
        }
    }

    /** A test that could not run: {@code status} and nothing else. */
    public static PingResult failed(DiagnosticsStatus status, String addressUsed) {
        return new PingResult(status, addressUsed, 0, 0, 0, 0, 0);
    }
}

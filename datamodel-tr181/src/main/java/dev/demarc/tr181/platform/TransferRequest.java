package dev.demarc.tr181.platform;

import java.net.URI;
import java.util.Objects;

/**
 * What {@code Device.IP.Diagnostics.DownloadDiagnostics()} or {@code UploadDiagnostics()} asks
 * for (TR-143), checked, with TR-181's defaults filled in by the caller. Immutable.
 *
 * @param direction                  download or upload
 * @param url                        {@code DownloadURL} / {@code UploadURL}; this record takes
 *                                   {@code http} URLs only (the TR-181 object refuses others)
 * @param interfaceName              the interface to use, or empty (see {@link PingRequest})
 * @param version                    {@code ProtocolVersion} (default {@code Any})
 * @param dscp                       {@code DSCP}, 0..63
 * @param testFileLength             {@code TestFileLength} of an upload, bytes (0 for a download
 *                                   or a time-based upload)
 * @param durationSeconds            {@code TimeBasedTestDuration}, 0..999 (0: not time based)
 * @param measurementIntervalSeconds {@code TimeBasedTestMeasurementInterval}, 0..999
 * @param measurementOffsetSeconds   {@code TimeBasedTestMeasurementOffset}, 0..255
 * @param perConnectionResults       {@code EnablePerConnectionResults}
 */
public record TransferRequest(Direction direction, URI url, String interfaceName, IpVersion version, int dscp,
                              long testFileLength, int durationSeconds, int measurementIntervalSeconds,
                              int measurementOffsetSeconds, boolean perConnectionResults) {

    /** Which way the test moves the bytes. */
    public enum Direction { DOWNLOAD, UPLOAD }

    /** The largest upload one test sends: 1 GiB. */
    public static final long MAX_TEST_FILE_LENGTH = 1L << 30;

    public TransferRequest {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(url, "url");
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("an http URL with a host is needed: " + url);
        }
        DiagnosticsChecks.interfaceName(interfaceName);
        Objects.requireNonNull(version, "version");
        DiagnosticsChecks.range("dscp", dscp, 0, 63);
        DiagnosticsChecks.range("testFileLength", testFileLength, 0, MAX_TEST_FILE_LENGTH);
        DiagnosticsChecks.range("durationSeconds", durationSeconds, 0, 999);
        DiagnosticsChecks.range("measurementIntervalSeconds", measurementIntervalSeconds, 0, 999);
        DiagnosticsChecks.range("measurementOffsetSeconds", measurementOffsetSeconds, 0, 255);
        if (direction == Direction.UPLOAD && durationSeconds == 0 && testFileLength == 0) {
            throw new IllegalArgumentException("an upload that is not time based needs a test file length");
        }
    }

    /** Whether the test runs for {@link #durationSeconds} rather than over a fixed size. */
    public boolean timeBased() {
        return durationSeconds > 0;
    }
}

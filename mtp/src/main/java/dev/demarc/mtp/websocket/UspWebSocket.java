package dev.demarc.mtp.websocket;

import java.time.Duration;
import java.util.Objects;

/** Names fixed by the TR-369 WebSocket binding. */
final class UspWebSocket {

    /** {@code Device.LocalAgent.MTP.{i}.Protocol} of this MTP, and {@code MtpAddress.protocol()}. */
    static final String PROTOCOL = "WebSocket";

    /** The one subprotocol USP Records travel in (R-WS.9). */
    static final String SUBPROTOCOL = "v1.usp";

    /** The query key naming the client's Endpoint ID in the handshake request URI (R-WS.10b). */
    static final String EID_QUERY_KEY = "eid";

    /** The WebSocket extension of R-WS.10a (deprecated) and R-WS.11a. */
    static final String EXTENSION = "bbf-usp-protocol";

    /** The longest Endpoint ID accepted from a peer, in characters. */
    static final int MAX_ENDPOINT_ID_LENGTH = 256;

    /** Limits for the HTTP part of the handshake (request or response line, headers). */
    static final int MAX_INITIAL_LINE_LENGTH = 4096;
    static final int MAX_HEADER_SIZE = 8192;
    static final int MAX_HANDSHAKE_CONTENT = 8192;

    /** The longest Path accepted, in characters. */
    static final int MAX_PATH_LENGTH = 1024;

    /** The smallest and largest configurable record size. */
    static final int MIN_RECORD_SIZE = 64;
    static final int MAX_RECORD_SIZE = 256 << 20;

    private UspWebSocket() {
    }

    /**
     * Checks a configured Path (the RFC 3986 path component, TR-181 {@code ...WebSocket.Path}):
     * it starts with {@code '/'} and holds printable ASCII only, no space, {@code '?'} or {@code '#'}.
     */
    static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.charAt(0) != '/' || path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("path must start with '/' and be at most "
                    + MAX_PATH_LENGTH + " characters: " + path);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '?' || c == '#') {
                throw new IllegalArgumentException("path may hold printable ASCII only, without space, "
                        + "'?' or '#': " + path);
            }
        }
    }

    /** A TR-181 Path as a configured path: {@code ""} is {@code "/"}, a missing leading slash is added. */
    static String normalizePath(String path) {
        Objects.requireNonNull(path, "path");
        return path.startsWith("/") ? path : "/" + path;
    }

    static void checkRecordSize(int maxRecordSize) {
        if (maxRecordSize < MIN_RECORD_SIZE || maxRecordSize > MAX_RECORD_SIZE) {
            throw new IllegalArgumentException("maxRecordSize must be " + MIN_RECORD_SIZE + ".."
                    + MAX_RECORD_SIZE + ": " + maxRecordSize);
        }
    }

    static void checkPositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        if (d.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException(name + " must be at most a year: " + d);
        }
    }
}

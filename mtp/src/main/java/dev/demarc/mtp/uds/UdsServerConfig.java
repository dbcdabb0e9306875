package dev.demarc.mtp.uds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link UdsServerTransport} listens: a {@code Device.UnixDomainSockets.UnixDomainSocket.{i}.}
 * with {@code Mode} Listen that a {@code Device.LocalAgent.MTP.{i}.UDS.UnixDomainSocketRef} names,
 * plus the limits every input needs. Build with {@link #builder(Path, String)}; the defaults are
 * listed there.
 *
 * @param socketPath       TR-181 {@code Path}: the socket file; its directory must exist. At most
 *                         {@value #MAX_SOCKET_PATH_BYTES} bytes (the kernel's {@code sun_path})
 * @param agentEndpointId  the agent's Endpoint ID, sent in the server's Handshake (R-UDS.17)
 * @param maxRecordSize    the largest USP Record, in bytes, taken or sent; a frame larger than
 *                         this (and its TLV header) is refused with an Error and the connection
 *                         closed (R-UDS.24)
 * @param maxConnections   how many connections may be open at once; more are closed as they come
 * @param handshakeTimeout how long a new connection has to send its Handshake before it is
 *                         closed (the binding sets 30 s for the client's wait, R-UDS.18; the
 *                         server's bound is Demarc's)
 * @param maxQueuedBytes   how many bytes may wait to be written to one connection; a send beyond
 *                         that fails (the peer does not read)
 */
public record UdsServerConfig(Path socketPath, String agentEndpointId, int maxRecordSize, int maxConnections,
                              Duration handshakeTimeout, int maxQueuedBytes) {

    /** The kernel's bound on a socket path ({@code sun_path} less its terminating zero). */
    public static final int MAX_SOCKET_PATH_BYTES = 107;
    public static final int DEFAULT_MAX_RECORD_SIZE = 1 << 20;
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    public UdsServerConfig {
        Objects.requireNonNull(socketPath, "socketPath");
        checkSocketPath(socketPath);
        Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        int idBytes = agentEndpointId.getBytes(StandardCharsets.UTF_8).length;
        if (idBytes == 0 || idBytes > UdsFrames.MAX_ENDPOINT_ID_BYTES) {
            throw new IllegalArgumentException("agentEndpointId must have 1 to " + UdsFrames.MAX_ENDPOINT_ID_BYTES
                    + " bytes");
        }
        if (maxRecordSize < 1024 || maxRecordSize > (1 << 28)) {
            throw new IllegalArgumentException("maxRecordSize must be 1 KiB..256 MiB: " + maxRecordSize);
        }
        if (maxConnections < 1 || maxConnections > 1024) {
            throw new IllegalArgumentException("maxConnections must be 1..1024: " + maxConnections);
        }
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
        if (maxQueuedBytes < maxRecordSize) {
            throw new IllegalArgumentException("maxQueuedBytes must hold one record of maxRecordSize: " + maxQueuedBytes);
        }
    }

    /**
     * Checks that {@code socketPath} can name a Unix domain socket: absolute, at most
     * {@value #MAX_SOCKET_PATH_BYTES} bytes.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static void checkSocketPath(Path socketPath) {
        if (!socketPath.isAbsolute()) {
            throw new IllegalArgumentException("the socket path must be absolute: " + socketPath);
        }
        int bytes = socketPath.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("the socket path has " + bytes + " bytes; a Unix domain socket path"
                    + " has at most " + MAX_SOCKET_PATH_BYTES + ": " + socketPath);
        }
        if (socketPath.getFileName() == null) {
            throw new IllegalArgumentException("the socket path names no file: " + socketPath);
        }
    }

    /** The frame body length this server takes: one record and its TLV header. */
    int maxFrameBodyLength() {
        return maxRecordSize + UdsFrames.TLV_HEADER_LENGTH;
    }

    /**
     * A builder with the defaults: records up to 1 MiB, 16 connections, a handshake within 30 s,
     * two records' worth of bytes queued per connection.
     */
    public static Builder builder(Path socketPath, String agentEndpointId) {
        return new Builder(socketPath, agentEndpointId);
    }

    /** Builds {@link UdsServerConfig}. */
    public static final class Builder {
        private final Path socketPath;
        private final String agentEndpointId;
        private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Integer maxQueuedBytes;

        private Builder(Path socketPath, String agentEndpointId) {
            this.socketPath = socketPath;
            this.agentEndpointId = agentEndpointId;
        }

        public Builder maxRecordSize(int value) {
            this.maxRecordSize = value;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = value;
            return this;
        }

        /** Default: twice {@code maxRecordSize} (capped at the largest int). */
        public Builder maxQueuedBytes(int value) {
            this.maxQueuedBytes = value;
            return this;
        }

        public UdsServerConfig build() {
            int queued = maxQueuedBytes != null ? maxQueuedBytes : (int) Math.min(Integer.MAX_VALUE, 2L * maxRecordSize);
            return new UdsServerConfig(socketPath, agentEndpointId, maxRecordSize, maxConnections, handshakeTimeout,
                    queued);
        }
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof UdsServerConfig o
                && Objects.equals(socketPath, o.socketPath)
                && Objects.equals(agentEndpointId, o.agentEndpointId)
                && maxRecordSize == o.maxRecordSize
                && maxConnections == o.maxConnections
                && Objects.equals(handshakeTimeout, o.handshakeTimeout)
                && maxQueuedBytes == o.maxQueuedBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(socketPath, agentEndpointId, maxRecordSize, maxConnections, handshakeTimeout,
                maxQueuedBytes);
    }
}

package dev.demarc.mtp.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link WebSocketServerTransport} listens: {@code Device.LocalAgent.MTP.{i}.WebSocket.} plus
 * the limits every input needs. Build with {@link #builder()}; the defaults are listed there.
 *
 * @param bindAddresses     the addresses to listen on, all on the same port: IP literals or host
 *                          names, {@code 0.0.0.0} or {@code ::} for all interfaces (which TR-181
 *                          {@code Interfaces} empty means), or the addresses of the interfaces
 *                          {@code Interfaces} names; at least one, at most
 *                          {@value #MAX_BIND_ADDRESSES}, no duplicates
 * @param port              TR-181 {@code Port}; 0 picks a free port, see
 *                          {@link WebSocketServerTransport#port()}
 * @param path              TR-181 {@code Path}: the one request path that opens a USP session
 * @param tls               TR-181 {@code EnableEncryption}: TLS when present, plain TCP when empty
 * @param keepAliveInterval TR-181 {@code KeepAliveInterval}: how often each controller is sent a
 *                          Ping; a connection silent for twice this long is closed
 * @param maxRecordSize     the largest USP Record, in bytes, received (as one frame or reassembled
 *                          from fragments) or sent; a larger incoming one closes the connection with
 *                          1009
 * @param maxConnections    how many TCP connections may be open at once (sessions and handshakes);
 *                          more are closed as they come
 * @param handshakeTimeout  how long a new connection has for TLS and the WebSocket handshake
 * @param agentEndpointId   the agent's Endpoint ID, sent back in a {@code bbf-usp-protocol}
 *                          extension to a controller that offers one (R-WS.11a); empty: not sent
 */
public record WebSocketServerConfig(
        List<String> bindAddresses,
        int port,
        String path,
        Optional<WebSocketServerTls> tls,
        Duration keepAliveInterval,
        int maxRecordSize,
        int maxConnections,
        Duration handshakeTimeout,
        String agentEndpointId) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** The most addresses one server listens on: TR-181 allows 32 interfaces, each with a few. */
    public static final int MAX_BIND_ADDRESSES = 128;
    /** TR-181's default {@code Port}. */
    public static final int DEFAULT_PORT = 8443;
    public static final String DEFAULT_PATH = "/usp";
    /** TR-181's default {@code KeepAliveInterval}. */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RECORD_SIZE = 1 << 20;
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public WebSocketServerConfig {
        bindAddresses = List.copyOf(bindAddresses);
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("no address to listen on");
        }
        if (bindAddresses.size() > MAX_BIND_ADDRESSES) {
            throw new IllegalArgumentException("more than " + MAX_BIND_ADDRESSES + " addresses to listen on: "
                    + bindAddresses.size());
        }
        if (bindAddresses.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("an address to listen on is empty");
        }
        if (bindAddresses.stream().distinct().count() != bindAddresses.size()) {
            throw new IllegalArgumentException("an address to listen on is named twice: " + bindAddresses);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        UspWebSocket.checkPath(path);
        Objects.requireNonNull(tls, "tls");
        UspWebSocket.checkPositive(keepAliveInterval, "keepAliveInterval");
        UspWebSocket.checkRecordSize(maxRecordSize);
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("maxConnections must be 1..10000: " + maxConnections);
        }
        UspWebSocket.checkPositive(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        if (agentEndpointId.length() > UspWebSocket.MAX_ENDPOINT_ID_LENGTH) {
            throw new IllegalArgumentException("agentEndpointId is too long");
        }
    }

    /**
     * A builder with the defaults: bind address {@value #DEFAULT_BIND_ADDRESS}, port
     * {@value #DEFAULT_PORT}, path {@value #DEFAULT_PATH}, no TLS, keep-alive 60 s, records up to
     * 1 MiB, 16 connections, handshake timeout 10 s, no agent Endpoint ID.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link WebSocketServerConfig}; every setter checks nothing, {@link #build} checks all. */
    public static final class Builder {
        private List<String> bindAddresses = List.of(DEFAULT_BIND_ADDRESS);
        private int port = DEFAULT_PORT;
        private String path = DEFAULT_PATH;
        private Optional<WebSocketServerTls> tls = Optional.empty();
        private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
        private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private String agentEndpointId = "";

        private Builder() {
        }

        /** Listens on this one address. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddresses = List.of(Objects.requireNonNull(bindAddress, "bindAddress"));
            return this;
        }

        /** Listens on each of these addresses, on the same port. */
        public Builder bindAddresses(List<String> bindAddresses) {
            this.bindAddresses = bindAddresses;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** TR-181 {@code Path}; a missing leading {@code '/'} is added. */
        public Builder path(String path) {
            this.path = UspWebSocket.normalizePath(path);
            return this;
        }

        public Builder tls(WebSocketServerTls tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        public Builder plain() {
            this.tls = Optional.empty();
            return this;
        }

        public Builder keepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = keepAliveInterval;
            return this;
        }

        public Builder maxRecordSize(int maxRecordSize) {
            this.maxRecordSize = maxRecordSize;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        public Builder agentEndpointId(String agentEndpointId) {
            this.agentEndpointId = agentEndpointId;
            return this;
        }

        public WebSocketServerConfig build() {
            return new WebSocketServerConfig(bindAddresses, port, path, tls, keepAliveInterval, maxRecordSize,
                    maxConnections, handshakeTimeout, agentEndpointId);
        }
    }
}

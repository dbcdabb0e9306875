package dev.demarc.mtp.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link WebSocketClientTransport} connects: one controller's
 * {@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.} plus the agent's Endpoint ID and the
 * limits every input needs. Build with {@link #builder(String, int)}; the defaults are listed there.
 *
 * @param host                 TR-181 {@code Host}: the controller's host name or IP address
 * @param port                 TR-181 {@code Port}
 * @param path                 TR-181 {@code Path}
 * @param tls                  TR-181 {@code EnableEncryption}: {@code wss} when present, {@code ws}
 *                             when empty
 * @param agentEndpointId      the agent's Endpoint ID, sent as {@code eid} in the request URI's
 *                             query (R-WS.10b)
 * @param controllerEndpointId the controller's Endpoint ID ({@code Controller.{i}.EndpointID}),
 *                             reported in the {@link dev.demarc.core.mtp.MtpAddress}; may be empty
 * @param keepAliveInterval    TR-181 {@code KeepAliveInterval}: how often a Ping is sent; a
 *                             connection silent for twice this long is closed (and retried)
 * @param retry                TR-181 {@code SessionRetryMinimumWaitInterval} and
 *                             {@code SessionRetryIntervalMultiplier}
 * @param maxRecordSize        the largest USP Record, in bytes, received or sent
 * @param connectTimeout       how long one TCP connect may take
 * @param handshakeTimeout     how long TLS and the WebSocket handshake may take once connected
 */
public record WebSocketClientConfig(
        String host,
        int port,
        String path,
        Optional<WebSocketClientTls> tls,
        String agentEndpointId,
        String controllerEndpointId,
        Duration keepAliveInterval,
        SessionRetryPolicy retry,
        int maxRecordSize,
        Duration connectTimeout,
        Duration handshakeTimeout) {

    /** The longest Host, as TR-181 sizes it. */
    public static final int MAX_HOST_LENGTH = 256;
    public static final String DEFAULT_PATH = "/";
    /** TR-181 gives the controller's KeepAliveInterval no default; the agent's server side uses 60 s. */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RECORD_SIZE = 1 << 20;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public WebSocketClientConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.length() > MAX_HOST_LENGTH || host.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)
                || host.contains("/") || host.contains("?") || host.contains("#") || host.contains("@")) {
            throw new IllegalArgumentException("host must be a host name or IP address: " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        UspWebSocket.checkPath(path);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        if (agentEndpointId.isEmpty() || agentEndpointId.length() > UspWebSocket.MAX_ENDPOINT_ID_LENGTH) {
            throw new IllegalArgumentException("agentEndpointId must be 1.."
                    + UspWebSocket.MAX_ENDPOINT_ID_LENGTH + " characters");
        }
        Objects.requireNonNull(controllerEndpointId, "controllerEndpointId");
        UspWebSocket.checkPositive(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(retry, "retry");
        UspWebSocket.checkRecordSize(maxRecordSize);
        UspWebSocket.checkPositive(connectTimeout, "connectTimeout");
        UspWebSocket.checkPositive(handshakeTimeout, "handshakeTimeout");
    }

    /**
     * A builder for the controller at {@code host}:{@code port}, with the defaults: path
     * {@value #DEFAULT_PATH}, no TLS, keep-alive 60 s, TR-369's retry defaults (5 s, 2000), records
     * up to 1 MiB, connect and handshake timeouts 10 s each, no controller Endpoint ID. The agent's
     * Endpoint ID has no default.
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** The session's URI without the query: {@code ws://host:port/path} or {@code wss://...}. */
    public String peerAddress() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls.isPresent() ? "wss" : "ws") + "://" + h + ":" + port + path;
    }

    /** The URI the handshake requests: {@link #peerAddress()} with {@code ?eid=<agent endpoint id>}. */
    public URI requestUri() {
        return URI.create(peerAddress() + "?" + EndpointIdQuery.queryFor(agentEndpointId));
    }

    /** Builds a {@link WebSocketClientConfig}; {@link #build} checks every value. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String path = DEFAULT_PATH;
        private Optional<WebSocketClientTls> tls = Optional.empty();
        private String agentEndpointId = "";
        private String controllerEndpointId = "";
        private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
        private SessionRetryPolicy retry = SessionRetryPolicy.DEFAULT;
        private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** TR-181 {@code Path}; a missing leading {@code '/'} is added. */
        public Builder path(String path) {
            this.path = UspWebSocket.normalizePath(path);
            return this;
        }

        public Builder tls(WebSocketClientTls tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        public Builder plain() {
            this.tls = Optional.empty();
            return this;
        }

        public Builder agentEndpointId(String agentEndpointId) {
            this.agentEndpointId = agentEndpointId;
            return this;
        }

        public Builder controllerEndpointId(String controllerEndpointId) {
            this.controllerEndpointId = controllerEndpointId;
            return this;
        }

        public Builder keepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = keepAliveInterval;
            return this;
        }

        public Builder retry(SessionRetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        public Builder maxRecordSize(int maxRecordSize) {
            this.maxRecordSize = maxRecordSize;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        public WebSocketClientConfig build() {
            return new WebSocketClientConfig(host, port, path, tls, agentEndpointId, controllerEndpointId,
                    keepAliveInterval, retry, maxRecordSize, connectTimeout, handshakeTimeout);
        }
    }
}

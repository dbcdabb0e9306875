package dev.demarc.cli.doctor;

import java.util.Objects;

/**
 * A server the agent is configured to reach: an MQTT broker, a USP controller's WebSocket server,
 * an ACS. Immutable.
 *
 * @param kind what it is
 * @param path the data model object that configures it ({@code Device.MQTT.Client.1.})
 * @param host its host name or address (at most 256 characters, as TR-181 allows)
 * @param port its TCP port, 1..65535
 * @param tls  whether the agent speaks TLS to it
 */
public record Endpoint(Kind kind, String path, String host, int port, boolean tls) {

    /** The longest host name (TR-181's {@code BrokerAddress} and {@code WebSocket.Host} are string(256)). */
    public static final int MAX_HOST = 256;

    /** What an endpoint is to the agent. */
    public enum Kind {
        MQTT_BROKER("MQTT broker"),
        USP_CONTROLLER("USP controller"),
        ACS("ACS");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public Endpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(host, "host");
        if (host.isEmpty() || host.length() > MAX_HOST || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("not a host name: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of 1..65535: " + port);
        }
    }

    /** {@code mqtt.example.net:8883}, an IPv6 address in brackets. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code MQTT broker mqtt.example.net:8883 (TLS)}. */
    public String describe() {
        return kind.words() + " " + hostPort() + (tls ? " (TLS)" : "");
    }
}

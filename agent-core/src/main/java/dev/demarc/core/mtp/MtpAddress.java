package dev.demarc.core.mtp;

import java.util.Objects;

/**
 * Where a record goes, or came from, on one transport: for MQTT the topic to publish to (a
 * controller's topic, or the response topic a request named); for WebSocket the connection of a
 * controller, named by its endpoint ID (the {@code usp-endpoint-id} header or the controller's
 * configured Host/Port/Path).
 *
 * @param protocol   the MTP, as in {@link MessageTransport#protocol()}
 * @param address    the MTP's own address: an MQTT topic, or a WebSocket connection key
 * @param endpointId the peer's USP endpoint ID when the MTP told it (MQTT 5
 *                   {@code usp-endpoint-id} user property, WebSocket header), or for an answer
 *                   the agent sends, the controller it answers; else empty
 */
public record MtpAddress(String protocol, String address, String endpointId) {

    public MtpAddress {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(endpointId, "endpointId");
    }
}

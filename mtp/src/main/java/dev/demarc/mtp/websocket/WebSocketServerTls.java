package dev.demarc.mtp.websocket;

import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for {@link WebSocketServerTransport} ({@code Device.LocalAgent.MTP.{i}.WebSocket.EnableEncryption}).
 *
 * @param keyManagers              the agent's certificate and private key
 * @param clientTrust              which controller certificates to accept; empty: the JDK's default
 *                                 trust store
 * @param requireClientCertificate whether a controller must present a certificate. TR-369 R-MTP.1
 *                                 says it must when TLS is used, so {@link #of} turns this on
 */
public record WebSocketServerTls(
        KeyManagerFactory keyManagers,
        Optional<TrustManagerFactory> clientTrust,
        boolean requireClientCertificate) {

    public WebSocketServerTls {
        Objects.requireNonNull(keyManagers, "keyManagers");
        Objects.requireNonNull(clientTrust, "clientTrust");
    }

    /** TLS with this certificate, requiring a client certificate trusted by the JDK's default store. */
    public static WebSocketServerTls of(KeyManagerFactory keyManagers) {
        return new WebSocketServerTls(keyManagers, Optional.empty(), true);
    }

    /** The same, trusting client certificates that {@code trust} accepts. */
    public WebSocketServerTls withClientTrust(TrustManagerFactory trust) {
        return new WebSocketServerTls(keyManagers, Optional.of(trust), requireClientCertificate);
    }

    /** The same, letting controllers connect without a certificate (not what R-MTP.1 wants). */
    public WebSocketServerTls withoutClientCertificate() {
        return new WebSocketServerTls(keyManagers, clientTrust, false);
    }

    /** Names no key material. */
    @Override
    public String toString() {
        return "WebSocketServerTls[clientTrust=" + (clientTrust.isPresent() ? "configured" : "JDK default")
                + ", requireClientCertificate=" + requireClientCertificate + "]";
    }
}

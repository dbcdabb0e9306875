package dev.demarc.mtp.websocket;

import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for {@link WebSocketClientTransport}
 * ({@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.EnableEncryption}).
 *
 * @param trust             which controller certificates to accept; empty: the JDK's default
 *                          trust store
 * @param clientCertificate the agent's own certificate and key, for controllers that ask for one;
 *                          empty: none
 * @param verifyHostname    whether the controller's certificate must name the Host connected to
 *                          (RFC 6125 / HTTPS rules, wildcards allowed as R-WS.24 says)
 */
public record WebSocketClientTls(
        Optional<TrustManagerFactory> trust,
        Optional<KeyManagerFactory> clientCertificate,
        boolean verifyHostname) {

    public WebSocketClientTls {
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
    }

    /** The JDK's default trust store, no client certificate, host name verified. */
    public static WebSocketClientTls systemTrust() {
        return new WebSocketClientTls(Optional.empty(), Optional.empty(), true);
    }

    /** Host name verified, trusting what {@code trust} accepts. */
    public static WebSocketClientTls trusting(TrustManagerFactory trust) {
        return new WebSocketClientTls(Optional.of(trust), Optional.empty(), true);
    }

    /** The same, presenting {@code keyManagers}' certificate when the controller asks for one. */
    public WebSocketClientTls withClientCertificate(KeyManagerFactory keyManagers) {
        return new WebSocketClientTls(trust, Optional.of(keyManagers), verifyHostname);
    }

    /** The same, without checking that the certificate names the host. */
    public WebSocketClientTls withoutHostnameVerification() {
        return new WebSocketClientTls(trust, clientCertificate, false);
    }

    /** Names no key material. */
    @Override
    public String toString() {
        return "WebSocketClientTls[trust=" + (trust.isPresent() ? "configured" : "JDK default")
                + ", clientCertificate=" + (clientCertificate.isPresent() ? "configured" : "none")
                + ", verifyHostname=" + verifyHostname + "]";
    }
}

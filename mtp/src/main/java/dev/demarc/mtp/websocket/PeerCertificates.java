package dev.demarc.mtp.websocket;

import dev.demarc.core.usp.CertifiedEndpointIds;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TR-369 R-SEC.0a at the WebSocket MTP: the Endpoint IDs the peer's TLS certificate names, and
 * the check that a received record's {@code from_id} is one of them.
 */
final class PeerCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(PeerCertificates.class);
    private static final int SHOWN_CHARS = 256;

    private PeerCertificates() {
    }

    /**
     * What the peer's certificate on {@code channel} vouches for; empty on a plain connection.
     * Over TLS without a verified certificate (not possible where one is required), it vouches
     * for nothing.
     */
    static Optional<CertifiedEndpointIds> of(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate peer) {
                return Optional.of(CertifiedEndpointIds.of(peer));
            }
        } catch (SSLPeerUnverifiedException e) {
            LOG.warn("WebSocket connection with {} over TLS without a verified certificate", channel.remoteAddress());
        }
        return Optional.of(CertifiedEndpointIds.NONE);
    }

    /**
     * Whether {@code record} may go on: always without a certificate; with one, unless it names a
     * {@code from_id} the certificate does not vouch for (bytes that are not a record go on, for
     * the agent to answer as TR-369 says). A record refused is logged.
     */
    static boolean admits(Optional<CertifiedEndpointIds> certified, byte[] record, String peerName) {
        if (certified.isEmpty()) {
            return true;
        }
        Optional<String> fromId = CertifiedEndpointIds.fromIdOf(record);
        if (fromId.isEmpty() || certified.get().vouchesFor(fromId.get())) {
            return true;
        }
        String shown = fromId.get().length() > SHOWN_CHARS ? fromId.get().substring(0, SHOWN_CHARS) + "..." : fromId.get();
        LOG.warn("WebSocket record from {} dropped: its from_id '{}' is not an Endpoint ID its TLS certificate names"
                        + " ({}; TR-369 R-SEC.0a)", peerName, shown,
                certified.get().endpointIds().isEmpty() ? "it names none" : String.join(", ", certified.get().endpointIds()));
        return false;
    }
}

package dev.demarc.cli.doctor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EndpointProbe} measured of one server: name resolution, TCP connection, TLS
 * handshake and the certificate the server presented. Immutable.
 *
 * @param addresses      the addresses the host name resolved to (the address itself for an
 *                       address), at most {@link #MAX_ADDRESSES}; empty when it did not resolve
 * @param connectedTo    the address the TCP connection was made to; empty when none was
 * @param connectMillis  the time the TCP connection took; -1 when none was made
 * @param tls            the TLS session; empty without TLS or when the handshake failed
 * @param chain          the certificates the server presented, its own first (kept when the
 *                       handshake then failed on them), at most {@link #MAX_CHAIN}
 * @param failure        where it stopped; {@link Failure#NONE} when everything worked
 * @param detail         for a failure, the system's words; else empty
 */
public record ProbeOutcome(List<String> addresses, String connectedTo, long connectMillis, Optional<TlsSession> tls,
                           List<CertificateInfo> chain, Failure failure, String detail) {

    public static final int MAX_ADDRESSES = 16;
    public static final int MAX_CHAIN = 10;

    /** Where a probe stopped. */
    public enum Failure {
        NONE,
        /** The host name does not resolve: the resolver answered that it has no address. */
        UNRESOLVED,
        /** The system's resolver gave no answer in time. */
        NO_RESOLVER_ANSWER,
        /** The host answered that nothing listens on the port (TCP RST). */
        REFUSED,
        /** No answer to the connection in time: dropped by a firewall, or the host is down. */
        TIMEOUT,
        /** No route to the host, or another network error before the connection. */
        UNREACHABLE,
        /** The certificate's validity has ended. */
        TLS_EXPIRED,
        /** The certificate's validity has not begun (often: the gateway's clock is behind). */
        TLS_NOT_YET_VALID,
        /** The certificate does not chain to a trusted CA. */
        TLS_UNTRUSTED,
        /** The certificate is trusted but does not name the host. */
        TLS_HOST_MISMATCH,
        /** The handshake failed otherwise: no common protocol, the server refused the agent's certificate... */
        TLS_HANDSHAKE
    }

    /** An established TLS session: protocol, cipher suite, the handshake's time. */
    public record TlsSession(String protocol, String cipherSuite, long handshakeMillis) {
        public TlsSession {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(cipherSuite, "cipherSuite");
        }
    }

    public ProbeOutcome {
        addresses = List.copyOf(addresses.size() <= MAX_ADDRESSES ? addresses : addresses.subList(0, MAX_ADDRESSES));
        Objects.requireNonNull(connectedTo, "connectedTo");
        Objects.requireNonNull(tls, "tls");
        chain = List.copyOf(chain.size() <= MAX_CHAIN ? chain : chain.subList(0, MAX_CHAIN));
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
    }

    /** The server's own certificate, when it presented one. */
    public Optional<CertificateInfo> certificate() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }
}

package dev.demarc.cli.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EndpointProbe} on the network: the system's resolver (bounded by the timeout), a TCP
 * connection to each resolved address in turn until one answers, and for a TLS endpoint a
 * handshake that checks the certificate as the agent does (chain to the trusted CAs, the host
 * name, the validity), presenting the agent's own certificate when the server asks and one was
 * given. The server's certificates are kept even when the handshake fails on them, so that
 * doctor can say why.
 *
 * <p>Threads: {@link #probe} on one thread at a time; names are resolved on threads of this
 * probe's own, which {@link #close} stops.
 */
public final class SocketEndpointProbe implements EndpointProbe, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketEndpointProbe.class);
    /** The most addresses tried for one host. */
    static final int MAX_TRIED = 4;
    /**
     * How long to wait, after a handshake in which the server asked for a client certificate,
     * for the server's refusal of it: with TLS 1.3 it comes after the client's handshake ended.
     */
    static final Duration CLIENT_CERTIFICATE_VERDICT = Duration.ofSeconds(1);

    private final TrustManagerFactory trust;
    private final KeyManagerFactory keys;
    /**
     * Resolves names: a thread per name being resolved, so that one the resolver hangs on does not
     * hold up the next (at most {@link ConfiguredEndpoints#MAX_ENDPOINTS} endpoints are probed).
     */
    private final ExecutorService resolver = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "demarc-doctor-resolver");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param trust the CAs server certificates must chain to; empty: the JVM's trusted CAs
     * @param keys  the agent's certificate and key, presented when a server asks; empty: none
     */
    public SocketEndpointProbe(Optional<TrustManagerFactory> trust, Optional<KeyManagerFactory> keys) {
        this.trust = trust.orElseGet(SocketEndpointProbe::systemTrust);
        this.keys = keys.orElse(null);
    }

    private static TrustManagerFactory systemTrust() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            return f;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no default trust manager", e);
        }
    }

    @Override
    public ProbeOutcome probe(Endpoint endpoint, Duration timeout) {
        List<InetAddress> addresses;
        try {
            addresses = resolve(endpoint.host(), timeout);
        } catch (UnknownHostException e) {
            return failed(List.of(), "", -1, List.of(), ProbeOutcome.Failure.UNRESOLVED,
                    "the name " + endpoint.host() + " does not resolve" + (e.getMessage() == null
                            || e.getMessage().equals(endpoint.host()) ? "" : ": " + e.getMessage()));
        } catch (TimeoutException e) {
            return failed(List.of(), "", -1, List.of(), ProbeOutcome.Failure.NO_RESOLVER_ANSWER,
                    "the system's resolver gave no answer for " + endpoint.host() + " in " + timeout.toMillis() + " ms");
        }
        List<String> texts = addresses.stream().map(InetAddress::getHostAddress).toList();
        ProbeOutcome.Failure lastFailure = ProbeOutcome.Failure.UNREACHABLE;
        String lastDetail = "no address";
        for (InetAddress address : addresses.subList(0, Math.min(MAX_TRIED, addresses.size()))) {
            Socket socket = new Socket();
            long start = System.nanoTime();
            try {
                socket.connect(new InetSocketAddress(address, endpoint.port()), millis(timeout));
            } catch (IOException e) {
                closeQuietly(socket);
                lastFailure = connectFailure(e);
                lastDetail = address.getHostAddress() + ": " + message(e);
                continue;
            }
            long connectMillis = (System.nanoTime() - start) / 1_000_000;
            if (!endpoint.tls()) {
                closeQuietly(socket);
                return new ProbeOutcome(texts, address.getHostAddress(), connectMillis, Optional.empty(), List.of(),
                        ProbeOutcome.Failure.NONE, "");
            }
            return handshake(endpoint, socket, texts, address.getHostAddress(), connectMillis, timeout);
        }
        return failed(texts, "", -1, List.of(), lastFailure, lastDetail);
    }

    private List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException, TimeoutException {
        Future<InetAddress[]> f = resolver.submit(() -> InetAddress.getAllByName(host));
        try {
            return Arrays.asList(f.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            throw new UnknownHostException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new TimeoutException("interrupted");
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    private ProbeOutcome handshake(Endpoint endpoint, Socket plain, List<String> addresses, String connectedTo,
                                   long connectMillis, Duration timeout) {
        Capturing capturing = new Capturing(delegate(trust));
        AskedKeys asked = new AskedKeys(keys == null ? null : keyManager(keys));
        SSLSocket tls = null;
        long start = System.nanoTime();
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {asked}, new TrustManager[] {capturing}, null);
            plain.setSoTimeout(millis(timeout));
            tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, endpoint.host(), endpoint.port(), true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            tls.startHandshake();
            long handshakeMillis = (System.nanoTime() - start) / 1_000_000;
            var session = tls.getSession();
            if (asked.asked) {
                awaitClientCertificateVerdict(tls);
            }
            return new ProbeOutcome(addresses, connectedTo, connectMillis,
                    Optional.of(new ProbeOutcome.TlsSession(session.getProtocol(), session.getCipherSuite(),
                            handshakeMillis)),
                    capturing.chain(), ProbeOutcome.Failure.NONE, "");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot make a TLS context", e);
        } catch (IOException e) {
            LOG.debug("TLS handshake with {} failed", endpoint.hostPort(), e);
            ProbeOutcome.Failure why = capturing.failure(Instant.now());
            String detail = message(e) + (asked.asked ? " (the server asked for a client certificate"
                    + (asked.given ? ", and got one" : ", and got none") + ")" : "");
            if (why == ProbeOutcome.Failure.NONE) {
                why = e instanceof SocketTimeoutException ? ProbeOutcome.Failure.TIMEOUT
                        : e instanceof SSLException ? ProbeOutcome.Failure.TLS_HANDSHAKE
                        : ProbeOutcome.Failure.UNREACHABLE;
                if (why == ProbeOutcome.Failure.TIMEOUT) {
                    detail = "no TLS answer in " + timeout.toMillis() + " ms: is it a TLS port?";
                }
            }
            return failed(addresses, connectedTo, connectMillis, capturing.chain(), why, detail);
        } finally {
            closeQuietly(tls != null ? tls : plain);
        }
    }

    /**
     * Reads briefly after a handshake in which the server asked for a client certificate: a
     * server that refuses it says so now (an alert, an SSLException); one that accepts it waits
     * for the client to speak (a timeout, which is fine).
     */
    private static void awaitClientCertificateVerdict(SSLSocket tls) throws IOException {
        tls.setSoTimeout((int) CLIENT_CERTIFICATE_VERDICT.toMillis());
        try {
            tls.getInputStream().read();
        } catch (SocketTimeoutException accepted) {
            // the server waits for the protocol to start: it took the certificate
        }
    }

    private static X509ExtendedKeyManager keyManager(KeyManagerFactory factory) {
        for (KeyManager km : factory.getKeyManagers()) {
            if (km instanceof X509ExtendedKeyManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X.509 key manager in " + factory.getAlgorithm());
    }

    private static X509ExtendedTrustManager delegate(TrustManagerFactory factory) {
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X.509 trust manager in " + factory.getAlgorithm());
    }

    private static ProbeOutcome.Failure connectFailure(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return ProbeOutcome.Failure.TIMEOUT;
        }
        if (e instanceof NoRouteToHostException) {
            return ProbeOutcome.Failure.UNREACHABLE;
        }
        if (e instanceof ConnectException && message(e).toLowerCase(Locale.ROOT).contains("refused")) {
            return ProbeOutcome.Failure.REFUSED;
        }
        return ProbeOutcome.Failure.UNREACHABLE;
    }

    private static ProbeOutcome failed(List<String> addresses, String connectedTo, long connectMillis,
                                       List<CertificateInfo> chain, ProbeOutcome.Failure failure, String detail) {
        return new ProbeOutcome(addresses, connectedTo, connectMillis, Optional.empty(), chain, failure, detail);
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing was being sent
        }
    }

    @Override
    public void close() {
        resolver.shutdownNow();
    }

    /**
     * Checks a server's chain with the real trust manager, but keeps the chain and tells apart
     * why it was refused: validity dates, trust, host name.
     */
    private static final class Capturing extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private volatile X509Certificate[] chain = new X509Certificate[0];
        private volatile boolean untrusted;
        private volatile boolean hostMismatch;

        Capturing(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        List<CertificateInfo> chain() {
            List<CertificateInfo> out = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (out.size() < ProbeOutcome.MAX_CHAIN) {
                    out.add(CertificateInfo.of(c));
                }
            }
            return out;
        }

        /** Why the chain was refused, or NONE when it was not (or no chain came). */
        ProbeOutcome.Failure failure(Instant now) {
            X509Certificate[] c = chain;
            if (c.length == 0 || !(untrusted || hostMismatch)) {
                return ProbeOutcome.Failure.NONE;
            }
            for (X509Certificate cert : c) {
                if (now.isAfter(cert.getNotAfter().toInstant())) {
                    return ProbeOutcome.Failure.TLS_EXPIRED;
                }
                if (now.isBefore(cert.getNotBefore().toInstant())) {
                    return ProbeOutcome.Failure.TLS_NOT_YET_VALID;
                }
            }
            return untrusted ? ProbeOutcome.Failure.TLS_UNTRUSTED : ProbeOutcome.Failure.TLS_HOST_MISMATCH;
        }

        private void check(X509Certificate[] presented, String authType, Runnable withHost) throws CertificateException {
            chain = presented == null ? new X509Certificate[0] : presented.clone();
            try {
                delegate.checkServerTrusted(presented, authType);
            } catch (CertificateException e) {
                untrusted = true;
                throw e;
            }
            try {
                withHost.run();
            } catch (WrappedCertificateException e) {
                hostMismatch = true;
                throw e.getCause();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket)
                throws CertificateException {
            check(presented, authType, () -> {
                try {
                    delegate.checkServerTrusted(presented, authType, socket);
                } catch (CertificateException e) {
                    throw new WrappedCertificateException(e);
                }
            });
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
                throws CertificateException {
            check(presented, authType, () -> {
                try {
                    delegate.checkServerTrusted(presented, authType, engine);
                } catch (CertificateException e) {
                    throw new WrappedCertificateException(e);
                }
            });
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            check(presented, authType, () -> { });
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("doctor is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("doctor is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType) throws CertificateException {
            throw new CertificateException("doctor is a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** The agent's key manager, or none, noting whether the server asked for a certificate. */
    private static final class AskedKeys extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private volatile boolean asked;
        private volatile boolean given;

        AskedKeys(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        private String chosen(String alias) {
            asked = true;
            given = alias != null;
            return alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return chosen(delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket));
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return chosen(delegate == null ? null : delegate.chooseEngineClientAlias(keyType, issuers, engine));
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate == null ? null : delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate == null ? null : delegate.getPrivateKey(alias);
        }
    }

    /** Carries a host-name refusal out of a lambda. */
    private static final class WrappedCertificateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrappedCertificateException(CertificateException cause) {
            super(cause);
        }

        @Override
        public synchronized CertificateException getCause() {
            return (CertificateException) super.getCause();
        }
    }
}

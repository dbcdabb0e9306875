package dev.demarc.mtp.mqtt;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The sockets Paho connects through, for plain TCP and for TLS alike (Paho is always given a
 * {@code tcp://} address; TLS is layered here). Two reasons:
 *
 * <ol>
 *   <li>TLS is set up in one place for both Paho clients: TLS 1.2 or 1.3 only (R-MQTT.48), SNI
 *       for host names, and host name verification with the HTTPS rules (RFC 2818 / RFC 6125,
 *       wildcards as R-MQTT.49 allows, IP addresses against IP SANs) when enabled. The
 *       handshake completes inside {@link Socket#connect}, so a refused certificate fails the
 *       connection attempt cleanly.</li>
 *   <li>Paho 1.2.5 starts its receiver thread and then polls, every 100 ms, until it sees it
 *       running; a receiver that fails in the meantime (a broker that closes the connection at
 *       once, or a TLS 1.3 broker rejecting the client certificate after the handshake) leaves
 *       Paho's connect thread polling forever. The input stream here therefore reports an end
 *       of stream or an error that comes within {@link #FIRST_READ_GRACE_MS} of the first read
 *       only once that time has passed. Read timeouts pass through at once.</li>
 *   <li>Paho reads a packet's fixed header one byte at a time and writes a packet in pieces of
 *       1,024 bytes through a buffer of 8,192, flushing once per packet. Unbuffered, that is a
 *       system call for each byte of a header and four writes for an answer of 25 kB. The
 *       streams here are buffered: one read takes whatever the broker has sent, and a packet
 *       of up to {@link #OUTPUT_BUFFER_BYTES} leaves in one write when Paho flushes it.</li>
 * </ol>
 */
final class MqttSockets extends SocketFactory {

    /** How long a failure right after connecting is held back (see the class comment). */
    static final long FIRST_READ_GRACE_MS = 500;

    /** What is read from the broker at once at most. */
    static final int INPUT_BUFFER_BYTES = 8 * 1024;

    /** The largest packet written to the broker in one write. */
    static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

    private static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLSocketFactory tls;
    private final boolean verifyHostname;
    private final int handshakeTimeoutMillis;

    /**
     * @param tls                    TLS socket factory, or null for plain TCP
     * @param verifyHostname         check the broker's host name against its certificate
     * @param handshakeTimeoutMillis longest TLS handshake
     */
    MqttSockets(SSLSocketFactory tls, boolean verifyHostname, int handshakeTimeoutMillis) {
        this.tls = tls;
        this.verifyHostname = verifyHostname;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    public Socket createSocket() {
        return new BrokerSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new SocketException("binding a local address is not supported");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new SocketException("binding a local address is not supported");
    }

    /** A TCP connection to the broker, with TLS over it when configured. */
    private final class BrokerSocket extends Socket {
        private final Socket tcp = new Socket();
        private volatile Socket active = tcp;
        /** Made once, at the first call after connecting: Paho asks for each stream once per connection. */
        private InputStream input;
        private OutputStream output;

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            // Nagle's algorithm off: an answer written right after the PUBACK of its request
            // must not wait for the broker to acknowledge that PUBACK (about 40 ms on Linux).
            tcp.setTcpNoDelay(true);
            tcp.connect(endpoint, timeout);
            if (tls == null) {
                return;
            }
            String host = ((InetSocketAddress) endpoint).getHostString();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            SSLSocket ssl = (SSLSocket) tls.createSocket(tcp, host, ((InetSocketAddress) endpoint).getPort(), true);
            try {
                List<String> enabled = new ArrayList<>();
                for (String p : ssl.getSupportedProtocols()) {
                    if (ALLOWED_PROTOCOLS.contains(p)) {
                        enabled.add(p);
                    }
                }
                SSLParameters params = ssl.getSSLParameters();
                params.setProtocols(enabled.toArray(new String[0]));
                if (!isIpLiteral(host)) {
                    List<SNIServerName> names = new ArrayList<>();
                    names.add(new SNIHostName(host));
                    params.setServerNames(names);
                }
                if (verifyHostname) {
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                }
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(handshakeTimeoutMillis);
                ssl.startHandshake();
                ssl.setSoTimeout(0);
            } catch (IOException | RuntimeException e) {
                ssl.close();
                throw e;
            }
            active = ssl;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(new GraceInputStream(active.getInputStream()), INPUT_BUFFER_BYTES);
            }
            return input;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new BufferedOutputStream(active.getOutputStream(), OUTPUT_BUFFER_BYTES);
            }
            return output;
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            active.setSoTimeout(timeout);
        }

        @Override
        public int getSoTimeout() throws SocketException {
            return active.getSoTimeout();
        }

        @Override
        public void setTcpNoDelay(boolean on) throws SocketException {
            tcp.setTcpNoDelay(on);
        }

        @Override
        public boolean getTcpNoDelay() throws SocketException {
            return tcp.getTcpNoDelay();
        }

        @Override
        public void setKeepAlive(boolean on) throws SocketException {
            tcp.setKeepAlive(on);
        }

        @Override
        public boolean getKeepAlive() throws SocketException {
            return tcp.getKeepAlive();
        }

        @Override
        public void shutdownInput() throws IOException {
            // Unblocks a reader on TLS too, without TLS close_notify rules getting in the way.
            tcp.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            tcp.shutdownOutput();
        }

        @Override
        public boolean isInputShutdown() {
            return tcp.isInputShutdown();
        }

        @Override
        public boolean isOutputShutdown() {
            return tcp.isOutputShutdown();
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                active.close();
            } finally {
                tcp.close();
            }
        }

        @Override
        public boolean isConnected() {
            return tcp.isConnected();
        }

        @Override
        public boolean isBound() {
            return tcp.isBound();
        }

        @Override
        public boolean isClosed() {
            return tcp.isClosed();
        }

        @Override
        public InetAddress getInetAddress() {
            return tcp.getInetAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
            return tcp.getLocalAddress();
        }

        @Override
        public int getPort() {
            return tcp.getPort();
        }

        @Override
        public int getLocalPort() {
            return tcp.getLocalPort();
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return tcp.getRemoteSocketAddress();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return tcp.getLocalSocketAddress();
        }

        @Override
        public String toString() {
            return "MqttSockets.BrokerSocket[" + active + "]";
        }
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** Holds back a failure that comes right after the first read began (see the class comment). */
    static final class GraceInputStream extends FilterInputStream {
        private long firstReadNanos;

        GraceInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            markFirstRead();
            int b;
            try {
                b = super.read();
            } catch (SocketTimeoutException timeout) {
                throw timeout;
            } catch (IOException e) {
                holdBack();
                throw e;
            }
            if (b < 0) {
                holdBack();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            markFirstRead();
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (SocketTimeoutException timeout) {
                throw timeout;
            } catch (IOException e) {
                holdBack();
                throw e;
            }
            if (n < 0) {
                holdBack();
            }
            return n;
        }

        private void markFirstRead() {
            if (firstReadNanos == 0) {
                firstReadNanos = System.nanoTime();
            }
        }

        private void holdBack() {
            long leftMillis = FIRST_READ_GRACE_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstReadNanos);
            if (leftMillis > 0) {
                try {
                    Thread.sleep(leftMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

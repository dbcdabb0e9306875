package dev.demarc.cli.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * TCP and TLS servers on 127.0.0.1 for the reachability tests: each accepts connections on its own
 * thread (a TLS server does the handshake, then closes) until {@link #close}.
 */
public final class TestServers implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    private TestServers(ServerSocket server) {
        this.server = server;
        this.thread = new Thread(this::serve, "test-server-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** A plain TCP listener. */
    static TestServers tcp() throws IOException {
        return new TestServers(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** A TLS server presenting what {@code ctx}'s key manager holds; asks for a client certificate when {@code needClientAuth}. */
    static TestServers tls(SSLContext ctx, boolean needClientAuth) throws IOException {
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        s.setNeedClientAuth(needClientAuth);
        return new TestServers(s);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                if (s instanceof SSLSocket tls) {
                    try {
                        tls.startHandshake();
                        InputStream in = tls.getInputStream();
                        in.read(); // until the client closes
                    } catch (IOException handshakeFailed) {
                        // the client refused us, or we refused it: what the test measures
                    }
                }
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

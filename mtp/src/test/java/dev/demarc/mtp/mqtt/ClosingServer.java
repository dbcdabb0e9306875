package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT server that is out of service: it listens on 127.0.0.1 and closes every connection as
 * soon as it accepts it, without a CONNACK, and tells when (System.nanoTime()) each connection
 * attempt came. It takes the port of a broker that was stopped, so that the agent's attempts to
 * reach that broker can be counted and timed.
 */
final class ClosingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final BlockingQueue<Long> attempts = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    ClosingServer(int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::acceptAll, "test-closing-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                attempts.add(System.nanoTime());
            } catch (IOException closedOrFailed) {
                // closed: the loop ends; one failed accept: the next one is waited for
            }
        }
    }

    /** When the next connection attempt came; fails after {@link RecordingListener#WAIT}. */
    long nextAttempt() throws InterruptedException {
        Long at = attempts.poll(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (at == null) {
            fail("no connection attempt within " + RecordingListener.WAIT);
        }
        return at;
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(RecordingListener.WAIT.toMillis());
    }
}

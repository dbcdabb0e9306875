package dev.demarc.mtp.websocket;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A test controller that connects to the agent's WebSocket server with the JDK's own WebSocket
 * client ({@code java.net.http}), a second implementation independent of Netty.
 */
final class JdkController implements WebSocket.Listener {

    record Close(int status, String reason) {
    }

    final BlockingQueue<byte[]> records = new LinkedBlockingQueue<>();
    final BlockingQueue<Close> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pings = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    WebSocket webSocket;

    /** Connects, offering {@code subprotocols}; fails as {@link CompletionException}. */
    static JdkController connect(URI uri, SSLContext tls, String... subprotocols) {
        JdkController controller = new JdkController();
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            client.sslContext(tls);
        }
        WebSocket.Builder builder = client.build().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        controller.webSocket = builder.buildAsync(uri, controller).orTimeout(20, TimeUnit.SECONDS).join();
        return controller;
    }

    /** Connects with {@code v1.usp}. */
    static JdkController connect(URI uri) {
        return connect(uri, null, UspWebSocket.SUBPROTOCOL);
    }

    /** The HTTP status a refused handshake got. */
    static int refusedStatus(URI uri, String... subprotocols) {
        try {
            connect(uri, null, subprotocols);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the handshake was accepted");
    }

    void sendRecord(byte[] record) {
        webSocket.sendBinary(ByteBuffer.wrap(record), true).orTimeout(20, TimeUnit.SECONDS).join();
    }

    byte[] nextRecord() throws InterruptedException {
        return RecordingListener.take(records, "a record at the controller");
    }

    Close nextClose() throws InterruptedException {
        return RecordingListener.take(closes, "a Close frame at the controller");
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            records.add(partial.toByteArray());
            partial.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        pings.add(message);
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        pongs.add(message);
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closes.add(new Close(statusCode, reason));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        errors.add(error);
    }
}

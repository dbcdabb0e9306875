package dev.demarc.agent;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A controller connecting to the agent's WebSocket server with the JDK's own client
 * ({@code java.net.http}): subprotocol {@code v1.usp}, its Endpoint ID in the query as
 * {@code ?eid=} (TR-369 R-WS.9, R-WS.10b).
 */
final class WebSocketTestClient implements ControllerEnd, WebSocket.Listener {

    /** A Close frame from the agent. */
    record Close(int status, String reason) {
    }

    final BlockingQueue<byte[]> records = new LinkedBlockingQueue<>();
    final BlockingQueue<Close> closes = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private WebSocket webSocket;

    static WebSocketTestClient connect(int port, String path, String endpointId) {
        URI uri = URI.create("ws://127.0.0.1:" + port + path + "?eid="
                + URLEncoder.encode(endpointId, StandardCharsets.UTF_8));
        return connect(uri);
    }

    static WebSocketTestClient connect(URI uri) {
        return connect(uri, null);
    }

    /** Connects to {@code uri}, a {@code wss:} one with the TLS of {@code tls} (null: the JDK's default). */
    static WebSocketTestClient connect(URI uri, SSLContext tls) {
        WebSocketTestClient c = new WebSocketTestClient();
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            client.sslContext(tls);
        }
        c.webSocket = client.build()
                .newWebSocketBuilder()
                .subprotocols("v1.usp")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, c)
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
        return c;
    }

    String subprotocol() {
        return webSocket.getSubprotocol();
    }

    @Override
    public void send(byte[] record) {
        webSocket.sendBinary(ByteBuffer.wrap(record), true).orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Override
    public byte[] next() {
        return Usp.take(records, "a record from the agent over WebSocket");
    }

    Close nextClose() {
        return Usp.take(closes, "a Close frame from the agent");
    }

    @Override
    public void close() {
        if (!webSocket.isOutputClosed()) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        webSocket.abort();
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
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closes.add(new Close(statusCode, reason));
        return CompletableFuture.completedFuture(null);
    }
}

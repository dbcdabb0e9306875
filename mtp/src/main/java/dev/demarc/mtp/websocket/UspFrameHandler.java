package dev.demarc.mtp.websocket;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a USP WebSocket connection, client or server side: it turns binary messages
 * into records for its {@link Session}, closes the connection with the status the binding gives
 * for what it cannot take (1003 for a text message, 1009 for a message over the size limit),
 * answers a Close frame with a Close frame, sends a Ping every keep-alive interval once the
 * session is open, and closes a connection that has been silent for two intervals.
 *
 * <p>Every method runs on the connection's event loop; so do the {@link Session} callbacks.
 */
final class UspFrameHandler extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UspFrameHandler.class);

    /** The longest reason text a Close frame carries (its payload is at most 125 bytes). */
    private static final int MAX_CLOSE_REASON_BYTES = 120;

    /** What one connection tells its transport; called on the connection's event loop. */
    interface Session {

        /** The WebSocket handshake completed: the session is open. */
        void opened(Channel channel);

        /** One whole binary message arrived; {@code record} is a fresh copy. */
        void recordReceived(byte[] record);

        /** The connection closed (whether or not the session had opened); called once. */
        void closed(String reason);
    }

    private final Session session;
    private final Duration keepAliveInterval;
    private final int maxRecordSize;
    private final String peerName;

    private ScheduledFuture<?> pinger;
    private String closeReason;
    private boolean closeFrameSent;
    private boolean open;

    UspFrameHandler(Session session, Duration keepAliveInterval, int maxRecordSize, String peerName) {
        this.session = Objects.requireNonNull(session, "session");
        this.keepAliveInterval = Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        this.maxRecordSize = maxRecordSize;
        this.peerName = Objects.requireNonNull(peerName, "peerName");
    }

    /**
     * Writes {@code record} as one binary frame on {@code channel}, from any thread. The future
     * completes once the frame is written to the socket, or fails: no connection, send buffer full
     * (the peer does not read), write error.
     */
    static CompletableFuture<Void> sendRecord(Channel channel, byte[] record, String peerName) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!channel.isActive()) {
            done.completeExceptionally(new IOException("WebSocket session to " + peerName + " is closed"));
            return done;
        }
        if (!channel.isWritable()) {
            done.completeExceptionally(new IOException("WebSocket send buffer to " + peerName
                    + " is full: the peer is not reading"));
            return done;
        }
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.copiedBuffer(record))).addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        return done;
    }

    /**
     * Closes {@code channel} with a Close frame carrying {@code status} and {@code reason}, from any
     * thread. Nothing but a plain close happens if the channel is not a USP WebSocket session.
     */
    static void closeSession(Channel channel, WebSocketCloseStatus status, String reason) {
        closeSession(channel, status, reason, 0);
    }

    /**
     * The same, but the connection is left open for up to {@code answerWaitMillis} for the peer's
     * answering Close frame (RFC 6455 7.1.1: a client waits for the server to close).
     */
    static void closeSession(Channel channel, WebSocketCloseStatus status, String reason, long answerWaitMillis) {
        try {
            channel.eventLoop().execute(() -> {
                UspFrameHandler handler = channel.pipeline().get(UspFrameHandler.class);
                if (handler != null) {
                    ChannelHandlerContext ctx = channel.pipeline().context(handler);
                    handler.closeWith(ctx, status, reason, answerWaitMillis);
                } else {
                    channel.close();
                }
            });
        } catch (RejectedExecutionException shutDown) {
            LOG.debug("Not closing {}: its event loop has stopped", channel);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete
                || evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            sessionOpened(ctx);
        } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT
                || evt == WebSocketServerProtocolHandler.ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            noteReason("the WebSocket handshake timed out");
            ctx.close();
        } else if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            noteReason("nothing received for " + keepAliveInterval.multipliedBy(2)
                    + " (no answer to keep-alive pings)");
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void sessionOpened(ChannelHandlerContext ctx) {
        if (open) {
            return;
        }
        open = true;
        long interval = keepAliveInterval.toNanos();
        pinger = ctx.executor().scheduleAtFixedRate(() -> {
            if (ctx.channel().isActive() && !closeFrameSent) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
        }, interval, interval, TimeUnit.NANOSECONDS);
        session.opened(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (frame instanceof BinaryWebSocketFrame) {
                session.recordReceived(ByteBufUtil.getBytes(frame.content()));
            } else if (frame instanceof TextWebSocketFrame) {
                closeWith(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                        "USP Records travel in binary messages, not text (R-WS.14)");
            } else if (frame instanceof CloseWebSocketFrame close) {
                peerClosed(ctx, close);
            } else if (frame instanceof PongWebSocketFrame) {
                LOG.trace("Pong from {}", peerName);
            }
            // Pings are answered by Netty's protocol handler; continuations are aggregated before.
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    /** The peer sent Close: answer with Close (echoing its status) unless we already sent one. */
    private void peerClosed(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        int status = close.statusCode();
        noteReason("closed by the peer" + (status < 0 ? "" : " with " + status)
                + (close.reasonText().isEmpty() ? "" : " (" + close.reasonText() + ")"));
        if (closeFrameSent) {
            ctx.close();
            return;
        }
        CloseWebSocketFrame answer = status < 0
                ? new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER)
                : new CloseWebSocketFrame(status, "");
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    /** Sends a Close frame with {@code status} and closes the connection. */
    void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        closeWith(ctx, status, reason, 0);
    }

    /**
     * Sends a Close frame with {@code status}, then closes the connection at once
     * ({@code answerWaitMillis} 0) or when the peer answers, at most after {@code answerWaitMillis}.
     */
    void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason, long answerWaitMillis) {
        noteReason(reason + " (closed with " + status.code() + ")");
        if (closeFrameSent || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        ChannelFuture sent = ctx.writeAndFlush(new CloseWebSocketFrame(status, truncate(reason)));
        if (answerWaitMillis <= 0) {
            sent.addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.executor().schedule(() -> {
                ctx.close();
            }, answerWaitMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame) {
            closeFrameSent = true;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A fragmented message grew past the limit (WebSocketFrameAggregator).
            closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "USP Record larger than " + maxRecordSize + " bytes");
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException bad) {
            // The frame decoder is configured not to close by itself: the Close frame goes out here.
            if (WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(bad.closeStatus())) {
                closeWith(ctx, bad.closeStatus(), "USP Record larger than " + maxRecordSize + " bytes");
            } else {
                closeWith(ctx, bad.closeStatus(), "WebSocket protocol violation: " + brief(bad.getMessage()));
            }
            return;
        }
        if (cause instanceof WebSocketHandshakeException) {
            noteReason("WebSocket handshake failed: " + brief(cause.getMessage()));
        } else if (tlsFailure(cause) != null) {
            noteReason(tlsFailure(cause));
        } else if (cause instanceof IOException) {
            noteReason("connection error: " + brief(cause.getMessage()));
        } else {
            LOG.warn("Unexpected error on the WebSocket connection with {}", peerName, cause);
            noteReason("internal error: " + cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pinger != null) {
            pinger.cancel(false);
        }
        session.closed(closeReason != null ? closeReason : "connection closed without a Close frame");
        ctx.fireChannelInactive();
    }

    /** A short account of a TLS failure, or null when {@code cause} is none. */
    static String tlsFailure(Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof NotSslRecordException) {
            return "TLS failed: the peer does not speak TLS";
        }
        if (c instanceof SSLException) {
            return "TLS failed: " + brief(c.getMessage());
        }
        return null;
    }

    /** {@code message}, cut to a length fit for one log line. */
    static String brief(String message) {
        String m = String.valueOf(message);
        return m.length() <= 200 ? m : m.substring(0, 200) + "...";
    }

    private void noteReason(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        String cut = reason;
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}

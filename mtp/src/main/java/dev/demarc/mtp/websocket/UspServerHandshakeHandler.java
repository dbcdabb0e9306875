package dev.demarc.mtp.websocket;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a controller's opening handshake before Netty answers it, and refuses with an HTTP error
 * what the binding does not allow: a request for another path (404), not a WebSocket upgrade
 * (426), a Sec-WebSocket-Protocol that does not offer {@code v1.usp} (400, R-WS.12a), a malformed
 * {@code eid} (400), or a second session for an Endpoint ID that already has one (409, R-WS.4).
 * An accepted request goes on to Netty's handshake with a {@link UspFrameHandler} in place; then
 * this handler leaves the pipeline. A connection that sends no acceptable request within the
 * handshake timeout is closed.
 *
 * <p>Runs on the connection's event loop.
 */
final class UspServerHandshakeHandler extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UspServerHandshakeHandler.class);

    /** Accepts a checked request: registers the session, or says why not. */
    interface Registry {
        /**
         * A session for {@code accept} on {@code ctx}'s channel, or empty when one with the same
         * key is already open.
         */
        Optional<UspFrameHandler.Session> register(Accept accept, ChannelHandlerContext ctx);

        UspFrameHandler newFrameHandler(UspFrameHandler.Session session, String peerName);
    }

    /** The outcome of checking a handshake request. */
    sealed interface Decision {
    }

    /**
     * The request may open a session.
     *
     * @param key               the connection key: the Endpoint ID, or the remote address when
     *                          the controller named none
     * @param endpointId        the controller's Endpoint ID; empty when it named none
     * @param extensionOffered  whether it offered the {@code bbf-usp-protocol} extension
     */
    record Accept(String key, String endpointId, boolean extensionOffered) implements Decision {
        Accept {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(endpointId, "endpointId");
        }
    }

    /** The request is refused with {@code status}; {@code reason} goes in the body and the log. */
    record Refuse(HttpResponseStatus status, String reason) implements Decision {
        Refuse {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Registry registry;
    private final String path;
    private final long handshakeTimeoutNanos;
    private final String agentEndpointId;
    private ScheduledFuture<?> timeout;
    private boolean answerExtension;

    UspServerHandshakeHandler(Registry registry, String path, long handshakeTimeoutNanos, String agentEndpointId) {
        this.registry = registry;
        this.path = path;
        this.handshakeTimeoutNanos = handshakeTimeoutNanos;
        this.agentEndpointId = agentEndpointId;
    }

    /** Checks {@code req} (from {@code remote}) against the binding's rules; no side effects. */
    static Decision decide(HttpRequest req, String path, SocketAddress remote) {
        if (!req.decoderResult().isSuccess()) {
            return new Refuse(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        }
        if (!HttpMethod.GET.equals(req.method())) {
            return new Refuse(HttpResponseStatus.METHOD_NOT_ALLOWED, "a WebSocket session opens with GET");
        }
        String uri = req.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        if (!rawPath.equals(path)) {
            return new Refuse(HttpResponseStatus.NOT_FOUND, "no USP endpoint at this path");
        }
        if (!req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return new Refuse(HttpResponseStatus.UPGRADE_REQUIRED, "a WebSocket upgrade is required");
        }
        if (!"13".equals(req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return new Refuse(HttpResponseStatus.UPGRADE_REQUIRED, "Sec-WebSocket-Version must be 13");
        }
        if (!req.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
            return new Refuse(HttpResponseStatus.BAD_REQUEST, "Sec-WebSocket-Key is missing");
        }
        if (!offersUspSubprotocol(req)) {
            return new Refuse(HttpResponseStatus.BAD_REQUEST,
                    "Sec-WebSocket-Protocol must offer " + UspWebSocket.SUBPROTOCOL + " (TR-369 R-WS.12a)");
        }
        String extensions = String.join(",", req.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS));
        boolean extensionOffered = EndpointIdQuery.offersExtension(extensions);
        EndpointIdQuery.Found found = EndpointIdQuery.find(rawQuery);
        if (found instanceof EndpointIdQuery.Absent) {
            found = EndpointIdQuery.fromExtensions(extensions);
        }
        if (found instanceof EndpointIdQuery.Malformed malformed) {
            return new Refuse(HttpResponseStatus.BAD_REQUEST, malformed.reason() + " (TR-369 R-WS.10b)");
        }
        if (found instanceof EndpointIdQuery.Present present) {
            return new Accept(present.endpointId(), present.endpointId(), extensionOffered);
        }
        return new Accept(String.valueOf(remote), "", extensionOffered);
    }

    private static boolean offersUspSubprotocol(HttpRequest req) {
        for (String header : req.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String offered : header.split(",")) {
                if (offered.trim().equals(UspWebSocket.SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timeout = ctx.executor().schedule(() -> {
            LOG.info("WebSocket connection from {} closed: no handshake within {} ms", ctx.channel().remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(handshakeTimeoutNanos));
            ctx.close();
        }, handshakeTimeoutNanos, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        SocketAddress remote = ctx.channel().remoteAddress();
        Decision decision = decide(req, path, remote);
        if (decision instanceof Accept accept) {
            Optional<UspFrameHandler.Session> session = registry.register(accept, ctx);
            if (session.isEmpty()) {
                decision = new Refuse(HttpResponseStatus.CONFLICT,
                        "a WebSocket session with this Endpoint ID is already open (TR-369 R-WS.4)");
            } else {
                cancelTimeout();
                answerExtension = accept.extensionOffered() && !agentEndpointId.isEmpty();
                ctx.pipeline().addLast("usp-frames", registry.newFrameHandler(session.get(),
                        accept.endpointId().isEmpty() ? String.valueOf(remote) : accept.endpointId()));
                // Netty's handshake runs now and writes its 101 response through this handler.
                ctx.fireChannelRead(req);
                ctx.pipeline().remove(this);
                return;
            }
        }
        Refuse refuse = (Refuse) decision;
        req.release();
        LOG.info("WebSocket handshake from {} refused: {} {}", remote, refuse.status().code(), refuse.reason());
        refuse(ctx, refuse);
    }

    private void refuse(ChannelHandlerContext ctx, Refuse refuse) {
        cancelTimeout();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refuse.status(),
                Unpooled.copiedBuffer(refuse.reason() + "\n", StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (refuse.status().equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
            response.headers()
                    .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                    .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Adds the {@code bbf-usp-protocol} extension with the agent's Endpoint ID to the 101 answer. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (answerExtension && msg instanceof HttpResponse response
                && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS,
                    UspWebSocket.EXTENSION + "; " + UspWebSocket.EID_QUERY_KEY + "=\"" + agentEndpointId + "\"");
        }
        ctx.write(msg, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String tls = UspFrameHandler.tlsFailure(cause);
        LOG.info("WebSocket connection from {} failed before its handshake: {}", ctx.channel().remoteAddress(),
                tls != null ? tls : UspFrameHandler.brief(cause.getMessage()));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}

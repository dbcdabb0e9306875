package dev.demarc.mtp.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A test controller that accepts the agent's WebSocket client, written with Netty's own server
 * handlers (not the agent's code). It can refuse handshakes, answer without {@code v1.usp}, go
 * away and come back on the same port.
 */
final class NettyController implements AutoCloseable {

    /** A handshake request, and when it came (System.nanoTime()). */
    record Handshake(String uri, HttpHeaders headers, boolean clientCertificate, long receivedNanos) {
    }

    record Close(int status, String reason) {
    }

    final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> records = new LinkedBlockingQueue<>();
    final BlockingQueue<Close> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> pings = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

    private static final java.util.Random RANDOM = new java.util.Random();

    private final String path;
    private final String answeredSubprotocol;
    private final SslContext tls;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("test-controller", true));
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Channel listening;
    private final Object sessionLock = new Object();
    private volatile Channel session;
    private volatile boolean refuse;
    private int port;

    /**
     * @param answeredSubprotocol the subprotocol the server supports ({@code null}: none)
     * @param tls                 server TLS, or {@code null}
     */
    NettyController(String path, String answeredSubprotocol, SslContext tls) {
        this.path = path;
        this.answeredSubprotocol = answeredSubprotocol;
        this.tls = tls;
    }

    NettyController() {
        this("/controller", UspWebSocket.SUBPROTOCOL, null);
    }

    /** Listens on a free port, or, after {@link #stop}, on the same port again. */
    NettyController start() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new Recorder(),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath(path)
                                        .checkStartsWith(true)
                                        .subprotocols(answeredSubprotocol)
                                        .handleCloseFrames(false)
                                        .dropPongFrames(false)
                                        .sendCloseFrame(null) // stop() drops connections like a crash
                                        .build()),
                                new WebSocketFrameAggregator(1 << 20),
                                new Frames());
                    }
                });
        // The port stays below Linux's ephemeral range (32768 up): the agent retrying a port in
        // that range while nothing listens there can be given it as its own local port (a TCP
        // self-connect), and the controller could then not come back on it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RecordingListener.WAIT_SECONDS);
        while (true) {
            int tryPort = port != 0 ? port : 20000 + RANDOM.nextInt(12000);
            ChannelFuture bound = bootstrap.bind("127.0.0.1", tryPort).awaitUninterruptibly();
            if (bound.isSuccess()) {
                listening = bound.channel();
                port = tryPort;
                return this;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot listen on port " + tryPort, bound.cause());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(port != 0 ? 50 : 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    int port() {
        return port;
    }

    /** Answers every handshake from now on with 503 (or, with false, accepts again). */
    void refuseHandshakes(boolean refuse) {
        this.refuse = refuse;
    }

    /** Drops every connection without a Close frame (the TCP connections end) and goes on listening. */
    void dropConnections() {
        children.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        session = null;
    }

    /** Stops listening and drops every connection without a Close frame, as a crash would. */
    void stop() {
        listening.close().syncUninterruptibly();
        children.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        session = null;
    }

    void send(byte[] record) {
        session().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record))).syncUninterruptibly();
    }

    void sendText(String text) {
        session().writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    void sendPing(byte[] payload) {
        session().writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload))).syncUninterruptibly();
    }

    void sendClose(int status, String reason) {
        session().writeAndFlush(new CloseWebSocketFrame(status, reason)).syncUninterruptibly();
    }

    /** The open session, waiting for its handshake to complete on this side if need be. */
    Channel session() {
        synchronized (sessionLock) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RecordingListener.WAIT_SECONDS);
            while (session == null || !session.isActive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no session");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(sessionLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return session;
        }
    }

    Handshake nextHandshake() throws InterruptedException {
        return RecordingListener.take(handshakes, "a handshake at the controller");
    }

    byte[] nextRecord() throws InterruptedException {
        return RecordingListener.take(records, "a record at the controller");
    }

    Close nextClose() throws InterruptedException {
        return RecordingListener.take(closes, "a Close frame at the controller");
    }

    @Override
    public void close() {
        if (listening != null) {
            listening.close().syncUninterruptibly();
        }
        children.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Before Netty's handshake: notes the request (or refuses it); after: notes Pings. */
    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest req) {
                boolean clientCert = false;
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                if (ssl != null) {
                    try {
                        clientCert = ssl.engine().getSession().getPeerCertificates().length > 0;
                    } catch (SSLPeerUnverifiedException none) {
                        clientCert = false;
                    }
                }
                handshakes.add(new Handshake(req.uri(), req.headers().copy(), clientCert, System.nanoTime()));
                if (refuse) {
                    ReferenceCountUtil.release(req);
                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.SERVICE_UNAVAILABLE)).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            } else if (msg instanceof PingWebSocketFrame ping) {
                pings.add(ByteBufUtil.getBytes(ping.content()));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** After Netty's handshake: the session's frames. */
    private final class Frames extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                synchronized (sessionLock) {
                    session = ctx.channel();
                    sessionLock.notifyAll();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof BinaryWebSocketFrame frame) {
                    records.add(ByteBufUtil.getBytes(frame.content()));
                } else if (msg instanceof PongWebSocketFrame pong) {
                    pongs.add(ByteBufUtil.getBytes(pong.content()));
                } else if (msg instanceof CloseWebSocketFrame close) {
                    closes.add(new Close(close.statusCode(), close.reasonText()));
                    CloseWebSocketFrame answer = close.statusCode() < 0 ? new CloseWebSocketFrame()
                            : new CloseWebSocketFrame(close.statusCode(), "");
                    ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // TLS refusals and the like: the tests look at the agent's side
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (session == ctx.channel()) {
                session = null;
            }
            ctx.fireChannelInactive();
        }
    }
}

package dev.demarc.agent;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A controller that the agent's WebSocket client connects to, built on Netty's stock WebSocket
 * server handlers (not the agent's): it listens on 127.0.0.1, accepts {@code v1.usp} on its
 * path, and collects what the agent sends. Optionally over TLS, requiring a client certificate.
 */
final class WebSocketTestServer implements ControllerEnd {

    /** The request URI of each accepted handshake ({@code /path?eid=...}). */
    final BlockingQueue<String> handshakes = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> records = new LinkedBlockingQueue<>();
    /** One item each time a session ends. */
    final BlockingQueue<String> ends = new LinkedBlockingQueue<>();
    /** Over TLS: the subject of the client certificate of each accepted handshake. */
    final BlockingQueue<String> clientCertificates = new LinkedBlockingQueue<>();
    /** Over TLS: the protocol (TLSv1.3...) of each accepted handshake's connection. */
    final BlockingQueue<String> tlsProtocols = new LinkedBlockingQueue<>();
    /** The headers of each handshake's answer (101 Switching Protocols) as sent. */
    final BlockingQueue<HttpHeaders> answers = new LinkedBlockingQueue<>();
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("test-ws-controller", true));
    private final Channel listening;
    private volatile Channel session;

    WebSocketTestServer(String path) throws InterruptedException {
        this(path, null);
    }

    /**
     * Over TLS when {@code tls} is not null: with its certificate, requiring a client certificate
     * {@code trust} accepts.
     */
    WebSocketTestServer(String path, KeyManagerFactory tls, TrustManagerFactory trust) throws Exception {
        this(path, SslContextBuilder.forServer(tls).trustManager(trust).clientAuth(ClientAuth.REQUIRE).build());
    }

    private WebSocketTestServer(String path, SslContext ssl) throws InterruptedException {
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true)
                .subprotocols("v1.usp")
                .build();
        listening = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new AnswerRecorder(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler(ws), new WebSocketFrameAggregator(16 << 20),
                                new Session());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    @Override
    public void send(byte[] record) throws InterruptedException {
        Channel s = session;
        if (s == null) {
            throw new IllegalStateException("no session with the agent");
        }
        s.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record))).sync();
    }

    @Override
    public byte[] next() {
        return Usp.take(records, "a record from the agent's WebSocket client");
    }

    @Override
    public void close() {
        listening.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Sees the handshake's answer on its way out. */
    private final class AnswerRecorder extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse answer && answer.status().code() == 101) {
                answers.add(answer.headers().copy());
            }
            super.write(ctx, msg, promise);
        }
    }

    private final class Session extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
                session = ctx.channel();
                SslHandler tls = ctx.pipeline().get(SslHandler.class);
                if (tls != null) {
                    X509Certificate peer = (X509Certificate) tls.engine().getSession().getPeerCertificates()[0];
                    clientCertificates.add(peer.getSubjectX500Principal().getName());
                    tlsProtocols.add(tls.engine().getSession().getProtocol());
                }
                handshakes.add(done.requestUri());
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
            records.add(ByteBufUtil.getBytes(frame.content()));
        }

        /** A failed TLS handshake (the tests make some on purpose) ends the connection quietly. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (session == ctx.channel()) {
                session = null;
                ends.add("ended");
            }
            super.channelInactive(ctx);
        }
    }
}

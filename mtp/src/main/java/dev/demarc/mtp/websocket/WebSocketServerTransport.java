package dev.demarc.mtp.websocket;

import dev.demarc.core.mtp.MessageTransport;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import dev.demarc.core.usp.CertifiedEndpointIds;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's WebSocket server ({@code Device.LocalAgent.MTP.{i}.WebSocket.}): controllers connect
 * to it and exchange USP Records (TR-369 R-WS.6).
 *
 * <p>A controller opens a session with a GET on the configured path offering the subprotocol
 * {@code v1.usp}, and names its Endpoint ID in the query as {@code eid=...} (or, as older
 * controllers did, in a {@code bbf-usp-protocol} extension). Each session is one
 * {@link MtpAddress}: protocol {@code "WebSocket"}, address the controller's Endpoint ID, and
 * endpointId the same. A controller that names no Endpoint ID is still let in (the binding makes
 * it a client's duty, and says nothing of refusing): its address is then its remote socket address
 * ({@code "/127.0.0.1:50312"}, which no Endpoint ID can look like) and its endpointId is empty, so
 * the agent has only the records' {@code from_id} to go by. At most one session per Endpoint ID is
 * open (R-WS.4): a second handshake for an Endpoint ID with an open session is refused with HTTP
 * 409 and the first session stays.
 *
 * <p>Over TLS every controller presents a certificate (R-MTP.1), and a record is passed on only
 * when its {@code from_id} is an Endpoint ID that certificate names ({@link CertifiedEndpointIds},
 * R-SEC.0a); a record that names another is dropped here and logged. Bytes that are not a record
 * are passed on, for the agent to answer as TR-369 says.
 *
 * <p>Threads: one Netty event loop thread, owned by this transport, started by {@link #start} and
 * stopped by {@link #close}. Every {@link TransportListener} call comes on it. {@link #send} and the
 * other methods may be called from any thread; {@link #close} should not be called from the
 * listener (it then cannot wait for the thread to end).
 */
public final class WebSocketServerTransport implements MessageTransport {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServerTransport.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final WebSocketServerConfig config;
    private final Optional<SslContext> sslContext;
    private final ConcurrentMap<String, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();

    private EventLoopGroup group;
    private ChannelGroup channels;
    private List<Channel> serverChannels = List.of();
    private volatile TransportListener listener;
    private volatile int boundPort = -1;
    private volatile boolean closed;

    /**
     * A transport for {@code config}; nothing happens until {@link #start}.
     *
     * @throws IllegalArgumentException when the TLS material cannot be used
     */
    public WebSocketServerTransport(WebSocketServerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.sslContext = config.tls().map(WebSocketServerTransport::sslContext);
    }

    private static SslContext sslContext(WebSocketServerTls tls) {
        try {
            return SslContextBuilder.forServer(tls.keyManagers())
                    .trustManager(tls.clientTrust().orElse(null))
                    .clientAuth(tls.requireClientCertificate() ? ClientAuth.REQUIRE : ClientAuth.NONE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("WebSocket server TLS configuration unusable: " + e.getMessage(), e);
        }
    }

    public WebSocketServerConfig config() {
        return config;
    }

    @Override
    public String protocol() {
        return UspWebSocket.PROTOCOL;
    }

    /**
     * Binds the listening sockets, one per address of the configuration, all on one port (before
     * returning) and starts accepting controllers. An address that cannot be bound (no longer the
     * device's, not yet usable) is logged and left out, as long as another one can be.
     *
     * @throws UncheckedIOException  when no address can be bound (port in use, no such address)
     * @throws IllegalStateException when already started, or closed
     */
    @Override
    public void start(TransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (group != null) {
                throw new IllegalStateException("already started");
            }
            this.listener = listener;
            group = new NioEventLoopGroup(1,
                    new DefaultThreadFactory("demarc-ws-server-" + INSTANCES.incrementAndGet(), true));
            channels = new DefaultChannelGroup("websocket-server", group.next());
            int high = (int) Math.min(Integer.MAX_VALUE, 2L * config.maxRecordSize());
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(config.maxRecordSize(), high))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            initConnection(ch);
                        }
                    });
            List<Channel> listening = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            Throwable firstFailure = null;
            int port = config.port();
            for (String address : config.bindAddresses()) {
                ChannelFuture bound = bootstrap.bind(address, port).awaitUninterruptibly();
                if (bound.isSuccess()) {
                    listening.add(bound.channel());
                    port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
                } else {
                    refused.add(where(address, port) + " (" + bound.cause().getMessage() + ")");
                    firstFailure = firstFailure == null ? bound.cause() : firstFailure;
                }
            }
            if (listening.isEmpty()) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS,
                        TimeUnit.SECONDS);
                group = null;
                throw new UncheckedIOException("cannot listen for WebSocket on " + String.join(", ", refused),
                        firstFailure instanceof IOException io ? io : new IOException(firstFailure));
            }
            serverChannels = List.copyOf(listening);
            boundPort = port;
            for (Channel ch : serverChannels) {
                InetSocketAddress local = (InetSocketAddress) ch.localAddress();
                LOG.info("WebSocket MTP listening on {}://{}{}", sslContext.isPresent() ? "wss" : "ws",
                        where(local.getAddress().getHostAddress(), boundPort), config.path());
            }
            if (!refused.isEmpty()) {
                LOG.warn("WebSocket MTP on port {} cannot listen on {}; it listens on the other addresses", boundPort,
                        String.join(", ", refused));
            }
        }
    }

    private static String where(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    /** The port listened on, once started (useful with port 0); -1 before. */
    public int port() {
        return boundPort;
    }

    /** The open sessions, one per controller connection. */
    public List<MtpAddress> sessions() {
        List<MtpAddress> open = new ArrayList<>();
        for (ServerSession s : sessions.values()) {
            if (s.open) {
                open.add(s.address);
            }
        }
        return List.copyOf(open);
    }

    /**
     * Writes {@code record} as one binary message on the session for {@code to.address()}. Fails
     * with {@link IOException} when there is no such session, or it closed, or its send buffer is
     * full (the controller does not read); with {@link IllegalArgumentException} when the record
     * is larger than {@link WebSocketServerConfig#maxRecordSize()}.
     */
    @Override
    public CompletableFuture<Void> send(MtpAddress to, byte[] record) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(record, "record");
        if (record.length > config.maxRecordSize()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("USP Record of " + record.length
                    + " bytes is larger than the WebSocket maximum of " + config.maxRecordSize()));
        }
        ServerSession session = sessions.get(to.address());
        if (session == null || !session.open) {
            return CompletableFuture.failedFuture(new IOException("no WebSocket session with " + to.address()));
        }
        return UspFrameHandler.sendRecord(session.channel, record, to.address());
    }

    /**
     * Closes the session with {@code peer} with status 1003, as TR-369 R-WS.16 requires when a
     * received record "cannot be extracted for processing". Nothing happens if there is no session.
     */
    public void closeForUnprocessableRecord(MtpAddress peer, String reason) {
        Objects.requireNonNull(reason, "reason");
        ServerSession session = sessions.get(peer.address());
        if (session != null) {
            UspFrameHandler.closeSession(session.channel, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, reason);
        }
    }

    /**
     * Stops listening, closes every session with status 1001 ("going away"), and stops the thread.
     * Returns once the thread has ended (or after a few seconds if a connection will not close).
     */
    @Override
    public void close() {
        EventLoopGroup g;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            g = group;
        }
        if (g == null) {
            return;
        }
        boolean onOwnThread = g.next().inEventLoop();
        for (Channel listening : serverChannels) {
            listening.close();
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel ch : channels) {
            closing.add(ch.closeFuture());
            UspFrameHandler.closeSession(ch, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "agent shutting down");
        }
        if (!onOwnThread) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
            for (ChannelFuture f : closing) {
                f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        var terminated = g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (!onOwnThread) {
            terminated.awaitUninterruptibly(CLOSE_WAIT_SECONDS * 2, TimeUnit.SECONDS);
        }
        LOG.info("WebSocket MTP on port {} closed", boundPort);
    }

    private void initConnection(SocketChannel ch) {
        if (closed) {
            ch.close();
            return;
        }
        if (channels.size() >= config.maxConnections()) {
            LOG.warn("WebSocket connection from {} refused: already {} connections open", ch.remoteAddress(),
                    channels.size());
            ch.close();
            return;
        }
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        sslContext.ifPresent(ssl -> {
            SslHandler tls = ssl.newHandler(ch.alloc());
            tls.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
            p.addLast("tls", tls);
        });
        p.addLast("idle", new IdleStateHandler(config.keepAliveInterval().toNanos() * 2, 0, 0, TimeUnit.NANOSECONDS));
        p.addLast("http", new HttpServerCodec(UspWebSocket.MAX_INITIAL_LINE_LENGTH, UspWebSocket.MAX_HEADER_SIZE,
                UspWebSocket.MAX_HANDSHAKE_CONTENT));
        p.addLast("http-aggregator", new HttpObjectAggregator(UspWebSocket.MAX_HANDSHAKE_CONTENT));
        p.addLast("usp-handshake", new UspServerHandshakeHandler(registry, config.path(),
                config.handshakeTimeout().toNanos(), config.agentEndpointId()));
        p.addLast("websocket", new WebSocketServerProtocolHandler(protocolConfig()));
        p.addLast("ws-aggregator", new WebSocketFrameAggregator(config.maxRecordSize()));
        // "usp-frames" (UspFrameHandler) is added by usp-handshake once the request is accepted.
    }

    private WebSocketServerProtocolConfig protocolConfig() {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.path())
                .checkStartsWith(true) // the query follows the path; usp-handshake checked the path exactly
                .subprotocols(UspWebSocket.SUBPROTOCOL)
                .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                .handleCloseFrames(false) // UspFrameHandler answers them and notes the reason
                .dropPongFrames(false)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxRecordSize())
                        .expectMaskedFrames(true)
                        .allowExtensions(false)
                        .closeOnProtocolViolation(false) // UspFrameHandler sends the Close frame
                        .withUTF8Validator(false) // any text message is refused with 1003 anyway
                        .build())
                .build();
    }

    private final UspServerHandshakeHandler.Registry registry = new UspServerHandshakeHandler.Registry() {
        @Override
        public Optional<UspFrameHandler.Session> register(UspServerHandshakeHandler.Accept accept,
                ChannelHandlerContext ctx) {
            MtpAddress address = new MtpAddress(UspWebSocket.PROTOCOL, accept.key(), accept.endpointId());
            ServerSession session = new ServerSession(address, ctx.channel(), PeerCertificates.of(ctx.channel()));
            if (sessions.putIfAbsent(accept.key(), session) != null) {
                return Optional.empty();
            }
            return Optional.of(session);
        }

        @Override
        public UspFrameHandler newFrameHandler(UspFrameHandler.Session session, String peerName) {
            return new UspFrameHandler(session, config.keepAliveInterval(), config.maxRecordSize(), peerName);
        }
    };

    /** One controller's connection, from the accepted handshake request until it closes. */
    private final class ServerSession implements UspFrameHandler.Session {
        final MtpAddress address;
        final Channel channel;
        /** Present over TLS: the records whose from_id it does not vouch for are dropped. */
        final Optional<CertifiedEndpointIds> certified;
        volatile boolean open;

        ServerSession(MtpAddress address, Channel channel, Optional<CertifiedEndpointIds> certified) {
            this.address = address;
            this.channel = channel;
            this.certified = certified;
        }

        @Override
        public void opened(Channel ch) {
            open = true;
            LOG.info("WebSocket session opened by {} from {}", address.address(), ch.remoteAddress());
            try {
                listener.connected(address);
            } catch (RuntimeException e) {
                LOG.error("Transport listener failed in connected({})", address, e);
            }
        }

        @Override
        public void recordReceived(byte[] record) {
            if (!PeerCertificates.admits(certified, record, address.address())) {
                return;
            }
            try {
                listener.recordReceived(record, address);
            } catch (RuntimeException e) {
                LOG.error("Transport listener failed on a record from {}", address, e);
            }
        }

        @Override
        public void closed(String reason) {
            sessions.remove(address.address(), this);
            if (!open) {
                return;
            }
            open = false;
            LOG.info("WebSocket session with {} closed: {}", address.address(), reason);
            try {
                listener.disconnected(address, reason);
            } catch (RuntimeException e) {
                LOG.error("Transport listener failed in disconnected({})", address, e);
            }
        }
    }
}

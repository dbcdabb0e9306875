package dev.demarc.mtp.websocket;

import dev.demarc.core.mtp.MessageTransport;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import dev.demarc.core.usp.CertifiedEndpointIds;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's WebSocket client for one controller
 * ({@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.}): it opens a session to the
 * controller's Host, Port and Path (TR-369 R-WS.5) and keeps it open until closed.
 *
 * <p>The handshake offers the subprotocol {@code v1.usp} and names the agent's Endpoint ID in the
 * query ({@code ?eid=...}, R-WS.10b); a server that does not answer with {@code v1.usp} is not a
 * session (R-WS.12). The session is one {@link MtpAddress}: protocol {@code "WebSocket"}, address
 * {@link WebSocketClientConfig#peerAddress()} ({@code ws://host:port/path}), endpointId the
 * configured controller Endpoint ID.
 *
 * <p>When a connection attempt fails or an open session closes, the next attempt waits as R-WS.19
 * says: retry {@code n} waits a random time between {@code m·(k/1000)^(n-1)} and
 * {@code m·(k/1000)^n} (see {@link SessionRetryPolicy}); the count is back to zero once a session is
 * open (R-WS.20) and starts at zero with every new transport (R-WS.21). The first attempt is made
 * at once by {@link #start}.
 *
 * <p>Over TLS, when the controller's server certificate names a USP Endpoint ID ({@code
 * urn:bbf:usp:id:...}), a record is passed on only when its {@code from_id} is one the certificate
 * vouches for (R-SEC.0a, {@link PeerCertificates}); a certificate with host names only
 * authenticates the host (checked by TLS) and holds records to nothing more.
 *
 * <p>Threads: one Netty event loop thread, owned by this transport, started by {@link #start} and
 * stopped by {@link #close}. Every {@link TransportListener} call comes on it; so do all state
 * changes. {@link #send} and the other methods may be called from any thread; {@link #close}
 * should not be called from the listener (it then cannot wait for the thread to end).
 */
public final class WebSocketClientTransport implements MessageTransport {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketClientTransport.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long CLOSE_WAIT_SECONDS = 5;
    /** How long {@link #close} waits for the controller's answering Close frame. */
    private static final long CLOSE_ANSWER_WAIT_MILLIS = 2000;

    private final WebSocketClientConfig config;
    private final MtpAddress peer;
    private final Optional<SslContext> sslContext;
    private final Object lifecycle = new Object();

    private EventLoopGroup group;
    private volatile EventLoop loop;
    private volatile TransportListener listener;
    private volatile boolean closed;

    // Owned by the event loop; volatile where other threads read them.
    private volatile Channel attempt; // connecting, handshaking or open
    private volatile Channel session; // open
    private volatile int retryCount;
    private ScheduledFuture<?> retryTimer;
    private boolean reconnectAtOnce;
    private final SplittableRandom random = new SplittableRandom();

    /**
     * A transport for {@code config}; nothing happens until {@link #start}.
     *
     * @throws IllegalArgumentException when the TLS material cannot be used
     */
    public WebSocketClientTransport(WebSocketClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.peer = new MtpAddress(UspWebSocket.PROTOCOL, config.peerAddress(), config.controllerEndpointId());
        this.sslContext = config.tls().map(WebSocketClientTransport::sslContext);
    }

    private static SslContext sslContext(WebSocketClientTls tls) {
        try {
            return SslContextBuilder.forClient()
                    .trustManager(tls.trust().orElse(null))
                    .keyManager(tls.clientCertificate().orElse(null))
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("WebSocket client TLS configuration unusable: " + e.getMessage(), e);
        }
    }

    public WebSocketClientConfig config() {
        return config;
    }

    /** The controller this transport reaches. */
    public MtpAddress peer() {
        return peer;
    }

    @Override
    public String protocol() {
        return UspWebSocket.PROTOCOL;
    }

    /**
     * Starts the first connection attempt and returns; the outcome goes to {@code listener}
     * ({@code connected}) or to the log and the retry timer.
     *
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
                    new DefaultThreadFactory("demarc-ws-client-" + INSTANCES.incrementAndGet(), true));
            loop = group.next();
            loop.execute(this::connect);
        }
    }

    /** Whether a session is open now. */
    public boolean isConnected() {
        Channel s = session;
        return s != null && s.isActive();
    }

    /**
     * TR-181 {@code CurrentRetryCount}: how many attempts have failed since the last open session;
     * zero while a session is open or the first attempt is under way.
     */
    public int currentRetryCount() {
        return retryCount;
    }

    /**
     * TR-181 {@code Reset()}: closes the session (or the attempt, or the wait before the next one)
     * and connects again at once, with the retry count back to zero.
     */
    public void reset() {
        EventLoop l = loop;
        if (l == null || closed) {
            return;
        }
        execute(l, () -> {
            if (closed) {
                return;
            }
            retryCount = 0;
            Channel a = attempt;
            if (a != null) {
                reconnectAtOnce = true;
                if (a == session) {
                    UspFrameHandler.closeSession(a, WebSocketCloseStatus.NORMAL_CLOSURE, "session reset");
                } else {
                    a.close();
                }
            } else {
                cancelRetry();
                connect();
            }
        });
    }

    /**
     * Writes {@code record} as one binary message to the controller. Fails with
     * {@link IOException} when {@code to} is not this transport's {@link #peer()}, no session is
     * open, or the send buffer is full (the controller does not read); with
     * {@link IllegalArgumentException} when the record is larger than
     * {@link WebSocketClientConfig#maxRecordSize()}.
     */
    @Override
    public CompletableFuture<Void> send(MtpAddress to, byte[] record) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(record, "record");
        if (!to.address().equals(peer.address())) {
            return CompletableFuture.failedFuture(new IOException("this WebSocket transport reaches "
                    + peer.address() + ", not " + to.address()));
        }
        if (record.length > config.maxRecordSize()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("USP Record of " + record.length
                    + " bytes is larger than the WebSocket maximum of " + config.maxRecordSize()));
        }
        Channel s = session;
        if (s == null) {
            return CompletableFuture.failedFuture(new IOException("no WebSocket session with " + peer.address()));
        }
        return UspFrameHandler.sendRecord(s, record, peer.address());
    }

    /**
     * Closes the session with status 1003, as TR-369 R-WS.16 requires when a received record
     * "cannot be extracted for processing"; the next attempt follows the retry algorithm.
     */
    public void closeForUnprocessableRecord(String reason) {
        Objects.requireNonNull(reason, "reason");
        Channel s = session;
        if (s != null) {
            UspFrameHandler.closeSession(s, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, reason);
        }
    }

    /**
     * Closes the session with status 1001 ("going away"), waiting briefly for the controller's
     * answering Close frame, stops retrying and stops the thread. Returns once the thread has ended
     * (or after a few seconds if the connection will not close).
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
        boolean onOwnThread = loop.inEventLoop();
        CompletableFuture<Channel> closing = new CompletableFuture<>();
        loop.execute(() -> {
            cancelRetry();
            Channel a = attempt;
            if (a != null && a == session) {
                UspFrameHandler.closeSession(a, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "agent shutting down",
                        CLOSE_ANSWER_WAIT_MILLIS);
            } else if (a != null) {
                a.close();
            }
            closing.complete(a);
        });
        if (!onOwnThread) {
            Channel a = closing.completeOnTimeout(null, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).join();
            if (a != null) {
                a.closeFuture().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        var terminated = g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (!onOwnThread) {
            terminated.awaitUninterruptibly(CLOSE_WAIT_SECONDS * 2, TimeUnit.SECONDS);
        }
        LOG.info("WebSocket MTP to {} closed", peer.address());
    }

    /** One connection attempt; on the event loop. */
    private void connect() {
        retryTimer = null;
        if (closed) {
            return;
        }
        LOG.debug("Connecting to {} (retry count {})", peer.address(), retryCount);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(config.maxRecordSize(),
                        (int) Math.min(Integer.MAX_VALUE, 2L * config.maxRecordSize())))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initConnection(ch);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(config.host(), config.port());
        attempt = connecting.channel();
        connecting.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                attemptEnded(f.channel(), false, "cannot connect: " + f.cause().getMessage());
            }
        });
    }

    private void initConnection(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        sslContext.ifPresent(ssl -> p.addLast("tls", tlsHandler(ssl, ch)));
        p.addLast("idle", new IdleStateHandler(config.keepAliveInterval().toNanos() * 2, 0, 0, TimeUnit.NANOSECONDS));
        p.addLast("http", new HttpClientCodec(UspWebSocket.MAX_INITIAL_LINE_LENGTH, UspWebSocket.MAX_HEADER_SIZE,
                UspWebSocket.MAX_HANDSHAKE_CONTENT));
        p.addLast("http-aggregator", new HttpObjectAggregator(UspWebSocket.MAX_HANDSHAKE_CONTENT));
        p.addLast("websocket", protocolHandler());
        p.addLast("ws-aggregator", new WebSocketFrameAggregator(config.maxRecordSize()));
        p.addLast("usp-frames", new UspFrameHandler(new Attempt(ch), config.keepAliveInterval(),
                config.maxRecordSize(), peer.address()));
    }

    private SslHandler tlsHandler(SslContext ssl, SocketChannel ch) {
        SslHandler handler = ssl.newHandler(ch.alloc(), config.host(), config.port());
        if (config.tls().orElseThrow().verifyHostname()) {
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        handler.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
        return handler;
    }

    private WebSocketClientProtocolHandler protocolHandler() {
        WebSocketClientProtocolConfig protocol = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(config.requestUri())
                .version(WebSocketVersion.V13)
                .subprotocol(UspWebSocket.SUBPROTOCOL)
                .allowExtensions(false)
                .maxFramePayloadLength(config.maxRecordSize())
                .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                .handleCloseFrames(false) // UspFrameHandler answers them and notes the reason
                .dropPongFrames(false)
                .withUTF8Validator(false) // any text message is refused with 1003 anyway
                .build();
        return new WebSocketClientProtocolHandler(new UspClientHandshaker(config), protocol);
    }

    /**
     * Netty's version 13 handshaker with a frame decoder that does not send a Close frame by itself
     * on a protocol violation (an oversized frame, say): on the client side Netty's decoder sits
     * after the frame encoder, so its own Close frame could not be encoded. {@link UspFrameHandler}
     * sends it instead, through the pipeline.
     */
    private static final class UspClientHandshaker extends WebSocketClientHandshaker13 {
        private static final long FORCE_CLOSE_TIMEOUT_MILLIS = 10_000;

        UspClientHandshaker(WebSocketClientConfig config) {
            super(config.requestUri(), WebSocketVersion.V13, UspWebSocket.SUBPROTOCOL, false,
                    EmptyHttpHeaders.INSTANCE, config.maxRecordSize(), true, false, FORCE_CLOSE_TIMEOUT_MILLIS);
        }

        @Override
        protected WebSocketFrameDecoder newWebsocketDecoder() {
            return new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(false)
                    .allowExtensions(false)
                    .maxFramePayloadLength(maxFramePayloadLength())
                    .closeOnProtocolViolation(false)
                    .withUTF8Validator(false)
                    .build());
        }
    }

    /** Ends attempt {@code ch}: tells the listener if its session was open, then plans the next. */
    private void attemptEnded(Channel ch, boolean wasOpen, String reason) {
        if (attempt == ch) {
            attempt = null;
        }
        if (wasOpen) {
            session = null;
            LOG.info("WebSocket session with {} closed: {}", peer.address(), reason);
            try {
                listener.disconnected(peer, reason);
            } catch (RuntimeException e) {
                LOG.error("Transport listener failed in disconnected({})", peer, e);
            }
        }
        if (closed) {
            return;
        }
        if (reconnectAtOnce) {
            reconnectAtOnce = false;
            retryCount = 0;
            connect();
            return;
        }
        int n = retryCount + 1;
        retryCount = n;
        Duration wait = config.retry().waitBefore(n, random);
        if (wasOpen) {
            LOG.info("Reconnecting to {} in {} ms (retry {})", peer.address(), wait.toMillis(), n);
        } else {
            LOG.info("WebSocket session with {} not established: {}; retry {} in {} ms", peer.address(), reason,
                    n, wait.toMillis());
        }
        retryTimer = loop.schedule(this::connect, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on {@code l}, unless the loop is already shutting down (closed meanwhile). */
    private static void execute(EventLoop l, Runnable task) {
        try {
            l.execute(task);
        } catch (RejectedExecutionException closedMeanwhile) {
            LOG.debug("WebSocket transport closed meanwhile; nothing to do");
        }
    }

    private void cancelRetry() {
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
    }

    /** One connection's events, on the event loop. */
    private final class Attempt implements UspFrameHandler.Session {
        private final Channel channel;
        private boolean open;
        /**
         * The controller's server certificate, when it names a USP Endpoint ID ({@code
         * urn:bbf:usp:id:}): then a record is taken only from an Endpoint ID it names (R-SEC.0a).
         * A certificate with host names only authenticates the host, which TLS checked already.
         */
        private Optional<CertifiedEndpointIds> certified = Optional.empty();

        Attempt(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void opened(Channel ch) {
            open = true;
            session = ch;
            retryCount = 0;
            certified = PeerCertificates.of(ch).filter(CertifiedEndpointIds::byUrn);
            LOG.info("WebSocket session with {} open", peer.address());
            if (closed) {
                return;
            }
            try {
                listener.connected(peer);
            } catch (RuntimeException e) {
                LOG.error("Transport listener failed in connected({})", peer, e);
            }
        }

        @Override
        public void recordReceived(byte[] record) {
            if (!PeerCertificates.admits(certified, record, peer.address())) {
                return;
            }
            try {
                listener.recordReceived(record, peer);
            } catch (RuntimeException e) {
                LOG.error("Transport listener failed on a record from {}", peer, e);
            }
        }

        @Override
        public void closed(String reason) {
            attemptEnded(channel, open, reason);
        }
    }
}

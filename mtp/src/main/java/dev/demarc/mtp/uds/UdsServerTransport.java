package dev.demarc.mtp.uds;

import dev.demarc.core.mtp.MessageTransport;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent as a Unix domain socket server (TR-369 "UNIX Domain Socket Binding";
 * {@code Device.LocalAgent.MTP.{i}.UDS.} naming a {@code Device.UnixDomainSockets.UnixDomainSocket.{i}.}
 * with {@code Mode} Listen): controllers on the same device connect to its socket file and
 * exchange USP Records in frames ({@link UdsFrames}).
 *
 * <p><b>Connections.</b> The server binds and listens (R-UDS.2) and accepts every connection
 * (R-UDS.3) up to {@link UdsServerConfig#maxConnections()}. A client first sends a Handshake with
 * its Endpoint ID; the server answers with its own (R-UDS.17) and only then tells the listener
 * {@link TransportListener#connected}, so that the agent sends the UDSConnectRecord (R-MTP.6)
 * after the Handshake. Records that come before the Handshake are ignored (R-UDS.20), so is a
 * second Handshake (R-UDS.19) and any TLV of an unknown type (R-UDS.15). A Handshake that cannot
 * be used (no Endpoint ID, not printable ASCII, too long) and a frame that cannot be parsed are
 * answered with an Error frame and the connection is closed (R-UDS.21, R-UDS.24); so is a record
 * the agent cannot extract ({@link #closeForUnprocessableRecord}, R-UDS.23). An Error frame from
 * the peer closes the connection (R-UDS.25). A connection that sends no Handshake within
 * {@link UdsServerConfig#handshakeTimeout()} is closed.
 *
 * <p><b>Addresses.</b> Each connection is one {@link MtpAddress}: protocol {@value #PROTOCOL},
 * address {@code uds-connection-<n>} (unique while the transport runs; no Endpoint ID looks like
 * it, as one holds two colons) and endpointId the Endpoint ID of its Handshake; answers go back on
 * the connection a request came on. Several connections may name one Endpoint ID (two
 * {@code demarc} commands at once); {@link #endpointAddress(String)} addresses all of them that
 * are {@linkplain #ready ready}, which is how notifications reach a controller: a connection
 * becomes ready once the wiring layer has its UDSConnectRecord on the way, so that no
 * notification overtakes it (R-MTP.8).
 *
 * <p><b>The socket file</b> is made with mode 0600 (owner read and write) before anyone can
 * connect to it: the server binds in a new private directory next to it, sets the mode, and
 * renames it into place. A stale socket file left by a process that died is replaced; a socket
 * that another process still listens on, or a file that is no socket, stops {@link #start}. The
 * file is removed by {@link #close} if it is still the one this transport made.
 *
 * <p><b>Threads.</b> One thread, owned by this transport ({@code demarc-uds-server-N}), started by
 * {@link #start} and stopped by {@link #close}: it accepts, reads and writes without blocking, and
 * makes every {@link TransportListener} call. {@link #send} and the other methods may be called
 * from any thread; {@link #close} should not be called from the listener (it then cannot wait for
 * the thread to end).
 */
public final class UdsServerTransport implements MessageTransport {

    /** {@code Device.LocalAgent.MTP.{i}.Protocol} of this MTP. */
    public static final String PROTOCOL = "UDS";
    /** The address of a connection is this prefix and its number. */
    public static final String CONNECTION_PREFIX = "uds-connection-";

    private static final Logger LOG = LoggerFactory.getLogger(UdsServerTransport.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long CLOSE_WAIT_SECONDS = 5;
    /** How long an Error frame may take to leave before its connection is closed anyway. */
    private static final long ERROR_FLUSH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final int MAX_READS_PER_WAKEUP = 16;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final UdsServerConfig config;
    private final Object lifecycle = new Object();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<Long, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextConnection = new AtomicLong();

    private Selector selector;
    private ServerSocketChannel server;
    private Thread thread;
    private Object socketFileKey;
    private volatile TransportListener listener;
    private volatile boolean closed;

    /** A transport for {@code config}; nothing happens until {@link #start}. */
    public UdsServerTransport(UdsServerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public UdsServerConfig config() {
        return config;
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    /** The address of every connection whose Handshake named {@code endpointId}. */
    public static MtpAddress endpointAddress(String endpointId) {
        return new MtpAddress(PROTOCOL, endpointId, endpointId);
    }

    /**
     * Makes the socket file (mode 0600) and starts accepting connections; the file exists when
     * this returns.
     *
     * @throws UncheckedIOException  when the socket cannot be made: its directory is missing or not
     *                               writable, another process listens on it, the path is a file
     *                               that is no socket
     * @throws IllegalStateException when already started, or closed
     */
    @Override
    public void start(TransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            this.listener = listener;
            Path path = config.socketPath();
            try {
                checkNotInUse(path);
                server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                bindPrivately(server, path);
                socketFileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .fileKey();
                server.configureBlocking(false);
                selector = Selector.open();
                server.register(selector, SelectionKey.OP_ACCEPT);
            } catch (IOException e) {
                closeQuietly(server);
                closeQuietly(selector);
                server = null;
                selector = null;
                throw new UncheckedIOException("cannot listen on the Unix domain socket " + path + ": " + describe(e), e);
            }
            thread = new Thread(this::run, "demarc-uds-server-" + INSTANCES.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
            LOG.info("UDS MTP listening on {}", path);
        }
    }

    /** Fails when {@code path} is a live socket or no socket at all; a stale socket file is fine. */
    private static void checkNotInUse(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("the directory " + dir + " does not exist");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new IOException("the file exists and is not a socket; remove it or choose another path");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IOException("another process listens on it (is an agent running already?)");
        } catch (ConnectException stale) {
            LOG.info("replacing the stale socket file {} (nothing listens on it)", path);
        }
    }

    static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException gone) {
                return false;
            }
            return a.isOther();
        }
    }

    /**
     * Binds {@code server} to {@code path} with mode 0600 from the first moment anyone can
     * connect: bound in a new directory of mode 0700 beside it, made 0600, then renamed into place
     * (which replaces a stale socket file). When that directory's path would be too long for a
     * socket, binds in place and sets the mode right after.
     */
    private static void bindPrivately(ServerSocketChannel server, Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Path privateDir = privateDirectoryIn(dir);
        try {
            Path temporary = privateDir.resolve("s");
            if (temporary.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    > UdsServerConfig.MAX_SOCKET_PATH_BYTES) {
                Files.deleteIfExists(path);
                server.bind(UnixDomainSocketAddress.of(path));
                Files.setPosixFilePermissions(path, ownerOnly);
                return;
            }
            server.bind(UnixDomainSocketAddress.of(temporary));
            Files.setPosixFilePermissions(temporary, ownerOnly);
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(privateDir.resolve("s"));
            Files.deleteIfExists(privateDir);
        }
    }

    /**
     * A new directory of mode 0700 in {@code dir}, named after this process and the time. Not
     * {@link Files#createTempDirectory}: it draws its names from a {@code SecureRandom}, whose
     * first bytes load its digest and about 40 classes more into the agent for one name. Taken
     * names (another process, an earlier agent's leftover) are skipped.
     */
    private static Path privateDirectoryIn(Path dir) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        String prefix = ".u" + ProcessHandle.current().pid() + "-";
        FileAlreadyExistsException taken = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Path candidate = dir.resolve(prefix + Long.toHexString(System.nanoTime() + attempt));
                return Files.createDirectory(candidate, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                taken = e;
            }
        }
        throw taken;
    }

    /** The open connections whose Handshake is done, one address each. */
    public List<MtpAddress> sessions() {
        List<MtpAddress> open = new ArrayList<>();
        for (Connection c : connections.values()) {
            MtpAddress a = c.address;
            if (a != null && !c.closing) {
                open.add(a);
            }
        }
        return List.copyOf(open);
    }

    /**
     * From now on {@link #endpointAddress} of the Endpoint ID of the connection {@code connection}
     * names reaches it too; until then only its own address does. Nothing happens if there is no
     * such connection. Any thread.
     */
    public void ready(MtpAddress connection) {
        Objects.requireNonNull(connection, "connection");
        if (connection.address().startsWith(CONNECTION_PREFIX)) {
            for (Connection c : targets(connection.address())) {
                c.ready = true;
            }
        }
    }

    /** True if {@code to} names an open connection, or an Endpoint ID at least one open, ready connection has. */
    public boolean reaches(MtpAddress to) {
        return PROTOCOL.equals(to.protocol()) && !targets(to.address()).isEmpty();
    }

    /**
     * Queues {@code record} as one frame on the connection {@code to.address()} names, or on each
     * ready connection of the Endpoint ID it names ({@link #endpointAddress}). The future completes once
     * every copy is written to its socket; it fails with {@link IOException} when there is no such
     * connection, it closed, or too much waits for it already (the peer does not read), with
     * {@link IllegalArgumentException} when the record is larger than
     * {@link UdsServerConfig#maxRecordSize()}.
     */
    @Override
    public CompletableFuture<Void> send(MtpAddress to, byte[] record) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(record, "record");
        if (record.length > config.maxRecordSize()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("USP Record of " + record.length
                    + " bytes is larger than the UDS maximum of " + config.maxRecordSize()));
        }
        List<Connection> targets = targets(to.address());
        if (targets.isEmpty()) {
            return CompletableFuture.failedFuture(new IOException("no UDS connection with " + to.address()));
        }
        byte[] frame = UdsFrames.record(record);
        List<CompletableFuture<Void>> sent = new ArrayList<>(targets.size());
        for (Connection c : targets) {
            sent.add(c.enqueue(frame, false));
        }
        return sent.size() == 1 ? sent.get(0) : CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private List<Connection> targets(String address) {
        List<Connection> found = new ArrayList<>(1);
        if (address.startsWith(CONNECTION_PREFIX)) {
            try {
                Connection c = connections.get(Long.parseLong(address.substring(CONNECTION_PREFIX.length())));
                if (c != null && c.address != null && !c.closing) {
                    found.add(c);
                }
            } catch (NumberFormatException e) {
                return List.of();
            }
            return found;
        }
        for (Connection c : connections.values()) {
            if (c.address != null && c.ready && !c.closing && c.address.endpointId().equals(address)) {
                found.add(c);
            }
        }
        return found;
    }

    /**
     * Sends an Error frame with {@code reason} on the connection {@code peer} names (each one of
     * an Endpoint ID address) and closes it, as R-UDS.23 requires when a received record cannot
     * be extracted for processing. Nothing happens if there is no such connection.
     */
    public void closeForUnprocessableRecord(MtpAddress peer, String reason) {
        Objects.requireNonNull(reason, "reason");
        for (Connection c : targets(peer.address())) {
            execute(() -> fail(c, reason));
        }
    }

    /**
     * Stops listening, closes every connection, removes the socket file if it is still this
     * transport's, and stops the thread. Returns once the thread has ended (or after a few seconds).
     */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
        }
        if (t == null) {
            return;
        }
        selector.wakeup();
        if (Thread.currentThread() != t) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        removeSocketFile();
        LOG.info("UDS MTP on {} closed", config.socketPath());
    }

    private void removeSocketFile() {
        Path path = config.socketPath();
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (key != null && key.equals(socketFileKey)) {
                Files.deleteIfExists(path);
            } else {
                LOG.info("{} is no longer this agent's socket; left in place", path);
            }
        } catch (IOException e) {
            LOG.debug("socket file {} not removed: {}", path, e.toString());
        }
    }

    // ------------------------------------------------------------------ the transport's thread

    private void execute(Runnable task) {
        tasks.add(task);
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(this::ready, selectTimeoutMillis());
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                checkDeadlines();
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.error("the UDS MTP on {} failed; it stops", config.socketPath(), e);
            }
        } finally {
            for (Connection c : List.copyOf(connections.values())) {
                closeConnection(c, "the agent is shutting down");
            }
            closeQuietly(server);
            closeQuietly(selector);
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    private long selectTimeoutMillis() {
        long now = System.nanoTime();
        long soonest = Long.MAX_VALUE;
        for (Connection c : connections.values()) {
            long d = c.deadline();
            if (d != Long.MAX_VALUE) {
                soonest = Math.min(soonest, Math.max(1, TimeUnit.NANOSECONDS.toMillis(d - now) + 1));
            }
        }
        return soonest == Long.MAX_VALUE ? 0 : soonest;
    }

    private void checkDeadlines() {
        long now = System.nanoTime();
        for (Connection c : List.copyOf(connections.values())) {
            if (c.closing && now - c.closeDeadline >= 0) {
                closeConnection(c, c.closeReason);
            } else if (c.address == null && !c.closing && now - c.handshakeDeadline >= 0) {
                fail(c, "no Handshake within " + config.handshakeTimeout().toSeconds() + " s");
            }
        }
    }

    private void ready(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isAcceptable()) {
                accept();
                return;
            }
            Connection c = (Connection) key.attachment();
            if (key.isWritable()) {
                c.flush();
            }
            if (key.isValid() && key.isReadable()) {
                c.read();
            }
        } catch (IOException e) {
            if (key.attachment() instanceof Connection c) {
                closeConnection(c, "I/O error: " + e.getMessage());
            } else {
                LOG.warn("UDS accept failed on {}: {}", config.socketPath(), e.toString());
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            if (connections.size() >= config.maxConnections()) {
                LOG.warn("UDS connection on {} refused: already {} connections open", config.socketPath(),
                        connections.size());
                closeQuietly(ch);
                continue;
            }
            ch.configureBlocking(false);
            Connection c = new Connection(nextConnection.incrementAndGet(), ch, peerUser(ch));
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            connections.put(c.number, c);
            LOG.debug("UDS connection {} accepted on {} (user {})", c.number, config.socketPath(), c.user);
        }
    }

    private static String peerUser(SocketChannel ch) {
        try {
            return ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Thread of the transport: an Error frame with {@code reason}, then the connection closes. */
    private void fail(Connection c, String reason) {
        if (c.closing || !connections.containsKey(c.number)) {
            return;
        }
        LOG.info("UDS connection {}{} closed with an Error: {}", c.number,
                c.address == null ? "" : " of " + c.address.endpointId(), reason);
        c.enqueue(UdsFrames.error(reason), true);
        c.startClosing("closed after an Error: " + reason);
    }

    /** Thread of the transport. */
    private void closeConnection(Connection c, String reason) {
        if (connections.remove(c.number) == null) {
            return;
        }
        c.closing = true;
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
        c.failQueued(new IOException("the UDS connection closed: " + reason));
        MtpAddress a = c.address;
        if (a != null) {
            LOG.debug("UDS connection {} of {} closed: {}", c.number, a.endpointId(), reason);
            try {
                listener.disconnected(a, reason);
            } catch (RuntimeException e) {
                LOG.error("Transport listener failed in disconnected({})", a, e);
            }
        }
    }

    private void frameReceived(Connection c, byte[] body) {
        List<UdsFrames.Tlv> tlvs;
        try {
            tlvs = UdsFrames.parseBody(body);
        } catch (UdsFrames.FrameException e) {
            fail(c, "frame not parsed: " + e.getMessage());
            return;
        }
        for (UdsFrames.Tlv tlv : tlvs) {
            if (c.closing) {
                return;
            }
            switch (tlv.type()) {
                case UdsFrames.HANDSHAKE -> handshake(c, tlv);
                case UdsFrames.ERROR -> closeConnection(c, "the peer sent an Error: " + UdsFrames.printableError(tlv));
                case UdsFrames.RECORD -> {
                    MtpAddress a = c.address;
                    if (a == null) {
                        LOG.debug("UDS connection {}: a record before the Handshake is ignored (R-UDS.20)", c.number);
                    } else {
                        try {
                            listener.recordReceived(tlv.value(), a);
                        } catch (RuntimeException e) {
                            LOG.error("Transport listener failed on a record from {}", a, e);
                        }
                    }
                }
                default -> LOG.debug("UDS connection {}: TLV of unknown type {} ignored (R-UDS.15)", c.number,
                        tlv.type());
            }
        }
    }

    private void handshake(Connection c, UdsFrames.Tlv tlv) {
        if (c.address != null) {
            LOG.debug("UDS connection {}: a second Handshake is ignored (R-UDS.19)", c.number);
            return;
        }
        Optional<String> id = tlv.text();
        Optional<String> problem = id.isEmpty() ? Optional.of("the Handshake's Endpoint ID is not UTF-8")
                : endpointIdProblem(id.get());
        if (problem.isPresent()) {
            fail(c, problem.get());
            return;
        }
        c.enqueue(UdsFrames.handshake(config.agentEndpointId()), true);
        c.address = new MtpAddress(PROTOCOL, CONNECTION_PREFIX + c.number, id.get());
        LOG.info("UDS session with {} opened (connection {}, user {})", id.get(), c.number, c.user);
        try {
            listener.connected(c.address);
        } catch (RuntimeException e) {
            LOG.error("Transport listener failed in connected({})", c.address, e);
        }
    }

    private static Optional<String> endpointIdProblem(String id) {
        if (id.isEmpty()) {
            return Optional.of("the Handshake names no Endpoint ID");
        }
        if (id.length() > UdsFrames.MAX_ENDPOINT_ID_BYTES) {
            return Optional.of("the Handshake's Endpoint ID is longer than " + UdsFrames.MAX_ENDPOINT_ID_BYTES
                    + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch < 0x21 || ch > 0x7e) {
                return Optional.of("the Handshake's Endpoint ID has a character that is not printable ASCII at "
                        + i);
            }
        }
        return Optional.empty();
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    /** A frame waiting to be written, and who waits for it. */
    private record Outgoing(ByteBuffer bytes, CompletableFuture<Void> written) {
    }

    /** One accepted connection. Its fields are the transport thread's, but for the send queue. */
    private final class Connection {
        final long number;
        final SocketChannel channel;
        final String user;
        final long handshakeDeadline;
        SelectionKey key;
        /** Set once the Handshake is done; read by any thread. */
        volatile MtpAddress address;
        /** No more sends are taken; read by any thread. */
        volatile boolean closing;
        /** Records to its Endpoint ID reach it ({@link #ready}); read by any thread. */
        volatile boolean ready;
        long closeDeadline;
        String closeReason = "";
        private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
        private final ByteBuffer header = ByteBuffer.allocate(UdsFrames.HEADER_LENGTH);
        private byte[] body;
        private int bodyFilled;
        /** Guarded by itself. */
        private final ArrayDeque<Outgoing> out = new ArrayDeque<>();
        private long queued;
        /** Closed: nothing more is queued. Guarded by {@code out}. */
        private boolean gone;

        Connection(long number, SocketChannel channel, String user) {
            this.number = number;
            this.channel = channel;
            this.user = user;
            this.handshakeDeadline = System.nanoTime() + config.handshakeTimeout().toNanos();
        }

        long deadline() {
            if (closing) {
                return closeDeadline;
            }
            return address == null ? handshakeDeadline : Long.MAX_VALUE;
        }

        /** Any thread; {@code control} frames (Handshake, Error) are taken whatever is queued. */
        CompletableFuture<Void> enqueue(byte[] frame, boolean control) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            synchronized (out) {
                if (gone) {
                    written.completeExceptionally(new IOException("the UDS connection " + number + " is closed"));
                    return written;
                }
                if (closing && !control) {
                    written.completeExceptionally(new IOException("the UDS connection " + number + " is closing"));
                    return written;
                }
                if (!control && queued + frame.length > config.maxQueuedBytes()) {
                    written.completeExceptionally(new IOException("the UDS connection " + number + " has "
                            + queued + " bytes waiting: the peer does not read"));
                    return written;
                }
                out.add(new Outgoing(ByteBuffer.wrap(frame), written));
                queued += frame.length;
            }
            execute(this::wantWrite);
            return written;
        }

        private void wantWrite() {
            if (key != null && key.isValid()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
        }

        void startClosing(String reason) {
            closing = true;
            closeReason = reason;
            closeDeadline = System.nanoTime() + ERROR_FLUSH_NANOS;
            if (key != null && key.isValid()) {
                // Read no more: what the peer sends after this is not handled.
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            }
        }

        /** Transport thread: writes what it can; closes once drained if closing. */
        void flush() throws IOException {
            while (true) {
                Outgoing next;
                synchronized (out) {
                    next = out.peek();
                }
                if (next == null) {
                    if (key.isValid()) {
                        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
                    }
                    if (closing) {
                        closeConnection(this, closeReason);
                    }
                    return;
                }
                channel.write(next.bytes());
                if (next.bytes().hasRemaining()) {
                    return;
                }
                synchronized (out) {
                    out.poll();
                    queued -= next.bytes().capacity();
                }
                next.written().complete(null);
            }
        }

        void failQueued(IOException why) {
            List<Outgoing> dropped;
            synchronized (out) {
                gone = true;
                dropped = new ArrayList<>(out);
                out.clear();
                queued = 0;
            }
            for (Outgoing o : dropped) {
                o.written().completeExceptionally(why);
            }
        }

        /** Transport thread: reads what is there and handles each complete frame. */
        void read() throws IOException {
            for (int reads = 0; reads < MAX_READS_PER_WAKEUP && !closing; reads++) {
                int n = channel.read(in);
                if (n < 0) {
                    closeConnection(this, "the peer closed the connection");
                    return;
                }
                if (n == 0) {
                    return;
                }
                in.flip();
                try {
                    consume();
                } finally {
                    in.compact();
                }
            }
        }

        private void consume() {
            while (in.hasRemaining() && !closing) {
                if (body == null) {
                    while (header.hasRemaining() && in.hasRemaining()) {
                        header.put(in.get());
                    }
                    if (header.hasRemaining()) {
                        return;
                    }
                    header.flip();
                    int length;
                    try {
                        length = UdsFrames.bodyLength(header, config.maxFrameBodyLength());
                    } catch (UdsFrames.FrameException e) {
                        fail(this, "frame not parsed: " + e.getMessage());
                        return;
                    } finally {
                        header.clear();
                    }
                    body = new byte[length];
                    bodyFilled = 0;
                }
                int take = Math.min(in.remaining(), body.length - bodyFilled);
                in.get(body, bodyFilled, take);
                bodyFilled += take;
                if (bodyFilled == body.length) {
                    byte[] complete = body;
                    body = null;
                    frameReceived(this, complete);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "UdsServerTransport[" + config.socketPath() + "]";
    }
}

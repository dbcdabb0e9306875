package dev.demarc.mtp.uds;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A USP endpoint as a Unix domain socket client (TR-369 "UNIX Domain Socket Binding"): it
 * connects to a server's socket (R-UDS.4), sends its Handshake at once (R-UDS.16), and waits at
 * most {@link #HANDSHAKE_TIMEOUT} for the server's (R-UDS.18) before any record goes either way
 * (R-UDS.20). The {@code demarc} commands use it as the agent's local controller; tests use it as
 * a controller.
 *
 * <p>Frames that cannot be parsed are answered with an Error and the connection is closed
 * (R-UDS.24); an Error from the server closes it (R-UDS.25); TLVs of unknown types are ignored
 * (R-UDS.15). It does not reconnect (R-UDS.5 asks a client to retry within 1 to 5 s; a command
 * that finds no server reports that instead).
 *
 * <p>Threads: {@link #send} and {@link #close} from any thread; {@link #receive} from one thread at
 * a time. A reader thread of its own ({@code demarc-uds-client-N}, a daemon) reads the socket and
 * ends when the connection does.
 */
public final class UdsClient implements AutoCloseable {

    /** How long the client waits for the server's Handshake (R-UDS.18). */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(UdsClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** What the reader thread queues: a record, or the end of the connection. */
    private static final int MAX_QUEUED = 1024;

    private sealed interface Event permits Record, Closed {
    }

    private record Record(byte[] bytes) implements Event {
    }

    private record Closed(String reason) implements Event {
    }

    /** The connection ended, or the server sent an Error. */
    public static final class ClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        public ClosedException(String message) {
            super(message);
        }
    }

    private final SocketChannel channel;
    private final int maxRecordSize;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Object writeLock = new Object();
    private volatile String peerEndpointId;
    private volatile Closed closedBy;
    private volatile boolean closed;

    private UdsClient(SocketChannel channel, int maxRecordSize) {
        this.channel = channel;
        this.maxRecordSize = maxRecordSize;
    }

    /**
     * Connects to the server at {@code socket}, sends the Handshake naming {@code endpointId} and
     * waits at most {@code handshakeTimeout} for the server's.
     *
     * @param maxRecordSize the largest record taken from the server; a larger frame closes the
     *                      connection with an Error
     * @throws IOException the connection could not be made (see the message: no such file,
     *                     connection refused, permission denied), the server sent an Error, or
     *                     no Handshake came in time
     */
    public static UdsClient connect(Path socket, String endpointId, Duration handshakeTimeout, int maxRecordSize)
            throws IOException {
        Objects.requireNonNull(socket, "socket");
        byte[] handshake = UdsFrames.handshake(endpointId);
        if (maxRecordSize < 1024) {
            throw new IllegalArgumentException("maxRecordSize must be at least 1 KiB: " + maxRecordSize);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        UdsClient client = new UdsClient(channel, maxRecordSize);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            client.write(handshake);
            Thread reader = new Thread(client::readLoop, "demarc-uds-client-" + INSTANCES.incrementAndGet());
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + handshakeTimeout.toNanos();
            synchronized (client) {
                while (client.peerEndpointId == null && client.closedBy == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IOException("no Handshake from the server on " + socket + " within "
                                + handshakeTimeout.toSeconds() + " s");
                    }
                    client.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
            if (client.peerEndpointId == null) {
                throw new ClosedException(client.closedBy.reason());
            }
            return client;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IOException("interrupted while connecting to " + socket, e);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The Endpoint ID the server's Handshake named. */
    public String peerEndpointId() {
        return peerEndpointId;
    }

    /** Sends {@code record} in one frame; blocks until it is written. */
    public void send(byte[] record) throws IOException {
        if (closedBy != null) {
            throw new ClosedException(closedBy.reason());
        }
        write(UdsFrames.record(record));
    }

    /**
     * The next record from the server, waiting at most {@code timeout}; empty when none came in
     * time.
     *
     * @throws ClosedException when the connection ended or the server sent an Error (the message
     *                         says which), and no record is left to read
     */
    public Optional<byte[]> receive(Duration timeout) throws IOException {
        Event e;
        try {
            e = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the agent", ie);
        }
        if (e == null) {
            return Optional.empty();
        }
        if (e instanceof Closed c) {
            events.offer(c); // every later receive sees it too
            throw new ClosedException(c.reason());
        }
        return Optional.of(((Record) e).bytes());
    }

    /** Closes the connection; again does nothing. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("UDS client close failed: {}", e.toString());
        }
    }

    private void write(byte[] frame) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame);
        synchronized (writeLock) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    private void readLoop() {
        String reason = "the server closed the connection";
        ByteBuffer header = ByteBuffer.allocate(UdsFrames.HEADER_LENGTH);
        try {
            while (true) {
                header.clear();
                if (!readFully(header)) {
                    break;
                }
                header.flip();
                int length;
                try {
                    length = UdsFrames.bodyLength(header, maxRecordSize + UdsFrames.TLV_HEADER_LENGTH);
                } catch (UdsFrames.FrameException e) {
                    reason = fail("frame not parsed: " + e.getMessage());
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                if (!readFully(body)) {
                    reason = "the server closed the connection inside a frame";
                    break;
                }
                List<UdsFrames.Tlv> tlvs;
                try {
                    tlvs = UdsFrames.parseBody(body.array());
                } catch (UdsFrames.FrameException e) {
                    reason = fail("frame not parsed: " + e.getMessage());
                    break;
                }
                String end = handle(tlvs);
                if (end != null) {
                    reason = end;
                    break;
                }
            }
        } catch (ClosedChannelException e) {
            reason = "closed";
        } catch (IOException e) {
            reason = closed ? "closed" : "I/O error: " + e.getMessage();
        }
        close();
        Closed c = new Closed(reason);
        synchronized (this) {
            closedBy = c;
            notifyAll();
        }
        if (!events.offer(c)) {
            events.clear();
            events.offer(c);
        }
    }

    /** The reason the connection ends, or null to go on. */
    private String handle(List<UdsFrames.Tlv> tlvs) throws IOException {
        for (UdsFrames.Tlv tlv : tlvs) {
            switch (tlv.type()) {
                case UdsFrames.HANDSHAKE -> {
                    if (peerEndpointId == null) {
                        Optional<String> id = tlv.text();
                        if (id.isEmpty() || id.get().isEmpty()) {
                            return fail("the Handshake names no Endpoint ID in UTF-8");
                        }
                        synchronized (this) {
                            peerEndpointId = id.get();
                            notifyAll();
                        }
                    }
                }
                case UdsFrames.ERROR -> {
                    return "the server sent an Error: " + UdsFrames.printableError(tlv);
                }
                case UdsFrames.RECORD -> {
                    if (peerEndpointId != null && !events.offer(new Record(tlv.value()))) {
                        return fail("more than " + MAX_QUEUED + " records wait to be read");
                    }
                }
                default -> {
                    // R-UDS.15: unknown types are ignored
                }
            }
        }
        return null;
    }

    /** Sends an Error with {@code why} (R-UDS.24) and answers the reason the connection ends. */
    private String fail(String why) {
        try {
            write(UdsFrames.error(why));
        } catch (IOException e) {
            LOG.debug("Error frame not sent: {}", e.toString());
        }
        return why;
    }

    /** Reads until {@code b} is full; false at the end of the stream before anything was read. */
    private boolean readFully(ByteBuffer b) throws IOException {
        int start = b.position();
        while (b.hasRemaining()) {
            int n = channel.read(b);
            if (n < 0) {
                if (b.position() == start) {
                    return false;
                }
                throw new EOFException("the connection ended inside a frame");
            }
        }
        return true;
    }
}

package dev.demarc.mtp.uds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UDS server over real sockets, with raw frames and with {@link UdsClient}. */
class UdsServerTransportTest {

    private static final String AGENT = "os::00D09E-UDS1";
    private static final String CLI = "self::demarc-cli";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Listener listener = new Listener();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** What the transport told. */
    static final class Listener implements TransportListener {
        final BlockingQueue<MtpAddress> connected = new LinkedBlockingQueue<>();
        final BlockingQueue<String> disconnected = new LinkedBlockingQueue<>();
        final BlockingQueue<Object[]> records = new LinkedBlockingQueue<>();

        @Override
        public void recordReceived(byte[] record, MtpAddress from) {
            records.add(new Object[] {record, from});
        }

        @Override
        public void connected(MtpAddress peer) {
            connected.add(peer);
        }

        @Override
        public void disconnected(MtpAddress peer, String reason) {
            disconnected.add(peer.address() + ": " + reason);
        }

        MtpAddress awaitConnected() throws InterruptedException {
            MtpAddress a = connected.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            return a != null ? a : fail("no connection reported");
        }

        String awaitDisconnected() throws InterruptedException {
            String d = disconnected.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            return d != null ? d : fail("no disconnection reported");
        }

        Object[] awaitRecord() throws InterruptedException {
            Object[] r = records.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            return r != null ? r : fail("no record reported");
        }
    }

    /** A client that writes any bytes and reads frames, with timeouts. */
    final class Raw implements AutoCloseable {
        final SocketChannel ch;
        final Selector selector;
        private final ByteBuffer in = ByteBuffer.allocate(1 << 16);

        Raw(Path socket) throws IOException {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            selector = Selector.open();
            ch.register(selector, SelectionKey.OP_READ);
            in.flip();
            open.add(this);
        }

        void write(byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        /** The TLVs of the next frame, or null when the server closed the connection. */
        List<UdsFrames.Tlv> readFrame() throws Exception {
            if (!fill(UdsFrames.HEADER_LENGTH)) {
                return null;
            }
            int length = UdsFrames.bodyLength(in, Integer.MAX_VALUE);
            assertTrue(fill(length), "a whole frame");
            byte[] body = new byte[length];
            in.get(body);
            return UdsFrames.parseBody(body);
        }

        /** True once the server closed the connection, after any frames before it. */
        boolean closedByServer() throws Exception {
            while (true) {
                List<UdsFrames.Tlv> f = readFrame();
                if (f == null) {
                    return true;
                }
            }
        }

        private boolean fill(int n) throws IOException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (in.remaining() < n) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("nothing from the server in " + WAIT);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                in.compact();
                int read = ch.read(in);
                in.flip();
                if (read < 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            selector.close();
            ch.close();
        }
    }

    private Path socket() {
        return tmp.resolve("control.sock");
    }

    private UdsServerTransport start(UdsServerConfig config) {
        UdsServerTransport t = new UdsServerTransport(config);
        open.add(t);
        t.start(listener);
        return t;
    }

    private UdsServerTransport start() {
        return start(UdsServerConfig.builder(socket(), AGENT).build());
    }

    private UdsClient client(String endpointId) throws IOException {
        UdsClient c = UdsClient.connect(socket(), endpointId, WAIT, 1 << 20);
        open.add(c);
        return c;
    }

    @Test // R-UDS.16, R-UDS.17, R-UDS.22
    void the_client_handshakes_then_records_go_both_ways() throws Exception {
        UdsServerTransport server = start();
        UdsClient client = client(CLI);
        assertEquals(AGENT, client.peerEndpointId());
        MtpAddress peer = listener.awaitConnected();
        assertEquals(UdsServerTransport.PROTOCOL, peer.protocol());
        assertEquals(CLI, peer.endpointId());
        assertTrue(peer.address().startsWith(UdsServerTransport.CONNECTION_PREFIX), peer.address());
        assertEquals(List.of(peer), server.sessions());

        client.send(new byte[] {1, 2, 3});
        Object[] got = listener.awaitRecord();
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) got[0]);
        assertEquals(peer, got[1]);

        server.send(peer, new byte[] {4, 5}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {4, 5}, client.receive(WAIT).orElseThrow());

        client.close();
        assertTrue(listener.awaitDisconnected().startsWith(peer.address()));
        assertEquals(List.of(), server.sessions());
    }

    @Test
    void a_record_larger_than_the_read_buffer_arrives_whole() throws Exception {
        start();
        UdsClient client = client(CLI);
        listener.awaitConnected();
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        client.send(big);
        assertArrayEquals(big, (byte[]) listener.awaitRecord()[0]);
    }

    @Test
    void the_socket_file_is_for_its_owner_only_and_is_removed_at_close() throws Exception {
        UdsServerTransport server = start();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
        assertTrue(UdsServerTransport.isSocket(socket()));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(socket()), left.toList(), "no private directory left beside it");
        }
        server.close();
        assertFalse(Files.exists(socket()));
    }

    @Test
    void a_stale_socket_file_is_replaced() throws Exception {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket()));
        }
        assertTrue(Files.exists(socket()), "closing a listener leaves its file");
        start();
        assertEquals(AGENT, client(CLI).peerEndpointId());
    }

    @Test
    void a_socket_another_process_listens_on_is_left_alone() throws Exception {
        start();
        UdsServerTransport second = new UdsServerTransport(UdsServerConfig.builder(socket(), "os::00D09E-UDS2").build());
        open.add(second);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> second.start(listener));
        assertTrue(e.getMessage().contains("another process listens on it"), e.getMessage());
        assertEquals(AGENT, client(CLI).peerEndpointId(), "the first still answers");
    }

    @Test
    void a_file_that_is_no_socket_is_not_replaced() throws Exception {
        Files.writeString(socket(), "data");
        UdsServerTransport t = new UdsServerTransport(UdsServerConfig.builder(socket(), AGENT).build());
        open.add(t);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> t.start(listener));
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertEquals("data", Files.readString(socket()));
    }

    @Test
    void close_leaves_a_socket_file_that_is_no_longer_its_own() throws Exception {
        UdsServerTransport server = start();
        Files.delete(socket());
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket()));
            server.close();
            assertTrue(Files.exists(socket()));
        }
    }

    @Test
    void a_path_too_long_for_a_socket_is_refused_with_its_length() {
        Path longPath = tmp.resolve("x".repeat(120));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UdsServerConfig.builder(longPath, AGENT).build());
        assertTrue(e.getMessage().contains("at most 107"), e.getMessage());
    }

    @Test // R-UDS.20
    void records_before_the_handshake_are_ignored() throws Exception {
        start();
        Raw raw = new Raw(socket());
        raw.write(UdsFrames.record(new byte[] {9}));
        raw.write(UdsFrames.handshake(CLI));
        assertEquals(AGENT, raw.readFrame().get(0).text().orElseThrow());
        listener.awaitConnected();
        raw.write(UdsFrames.record(new byte[] {8}));
        assertArrayEquals(new byte[] {8}, (byte[]) listener.awaitRecord()[0], "the first record was dropped");
    }

    @Test // R-UDS.15, R-UDS.19
    void unknown_tlvs_and_a_second_handshake_are_ignored() throws Exception {
        UdsServerTransport server = start();
        Raw raw = new Raw(socket());
        raw.write(UdsFrames.handshake(CLI));
        raw.readFrame();
        MtpAddress peer = listener.awaitConnected();
        raw.write(UdsFrames.frame(42, new byte[] {1, 2}));
        raw.write(UdsFrames.handshake("self::someone-else"));
        raw.write(UdsFrames.record(new byte[] {7}));
        assertArrayEquals(new byte[] {7}, (byte[]) listener.awaitRecord()[0]);
        assertEquals(List.of(peer), server.sessions());
        assertEquals(CLI, server.sessions().get(0).endpointId());
    }

    @Test // R-UDS.24
    void a_frame_that_cannot_be_parsed_gets_an_error_and_the_connection_is_closed() throws Exception {
        start();
        Raw raw = new Raw(socket());
        raw.write(UdsFrames.handshake(CLI));
        raw.readFrame();
        listener.awaitConnected();
        raw.write(new byte[] {'G', 'E', 'T', ' ', '/', ' ', 'H', 'T'});
        List<UdsFrames.Tlv> error = raw.readFrame();
        assertEquals(UdsFrames.ERROR, error.get(0).type());
        assertTrue(error.get(0).text().orElseThrow().contains("_USP"), error.get(0).text().orElseThrow());
        assertTrue(raw.closedByServer());
        assertTrue(listener.awaitDisconnected().contains("Error"));
    }

    @Test // R-UDS.24, and every input is bounded
    void a_frame_larger_than_the_largest_record_is_refused() throws Exception {
        start(UdsServerConfig.builder(socket(), AGENT).maxRecordSize(2048).build());
        Raw raw = new Raw(socket());
        raw.write(UdsFrames.handshake(CLI));
        raw.readFrame();
        raw.write(UdsFrames.record(new byte[4096]));
        List<UdsFrames.Tlv> error = raw.readFrame();
        assertEquals(UdsFrames.ERROR, error.get(0).type());
        assertTrue(error.get(0).text().orElseThrow().contains("larger than"), error.get(0).text().orElseThrow());
        assertTrue(raw.closedByServer());
    }

    @Test // R-UDS.21
    void a_handshake_that_cannot_be_used_gets_an_error() throws Exception {
        start();
        for (byte[] bad : List.of(UdsFrames.frame(UdsFrames.HANDSHAKE, new byte[0]),
                UdsFrames.frame(UdsFrames.HANDSHAKE, "self::with space".getBytes()),
                UdsFrames.frame(UdsFrames.HANDSHAKE, new byte[] {(byte) 0xc3}))) {
            Raw raw = new Raw(socket());
            raw.write(bad);
            List<UdsFrames.Tlv> error = raw.readFrame();
            assertEquals(UdsFrames.ERROR, error.get(0).type());
            assertTrue(error.get(0).text().orElseThrow().contains("Endpoint ID"), error.get(0).text().orElseThrow());
            assertTrue(raw.closedByServer());
        }
        assertTrue(listener.connected.isEmpty(), "no session opened");
    }

    @Test // R-UDS.25
    void an_error_from_the_peer_closes_the_connection() throws Exception {
        start();
        Raw raw = new Raw(socket());
        raw.write(UdsFrames.handshake(CLI));
        raw.readFrame();
        listener.awaitConnected();
        raw.write(UdsFrames.error("giving up"));
        assertTrue(raw.closedByServer());
        assertTrue(listener.awaitDisconnected().contains("giving up"));
    }

    @Test // R-UDS.23
    void an_unprocessable_record_gets_an_error_and_the_connection_is_closed() throws Exception {
        UdsServerTransport server = start();
        UdsClient client = client(CLI);
        MtpAddress peer = listener.awaitConnected();
        server.closeForUnprocessableRecord(peer, "the record could not be parsed");
        UdsClient.ClosedException e = assertThrows(UdsClient.ClosedException.class, () -> client.receive(WAIT));
        assertTrue(e.getMessage().contains("the record could not be parsed"), e.getMessage());
    }

    @Test
    void a_connection_without_handshake_is_closed_after_the_timeout() throws Exception {
        start(UdsServerConfig.builder(socket(), AGENT).handshakeTimeout(Duration.ofMillis(200)).build());
        Raw raw = new Raw(socket());
        List<UdsFrames.Tlv> error = raw.readFrame();
        assertEquals(UdsFrames.ERROR, error.get(0).type());
        assertTrue(error.get(0).text().orElseThrow().contains("no Handshake"));
        assertTrue(raw.closedByServer());
    }

    @Test
    void connections_beyond_the_limit_are_closed_as_they_come() throws Exception {
        start(UdsServerConfig.builder(socket(), AGENT).maxConnections(1).build());
        client(CLI);
        listener.awaitConnected();
        Raw second = new Raw(socket());
        assertTrue(second.closedByServer());
    }

    @Test
    void an_endpoint_address_reaches_every_ready_connection_of_that_endpoint_id() throws Exception {
        UdsServerTransport server = start();
        UdsClient a = client(CLI);
        UdsClient b = client(CLI);
        UdsClient other = client("self::other");
        MtpAddress first = listener.awaitConnected();
        MtpAddress second = listener.awaitConnected();
        MtpAddress third = listener.awaitConnected();
        assertFalse(server.reaches(UdsServerTransport.endpointAddress(CLI)), "no connection is ready yet");
        for (MtpAddress connection : List.of(first, second, third)) {
            server.ready(connection);
        }
        assertTrue(server.reaches(UdsServerTransport.endpointAddress(CLI)));
        server.send(UdsServerTransport.endpointAddress(CLI), new byte[] {6}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {6}, a.receive(WAIT).orElseThrow());
        assertArrayEquals(new byte[] {6}, b.receive(WAIT).orElseThrow());
        assertTrue(other.receive(Duration.ofMillis(200)).isEmpty(), "not to another Endpoint ID");
        server.send(first, new byte[] {5}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        int got = (a.receive(Duration.ofMillis(500)).isPresent() ? 1 : 0) + (b.receive(Duration.ofMillis(500)).isPresent() ? 1 : 0)
                + (other.receive(Duration.ofMillis(500)).isPresent() ? 1 : 0);
        assertEquals(1, got, "a connection address reaches one connection");
    }

    @Test
    void a_connection_not_yet_ready_gets_only_what_is_sent_to_its_own_address() throws Exception {
        UdsServerTransport server = start();
        UdsClient early = client(CLI);
        MtpAddress earlyAddress = listener.awaitConnected();
        server.ready(earlyAddress);
        UdsClient late = client(CLI);
        MtpAddress lateAddress = listener.awaitConnected();
        server.send(UdsServerTransport.endpointAddress(CLI), new byte[] {7}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {7}, early.receive(WAIT).orElseThrow());
        server.send(lateAddress, new byte[] {8}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {8}, late.receive(WAIT).orElseThrow(), "its own address reaches it first");
        server.ready(lateAddress);
        server.send(UdsServerTransport.endpointAddress(CLI), new byte[] {9}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {9}, early.receive(WAIT).orElseThrow());
        assertArrayEquals(new byte[] {9}, late.receive(WAIT).orElseThrow(), "ready: the Endpoint ID reaches it");
    }

    @Test
    void sending_to_nobody_or_too_much_fails() throws Exception {
        UdsServerTransport server = start(UdsServerConfig.builder(socket(), AGENT).maxRecordSize(1024).build());
        ExecutionException none = assertThrows(ExecutionException.class,
                () -> server.send(UdsServerTransport.endpointAddress(CLI), new byte[] {1}).get());
        assertTrue(none.getCause() instanceof IOException);
        client(CLI);
        MtpAddress peer = listener.awaitConnected();
        ExecutionException large = assertThrows(ExecutionException.class,
                () -> server.send(peer, new byte[1025]).get());
        assertTrue(large.getCause() instanceof IllegalArgumentException);
    }

    @Test // R-UDS.18
    void the_client_gives_up_without_a_handshake_from_the_server() throws Exception {
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket()));
            IOException e = assertThrows(IOException.class,
                    () -> UdsClient.connect(socket(), CLI, Duration.ofMillis(200), 1 << 20));
            assertTrue(e.getMessage().contains("no Handshake"), e.getMessage());
        }
    }

    @Test
    void the_client_reports_a_missing_socket_or_a_dead_one() throws Exception {
        IOException missing = assertThrows(IOException.class, () -> UdsClient.connect(socket(), CLI, WAIT, 1 << 20));
        assertTrue(missing.getMessage().contains("No such file"), missing.getMessage());
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket()));
        }
        IOException refused = assertThrows(IOException.class, () -> UdsClient.connect(socket(), CLI, WAIT, 1 << 20));
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
    }

    @Test
    void close_ends_every_session_and_the_client_sees_it() throws Exception {
        UdsServerTransport server = start();
        UdsClient client = client(CLI);
        listener.awaitConnected();
        server.close();
        assertTrue(listener.awaitDisconnected().contains("shutting down"));
        assertThrows(UdsClient.ClosedException.class, () -> client.receive(WAIT));
    }
}

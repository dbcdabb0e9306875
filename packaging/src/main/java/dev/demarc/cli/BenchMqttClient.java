package dev.demarc.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The MQTT 5.0 client of {@code demarc bench}'s controller: just what the bench needs (CONNECT
 * with a clean start, one SUBSCRIBE, PUBLISH at QoS 1 with properties, PUBACK of what arrives,
 * DISCONNECT) over plain TCP with Nagle's algorithm off. It exists so that the controller takes
 * as little as possible of the CPU the agent it measures runs on: Paho copies every received
 * payload one byte at a time, twice, which for the answers to Get {@code Device.} cost the bench
 * more CPU than the agent spent answering.
 *
 * <p>Threads: one reader thread ({@code demarc-bench-mqtt}) reads every packet into one buffer it
 * reuses, calls the {@link Listener} (which must be quick: the PUBACK waits for it) and
 * acknowledges; {@link #publish} may be called from any thread, the listener's included, and
 * waits while {@link #receiveMaximum()} PUBLISHes await their PUBACK.
 */
final class BenchMqttClient implements AutoCloseable {

    /** What arrives, on the reader thread. */
    interface Listener {
        /**
         * A PUBLISH arrived: its payload is {@code length} bytes of {@code buffer} from {@code
         * offset}, valid only during the call (the reader reuses the buffer); {@code nanos} is
         * {@link System#nanoTime()} when its last byte was read.
         */
        void published(String topic, byte[] buffer, int offset, int length, long nanos);

        /** The connection ended (or the broker refused something); nothing more arrives. */
        void lost(String reason);
    }

    /** One MQTT 5.0 property to send: a UTF-8 string or a string pair. */
    record Property(int id, String value, String pairValue) {
        static Property string(int id, String value) {
            return new Property(id, value, null);
        }

        static Property userProperty(String name, String value) {
            return new Property(USER_PROPERTY, name, value);
        }
    }

    static final int CONTENT_TYPE = 0x03;
    static final int RESPONSE_TOPIC = 0x08;
    static final int USER_PROPERTY = 0x26;
    private static final int RECEIVE_MAXIMUM = 0x21;

    private static final int CONNECT = 1;
    private static final int CONNACK = 2;
    private static final int PUBLISH = 3;
    private static final int PUBACK = 4;
    private static final int SUBSCRIBE = 8;
    private static final int SUBACK = 9;
    private static final int PINGRESP = 13;
    private static final int DISCONNECT = 14;
    /** The largest packet accepted from the broker. */
    private static final int MAX_PACKET = 16 << 20;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Listener listener;
    private final long waitMillis;
    private final CompletableFuture<byte[]> connack = new CompletableFuture<>();
    private final CompletableFuture<byte[]> suback = new CompletableFuture<>();
    private final Thread reader;
    private volatile Semaphore window;
    private volatile int receiveMaximum;
    /** Under {@code out}'s lock. */
    private int nextPacketId;
    private volatile boolean closing;

    /**
     * Connects to {@code host:port} as {@code clientId} with a clean start and waits at most
     * {@code waitMillis} for CONNACK.
     *
     * @throws IOException if the broker cannot be reached, does not answer or refuses
     */
    BenchMqttClient(String host, int port, String clientId, Listener listener, long waitMillis) throws IOException {
        this.listener = listener;
        this.waitMillis = waitMillis;
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) waitMillis);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        reader = new Thread(this::readLoop, "demarc-bench-mqtt");
        reader.setDaemon(true);
        reader.start();
        Packet connect = new Packet();
        connect.string("MQTT");
        connect.write(5);        // protocol version 5.0
        connect.write(0x02);     // clean start, no will, no user name or password
        connect.u16(0);          // keep alive off: the bench is short and always busy
        connect.varint(0);       // no properties
        connect.string(clientId);
        try {
            send(CONNECT << 4, connect);
        } catch (IOException e) {
            close();
            throw e;
        }
        byte[] ack = await(connack, "CONNACK");
        if (ack.length < 2 || ack[1] != 0) {
            close();
            throw new IOException("the broker refused the connection: reason code " + (ack.length < 2 ? -1 : ack[1] & 0xFF));
        }
        receiveMaximum = connackReceiveMaximum(ack);
        window = new Semaphore(receiveMaximum);
    }

    /** The most QoS 1 PUBLISHes the broker takes unacknowledged (its Receive Maximum; 65,535 if not said). */
    int receiveMaximum() {
        return receiveMaximum;
    }

    /** Subscribes to {@code filter} at QoS 1 and waits for SUBACK. */
    void subscribe(String filter) throws IOException {
        Packet p = new Packet();
        p.u16(1);                // packet identifier; the only SUBSCRIBE
        p.varint(0);             // no properties
        p.string(filter);
        p.write(1);              // QoS 1
        send(SUBSCRIBE << 4 | 0x02, p);
        byte[] ack = await(suback, "SUBACK");
        // packet identifier, properties, then one reason code
        Reader r = new Reader(ack, ack.length);
        r.u16();
        r.skip(r.varint());
        int code = r.u8();
        if (code >= 0x80) {
            throw new IOException("the broker refused the subscription to " + filter + ": reason code " + code);
        }
    }

    /**
     * Publishes {@code payload} to {@code topic} at QoS 1 with {@code properties}; waits while the
     * broker's Receive Maximum of PUBLISHes await their PUBACK.
     *
     * @throws IOException if the connection fails, or no PUBACK frees a place in time
     */
    void publish(String topic, byte[] payload, List<Property> properties) throws IOException {
        try {
            if (!window.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new IOException(receiveMaximum + " PUBLISHes still await their PUBACK after " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Packet props = new Packet();
        for (Property p : properties) {
            props.write(p.id());
            props.string(p.value());
            if (p.pairValue() != null) {
                props.string(p.pairValue());
            }
        }
        Packet head = new Packet();
        head.string(topic);
        synchronized (out) {
            nextPacketId = nextPacketId % 0xFFFF + 1;
            head.u16(nextPacketId);
            head.varint(props.size());
            int remaining = head.size() + props.size() + payload.length;
            writeFixedHeader(PUBLISH << 4 | 0x02, remaining);
            head.writeTo(out);
            props.writeTo(out);
            out.write(payload);
            out.flush();
        }
    }

    private void send(int firstByte, Packet body) throws IOException {
        synchronized (out) {
            writeFixedHeader(firstByte, body.size());
            body.writeTo(out);
            out.flush();
        }
    }

    /** Under {@code out}'s lock. */
    private void writeFixedHeader(int firstByte, int remaining) throws IOException {
        out.write(firstByte);
        do {
            int b = remaining & 0x7F;
            remaining >>>= 7;
            out.write(remaining > 0 ? b | 0x80 : b);
        } while (remaining > 0);
    }

    private byte[] await(CompletableFuture<byte[]> packet, String what) throws IOException {
        try {
            return packet.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new IOException("no " + what + " from the broker within " + waitMillis + " ms");
        } catch (ExecutionException e) {
            close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------- reading

    private void readLoop() {
        String reason = "the connection to the broker was closed";
        byte[] buffer = new byte[1 << 16];
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                int remaining = readVarint();
                if (remaining > MAX_PACKET) {
                    reason = "a packet of " + remaining + " bytes from the broker";
                    break;
                }
                if (remaining > buffer.length) {
                    buffer = new byte[remaining];
                }
                in.readFully(buffer, 0, remaining);
                long nanos = System.nanoTime();
                if (!handle(first, buffer, remaining, nanos)) {
                    reason = "the broker sent DISCONNECT";
                    break;
                }
            }
        } catch (EOFException e) {
            reason = "the broker closed the connection";
        } catch (IOException | RuntimeException e) {
            reason = "the connection to the broker failed: " + e;
        }
        IOException failure = new IOException(reason);
        connack.completeExceptionally(failure);
        suback.completeExceptionally(failure);
        if (!closing) {
            listener.lost(reason);
        }
    }

    /** One packet from the broker, the first {@code length} bytes of {@code body}; false for DISCONNECT. */
    private boolean handle(int first, byte[] body, int length, long nanos) throws IOException {
        switch (first >> 4) {
            case CONNACK -> connack.complete(Arrays.copyOf(body, length));
            case SUBACK -> suback.complete(Arrays.copyOf(body, length));
            case PUBLISH -> published(first, body, length, nanos);
            case PUBACK -> {
                window.release();
                // packet identifier, then a reason code unless it is 0 (success)
                if (length > 2 && (body[2] & 0xFF) >= 0x80) {
                    listener.lost("the broker refused a PUBLISH: reason code " + (body[2] & 0xFF));
                }
            }
            case DISCONNECT -> {
                return false;
            }
            case PINGRESP -> {
                // not asked for; nothing to do
            }
            default -> throw new IOException("unexpected MQTT packet type " + (first >> 4));
        }
        return true;
    }

    private void published(int first, byte[] body, int length, long nanos) throws IOException {
        int qos = first >> 1 & 0x03;
        Reader r = new Reader(body, length);
        String topic = r.string();
        int packetId = qos > 0 ? r.u16() : 0;
        r.skip(r.varint());      // properties: the bench needs none of them
        listener.published(topic, body, r.position(), length - r.position(), nanos);
        if (qos == 1) {
            Packet ack = new Packet();
            ack.u16(packetId);
            send(PUBACK << 4, ack);
        } else if (qos == 2) {
            throw new IOException("a PUBLISH at QoS 2: the bench subscribes at QoS 1");
        }
    }

    private int readVarint() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }

    /** The Receive Maximum property of a CONNACK body; 65,535 when absent. */
    private static int connackReceiveMaximum(byte[] ack) throws IOException {
        Reader r = new Reader(ack, ack.length);
        r.u8();                  // acknowledge flags
        r.u8();                  // reason code
        int end = r.varint() + r.position();
        while (r.position() < end) {
            int id = r.varint();
            switch (id) {
                case RECEIVE_MAXIMUM -> {
                    int max = r.u16();
                    return max == 0 ? 65_535 : max;
                }
                // one byte
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> r.skip(1);
                // two bytes
                case 0x13, 0x22, 0x23 -> r.skip(2);
                // four bytes
                case 0x02, 0x11, 0x18, 0x27 -> r.skip(4);
                // variable byte integer
                case 0x0B -> r.varint();
                // UTF-8 string or binary data
                case 0x03, 0x08, 0x09, 0x12, 0x15, 0x16, 0x1A, 0x1C, 0x1F -> r.skip(r.u16());
                // string pair
                case USER_PROPERTY -> {
                    r.skip(r.u16());
                    r.skip(r.u16());
                }
                default -> throw new IOException("unknown property " + id + " in CONNACK");
            }
        }
        return 65_535;
    }

    /** Sends DISCONNECT, closes the connection and ends the reader thread. Again does nothing. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            synchronized (out) {
                out.write(DISCONNECT << 4);
                out.write(0);
                out.flush();
            }
        } catch (IOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
        try {
            reader.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- encoding

    /** The variable header and payload of a packet being built. */
    private static final class Packet extends ByteArrayOutputStream {
        Packet() {
            super(64);
        }

        void u16(int value) {
            write(value >> 8);
            write(value);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("an MQTT string of " + b.length + " bytes");
            }
            u16(b.length);
            write(b, 0, b.length);
        }

        void varint(int value) {
            do {
                int b = value & 0x7F;
                value >>>= 7;
                write(value > 0 ? b | 0x80 : b);
            } while (value > 0);
        }
    }

    /** Reads a packet's body. */
    private static final class Reader {
        private final byte[] bytes;
        private final int length;
        private int position;

        /** Reads the first {@code length} bytes of {@code bytes}. */
        Reader(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        int position() {
            return position;
        }

        int u8() throws IOException {
            need(1);
            return bytes[position++] & 0xFF;
        }

        int u16() throws IOException {
            need(2);
            int v = (bytes[position] & 0xFF) << 8 | bytes[position + 1] & 0xFF;
            position += 2;
            return v;
        }

        int varint() throws IOException {
            int value = 0;
            for (int shift = 0; shift < 28; shift += 7) {
                int b = u8();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("malformed variable byte integer");
        }

        String string() throws IOException {
            int n = u16();
            need(n);
            String s = new String(bytes, position, n, StandardCharsets.UTF_8);
            position += n;
            return s;
        }

        void skip(int n) throws IOException {
            need(n);
            position += n;
        }

        private void need(int n) throws IOException {
            if (n < 0 || position + n > length) {
                throw new IOException("a truncated MQTT packet");
            }
        }
    }
}

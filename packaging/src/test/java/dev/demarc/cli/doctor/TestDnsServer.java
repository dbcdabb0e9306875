package dev.demarc.cli.doctor;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS server on 127.0.0.1 for the tests: answers A, AAAA and root NS queries from a table of
 * names, or answers every query with one response code, or keeps silent. One thread, stopped by
 * {@link #close}.
 */
public final class TestDnsServer implements AutoCloseable {

    /** How the server treats a query. */
    enum Mode { ANSWER, SERVFAIL, REFUSED, NXDOMAIN, SILENT }

    private final DatagramSocket socket;
    private final Thread thread;
    private final Map<String, List<String>> names = new ConcurrentHashMap<>();
    private volatile Mode mode = Mode.ANSWER;
    final AtomicInteger queries = new AtomicInteger();

    TestDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code name} resolves to {@code addresses} (IPv4 and IPv6 texts); an unknown name is NXDOMAIN. */
    TestDnsServer name(String name, String... addresses) {
        names.put(name.toLowerCase(Locale.ROOT), List.of(addresses));
        return this;
    }

    TestDnsServer mode(Mode m) {
        mode = m;
        return this;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                queries.incrementAndGet();
                if (mode == Mode.SILENT) {
                    continue;
                }
                byte[] answer = answer(ByteBuffer.wrap(buf, 0, p.getLength()));
                socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(ByteBuffer q) throws IOException {
        short id = q.getShort();
        q.position(12);
        int qStart = 12;
        StringBuilder name = new StringBuilder();
        while (true) {
            int len = q.get() & 0xff;
            if (len == 0) {
                break;
            }
            byte[] label = new byte[len];
            q.get(label);
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
        }
        int type = q.getShort() & 0xffff;
        q.getShort();
        byte[] question = new byte[q.position() - qStart];
        q.position(qStart);
        q.get(question);
        int rcode = switch (mode) {
            case SERVFAIL -> 2;
            case REFUSED -> 5;
            case NXDOMAIN -> 3;
            default -> 0;
        };
        List<String> addrs = names.get(name.toString().toLowerCase(Locale.ROOT));
        java.io.ByteArrayOutputStream records = new java.io.ByteArrayOutputStream();
        int count = 0;
        if (rcode == 0) {
            if (name.length() == 0 && type == 2) {
                byte[] ns = {1, 'a', 12, 'r', 'o', 'o', 't', '-', 's', 'e', 'r', 'v', 'e', 'r', 's', 3, 'n', 'e', 't', 0};
                records.write(record(2, ns));
                count++;
            } else if (addrs == null) {
                rcode = 3;
            } else {
                for (String a : addrs) {
                    byte[] raw = InetAddress.getByName(a).getAddress();
                    if ((type == 1 && raw.length == 4) || (type == 28 && raw.length == 16)) {
                        records.write(record(type, raw));
                        count++;
                    }
                }
            }
        }
        ByteBuffer out = ByteBuffer.allocate(12 + question.length + records.size());
        out.putShort(id).putShort((short) (0x8180 | rcode)).putShort((short) 1).putShort((short) count)
                .putShort((short) 0).putShort((short) 0).put(question).put(records.toByteArray());
        return out.array();
    }

    /** A record of the question's name (compression pointer to offset 12), class IN, TTL 60. */
    private static byte[] record(int type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putShort((short) 0xC00C).putShort((short) type).putShort((short) 1).putInt(60)
                .putShort((short) data.length).put(data);
        return b.array();
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

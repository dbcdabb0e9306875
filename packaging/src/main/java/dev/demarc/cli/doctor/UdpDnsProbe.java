package dev.demarc.cli.doctor;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link DnsProbe} that sends a standard recursive query (RFC 1035) over UDP straight to the
 * server, bypassing the system's resolver and its cache, so that each configured server is
 * measured on its own. Asks for A records, then AAAA when the name has no IPv4 address; for
 * {@link #ROOT}, NS records of the root. Answers of up to {@value #MAX_ANSWER} bytes are read; a
 * truncated answer still tells whether the server resolved the name.
 *
 * <p>Stateless; any thread.
 */
public final class UdpDnsProbe implements DnsProbe {

    /** The largest answer read (EDNS0 is not used, so a server sends at most 512 bytes). */
    static final int MAX_ANSWER = 4096;
    /** The longest name: 255 bytes on the wire. */
    static final int MAX_NAME = 253;

    private static final int TYPE_A = 1;
    private static final int TYPE_NS = 2;
    private static final int TYPE_AAAA = 28;
    private static final int CLASS_IN = 1;
    private static final SecureRandom IDS = new SecureRandom();

    @Override
    public DnsAnswer query(InetSocketAddress server, String name, Duration timeout) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeout, "timeout");
        byte[] qname;
        try {
            qname = encodeName(name);
        } catch (IllegalArgumentException e) {
            return DnsAnswer.of(DnsAnswer.Outcome.BAD_ANSWER, 0, "not a name to ask: " + e.getMessage());
        }
        if (ROOT.equals(name)) {
            return ask(server, qname, TYPE_NS, timeout);
        }
        DnsAnswer v4 = ask(server, qname, TYPE_A, timeout);
        if (v4.outcome() != DnsAnswer.Outcome.NO_ADDRESS) {
            return v4;
        }
        DnsAnswer v6 = ask(server, qname, TYPE_AAAA, timeout);
        return v6.outcome() == DnsAnswer.Outcome.ANSWERED || v6.outcome() == DnsAnswer.Outcome.NO_ADDRESS
                ? new DnsAnswer(v6.outcome(), v6.addresses(), v4.millis() + v6.millis(), v6.detail()) : v4;
    }

    private static DnsAnswer ask(InetSocketAddress server, byte[] qname, int type, Duration timeout) {
        int id = IDS.nextInt(0x10000);
        ByteBuffer q = ByteBuffer.allocate(12 + qname.length + 4);
        q.putShort((short) id).putShort((short) 0x0100) // recursion desired
                .putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .put(qname).putShort((short) type).putShort((short) CLASS_IN);
        long start = System.nanoTime();
        long deadline = start + Math.max(1, timeout.toNanos());
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(q.array(), q.position()));
            byte[] buffer = new byte[MAX_ANSWER];
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return DnsAnswer.of(DnsAnswer.Outcome.TIMEOUT, millisSince(start),
                            "no answer in " + timeout.toMillis() + " ms");
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                if (p.getLength() >= 2 && ((buffer[0] & 0xff) << 8 | (buffer[1] & 0xff)) == id) {
                    return parse(ByteBuffer.wrap(buffer, 0, p.getLength()), type, millisSince(start));
                }
                // someone else's datagram: keep waiting for ours
            }
        } catch (SocketTimeoutException e) {
            return DnsAnswer.of(DnsAnswer.Outcome.TIMEOUT, millisSince(start), "no answer in " + timeout.toMillis()
                    + " ms");
        } catch (PortUnreachableException e) {
            return DnsAnswer.of(DnsAnswer.Outcome.UNREACHABLE, millisSince(start),
                    "the server's host says no DNS server listens there (ICMP port unreachable)");
        } catch (IOException e) {
            return DnsAnswer.of(DnsAnswer.Outcome.UNREACHABLE, millisSince(start), String.valueOf(e.getMessage()));
        }
    }

    /** Reads an answer; every length is checked against the datagram. */
    static DnsAnswer parse(ByteBuffer b, int type, long millis) {
        try {
            b.getShort(); // id, checked by the caller
            int flags = b.getShort() & 0xffff;
            int questions = b.getShort() & 0xffff;
            int answers = b.getShort() & 0xffff;
            b.getShort();
            b.getShort();
            if ((flags & 0x8000) == 0) {
                return DnsAnswer.of(DnsAnswer.Outcome.BAD_ANSWER, millis, "a query, not an answer");
            }
            int rcode = flags & 0xf;
            switch (rcode) {
                case 0 -> { }
                case 2 -> {
                    return DnsAnswer.of(DnsAnswer.Outcome.SERVER_FAILURE, millis, "SERVFAIL");
                }
                case 3 -> {
                    return DnsAnswer.of(DnsAnswer.Outcome.NAME_ERROR, millis, "NXDOMAIN");
                }
                case 5 -> {
                    return DnsAnswer.of(DnsAnswer.Outcome.REFUSED, millis, "REFUSED");
                }
                default -> {
                    return DnsAnswer.of(DnsAnswer.Outcome.BAD_ANSWER, millis, "response code " + rcode);
                }
            }
            for (int i = 0; i < questions; i++) {
                skipName(b);
                b.position(b.position() + 4);
            }
            List<String> addresses = new ArrayList<>();
            int records = 0;
            for (int i = 0; i < answers; i++) {
                skipName(b);
                int rtype = b.getShort() & 0xffff;
                b.getShort(); // class
                b.getInt(); // TTL
                int length = b.getShort() & 0xffff;
                if (length > b.remaining()) {
                    throw new IllegalArgumentException("record longer than the answer");
                }
                byte[] data = new byte[length];
                b.get(data);
                if (rtype == type) {
                    records++;
                    if ((type == TYPE_A && length == 4) || (type == TYPE_AAAA && length == 16)) {
                        addresses.add(InetAddress.getByAddress(data).getHostAddress());
                    }
                }
            }
            boolean found = type == TYPE_NS ? records > 0 : !addresses.isEmpty();
            if (!found) {
                boolean truncated = (flags & 0x0200) != 0;
                return truncated && answers == 0
                        ? DnsAnswer.of(DnsAnswer.Outcome.ANSWERED, millis, "")
                        : DnsAnswer.of(DnsAnswer.Outcome.NO_ADDRESS, millis, "no " + typeName(type) + " record");
            }
            return new DnsAnswer(DnsAnswer.Outcome.ANSWERED,
                    type == TYPE_NS ? List.of() : addresses, millis, "");
        } catch (RuntimeException | UnknownHostException e) {
            return DnsAnswer.of(DnsAnswer.Outcome.BAD_ANSWER, millis, "malformed answer: " + e);
        }
    }

    private static void skipName(ByteBuffer b) {
        for (int labels = 0; labels < 128; labels++) {
            int len = b.get() & 0xff;
            if (len == 0) {
                return;
            }
            if ((len & 0xc0) == 0xc0) {
                b.get();
                return;
            }
            if ((len & 0xc0) != 0) {
                throw new IllegalArgumentException("unknown label type");
            }
            b.position(b.position() + len);
        }
        throw new IllegalArgumentException("name too long");
    }

    /** {@code name} in the wire format; {@link #ROOT} is the empty name. */
    static byte[] encodeName(String name) {
        Objects.requireNonNull(name, "name");
        if (ROOT.equals(name)) {
            return new byte[] {0};
        }
        String ascii = IDN.toASCII(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        if (ascii.isEmpty() || ascii.length() > MAX_NAME) {
            throw new IllegalArgumentException("a name is 1 to " + MAX_NAME + " characters: " + name);
        }
        ByteBuffer b = ByteBuffer.allocate(ascii.length() + 2);
        for (String label : ascii.split("\\.", -1)) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > 63) {
                throw new IllegalArgumentException("a label is 1 to 63 characters: " + name);
            }
            b.put((byte) bytes.length).put(bytes);
        }
        b.put((byte) 0);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static String typeName(int type) {
        return switch (type) {
            case TYPE_A -> "A";
            case TYPE_AAAA -> "AAAA";
            default -> "NS";
        };
    }

    private static long millisSince(long startNanos) {
        return Math.max(0, (System.nanoTime() - startNanos) / 1_000_000);
    }
}

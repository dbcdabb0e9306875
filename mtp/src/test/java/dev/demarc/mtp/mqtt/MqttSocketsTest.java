package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain TCP sockets Paho is given, against a server on 127.0.0.1: buffered both ways, the
 * way Paho reads (a header byte by byte, then the rest) and writes (pieces of 1,024 bytes, then
 * a flush).
 */
class MqttSocketsTest {

    private ServerSocket server;
    private Socket client;
    private Socket accepted;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new MqttSockets(null, false, 5_000).createSocket();
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
        accepted = server.accept();
        accepted.setSoTimeout(5_000);
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        accepted.close();
        server.close();
    }

    @Test
    void eachStreamIsMadeOnceSoNothingBufferedIsLost() throws IOException {
        assertSame(client.getInputStream(), client.getInputStream());
        assertSame(client.getOutputStream(), client.getOutputStream());
    }

    @Test
    void aPacketWrittenInPiecesLeavesWholeWhenFlushed() throws IOException {
        byte[] packet = pattern(25_600);
        OutputStream out = client.getOutputStream();
        for (int offset = 0; offset < packet.length; offset += 1_024) {
            out.write(packet, offset, Math.min(1_024, packet.length - offset));
        }
        InputStream peer = accepted.getInputStream();
        accepted.setSoTimeout(200);
        assertThrows(SocketTimeoutException.class, peer::read, "nothing leaves before the flush");

        out.flush();
        accepted.setSoTimeout(5_000);
        byte[] received = new byte[packet.length];
        new DataInputStream(peer).readFully(received);
        assertArrayEquals(packet, received);
    }

    @Test
    void aPacketLargerThanTheBufferLeavesWholeToo() throws IOException {
        byte[] packet = pattern(MqttSockets.OUTPUT_BUFFER_BYTES * 2 + 100);
        OutputStream out = client.getOutputStream();
        for (int offset = 0; offset < packet.length; offset += 1_024) {
            out.write(packet, offset, Math.min(1_024, packet.length - offset));
        }
        out.flush();
        byte[] received = new byte[packet.length];
        new DataInputStream(accepted.getInputStream()).readFully(received);
        assertArrayEquals(packet, received);
    }

    @Test
    void packetsSentTogetherAreReadOneByOneAsPahoReadsThem() throws IOException {
        byte[] first = {0x30, 3, 'a', 'b', 'c'};          // a PUBLISH's fixed header and three bytes
        byte[] second = {0x40, 2, 0, 7};                   // a PUBACK
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        accepted.getOutputStream().write(both);
        accepted.getOutputStream().flush();

        DataInputStream in = new DataInputStream(client.getInputStream());
        assertEquals(0x30, in.readUnsignedByte());
        byte[] rest = new byte[in.readUnsignedByte()];
        in.readFully(rest);
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, rest);
        assertEquals(0x40, in.readUnsignedByte());
        assertEquals(2, in.readUnsignedByte());
        assertEquals(0, in.readUnsignedByte());
        assertEquals(7, in.readUnsignedByte());

        accepted.close();
        assertEquals(-1, in.read(), "the end of the stream still comes through");
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }
        return bytes;
    }
}

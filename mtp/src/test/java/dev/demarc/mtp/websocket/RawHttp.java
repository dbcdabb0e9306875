package dev.demarc.mtp.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain TCP socket speaking the handshake by hand, for requests no WebSocket client would send. */
final class RawHttp implements AutoCloseable {

    final Socket socket;

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) RecordingListener.WAIT_SECONDS * 1000);
    }

    /** A WebSocket upgrade request head for {@code target} with {@code extraHeaders} (CRLF-ended lines). */
    static String upgrade(String target, String extraHeaders) {
        return "GET " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    /** Sends {@code request} and returns the response head (status line and headers). */
    String exchange(String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return readHead();
    }

    String readHead() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String s = head.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads and drops bytes until the server closes the connection; returns how many came. */
    long readUntilClosed() throws IOException {
        InputStream in = socket.getInputStream();
        long n = 0;
        while (in.read() >= 0) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

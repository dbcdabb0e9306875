package dev.demarc.hal.diagnostics;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.IpVersion;
import dev.demarc.tr181.platform.TransferRequest;
import dev.demarc.tr181.platform.TransferResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TR-143 HTTP download or upload test, done in Java over one TCP connection: {@code GET} the
 * URL and read the whole answer, or {@code PUT} {@code TestFileLength} bytes (or, for a
 * time-based test, stream them with chunked encoding for the test's duration) and read the
 * answer. Times are taken where TR-143 puts them: TCP open request and response around the
 * connect, ROM as the request leaves, BOM at the first byte of the answer (download) or of the
 * data (upload), EOM at the last byte received (download) or at the server's answer (upload).
 * Test bytes are the bytes of the transaction in the test's direction, headers included; total
 * bytes are the interface's counters ({@code /sys/class/net/<dev>/statistics}) from the moment
 * the request leaves (download: the data cannot arrive earlier, and a fast server's data is
 * already counted when the first read returns) or the data starts (upload) to EOM, or the
 * connection's own bytes when the interface's counters cannot be read.
 *
 * <p>Bounded: the connect waits {@link #CONNECT_TIMEOUT}, every read {@code readTimeout}, the
 * answer's header {@link #MAX_HEADER} bytes, and the whole test {@code maxTest} (a time-based
 * one its duration plus a minute): a watchdog on {@code timers} closes the connection then.
 * Blocks: the diagnostics' own threads.
 */
final class HttpTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransfer.class);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_HEADER = 64 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final SystemFiles files;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Duration readTimeout;
    private final Duration maxTest;

    HttpTransfer(SystemFiles files, Clock clock, ScheduledExecutorService timers, Duration readTimeout,
                 Duration maxTest) {
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.maxTest = Objects.requireNonNull(maxTest, "maxTest");
    }

    /** The test {@code request} asks for, through {@code device} when it is not empty. */
    Result<TransferResult> run(TransferRequest request, String device) {
        URI url = request.url();
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        InetAddress address;
        try {
            Optional<InetAddress> chosen = pick(InetAddress.getAllByName(host), request.version());
            if (chosen.isEmpty()) {
                return Result.ok(TransferResult.failed(DiagnosticsStatus.CANNOT_RESOLVE_HOST_NAME, "",
                        TransferResult.Timing.none()));
            }
            address = chosen.get();
        } catch (UnknownHostException e) {
            return Result.ok(TransferResult.failed(DiagnosticsStatus.CANNOT_RESOLVE_HOST_NAME, "",
                    TransferResult.Timing.none()));
        }
        Optional<InetAddress> bindTo = Optional.empty();
        if (!device.isEmpty()) {
            try {
                NetworkInterface nic = NetworkInterface.getByName(device);
                if (nic == null) {
                    return Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS, "Interface: no network device " + device);
                }
                bindTo = Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> a.getClass() == address.getClass()).findFirst();
                if (bindTo.isEmpty()) {
                    return Result.ok(TransferResult.failed(DiagnosticsStatus.NO_ROUTE_TO_HOST, "",
                            TransferResult.Timing.none()));
                }
            } catch (SocketException e) {
                return Result.err(ErrorCode.INTERNAL_ERROR, "Interface " + device + ": " + e.getMessage());
            }
        }
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String hostHeader = (address instanceof Inet6Address && url.getHost().startsWith("[") ? url.getHost() : host)
                + (url.getPort() < 0 ? "" : ":" + port);
        Duration limit = request.timeBased() ? Duration.ofSeconds(request.durationSeconds() + 60L) : maxTest;
        try (Socket socket = new Socket()) {
            ScheduledFuture<?> watchdog = timers.schedule(() -> closeQuietly(socket), limit.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                return Result.ok(new Test(request, socket, bindTo, new InetSocketAddress(address, port), target,
                        hostHeader).run());
            } finally {
                watchdog.cancel(false);
            }
        } catch (IOException e) {
            return Result.ok(TransferResult.failed(DiagnosticsStatus.INTERNAL, "", TransferResult.Timing.none()));
        }
    }

    /** The first address of the version asked for ({@code Any}: the first). */
    static Optional<InetAddress> pick(InetAddress[] all, IpVersion version) {
        for (InetAddress a : all) {
            if (version == IpVersion.ANY || version == IpVersion.IPV4 && a instanceof Inet4Address
                    || version == IpVersion.IPV6 && a instanceof Inet6Address) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** An address as TR-181's IPAddress writes it: without an IPv6 zone. */
    static String text(InetAddress a) {
        String s = a.getHostAddress();
        int zone = s.indexOf('%');
        return zone >= 0 ? s.substring(0, zone) : s;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing is all that is wanted
        }
    }

    /** Why a test stopped early: its status. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final DiagnosticsStatus status;

        Stop(DiagnosticsStatus status, String why) {
            super(why, null, false, false);
            this.status = status;
        }
    }

    /** One test on one connection. */
    private final class Test {
        private final TransferRequest request;
        private final boolean download;
        private final Socket socket;
        private final Optional<InetAddress> bindTo;
        private final InetSocketAddress server;
        private final String target;
        private final String hostHeader;
        private String device = "";
        private String addressUsed = "";
        private Optional<Instant> tcpRequest = Optional.empty();
        private Optional<Instant> tcpResponse = Optional.empty();
        private Optional<Instant> rom = Optional.empty();
        private Optional<Instant> bom = Optional.empty();
        private Optional<Instant> eom = Optional.empty();
        private long received;
        private long sent;
        private long testBytes;
        private long rxAtBom;
        private long txAtBom;
        private long receivedAtBom;
        private long sentAtBom;
        private long deadlineNanos = Long.MAX_VALUE;
        private Intervals intervals;
        private final byte[] buf = new byte[BUFFER];
        private int pos;
        private int lim;
        private InputStream in;

        Test(TransferRequest request, Socket socket, Optional<InetAddress> bindTo, InetSocketAddress server,
             String target, String hostHeader) {
            this.request = request;
            this.download = request.direction() == TransferRequest.Direction.DOWNLOAD;
            this.socket = socket;
            this.bindTo = bindTo;
            this.server = server;
            this.target = target;
            this.hostHeader = hostHeader;
        }

        TransferResult run() {
            try {
                connect();
                if (download) {
                    download();
                } else {
                    upload();
                }
                return result(DiagnosticsStatus.COMPLETE);
            } catch (Stop s) {
                if (s.status == DiagnosticsStatus.COMPLETE) {
                    return result(DiagnosticsStatus.COMPLETE);
                }
                LOG.info("{} test of {} ended: {} ({})", download ? "download" : "upload", request.url(),
                        s.status.value(), s.getMessage());
                return result(s.status);
            }
        }

        private void connect() throws Stop {
            try {
                socket.setTrafficClass(request.dscp() << 2);
                if (bindTo.isPresent()) {
                    socket.bind(new InetSocketAddress(bindTo.get(), 0));
                }
                tcpRequest = Optional.of(clock.instant());
                socket.connect(server, (int) CONNECT_TIMEOUT.toMillis());
                tcpResponse = Optional.of(clock.instant());
                socket.setSoTimeout((int) readTimeout.toMillis());
                in = socket.getInputStream();
            } catch (NoRouteToHostException e) {
                throw new Stop(DiagnosticsStatus.NO_ROUTE_TO_HOST, e.getMessage());
            } catch (IOException e) {
                throw new Stop(DiagnosticsStatus.INIT_CONNECTION_FAILED, String.valueOf(e.getMessage()));
            }
            addressUsed = text(socket.getLocalAddress());
            try {
                NetworkInterface nic = NetworkInterface.getByInetAddress(socket.getLocalAddress());
                device = nic == null ? "" : nic.getName();
            } catch (SocketException e) {
                device = "";
            }
        }

        private void download() throws Stop {
            byte[] head = ("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: Demarc\r\n"
                    + "Accept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            rom = Optional.of(clock.instant());
            // The interface cannot receive the test's data before the request leaves.
            rxAtBom = counters(true);
            txAtBom = counters(false);
            write(head, head.length);
            int status = readHead(DiagnosticsStatus.TRANSFER_FAILED);
            if (status < 200 || status > 299) {
                throw new Stop(DiagnosticsStatus.TRANSFER_FAILED, "the server answered " + status);
            }
            readBody();
        }

        private void upload() throws Stop {
            boolean chunked = request.timeBased();
            byte[] head = ("PUT " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: Demarc\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + request.testFileLength() + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            rom = Optional.of(clock.instant());
            write(head, head.length);
            beginOfMessage();
            byte[] data = new byte[BUFFER];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ('A' + i % 26);
            }
            long left = request.testFileLength();
            while (chunked ? System.nanoTime() - deadlineNanos < 0 : left > 0) {
                int n = chunked ? data.length : (int) Math.min(left, data.length);
                if (chunked) {
                    byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                    write(size, size.length);
                }
                write(data, n);
                if (chunked) {
                    write(new byte[] {'\r', '\n'}, 2);
                }
                left -= n;
                if (intervals.active()) {
                    intervals.observe(clock.instant(), sent - sentAtBom, counters(true), counters(false));
                }
            }
            if (chunked) {
                byte[] end = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                write(end, end.length);
            }
            deadlineNanos = Long.MAX_VALUE;
            int status = readHead(DiagnosticsStatus.NO_RESPONSE);
            eom = Optional.of(clock.instant());
            if (status < 200 || status > 299) {
                throw new Stop(DiagnosticsStatus.NO_TRANSFER_COMPLETE, "the server answered " + status);
            }
            try {
                readBody();
            } catch (Stop ignored) {
                // the test is over at the answer's status; what follows it does not count
            }
        }

        private void beginOfMessage() {
            Instant now = clock.instant();
            bom = Optional.of(now);
            if (!download) {
                rxAtBom = counters(true);
                txAtBom = counters(false);
            }
            receivedAtBom = received;
            sentAtBom = sent;
            if (request.timeBased()) {
                deadlineNanos = System.nanoTime() + Duration.ofSeconds(request.durationSeconds()).toNanos();
            }
            intervals = new Intervals(now, request.timeBased() ? request.measurementOffsetSeconds() : 0,
                    request.timeBased() ? request.measurementIntervalSeconds() : 0, rxAtBom, txAtBom);
        }

        /** A cancelled test (its thread interrupted) stops. */
        private void cancelled() throws Stop {
            if (Thread.currentThread().isInterrupted()) {
                throw new Stop(DiagnosticsStatus.INTERNAL, "cancelled");
            }
        }

        private void write(byte[] bytes, int n) throws Stop {
            cancelled();
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes, 0, n);
                out.flush();
                sent += n;
            } catch (IOException e) {
                throw new Stop(download ? DiagnosticsStatus.TRANSFER_FAILED : DiagnosticsStatus.NO_TRANSFER_COMPLETE,
                        "sending failed: " + e.getMessage());
            }
        }

        /** Reads the status line and headers; answers the status code (1xx answers skipped). */
        private int readHead(DiagnosticsStatus midway) throws Stop {
            while (true) {
                String statusLine = line(true);
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new Stop(DiagnosticsStatus.NO_RESPONSE, "not an HTTP answer");
                }
                int code;
                try {
                    code = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new Stop(DiagnosticsStatus.NO_RESPONSE, "not an HTTP status: " + parts[1]);
                }
                contentLength = -1;
                chunkedBody = false;
                int headerBytes = statusLine.length();
                String h;
                while (!(h = line(false)).isEmpty()) {
                    headerBytes += h.length();
                    if (headerBytes > MAX_HEADER) {
                        throw new Stop(midway, "the answer's header is longer than " + MAX_HEADER + " bytes");
                    }
                    int colon = h.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    String value = h.substring(colon + 1).strip();
                    if (name.equals("content-length")) {
                        try {
                            contentLength = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new Stop(midway, "bad Content-Length " + value);
                        }
                    } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                        chunkedBody = true;
                    }
                }
                if (code >= 200 || code < 100) {
                    return code;
                }
            }
        }

        private long contentLength = -1;
        private boolean chunkedBody;

        private void readBody() throws Stop {
            if (chunkedBody) {
                while (true) {
                    String size = line(false);
                    int semi = size.indexOf(';');
                    long n;
                    try {
                        n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
                    } catch (NumberFormatException e) {
                        throw new Stop(failed(), "bad chunk size " + size);
                    }
                    if (n == 0) {
                        while (!line(false).isEmpty()) {
                            // trailer fields are not used
                        }
                        return;
                    }
                    if (!skip(n)) {
                        return;
                    }
                    line(false);
                }
            } else if (contentLength >= 0) {
                skip(contentLength);
            } else {
                skip(Long.MAX_VALUE);
            }
        }

        private DiagnosticsStatus failed() {
            return download ? DiagnosticsStatus.TRANSFER_FAILED : DiagnosticsStatus.NO_TRANSFER_COMPLETE;
        }

        /** Skips {@code n} bytes (to the end for MAX_VALUE); false when a time-based test's time is up. */
        private boolean skip(long n) throws Stop {
            long left = n;
            while (left > 0) {
                if (pos == lim) {
                    int got = fill(false);
                    if (got == -2) {
                        return false;
                    }
                    if (got < 0) {
                        if (n == Long.MAX_VALUE) {
                            return true;
                        }
                        throw new Stop(download ? DiagnosticsStatus.INCORRECT_SIZE : failed(),
                                "the connection closed " + left + " bytes early");
                    }
                }
                int take = (int) Math.min(left, lim - pos);
                pos += take;
                left -= take;
            }
            return true;
        }

        /** A header line without its end, ASCII. */
        private String line(boolean first) throws Stop {
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos == lim) {
                    int got = fill(first && b.length() == 0);
                    if (got == -2) {
                        throw new Stop(DiagnosticsStatus.COMPLETE, "the test's time is up");
                    }
                    if (got < 0) {
                        throw new Stop(b.length() == 0 && first ? DiagnosticsStatus.NO_RESPONSE : failed(),
                                "the connection closed in the answer's header");
                    }
                }
                char c = (char) (buf[pos++] & 0xff);
                if (c == '\n') {
                    int len = b.length();
                    return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
                }
                if (b.length() >= 8192) {
                    throw new Stop(failed(), "a header line longer than 8192 bytes");
                }
                b.append(c);
            }
        }

        /**
         * Reads more from the connection: the number of bytes, -1 at its end, -2 when a
         * time-based test's time is up. The first bytes of a download's answer are its BOM.
         */
        private int fill(boolean firstOfAnswer) throws Stop {
            cancelled();
            long left = deadlineNanos - System.nanoTime();
            if (deadlineNanos != Long.MAX_VALUE && left <= 0) {
                return -2;
            }
            try {
                long wait = Math.min(readTimeout.toMillis(), deadlineNanos == Long.MAX_VALUE
                        ? Long.MAX_VALUE : Math.max(1, left / 1_000_000));
                socket.setSoTimeout((int) Math.max(1, wait));
                int n = in.read(buf);
                if (n < 0) {
                    return -1;
                }
                Instant now = clock.instant();
                received += n;
                pos = 0;
                lim = n;
                if (download) {
                    if (bom.isEmpty()) {
                        received -= n;
                        beginOfMessage();
                        received += n;
                    }
                    eom = Optional.of(now);
                    if (intervals.active()) {
                        intervals.observe(now, received - receivedAtBom, counters(true), counters(false));
                    }
                }
                return n;
            } catch (SocketTimeoutException e) {
                if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() < readTimeout.toNanos()) {
                    return -2;
                }
                throw new Stop(firstOfAnswer ? DiagnosticsStatus.NO_RESPONSE : DiagnosticsStatus.TIMEOUT,
                        "nothing received for " + readTimeout.toSeconds() + " s");
            } catch (IOException e) {
                throw new Stop(socket.isClosed() ? DiagnosticsStatus.TIMEOUT : failed(),
                        "receiving failed: " + e.getMessage());
            }
        }

        /** The interface's received (or sent) bytes, or this connection's when they cannot be read. */
        private long counters(boolean rx) {
            if (!device.isEmpty()) {
                Optional<Long> v = files.readLong("/sys/class/net/" + device + "/statistics/"
                        + (rx ? "rx_bytes" : "tx_bytes"));
                if (v.isPresent()) {
                    return v.get();
                }
            }
            return rx ? received : sent;
        }

        private TransferResult result(DiagnosticsStatus status) {
            testBytes = download ? received : sent;
            long rx = bom.isPresent() ? Math.max(0, counters(true) - rxAtBom) : 0;
            long tx = bom.isPresent() ? Math.max(0, counters(false) - txAtBom) : 0;
            TransferResult.Timing timing = new TransferResult.Timing(tcpRequest, tcpResponse, rom, bom, eom,
                    testBytes, rx, tx);
            if (status != DiagnosticsStatus.COMPLETE) {
                return TransferResult.failed(status, addressUsed, timing);
            }
            long period = bom.isPresent() && eom.isPresent()
                    ? Math.max(0, Duration.between(bom.get(), eom.get()).toNanos() / 1000) : 0;
            return new TransferResult(status, addressUsed, timing, testBytes, rx, tx, period,
                    request.perConnectionResults() ? List.of(timing) : List.of(),
                    intervals == null ? List.of() : intervals.done());
        }
    }

    /** The measurement intervals of a time-based test: after the offset, one every interval. */
    private static final class Intervals {
        private final List<TransferResult.Interval> done = new ArrayList<>();
        private final long intervalSeconds;
        private Instant start;
        private long bytesAtStart;
        private long rxAtStart;
        private long txAtStart;

        Intervals(Instant bom, int offsetSeconds, int intervalSeconds, long rx, long tx) {
            this.intervalSeconds = intervalSeconds;
            this.start = bom.plusSeconds(offsetSeconds);
            this.rxAtStart = rx;
            this.txAtStart = tx;
            this.bytesAtStart = -1;
        }

        /** Whether the test has intervals to measure. */
        boolean active() {
            return intervalSeconds > 0 && done.size() < TransferResult.MAX_INCREMENTAL;
        }

        void observe(Instant now, long testBytes, long rx, long tx) {
            if (bytesAtStart < 0) {
                if (now.isBefore(start)) {
                    return;
                }
                bytesAtStart = testBytes;
                rxAtStart = rx;
                txAtStart = tx;
            }
            Instant end = start.plusSeconds(intervalSeconds);
            while (!now.isBefore(end) && done.size() < TransferResult.MAX_INCREMENTAL) {
                done.add(new TransferResult.Interval(start, end, Math.max(0, testBytes - bytesAtStart),
                        Math.max(0, rx - rxAtStart), Math.max(0, tx - txAtStart)));
                start = end;
                end = start.plusSeconds(intervalSeconds);
                bytesAtStart = testBytes;
                rxAtStart = rx;
                txAtStart = tx;
            }
        }

        List<TransferResult.Interval> done() {
            return List.copyOf(done);
        }
    }
}

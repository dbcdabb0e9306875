package dev.demarc.hal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.diagnostics.ToolDiagnostics;
import dev.demarc.hal.diagnostics.ToolRunner;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.IpVersion;
import dev.demarc.tr181.platform.PingRequest;
import dev.demarc.tr181.platform.PingResult;
import dev.demarc.tr181.platform.TraceRouteRequest;
import dev.demarc.tr181.platform.TraceRouteResult;
import dev.demarc.tr181.platform.TransferRequest;
import dev.demarc.tr181.platform.TransferResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics for real on this machine's loopback: {@code ping} and {@code traceroute} to
 * 127.0.0.1 (skipped with a message where the tools are missing: {@code .ci/run} installs
 * iputils-ping and traceroute), and HTTP download and upload tests against a server this test
 * runs on 127.0.0.1.
 */
class DiagnosticsOnLoopbackTest {

    private static final int MIB = 1024 * 1024;

    private final ScheduledExecutorService pool = PlatformThreads.newPool("test");
    private ToolDiagnostics diagnostics;
    private HttpServer server;
    private final AtomicLong uploaded = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        diagnostics = new ToolDiagnostics(SystemFiles.device(), ToolRunner.system(), pool, Result::ok, Clock.systemUTC());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file", exchange -> {
            exchange.sendResponseHeaders(200, MIB);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < MIB / chunk.length; i++) {
                    out.write(chunk);
                }
            }
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[16 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException closedByTheTest) {
                // the test stops reading when its time is up
            }
        });
        server.createContext("/upload", exchange -> {
            long n = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = in.read(buf)) >= 0) {
                    n += r;
                }
            }
            uploaded.set(n);
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        diagnostics.close();
        pool.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void ping_127_0_0_1_three_times() throws Exception {
        Assumptions.assumeTrue(diagnostics.capabilities().ipv4Ping(),
                "no ping on this machine: install iputils-ping to run this test");
        PingResult r = done(diagnostics.ping(new PingRequest("127.0.0.1", "", IpVersion.IPV4, 3, Duration.ofSeconds(2),
                56, 0)));
        assertEquals(DiagnosticsStatus.COMPLETE, r.status());
        assertEquals(3, r.successCount());
        assertEquals(0, r.failureCount());
        assertEquals("127.0.0.1", r.addressUsed());
        assertTrue(r.minimumMicros() <= r.averageMicros() && r.averageMicros() <= r.maximumMicros());
        assertTrue(r.maximumMicros() > 0);
    }

    @Test
    void ping_through_the_loopback_interface_with_a_dscp() throws Exception {
        Assumptions.assumeTrue(diagnostics.capabilities().ipv4Ping(), "no ping on this machine");
        PingResult r = done(diagnostics.ping(new PingRequest("localhost", "lo", IpVersion.IPV4, 1, Duration.ofSeconds(2),
                100, 46)));
        assertEquals(DiagnosticsStatus.COMPLETE, r.status());
        assertEquals(1, r.successCount());
        assertEquals("127.0.0.1", r.addressUsed());
    }

    @Test
    void a_cancelled_ping_is_stopped() throws Exception {
        Assumptions.assumeTrue(diagnostics.capabilities().ipv4Ping(), "no ping on this machine");
        var stage = diagnostics.ping(new PingRequest("127.0.0.1", "", IpVersion.IPV4, 300, Duration.ofSeconds(1), 56, 0))
                .toCompletableFuture();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pings() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, pings(), "the ping runs");
        assertTrue(stage.cancel(true));
        while (pings() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, pings(), "the cancelled test's ping was killed");
    }

    /** The ping processes this JVM runs. */
    private static long pings() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ping")).orElse(false)).count();
    }

    @Test
    void a_host_that_does_not_resolve() throws Exception {
        Assumptions.assumeTrue(diagnostics.capabilities().ipv4Ping(), "no ping on this machine");
        assertEquals(DiagnosticsStatus.CANNOT_RESOLVE_HOST_NAME, done(diagnostics.ping(new PingRequest(
                "no-such-host.invalid", "", IpVersion.ANY, 1, Duration.ofSeconds(1), 56, 0))).status());
    }

    @Test
    void trace_route_to_127_0_0_1() throws Exception {
        Assumptions.assumeTrue(diagnostics.capabilities().ipv4TraceRoute(),
                "neither traceroute nor iputils ping on this machine: install traceroute to run this test");
        TraceRouteResult r = done(diagnostics.traceRoute(new TraceRouteRequest("127.0.0.1", "", IpVersion.IPV4, 3,
                Duration.ofSeconds(2), 38, 0, 5)));
        assertEquals(DiagnosticsStatus.COMPLETE, r.status(), r::toString);
        assertEquals(1, r.hops().size());
        assertEquals("127.0.0.1", r.hops().get(0).host());
        assertTrue(r.responseTimeMillis() >= 1);
        assertTrue(r.hops().get(0).rttMillis().stream().allMatch(t -> t >= 1), "loopback answers every probe");
    }

    @Test
    void download_a_mebibyte() throws Exception {
        Instant before = Instant.now();
        TransferResult r = done(diagnostics.transfer(new TransferRequest(TransferRequest.Direction.DOWNLOAD,
                URI.create(url("/file")), "", IpVersion.ANY, 0, 0, 0, 0, 0, true)));
        assertEquals(DiagnosticsStatus.COMPLETE, r.status());
        assertEquals("127.0.0.1", r.addressUsed());
        TransferResult.Timing t = r.timing();
        assertTrue(t.testBytes() > MIB && t.testBytes() < MIB + 1024, "the file and its header: " + t.testBytes());
        assertFalse(t.tcpOpenRequest().get().isBefore(before));
        assertFalse(t.tcpOpenResponse().get().isBefore(t.tcpOpenRequest().get()));
        assertFalse(t.rom().get().isBefore(t.tcpOpenResponse().get()));
        assertFalse(t.bom().get().isBefore(t.rom().get()));
        assertFalse(t.eom().get().isBefore(t.bom().get()));
        assertTrue(t.totalReceived() >= MIB, "the loopback's counters saw at least the file: " + t.totalReceived());
        assertEquals(t.testBytes(), r.testBytesUnderFullLoading());
        assertEquals(1, r.perConnection().size());
    }

    @Test
    void upload_a_quarter_mebibyte() throws Exception {
        TransferResult r = done(diagnostics.transfer(new TransferRequest(TransferRequest.Direction.UPLOAD,
                URI.create(url("/upload")), "", IpVersion.IPV4, 8, MIB / 4, 0, 0, 0, false)));
        assertEquals(DiagnosticsStatus.COMPLETE, r.status());
        assertEquals(MIB / 4, uploaded.get(), "the server got the whole test file");
        assertTrue(r.timing().testBytes() > MIB / 4, "the file and the request's header");
        assertFalse(r.timing().eom().get().isBefore(r.timing().bom().get()));
        assertTrue(r.timing().totalSent() >= MIB / 4);
    }

    @Test
    void a_time_based_download_with_measurement_intervals() throws Exception {
        TransferResult r = done(diagnostics.transfer(new TransferRequest(TransferRequest.Direction.DOWNLOAD,
                URI.create(url("/endless")), "", IpVersion.ANY, 0, 0, 2, 1, 0, false)));
        assertEquals(DiagnosticsStatus.COMPLETE, r.status());
        assertTrue(r.incremental().size() >= 1 && r.incremental().size() <= 2, r.incremental()::toString);
        TransferResult.Interval first = r.incremental().get(0);
        assertEquals(Duration.ofSeconds(1), Duration.between(first.start(), first.end()));
        assertTrue(first.testBytes() > 0);
    }

    @Test
    void a_time_based_upload_streams_for_its_duration() throws Exception {
        TransferResult r = done(diagnostics.transfer(new TransferRequest(TransferRequest.Direction.UPLOAD,
                URI.create(url("/upload")), "", IpVersion.ANY, 0, 0, 1, 0, 0, false)));
        assertEquals(DiagnosticsStatus.COMPLETE, r.status());
        assertTrue(uploaded.get() > 0);
        assertTrue(Duration.between(r.timing().bom().get(), r.timing().eom().get()).toMillis() >= 1000);
    }

    @Test
    void a_missing_file_and_a_closed_port_are_failures_with_their_status() throws Exception {
        assertEquals(DiagnosticsStatus.TRANSFER_FAILED, done(diagnostics.transfer(new TransferRequest(
                TransferRequest.Direction.DOWNLOAD, URI.create(url("/missing")), "", IpVersion.ANY, 0, 0, 0, 0, 0,
                false))).status());
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(DiagnosticsStatus.INIT_CONNECTION_FAILED, done(diagnostics.transfer(new TransferRequest(
                TransferRequest.Direction.DOWNLOAD, URI.create("http://127.0.0.1:" + closed + "/"), "", IpVersion.ANY,
                0, 0, 0, 0, 0, false))).status());
        assertEquals(DiagnosticsStatus.CANNOT_RESOLVE_HOST_NAME, done(diagnostics.transfer(new TransferRequest(
                TransferRequest.Direction.DOWNLOAD, URI.create("http://no-such-host.invalid/"), "", IpVersion.ANY,
                0, 0, 0, 0, 0, false))).status());
    }

    @Test
    void an_interface_that_does_not_exist_is_refused() throws Exception {
        Result<TransferResult> r = diagnostics.transfer(new TransferRequest(TransferRequest.Direction.DOWNLOAD,
                URI.create(url("/file")), "nosuch0", IpVersion.ANY, 0, 0, 0, 0, 0, false))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(ErrorCode.INVALID_COMMAND_ARGUMENTS, r.error().code());
    }

    private static <T> T done(CompletionStage<Result<T>> stage) throws Exception {
        Result<T> r = stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        if (!r.isOk()) {
            throw new AssertionError(r.error().toString());
        }
        return r.value();
    }
}

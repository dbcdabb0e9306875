package dev.demarc.hal.simulated;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.diagnostics.TraceRouteOutput;
import dev.demarc.tr181.platform.Diagnostics;
import dev.demarc.tr181.platform.DiagnosticsCapabilities;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.PingRequest;
import dev.demarc.tr181.platform.PingResult;
import dev.demarc.tr181.platform.RouteHop;
import dev.demarc.tr181.platform.TraceRouteRequest;
import dev.demarc.tr181.platform.TraceRouteResult;
import dev.demarc.tr181.platform.TransferRequest;
import dev.demarc.tr181.platform.TransferResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * IP diagnostics of a simulated device: nothing is sent on the network; each test answers at
 * once what the file's {@code "diagnostics"} area says of its host:
 *
 * <pre>{@code
 * "diagnostics": {
 *   "addressUsed": "192.0.2.10",
 *   "ping": { "8.8.8.8":  { "replyMicros": [11800, 12100, 12500], "successPercent": 100 },
 *             "10.9.9.9": { "status": "Error_NoRouteToHost" } },
 *   "traceRoute": { "8.8.8.8": { "hops": [ { "host": "192.168.1.1", "rttMillis": [1, 1, 1] },
 *                                          { "host": "8.8.8.8", "rttMillis": [12, 12, 13] } ] } },
 *   "download": { "bytesPerSecond": 12500000, "testBytes": 10485760 },
 *   "upload":   { "bytesPerSecond": 2500000 }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Ping: a host the area does not list does not resolve; {@code successPercent} of the
 *   requests (default 100) get replies, whose times cycle through {@code replyMicros}.</li>
 *   <li>TraceRoute: the hops listed (cut to {@code MaxHopCount}, times to {@code NumberOfTries});
 *   Complete when the last hop is the host.</li>
 *   <li>Download and upload: the test moved {@code testBytes} (download, default 1 MiB),
 *   {@code TestFileLength} (upload) or {@code bytesPerSecond} times the duration (time based)
 *   at {@code bytesPerSecond}, ending now; total bytes are the test bytes in the test's
 *   direction and 0 the other way. A test the area has no member for fails with 7022.</li>
 *   <li>{@code "status"} in an entry (a TR-181 value such as {@code Error_NoRouteToHost}) makes the test end so.</li>
 * </ul>
 * The area is read at each test, so a timeline step can change the answers. Any thread.
 */
final class SimulatedDiagnostics implements Diagnostics {

    static final String AREA = "diagnostics";
    private static final long DEFAULT_DOWNLOAD = 1024 * 1024;

    private final SimulatedDevice device;
    private final Clock clock;

    SimulatedDiagnostics(SimulatedDevice device, Clock clock) {
        this.device = device;
        this.clock = clock;
    }

    private JsonValue.Obj area() {
        return device.area(AREA) instanceof JsonValue.Obj o ? o : new JsonValue.Obj(Map.of());
    }

    @Override
    public DiagnosticsCapabilities capabilities() {
        JsonValue.Obj a = area();
        boolean ping = a.object("ping").isPresent();
        boolean trace = a.object("traceRoute").isPresent();
        boolean transfer = a.object("download").isPresent() || a.object("upload").isPresent();
        return new DiagnosticsCapabilities(ping, ping, trace, trace, transfer, transfer);
    }

    @Override
    public CompletionStage<Result<PingResult>> ping(PingRequest request) {
        JsonValue.Obj a = area();
        String used = a.string("addressUsed", "");
        Optional<JsonValue.Obj> host = a.object("ping").flatMap(p -> p.object(request.host()));
        if (host.isEmpty()) {
            return done(Result.ok(PingResult.failed(DiagnosticsStatus.CANNOT_RESOLVE_HOST_NAME, "")));
        }
        Optional<DiagnosticsStatus> status = status(host.get());
        if (status.isPresent() && status.get() != DiagnosticsStatus.COMPLETE) {
            return done(Result.ok(PingResult.failed(status.get(), used)));
        }
        long percent = Math.max(0, Math.min(100, host.get().number("successPercent").orElse(100)));
        int ok = (int) Math.round(request.repetitions() * percent / 100.0);
        List<Long> times = new ArrayList<>();
        host.get().array("replyMicros").items().forEach(v -> {
            if (v instanceof JsonValue.Num n && n.value().signum() >= 0) {
                times.add(n.value().longValue());
            }
        });
        if (times.isEmpty()) {
            times.add(1000L);
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        for (int i = 0; i < ok; i++) {
            long t = times.get(i % times.size());
            min = Math.min(min, t);
            max = Math.max(max, t);
            sum += t;
        }
        long avg = ok == 0 ? 0 : Math.max(min, Math.min(max, Math.round(sum / (double) ok)));
        return done(Result.ok(new PingResult(DiagnosticsStatus.COMPLETE, used, ok, request.repetitions() - ok, avg,
                ok == 0 ? 0 : min, max)));
    }

    @Override
    public CompletionStage<Result<TraceRouteResult>> traceRoute(TraceRouteRequest request) {
        JsonValue.Obj a = area();
        String used = a.string("addressUsed", "");
        Optional<JsonValue.Obj> host = a.object("traceRoute").flatMap(p -> p.object(request.host()));
        if (host.isEmpty()) {
            return done(Result.ok(TraceRouteResult.failed(DiagnosticsStatus.CANNOT_RESOLVE_HOST_NAME, "")));
        }
        Optional<DiagnosticsStatus> status = status(host.get());
        if (status.isPresent() && status.get() != DiagnosticsStatus.COMPLETE) {
            return done(Result.ok(TraceRouteResult.failed(status.get(), used)));
        }
        List<RouteHop> hops = new ArrayList<>();
        for (JsonValue.Obj h : host.get().array("hops").objects()) {
            if (hops.size() >= request.maxHops()) {
                break;
            }
            List<Long> rtts = new ArrayList<>();
            h.array("rttMillis").items().forEach(v -> {
                if (v instanceof JsonValue.Num n && n.value().signum() >= 0 && rtts.size() < request.tries()) {
                    rtts.add(n.value().longValue());
                }
            });
            while (rtts.size() < request.tries()) {
                rtts.add(0L);
            }
            hops.add(new RouteHop(h.string("host", ""), "", h.number("errorCode").orElse(0), rtts));
        }
        if (hops.isEmpty()) {
            return done(Result.ok(TraceRouteResult.failed(DiagnosticsStatus.OTHER, used)));
        }
        return done(Result.ok(TraceRouteOutput.result(hops, request.host(), request.maxHops(), used)));
    }

    @Override
    public CompletionStage<Result<TransferResult>> transfer(TransferRequest request) {
        boolean down = request.direction() == TransferRequest.Direction.DOWNLOAD;
        JsonValue.Obj a = area();
        Optional<JsonValue.Obj> spec = a.object(down ? "download" : "upload");
        if (spec.isEmpty()) {
            return done(Result.err(ErrorCode.COMMAND_FAILURE, "the simulated device has no \"" + AREA + "\"."
                    + (down ? "download" : "upload") + " in " + device.source()));
        }
        String used = a.string("addressUsed", "");
        Optional<DiagnosticsStatus> status = status(spec.get());
        if (status.isPresent() && status.get() != DiagnosticsStatus.COMPLETE) {
            return done(Result.ok(TransferResult.failed(status.get(), used, TransferResult.Timing.none())));
        }
        long rate = Math.max(1, spec.get().number("bytesPerSecond").orElse(1_000_000));
        long bytes = request.timeBased() ? rate * request.durationSeconds()
                : down ? Math.max(0, spec.get().number("testBytes").orElse(DEFAULT_DOWNLOAD)) : request.testFileLength();
        Instant eom = clock.instant();
        Instant bom = eom.minus(Duration.ofNanos(bytes * 1_000_000_000L / rate));
        Instant rom = bom.minusMillis(1);
        Instant tcpRequest = rom.minusMillis(1);
        TransferResult.Timing timing = new TransferResult.Timing(Optional.of(tcpRequest), Optional.of(rom),
                Optional.of(rom), Optional.of(bom), Optional.of(eom), bytes, down ? bytes : 0, down ? 0 : bytes);
        long micros = Duration.between(bom, eom).toNanos() / 1000;
        List<TransferResult.Interval> intervals = new ArrayList<>();
        if (request.timeBased() && request.measurementIntervalSeconds() > 0) {
            Instant start = bom.plusSeconds(request.measurementOffsetSeconds());
            long per = rate * request.measurementIntervalSeconds();
            while (!start.plusSeconds(request.measurementIntervalSeconds()).isAfter(eom)
                    && intervals.size() < TransferResult.MAX_INCREMENTAL) {
                Instant end = start.plusSeconds(request.measurementIntervalSeconds());
                intervals.add(new TransferResult.Interval(start, end, per, down ? per : 0, down ? 0 : per));
                start = end;
            }
        }
        return done(Result.ok(new TransferResult(DiagnosticsStatus.COMPLETE, used, timing, bytes,
                down ? bytes : 0, down ? 0 : bytes, micros,
                request.perConnectionResults() ? List.of(timing) : List.of(), intervals)));
    }

    private static Optional<DiagnosticsStatus> status(JsonValue.Obj entry) {
        Optional<String> s = entry.string("status");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        for (DiagnosticsStatus d : DiagnosticsStatus.values()) {
            if (d.value().equals(s.get())) {
                return Optional.of(d);
            }
        }
        return Optional.of(DiagnosticsStatus.OTHER);
    }

    private static <T> CompletionStage<Result<T>> done(Result<T> r) {
        return CompletableFuture.completedFuture(r);
    }
}

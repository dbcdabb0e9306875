package dev.demarc.hal.diagnostics;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.Diagnostics;
import dev.demarc.tr181.platform.DiagnosticsCapabilities;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.IpVersion;
import dev.demarc.tr181.platform.PingRequest;
import dev.demarc.tr181.platform.PingResult;
import dev.demarc.tr181.platform.RouteHop;
import dev.demarc.tr181.platform.TraceRouteRequest;
import dev.demarc.tr181.platform.TraceRouteResult;
import dev.demarc.tr181.platform.TransferRequest;
import dev.demarc.tr181.platform.TransferResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IP diagnostics of a Linux or OpenWrt device: {@code ping} (iputils or busybox) for
 * {@code IPPing()}, {@code traceroute} (the Linux one or busybox's; without it, iputils
 * {@code ping -t TTL} hop by hop) for {@code TraceRoute()}, and HTTP transfers done in Java
 * ({@link HttpTransfer}) for {@code DownloadDiagnostics()} and {@code UploadDiagnostics()}.
 *
 * <p>Host names are resolved here (in Java) before a tool runs, so that a name that does not
 * resolve is {@code Error_CannotResolveHostName} and the tool gets an address. The
 * {@code IPAddressUsed} is the local address the kernel picks for the destination (or the
 * chosen interface's address). An interface is given by its TR-181 {@code Name}; the platform
 * maps it to the network device ({@code wan} to {@code eth0.2} on OpenWrt).
 *
 * <p>Tests run on this object's own threads: at most {@link #RUNNING} at once and
 * {@link #QUEUED} waiting, more are refused (7005). Every tool run is bounded in time; a test
 * whose stage is cancelled is interrupted (its tool killed). Made by the platform, which
 * {@link #close}s it.
 */
public final class ToolDiagnostics implements Diagnostics, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ToolDiagnostics.class);

    /** Tests running at once. */
    public static final int RUNNING = 2;
    /** Tests waiting for a thread. */
    public static final int QUEUED = 8;
    /** How long a transfer waits for a byte. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** The longest a transfer that is not time based may take. */
    static final Duration MAX_TRANSFER = Duration.ofMinutes(10);
    /** The longest a trace route may take. */
    static final Duration MAX_TRACE = Duration.ofMinutes(10);
    private static final List<String> PATH = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");
    private static final Pattern FROM = Pattern.compile("^From (\\S+?):? .*?icmp_seq=\\d+ (.*)$");
    private static final Pattern TIME = Pattern.compile("bytes from .*?time[=<]\\s*([0-9]+(?:\\.[0-9]+)?)\\s*ms");

    /** A tool found on the device: where, and whether it is busybox's applet (other options). */
    public record Tool(String path, boolean busybox) {
        public Tool {
            Objects.requireNonNull(path, "path");
        }
    }

    private final ToolRunner runner;
    private final Function<String, Result<String>> deviceOf;
    private final Optional<Tool> ping;
    private final Optional<Tool> traceroute;
    private final DiagnosticsCapabilities capabilities;
    private final HttpTransfer http;
    private final ThreadPoolExecutor executor;

    /**
     * @param files    the file root: where the tools are looked for, and the interfaces' counters
     * @param runner   runs the tools
     * @param timers   the platform's pool, for the transfers' watchdogs
     * @param deviceOf maps an interface's TR-181 {@code Name} to its network device (called on
     *                 this object's threads; may run a command)
     * @param clock    wall clock, for the transfers' times
     */
    public ToolDiagnostics(SystemFiles files, ToolRunner runner, ScheduledExecutorService timers,
                           Function<String, Result<String>> deviceOf, Clock clock) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.deviceOf = Objects.requireNonNull(deviceOf, "deviceOf");
        this.ping = find(files, "ping");
        this.traceroute = find(files, "traceroute");
        boolean v6 = files.exists("/proc/net/if_inet6");
        boolean trace = traceroute.isPresent() || ping.isPresent() && !ping.get().busybox();
        this.capabilities = new DiagnosticsCapabilities(ping.isPresent(), ping.isPresent() && v6, trace, trace && v6,
                true, v6);
        this.http = new HttpTransfer(files, clock, timers, READ_TIMEOUT, MAX_TRANSFER);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(RUNNING, RUNNING, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                r -> {
                    Thread t = new Thread(r, "demarc-diagnostics-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
        LOG.debug("diagnostics: ping {}, traceroute {}", ping, traceroute);
    }

    /** The tool {@code name} in the usual directories; a link to busybox is busybox's applet. */
    public static Optional<Tool> find(SystemFiles files, String name) {
        for (String dir : PATH) {
            String path = dir + "/" + name;
            if (files.exists(path)) {
                boolean busybox = files.linkName(path).map(l -> l.equals("busybox")).orElse(false);
                return Optional.of(new Tool(path, busybox));
            }
        }
        return Optional.empty();
    }

    @Override
    public DiagnosticsCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Result<PingResult>> ping(PingRequest request) {
        Objects.requireNonNull(request, "request");
        if (ping.isEmpty()) {
            return done(Result.err(ErrorCode.COMMAND_FAILURE, "ping is not installed on this device"));
        }
        if (request.dscp() != 0 && ping.get().busybox()) {
            return done(Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS,
                    "DSCP: busybox's ping on this device cannot set it; leave it out or 0"));
        }
        return submit(() -> runPing(request));
    }

    @Override
    public CompletionStage<Result<TraceRouteResult>> traceRoute(TraceRouteRequest request) {
        Objects.requireNonNull(request, "request");
        if (!capabilities.ipv4TraceRoute()) {
            return done(Result.err(ErrorCode.COMMAND_FAILURE, "neither traceroute nor iputils ping is installed"));
        }
        return submit(() -> runTraceRoute(request));
    }

    @Override
    public CompletionStage<Result<TransferResult>> transfer(TransferRequest request) {
        Objects.requireNonNull(request, "request");
        return submit(() -> device(request.interfaceName()).flatMap(dev -> http.run(request, dev)));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static <T> CompletionStage<Result<T>> done(Result<T> r) {
        return CompletableFuture.completedFuture(r);
    }

    private <T> CompletionStage<Result<T>> submit(Supplier<Result<T>> work) {
        CompletableFuture<Result<T>> f = new CompletableFuture<>();
        try {
            Future<?> task = executor.submit(() -> {
                try {
                    f.complete(work.get());
                } catch (RuntimeException e) {
                    LOG.error("a diagnostic failed", e);
                    f.complete(Result.err(ErrorCode.INTERNAL_ERROR, "the test failed: " + e));
                }
            });
            // A cancelled test is interrupted: its tool is killed, its transfer stops.
            f.whenComplete((r, e) -> {
                if (f.isCancelled()) {
                    task.cancel(true);
                }
            });
        } catch (RejectedExecutionException e) {
            f.complete(Result.err(ErrorCode.RESOURCES_EXCEEDED, "too many diagnostics are running or waiting ("
                    + (RUNNING + QUEUED) + "); try again later"));
        }
        return f;
    }

    private Result<String> device(String interfaceName) {
        return interfaceName.isEmpty() ? Result.ok("") : deviceOf.apply(interfaceName);
    }

    // ------------------------------------------------------------------ ping

    private Result<PingResult> runPing(PingRequest r) {
        Result<String> dev = device(r.interfaceName());
        if (!dev.isOk()) {
            return Result.err(dev.error());
        }
        Optional<InetAddress> target = resolve(r.host(), r.version());
        if (target.isEmpty()) {
            return Result.ok(PingResult.failed(DiagnosticsStatus.CANNOT_RESOLVE_HOST_NAME, ""));
        }
        String used = sourceAddress(target.get(), dev.value());
        long waitSeconds = Math.max(1, (r.timeout().toMillis() + 999) / 1000);
        List<String> argv = new ArrayList<>(List.of(ping.get().path()));
        if (!ping.get().busybox()) {
            argv.add("-n");
        }
        argv.addAll(List.of("-c", Integer.toString(r.repetitions()), "-W", Long.toString(waitSeconds),
                "-s", Integer.toString(r.dataBlockSize())));
        if (r.dscp() != 0) {
            argv.addAll(List.of("-Q", Integer.toString(r.dscp() << 2)));
        }
        if (!dev.value().isEmpty()) {
            argv.addAll(List.of("-I", dev.value()));
        }
        argv.add(target.get() instanceof Inet6Address ? "-6" : "-4");
        argv.add(HttpTransfer.text(target.get()));
        Result<ToolRunner.Completed> ran = runner.run(argv,
                Duration.ofSeconds(r.repetitions() + waitSeconds + 10));
        if (!ran.isOk()) {
            return Result.ok(PingResult.failed(DiagnosticsStatus.INTERNAL, used));
        }
        return Result.ok(PingOutput.parse(r.repetitions(), ran.value(), used));
    }

    // ------------------------------------------------------------------ trace route

    private Result<TraceRouteResult> runTraceRoute(TraceRouteRequest r) {
        Result<String> dev = device(r.interfaceName());
        if (!dev.isOk()) {
            return Result.err(dev.error());
        }
        Optional<InetAddress> target = resolve(r.host(), r.version());
        if (target.isEmpty()) {
            return Result.ok(TraceRouteResult.failed(DiagnosticsStatus.CANNOT_RESOLVE_HOST_NAME, ""));
        }
        String address = HttpTransfer.text(target.get());
        String used = sourceAddress(target.get(), dev.value());
        boolean v6 = target.get() instanceof Inet6Address;
        if (traceroute.isEmpty()) {
            return Result.ok(pingHopByHop(r, target.get(), dev.value(), used));
        }
        boolean busybox = traceroute.get().busybox();
        long waitMillis = r.timeout().toMillis();
        String wait = busybox ? Long.toString(Math.max(1, (waitMillis + 999) / 1000))
                : BigDecimal.valueOf(waitMillis, 3).stripTrailingZeros().toPlainString();
        List<String> argv = new ArrayList<>(List.of(traceroute.get().path(), "-n", "-q", Integer.toString(r.tries()),
                "-w", wait, "-m", Integer.toString(r.maxHops())));
        if (r.dscp() != 0) {
            argv.addAll(List.of("-t", Integer.toString(r.dscp() << 2)));
        }
        if (!dev.value().isEmpty()) {
            argv.addAll(List.of("-i", dev.value()));
        }
        argv.add(v6 ? "-6" : "-4");
        argv.add(address);
        argv.add(Integer.toString(r.dataBlockSize() + (v6 ? 48 : 28)));
        Duration bound = Duration.ofMillis(Math.min(MAX_TRACE.toMillis(),
                (long) r.maxHops() * r.tries() * waitMillis)).plusSeconds(10);
        Result<ToolRunner.Completed> ran = runner.run(argv, bound);
        if (!ran.isOk()) {
            return Result.ok(TraceRouteResult.failed(DiagnosticsStatus.INTERNAL, used));
        }
        return Result.ok(TraceRouteOutput.parse(ran.value(), address, r.tries(), r.maxHops(), used));
    }

    /**
     * Without traceroute: iputils {@code ping -c 1 -t TTL} for each probe of each hop. A hop's
     * address is the one its "Time to live exceeded" came from; its round-trip time is how long
     * the probe's {@code ping} ran (an upper bound, process start included), the destination's
     * the time its echo reply reports.
     */
    private TraceRouteResult pingHopByHop(TraceRouteRequest r, InetAddress target, String dev, String used) {
        String address = HttpTransfer.text(target);
        long waitSeconds = Math.max(1, (r.timeout().toMillis() + 999) / 1000);
        List<RouteHop> hops = new ArrayList<>();
        long deadline = System.nanoTime() + MAX_TRACE.toNanos();
        for (int ttl = 1; ttl <= r.maxHops() && System.nanoTime() - deadline < 0; ttl++) {
            String host = "";
            long code = 0;
            boolean reached = false;
            List<Long> rtts = new ArrayList<>();
            for (int t = 0; t < r.tries(); t++) {
                List<String> argv = new ArrayList<>(List.of(ping.get().path(), "-n", "-c", "1", "-t",
                        Integer.toString(ttl), "-W", Long.toString(waitSeconds), "-s",
                        Integer.toString(Math.min(r.dataBlockSize(), PingRequest.MAX_DATA_BLOCK))));
                if (r.dscp() != 0) {
                    argv.addAll(List.of("-Q", Integer.toString(r.dscp() << 2)));
                }
                if (!dev.isEmpty()) {
                    argv.addAll(List.of("-I", dev));
                }
                argv.add(target instanceof Inet6Address ? "-6" : "-4");
                argv.add(address);
                long start = System.nanoTime();
                Result<ToolRunner.Completed> ran = runner.run(argv, Duration.ofSeconds(waitSeconds + 5));
                long elapsedMillis = Math.max(1, (System.nanoTime() - start + 999_999) / 1_000_000);
                long rtt = 0;
                if (ran.isOk()) {
                    for (String line : ran.value().stdout().lines().toList()) {
                        Matcher reply = TIME.matcher(line);
                        Matcher from = FROM.matcher(line.strip());
                        if (reply.find()) {
                            host = address;
                            reached = true;
                            rtt = Math.max(1, new BigDecimal(reply.group(1)).setScale(0, RoundingMode.CEILING).longValue());
                        } else if (from.matches()) {
                            host = from.group(1);
                            rtt = elapsedMillis;
                            String what = from.group(2).toLowerCase(java.util.Locale.ROOT);
                            if (what.contains("unreachable")) {
                                code = what.contains("net") ? 0 : what.contains("port") ? 3 : 1;
                                reached = what.contains("port");
                            }
                        }
                    }
                }
                rtts.add(rtt);
            }
            hops.add(new RouteHop(host, "", code, rtts));
            if (reached || code != 0) {
                break;
            }
        }
        if (hops.isEmpty()) {
            return TraceRouteResult.failed(DiagnosticsStatus.OTHER, used);
        }
        return TraceRouteOutput.result(hops, address, r.maxHops(), used);
    }

    // ------------------------------------------------------------------ addresses

    /** The first address of {@code host} of the version asked for; empty when it does not resolve. */
    static Optional<InetAddress> resolve(String host, IpVersion version) {
        try {
            return HttpTransfer.pick(InetAddress.getAllByName(host), version);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The local address packets to {@code target} leave from: the device's, or the routing's choice. */
    static String sourceAddress(InetAddress target, String device) {
        try {
            if (!device.isEmpty()) {
                NetworkInterface nic = NetworkInterface.getByName(device);
                if (nic != null) {
                    return Collections.list(nic.getInetAddresses()).stream()
                            .filter(a -> a.getClass() == target.getClass()).findFirst()
                            .map(HttpTransfer::text).orElse("");
                }
                return "";
            }
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(target, 9));
                InetAddress local = probe.getLocalAddress();
                return local == null || local.isAnyLocalAddress() ? "" : HttpTransfer.text(local);
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}

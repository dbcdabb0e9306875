package dev.demarc.cli;

import dev.demarc.core.path.PathParser;
import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demarc bench}: starts an agent as a child process, acts as its controller over an MQTT
 * broker, and measures the time from process start to the broker connection, the latency and
 * throughput of USP Get requests, and the agent's resident memory.
 *
 * <p>The agent runs as {@code demarc agent} does from the launcher: this JVM's {@code java},
 * the JVM options the launcher used for this command (its defaults and {@code DEMARC_JAVA_OPTS},
 * passed down in {@value #LAUNCHER_OPTIONS_ENV}) unless {@code --agent-java-options} says
 * otherwise, this JVM's class path, a new data directory and a generated defaults file: an MQTT
 * 5.0 client of the broker, taking records on its own topic, and one controller (this command)
 * with {@code Role.1}. The child process and the temporary directory are removed at the end,
 * also on failure and on Ctrl-C.
 *
 * <p>Runs on the thread that runs the command line; it blocks there.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Measure the agent over MQTT: start an agent as a child process (same java, JVM options and class "
                    + "path as this command, a new data directory in a temporary directory), act as its "
                    + "controller through the broker, and print:",
            "  - the time from the agent process's start to its CONNACK (from its log) and to its "
                    + "MQTTConnectRecord arriving here;",
            "  - the latency (p50, p99, max) of Get Device.DeviceInfo. and of Get Device. (the whole tree), or "
                    + "of each --path, --requests sequential Gets each after --warmup Gets;",
            "  - the throughput of --requests Gets of each with --in-flight requests outstanding;",
            "  - the agent's resident memory (VmRSS) after start, after all requests and --settle seconds "
                    + "later, and its peak.",
            "The broker must let anonymous clients in (Debian's mosquitto does on 127.0.0.1). "
                    + "No figure is checked against a target; docs/performance.md holds measured ones."
        })
final class BenchCommand implements Callable<Integer> {

    /** Set by the launcher to the JVM options it started this JVM with, for the agent's JVM. */
    static final String LAUNCHER_OPTIONS_ENV = "DEMARC_LAUNCHER_JAVA_OPTS";
    static final String DEVICE_INFO = "Device.DeviceInfo.";
    static final String DEVICE = "Device.";
    /** The paths measured without {@code --path}. */
    static final List<String> DEFAULT_PATHS = List.of(DEVICE_INFO, DEVICE);
    private static final int MAX_PATHS = 8;
    private static final int MAX_PATH_LENGTH = 1024;
    /** The agent's log line that {@link #startToConnackMs} times (MqttTransport, at DEBUG). */
    static final String CONNACK_LOG_MARKER = ": CONNACK from ";
    static final String READY_LOG_MARKER = " ready on platform ";

    private static final long CONNECT_WAIT_SECONDS = 30;
    private static final long ANSWER_WAIT_SECONDS = 10;
    private static final long LOG_WAIT_MILLIS = 5_000;
    private static final int MAX_REQUESTS = 1_000_000;
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final int MAX_SETTLE_SECONDS = 600;
    private static final int LOG_TAIL_LINES = 20;
    /** Environment variables shown with the agent's JVM options. */
    private static final List<String> AGENT_ENVIRONMENT = List.of("MALLOC_ARENA_MAX", "MALLOC_TRIM_THRESHOLD_");
    /** For the agent's log: the CONNACK line (every line starts with its time to the millisecond). */
    private static final List<String> AGENT_LOG_PROPERTIES = List.of(
            "-Dorg.slf4j.simpleLogger.log.dev.demarc.mtp.mqtt.MqttTransport=debug");

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:1883",
            description = "The MQTT broker, plain TCP, anonymous (default: ${DEFAULT-VALUE}).")
    String broker = "127.0.0.1:1883";

    @Option(names = "--requests", paramLabel = "N", defaultValue = "2000",
            description = "Sequential Gets of each path for the latency, and Gets of each path for the throughput "
                    + "(default: ${DEFAULT-VALUE}; with the default --warmup, 10,000 requests in all).")
    int requests = 2000;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2000",
            description = "Gets sent first and not measured, alternating both paths, --in-flight at a time "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmup = 2000;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "16",
            description = "Requests outstanding at once for the throughput (default: ${DEFAULT-VALUE}; lowered to "
                    + "the broker's Receive Maximum if that is smaller).")
    int inFlight = 16;

    @Option(names = "--platform", paramLabel = "PLATFORM",
            description = "The agent's --platform (default: the agent's own, auto: this machine). For figures that "
                    + "do not depend on the machine: simulated:docs/examples/simulated-gateway.json.")
    String platform;

    @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds to wait after the requests before reading the agent's resident memory once more, "
                    + "idle (default: ${DEFAULT-VALUE}; 0 skips it).")
    int settle = 5;

    @Option(names = "--agent-java-options", paramLabel = "OPTIONS",
            description = "The agent's JVM options, split on spaces (default: those the launcher gave this command, "
                    + "i.e. its defaults and DEMARC_JAVA_OPTS).")
    String agentJavaOptions;

    @Option(names = "--path", paramLabel = "PATH",
            description = "A path to Get instead of Device.DeviceInfo. and Device.; repeat it for several (at most "
                    + MAX_PATHS + "), e.g. --path Device.LocalAgent.EndpointID for the cost of a request of one "
                    + "parameter.")
    List<String> paths;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    /** The agent's class path: this JVM's unless a test replaces it. */
    String agentClassPath = System.getProperty("java.class.path");
    /** Where the temporary directory goes: the system's unless a test says otherwise. */
    Path tempParent;

    /** Latencies of one path, in microseconds. */
    record Latency(long p50Micros, long p99Micros, long maxMicros) {

        /** Nearest-rank percentiles of {@code nanos} (not empty). */
        static Latency of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(rank(sorted, 50) / 1000, rank(sorted, 99) / 1000, sorted[sorted.length - 1] / 1000);
        }

        private static long rank(long[] sorted, int percent) {
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)];
        }
    }

    /** Gets answered per second, and the agent's CPU time per Get meanwhile (empty: the system does not say). */
    record Throughput(long perSecond, OptionalLong agentCpuMicrosPerGet) {
    }

    /** What the agent answers to a Get of one path: objects, parameters, bytes of the Msg. */
    record AnswerSize(int objects, int parameters, int msgBytes) {
    }

    /** The figures of one path. */
    record PathFigures(String path, AnswerSize size, Latency latency, Throughput throughput) {
    }

    /** Everything measured, for printing. */
    record Figures(String broker, String java, List<String> jvmOptions, Map<String, String> environment,
                   String platform, long agentPid, String loadBefore, String loadAfter, int warmup, int requests,
                   int inFlight, Start start, List<PathFigures> paths, Memory memory) {
    }

    /** Milliseconds from the agent process's start (empty: not in its log). */
    record Start(long connectRecordMs, OptionalLong connackMs, OptionalLong readyMs) {
    }

    /** The agent's VmRSS after start and after {@code requestsDone} requests, and its VmHWM, in kB. */
    record Memory(OptionalLong afterStartKb, OptionalLong afterRequestsKb, long requestsDone, OptionalLong peakKb,
                  int settleSeconds, OptionalLong settledKb) {
    }

    /** A failure the agent's log may explain: {@link #call} prints the log's end before the one-line error. */
    private static final class AgentFailure extends IllegalStateException {
        private final transient String logTail;

        AgentFailure(String message, BenchAgentProcess agent) {
            super(message + " (the end of the agent's log is above)");
            this.logTail = agent.logTail(LOG_TAIL_LINES);
        }
    }

    /** Undoes what a run set up; runs once, from the command's thread or a shutdown hook. */
    private static final class Cleanup implements Runnable {
        private final Path dir;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile BenchAgentProcess agent;
        private volatile BenchController controller;

        Cleanup(Path dir) {
            this.dir = dir;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (agent != null) {
                agent.close();
            }
            if (controller != null) {
                controller.close();
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temporary directory; the system cleans it eventually
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        check(requests >= 1 && requests <= MAX_REQUESTS, "--requests must be 1.." + MAX_REQUESTS + ": " + requests);
        check(warmup >= 0 && warmup <= MAX_REQUESTS, "--warmup must be 0.." + MAX_REQUESTS + ": " + warmup);
        check(inFlight >= 1 && inFlight <= MAX_IN_FLIGHT, "--in-flight must be 1.." + MAX_IN_FLIGHT + ": " + inFlight);
        check(settle >= 0 && settle <= MAX_SETTLE_SECONDS, "--settle must be 0.." + MAX_SETTLE_SECONDS + ": " + settle);
        List<String> measured = paths == null || paths.isEmpty() ? DEFAULT_PATHS : List.copyOf(paths);
        check(measured.size() <= MAX_PATHS, "--path may be given at most " + MAX_PATHS + " times");
        for (String path : measured) {
            check(path.length() <= MAX_PATH_LENGTH && PathParser.parse(path).isOk(),
                    "--path must be a path of the data model, e.g. Device.DeviceInfo.: "
                            + (path.length() > 80 ? path.substring(0, 80) + "..." : path));
        }
        check(measured.stream().distinct().count() == measured.size(), "--path names the same path twice");
        String[] hostPort = hostAndPort(broker);
        List<String> jvmOptions = split(agentJavaOptions != null ? agentJavaOptions : System.getenv(LAUNCHER_OPTIONS_ENV));

        Path dir = tempParent == null
                ? Files.createTempDirectory("demarc-bench-")
                : Files.createTempDirectory(tempParent, "demarc-bench-");
        Cleanup cleanup = new Cleanup(dir);
        Thread hook = new Thread(cleanup, "demarc-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Figures figures = run(dir, cleanup, hostPort[0], Integer.parseInt(hostPort[1]), jvmOptions, measured);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? toJson(figures) + System.lineSeparator() : toTable(figures));
            out.flush();
            return ExitCode.OK;
        } catch (AgentFailure e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("the agent's log ends:");
            e.logTail.lines().forEach(line -> err.println("  " + line));
            err.flush();
            throw e;
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now; it found the work done
            }
        }
    }

    private Figures run(Path dir, Cleanup cleanup, String host, int port, List<String> jvmOptions,
                        List<String> measured) throws Exception {
        String loadBefore = loadAverage();
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String suffix = HexFormat.of().formatHex(random);
        String agentId = "proto::demarc-bench-agent-" + suffix;
        String controllerId = "proto::demarc-bench-controller-" + suffix;
        String agentTopic = "demarc-bench/" + suffix + "/agent";
        String controllerTopic = "demarc-bench/" + suffix + "/controller";
        Path defaults = Files.writeString(dir.resolve("bench.defaults"),
                defaultsFile(host, port, agentTopic, controllerId, controllerTopic), StandardCharsets.UTF_8);

        BenchController controller;
        try {
            controller = new BenchController(host, port, "demarc-bench-" + suffix, controllerId, controllerTopic,
                    agentId, agentTopic);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to the MQTT broker at " + broker + ": " + e.getMessage()
                    + " (is it running? e.g. mosquitto)", e);
        }
        cleanup.controller = controller;
        int window = Math.min(inFlight, controller.brokerReceiveMaximum());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(AGENT_LOG_PROPERTIES);
        command.addAll(List.of("-cp", agentClassPath, DemarcMain.class.getName(), "agent",
                "--data-dir", dir.resolve("data").toString(), "--defaults", defaults.toString(),
                "--endpoint-id", agentId, "--control-socket", dir.resolve(ControlSocket.FILE_NAME).toString()));
        if (platform != null) {
            command.add("--platform=" + platform);
        }
        BenchAgentProcess agent = BenchAgentProcess.start(command, dir.resolve("agent.log"));
        cleanup.agent = agent;

        long connected = awaitConnectRecord(controller, agent);
        OptionalLong rssAfterStart = agent.residentKb();
        long connectRecordMs = TimeUnit.NANOSECONDS.toMillis(connected - agent.startNanos());
        OptionalLong connackMs = awaitLogLine(agent, CONNACK_LOG_MARKER);
        OptionalLong readyMs = awaitLogLine(agent, READY_LOG_MARKER);

        throughput(controller, agent, warmup, window, measured.toArray(String[]::new));
        List<AnswerSize> sizes = new ArrayList<>();
        List<Latency> latencies = new ArrayList<>();
        for (String path : measured) {
            sizes.add(size(controller, agent, path));
        }
        for (String path : measured) {
            latencies.add(Latency.of(sequential(controller, agent, path, requests)));
        }
        List<PathFigures> perPath = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            String path = measured.get(i);
            perPath.add(new PathFigures(path, sizes.get(i), latencies.get(i),
                    throughput(controller, agent, requests, window, path)));
        }
        OptionalLong rssAfterRequests = agent.residentKb();
        OptionalLong peak = agent.peakResidentKb();
        OptionalLong settled = OptionalLong.empty();
        if (settle > 0) {
            // The JVM hands memory back some seconds after it last needed it (the compiler's arenas
            // after up to 5 s, then the C library at the next trim): what an idle agent holds.
            TimeUnit.SECONDS.sleep(settle);
            settled = agent.residentKb();
        }
        Memory memory = new Memory(rssAfterStart, rssAfterRequests, warmup + 2L * measured.size() * requests, peak,
                settle, settled);

        return new Figures(broker, java, jvmOptions, agentEnvironment(), platform == null ? "" : platform,
                agent.pid(), loadBefore, loadAverage(), warmup, requests, window,
                new Start(connectRecordMs, connackMs, readyMs), perPath, memory);
    }

    static String defaultsFile(String host, int port, String agentTopic, String controllerId, String controllerTopic) {
        return String.join("\n",
                "# demarc bench: the agent as an MQTT 5.0 client of the broker, one controller with full access",
                "Device.DeviceInfo.Manufacturer = Demarc bench",
                "Device.DeviceInfo.ManufacturerOUI = 00D09E",
                "Device.DeviceInfo.SerialNumber = BENCH0001",
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = " + host,
                "Device.MQTT.Client.1.BrokerPort = " + port,
                "Device.MQTT.Client.1.ProtocolVersion = 5.0",
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.MTP.1.MQTT.Reference = Device.MQTT.Client.1",
                "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured = " + agentTopic,
                "Device.LocalAgent.Controller.1.EndpointID = " + controllerId,
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.AssignedRole = Device.LocalAgent.ControllerTrust.Role.1",
                "Device.LocalAgent.Controller.1.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic = " + controllerTopic,
                "");
    }

    /** Waits for the agent's MQTTConnectRecord; answers its arrival's {@link System#nanoTime()}. */
    private static long awaitConnectRecord(BenchController controller, BenchAgentProcess agent) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_WAIT_SECONDS);
        while (true) {
            try {
                return controller.connectRecord().get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!agent.isAlive()) {
                    throw new AgentFailure("the agent ended with exit code " + agent.exitValue()
                            + " before it connected", agent);
                }
                if (System.nanoTime() > deadline) {
                    throw new AgentFailure("no MQTTConnectRecord from the agent within " + CONNECT_WAIT_SECONDS + " s",
                            agent);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** The log line is written before the record is sent; a moment's wait covers a slow flush. */
    private static OptionalLong awaitLogLine(BenchAgentProcess agent, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOG_WAIT_MILLIS);
        OptionalLong found = agent.millisToLogLine(marker);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
            found = agent.millisToLogLine(marker);
        }
        return found;
    }

    /** One Get of {@code path}, its answer decoded whole: how much the agent sends for it. */
    private static AnswerSize size(BenchController controller, BenchAgentProcess agent, String path) throws Exception {
        byte[] msg;
        try {
            msg = controller.answerTo(path).get(ANSWER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw noAnswer(path, agent);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        int objects = 0;
        int parameters = 0;
        for (UspMsg.GetResp.RequestedPathResult r
                : UspMsg.Msg.parseFrom(msg).getBody().getResponse().getGetResp().getReqPathResultsList()) {
            for (UspMsg.GetResp.ResolvedPathResult o : r.getResolvedPathResultsList()) {
                objects++;
                parameters += o.getResultParamsCount();
            }
        }
        return new AnswerSize(objects, parameters, msg.length);
    }

    /** {@code n} Gets of {@code path}, each sent when the previous one was answered: their latencies. */
    private static long[] sequential(BenchController controller, BenchAgentProcess agent, String path, int n)
            throws InterruptedException {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            nanos[i] = await(controller.get(path), path, agent);
        }
        return nanos;
    }

    /**
     * {@code n} Gets, cycling through {@code paths}, with up to {@code window} outstanding: Gets
     * answered per second, from the first sent to the last answered, and the agent's CPU time per Get.
     */
    private static Throughput throughput(BenchController controller, BenchAgentProcess agent, int n, int window,
                                         String... paths) throws InterruptedException {
        if (n == 0) {
            return new Throughput(0, OptionalLong.empty());
        }
        Optional<Duration> cpuBefore = agent.cpuTime();
        Window gets = new Window(controller, n, paths);
        long start = System.nanoTime();
        for (int i = 0; i < window; i++) {
            gets.sendNext();
        }
        gets.awaitAll(agent);
        long elapsed = System.nanoTime() - start;
        Optional<Duration> cpuAfter = agent.cpuTime();
        OptionalLong cpuPerGet = cpuBefore.isPresent() && cpuAfter.isPresent()
                ? OptionalLong.of(cpuAfter.get().minus(cpuBefore.get()).toNanos() / 1000 / n)
                : OptionalLong.empty();
        return new Throughput(Math.round(n * 1e9 / elapsed), cpuPerGet);
    }

    /**
     * {@code n} Gets, cycling through {@code paths}, each sent when an earlier one is answered, by
     * the thread that read the answer (the controller's reader): the window stays full without
     * waking another thread for every Get, which on a machine whose cores the agent shares would
     * be CPU taken from the agent.
     */
    private static final class Window {
        private final BenchController controller;
        private final int n;
        private final String[] paths;
        private final AtomicInteger sent = new AtomicInteger();
        private final CountDownLatch answered;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Window(BenchController controller, int n, String[] paths) {
            this.controller = controller;
            this.n = n;
            this.paths = paths;
            this.answered = new CountDownLatch(n);
        }

        /** Sends the next Get, unless all are sent or one failed. Any thread. */
        void sendNext() {
            int i = sent.getAndIncrement();
            if (i >= n || failure.get() != null) {
                return;
            }
            controller.get(paths[i % paths.length]).whenComplete((latency, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                answered.countDown();
                sendNext();
            });
        }

        /**
         * Waits until every Get is answered; fails at the first failed one, or when no answer
         * came for {@value BenchCommand#ANSWER_WAIT_SECONDS} s.
         */
        void awaitAll(BenchAgentProcess agent) throws InterruptedException {
            long left = answered.getCount();
            long lastProgress = System.nanoTime();
            while (!answered.await(100, TimeUnit.MILLISECONDS)) {
                failed(failure.get());
                long now = System.nanoTime();
                if (answered.getCount() != left) {
                    left = answered.getCount();
                    lastProgress = now;
                } else if (now - lastProgress > TimeUnit.SECONDS.toNanos(ANSWER_WAIT_SECONDS)) {
                    throw noAnswer(paths[0], agent);
                }
            }
            failed(failure.get());
        }
    }

    private static void failed(Throwable error) {
        if (error != null) {
            throw new IllegalStateException(error.getMessage(), error);
        }
    }

    private static long await(CompletableFuture<Long> answer, String path, BenchAgentProcess agent)
            throws InterruptedException {
        try {
            return answer.get(ANSWER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw noAnswer(path, agent);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static AgentFailure noAnswer(String path, BenchAgentProcess agent) {
        return new AgentFailure("no answer to a Get of " + path + " within " + ANSWER_WAIT_SECONDS + " s"
                + (agent.isAlive() ? "" : "; the agent ended with exit code " + agent.exitValue()), agent);
    }

    // ---------------------------------------------------------------- output

    static String toTable(Figures f) {
        StringBuilder s = new StringBuilder();
        String nl = System.lineSeparator();
        s.append("demarc bench: agent (pid ").append(f.agentPid()).append(") and controller over MQTT 5.0 through ")
                .append(f.broker()).append(nl);
        s.append("  agent JVM: ").append(f.java()).append(' ')
                .append(f.jvmOptions().isEmpty() ? "(no options)" : String.join(" ", f.jvmOptions())).append(nl);
        if (!f.environment().isEmpty()) {
            s.append("  agent environment:");
            f.environment().forEach((name, value) -> s.append(' ').append(name).append('=').append(value));
            s.append(nl);
        }
        s.append("  agent platform: ").append(f.platform().isEmpty() ? "its default (auto)" : f.platform()).append(nl);
        s.append("  load average before: ").append(f.loadBefore()).append(", after: ").append(f.loadAfter()).append(nl);
        s.append(nl);
        s.append(row("from the agent process's start to", "ms"));
        s.append(row("  CONNACK (its log)", ms(f.start().connackMs())));
        s.append(row("  its MQTTConnectRecord arriving here", Long.toString(f.start().connectRecordMs())));
        s.append(row("  ready (its log)", ms(f.start().readyMs())));
        s.append(nl);
        s.append(String.format(Locale.ROOT, "%-46s %9s %9s %9s%n", "the answers", "objects", "params", "bytes"));
        f.paths().forEach(p -> s.append(sizeRow("  Get " + p.path(), p.size())));
        s.append(nl);
        s.append(String.format(Locale.ROOT, "%-46s %9s %9s %9s%n",
                String.format(Locale.ROOT, "latency, %,d sequential Gets", f.requests()), "p50 ms", "p99 ms", "max ms"));
        f.paths().forEach(p -> s.append(latencyRow("  Get " + p.path(), p.latency())));
        s.append(nl);
        s.append(String.format(Locale.ROOT, "%-46s %9s %9s%n",
                String.format(Locale.ROOT, "throughput, %,d Gets, %d in flight", f.requests(), f.inFlight()),
                "Gets/s", "agent CPU"));
        f.paths().forEach(p -> s.append(throughputRow("  Get " + p.path(), p.throughput())));
        s.append(nl);
        s.append(row("agent resident memory (VmRSS)", "MiB"));
        s.append(row("  after start (MQTTConnectRecord here)", mib(f.memory().afterStartKb())));
        s.append(row(String.format(Locale.ROOT, "  after %,d requests", f.memory().requestsDone()),
                mib(f.memory().afterRequestsKb())));
        if (f.memory().settleSeconds() > 0) {
            s.append(row(String.format(Locale.ROOT, "  %d s later, idle", f.memory().settleSeconds()),
                    mib(f.memory().settledKb())));
        }
        s.append(row("  peak (VmHWM)", mib(f.memory().peakKb())));
        s.append(String.format(Locale.ROOT, "(%,d warm-up Gets first; agent CPU: the agent's CPU time per Get; "
                + "MiB = 2^20 bytes)%n", f.warmup()));
        return s.toString();
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-46s %9s%n", label, value);
    }

    private static String sizeRow(String label, AnswerSize a) {
        return String.format(Locale.ROOT, "%-46s %9s %9s %9s%n", label, String.format(Locale.ROOT, "%,d", a.objects()),
                String.format(Locale.ROOT, "%,d", a.parameters()), String.format(Locale.ROOT, "%,d", a.msgBytes()));
    }

    private static String latencyRow(String label, Latency l) {
        return String.format(Locale.ROOT, "%-46s %9.3f %9.3f %9.3f%n", label,
                l.p50Micros() / 1000.0, l.p99Micros() / 1000.0, l.maxMicros() / 1000.0);
    }

    private static String throughputRow(String label, Throughput t) {
        return String.format(Locale.ROOT, "%-46s %9s %9s%n", label, String.format(Locale.ROOT, "%,d", t.perSecond()),
                t.agentCpuMicrosPerGet().isPresent() ? t.agentCpuMicrosPerGet().getAsLong() + " us" : "n/a");
    }

    private static String ms(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "n/a";
    }

    private static String mib(OptionalLong kb) {
        return kb.isPresent() ? String.format(Locale.ROOT, "%.1f", kb.getAsLong() / 1024.0) : "n/a";
    }

    static String toJson(Figures f) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("broker").value(f.broker());
        w.name("agent").beginObject()
                .name("pid").value(f.agentPid())
                .name("java").value(f.java())
                .name("jvmOptions").beginArray();
        for (String option : f.jvmOptions()) {
            w.value(option);
        }
        w.endArray();
        w.name("environment").beginObject();
        f.environment().forEach((name, value) -> w.name(name).value(value));
        w.endObject().endObject();
        w.name("platform").value(f.platform());
        w.name("answers").beginObject();
        f.paths().forEach(p -> answerSize(w.name(p.path()), p.size()));
        w.endObject();
        w.name("loadAverage").beginObject().name("before").value(f.loadBefore()).name("after").value(f.loadAfter())
                .endObject();
        w.name("warmupRequests").value(f.warmup());
        w.name("requests").value(f.requests());
        w.name("inFlight").value(f.inFlight());
        w.name("startMs").beginObject();
        optional(w.name("connack"), f.start().connackMs());
        w.name("connectRecord").value(f.start().connectRecordMs());
        optional(w.name("ready"), f.start().readyMs());
        w.endObject();
        w.name("latencyMicros").beginObject();
        f.paths().forEach(p -> latency(w.name(p.path()), p.latency()));
        w.endObject();
        w.name("throughputGetsPerSecond").beginObject();
        f.paths().forEach(p -> w.name(p.path()).value(p.throughput().perSecond()));
        w.endObject();
        w.name("agentCpuMicrosPerGet").beginObject();
        f.paths().forEach(p -> optional(w.name(p.path()), p.throughput().agentCpuMicrosPerGet()));
        w.endObject();
        w.name("residentKb").beginObject();
        optional(w.name("afterStart"), f.memory().afterStartKb());
        optional(w.name("afterRequests"), f.memory().afterRequestsKb());
        w.name("requestsDone").value(f.memory().requestsDone());
        optional(w.name("peak"), f.memory().peakKb());
        w.name("settleSeconds").value(f.memory().settleSeconds());
        optional(w.name("settled"), f.memory().settledKb());
        w.endObject();
        return w.endObject().toJson();
    }

    private static void answerSize(JsonWriter w, AnswerSize a) {
        w.beginObject().name("objects").value(a.objects()).name("parameters").value(a.parameters())
                .name("msgBytes").value(a.msgBytes()).endObject();
    }

    private static void latency(JsonWriter w, Latency l) {
        w.beginObject().name("p50").value(l.p50Micros()).name("p99").value(l.p99Micros())
                .name("max").value(l.maxMicros()).endObject();
    }

    private static void optional(JsonWriter w, OptionalLong value) {
        if (value.isPresent()) {
            w.value(value.getAsLong());
        } else {
            w.nullValue();
        }
    }

    // ---------------------------------------------------------------- small parts

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** {@code host:port} or {@code [v6-address]:port}. */
    private String[] hostAndPort(String value) {
        int colon = value.lastIndexOf(':');
        check(colon > 0 && colon < value.length() - 1, "--broker must be HOST:PORT: " + value);
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        check(!host.isEmpty() && host.chars().noneMatch(c -> c <= ' ' || c == '[' || c == ']' || c == '/'),
                "--broker must be HOST:PORT: " + value);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        check(port >= 1 && port <= 65535, "--broker port must be 1..65535: " + value);
        return new String[] {host, Integer.toString(port)};
    }

    static List<String> split(String options) {
        if (options == null || options.isBlank()) {
            return List.of();
        }
        return List.of(options.trim().split("\\s+"));
    }

    /**
     * The variables of this process's environment, which the agent inherits, that change its
     * memory: the launcher sets {@code MALLOC_ARENA_MAX}.
     */
    static Map<String, String> agentEnvironment() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : AGENT_ENVIRONMENT) {
            String value = System.getenv(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    /** The first three fields of {@code /proc/loadavg}, or "unknown". */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

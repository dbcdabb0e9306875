package dev.demarc.bench;

import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.schema.ObjectDef;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a Get of {@code Device.} costs on a platform, in time and in processes started: the
 * figures of docs/performance.md, "A Get of Device. on the platforms". For each platform
 * ({@link PlatformModel}: the generated simulated gateway, this machine as generic Linux, then
 * hal-linux's OpenWrt router fixture with its recorded command outputs, run from the repository's
 * root):
 *
 * <ol>
 *   <li>warm-up: {@code --warmup} Gets one after the other;</li>
 *   <li>back to back: Gets one after the other for {@code --seconds};</li>
 *   <li>polled: one Get every {@code --poll-periods} seconds (a list, default 1) for
 *   {@code --poll-seconds} each, as a controller polling the whole tree (platforms that run
 *   commands only);</li>
 *   <li>idle: no Get for {@code --idle-seconds} (platforms that run commands only);</li>
 *   <li>per area: Gets of each object under {@code Device.} one after the other for
 *   {@code --area-millis} each.</li>
 * </ol>
 *
 * <p>Processes are those the platform's command runner started from the start to the end of
 * each phase, on any thread: the background refreshes the platform made while the Gets ran are
 * counted, and divided by the Gets of the phase. That they are background refreshes, not work
 * of the Get, shows in the processes per second staying the same (or falling) while the Gets
 * per second change a thousandfold. The long-running event monitors are listed apart.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.demarc.bench.PlatformCost
 * [--platform simulated|simulated:FILE|linux|openwrt-fixture[:DIR]|linux-fixture:DIR|all]
 * [--seconds 20] [--poll-seconds 30] [--poll-periods 1,10] [--idle-seconds 30] [--warmup 2000]
 * [--ports 32] [--stations 64] [--area-millis 1000]}, from the repository's root. Output is this
 * tool's own, on standard output.
 */
public final class PlatformCost {

    private PlatformCost() {
    }

    /**
     * @param getNanos    time spent in the Gets
     * @param periodNanos the phase's duration, over which the processes were counted
     */
    private record Phase(String name, long gets, long getNanos, long periodNanos, long processes, int parameters) {

        double microsPerGet() {
            return gets == 0 ? 0 : getNanos / 1000.0 / gets;
        }

        double processesPerGet() {
            return gets == 0 ? 0 : (double) processes / gets;
        }

        double processesPerSecond() {
            return processes * 1e9 / periodNanos;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts = options(args);
        String which = opts.getOrDefault("platform", "all");
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int pollSeconds = Integer.parseInt(opts.getOrDefault("poll-seconds", "30"));
        List<Integer> pollPeriods = java.util.Arrays.stream(opts.getOrDefault("poll-periods", "1").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        int idleSeconds = Integer.parseInt(opts.getOrDefault("idle-seconds", "30"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2000"));
        int ports = Integer.parseInt(opts.getOrDefault("ports", "32"));
        int stations = Integer.parseInt(opts.getOrDefault("stations", "64"));
        int areaMillis = Integer.parseInt(opts.getOrDefault("area-millis", "1000"));
        PrintStream out = System.out;

        out.printf("JVM: %s %s (%s), options %s, %d processors%n", System.getProperty("java.vm.name"),
                Runtime.version(), System.getProperty("java.vm.vendor"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().availableProcessors());
        List<String> platforms = which.equals("all") ? List.of("simulated", "linux", "openwrt-fixture") : List.of(which);
        for (String p : platforms) {
            out.printf("%nload average at start: %s%n", loadAverage());
            try (PlatformModel m = PlatformModel.open(p, ports, stations)) {
                run(out, m, warmup, seconds, pollSeconds, pollPeriods, idleSeconds, areaMillis);
            }
        }
        out.printf("%nload average at the end: %s%n", loadAverage());
    }

    private static void run(PrintStream out, PlatformModel m, int warmup, int seconds, int pollSeconds,
                            List<Integer> pollPeriods,
                            int idleSeconds, int areaMillis) throws InterruptedException {
        out.printf("== %s%n", m.label());
        long startedBefore = m.processesStarted();
        Map<String, Long> commandsBefore = m.startedByCommand();
        long f0 = System.nanoTime();
        int firstParameters = PlatformModel.parameters(m.getDevice());
        out.printf(Locale.ROOT, "first Get after the model opened (cold JVM): %d parameters, %.1f ms%n", firstParameters,
                (System.nanoTime() - f0) / 1e6);
        for (int i = 0; i < warmup; i++) {
            m.getDevice();
        }
        List<Phase> phases = new ArrayList<>();
        List<Map<String, Long>> commandsAfter = new ArrayList<>();
        phases.add(backToBack(m, "back to back", TimeUnit.SECONDS.toNanos(seconds)));
        commandsAfter.add(m.startedByCommand());
        if (m.runsCommands()) {
            for (int period : pollPeriods) {
                if (pollSeconds > 0 && period > 0) {
                    phases.add(polled(m, pollSeconds, period));
                    commandsAfter.add(m.startedByCommand());
                }
            }
            if (idleSeconds > 0) {
                long p0 = m.processesStarted();
                long t0 = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
                long period = System.nanoTime() - t0;
                phases.add(new Phase("idle (no Get)", 0, 0, period, m.processesStarted() - p0, 0));
                commandsAfter.add(m.startedByCommand());
            }
        }
        out.printf("%-24s %10s %8s %12s %10s %14s %14s%n", "phase", "parameters", "Gets", "µs per Get",
                "processes", "processes/Get", "processes/s");
        for (Phase ph : phases) {
            out.printf(Locale.ROOT, "%-24s %10d %8d %12.1f %10d %14.5f %14.3f%n", ph.name(), ph.parameters(), ph.gets(),
                    ph.microsPerGet(), ph.processes(), ph.processesPerGet(), ph.processesPerSecond());
        }
        if (m.runsCommands()) {
            out.printf("processes started by the runner before the warm-up (the platform's start): %d%n", startedBefore);
            Map<String, Long> before = commandsBefore;
            for (int i = 0; i < phases.size(); i++) {
                out.printf("commands started during \"%s\" (warm-up included in the first):%n", phases.get(i).name());
                Map<String, Long> after = commandsAfter.get(i);
                for (Map.Entry<String, Long> e : after.entrySet()) {
                    long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                    if (d > 0) {
                        out.printf("  %6d  %s%n", d, e.getKey());
                    }
                }
                before = after;
            }
            out.printf("long-running processes of this JVM (event monitors, not counted above): %s%n",
                    PlatformModel.followers());
        }
        out.printf("per area, Gets one after the other for %d ms each (processes: started meanwhile, by any thread):%n",
                areaMillis);
        out.printf("  %-28s %10s %12s %10s%n", "path", "parameters", "µs per Get", "processes");
        for (ObjectDef o : m.model().schema().root().objects()) {
            String path = o.tablePath();
            Map<String, Long> before = m.startedByCommand();
            Phase ph = backToBack(m, path, TimeUnit.MILLISECONDS.toNanos(areaMillis), path);
            List<String> started = new ArrayList<>();
            m.startedByCommand().forEach((cmd, n) -> {
                long d = n - before.getOrDefault(cmd, 0L);
                if (d > 0) {
                    started.add(d + "× " + cmd);
                }
            });
            out.printf(Locale.ROOT, "  %-28s %10d %12.1f %10d%s%n", path, ph.parameters(), ph.microsPerGet(),
                    ph.processes(), started.isEmpty() ? "" : "   " + started);
        }
    }

    private static Phase backToBack(PlatformModel m, String name, long nanos) {
        return backToBack(m, name, nanos, "Device.");
    }

    private static Phase backToBack(PlatformModel m, String name, long nanos, String path) {
        long p0 = m.processesStarted();
        long t0 = System.nanoTime();
        long gets = 0;
        int parameters = 0;
        long now;
        do {
            List<ObjectValues> got = m.get(path);
            parameters = PlatformModel.parameters(got);
            gets++;
            now = System.nanoTime();
        } while (now - t0 < nanos);
        return new Phase(name, gets, now - t0, now - t0, m.processesStarted() - p0, parameters);
    }

    /**
     * One Get every {@code period} seconds for {@code seconds}; the time per Get is that of the
     * Gets alone, the processes those of the whole period.
     */
    private static Phase polled(PlatformModel m, int seconds, int period) throws InterruptedException {
        long p0 = m.processesStarted();
        long t0 = System.nanoTime();
        long inGets = 0;
        int parameters = 0;
        int gets = Math.max(1, seconds / period);
        for (int i = 0; i < gets; i++) {
            long g0 = System.nanoTime();
            parameters = PlatformModel.parameters(m.getDevice());
            inGets += System.nanoTime() - g0;
            long wait = t0 + TimeUnit.SECONDS.toNanos((long) (i + 1) * period) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        long total = System.nanoTime() - t0;
        return new Phase("polled, 1 Get/" + period + " s", gets, inGets, total, m.processesStarted() - p0, parameters);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options: --name value ...; got " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

package dev.demarc.bench;

import dev.demarc.core.model.ObjectValues;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Get of {@code Device.} (all levels) through the data model engine on a platform, as a
 * controller's full Get costs the agent's owner thread before the answer is encoded: the whole
 * TR-181 model ({@link PlatformModel}) on (a) a simulated gateway generated at setup with 32
 * Ethernet ports, each an IP interface with addresses, and 64 Wi-Fi stations on two access
 * points, with their hosts and leases ({@link SimulatedGateway}), and (b) this machine read as
 * generic Linux, its event monitors followed, as {@code --platform linux} runs, and (c) the
 * OpenWrt platform on hal-linux's router fixture, whose commands ({@code ubus}...) are answered
 * from recorded outputs (and counted as the processes they would be).
 *
 * <p>Besides the time per Get, the auxiliary counter {@code processes} is the number of
 * processes the Linux platform's command runner started during each iteration, whichever thread
 * started them (the background refreshes the reads cause included), so that
 * {@code processes / ops} is the processes per Get; it is always 0 on the simulated platform,
 * which runs no command. {@link PlatformCost} gives the same with the commands named.
 *
 * <p>The warm-up is long (10 × 2 s): on two cores the first Gets of the whole tree take 30 ms
 * and more until the JIT has compiled the engine's and the bindings' paths.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar PlatformGetBenchmark}; with the agent's JVM options (the
 * launcher's: C1 only, serial GC, 48 MB heap) add {@code -jvmArgs "-XX:+UseSerialGC -Xms8m
 * -Xmx48m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlatformGetBenchmark {

    /**
     * Which platform: {@code simulated} (the generated gateway), {@code linux} (this machine) or
     * {@code openwrt-fixture} (hal-linux's OpenWrt router fixture, its commands answered from
     * recordings and counted; run from the repository's root).
     */
    @Param({"simulated", "linux", "openwrt-fixture"})
    public String platform;

    /** Ethernet ports of the simulated gateway. */
    @Param({"32"})
    public int ports;

    /** Wi-Fi stations of the simulated gateway. */
    @Param({"64"})
    public int stations;

    private PlatformModel model;

    @Setup(Level.Trial)
    public void setUp() {
        model = PlatformModel.open(platform, ports, stations);
        model.getDevice();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /**
     * What the Gets of an iteration cost in processes: {@code processes} started by the
     * platform's runner and {@code gets} done, summed over the iteration (JMH's EVENTS counters).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cost {
        public long processes;
        public long gets;
        private long seen;

        @Setup(Level.Iteration)
        public void clear(PlatformGetBenchmark benchmark) {
            processes = 0;
            gets = 0;
            seen = benchmark.model.processesStarted();
        }

        void after(PlatformModel m) {
            long now = m.processesStarted();
            processes += now - seen;
            seen = now;
            gets++;
        }
    }

    @Benchmark
    public List<ObjectValues> getDevice(Cost cost) {
        List<ObjectValues> got = model.getDevice();
        cost.after(model);
        return got;
    }
}

package dev.demarc.hal.linux;

import dev.demarc.core.DmError;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.MemoryStatus;
import dev.demarc.tr181.platform.ProcessStatus;
import dev.demarc.tr181.platform.SystemProcess;
import dev.demarc.tr181.platform.SystemStatus;
import dev.demarc.tr181.platform.TemperatureSensor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running state of a Linux device, from procfs and sysfs, kept in snapshots that the
 * data model reads without I/O:
 *
 * <ul>
 *   <li>memory ({@code /proc/meminfo}) and CPU usage ({@code /proc/stat}: the busy share between
 *   two samplings) are sampled every {@link Settings#sampling} (two small files);</li>
 *   <li>temperature sensors ({@link TemperatureReadings}) every {@link Settings#temperatureSampling},
 *   so that their lowest and highest readings mean something ({@link TemperatureTracker});</li>
 *   <li>processes ({@code /proc/<pid>/stat} and {@code status}, at most
 *   {@link ProcessStatus#MAX_PROCESSES}) only when read: a read of a snapshot older than
 *   {@link Settings#processTtl} returns it and asks for a new one, and the watchers hear when
 *   the new one lists other processes.</li>
 * </ul>
 *
 * <p>Refreshes run on the platform's pool, which this object is given and does not shut down;
 * {@link #start} schedules them, {@link #close} cancels them. Reads: any thread, at once.
 */
public final class LinuxSystemStatus implements SystemStatus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxSystemStatus.class);

    /**
     * How often what is sampled is sampled.
     *
     * @param sampling            memory and CPU usage
     * @param temperatureSampling temperature sensors
     * @param processTtl          how old the process list may be before a read asks for a new one
     */
    public record Settings(Duration sampling, Duration temperatureSampling, Duration processTtl) {
        public Settings {
            for (Duration d : List.of(sampling, temperatureSampling, processTtl)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("periods are positive");
                }
            }
        }

        /** 10 s, 30 s, 5 s. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5));
        }
    }

    private final SystemFiles files;
    private final ScheduledExecutorService threads;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final Settings settings;
    private final TemperatureTracker tracker = new TemperatureTracker();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean processRefreshPending = new AtomicBoolean();
    private final List<java.util.concurrent.Future<?>> scheduled = new CopyOnWriteArrayList<>();

    private volatile Optional<MemoryStatus> memory = Optional.empty();
    private volatile Optional<ProcFs.CpuTimes> lastCpu = Optional.empty();
    private volatile OptionalInt cpuUsage = OptionalInt.empty();
    private volatile List<SystemProcess> processes = List.of();
    private volatile long processesReadAt;
    private volatile boolean processesRead;
    private volatile List<TemperatureSensor> temperatures = List.of();

    /**
     * @param files     the file root ({@code /} on the device)
     * @param threads   the platform's pool, for the refreshes
     * @param clock     wall clock, for the sensors' times
     * @param nanoClock monotonic clock, for the snapshots' ages
     */
    public LinuxSystemStatus(SystemFiles files, ScheduledExecutorService threads, Clock clock, LongSupplier nanoClock,
                             Settings settings) {
        this.files = Objects.requireNonNull(files, "files");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** On the system's clocks, with the default periods. */
    public LinuxSystemStatus(SystemFiles files, ScheduledExecutorService threads) {
        this(files, threads, Clock.systemUTC(), System::nanoTime, Settings.defaults());
    }

    /**
     * Takes the first samples now (on the calling thread: a few small files) and schedules the
     * next ones on the pool; CPU usage is known after the first period.
     */
    public LinuxSystemStatus start() {
        sampleMemoryAndCpu();
        sampleTemperatures();
        refreshProcesses();
        long ms = settings.sampling().toMillis();
        long tms = settings.temperatureSampling().toMillis();
        scheduled.add(threads.scheduleWithFixedDelay(guarded(this::sampleMemoryAndCpu), Math.min(ms, 1000), ms,
                TimeUnit.MILLISECONDS));
        scheduled.add(threads.scheduleWithFixedDelay(guarded(this::sampleTemperatures), tms, tms,
                TimeUnit.MILLISECONDS));
        return this;
    }

    @Override
    public Optional<MemoryStatus> memory() {
        return memory;
    }

    @Override
    public ProcessStatus processes() {
        if (!processesRead || nanoClock.getAsLong() - processesReadAt > settings.processTtl().toNanos()) {
            askForProcesses();
        }
        return new ProcessStatus(cpuUsage, processes);
    }

    @Override
    public List<TemperatureSensor> temperatureSensors() {
        return temperatures;
    }

    @Override
    public Optional<DmError> resetTemperatureSensor(String name) {
        Optional<DmError> failed = tracker.reset(name, clock.instant());
        if (failed.isEmpty()) {
            temperatures = tracker.current();
        }
        return failed;
    }

    @Override
    public void watch(Runnable listener) {
        watchers.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        scheduled.forEach(f -> f.cancel(false));
    }

    // ------------------------------------------------------------------ sampling (pool threads)

    /** Reads memory and the CPU counters; the CPU usage is the busy share since the last reading. */
    void sampleMemoryAndCpu() {
        memory = ProcFs.meminfo(files.read("/proc/meminfo").orElse(""));
        Optional<ProcFs.CpuTimes> now = ProcFs.cpu(files.read("/proc/stat").orElse(""));
        Optional<ProcFs.CpuTimes> before = lastCpu;
        if (now.isPresent() && before.isPresent()) {
            OptionalInt usage = now.get().usageSince(before.get());
            if (usage.isPresent()) {
                cpuUsage = usage;
            }
        }
        if (now.isPresent()) {
            lastCpu = now;
        }
    }

    /** Reads every sensor once. */
    void sampleTemperatures() {
        Set<String> before = names(temperatures);
        temperatures = tracker.update(TemperatureReadings.read(files), clock.instant());
        if (!before.equals(names(temperatures))) {
            tell();
        }
    }

    /** Lists the processes now. */
    void refreshProcesses() {
        List<SystemProcess> list = new ArrayList<>();
        for (String entry : files.list("/proc")) {
            if (list.size() >= ProcessStatus.MAX_PROCESSES) {
                LOG.debug("more than {} processes: the rest are left out", ProcessStatus.MAX_PROCESSES);
                break;
            }
            if (entry.isEmpty() || !entry.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String dir = "/proc/" + entry + "/";
            Optional<String> stat = files.read(dir + "stat");
            if (stat.isEmpty()) {
                continue;
            }
            long rss = ProcFs.residentKiB(files.read(dir + "status").orElse(""));
            ProcFs.process(stat.get(), rss).ifPresent(list::add);
        }
        list.sort(java.util.Comparator.comparingLong(SystemProcess::pid));
        Set<Long> before = processes.stream().map(SystemProcess::pid).collect(Collectors.toSet());
        processes = List.copyOf(list);
        processesReadAt = nanoClock.getAsLong();
        boolean first = !processesRead;
        processesRead = true;
        if (!first && !before.equals(processes.stream().map(SystemProcess::pid).collect(Collectors.toSet()))) {
            tell();
        }
    }

    private void askForProcesses() {
        if (!processRefreshPending.compareAndSet(false, true)) {
            return;
        }
        try {
            threads.execute(() -> {
                try {
                    refreshProcesses();
                } catch (RuntimeException e) {
                    LOG.error("reading the processes failed", e);
                } finally {
                    processRefreshPending.set(false);
                }
            });
        } catch (RejectedExecutionException stopping) {
            processRefreshPending.set(false);
        }
    }

    private void tell() {
        for (Runnable w : watchers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.error("a watcher of the system status failed", e);
            }
        }
    }

    private static Set<String> names(List<TemperatureSensor> sensors) {
        return sensors.stream().map(TemperatureSensor::name).collect(Collectors.toSet());
    }

    private static Runnable guarded(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("sampling the system status failed", e);
            }
        };
    }
}

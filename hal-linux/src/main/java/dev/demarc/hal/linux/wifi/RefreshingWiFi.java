package dev.demarc.hal.linux.wifi;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.StaleRefreshGate;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WiFiPlatform} whose snapshot is read by commands and files ({@link #read}, which
 * blocks) on the platform's threads, and kept fresh without a process per parameter:
 * <ul>
 *   <li>on events ({@link #requestRefresh} from an event follower: a station came or went);</li>
 *   <li>when a read finds it older than {@link Timing#maxAge}: the read answers at once from the
 *       snapshot it has and starts one refresh, so values nobody reads are not polled;</li>
 *   <li>every {@link Timing#period}, so that a value read after a quiet spell is not older than
 *       that.</li>
 * </ul>
 * The platform starts it ({@link #start}: a first read on its maker's thread); a part nobody
 * started starts when first read or watched, its first read then on the platform's threads.
 * Events arriving together make one refresh ({@link Timing#settle}). A write that changed the
 * configuration publishes its own snapshot at once ({@link #publish}) and makes a refresh
 * started before it discard what it read. Watchers are called on the platform's threads when
 * the snapshot changed. Thread-safe.
 */
public abstract class RefreshingWiFi implements WiFiPlatform, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingWiFi.class);

    /**
     * How fresh the snapshot is kept.
     *
     * @param maxAge a read of an older snapshot starts a refresh
     * @param period a refresh runs at least this often (zero: never on a timer)
     * @param settle how long a requested refresh waits for more events to join it
     */
    public record Timing(Duration maxAge, Duration period, Duration settle) {
        /** 5 s, 60 s, 200 ms. */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofMillis(200));

        public Timing {
            Objects.requireNonNull(maxAge, "maxAge");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(settle, "settle");
            if (maxAge.isNegative() || period.isNegative() || settle.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative");
            }
        }
    }

    private final String name;
    protected final ScheduledExecutorService threads;
    private final Timing timing;
    private final LongSupplier nanoClock;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    /** Counts the writes: a refresh that began before one does not publish what it read. */
    private final AtomicLong generation = new AtomicLong();
    private final Object publishing = new Object();
    private volatile WiFiState state = WiFiState.EMPTY;
    private volatile long readAt;
    private final StaleRefreshGate staleReads;
    private volatile boolean closed;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean readOnce;
    private ScheduledFuture<?> periodic;

    protected RefreshingWiFi(String name, ScheduledExecutorService threads, Timing timing, LongSupplier nanoClock) {
        this.name = Objects.requireNonNull(name, "name");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.readAt = nanoClock.getAsLong();
        this.staleReads = new StaleRefreshGate(timing.maxAge(), readAt);
    }

    /**
     * Reads the whole Wi-Fi state now: runs the platform's commands and reads its files. On the
     * platform's threads (or a test's), never on the data model's owner thread.
     */
    protected abstract WiFiState read();

    /**
     * Scans for neighbouring networks as {@code state} knows the radios; called on the platform's
     * threads (it blocks), never on the data model's owner thread.
     */
    protected abstract Result<List<WiFiNeighbor>> scan(WiFiState state);

    /** Runs {@link #scan} on the platform's threads, on the state as it is now. */
    @Override
    public final CompletionStage<Result<List<WiFiNeighbor>>> scanNeighbors() {
        WiFiState state = current();
        try {
            return CompletableFuture.supplyAsync(() -> scan(state), threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Result.err(ErrorCode.COMMAND_FAILURE, "the platform has stopped"));
        }
    }

    /** Starts what follows the platform's events; called once by {@link #start}. */
    protected void startEvents() {
    }

    /** Stops what {@link #startEvents} started. */
    protected void stopEvents() {
    }

    /**
     * Reads the state now on the calling thread (the platform's maker, at start: before the
     * agent's first read), then starts the event followers and the timer. Any thread but the
     * data model's owner; the first call of this or {@link #startLater} does it, later ones nothing.
     */
    public void start() {
        if (closed || !started.compareAndSet(false, true)) {
            return;
        }
        if (!readOnce) {
            refreshSafely();
        }
        follow();
    }

    /**
     * As {@link #start}, the first read made on the platform's threads (until it is done the
     * snapshot is empty, and watchers hear when it is): for a part nobody started, first read or
     * watched on the data model's owner thread.
     */
    private void startLater() {
        if (closed || !started.compareAndSet(false, true)) {
            return;
        }
        if (!readOnce && refreshPending.compareAndSet(false, true)) {
            try {
                threads.execute(() -> {
                    refreshPending.set(false);
                    refreshSafely();
                });
            } catch (RejectedExecutionException e) {
                refreshPending.set(false);
            }
        }
        follow();
    }

    private void follow() {
        startEvents();
        if (!timing.period().isZero()) {
            try {
                periodic = threads.scheduleWithFixedDelay(this::refreshSafely, timing.period().toNanos(),
                        timing.period().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("{} Wi-Fi: the platform stopped before the timer started", name);
            }
        }
    }

    @Override
    public WiFiState state() {
        startLater();
        if (staleReads.shouldAsk(readAt, nanoClock.getAsLong())) {
            requestRefresh();
        }
        return state;
    }

    @Override
    public void watch(Runnable listener) {
        watchers.add(Objects.requireNonNull(listener, "listener"));
        startLater();
    }

    /** Asks for a refresh on the platform's threads soon; requests made meanwhile join it. Any thread. */
    public void requestRefresh() {
        if (closed || !refreshPending.compareAndSet(false, true)) {
            return;
        }
        try {
            threads.schedule(() -> {
                refreshPending.set(false);
                refreshSafely();
            }, timing.settle().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            refreshPending.set(false);
        }
    }

    /** Reads the state now on the calling thread and publishes it (tests, and the first read). */
    public void refreshNow() {
        long started = generation.get();
        WiFiState read = read();
        boolean changed;
        synchronized (publishing) {
            if (generation.get() != started) {
                LOG.debug("{} Wi-Fi: a write came during the refresh; reading again", name);
                requestRefresh();
                return;
            }
            readAt = nanoClock.getAsLong();
            readOnce = true;
            changed = !state.equals(read);
            state = read;
        }
        if (changed) {
            tellWatchers();
        }
    }

    private void refreshSafely() {
        if (closed) {
            return;
        }
        try {
            refreshNow();
        } catch (RuntimeException e) {
            LOG.error("{} Wi-Fi: reading the state failed; keeping the last one", name, e);
        }
    }

    /**
     * Publishes the snapshot a write made (on the writer's thread); a refresh already under way
     * does not overwrite it. Watchers hear of it on the platform's threads.
     */
    protected void publish(WiFiState written) {
        synchronized (publishing) {
            generation.incrementAndGet();
            WiFiState before = state;
            state = Objects.requireNonNull(written, "written");
            if (!before.equals(written)) {
                try {
                    threads.execute(this::tellWatchers);
                } catch (RejectedExecutionException e) {
                    LOG.debug("{} Wi-Fi: stopped; watchers not told", name);
                }
            }
        }
    }

    /**
     * How many writes have been published so far: a subclass that keeps what {@link #read} read
     * compares it before and after reading, and keeps its readings only when no write came.
     */
    protected long writeGeneration() {
        return generation.get();
    }

    /** The snapshot as it is, without starting a refresh. */
    protected WiFiState current() {
        return state;
    }

    private void tellWatchers() {
        for (Runnable w : watchers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.error("a watcher of the {} Wi-Fi failed", name, e);
            }
        }
    }

    /** Stops the timer and the event followers; the threads are the platform's. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> p = periodic;
        if (p != null) {
            p.cancel(false);
        }
        stopEvents();
    }
}

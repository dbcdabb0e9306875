package dev.demarc.hal.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot a platform part keeps fresh on the platform's pool: read again
 * periodically, soon after an event ({@link #refreshSoon}), and when it is read while older than
 * its maximum age (the reader gets the snapshot it has at once; the next read sees the new one).
 * Refreshes never overlap, and requests made while one runs are folded into one more. When a
 * refresh gives a value that differs ({@code equals}) from the one before, the watchers are
 * called, on the pool's thread.
 *
 * <p>The reader runs on the pool (it may run commands and read files) and is given the previous
 * snapshot, so that it can keep what it cannot read again exactly (a time computed from an up
 * time). A reader that throws keeps the previous snapshot (and is logged). {@link #current} is
 * called on any thread, the data model's owner thread included, and never blocks.
 *
 * @param <T> the snapshot type: immutable, with a meaningful {@code equals}
 */
public final class RefreshingSnapshot<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingSnapshot.class);
    /** How long after an event the snapshot is read: events come in bursts. */
    public static final Duration EVENT_DELAY = Duration.ofMillis(200);

    private final String name;
    private final UnaryOperator<T> reader;
    private final ScheduledExecutorService pool;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object refreshLock = new Object();
    private volatile T value;
    private volatile long readAt;
    private final StaleRefreshGate staleReads;
    private volatile ScheduledFuture<?> periodic;
    private volatile boolean closed;

    /**
     * @param name     what the snapshot is, for messages ({@code linux wan})
     * @param initial  the value until the first refresh
     * @param reader   reads the new value from the previous one; on the pool
     * @param pool     the platform's pool (not shut down by this)
     * @param maxAge   a read of an older value asks for a refresh
     * @param nanoTime a monotonic clock ({@code System::nanoTime})
     */
    public RefreshingSnapshot(String name, T initial, UnaryOperator<T> reader, ScheduledExecutorService pool,
                              Duration maxAge, LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(initial, "initial");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.readAt = nanoTime.getAsLong() - maxAgeNanos - 1;
        this.staleReads = new StaleRefreshGate(maxAge, nanoTime.getAsLong());
    }

    /**
     * Reads the snapshot now, on the calling thread (a platform's start, before the data model
     * reads it), then every {@code period} on the pool.
     */
    public void start(Duration period) {
        refresh();
        long millis = Math.max(1, period.toMillis());
        periodic = pool.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * The snapshot now; asks for a refresh when it is older than its maximum age (once: the
     * reads made while that refresh runs do not ask again, {@link StaleRefreshGate}). Never blocks.
     */
    public T current() {
        if (staleReads.shouldAsk(readAt, nanoTime.getAsLong())) {
            refreshSoon(Duration.ZERO);
        }
        return value;
    }

    /** Reads the snapshot again after {@link #EVENT_DELAY}: something changed. Any thread. */
    public void refreshSoon() {
        refreshSoon(EVENT_DELAY);
    }

    private void refreshSoon(Duration delay) {
        if (closed || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.schedule(() -> {
                scheduled.set(false);
                refresh();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
        }
    }

    /** Reads the snapshot now on the calling thread, and tells the watchers if it changed. */
    public T refresh() {
        T before;
        T now;
        synchronized (refreshLock) {
            if (closed) {
                return value;
            }
            before = value;
            try {
                now = Objects.requireNonNull(reader.apply(before), "the reader gave null");
            } catch (RuntimeException e) {
                LOG.warn("{}: reading failed; keeping what was known", name, e);
                readAt = nanoTime.getAsLong();
                return before;
            }
            value = now;
            readAt = nanoTime.getAsLong();
        }
        if (!before.equals(now)) {
            for (Runnable w : watchers) {
                try {
                    w.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: a watcher failed", name, e);
                }
            }
        }
        return now;
    }

    /** Calls {@code watcher} after each refresh that changed the snapshot. */
    public void watch(Runnable watcher) {
        watchers.add(Objects.requireNonNull(watcher, "watcher"));
    }

    /** Stops the periodic refresh; the pool is the platform's and stays. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> p = periodic;
        if (p != null) {
            p.cancel(false);
        }
    }
}

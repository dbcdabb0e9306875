package dev.demarc.core.model;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the data model. Transports, the platform and the CLI hand work to it
 * with {@link #call} and get a future back; they never touch the {@link DataModel} themselves.
 * Timed work (notification retries, periodic events, polling) runs on the same thread through
 * {@link #schedule}: one thread, no thread per job. Owns its thread: {@link #close()} stops it
 * and drops the timed work not yet due.
 */
public final class DataModelOwner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataModelOwner.class);

    private final ScheduledThreadPoolExecutor thread;
    private final DataModel model;

    private DataModelOwner(ScheduledThreadPoolExecutor thread, DataModel model) {
        this.thread = thread;
        this.model = model;
    }

    /**
     * Starts the owner thread and builds the model on it with {@code open} (which may fail:
     * then the thread is stopped and the failure returned).
     */
    public static CompletableFuture<DataModelOwner> start(Supplier<DataModel> open) {
        Objects.requireNonNull(open, "open");
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "demarc-datamodel");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        thread.setRemoveOnCancelPolicy(true);
        return CompletableFuture.supplyAsync(open, thread)
                .thenApply(model -> new DataModelOwner(thread, model))
                .whenComplete((owner, failure) -> {
                    if (failure != null) {
                        thread.shutdownNow();
                    }
                });
    }

    /** Runs {@code work} on the owner thread. */
    public <T> CompletableFuture<T> call(Function<DataModel, T> work) {
        Objects.requireNonNull(work, "work");
        return CompletableFuture.supplyAsync(() -> work.apply(model), thread);
    }

    /**
     * Runs {@code work} on the owner thread once {@code delay} has passed; cancel the returned
     * future to drop it. A failure is logged. Any thread.
     */
    public ScheduledFuture<?> schedule(Duration delay, Consumer<DataModel> work) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(work, "work");
        long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
        return thread.schedule(() -> {
            try {
                work.accept(model);
            } catch (RuntimeException e) {
                LOG.error("timed work on the data model failed", e);
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Tells the model, on its thread, that the platform changed something at {@code path}. */
    public void platformChanged(String path) {
        call(m -> {
            m.platformChanged(path);
            return null;
        }).exceptionally(e -> {
            LOG.error("platform change at {} failed", path, e);
            return null;
        });
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the data model thread did not stop in 10 s");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}

package dev.demarc.core.usp.notify;

import dev.demarc.core.model.DataModelOwner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * The clock and timers of notifications: retries, expirations, periodic events, polling. Timed
 * work runs on the data model's owner thread, like everything else that touches the model.
 * {@link #of} is the real one, on the {@link DataModelOwner}'s thread; tests give a manual one
 * whose time they move.
 */
public interface OwnerScheduler {

    /** Wall-clock time: expirations and {@code PeriodicNotifTime} are absolute. */
    Instant now();

    /** Runs {@code task} on the owner thread after {@code delay}. Any thread. */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet. */
    @FunctionalInterface
    interface Timer {
        /** Drops the task if it has not run; does nothing otherwise. */
        void cancel();
    }

    /** Timers on {@code owner}'s thread, time from {@code clock}. */
    static OwnerScheduler of(DataModelOwner owner, Clock clock) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(clock, "clock");
        return new OwnerScheduler() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public Timer schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = owner.schedule(delay, model -> task.run());
                return () -> f.cancel(false);
            }
        };
    }
}

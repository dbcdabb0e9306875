package dev.demarc.hal.exec;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets the reads of a snapshot that is older than its maximum age ask for a refresh at most once
 * per maximum age. Without it, every read made while the refresh asked for waits and runs (the
 * snapshot still old, and a data model Get reads it hundreds of times) asks for one more, and
 * the device is read two or three times in a row where once was meant: twice the processes.
 * Thread-safe; {@link #shouldAsk} never blocks.
 */
public final class StaleRefreshGate {

    private final long maxAgeNanos;
    private final AtomicLong askedAt;

    /**
     * @param maxAge   how old a snapshot may be before a read asks for a new one
     * @param nowNanos the monotonic clock now: the first stale read may ask at once
     */
    public StaleRefreshGate(Duration maxAge, long nowNanos) {
        this.maxAgeNanos = maxAge.toNanos();
        if (maxAgeNanos < 0) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        this.askedAt = new AtomicLong(nowNanos - maxAgeNanos - 1);
    }

    /**
     * Whether a read at {@code nowNanos} of the snapshot read at {@code readAtNanos} asks for a
     * refresh: when the snapshot is older than the maximum age and no read asked within the
     * last maximum age (the refresh asked then is under way, or failed and may be tried again).
     */
    public boolean shouldAsk(long readAtNanos, long nowNanos) {
        if (nowNanos - readAtNanos <= maxAgeNanos) {
            return false;
        }
        long asked = askedAt.get();
        return nowNanos - asked > maxAgeNanos && askedAt.compareAndSet(asked, nowNanos);
    }
}

package dev.demarc.mtp.websocket;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The TR-369 WebSocket session retry algorithm (R-WS.19) with its two TR-181 parameters,
 * {@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.SessionRetryMinimumWaitInterval}
 * ({@code m}) and {@code SessionRetryIntervalMultiplier} ({@code k}, in thousandths).
 *
 * <p>Retry number {@code n} (1, 2, ...) waits a random interval between
 * {@code m·(k/1000)^(n-1)} and {@code m·(k/1000)^n}; from the tenth retry on the range stays that of
 * the tenth. With the defaults (5 s, 2000) that is 5-10 s, 10-20 s, ... 2560-5120 s. The retry
 * count goes back to zero once a session is established (R-WS.20).
 *
 * @param minimumWaitInterval {@code m}; TR-181 sets it in whole seconds, 1 to 65535, but any
 *                            positive duration up to 65535 s is accepted here (tests use
 *                            milliseconds)
 * @param intervalMultiplier  {@code k}, 1000 to 65535 (1.000 to 65.535)
 */
public record SessionRetryPolicy(Duration minimumWaitInterval, int intervalMultiplier) {

    /** The factory defaults TR-369 requires: 5 seconds and 2000. */
    public static final SessionRetryPolicy DEFAULT = new SessionRetryPolicy(Duration.ofSeconds(5), 2000);

    /** From the tenth retry on, the wait range no longer grows. */
    public static final int MAX_GROWING_RETRY = 10;

    /** No wait is longer than this, whatever the parameters (65535 s × 65.535^10 would overflow). */
    public static final Duration MAX_WAIT = Duration.ofSeconds(Integer.MAX_VALUE);

    public SessionRetryPolicy {
        Objects.requireNonNull(minimumWaitInterval, "minimumWaitInterval");
        if (minimumWaitInterval.isNegative() || minimumWaitInterval.isZero()
                || minimumWaitInterval.compareTo(Duration.ofSeconds(65535)) > 0) {
            throw new IllegalArgumentException(
                    "SessionRetryMinimumWaitInterval must be above 0 and at most 65535 s: " + minimumWaitInterval);
        }
        if (intervalMultiplier < 1000 || intervalMultiplier > 65535) {
            throw new IllegalArgumentException(
                    "SessionRetryIntervalMultiplier must be 1000..65535: " + intervalMultiplier);
        }
    }

    /** The TR-181 form: both parameters as the data model holds them. */
    public static SessionRetryPolicy ofTr181(long minimumWaitIntervalSeconds, long intervalMultiplier) {
        return new SessionRetryPolicy(Duration.ofSeconds(minimumWaitIntervalSeconds),
                Math.toIntExact(intervalMultiplier));
    }

    /** The shortest wait before retry number {@code retryCount} (1 or more). */
    public Duration minimumWait(int retryCount) {
        return scaled(growingRetry(retryCount) - 1);
    }

    /** The longest wait before retry number {@code retryCount} (1 or more). */
    public Duration maximumWait(int retryCount) {
        return scaled(growingRetry(retryCount));
    }

    /** A random wait before retry number {@code retryCount} (1 or more), in the range TR-369 gives. */
    public Duration waitBefore(int retryCount, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        long low = minimumWait(retryCount).toNanos();
        long high = maximumWait(retryCount).toNanos();
        if (high <= low) {
            return Duration.ofNanos(low);
        }
        return Duration.ofNanos(low + (long) (random.nextDouble() * (high - low)));
    }

    private static int growingRetry(int retryCount) {
        if (retryCount < 1) {
            throw new IllegalArgumentException("retry count starts at 1: " + retryCount);
        }
        return Math.min(retryCount, MAX_GROWING_RETRY);
    }

    /** {@code m·(k/1000)^exponent}, at most {@link #MAX_WAIT}. */
    private Duration scaled(int exponent) {
        double nanos = minimumWaitInterval.toNanos() * Math.pow(intervalMultiplier / 1000.0, exponent);
        if (nanos >= MAX_WAIT.toNanos()) {
            return MAX_WAIT;
        }
        return Duration.ofNanos((long) nanos);
    }
}

package dev.demarc.core.usp.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before each retry of a Notify sent with {@code send_resp} (TR-369 "Responses to
 * Notifications and Notification Retry", R-NOT.1, R-NOT.2): retry {@code n} waits a random time
 * between {@code m·(k/1000)^(n-1)} and {@code m·(k/1000)^n} seconds, where {@code m} is the
 * controller's {@code USPNotifRetryMinimumWaitInterval} (default 5) and {@code k} its
 * {@code USPNotifRetryIntervalMultiplier} (default 2000); from the tenth retry on the range of
 * the tenth is used. Stateless; any thread.
 */
public final class RetryPolicy {

    /** R-NOT.2: the range stops growing at the tenth retry. */
    static final int LAST_GROWING_RETRY = 10;
    /** A bound on any wait, whatever the parameters say (TR-181 allows m=65535, k=65535). */
    static final Duration MAX_WAIT = Duration.ofDays(30);

    private RetryPolicy() {
    }

    /**
     * The wait before retry {@code retry} (1 for the first retry).
     *
     * @param minWaitSeconds     m, at least 1
     * @param multiplierPermille k, at least 1000
     */
    public static Duration waitBefore(int retry, long minWaitSeconds, long multiplierPermille, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1: " + retry);
        }
        int n = Math.min(retry, LAST_GROWING_RETRY);
        double m = Math.max(1, minWaitSeconds);
        double k = Math.max(1000, multiplierPermille) / 1000.0;
        double low = m * Math.pow(k, n - 1);
        double high = m * Math.pow(k, n);
        double seconds = low + random.nextDouble() * (high - low);
        double capped = Math.min(seconds, MAX_WAIT.toSeconds());
        return Duration.ofMillis((long) Math.ceil(capped * 1000));
    }
}

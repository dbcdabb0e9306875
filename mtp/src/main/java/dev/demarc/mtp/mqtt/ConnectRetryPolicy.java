package dev.demarc.mtp.mqtt;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long an MQTT client waits before retrying a failed connection, as TR-181 defines it for
 * {@code Device.MQTT.Client.{i}.ConnectRetryTime}, {@code ConnectRetryIntervalMultiplier} and
 * {@code ConnectRetryMaxInterval} (TR-369 R-MQTT.10, R-MQTT.33).
 *
 * <p>For the n-th retry (n counted from 1, and held at 10 from the 10th retry on) the wait is a
 * random value between {@code retryTime * (multiplier/1000)^(n-1)} and
 * {@code retryTime * (multiplier/1000)^n}; a value above {@code maxInterval} is replaced by
 * {@code maxInterval}. With the defaults (5 s, 2000, 30720 s) the waits are 5–10 s, 10–20 s,
 * 20–40 s, ... up to 2560–5120 s.
 *
 * @param retryTime          {@code ConnectRetryTime}: the base wait (TR-181: whole seconds, at
 *                           least 1; finer values are accepted here for tests)
 * @param intervalMultiplier {@code ConnectRetryIntervalMultiplier}: in thousandths, 1000..65535
 *                           (1000 means a constant wait between retryTime and retryTime)
 * @param maxInterval        {@code ConnectRetryMaxInterval}: the longest wait
 */
public record ConnectRetryPolicy(Duration retryTime, int intervalMultiplier, Duration maxInterval) {

    /** TR-181 defaults: 5 s, 2000 (doubling), 30720 s. */
    public static final ConnectRetryPolicy DEFAULT =
            new ConnectRetryPolicy(Duration.ofSeconds(5), 2000, Duration.ofSeconds(30720));

    /** The retry number from which the exponent stops growing. */
    public static final int MAX_EXPONENT = 10;

    public ConnectRetryPolicy {
        Objects.requireNonNull(retryTime, "retryTime");
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (retryTime.isNegative() || retryTime.isZero()) {
            throw new IllegalArgumentException("ConnectRetryTime must be positive: " + retryTime);
        }
        if (intervalMultiplier < 1000 || intervalMultiplier > 65535) {
            throw new IllegalArgumentException(
                    "ConnectRetryIntervalMultiplier must be in 1000..65535: " + intervalMultiplier);
        }
        if (maxInterval.isNegative() || maxInterval.isZero()) {
            throw new IllegalArgumentException("ConnectRetryMaxInterval must be positive: " + maxInterval);
        }
    }

    /**
     * The policy the three TR-181 parameters describe, in their own units (seconds, thousandths,
     * seconds), checked against their TR-181 ranges.
     */
    public static ConnectRetryPolicy ofTr181(long connectRetryTime, long connectRetryIntervalMultiplier,
                                             long connectRetryMaxInterval) {
        if (connectRetryTime < 1 || connectRetryTime > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ConnectRetryTime must be in 1..4294967295: " + connectRetryTime);
        }
        if (connectRetryMaxInterval < 1 || connectRetryMaxInterval > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(
                    "ConnectRetryMaxInterval must be in 1..4294967295: " + connectRetryMaxInterval);
        }
        if (connectRetryIntervalMultiplier < 1000 || connectRetryIntervalMultiplier > 65535) {
            throw new IllegalArgumentException(
                    "ConnectRetryIntervalMultiplier must be in 1000..65535: " + connectRetryIntervalMultiplier);
        }
        return new ConnectRetryPolicy(Duration.ofSeconds(connectRetryTime), (int) connectRetryIntervalMultiplier,
                Duration.ofSeconds(connectRetryMaxInterval));
    }

    /** The shortest wait before retry number {@code retryNumber} (1 = the first retry), uncapped. */
    public Duration lowerBound(int retryNumber) {
        return millis(boundMillis(exponent(retryNumber) - 1));
    }

    /** The longest wait before retry number {@code retryNumber}, before the cap of {@link #maxInterval}. */
    public Duration upperBound(int retryNumber) {
        return millis(boundMillis(exponent(retryNumber)));
    }

    /**
     * The wait before retry number {@code retryNumber} (1 = the first retry after a failure):
     * uniformly random between the two bounds, then capped at {@link #maxInterval}.
     */
    public Duration delay(int retryNumber, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        int n = exponent(retryNumber);
        double low = boundMillis(n - 1);
        double high = boundMillis(n);
        double chosen = high > low ? low + random.nextDouble() * (high - low) : low;
        double cap = maxInterval.toMillis();
        return millis(Math.min(chosen, cap));
    }

    private static int exponent(int retryNumber) {
        if (retryNumber < 1) {
            throw new IllegalArgumentException("retry numbers start at 1: " + retryNumber);
        }
        return Math.min(retryNumber, MAX_EXPONENT);
    }

    private double boundMillis(int power) {
        return retryTime.toMillis() * Math.pow(intervalMultiplier / 1000.0, power);
    }

    private static Duration millis(double ms) {
        // A double beyond Long.MAX_VALUE converts to Long.MAX_VALUE: no overflow.
        return Duration.ofMillis((long) Math.ceil(ms));
    }

    // equals, hashCode and toString by hand: the generated ones go through method handles that the
    // JVM compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectRetryPolicy o
                && Objects.equals(retryTime, o.retryTime)
                && intervalMultiplier == o.intervalMultiplier
                && Objects.equals(maxInterval, o.maxInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(retryTime, intervalMultiplier, maxInterval);
    }

    @Override
    public String toString() {
        return "ConnectRetryPolicy[retryTime=" + retryTime + ", intervalMultiplier=" + intervalMultiplier
                + ", maxInterval=" + maxInterval + "]";
    }
}

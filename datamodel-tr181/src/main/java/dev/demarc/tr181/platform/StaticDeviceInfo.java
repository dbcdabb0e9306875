package dev.demarc.tr181.platform;

import dev.demarc.core.schema.ValueType;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A {@link DeviceInfoPlatform} that knows only what it is given: a fixed identity and first-use
 * date, and an up time counted from its own construction (i.e. from the agent's start, not the
 * device's boot). For tests, and for running the agent where no platform module reads the real
 * values; the factory defaults can pin the real ones. Immutable; any thread.
 */
public final class StaticDeviceInfo implements DeviceInfoPlatform {

    /** TR-106's Unknown Time: the dateTime for "not known". */
    public static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";

    private final DeviceIdentity identity;
    private final String firstUseDate;
    private final LongSupplier nanoClock;
    private final long startNanos;

    /**
     * @param identity     the identity to report
     * @param firstUseDate a TR-106 dateTime, e.g. {@link #UNKNOWN_TIME}
     * @param nanoClock    a monotonic clock in nanoseconds ({@code System::nanoTime}); up time
     *                     counts from its value now
     */
    public StaticDeviceInfo(DeviceIdentity identity, String firstUseDate, LongSupplier nanoClock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.firstUseDate = Objects.requireNonNull(firstUseDate, "firstUseDate");
        ValueType.dateTime().check(firstUseDate).ifPresent(e -> {
            throw new IllegalArgumentException("firstUseDate: " + e.message());
        });
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.startNanos = nanoClock.getAsLong();
    }

    /** {@code identity}, first use unknown, up time from now on the system clock. */
    public StaticDeviceInfo(DeviceIdentity identity) {
        this(identity, UNKNOWN_TIME, System::nanoTime);
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public long upTimeSeconds() {
        return Math.max(0, (nanoClock.getAsLong() - startNanos) / 1_000_000_000L);
    }

    @Override
    public String firstUseDate() {
        return firstUseDate;
    }

    @Override
    public String toString() {
        return "StaticDeviceInfo[" + identity + "]";
    }
}

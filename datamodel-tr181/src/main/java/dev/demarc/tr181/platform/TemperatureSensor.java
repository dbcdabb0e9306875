package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One temperature sensor as the platform has sampled it, for a row of
 * {@code Device.DeviceInfo.TemperatureStatus.TemperatureSensor.{i}.}. Values are whole degrees
 * Celsius; "no good reading since the last reset" is an empty value and an empty time (TR-181
 * writes them -274 and the Unknown Time). Immutable.
 *
 * @param name       {@code Name}, the row's key: unique among the device's sensors
 * @param readable   whether the last sampling read the sensor ({@code Status} {@code Enabled});
 *                   false when it failed ({@code Error})
 * @param resetTime  {@code ResetTime}: when the platform started tracking this sensor
 * @param value      {@code Value}: the last good reading
 * @param lastUpdate {@code LastUpdate}: when that reading was taken
 * @param minValue   {@code MinValue}: the lowest good reading since {@code resetTime}
 * @param minTime    {@code MinTime}
 * @param maxValue   {@code MaxValue}: the highest good reading since {@code resetTime}
 * @param maxTime    {@code MaxTime}
 */
public record TemperatureSensor(String name, boolean readable, Instant resetTime, OptionalInt value,
                                Optional<Instant> lastUpdate, OptionalInt minValue, Optional<Instant> minTime,
                                OptionalInt maxValue, Optional<Instant> maxTime) {

    /** TR-181's string(256). */
    public static final int MAX_NAME = 256;
    /** The coldest reading there can be; TR-181's -274 means "none". */
    public static final int ABSOLUTE_ZERO = -273;

    public TemperatureSensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resetTime, "resetTime");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(lastUpdate, "lastUpdate");
        Objects.requireNonNull(minValue, "minValue");
        Objects.requireNonNull(minTime, "minTime");
        Objects.requireNonNull(maxValue, "maxValue");
        Objects.requireNonNull(maxTime, "maxTime");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a sensor name has 1.." + MAX_NAME + " characters");
        }
        for (OptionalInt v : new OptionalInt[] {value, minValue, maxValue}) {
            if (v.isPresent() && v.getAsInt() < ABSOLUTE_ZERO) {
                throw new IllegalArgumentException("below absolute zero: " + v.getAsInt());
            }
        }
        if (value.isPresent() != lastUpdate.isPresent() || minValue.isPresent() != minTime.isPresent()
                || maxValue.isPresent() != maxTime.isPresent()) {
            throw new IllegalArgumentException("a reading and its time go together");
        }
    }
}

package dev.demarc.hal.linux;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.tr181.platform.TemperatureSensor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keeps, per temperature sensor, what TR-181 reports of it across samplings: the last good
 * reading and its time, the lowest and highest since the sensor's reset, and the reset time
 * (the first sampling that saw the sensor, or {@link #reset}). A sensor that is no longer listed
 * is forgotten. Thread-safe.
 */
public final class TemperatureTracker {

    private static final class State {
        Instant resetTime;
        boolean readable;
        OptionalInt value = OptionalInt.empty();
        Optional<Instant> lastUpdate = Optional.empty();
        OptionalInt min = OptionalInt.empty();
        Optional<Instant> minTime = Optional.empty();
        OptionalInt max = OptionalInt.empty();
        Optional<Instant> maxTime = Optional.empty();

        State(Instant resetTime) {
            this.resetTime = resetTime;
        }

        TemperatureSensor snapshot(String name) {
            return new TemperatureSensor(name, readable, resetTime, value, lastUpdate, min, minTime, max, maxTime);
        }
    }

    private final Map<String, State> sensors = new LinkedHashMap<>();

    /** Takes one sampling of every sensor, taken at {@code now}; answers the sensors now. */
    public synchronized List<TemperatureSensor> update(List<TemperatureReadings.Reading> readings, Instant now) {
        Map<String, State> before = new LinkedHashMap<>(sensors);
        sensors.clear();
        for (TemperatureReadings.Reading r : readings) {
            State s = before.getOrDefault(r.name(), new State(now));
            s.readable = r.celsius().isPresent();
            if (s.readable) {
                int v = r.celsius().getAsInt();
                s.value = OptionalInt.of(v);
                s.lastUpdate = Optional.of(now);
                if (s.min.isEmpty() || v < s.min.getAsInt()) {
                    s.min = OptionalInt.of(v);
                    s.minTime = Optional.of(now);
                }
                if (s.max.isEmpty() || v > s.max.getAsInt()) {
                    s.max = OptionalInt.of(v);
                    s.maxTime = Optional.of(now);
                }
            }
            sensors.put(r.name(), s);
        }
        return current();
    }

    /** The sensors as last sampled. */
    public synchronized List<TemperatureSensor> current() {
        List<TemperatureSensor> out = new ArrayList<>(sensors.size());
        sensors.forEach((name, s) -> out.add(s.snapshot(name)));
        return List.copyOf(out);
    }

    /** Forgets the sensor's readings: reset at {@code now}; an error when there is no such sensor. */
    public synchronized Optional<DmError> reset(String name, Instant now) {
        if (!sensors.containsKey(name)) {
            return Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, "no temperature sensor " + name));
        }
        State fresh = new State(now);
        fresh.readable = sensors.get(name).readable;
        sensors.put(name, fresh);
        return Optional.empty();
    }
}

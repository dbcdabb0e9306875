package dev.demarc.tr181.platform;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The device's running state: memory, CPU usage and processes, temperature sensors
 * ({@code Device.DeviceInfo.MemoryStatus.}, {@code ProcessStatus.}, {@code TemperatureStatus.}).
 *
 * <p>Read on the data model's owner thread: every method answers at once from a snapshot the
 * platform keeps fresh on its own threads (a read may ask for a fresher one, which arrives
 * later; {@link #watch} says when a table's rows changed).
 */
public interface SystemStatus {

    /** Total and free memory; empty when the platform cannot tell. */
    Optional<MemoryStatus> memory();

    /** CPU usage and the processes. */
    ProcessStatus processes();

    /** The temperature sensors, at most {@link #MAX_SENSORS}, in a stable order. */
    List<TemperatureSensor> temperatureSensors();

    /**
     * {@code TemperatureSensor.{i}.Reset()}: forgets the sensor's readings and starts tracking
     * it afresh (a new {@code ResetTime}); an error when there is no such sensor.
     */
    Optional<DmError> resetTemperatureSensor(String name);

    /**
     * Calls {@code listener} (on a platform thread) when the processes or the temperature
     * sensors listed may have changed, so that the tables are read again.
     */
    void watch(Runnable listener);

    /** The most temperature sensors listed. */
    int MAX_SENSORS = 256;

    /** Nothing known, no sensors. */
    static SystemStatus none() {
        return None.INSTANCE;
    }

    /** The form of {@link #none()}. */
    final class None implements SystemStatus {
        private static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public Optional<MemoryStatus> memory() {
            return Optional.empty();
        }

        @Override
        public ProcessStatus processes() {
            return ProcessStatus.unknown();
        }

        @Override
        public List<TemperatureSensor> temperatureSensors() {
            return List.of();
        }

        @Override
        public Optional<DmError> resetTemperatureSensor(String name) {
            Objects.requireNonNull(name, "name");
            return Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "no temperature sensor " + name));
        }

        @Override
        public void watch(Runnable listener) {
            Objects.requireNonNull(listener, "listener");
        }
    }
}

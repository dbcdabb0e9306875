package dev.demarc.hal.simulated;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.linux.TemperatureReadings;
import dev.demarc.hal.linux.TemperatureTracker;
import dev.demarc.tr181.platform.MemoryStatus;
import dev.demarc.tr181.platform.ProcessStatus;
import dev.demarc.tr181.platform.SystemProcess;
import dev.demarc.tr181.platform.SystemStatus;
import dev.demarc.tr181.platform.TemperatureSensor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running state of a simulated device, from the file's {@code "system"} area:
 *
 * <pre>{@code
 * "system": {
 *   "memory": { "totalKiB": 262144, "freeKiB": 131072 },
 *   "cpuUsage": 12,
 *   "processes": [ { "pid": 1, "command": "procd", "sizeKiB": 1200, "priority": 20,
 *                    "cpuTimeMillis": 5400, "state": "Sleeping" } ],
 *   "temperatures": [ { "name": "cpu-thermal", "celsius": 52 }, { "name": "wifi", "celsius": null } ]
 * }
 * }</pre>
 *
 * Every member is optional. A sensor with {@code "celsius": null} reads as failing
 * ({@code Status} Error). Each reading of the area (at start and at each timeline step) is a
 * sampling of the sensors, so their lowest and highest values follow the timeline. A bad
 * replacement is logged and the previous values kept. Thread-safe.
 */
final class SimulatedSystemStatus implements SystemStatus {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSystemStatus.class);
    static final String AREA = "system";

    private record State(Optional<MemoryStatus> memory, ProcessStatus processes,
                         List<TemperatureReadings.Reading> readings) {
    }

    private final Clock clock;
    private final TemperatureTracker tracker = new TemperatureTracker();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private volatile State state;
    private volatile List<TemperatureSensor> sensors;

    private SimulatedSystemStatus(State state, Clock clock) {
        this.clock = clock;
        this.state = state;
        this.sensors = tracker.update(state.readings(), clock.instant());
    }

    static Result<SimulatedSystemStatus> follow(SimulatedDevice device, Clock clock) {
        Result<State> first = parse(device.area(AREA));
        if (!first.isOk()) {
            return Result.err(ErrorCode.INVALID_VALUE, device.source() + ": " + first.error().message());
        }
        SimulatedSystemStatus status = new SimulatedSystemStatus(first.value(), clock);
        device.watch(AREA, () -> {
            Result<State> next = parse(device.area(AREA));
            if (!next.isOk()) {
                LOG.error("{}: the new \"{}\" is not used: {}", device.source(), AREA, next.error().message());
                return;
            }
            status.state = next.value();
            status.sensors = status.tracker.update(next.value().readings(), clock.instant());
            status.watchers.forEach(Runnable::run);
        });
        return Result.ok(status);
    }

    private static Result<State> parse(JsonValue area) {
        if (area instanceof JsonValue.Null) {
            return Result.ok(new State(Optional.empty(), ProcessStatus.unknown(), List.of()));
        }
        if (!(area instanceof JsonValue.Obj o)) {
            return Result.err(ErrorCode.INVALID_VALUE, "\"" + AREA + "\" must be an object");
        }
        try {
            Optional<MemoryStatus> memory = o.object("memory").map(m -> new MemoryStatus(
                    m.number("totalKiB").orElseThrow(() -> new IllegalArgumentException("memory.totalKiB is missing")),
                    m.number("freeKiB").orElseThrow(() -> new IllegalArgumentException("memory.freeKiB is missing"))));
            OptionalInt cpu = o.number("cpuUsage").isPresent()
                    ? OptionalInt.of((int) o.number("cpuUsage").getAsLong()) : OptionalInt.empty();
            List<SystemProcess> processes = new ArrayList<>();
            for (JsonValue.Obj p : o.array("processes").objects()) {
                processes.add(new SystemProcess(p.number("pid").orElseThrow(
                        () -> new IllegalArgumentException("a process has no pid")),
                        p.string("command", ""), p.number("sizeKiB").orElse(0), (int) p.number("priority").orElse(20),
                        p.number("cpuTimeMillis").orElse(0), state(p.string("state", "Sleeping"))));
            }
            List<TemperatureReadings.Reading> readings = new ArrayList<>();
            for (JsonValue.Obj t : o.array("temperatures").objects()) {
                String name = t.string("name").filter(n -> !n.isEmpty())
                        .orElseThrow(() -> new IllegalArgumentException("a temperature sensor has no name"));
                OptionalInt c = t.number("celsius").isPresent()
                        ? OptionalInt.of((int) t.number("celsius").getAsLong()) : OptionalInt.empty();
                readings.add(new TemperatureReadings.Reading(name, c));
            }
            if (readings.size() > MAX_SENSORS) {
                throw new IllegalArgumentException("more than " + MAX_SENSORS + " temperature sensors");
            }
            return Result.ok(new State(memory, new ProcessStatus(cpu, processes), readings));
        } catch (IllegalArgumentException e) {
            return Result.err(ErrorCode.INVALID_VALUE, "\"" + AREA + "\": " + e.getMessage());
        }
    }

    private static SystemProcess.State state(String name) {
        for (SystemProcess.State s : SystemProcess.State.values()) {
            if (s.value().equalsIgnoreCase(name) || s.name().equals(name.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown process state " + name);
    }

    @Override
    public Optional<MemoryStatus> memory() {
        return state.memory();
    }

    @Override
    public ProcessStatus processes() {
        return state.processes();
    }

    @Override
    public List<TemperatureSensor> temperatureSensors() {
        return sensors;
    }

    @Override
    public Optional<DmError> resetTemperatureSensor(String name) {
        Optional<DmError> failed = tracker.reset(name, clock.instant());
        if (failed.isEmpty()) {
            sensors = tracker.current();
        }
        return failed;
    }

    @Override
    public void watch(Runnable listener) {
        watchers.add(Objects.requireNonNull(listener, "listener"));
    }
}

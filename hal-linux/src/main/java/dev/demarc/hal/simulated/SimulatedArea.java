package dev.demarc.hal.simulated;

import dev.demarc.core.text.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One area of a {@link SimulatedDevice} read as a snapshot: parsed when the area changes (a
 * timeline step, which the watchers hear of, or a write of the part, which they do not: the
 * model already has it). Thread-safe.
 *
 * @param <S> the snapshot
 */
final class SimulatedArea<S> {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedArea.class);

    private final SimulatedDevice device;
    private final String name;
    /** (area value, previous snapshot or null) -> snapshot. */
    private final BiFunction<JsonValue, S, S> parse;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);
    private volatile S snapshot;

    SimulatedArea(SimulatedDevice device, String name, BiFunction<JsonValue, S, S> parse) {
        this.device = Objects.requireNonNull(device, "device");
        this.name = Objects.requireNonNull(name, "name");
        this.parse = Objects.requireNonNull(parse, "parse");
        this.snapshot = parse.apply(device.area(name), null);
        device.watch(name, this::changed);
    }

    S snapshot() {
        return snapshot;
    }

    JsonValue value() {
        return device.area(name);
    }

    void watch(Runnable onChange) {
        watchers.add(Objects.requireNonNull(onChange, "onChange"));
    }

    /** Replaces the area with what a write accepted; the watchers are not told. */
    void write(JsonValue value) {
        writing.set(true);
        try {
            device.replace(name, value);
        } finally {
            writing.set(false);
        }
    }

    private void changed() {
        S next;
        synchronized (this) {
            next = parse.apply(device.area(name), snapshot);
            snapshot = next;
        }
        if (writing.get()) {
            return;
        }
        for (Runnable w : watchers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.error("a watcher of simulated area {} failed", name, e);
            }
        }
    }
}

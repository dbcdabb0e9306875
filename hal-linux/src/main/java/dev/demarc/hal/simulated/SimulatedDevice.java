package dev.demarc.hal.simulated;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a simulated device, read from a JSON file: one top-level member per area
 * ({@code "deviceInfo"}, {@code "interfaces"}, {@code "wifi"}, ...), each read by that area's
 * simulated part, and an optional {@code "timeline"} of changes over time:
 *
 * <pre>{@code
 * {
 *   "deviceInfo": { ... },
 *   "interfaces": [ ... ],
 *   "timeline": [
 *     { "afterSeconds": 10, "set": { "interfaces": [ ... ] } },
 *     { "afterSeconds": 25, "set": { "wifi": { ... } } }
 *   ]
 * }
 * }</pre>
 *
 * <p>At each step of the timeline (seconds from {@link #start}), the areas it names are
 * replaced whole, and the watchers of those areas are told. A write a simulated part accepts
 * replaces its area too ({@link #replace}). Thread-safe: areas are immutable values swapped
 * atomically; watchers are called on the timeline's thread or the writer's.
 */
public final class SimulatedDevice implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
    /** The member holding the changes over time. */
    public static final String TIMELINE = "timeline";
    /** The most steps a timeline may have. */
    public static final int MAX_STEPS = 10_000;

    /** One step: after so many seconds, these areas take these values. */
    public record Step(long afterSeconds, Map<String, JsonValue> set) {
        public Step {
            if (afterSeconds < 0) {
                throw new IllegalArgumentException("afterSeconds must not be negative");
            }
            set = Map.copyOf(set);
        }
    }

    private final String source;
    private final Map<String, JsonValue> areas;
    private final List<Step> timeline;
    private final Map<String, List<Runnable>> watchers = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    private SimulatedDevice(String source, Map<String, JsonValue> areas, List<Step> timeline) {
        this.source = source;
        this.areas = new java.util.concurrent.ConcurrentHashMap<>(areas);
        this.timeline = List.copyOf(timeline);
    }

    /** Reads the file; a bad file is an error naming it (and line and column for bad JSON). */
    public static Result<SimulatedDevice> read(Path file) {
        String text;
        try {
            if (Files.size(file) > JsonReader.MAX_LENGTH) {
                return Result.err(ErrorCode.INVALID_VALUE, file + ": larger than " + JsonReader.MAX_LENGTH + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Result.err(ErrorCode.INVALID_VALUE, file + ": cannot read it: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses a simulated device from text; {@code source} names it in messages. */
    public static Result<SimulatedDevice> parse(String source, String text) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject(source, text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        Map<String, JsonValue> areas = new LinkedHashMap<>(doc.value().members());
        areas.remove(TIMELINE);
        List<Step> steps = new ArrayList<>();
        JsonValue timeline = doc.value().members().get(TIMELINE);
        if (timeline != null) {
            if (!(timeline instanceof JsonValue.Arr arr)) {
                return Result.err(ErrorCode.INVALID_VALUE, source + ": \"timeline\" must be an array of steps");
            }
            if (arr.items().size() > MAX_STEPS) {
                return Result.err(ErrorCode.INVALID_VALUE, source + ": more than " + MAX_STEPS + " timeline steps");
            }
            for (int i = 0; i < arr.items().size(); i++) {
                String where = source + ": timeline step " + (i + 1);
                if (!(arr.items().get(i) instanceof JsonValue.Obj step)) {
                    return Result.err(ErrorCode.INVALID_VALUE, where + " is not an object");
                }
                if (step.number("afterSeconds").isEmpty() || step.number("afterSeconds").getAsLong() < 0) {
                    return Result.err(ErrorCode.INVALID_VALUE, where + ": \"afterSeconds\" must be a number of seconds >= 0");
                }
                if (step.object("set").isEmpty()) {
                    return Result.err(ErrorCode.INVALID_VALUE, where + ": \"set\" must be an object of areas");
                }
                if (step.object("set").get().members().containsKey(TIMELINE)) {
                    return Result.err(ErrorCode.INVALID_VALUE, where + ": a step cannot set the timeline");
                }
                steps.add(new Step(step.number("afterSeconds").getAsLong(), step.object("set").get().members()));
            }
        }
        return Result.ok(new SimulatedDevice(source, areas, steps));
    }

    /** The file this device was read from, for messages. */
    public String source() {
        return source;
    }

    /** The current value of an area; {@link JsonValue#NULL} when the file has none. */
    public JsonValue area(String name) {
        return areas.getOrDefault(name, JsonValue.NULL);
    }

    /** The steps of the timeline, in file order. */
    public List<Step> timeline() {
        return timeline;
    }

    /** Calls {@code watcher} each time the area changes (a timeline step or a write). */
    public void watch(String area, Runnable watcher) {
        Objects.requireNonNull(watcher, "watcher");
        synchronized (watchers) {
            watchers.computeIfAbsent(area, a -> new CopyOnWriteArrayList<>()).add(watcher);
        }
    }

    /** Replaces an area (a write the simulated device accepted) and tells its watchers. */
    public void replace(String area, JsonValue value) {
        if (TIMELINE.equals(area)) {
            throw new IllegalArgumentException("the timeline is not an area");
        }
        areas.put(area, Objects.requireNonNull(value, "value"));
        List<Runnable> toCall;
        synchronized (watchers) {
            toCall = List.copyOf(watchers.getOrDefault(area, List.of()));
        }
        for (Runnable w : toCall) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.error("a watcher of simulated area {} failed", area, e);
            }
        }
    }

    /** Starts the timeline: its steps are applied at their times from now, on a thread of this device. */
    public synchronized void start() {
        if (scheduler != null || timeline.isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demarc-simulated-timeline");
            t.setDaemon(true);
            return t;
        });
        for (Step step : timeline) {
            scheduler.schedule(() -> {
                LOG.info("{}: timeline step after {} s: {}", source, step.afterSeconds(), step.set().keySet());
                step.set().forEach(this::replace);
            }, step.afterSeconds(), TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}

package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NetworkSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The {@code Stats.} object of an interface ({@code Device.IP.Interface.{i}.Stats.},
 * {@code Device.Ethernet.Interface.{i}.Stats.}, ...) with its {@code Reset()} command: the
 * counters of the link below, less a baseline taken when TR-181 says the statistics are reset
 * ({@code Stats.Reset()}, {@code IP.Interface.{i}.Reset()}, {@code Enable} set to true), since
 * the kernel's counters cannot be reset. A baseline is dropped when the link counts from zero
 * again (it was made anew). 32-bit counters wrap as TR-106's StatsCounter32 does.
 *
 * <p>The counters served are those Linux keeps ({@code ip -s link}, {@code statistics/}): the
 * unicast, broadcast and sent-multicast counts and unknown-protocol drops it does not keep are
 * left out.
 */
final class InterfaceStatsObject {

    /** One counter: its TR-181 name, whether it is a 32-bit counter, where it is read. */
    record Counter(String name, boolean thirtyTwoBits, ToLongFunction<LinkStats> value) {
    }

    private static final List<Counter> COUNTERS = List.of(
            new Counter("BytesSent", false, LinkStats::bytesSent),
            new Counter("BytesReceived", false, LinkStats::bytesReceived),
            new Counter("PacketsSent", false, LinkStats::packetsSent),
            new Counter("PacketsReceived", false, LinkStats::packetsReceived),
            new Counter("ErrorsSent", true, LinkStats::errorsSent),
            new Counter("ErrorsReceived", true, LinkStats::errorsReceived),
            new Counter("DiscardPacketsSent", true, LinkStats::discardsSent),
            new Counter("DiscardPacketsReceived", true, LinkStats::discardsReceived),
            new Counter("MulticastPacketsReceived", false, LinkStats::multicastReceived));
    /** {@code Ethernet.Interface.{i}.Stats.Collisions} (2.18). */
    private static final Counter COLLISIONS = new Counter("Collisions", false, LinkStats::collisions);

    private static final long TWO_TO_32 = 1L << 32;

    private InterfaceStatsObject() {
    }

    /** The Stats object, with {@code Collisions} when {@code ethernet}, and its Reset() command. */
    static ObjectDef.Builder definition(boolean ethernet) {
        ObjectDef.Builder b = ObjectDef.single("Stats");
        for (Counter c : counters(ethernet)) {
            b.param(ParameterDef.readOnly(c.name(), c.thirtyTwoBits() ? DataTypes.STATS_COUNTER32 : DataTypes.STATS_COUNTER64));
        }
        return b.command(new CommandDef("Reset", false, List.of(), List.of()));
    }

    /**
     * Binds the counters of {@code statsPath} (a supported path ending {@code Stats.}) to
     * {@code raw}, which gives the counters of the object's link in the platform's current
     * snapshot (empty when it is gone), less the baselines. While {@code snapshot} gives the
     * same snapshot, the counters of one object are looked up once.
     */
    static void bind(Bindings.Builder bindings, String statsPath, boolean ethernet, Supplier<NetworkSnapshot> snapshot,
                     BiFunction<NetworkSnapshot, InstanceRef, Optional<LinkStats>> raw, Baselines baselines) {
        // Looked up once for the counters of an object, which a Get reads one after the other.
        LastRead<NetworkSnapshot, InstanceRef, Optional<LinkStats>> last = new LastRead<>();
        for (Counter c : counters(ethernet)) {
            CounterTexts texts = new CounterTexts(c);
            bindings.parameter(statsPath + c.name(), ref -> {
                Optional<LinkStats> now = last.get(snapshot.get(), ref.path(), ref, raw);
                if (now.isEmpty()) {
                    return Result.err(DmError.at(ref.path() + c.name(), ErrorCode.INTERNAL_ERROR,
                            "the platform no longer has this interface"));
                }
                return Result.ok(texts.of(ref.path(), baselines.since(statsPath, ref.rowKeys(), now.get())));
            }, Duration.ZERO);
        }
    }

    /**
     * The {@code Stats.Reset()} command of {@code statsPath}: takes the current counters as the
     * new baseline. {@code raw} gives the counters for the row keys of the object (read from
     * the instances' {@code Name}, which is their key in every network table).
     */
    static UspCommand resetCommand(String statsPath, Function<List<String>, Optional<LinkStats>> raw,
                                   Baselines baselines) {
        return (model, call) -> {
            Result<List<String>> keys = rowKeys(model, call.objectPath());
            if (!keys.isOk()) {
                return Result.err(keys.error());
            }
            baselines.reset(statsPath, keys.value(), raw.apply(keys.value()).orElse(LinkStats.ZERO));
            return Result.ok(Map.of());
        };
    }

    /**
     * The platform keys of the instances on the way to {@code objectPath}
     * ({@code Device.Bridging.Bridge.1.Port.2.Stats.} gives the Names of bridge 1 and of its
     * port 2), outermost first.
     */
    static Result<List<String>> rowKeys(DataModel model, String objectPath) {
        List<String> keys = new ArrayList<>();
        String[] segments = objectPath.split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (String s : segments) {
            prefix.append(s).append('.');
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                Result<String> name = model.read(prefix + "Name");
                if (!name.isOk()) {
                    return Result.err(DmError.at(objectPath, ErrorCode.COMMAND_FAILURE,
                            "cannot tell which interface this is: " + name.error().message()));
                }
                keys.add(name.value());
            }
        }
        return Result.ok(keys);
    }

    private static List<Counter> counters(boolean ethernet) {
        if (!ethernet) {
            return COUNTERS;
        }
        List<Counter> all = new ArrayList<>(COUNTERS);
        all.add(COLLISIONS);
        return all;
    }

    /**
     * The text of one counter, per Stats object, kept while it does not change: the platform's
     * counters are immutable values replaced when it reads the device again, so while it gives
     * the same ones (or the counter has the same value in new ones) a read gives the very same
     * string, and a Get hands out the object's values of the Get before (which an encoder
     * recognizes by reference). Owner thread.
     */
    static final class CounterTexts {
        /** Past this many Stats objects remembered (instances come and go), all are forgotten. */
        static final int MAX_OBJECTS = 4096;

        private static final class Written {
            final LinkStats stats;
            final String text;

            Written(LinkStats stats, String text) {
                this.stats = stats;
                this.text = text;
            }
        }

        private final Counter counter;
        private final Map<String, Written> byObject = new HashMap<>();

        CounterTexts(Counter counter) {
            this.counter = counter;
        }

        /** The counter's text in {@code stats} for the Stats object at {@code objectPath}. */
        String of(String objectPath, LinkStats stats) {
            Written last = byObject.get(objectPath);
            if (last != null && last.stats == stats) {
                return last.text;
            }
            long v = counter.value().applyAsLong(stats);
            String text = Long.toUnsignedString(counter.thirtyTwoBits() ? v % TWO_TO_32 : v);
            if (last != null && last.text.equals(text)) {
                text = last.text;
            }
            if (last == null && byObject.size() >= MAX_OBJECTS) {
                byObject.clear();
            }
            byObject.put(objectPath, new Written(stats, text));
            return text;
        }
    }

    /**
     * The counters taken as zero, by Stats object and row keys. Thread-safe: read on the data
     * model's owner thread, and on the command's.
     */
    static final class Baselines {
        private final Map<String, LinkStats> byKey = new ConcurrentHashMap<>();

        void reset(String statsPath, List<String> rowKeys, LinkStats current) {
            byKey.put(key(statsPath, rowKeys), current);
        }

        LinkStats since(String statsPath, List<String> rowKeys, LinkStats current) {
            if (byKey.isEmpty()) {
                return current;
            }
            String key = key(statsPath, rowKeys);
            LinkStats baseline = byKey.get(key);
            if (baseline == null) {
                return current;
            }
            LinkStats since = current.since(baseline);
            if (since == current) {
                byKey.remove(key, baseline);
            }
            return since;
        }

        private static String key(String statsPath, List<String> rowKeys) {
            return statsPath + "|" + String.join("|", rowKeys);
        }
    }
}

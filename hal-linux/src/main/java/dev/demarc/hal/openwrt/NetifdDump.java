package dev.demarc.hal.openwrt;

import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * netifd's interfaces as {@code ubus call network.interface dump} prints them, read once for
 * both parts of the platform that need them: the network part ({@link OpenWrtNetwork}: IP
 * interfaces and their addresses) and the WAN part ({@link OpenWrtWanReader}: DHCP clients, PPP,
 * routes, DNS). Each asks {@link #read} with the age it accepts; the command runs again only
 * when netifd said something changed since the last run ({@link #changed}: its
 * {@code ubus listen} events, and the platform's own writes), or when the output kept is older
 * than that age. One read at a time: a part asking while the other runs the command waits for
 * that output instead of running its own. A failed run is not kept.
 *
 * <p>Thread-safe: {@link #changed} from the event thread, {@link #read} from the platform's pool.
 */
public final class NetifdDump {

    /** The command: every logical interface with its state, addresses, routes and DNS servers. */
    public static final List<String> COMMAND = List.of("ubus", "call", "network.interface", "dump");

    /**
     * One run's output and when it was read: times in it (uptimes, lease times) are relative to
     * that moment.
     *
     * @param json        what the command printed
     * @param readAt      the wall-clock time of the run
     * @param readAtNanos the monotonic time of the run
     */
    public record Output(String json, Instant readAt, long readAtNanos) {
        public Output {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(readAt, "readAt");
        }
    }

    private final CommandRunner commands;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final AtomicLong changes = new AtomicLong();
    /** Guarded by this. */
    private Output last;
    /** The value of {@link #changes} when {@link #last} was run; guarded by this. */
    private long lastChanges = -1;

    public NetifdDump(CommandRunner commands) {
        this(commands, Clock.systemUTC(), System::nanoTime);
    }

    NetifdDump(CommandRunner commands, Clock clock, LongSupplier nanoTime) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** netifd changed something (or may have): the next {@link #read} runs the command again. */
    public void changed() {
        changes.incrementAndGet();
    }

    /**
     * The output of a run since the last {@link #changed} and at most {@code maxAge} old, else
     * the output of a run now (kept for the next reads). {@link Duration#ZERO}: always a run now.
     */
    public synchronized Result<Output> read(Duration maxAge) {
        long changesNow = changes.get();
        long now = nanoTime.getAsLong();
        if (last != null && lastChanges == changesNow && !maxAge.isZero() && now - last.readAtNanos <= maxAge.toNanos()) {
            return Result.ok(last);
        }
        Result<String> out = commands.run(COMMAND);
        if (!out.isOk()) {
            return Result.err(out.error());
        }
        last = new Output(out.value(), clock.instant(), now);
        lastChanges = changesNow;
        return Result.ok(last);
    }
}

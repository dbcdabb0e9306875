package dev.demarc.hal.net;

import dev.demarc.core.Result;
import dev.demarc.hal.exec.StaleRefreshGate;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Ipv6Prefix;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.NetworkSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NetworkPlatform} whose snapshot is read by {@link #read()} on the platform's threads:
 * again soon after each event ({@link #refreshSoon()}, several events in a short while cost one
 * read), and on a timer while someone reads it, so that counters stay fresh without reading
 * the device all the time. Watchers hear a new snapshot only when its state changed (counters
 * aside). It also keeps what the device does not say: when each link and interface entered its
 * current state ({@code LastChange}), and stable IPv6 lifetimes (the device gives the seconds
 * left, which would make the end time move by a second from one read to the next).
 *
 * <p>Threads: {@link #snapshot()} on any thread; {@link #read()} and the watchers on the
 * platform's threads, one read at a time; writes of the subclasses on the caller's thread.
 */
public abstract class RefreshedNetwork implements NetworkPlatform, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshedNetwork.class);
    /** How long after an event the device is read: more events meanwhile are read at once. */
    public static final Duration EVENT_DELAY = Duration.ofMillis(100);
    /** After this long without a reader, the timer stops reading the device. */
    public static final Duration IDLE_AFTER = Duration.ofMinutes(5);
    /** Two IPv6 end times this close are the same one, read a second apart. */
    private static final long LIFETIME_SLACK_SECONDS = 2;

    private final ScheduledExecutorService threads;
    private final Duration maxAge;
    private final LongSupplier nanoClock;
    private final AtomicReference<NetworkSnapshot> current = new AtomicReference<>(NetworkSnapshot.EMPTY);
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final List<Runnable> eventListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong readAt = new AtomicLong();
    private final AtomicLong askedAt = new AtomicLong();
    private final StaleRefreshGate staleReads;
    private final Object reading = new Object();
    /** Name of a link or interface, and its state: since when it has been in it. */
    private final Map<String, Since> since = new HashMap<>();
    private volatile ScheduledFuture<?> timer;
    private volatile boolean closed;

    private record Since(String state, long nanos) {
    }

    /**
     * @param threads the platform's pool (not shut down here)
     * @param maxAge  how old the counters may grow while someone reads them
     */
    protected RefreshedNetwork(ScheduledExecutorService threads, Duration maxAge, LongSupplier nanoClock) {
        this.threads = Objects.requireNonNull(threads, "threads");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        long now = nanoClock.getAsLong();
        readAt.set(now);
        askedAt.set(now);
        staleReads = new StaleRefreshGate(maxAge, now);
    }

    /** Reads the device: blocks (commands, files). Called on the platform's threads, one at a time. */
    protected abstract Result<NetworkSnapshot> read();

    /**
     * Reads the device now, on the caller's thread (at start, before the agent's first read),
     * and starts the timer. Subclasses start their event monitors after it.
     */
    public void start() {
        refreshNow();
        long period = Math.max(1, maxAge.toMillis());
        timer = threads.scheduleWithFixedDelay(this::onTimer, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public NetworkSnapshot snapshot() {
        long now = nanoClock.getAsLong();
        askedAt.set(now);
        if (staleReads.shouldAsk(readAt.get(), now)) {
            refreshSoon();
        }
        return current.get();
    }

    @Override
    public void watch(Runnable watcher) {
        watchers.add(Objects.requireNonNull(watcher, "watcher"));
    }

    /**
     * {@code listener} is called (on the event monitor's thread; it must hand work off at once)
     * after each event the subclass's monitor reports ({@link #eventHeard}), and when the monitor
     * starts again: another part that reads the same state (the WAN's routes and interfaces)
     * follows the device with this one monitor process instead of one of its own.
     */
    public void onEvent(Runnable listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The subclass's monitor reported an event: read the device again soon, and tell the listeners. */
    protected void eventHeard() {
        refreshSoon();
        for (Runnable l : eventListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.error("a listener of the device's network events failed", e);
            }
        }
    }

    /** Something changed on the device: read it again shortly, once for a burst of events. Any thread. */
    public void refreshSoon() {
        if (closed || !pending.compareAndSet(false, true)) {
            return;
        }
        try {
            threads.schedule(() -> {
                pending.set(false);
                refreshNow();
            }, EVENT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            pending.set(false);
        }
    }

    /** Reads the device now on the caller's thread, and tells the watchers if its state changed. */
    public void refreshNow() {
        synchronized (reading) {
            if (closed) {
                return;
            }
            Result<NetworkSnapshot> r;
            try {
                r = read();
            } catch (RuntimeException e) {
                LOG.error("reading the network failed", e);
                return;
            }
            readAt.set(nanoClock.getAsLong());
            if (!r.isOk()) {
                LOG.warn("could not read the network, keeping what was known: {}", r.error().message());
                return;
            }
            NetworkSnapshot before = current.get();
            NetworkSnapshot next = stableLifetimes(before, withLastChanges(r.value()));
            current.set(next);
            if (!next.sameState(before)) {
                tellWatchers();
            }
        }
    }

    /**
     * Puts what a write just did into the snapshot at once (before the device is read again),
     * so that a read right after the write sees it; then reads the device soon.
     */
    protected void assume(UnaryOperator<NetworkSnapshot> change) {
        current.updateAndGet(change);
        refreshSoon();
    }

    protected void tellWatchers() {
        for (Runnable w : watchers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.error("a network watcher failed", e);
            }
        }
    }

    private void onTimer() {
        long now = nanoClock.getAsLong();
        if (now - askedAt.get() < IDLE_AFTER.toNanos() && now - readAt.get() >= maxAge.toNanos() / 2) {
            refreshNow();
        }
    }

    /** Gives each link and interface the time it entered its state: the read's, or the one seen before. */
    private NetworkSnapshot withLastChanges(NetworkSnapshot s) {
        long now = nanoClock.getAsLong();
        Map<String, Since> seen = new HashMap<>();
        List<Link> links = s.links().stream().map(l -> {
            String state = l.adminUp() + "/" + l.operState() + "/" + l.carrier();
            long t = sinceFor("link " + l.name(), state, l.lastChangeNanos(), now, seen);
            return l.withLastChange(t);
        }).toList();
        List<IpInterface> ifaces = s.ipInterfaces().stream().map(i -> {
            String state = i.enabled() + "/" + i.status();
            long t = sinceFor("ip " + i.name(), state, i.lastChangeNanos(), now, seen);
            return new IpInterface(i.name(), i.enabled(), i.status(), i.type(), i.device(), i.lowerDevice(),
                    i.proto(), t, i.ipv4(), i.ipv6(), i.ipv6Prefixes());
        }).toList();
        since.clear();
        since.putAll(seen);
        return new NetworkSnapshot(links, ifaces);
    }

    /** The time given by the device when it gives one (non-zero), else the time this state was first seen. */
    private long sinceFor(String key, String state, long given, long now, Map<String, Since> seen) {
        Since was = since.get(key);
        long t;
        if (given != 0) {
            t = given;
        } else if (was != null && was.state().equals(state)) {
            t = was.nanos();
        } else {
            t = now;
        }
        seen.put(key, new Since(state, t));
        return t;
    }

    /** Keeps the IPv6 end times of {@code before} where {@code next}'s are within a second or two of them. */
    static NetworkSnapshot stableLifetimes(NetworkSnapshot before, NetworkSnapshot next) {
        Map<String, Ipv6Address> oldAddresses = new HashMap<>();
        Map<String, Ipv6Prefix> oldPrefixes = new HashMap<>();
        before.links().forEach(l -> l.ipv6().forEach(a -> oldAddresses.put("link " + l.name() + " " + a.address(), a)));
        before.ipInterfaces().forEach(i -> {
            i.ipv6().forEach(a -> oldAddresses.put("ip " + i.name() + " " + a.address(), a));
            i.ipv6Prefixes().forEach(p -> oldPrefixes.put(i.name() + " " + p.prefix(), p));
        });
        List<Link> links = next.links().stream().map(l -> l.withAddresses(l.ipv4(), l.ipv6().stream()
                .map(a -> stable(oldAddresses.get("link " + l.name() + " " + a.address()), a)).toList())).toList();
        List<IpInterface> ifaces = next.ipInterfaces().stream().map(i -> new IpInterface(i.name(), i.enabled(),
                i.status(), i.type(), i.device(), i.lowerDevice(), i.proto(), i.lastChangeNanos(), i.ipv4(),
                i.ipv6().stream().map(a -> stable(oldAddresses.get("ip " + i.name() + " " + a.address()), a)).toList(),
                i.ipv6Prefixes().stream().map(p -> stable(oldPrefixes.get(i.name() + " " + p.prefix()), p)).toList()))
                .toList();
        return new NetworkSnapshot(links, ifaces);
    }

    private static Ipv6Address stable(Ipv6Address old, Ipv6Address now) {
        if (old == null) {
            return now;
        }
        return new Ipv6Address(now.address(), now.prefixLength(), now.scope(), now.origin(), now.state(),
                near(old.preferredUntil(), now.preferredUntil()), near(old.validUntil(), now.validUntil()));
    }

    private static Ipv6Prefix stable(Ipv6Prefix old, Ipv6Prefix now) {
        if (old == null) {
            return now;
        }
        return new Ipv6Prefix(now.prefix(), now.origin(), near(old.preferredUntil(), now.preferredUntil()),
                near(old.validUntil(), now.validUntil()));
    }

    private static Instant near(Instant old, Instant now) {
        return Math.abs(Duration.between(old, now).getSeconds()) <= LIFETIME_SLACK_SECONDS ? old : now;
    }

    /** Stops the timer; the subclass stops its monitors. The pool is the platform's. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}

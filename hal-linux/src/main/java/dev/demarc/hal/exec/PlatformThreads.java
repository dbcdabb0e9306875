package dev.demarc.hal.exec;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a platform reads on: one small scheduled pool (two daemon threads) shared by its
 * parts, for refreshing snapshots and running commands off the data model's owner thread. Made
 * by the platform, which shuts it down in its {@code close()}; parts are given it and do not
 * shut it down.
 */
public final class PlatformThreads {

    /** Threads of the pool: reads are short; more threads only cost memory on a router. */
    public static final int SIZE = 2;

    private PlatformThreads() {
    }

    /** A new pool whose threads are named {@code demarc-<name>-N}. */
    public static ScheduledExecutorService newPool(String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "demarc-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newScheduledThreadPool(SIZE, factory);
    }
}

package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

/** Finding a transport's threads, and checking that they end. */
final class Threads {

    private Threads() {
    }

    static List<Thread> named(String prefix) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                found.add(t);
            }
        }
        return found;
    }

    /** Threads named {@code prefix...} now that were not in {@code before}. */
    static List<Thread> started(String prefix, List<Thread> before) {
        List<Thread> now = named(prefix);
        now.removeAll(before);
        return now;
    }

    static void assertAllEnd(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(RecordingListener.WAIT_SECONDS * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertFalse(t.isAlive(), t.getName() + " still runs");
        }
    }
}

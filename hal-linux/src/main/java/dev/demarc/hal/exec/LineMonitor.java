package dev.demarc.hal.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a long-running command that prints one event per line ({@code ip -j monitor},
 * {@code ubus listen}, {@code iw event}) and hands each line to a consumer, on a daemon thread
 * of its own. When the command ends or cannot start, it is started again after a back-off
 * (1 s doubling to {@link #MAX_BACKOFF}, reset after a run that lasted a minute), and
 * {@code onRestart} is called so that the consumer can read the whole state again (events may
 * have been missed meanwhile). Lines longer than {@link #MAX_LINE} characters are cut.
 * {@link #close} stops the command and the thread; a command still running when the JVM exits
 * without it (a test's JVM, an agent stopped before it closed its platform) is killed then, so
 * that no {@code ip monitor} outlives the agent.
 */
public final class LineMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LineMonitor.class);
    /** The longest line handed on; the rest of a longer line is dropped. */
    public static final int MAX_LINE = 64 * 1024;
    /** The longest wait between two starts. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /**
     * The monitors not closed yet, closed at the JVM's exit: their commands are killed then, and
     * a monitor that sees its command end does not take that for a failure to start it again.
     */
    private static final java.util.Set<LineMonitor> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(LineMonitor::close), "demarc-monitor-exit"));
    }

    private final List<String> argv;
    private final Consumer<String> onLine;
    private final Runnable onRestart;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Process process;

    private LineMonitor(List<String> argv, Consumer<String> onLine, Runnable onRestart) {
        this.argv = List.copyOf(argv);
        this.onLine = Objects.requireNonNull(onLine, "onLine");
        this.onRestart = Objects.requireNonNull(onRestart, "onRestart");
        this.thread = new Thread(this::run, "demarc-monitor-" + argv.get(0));
        this.thread.setDaemon(true);
    }

    /**
     * Starts following {@code argv}. {@code onLine} and {@code onRestart} are called on the
     * monitor's thread, one at a time; {@code onRestart} is called before each start but the
     * first.
     */
    public static LineMonitor start(List<String> argv, Consumer<String> onLine, Runnable onRestart) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        LineMonitor m = new LineMonitor(argv, onLine, onRestart);
        OPEN.add(m);
        m.thread.start();
        return m;
    }

    /** Whether the command is running now. */
    public boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    private void run() {
        long backoffMillis = 1000;
        boolean first = true;
        while (!closed) {
            if (!first) {
                safely(onRestart);
            }
            first = false;
            long started = System.nanoTime();
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
                process = p;
                if (closed) { // close() may have run before process was set
                    p.destroyForcibly();
                    return;
                }
                p.getOutputStream().close();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while (!closed && (line = in.readLine()) != null) {
                        String bounded = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
                        safely(() -> onLine.accept(bounded));
                    }
                }
                p.destroy();
                if (!closed) {
                    LOG.warn("{} ended; starting it again", String.join(" ", argv));
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: {}; trying again", String.join(" ", argv), e.getMessage());
                }
            }
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(1)) > 0) {
                backoffMillis = 1000;
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("handling output of {} failed", String.join(" ", argv), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        OPEN.remove(this);
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
        thread.interrupt();
    }
}

package dev.demarc.hal.exec;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs real processes: no shell, standard input closed, standard output read up to
 * {@link #maxOutputBytes} (more is an error: the process is killed), standard error kept up to
 * 4 KiB for the message, killed when it outlives its time bound. Counts the processes it starts
 * ({@link #started()}), so that a benchmark can say how many a full Get costs. Thread-safe.
 */
public final class SystemCommandRunner implements CommandRunner {

    /** Output bound of {@link #standard()}: 4 MiB. */
    public static final int DEFAULT_MAX_OUTPUT = 4 * 1024 * 1024;
    /** Time bound of {@link #standard()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ERROR_BYTES = 4096;
    /** Kills the processes that outlive their time; one daemon thread for every runner. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demarc-command-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Duration timeout;
    private final int maxOutputBytes;
    private final AtomicLong started = new AtomicLong();

    public SystemCommandRunner(Duration timeout, int maxOutputBytes) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || maxOutputBytes < 1) {
            throw new IllegalArgumentException("timeout and output bound must be positive");
        }
        this.maxOutputBytes = maxOutputBytes;
    }

    /** 10 s and 4 MiB. */
    public static SystemCommandRunner standard() {
        return new SystemCommandRunner(DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT);
    }

    /** How many processes this runner has started. */
    public long started() {
        return started.get();
    }

    @Override
    public Result<String> run(List<String> argv) {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        String name = String.join(" ", argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            return Result.err(ErrorCode.INTERNAL_ERROR, name + ": cannot run it: " + e.getMessage());
        }
        started.incrementAndGet();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> killer = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            process.destroyForcibly();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        AtomicReference<byte[]> err = new AtomicReference<>(new byte[0]);
        Thread errReader = new Thread(() -> err.set(readBounded(process.getErrorStream(), MAX_ERROR_BYTES)),
                "demarc-command-stderr");
        errReader.setDaemon(true);
        errReader.start();
        try {
            process.getOutputStream().close();
            byte[] out = readBounded(process.getInputStream(), maxOutputBytes + 1);
            if (out.length > maxOutputBytes) {
                process.destroyForcibly();
                return Result.err(ErrorCode.INTERNAL_ERROR, name + ": more than " + maxOutputBytes + " bytes of output");
            }
            process.waitFor();
            if (timedOut.get()) {
                return Result.err(ErrorCode.INTERNAL_ERROR, name + ": no answer within " + timeout.toMillis() + " ms");
            }
            errReader.join(1000);
            if (process.exitValue() != 0) {
                String first = new String(err.get(), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
                return Result.err(ErrorCode.INTERNAL_ERROR,
                        name + ": exit status " + process.exitValue() + (first.isEmpty() ? "" : ": " + first));
            }
            return Result.ok(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            process.destroyForcibly();
            return Result.err(ErrorCode.INTERNAL_ERROR, name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Result.err(ErrorCode.INTERNAL_ERROR, name + ": interrupted");
        } finally {
            killer.cancel(false);
        }
    }

    /** Up to {@code limit} bytes; the rest is drained so the process never blocks on a full pipe. */
    private static byte[] readBounded(InputStream in, int limit) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                int keep = Math.min(n, limit - buffer.size());
                if (keep > 0) {
                    buffer.write(chunk, 0, keep);
                }
                if (buffer.size() >= limit) {
                    break;
                }
            }
        } catch (IOException e) {
            // The process went away; what was read is what there is.
        }
        return buffer.toByteArray();
    }
}

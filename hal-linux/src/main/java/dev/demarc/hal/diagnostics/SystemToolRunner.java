package dev.demarc.hal.diagnostics;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ToolRunner} on real processes: standard input closed, both outputs read on their own
 * threads up to their bounds (the rest drained), the process killed when it outlives its time.
 * Thread-safe.
 */
final class SystemToolRunner implements ToolRunner {

    private final int maxOutput;
    private final int maxError;

    SystemToolRunner(int maxOutput, int maxError) {
        this.maxOutput = maxOutput;
        this.maxError = maxError;
    }

    @Override
    public Result<Completed> run(List<String> argv, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        String name = argv.get(0);
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            return Result.err(ErrorCode.COMMAND_FAILURE, name + " cannot run: " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream(), maxOutput),
                    r -> daemon(r, "demarc-tool-stdout").start());
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream(), maxError),
                    r -> daemon(r, "demarc-tool-stderr").start());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Result.err(ErrorCode.COMMAND_FAILURE, name + " did not end within " + timeout.toSeconds() + " s");
            }
            byte[] stdout = out.get(10, TimeUnit.SECONDS);
            byte[] stderr = err.get(10, TimeUnit.SECONDS);
            if (stdout.length > maxOutput) {
                return Result.err(ErrorCode.COMMAND_FAILURE, name + " printed more than " + maxOutput + " bytes");
            }
            return Result.ok(new Completed(p.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                    new String(stderr, 0, Math.min(stderr.length, maxError), StandardCharsets.UTF_8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Result.err(ErrorCode.COMMAND_FAILURE, name + " was interrupted");
        } catch (IOException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            return Result.err(ErrorCode.COMMAND_FAILURE, name + ": " + e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Up to {@code limit + 1} bytes (one more says "too much"); the rest is read and dropped. */
    private static byte[] drain(InputStream in, int limit) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                int keep = Math.min(n, limit + 1 - buffer.size());
                if (keep > 0) {
                    buffer.write(chunk, 0, keep);
                }
            }
        } catch (IOException e) {
            // the process went away; what was read is what there is
        }
        return buffer.toByteArray();
    }
}

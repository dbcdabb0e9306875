package dev.demarc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The agent under {@code demarc bench}: a child process running {@code demarc agent}, its
 * standard output and error in a log file. Knows when it was started (as this JVM saw it, just
 * before the fork), reads its resident memory from {@code /proc/<pid>/status} and the times of
 * lines in its log.
 *
 * <p>Thread-safe: {@link #close()} may come from a shutdown hook while the bench's thread reads.
 */
final class BenchAgentProcess implements AutoCloseable {

    /** How long {@link #close()} waits after SIGTERM before it kills the process. */
    private static final long STOP_WAIT_SECONDS = 15;
    /** The most of the log read when searching it. */
    private static final long MAX_LOG_BYTES = 4L << 20;

    private final Process process;
    private final Path log;
    private final long startNanos;
    private final long startEpochMillis;

    private BenchAgentProcess(Process process, Path log, long startNanos, long startEpochMillis) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
        this.startEpochMillis = startEpochMillis;
    }

    /** Starts {@code command} with its output (both streams) going to {@code log}. */
    static BenchAgentProcess start(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long wall = System.currentTimeMillis();
        long nanos = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        return new BenchAgentProcess(process, log, nanos, wall);
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startNanos() {
        return startNanos;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only once the process has ended. */
    int exitValue() {
        return process.exitValue();
    }

    /** CPU time the process has used so far (user and system, all threads); empty if the system does not say. */
    Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    /** VmRSS, the resident set size, in kB; empty if {@code /proc} does not say (not Linux, or ended). */
    OptionalLong residentKb() {
        return statusField("VmRSS:");
    }

    /** VmHWM, the peak resident set size so far, in kB. */
    OptionalLong peakResidentKb() {
        return statusField("VmHWM:");
    }

    private OptionalLong statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"),
                    StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process has ended
        }
        return OptionalLong.empty();
    }

    /**
     * Milliseconds from the process start to the time stamp of the first log line containing
     * {@code marker}; empty if there is none (yet) or it has no ISO-8601 time stamp first.
     */
    OptionalLong millisToLogLine(String marker) {
        try {
            if (Files.size(log) > MAX_LOG_BYTES) {
                return OptionalLong.empty();
            }
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(marker)) {
                    int space = line.indexOf(' ');
                    if (space <= 0) {
                        return OptionalLong.empty();
                    }
                    long at = OffsetDateTime.parse(line.substring(0, space)).toInstant().toEpochMilli();
                    return OptionalLong.of(at - startEpochMillis);
                }
            }
        } catch (IOException | DateTimeParseException e) {
            // no usable line
        }
        return OptionalLong.empty();
    }

    /** The last {@code n} lines of the log, for error messages. */
    String logTail(int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Stops the agent as SIGTERM does (it sends its DisconnectRecord), killing it if it does not end in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

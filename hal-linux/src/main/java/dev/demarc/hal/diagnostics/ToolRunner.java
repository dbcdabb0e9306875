package dev.demarc.hal.diagnostics;

import dev.demarc.core.Result;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs a diagnostic tool ({@code ping}, {@code traceroute}) to its end and gives its exit status
 * with what it printed: unlike a {@code CommandRunner}, a tool that exits non-zero has a result
 * ({@code ping} exits 1 when replies are missing, and its output still counts). An error only
 * when it could not run, outlived its time bound, or printed more than the bound. Blocks: the
 * diagnostics' own threads.
 */
@FunctionalInterface
public interface ToolRunner {

    /** The tool's exit status and its standard output and error (each bounded). */
    record Completed(int exitStatus, String stdout, String stderr) {
        public Completed {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }
    }

    /** Runs {@code argv} (no shell), killing it after {@code timeout}. */
    Result<Completed> run(List<String> argv, Duration timeout);

    /** Real processes, output bounded to 1 MiB and error output to 16 KiB. */
    static ToolRunner system() {
        return new SystemToolRunner(1024 * 1024, 16 * 1024);
    }
}

package dev.demarc.bench;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers a platform's commands from recorded outputs, {@code <dir>/<command line>.txt} (the
 * fixture trees' {@code commands/} directories), and counts what was asked: each command would
 * be a process on the device. A command without a recording fails as a missing program would,
 * and is counted too. Thread-safe.
 */
final class RecordedOutputs implements CommandRunner {

    private final Path dir;
    private final Map<String, LongAdder> byCommand;
    private final AtomicLong asked = new AtomicLong();

    RecordedOutputs(Path dir, Map<String, LongAdder> byCommand) {
        this.dir = dir;
        this.byCommand = byCommand;
    }

    /** Commands asked for since this was made. */
    long asked() {
        return asked.get();
    }

    @Override
    public Result<String> run(List<String> argv) {
        String line = String.join(" ", argv);
        asked.incrementAndGet();
        if (byCommand.size() < 256 || byCommand.containsKey(line)) {
            byCommand.computeIfAbsent(line, k -> new LongAdder()).increment();
        }
        if (line.contains("/") || line.length() > 200) {
            return Result.err(ErrorCode.INTERNAL_ERROR, line + ": not recorded");
        }
        for (String name : List.of(line + ".txt", line.replace(' ', '_') + ".txt")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                try {
                    return Result.ok(Files.readString(f, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return Result.err(ErrorCode.INTERNAL_ERROR, line + ": " + e.getMessage());
                }
            }
        }
        return Result.err(ErrorCode.INTERNAL_ERROR, line + ": not recorded (no such program)");
    }
}

package dev.demarc.hal.lan;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command runner that answers with the recorded outputs of a fixture tree: {@code ip -j neigh}
 * is {@code commands/ip -j neigh.txt} (the command line).
 * A command without a recording is "not installed". Records what it was asked. Thread-safe.
 */
class FixtureCommands implements CommandRunner {

    private final Path tree;
    private final List<List<String>> asked = new ArrayList<>();

    FixtureCommands(Path tree) {
        this.tree = tree;
    }

    static String fileName(List<String> argv) {
        return String.join(" ", argv) + ".txt";
    }

    @Override
    public synchronized Result<String> run(List<String> argv) {
        asked.add(List.copyOf(argv));
        Path recorded = tree.resolve("commands").resolve(fileName(argv));
        try {
            return Result.ok(Files.readString(recorded, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Result.err(ErrorCode.INTERNAL_ERROR, String.join(" ", argv) + ": cannot run it: not installed");
        }
    }

    synchronized List<List<String>> asked() {
        return List.copyOf(asked);
    }
}

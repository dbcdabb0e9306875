package dev.demarc.hal.net;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command runner answering from a fixture tree's {@code commands/} directory: the command line
 * {@code ip -j -d -s addr show} is answered with {@code commands/ip -j -d -s addr show.txt}.
 * Commands a test accepts ({@link #accept}) answer nothing; others fail as a missing command
 * would. Every command run is recorded, in order. Thread-safe.
 */
final class FixtureCommands implements CommandRunner {

    private final Path root;
    private final Set<String> accepted = new HashSet<>();
    private final Map<String, String> failing = new HashMap<>();
    private final List<String> ran = new ArrayList<>();

    FixtureCommands(Path fixtureRoot) {
        this.root = fixtureRoot;
    }

    /** The fixture tree {@code name} under {@code src/test/resources/fixtures}. */
    static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures", name).toAbsolutePath();
    }

    /** {@code commandLine} succeeds with no output (a write). */
    synchronized FixtureCommands accept(String commandLine) {
        accepted.add(commandLine);
        return this;
    }

    /** {@code commandLine} fails with {@code message}. */
    synchronized FixtureCommands fail(String commandLine, String message) {
        failing.put(commandLine, message);
        return this;
    }

    /** The command lines run so far, in order. */
    synchronized List<String> ran() {
        return List.copyOf(ran);
    }

    /** The reads the platform's other parts (the LAN side: hosts, bridges, time) make when it starts. */
    static final java.util.Set<String> OTHER_PARTS = java.util.Set.of("ip -j neigh", "bridge -j fdb show br br-lan",
            "timedatectl show");

    /** The command lines run so far by the network part: {@link #ran()} without {@link #OTHER_PARTS}. */
    synchronized List<String> ranForNetwork() {
        return ran.stream().filter(c -> !OTHER_PARTS.contains(c)).toList();
    }

    /** The command lines run so far that are not reads of a fixture file. */
    synchronized List<String> writes() {
        return ran.stream().filter(c -> !Files.exists(file(c))).toList();
    }

    synchronized void clear() {
        ran.clear();
    }

    @Override
    public synchronized Result<String> run(List<String> argv) {
        String line = String.join(" ", argv);
        ran.add(line);
        if (failing.containsKey(line)) {
            return Result.err(ErrorCode.INTERNAL_ERROR, line + ": exit status 2: " + failing.get(line));
        }
        if (accepted.contains(line)) {
            return Result.ok("");
        }
        try {
            return Result.ok(Files.readString(file(line), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Result.err(ErrorCode.INTERNAL_ERROR, line + ": cannot run it: no such fixture");
        }
    }

    private Path file(String line) {
        return root.resolve("commands").resolve(line + ".txt");
    }
}

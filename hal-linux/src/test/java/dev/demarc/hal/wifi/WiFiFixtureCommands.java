package dev.demarc.hal.wifi;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A command runner for the Wi-Fi tests: answers each command with its recorded output in a
 * fixture tree's {@code commands/} directory, and records every command line it is asked to run.
 * The file of a command is named by its whole command line, as in every fixture tree:
 * {@code ubus call iwinfo info {"device":"phy0-ap0"}} is
 * {@code commands/ubus call iwinfo info {"device":"phy0-ap0"}.txt}.
 * Configuration writes ({@code uci}, {@code wifi}) succeed with no output unless told to fail;
 * for {@code uci -f FILE batch} the file's content is kept ({@link #batches}). Thread-safe.
 */
public final class WiFiFixtureCommands implements CommandRunner {

    private final Path commands;
    private final List<List<String>> ran = new ArrayList<>();
    private final List<String> batches = new ArrayList<>();
    private final Map<String, String> overrides = new ConcurrentHashMap<>();
    private volatile Predicate<List<String>> failing = argv -> false;

    public WiFiFixtureCommands(Path fixtureRoot) {
        this.commands = fixtureRoot.resolve("commands");
    }

    /** The file name a command's recorded output has: the command line and {@code .txt}. */
    public static String fileName(List<String> argv) {
        return String.join(" ", argv) + ".txt";
    }

    /** From now on {@code argv} (joined by spaces) answers {@code output}. */
    public void answer(String commandLine, String output) {
        overrides.put(commandLine, output);
    }

    /** From now on the commands {@code test} accepts fail (exit status 1). */
    public void failWhen(Predicate<List<String>> test) {
        failing = test;
    }

    @Override
    public Result<String> run(List<String> argv) {
        synchronized (this) {
            ran.add(List.copyOf(argv));
            if (argv.size() == 4 && argv.get(0).equals("uci") && argv.get(1).equals("-f") && argv.get(3).equals("batch")) {
                try {
                    batches.add(Files.readString(Path.of(argv.get(2)), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    batches.add("unreadable: " + e);
                }
            }
        }
        if (failing.test(argv)) {
            return Result.err(ErrorCode.INTERNAL_ERROR, argv.get(0) + ": exit status 1");
        }
        String override = overrides.get(String.join(" ", argv));
        if (override != null) {
            return Result.ok(override);
        }
        if (argv.get(0).equals("uci") || argv.get(0).equals("wifi")) {
            return Result.ok("");
        }
        Path file = commands.resolve(fileName(argv));
        try {
            return Result.ok(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Result.err(ErrorCode.INTERNAL_ERROR, String.join(" ", argv) + ": not found (no " + file.getFileName() + ")");
        }
    }

    /** Every command line run so far, words joined by spaces, in order. */
    public synchronized List<String> ran() {
        return ran.stream().map(a -> String.join(" ", a)).toList();
    }

    /** The command lines run so far that start with {@code prefix}. */
    public synchronized List<String> ran(String prefix) {
        return ran().stream().filter(c -> c.startsWith(prefix)).toList();
    }

    /** The contents of the batch files given to {@code uci -f FILE batch}, in order. */
    public synchronized List<String> batches() {
        return List.copyOf(batches);
    }

    public synchronized void clear() {
        ran.clear();
        batches.clear();
    }
}

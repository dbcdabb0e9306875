package dev.demarc.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at random moments and checks that the store it leaves
 * opens cleanly, holds every acknowledged commit, and holds each commit completely or not at all.
 *
 * <p>The child ({@link StoreCrashWriter}) runs commit after commit, each a change set of several
 * keys, and prints {@code ACK n} once commit {@code n} returned. Its compaction threshold is small
 * so that kills also land inside compactions. Runs in every build (tag {@code crash} only
 * groups it).
 */
@Tag("crash")
class FileStoreCrashTest {

    private static final int ITERATIONS = 100;
    private static final long SEED = 0x5EED_DE3A4CL;
    private static final long COMPACTION_THRESHOLD = 32 * 1024;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path tmp;

    /**
     * A started child. Its standard output goes to a file rather than a pipe: the JDK closes a
     * process's pipe when the process exits, which races with a thread still reading it, and the
     * last ACKs must not be lost.
     */
    private static final class Child {
        final Process process;
        final Path stdout;
        final Path stderr;

        Child(Path dataDir, Path logPrefix) throws IOException {
            this.stdout = Path.of(logPrefix + ".out");
            this.stderr = Path.of(logPrefix + ".err");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            process = new ProcessBuilder(java.toString(),
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC", "-Xmx64m", "-XX:-UsePerfData",
                    "-cp", System.getProperty("java.class.path"),
                    StoreCrashWriter.class.getName(), dataDir.toString(), Long.toString(COMPACTION_THRESHOLD), "120")
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        }

        /** Complete lines the child printed so far. */
        List<String> lines() throws IOException {
            String text = Files.readString(stdout, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
        }

        String describe() throws IOException {
            return "stdout " + lines() + ", stderr:\n" + Files.readString(stderr);
        }

        /** Waits until the child acknowledged its first commit (it starts a JVM first). */
        void awaitFirstAck() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.size(stdout) == 0) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor();
                    fail("child acknowledged no commit; " + describe());
                }
                Thread.sleep(5);
            }
        }

        /** Sends SIGKILL, waits for the child's death; returns the last commit it acknowledged. */
        long kill() throws Exception {
            process.destroyForcibly();
            int exit = process.waitFor();
            assertEquals(SIGKILL_EXIT, exit, "child must die by SIGKILL; " + describe());
            long last = -1;
            for (String line : lines()) {
                assertTrue(line.startsWith("ACK "), "child printed only ACKs; " + describe());
                last = Long.parseLong(line.substring(4));
            }
            return last;
        }
    }

    @Test
    void acknowledged_commits_survive_sigkill_and_every_commit_is_all_or_nothing() throws Exception {
        Path dataDir = tmp.resolve("data");
        Random random = new Random(SEED);
        Map<String, String> model = new TreeMap<>();
        long modelSeq = 0;
        long generation = 0;
        for (int i = 1; i <= ITERATIONS; i++) {
            Child child = new Child(dataDir, tmp.resolve("child-" + i));
            long lastAck;
            try {
                child.awaitFirstAck();
                Thread.sleep(20 + random.nextInt(381));
            } finally {
                lastAck = child.kill();
            }

            FileStore.Opened opened = FileStore.open(dataDir);
            try (FileStore store = opened.store()) {
                String where = "iteration " + i + " (last ACK " + lastAck + ")";
                assertEquals(Optional.empty(), opened.recovery(), where);
                long seq = Long.parseLong(store.snapshot().getOrDefault("seq", "0"));
                assertTrue(seq == lastAck || seq == lastAck + 1,
                        where + ": store holds commit " + seq + ", expected the last acknowledged one or the next");
                for (long n = modelSeq + 1; n <= seq; n++) {
                    StoreCrashWriter.changesFor(n).forEach((k, v) -> {
                        if (v.isPresent()) {
                            model.put(k, v.get());
                        } else {
                            model.remove(k);
                        }
                    });
                }
                modelSeq = seq;
                if (!model.equals(store.snapshot())) {
                    fail(where + ": content must be exactly commits 1.." + seq + "; differs at "
                            + difference(model, store.snapshot()));
                }
                generation = store.generation();
            }
        }
        assertTrue(modelSeq > ITERATIONS, "children committed " + modelSeq);
        assertTrue(generation >= 10, "compactions ran during the test: generation " + generation);
    }

    /** The keys whose values differ, each with the start of both values. */
    private static String difference(Map<String, String> expected, Map<String, String> actual) {
        Map<String, String> diff = new TreeMap<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            if (!Objects.equals(expected.get(k), actual.get(k))) {
                diff.put(k, "expected " + start(expected.get(k)) + ", found " + start(actual.get(k)));
            }
        }
        return diff.toString();
    }

    private static String start(String value) {
        if (value == null) {
            return "nothing";
        }
        return "'" + value.substring(0, Math.min(12, value.length())).replace("\n", "\\n") + "...'";
    }

    @Test
    void a_second_process_cannot_open_a_directory_in_use() throws Exception {
        Path dataDir = tmp.resolve("data");
        Child child = new Child(dataDir, tmp.resolve("child"));
        try {
            child.awaitFirstAck();
            IOException e = assertThrows(IOException.class, () -> FileStore.open(dataDir));
            assertTrue(e.getMessage().contains("is in use by another agent"), e.getMessage());
        } finally {
            child.kill();
        }
        FileStore.Opened opened = FileStore.open(dataDir);
        opened.store().close();
        assertEquals(Optional.empty(), opened.recovery());
    }
}

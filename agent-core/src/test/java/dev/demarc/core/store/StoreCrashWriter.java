package dev.demarc.core.store;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The child process of {@link FileStoreCrashTest}: opens the store in {@code args[0]} (with
 * compaction threshold {@code args[1]} bytes), continues the deterministic sequence of commits
 * after the one the store holds, and prints {@code ACK <seq>} after each commit returned. It never
 * stops by itself before {@code args[2]} seconds; the test kills it.
 *
 * <p>Its standard output is the protocol with the parent, so it prints nothing else there except
 * {@code RECOVERY <notice>} (then exits with status 3) when the store was found corrupt.
 */
public final class StoreCrashWriter {

    private StoreCrashWriter() {
    }

    /** The change set of commit {@code n}: the same in the writer and in the test's model. */
    static Map<String, Optional<String>> changesFor(long n) {
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        changes.put("seq", Optional.of(Long.toString(n)));
        changes.put("k" + (n % 50), Optional.of(value(n, 'a')));
        changes.put("k" + ((n + 17) % 50), Optional.of(value(n, 'b')));
        changes.put("m" + (n % 7), Optional.of("seq=" + n));
        if (n % 4 == 0) {
            changes.put("k" + ((n + 31) % 50), Optional.empty());
        }
        return changes;
    }

    private static String value(long n, char tag) {
        int length = 200 + (int) ((n * 7919) % 3000);
        StringBuilder b = new StringBuilder(length + 32).append(n).append(':').append(tag).append(":Grüße\n");
        for (int i = 0; b.length() < length; i++) {
            b.append((char) ('a' + (n + i) % 26));
        }
        return b.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long threshold = Long.parseLong(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        // Unbuffered: each line is one write(2), so a kill never leaves half an ACK.
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        FileStore.Opened opened = FileStore.open(dir, FileStore.Options.defaults().withCompactionThresholdBytes(threshold));
        if (opened.recovery().isPresent()) {
            out.write(("RECOVERY " + opened.recovery().get() + "\n").getBytes(StandardCharsets.UTF_8));
            System.exit(3);
        }
        FileStore store = opened.store();
        long seq = Long.parseLong(store.snapshot().getOrDefault("seq", "0"));
        while (System.nanoTime() < deadline) {
            seq++;
            store.commit(changesFor(seq));
            out.write(("ACK " + seq + "\n").getBytes(StandardCharsets.UTF_8));
        }
        store.close();
    }
}

package dev.demarc.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07.089Z"), ZoneOffset.UTC);
    private static final FileStore.Options OPTIONS = FileStore.Options.defaults().withClock(CLOCK);

    @TempDir
    Path dir;

    private static Map<String, Optional<String>> put(String... keyValues) {
        Map<String, Optional<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], Optional.of(keyValues[i + 1]));
        }
        return m;
    }

    private static Map<String, Optional<String>> delete(String... keys) {
        Map<String, Optional<String>> m = new LinkedHashMap<>();
        for (String k : keys) {
            m.put(k, Optional.empty());
        }
        return m;
    }

    private FileStore.Opened open() throws IOException {
        return FileStore.open(dir, OPTIONS);
    }

    private Map<String, String> reopenContent() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            return store.snapshot();
        }
    }

    private FileStore openClean(FileStore.Options options) throws IOException {
        FileStore.Opened opened = FileStore.open(dir, options);
        assertEquals(Optional.empty(), opened.recovery(), "no corruption expected");
        return opened.store();
    }

    private Path journal() {
        return dir.resolve(FileStore.JOURNAL_FILE);
    }

    private Path snapshotFile() {
        return dir.resolve(FileStore.SNAPSHOT_FILE);
    }

    private List<Path> corruptFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".corrupt-")).sorted().toList();
        }
    }

    private void writeThreeCommits() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            store.commit(put("Device.A", "1", "Device.B", "2"));
            store.commit(put("Device.C", "3"));
            store.commit(put("Device.D", "4"));
        }
    }

    /** Offsets of the records in the journal, read from the length fields. */
    private List<Long> recordOffsets() throws IOException {
        byte[] bytes = Files.readAllBytes(journal());
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<Long> offsets = new java.util.ArrayList<>();
        long pos = StoreFormat.JOURNAL_HEADER_BYTES;
        while (pos < bytes.length) {
            offsets.add(pos);
            pos += StoreFormat.RECORD_HEADER_BYTES + b.getInt((int) pos + 4);
        }
        return offsets;
    }

    private void appendToJournal(byte[] bytes) throws IOException {
        Files.write(journal(), bytes, StandardOpenOption.APPEND);
    }

    private void flipByteInJournal(long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(journal());
        bytes[(int) offset] ^= 0x5A;
        Files.write(journal(), bytes);
    }

    // ----- basic behaviour

    @Test
    void first_open_is_fresh_and_empty() throws IOException {
        FileStore.Opened opened = open();
        try (FileStore store = opened.store()) {
            assertTrue(opened.fresh());
            assertEquals(Optional.empty(), opened.recovery());
            assertEquals(Map.of(), store.snapshot());
        }
    }

    @Test
    void committed_values_survive_reopen() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            store.commit(put("Device.LocalAgent.Controller.3.EndpointID", "proto::ctrl",
                    "#next:Device.LocalAgent.Controller.", "4"));
            assertEquals(Map.of("Device.LocalAgent.Controller.3.EndpointID", "proto::ctrl",
                    "#next:Device.LocalAgent.Controller.", "4"), store.snapshot());
        }
        FileStore.Opened reopened = open();
        try (FileStore store = reopened.store()) {
            assertFalse(reopened.fresh());
            assertEquals(Map.of("Device.LocalAgent.Controller.3.EndpointID", "proto::ctrl",
                    "#next:Device.LocalAgent.Controller.", "4"), store.snapshot());
        }
    }

    @Test
    void empty_optional_deletes_and_deleting_an_absent_key_is_no_error() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            store.commit(put("a", "1", "b", "2"));
            store.commit(delete("a", "never-there"));
            assertEquals(Map.of("b", "2"), store.snapshot());
        }
        assertEquals(Map.of("b", "2"), reopenContent());
    }

    @Test
    void later_commit_overrides_and_set_plus_delete_in_one_commit_apply_together() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            store.commit(put("a", "1", "b", "2"));
            Map<String, Optional<String>> mixed = new LinkedHashMap<>();
            mixed.put("a", Optional.of("10"));
            mixed.put("b", Optional.empty());
            mixed.put("c", Optional.of("3"));
            store.commit(mixed);
        }
        assertEquals(Map.of("a", "10", "c", "3"), reopenContent());
    }

    @Test
    void snapshot_is_unmodifiable_and_not_live() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            store.commit(put("a", "1"));
            Map<String, String> before = store.snapshot();
            store.commit(put("a", "2", "b", "3"));
            assertEquals(Map.of("a", "1"), before);
            assertEquals(Map.of("a", "2", "b", "3"), store.snapshot());
            assertThrows(UnsupportedOperationException.class, () -> before.put("x", "y"));
        }
    }

    @Test
    void values_with_newlines_unicode_empty_and_over_64k_round_trip() throws IOException {
        Map<String, String> values = new TreeMap<>();
        values.put("empty", "");
        values.put("lines", "first\nsecond\r\nthird\n");
        values.put("unicode", "Grüße 日本 \uD83D\uDE80 \u0000 \t\"quoted\"\\");
        values.put("Device.Ключ.1.名前", "key with non-ASCII text");
        values.put("big", "x".repeat(100_000) + "é".repeat(40_000));
        values.put("", "empty key");
        try (FileStore store = openClean(OPTIONS)) {
            Map<String, Optional<String>> changes = new HashMap<>();
            values.forEach((k, v) -> changes.put(k, Optional.of(v)));
            store.commit(changes);
        }
        assertEquals(values, reopenContent());
    }

    @Test
    void unpaired_surrogate_is_refused_and_nothing_is_written() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            store.commit(put("a", "1"));
            long size = Files.size(journal());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.commit(put("b", "2", "c", "bad \uD800 text")));
            assertTrue(e.getMessage().contains("value of c"), e.getMessage());
            assertEquals(Map.of("a", "1"), store.snapshot());
            assertEquals(size, Files.size(journal()));
        }
    }

    @Test
    void empty_change_set_writes_nothing() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            long size = Files.size(journal());
            store.commit(Map.of());
            assertEquals(size, Files.size(journal()));
        }
    }

    @Test
    void commit_after_close_is_a_bug() throws IOException {
        FileStore store = openClean(OPTIONS);
        store.close();
        store.close(); // a second close does nothing
        assertThrows(IllegalStateException.class, () -> store.commit(put("a", "1")));
    }

    @Test
    void store_emptied_by_deletes_opens_as_fresh() throws IOException {
        try (FileStore store = openClean(OPTIONS)) {
            store.commit(put("a", "1"));
            store.commit(delete("a"));
        }
        FileStore.Opened opened = open();
        opened.store().close();
        assertTrue(opened.fresh());
    }

    // ----- limits

    @Test
    void change_set_over_the_record_limit_is_refused_and_the_store_stays_usable() throws IOException {
        try (FileStore store = openClean(OPTIONS.withMaxRecordBytes(1024))) {
            StoreLimitException e = assertThrows(StoreLimitException.class,
                    () -> store.commit(put("big", "x".repeat(2000))));
            assertTrue(e.getMessage().contains("1024"), e.getMessage());
            store.commit(put("small", "ok"));
            assertEquals(Map.of("small", "ok"), store.snapshot());
        }
        assertEquals(Map.of("small", "ok"), reopenContent());
    }

    @Test
    void content_over_the_store_limit_is_refused() throws IOException {
        try (FileStore store = openClean(OPTIONS.withMaxContentBytes(4096))) {
            store.commit(put("a", "x".repeat(3000)));
            assertThrows(StoreLimitException.class, () -> store.commit(put("b", "x".repeat(2000))));
            // replacing a value frees its old size
            store.commit(put("a", "y".repeat(3500)));
            assertEquals(3500, store.snapshot().get("a").length());
            assertFalse(store.snapshot().containsKey("b"));
        }
    }

    // ----- locking

    @Test
    void second_open_of_the_same_directory_fails_naming_it() throws IOException {
        try (FileStore first = openClean(OPTIONS)) {
            IOException e = assertThrows(IOException.class, () -> FileStore.open(dir, OPTIONS));
            assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            first.commit(put("still", "works"));
        }
        assertEquals(Map.of("still", "works"), reopenContent());
    }

    // ----- compaction

    @Test
    void many_commits_compact_and_reopen_with_equal_content() throws IOException {
        FileStore.Options small = OPTIONS.withCompactionThresholdBytes(4096);
        Map<String, String> model = new TreeMap<>();
        long generation;
        try (FileStore store = openClean(small)) {
            for (int n = 1; n <= 600; n++) {
                Map<String, Optional<String>> changes = new LinkedHashMap<>();
                changes.put("k" + (n % 37), Optional.of("value " + n + " " + "z".repeat(n % 90)));
                changes.put("counter", Optional.of(Integer.toString(n)));
                if (n % 5 == 0) {
                    changes.put("k" + ((n + 11) % 37), Optional.empty());
                }
                store.commit(changes);
                changes.forEach((k, v) -> {
                    if (v.isPresent()) {
                        model.put(k, v.get());
                    } else {
                        model.remove(k);
                    }
                });
            }
            assertEquals(model, store.snapshot());
            generation = store.generation();
        }
        assertTrue(generation > 5, "expected several compactions, generation " + generation);
        assertTrue(Files.exists(snapshotFile()));
        assertTrue(Files.size(journal()) < 4096 + 1024, "journal was compacted");
        try (FileStore store = openClean(small)) {
            assertEquals(model, store.snapshot());
            assertEquals(generation, store.generation());
            store.commit(put("after", "reopen"));
        }
        model.put("after", "reopen");
        assertEquals(model, reopenContent());
    }

    @Test
    void leftover_temporary_files_are_removed_on_open() throws IOException {
        writeThreeCommits();
        Files.write(dir.resolve(FileStore.SNAPSHOT_FILE + FileStore.TMP_SUFFIX), new byte[] {1, 2, 3});
        Files.write(dir.resolve(FileStore.JOURNAL_FILE + FileStore.TMP_SUFFIX), new byte[] {4, 5});
        assertEquals(Map.of("Device.A", "1", "Device.B", "2", "Device.C", "3", "Device.D", "4"), reopenContent());
        assertFalse(Files.exists(dir.resolve(FileStore.SNAPSHOT_FILE + FileStore.TMP_SUFFIX)));
        assertFalse(Files.exists(dir.resolve(FileStore.JOURNAL_FILE + FileStore.TMP_SUFFIX)));
    }

    @Test
    void crash_between_snapshot_rename_and_journal_rename_loses_and_repeats_nothing() throws IOException {
        // State before the compaction: journal of generation 0 holding two commits.
        try (FileStore store = openClean(OPTIONS)) {
            store.commit(put("a", "1", "b", "2"));
            store.commit(put("a", "3", "c", "4"));
        }
        byte[] oldJournal = Files.readAllBytes(journal());
        // A compaction writes snapshot generation 1 (the third commit goes to the new journal).
        try (FileStore store = openClean(OPTIONS.withCompactionThresholdBytes(1))) {
            store.commit(put("d", "5"));
            assertEquals(1, store.generation());
        }
        // Simulate the crash: snapshot generation 1 is in place, the old journal is still there.
        Files.write(journal(), oldJournal);
        try (FileStore store = openClean(OPTIONS)) {
            assertEquals(Map.of("a", "3", "b", "2", "c", "4"), store.snapshot());
            assertEquals(1, store.generation());
            store.commit(put("e", "6"));
        }
        assertEquals(Map.of("a", "3", "b", "2", "c", "4", "e", "6"), reopenContent());
    }

    @Test
    void missing_journal_next_to_a_snapshot_continues_from_the_snapshot() throws IOException {
        try (FileStore store = openClean(OPTIONS.withCompactionThresholdBytes(1))) {
            store.commit(put("a", "1"));
            store.commit(put("b", "2")); // compacts: snapshot holds a
        }
        Files.delete(journal());
        assertEquals(Map.of("a", "1"), reopenContent());
    }

    // ----- torn tails

    @ParameterizedTest(name = "{0} bytes of the next record")
    @ValueSource(ints = {1, 7, 11, 12, 20, 40})
    void partial_last_record_is_truncated_without_a_corruption_notice(int keep) throws IOException {
        writeThreeCommits();
        long goodSize = Files.size(journal());
        byte[] next = StoreFormat.record(StoreFormat.encodeChanges(put("Device.E", "5".repeat(100))));
        appendToJournal(java.util.Arrays.copyOf(next, keep));
        try (FileStore store = openClean(OPTIONS)) {
            assertEquals(Map.of("Device.A", "1", "Device.B", "2", "Device.C", "3", "Device.D", "4"), store.snapshot());
            assertEquals(goodSize, Files.size(journal()));
            store.commit(put("Device.F", "6"));
        }
        assertEquals("6", reopenContent().get("Device.F"));
        assertEquals(List.of(), corruptFiles());
    }

    @Test
    void last_record_failing_its_checksum_at_end_of_file_is_a_torn_tail() throws IOException {
        writeThreeCommits();
        List<Long> offsets = recordOffsets();
        flipByteInJournal(offsets.get(2) + StoreFormat.RECORD_HEADER_BYTES + 3);
        assertEquals(Map.of("Device.A", "1", "Device.B", "2", "Device.C", "3"), reopenContent());
        assertEquals(offsets.get(2), Files.size(journal()));
        assertEquals(List.of(), corruptFiles());
    }

    @Test
    void zero_bytes_after_the_last_record_are_a_torn_tail() throws IOException {
        writeThreeCommits();
        long goodSize = Files.size(journal());
        appendToJournal(new byte[4096]);
        assertEquals(4, reopenContent().size());
        assertEquals(goodSize, Files.size(journal()));
        assertEquals(List.of(), corruptFiles());
    }

    // ----- corruption

    @Test
    void bad_checksum_in_the_middle_is_moved_aside_with_a_notice_naming_file_and_record() throws IOException {
        writeThreeCommits();
        byte[] original = Files.readAllBytes(journal());
        List<Long> offsets = recordOffsets();
        flipByteInJournal(offsets.get(1) + StoreFormat.RECORD_HEADER_BYTES + 2);
        byte[] corrupted = Files.readAllBytes(journal());
        assertFalse(java.util.Arrays.equals(original, corrupted));

        FileStore.Opened opened = open();
        try (FileStore store = opened.store()) {
            assertTrue(opened.fresh());
            assertEquals(Map.of(), store.snapshot());
            String notice = opened.recovery().orElseThrow();
            assertTrue(notice.contains(journal().toAbsolutePath().toString()), notice);
            assertTrue(notice.contains("record 2 at offset " + offsets.get(1) + " fails its checksum"), notice);
            assertTrue(notice.contains("config.journal.corrupt-20250304T050607.089Z"), notice);
            assertTrue(notice.contains("starting from factory defaults"), notice);
            store.commit(put("factory", "default"));
        }
        List<Path> aside = corruptFiles();
        assertEquals(1, aside.size());
        assertArrayEquals(corrupted, Files.readAllBytes(aside.get(0)), "moved aside, not altered");
        assertEquals(Map.of("factory", "default"), reopenContent());
    }

    @Test
    void record_length_over_the_limit_is_corruption_not_an_allocation() throws IOException {
        writeThreeCommits();
        List<Long> offsets = recordOffsets();
        byte[] bytes = Files.readAllBytes(journal());
        ByteBuffer.wrap(bytes).putInt((int) (offsets.get(1) + 4), 0x7FFFFFF0);
        Files.write(journal(), bytes);
        FileStore.Opened opened = open();
        opened.store().close();
        String notice = opened.recovery().orElseThrow();
        assertTrue(notice.contains("record 2 at offset " + offsets.get(1) + " has length 2147483632, over the limit"),
                notice);
    }

    @Test
    void bad_record_magic_followed_by_data_is_corruption() throws IOException {
        writeThreeCommits();
        List<Long> offsets = recordOffsets();
        flipByteInJournal(offsets.get(1));
        FileStore.Opened opened = open();
        opened.store().close();
        assertTrue(opened.recovery().orElseThrow().contains("record 2 at offset " + offsets.get(1) + " has bad magic"),
                opened.recovery().get());
    }

    @Test
    void record_with_good_checksum_but_undecodable_payload_is_corruption() throws IOException {
        writeThreeCommits();
        byte[] garbage = {0, 0, 0, 1, 9, 0, 0, 0, 0}; // one entry with operation 9
        appendToJournal(StoreFormat.record(garbage));
        FileStore.Opened opened = open();
        opened.store().close();
        String notice = opened.recovery().orElseThrow();
        assertTrue(notice.contains("record 4"), notice);
        assertTrue(notice.contains("good checksum but does not decode: unknown operation 9"), notice);
    }

    @Test
    void bad_journal_header_is_corruption() throws IOException {
        writeThreeCommits();
        flipByteInJournal(9); // inside the generation number
        FileStore.Opened opened = open();
        opened.store().close();
        assertTrue(opened.recovery().orElseThrow().contains("journal header fails its checksum"), opened.recovery().get());
    }

    private void writeCompactedStore() throws IOException {
        try (FileStore store = openClean(OPTIONS.withCompactionThresholdBytes(1))) {
            store.commit(put("a", "1"));
            store.commit(put("b", "2"));
            store.commit(put("c", "3"));
        }
        assertTrue(Files.exists(snapshotFile()));
    }

    @Test
    void bad_snapshot_magic_moves_both_files_aside() throws IOException {
        writeCompactedStore();
        byte[] bytes = Files.readAllBytes(snapshotFile());
        bytes[0] = 'X';
        Files.write(snapshotFile(), bytes);
        FileStore.Opened opened = open();
        try (FileStore store = opened.store()) {
            assertTrue(opened.fresh());
            assertEquals(Map.of(), store.snapshot());
        }
        String notice = opened.recovery().orElseThrow();
        assertTrue(notice.startsWith("store " + snapshotFile().toAbsolutePath() + ": bad magic"), notice);
        assertTrue(notice.contains("config.snapshot.corrupt-20250304T050607.089Z"), notice);
        assertTrue(notice.contains("config.journal.corrupt-20250304T050607.089Z"), notice);
        assertEquals(2, corruptFiles().size());
        assertFalse(Files.exists(snapshotFile()));
    }

    @Test
    void bad_snapshot_checksum_is_corruption() throws IOException {
        writeCompactedStore();
        byte[] bytes = Files.readAllBytes(snapshotFile());
        bytes[bytes.length - 1] ^= 1;
        Files.write(snapshotFile(), bytes);
        FileStore.Opened opened = open();
        opened.store().close();
        assertTrue(opened.recovery().orElseThrow().contains("snapshot fails its checksum"), opened.recovery().get());
    }

    @Test
    void truncated_snapshot_is_corruption() throws IOException {
        writeCompactedStore();
        byte[] bytes = Files.readAllBytes(snapshotFile());
        Files.write(snapshotFile(), java.util.Arrays.copyOf(bytes, bytes.length - 2));
        FileStore.Opened opened = open();
        opened.store().close();
        assertTrue(opened.recovery().orElseThrow().contains("payload bytes but the file holds"), opened.recovery().get());
    }

    @Test
    void journal_newer_than_a_missing_snapshot_is_corruption() throws IOException {
        writeCompactedStore();
        Files.delete(snapshotFile());
        FileStore.Opened opened = open();
        opened.store().close();
        String notice = opened.recovery().orElseThrow();
        assertTrue(notice.contains("journal generation 3 is newer than the snapshot's"), notice); // one compaction per commit
        assertTrue(notice.contains("is missing"), notice);
    }

    @Test
    void a_second_corruption_at_the_same_instant_gets_a_distinct_name() throws IOException {
        for (int round = 0; round < 2; round++) {
            writeThreeCommits();
            flipByteInJournal(recordOffsets().get(0));
            FileStore.Opened opened = open();
            opened.store().close();
            assertTrue(opened.recovery().isPresent());
        }
        List<String> names = corruptFiles().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("config.journal.corrupt-20250304T050607.089Z",
                "config.journal.corrupt-20250304T050607.089Z-2"), names);
    }
}

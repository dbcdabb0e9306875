package dev.demarc.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest {

    @Test
    void commits_apply_sets_and_deletes_and_snapshots_are_not_live() throws IOException {
        InMemoryStore store = new InMemoryStore(Map.of("a", "1", "b", "2"));
        Map<String, String> before = store.snapshot();
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        changes.put("a", Optional.of("10"));
        changes.put("b", Optional.empty());
        changes.put("c", Optional.of(""));
        store.commit(changes);
        assertEquals(Map.of("a", "1", "b", "2"), before);
        assertEquals(Map.of("a", "10", "c", ""), store.snapshot());
        assertEquals(1, store.commitCount());
        assertThrows(UnsupportedOperationException.class, () -> store.snapshot().clear());
    }

    @Test
    void injected_failure_changes_nothing_and_only_affects_the_next_commit() throws IOException {
        InMemoryStore store = new InMemoryStore();
        IOException disk = new IOException("disk full");
        store.failNextCommit(disk);
        IOException thrown = assertThrows(IOException.class, () -> store.commit(Map.of("a", Optional.of("1"))));
        assertSame(disk, thrown);
        assertEquals(Map.of(), store.snapshot());
        store.commit(Map.of("a", Optional.of("1")));
        assertEquals(Map.of("a", "1"), store.snapshot());
    }

    @Test
    void refuses_what_a_file_store_refuses() {
        InMemoryStore store = new InMemoryStore();
        assertThrows(IllegalArgumentException.class, () -> store.commit(Map.of("a", Optional.of("\uDC00"))));
        store.close();
        assertThrows(IllegalStateException.class, () -> store.commit(Map.of("a", Optional.of("1"))));
    }
}

package dev.demarc.core.store;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link Store} held in memory: for tests of code that uses a store, and where nothing needs to
 * outlive the process (pending notifications when no data directory is given). It applies change sets
 * all-or-nothing like {@link FileStore} and validates them the same way, and it can be told to
 * fail the next commits ({@link #failNextCommit}) so that callers' error paths can be tested.
 *
 * <p>Not thread-safe: one owner thread, like {@link FileStore}.
 */
public final class InMemoryStore implements Store {

    private final TreeMap<String, String> content = new TreeMap<>();
    private final Deque<IOException> failures = new ArrayDeque<>();
    private Map<String, String> view;
    private int commits;
    private boolean closed;

    /** An empty store. */
    public InMemoryStore() {
    }

    /** A store holding {@code initial}. */
    public InMemoryStore(Map<String, String> initial) {
        initial.forEach((k, v) -> content.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
    }

    @Override
    public Map<String, String> snapshot() {
        if (view == null) {
            view = Collections.unmodifiableMap(new TreeMap<>(content));
        }
        return view;
    }

    @Override
    public void commit(Map<String, Optional<String>> changes) throws IOException {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        StoreFormat.encodeChanges(changes); // same validation as FileStore: nulls, unpaired surrogates
        IOException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        if (changes.isEmpty()) {
            return;
        }
        changes.forEach((k, v) -> {
            if (v.isPresent()) {
                content.put(k, v.get());
            } else {
                content.remove(k);
            }
        });
        view = null;
        commits++;
    }

    /** Makes the next commit throw {@code failure} and change nothing; calls queue up. */
    public void failNextCommit(IOException failure) {
        failures.add(Objects.requireNonNull(failure, "failure"));
    }

    /** How many non-empty commits succeeded. */
    public int commitCount() {
        return commits;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}

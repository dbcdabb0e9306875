package dev.demarc.core.store;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's durable configuration: string keys (parameter paths such as
 * {@code Device.LocalAgent.Controller.3.EndpointID}, or engine meta keys such as
 * {@code #next:Device.LocalAgent.Controller.}) mapped to string values (any text, including the
 * empty string and line breaks).
 *
 * <p>Changes are made only in whole change sets through {@link #commit}: a change set is applied
 * completely or not at all. Implementations are meant for one owner thread (the data-model
 * engine's); they are not safe for concurrent use. Maps returned by {@link #snapshot()} are
 * immutable and may be handed to other threads.
 */
public interface Store extends AutoCloseable {

    /**
     * The committed content, as an unmodifiable map. It is a snapshot: later commits do not
     * change a map already returned.
     */
    Map<String, String> snapshot();

    /**
     * Applies all {@code changes} atomically and durably: a present value sets the key, an empty
     * {@link Optional} deletes it (deleting an absent key is no error). When this method returns
     * the changes survive a kill of the process and a power loss. If it throws, or the process
     * dies while it runs, then after a reopen either all or none of the changes are visible.
     *
     * @throws StoreLimitException when the change set, or the content it would produce, is over
     *     the store's size limits; nothing changed
     * @throws IOException when writing failed
     * @throws IllegalArgumentException when a key or value cannot be stored (for instance a
     *     string holding an unpaired UTF-16 surrogate); nothing changed
     * @throws IllegalStateException when the store is closed
     */
    void commit(Map<String, Optional<String>> changes) throws IOException;

    /** Releases the store's files. Calling it again does nothing. */
    @Override
    void close() throws IOException;
}

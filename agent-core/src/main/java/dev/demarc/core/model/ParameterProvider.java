package dev.demarc.core.model;

import dev.demarc.core.Result;

/**
 * Reads one parameter from the platform when it is asked for. Called on the data model's owner
 * thread: an implementation that may block should read from a snapshot its own thread keeps
 * fresh, or be bound with a time to live so that the engine caches its answer.
 */
@FunctionalInterface
public interface ParameterProvider {

    /** The current value of the parameter in {@code object}, or why it cannot be read. */
    Result<String> read(InstanceRef object);
}

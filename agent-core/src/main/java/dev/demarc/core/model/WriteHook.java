package dev.demarc.core.model;

import dev.demarc.core.DmError;
import java.util.Optional;

/**
 * Lets the platform apply a change, or refuse it. The engine calls {@link #apply} for each
 * change of a transaction in order when it commits; when one refuses, or storing fails, it
 * calls {@link #revert} for the changes already applied, in reverse order, and nothing changes.
 * Called on the data model's owner thread.
 */
public interface WriteHook {

    /** Applies {@code change} to the platform; an error refuses it. */
    Optional<DmError> apply(Change change);

    /** Undoes a change this hook applied, because a later one in the same transaction failed. */
    void revert(Change change);
}

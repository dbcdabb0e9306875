package dev.demarc.core.store;

import java.io.IOException;

/**
 * A commit refused because it is over one of the store's bounds (size of one change set, size
 * of the whole content). Nothing was written; the store stays usable. The engine reports it as
 * TR-369 error 7005 (resources exceeded).
 */
public final class StoreLimitException extends IOException {

    public StoreLimitException(String message) {
        super(message);
    }
}

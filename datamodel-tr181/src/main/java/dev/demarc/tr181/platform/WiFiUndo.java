package dev.demarc.tr181.platform;

import dev.demarc.core.DmError;
import java.util.Optional;

/**
 * How to undo one applied Wi-Fi write, because a later change of the same transaction failed:
 * the platform puts back what it changed (the configuration value it replaced, the passphrase
 * included, without anyone else seeing it). Called on the thread that applied the write.
 */
@FunctionalInterface
public interface WiFiUndo {

    /** Nothing to undo. */
    WiFiUndo NOTHING = Optional::empty;

    /** Puts back what the write changed; an error says it could not. */
    Optional<DmError> undo();
}

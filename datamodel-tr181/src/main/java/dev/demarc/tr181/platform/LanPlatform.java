package dev.demarc.tr181.platform;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import java.util.Optional;

/**
 * The LAN side of the device: the hosts on it ({@code Device.Hosts.}) and the DHCPv4 server that
 * gives them addresses ({@code Device.DHCPv4.Server.}).
 *
 * <p>{@link #snapshot} is read on the data model's owner thread and answers from memory; the
 * platform keeps it fresh on its own threads (following the neighbour table and the lease file)
 * and calls the {@link #watch watchers} when it changes. The writes are called on the owner
 * thread by the TR-181 write hooks, within a transaction: they must not block. They check what
 * they can at once and answer an error for it; they change {@link #snapshot} at once, so that the
 * model reads what was written; a platform that applies them through commands does so on its
 * own threads right after, and a failure there shows in the next snapshot (and in the log).
 * Only the writes {@link #writes()} lists are called.
 */
public interface LanPlatform {

    /** The current state. */
    LanSnapshot snapshot();

    /** Calls {@code onChange} (on a platform thread, or the writer's) each time the snapshot changes. */
    void watch(Runnable onChange);

    /** The writes this platform applies. */
    default LanWrites writes() {
        return LanWrites.NONE;
    }

    /** Turns the DHCPv4 server on or off. */
    default Optional<DmError> setDhcpServerEnable(boolean enable) {
        return unsupported();
    }

    /** Adds a pool (a new key) or replaces the pool with its key. */
    default Optional<DmError> putPool(DhcpPool pool) {
        return unsupported();
    }

    /** Removes the pool with this key. */
    default Optional<DmError> deletePool(String key) {
        return unsupported();
    }

    /** A key for a pool a controller adds, unused by any pool and by any key given before. */
    default Optional<String> newPoolKey() {
        return Optional.empty();
    }

    /** No LAN: no hosts, no DHCP server, no writes. */
    static LanPlatform none() {
        return new LanPlatform() {
            @Override
            public LanSnapshot snapshot() {
                return LanSnapshot.EMPTY;
            }

            @Override
            public void watch(Runnable onChange) {
            }
        };
    }

    /** The answer of a write the platform does not apply. */
    static Optional<DmError> unsupported() {
        return Optional.of(DmError.of(ErrorCode.REQUEST_DENIED, "this platform cannot apply it"));
    }
}

package dev.demarc.tr181.platform;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The device's network links and IP interfaces ({@code Device.Ethernet.}, {@code Device.Bridging.},
 * {@code Device.IP.Interface.}, {@code Device.InterfaceStack.}): a snapshot the platform keeps
 * fresh on its own threads, watchers it tells when the snapshot changes, and the writes it can
 * apply.
 *
 * <p>Threads: {@link #snapshot()} and {@link #capabilities()} are called on any thread (the data
 * model's owner thread among them) and answer from memory. Watchers are called on the platform's
 * threads and must not block. The writes are called on the data model's owner thread from its
 * write hooks: they may run one short command (bounded in time by the platform's command runner)
 * and update the snapshot at once, then read the device again in the background.
 */
public interface NetworkPlatform {

    /** The network as last read; never null. */
    NetworkSnapshot snapshot();

    /**
     * Calls {@code watcher} each time the snapshot changes in something a notification would
     * tell (a link's state, an address, a new or gone interface); not for counters alone.
     */
    void watch(Runnable watcher);

    /** Which writes this platform applies. */
    NetworkCapabilities capabilities();

    /** Sets the link administratively up or down ({@code ip link set dev NAME up|down}). */
    Optional<DmError> setLinkEnabled(String link, boolean enable);

    /**
     * Enables or disables the IP interface (OpenWrt: the logical interface, persistently; Linux:
     * its link).
     */
    Optional<DmError> setIpInterfaceEnabled(String ipInterface, boolean enable);

    /** Tears the IP interface down and sets it up again; nothing on a disabled interface. */
    Optional<DmError> restartIpInterface(String ipInterface);

    /** No network: no links, no interfaces, no writes. */
    static NetworkPlatform none() {
        return of(NetworkSnapshot.EMPTY);
    }

    /** A platform answering {@code snapshot} and applying no writes: for tests and tools. */
    static NetworkPlatform of(NetworkSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return new NetworkPlatform() {
            @Override
            public NetworkSnapshot snapshot() {
                return snapshot;
            }

            @Override
            public void watch(Runnable watcher) {
                Objects.requireNonNull(watcher, "watcher");
            }

            @Override
            public NetworkCapabilities capabilities() {
                return NetworkCapabilities.NONE;
            }

            @Override
            public Optional<DmError> setLinkEnabled(String link, boolean enable) {
                return Optional.of(unsupported());
            }

            @Override
            public Optional<DmError> setIpInterfaceEnabled(String ipInterface, boolean enable) {
                return Optional.of(unsupported());
            }

            @Override
            public Optional<DmError> restartIpInterface(String ipInterface) {
                return Optional.of(unsupported());
            }
        };
    }

    /** The error of a write the platform does not apply. */
    static DmError unsupported() {
        return DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, "this platform cannot change the network");
    }
}

package dev.demarc.tr181.platform;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import java.util.Optional;
import java.util.Set;

/**
 * What the platform tells of the device's WAN side and applies to it: the WAN interface, the
 * DHCPv4 clients and their leases, PPP interfaces, the routing table and the DNS servers, as
 * one immutable {@link WanState} snapshot; and the few changes listed in {@link WanWrite}.
 *
 * <p>{@link #state()} is called on the data model's owner thread and answers at once, from
 * memory: an implementation keeps the snapshot fresh on its own threads (refreshing on events,
 * and again when it is read after being a few seconds old) and calls the {@link #watch}ers when
 * it changed. The write methods are called on the owner thread too, within a transaction: each
 * applies its change (it may run a short, bounded command such as {@code uci set}) or says why
 * not; slow follow-ups (bringing an interface up) run on the platform's threads afterwards. A
 * platform refuses a write it does not list in {@link #writes()}.
 */
public interface WanPlatform {

    /** The WAN side now; never null. */
    WanState state();

    /**
     * Calls {@code listener} each time the snapshot may have changed, on a platform thread; it
     * must not block.
     */
    void watch(Runnable listener);

    /** The changes this platform applies; the others are refused. */
    Set<WanWrite> writes();

    /** Starts ({@code true}) or stops the DHCPv4 client of the IP interface {@code interfaceKey}. */
    default Optional<DmError> setDhcpClientEnable(String interfaceKey, boolean enable) {
        return unsupported(WanWrite.DHCP_CLIENT_ENABLE);
    }

    /**
     * Makes the DHCPv4 client of {@code interfaceKey} renew its lease; answers once the renewal
     * is started (the new lease shows in a later snapshot), or why it cannot be.
     */
    default Optional<DmError> renewDhcpClient(String interfaceKey) {
        return unsupported(WanWrite.DHCP_CLIENT_RENEW);
    }

    /** Connects ({@code true}) or disconnects the PPP interface {@code key}. */
    default Optional<DmError> setPppEnable(String key, boolean enable) {
        return unsupported(WanWrite.PPP_ENABLE);
    }

    /** Sets the user name the PPP interface {@code key} authenticates with. */
    default Optional<DmError> setPppUsername(String key, String username) {
        return unsupported(WanWrite.PPP_USERNAME);
    }

    /**
     * Sets the password the PPP interface {@code key} authenticates with. The platform keeps the
     * one it replaced (in memory, never logged) for {@link #restorePppPassword}.
     */
    default Optional<DmError> setPppPassword(String key, String password) {
        return unsupported(WanWrite.PPP_PASSWORD);
    }

    /**
     * Puts back the password the last {@link #setPppPassword} of {@code key} replaced: the
     * transaction that set it failed later.
     */
    default void restorePppPassword(String key) {
    }

    /** The refusal of a write this platform does not apply. */
    static Optional<DmError> unsupported(WanWrite write) {
        return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED,
                "this platform cannot apply " + write.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    }

    /** A device with no WAN side to report: empty snapshot, no writes. */
    static WanPlatform none() {
        return NoWan.INSTANCE;
    }

    /** The {@link #none()} platform. */
    enum NoWan implements WanPlatform {
        INSTANCE;

        @Override
        public WanState state() {
            return WanState.EMPTY;
        }

        @Override
        public void watch(Runnable listener) {
        }

        @Override
        public Set<WanWrite> writes() {
            return Set.of();
        }
    }
}

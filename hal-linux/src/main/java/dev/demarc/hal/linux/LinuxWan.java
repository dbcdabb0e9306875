package dev.demarc.hal.linux;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.RefreshingSnapshot;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import dev.demarc.tr181.platform.WanWrite;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAN side of a generic Linux device ({@link LinuxWanReader} says what is read where). The
 * snapshot is read on the platform's pool: at start, every {@link #PERIOD} (leases and
 * {@code resolv.conf} have no events), soon after each link, address or route event the network
 * part's monitor reports ({@link #refreshSoon}, from {@link LinuxNetwork#onEvent}), and when it is
 * read while older than {@link #MAX_AGE}.
 *
 * <p>Writes: only {@code Renew()} of a lease that systemd-networkd holds
 * ({@code networkctl renew}, run on the pool); dhclient and NetworkManager leases are not
 * renewed. Enabling clients, PPP settings, routes and DNS servers are not written on generic
 * Linux: there is no one place for them.
 */
public final class LinuxWan implements WanPlatform, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxWan.class);
    /** A read of an older snapshot asks for a new one. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    /** How often the snapshot is read without an event. */
    public static final Duration PERIOD = Duration.ofSeconds(30);

    private final CommandRunner commands;
    private final ScheduledExecutorService pool;
    private final RefreshingSnapshot<LinuxWanReader.Reading> snapshot;
    private final Set<WanWrite> writes;

    public LinuxWan(SystemFiles files, CommandRunner commands, ScheduledExecutorService pool, Clock clock) {
        Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.pool = Objects.requireNonNull(pool, "pool");
        LinuxWanReader reader = new LinuxWanReader(files, commands, clock);
        this.snapshot = new RefreshingSnapshot<>("linux wan", LinuxWanReader.Reading.EMPTY, previous -> reader.read(),
                pool, MAX_AGE, System::nanoTime);
        this.writes = files.exists(LinuxWanReader.NETWORKD_LEASES) ? Set.of(WanWrite.DHCP_CLIENT_RENEW) : Set.of();
    }

    /** Reads the WAN side once on the calling thread, then keeps it fresh. */
    public LinuxWan start() {
        snapshot.start(PERIOD);
        return this;
    }

    /**
     * Reads the WAN side again soon (on the pool; several calls in a short while cost one
     * read): for a route event heard elsewhere ({@link LinuxNetwork#onEvent}).
     */
    public void refreshSoon() {
        snapshot.refreshSoon();
    }

    /** Reads the WAN side again now, on the calling thread (tests, tools). */
    public WanState refresh() {
        return snapshot.refresh().state();
    }

    @Override
    public WanState state() {
        return snapshot.current().state();
    }

    @Override
    public void watch(Runnable listener) {
        snapshot.watch(listener);
    }

    @Override
    public Set<WanWrite> writes() {
        return writes;
    }

    @Override
    public Optional<DmError> renewDhcpClient(String interfaceKey) {
        LinuxWanReader.LeaseSource source = snapshot.current().leaseSources().get(interfaceKey);
        if (source == null) {
            return Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, interfaceKey + " holds no DHCPv4 lease"));
        }
        if (source != LinuxWanReader.LeaseSource.NETWORKD || interfaceKey.startsWith("-")) {
            return Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, "the lease of " + interfaceKey + " is held by "
                    + source.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ": only systemd-networkd leases are renewed"));
        }
        try {
            pool.execute(() -> {
                Result<String> done = commands.run(List.of("networkctl", "renew", interfaceKey));
                if (!done.isOk()) {
                    LOG.warn("renewing the lease of {}: {}", interfaceKey, done.error().message());
                }
                snapshot.refreshSoon();
            });
        } catch (RejectedExecutionException e) {
            return Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, "the platform is stopping"));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        snapshot.close();
    }
}

package dev.demarc.hal.openwrt;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.RefreshingSnapshot;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.openwrt.wifi.UciSecret;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import dev.demarc.tr181.platform.WanWrite;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAN side of an OpenWrt router ({@link OpenWrtWanReader} says what is read where). The
 * snapshot is read on the platform's pool at start, every {@link #PERIOD}, soon after each
 * {@code network.interface} event netifd sends (the network part's {@code ubus listen}, through
 * {@link #refreshSoon}), and when it is read while older than {@link #MAX_AGE}. On the platform,
 * netifd's dump comes from the {@link NetifdDump} the network part shares: a read without a
 * netifd event since the last run (a controller polling every few seconds) runs no process for
 * it, only reads the route and PPPoE files again.
 *
 * <p>Writes, applied through uci and netifd (each a few short, bounded processes, run on the
 * caller's thread so that the caller learns whether they worked):
 * <ul>
 *   <li>DHCPv4 client and PPP {@code Enable}: {@code uci set network.<if>.auto=1|0},
 *       {@code uci commit network}, then {@code ubus call network.interface.<if> up|down}, so it
 *       holds across reboots and takes effect now;</li>
 *   <li>PPP {@code Username} and {@code Password}: {@code uci set network.<if>.username|password},
 *       {@code uci commit network}, then {@code ubus call network reload} on the pool. The
 *       password never goes on a command line (the process list shows those to every local
 *       user): it reaches uci through a batch file only the agent can read, deleted at once
 *       ({@link UciSecret}); it is never logged, nor in a failure's message;</li>
 *   <li>{@code Renew()}: {@code ubus call network.interface.<if> renew}, on the pool.</li>
 * </ul>
 * Routes and DNS servers are not written.
 */
public final class OpenWrtWan implements WanPlatform, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenWrtWan.class);
    /** A read of an older snapshot asks for a new one. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    /** How often the snapshot is read without an event. */
    public static final Duration PERIOD = Duration.ofSeconds(30);
    /** What a uci section name may be. */
    private static final Pattern SECTION = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final CommandRunner commands;
    private final NetifdDump netifd;
    private final ScheduledExecutorService pool;
    private final RefreshingSnapshot<WanState> snapshot;
    private final Map<String, String> replacedPasswords = new ConcurrentHashMap<>();
    /** A directory only the agent reads, for the batch file that carries a password to uci. */
    private final Path scratch;

    /** A WAN part that runs netifd's dump at every read of its own. */
    public OpenWrtWan(SystemFiles files, CommandRunner commands, ScheduledExecutorService pool, Clock clock,
                      ByteOrder byteOrder, Path scratch) {
        this(files, commands, new NetifdDump(commands, clock, System::nanoTime), Duration.ZERO, pool, clock, byteOrder,
                scratch);
    }

    /**
     * A WAN part that takes netifd's dump from {@code netifd}, shared with the network part: a
     * run since netifd's last event and at most {@code dumpMaxAge} old serves.
     */
    public OpenWrtWan(SystemFiles files, CommandRunner commands, NetifdDump netifd, Duration dumpMaxAge,
                      ScheduledExecutorService pool, Clock clock, ByteOrder byteOrder, Path scratch) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.netifd = Objects.requireNonNull(netifd, "netifd");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.scratch = Objects.requireNonNull(scratch, "scratch");
        OpenWrtWanReader reader = new OpenWrtWanReader(files, netifd, dumpMaxAge, clock, byteOrder);
        this.snapshot = new RefreshingSnapshot<>("openwrt wan", WanState.EMPTY, reader::read, pool, MAX_AGE,
                System::nanoTime);
    }

    /**
     * Reads the WAN side again soon (on the pool; several calls in a short while cost one
     * read): for an event heard elsewhere ({@link OpenWrtNetwork#onEvent}).
     */
    public void refreshSoon() {
        snapshot.refreshSoon();
    }

    /** Reads the WAN side once on the calling thread, then keeps it fresh. */
    public OpenWrtWan start() {
        snapshot.start(PERIOD);
        return this;
    }

    /** Reads the WAN side again now, on the calling thread (tests, tools). */
    public WanState refresh() {
        return snapshot.refresh();
    }

    @Override
    public WanState state() {
        return snapshot.current();
    }

    @Override
    public void watch(Runnable listener) {
        snapshot.watch(listener);
    }

    @Override
    public Set<WanWrite> writes() {
        return Set.of(WanWrite.values());
    }

    @Override
    public Optional<DmError> setDhcpClientEnable(String interfaceKey, boolean enable) {
        if (snapshot.current().dhcpClient(interfaceKey).isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, interfaceKey + " runs no DHCPv4 client"));
        }
        return setAuto(interfaceKey, enable);
    }

    @Override
    public Optional<DmError> renewDhcpClient(String interfaceKey) {
        if (snapshot.current().dhcpClient(interfaceKey).isEmpty() || !SECTION.matcher(interfaceKey).matches()) {
            return Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, interfaceKey + " runs no DHCPv4 client"));
        }
        return later(List.of("ubus", "call", "network.interface." + interfaceKey, "renew"), "renewing the lease of " + interfaceKey);
    }

    @Override
    public Optional<DmError> setPppEnable(String key, boolean enable) {
        if (snapshot.current().pppInterface(key).isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, key + " is no PPP interface"));
        }
        return setAuto(key, enable);
    }

    @Override
    public Optional<DmError> setPppUsername(String key, String username) {
        return setPppOption(key, "username", username, false);
    }

    @Override
    public Optional<DmError> setPppPassword(String key, String password) {
        Optional<String> old = readOption(key, "password");
        Optional<DmError> failed = setPppOption(key, "password", password, true);
        if (failed.isEmpty()) {
            replacedPasswords.put(key, old.orElse(""));
        }
        return failed;
    }

    @Override
    public void restorePppPassword(String key) {
        String old = replacedPasswords.remove(key);
        if (old != null) {
            setPppOption(key, "password", old, true)
                    .ifPresent(e -> LOG.error("could not put back the password of {}: {}", key, e.message()));
        }
    }

    private Optional<String> readOption(String key, String option) {
        if (!SECTION.matcher(key).matches()) {
            return Optional.empty();
        }
        Result<String> r = commands.run(List.of("uci", "-q", "get", "network." + key + "." + option));
        return r.isOk() ? Optional.of(r.value().strip()) : Optional.empty();
    }

    private Optional<DmError> setPppOption(String key, String option, String value, boolean secret) {
        if (snapshot.current().pppInterface(key).isEmpty() || !SECTION.matcher(key).matches()) {
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, key + " is no PPP interface"));
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7F) || value.length() > PppInterfaceState.MAX_USERNAME) {
            return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, "control characters are not allowed"));
        }
        String target = "network." + key + "." + option;
        Optional<DmError> failed;
        if (value.isEmpty()) {
            failed = run(List.of("uci", "-q", "delete", target), secret, "clearing " + option)
                    .filter(e -> readOption(key, option).isPresent());
        } else if (secret) {
            failed = UciSecret.set(commands, scratch, target, value).map(e -> {
                LOG.warn("setting {}: {}", option, e.message());
                return DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, "setting " + option + " failed");
            });
        } else {
            failed = run(List.of("uci", "set", target + "=" + value), false, "setting " + option);
        }
        if (failed.isPresent()) {
            return failed;
        }
        failed = run(List.of("uci", "commit", "network"), false, "committing the network configuration");
        if (failed.isPresent()) {
            return failed;
        }
        return later(List.of("ubus", "call", "network", "reload"), "reloading the network configuration");
    }

    /** {@code auto} set in uci and committed, then the interface brought up or down now. */
    private Optional<DmError> setAuto(String key, boolean enable) {
        if (!SECTION.matcher(key).matches()) {
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, key + " is no uci section"));
        }
        Optional<DmError> failed = run(List.of("uci", "set", "network." + key + ".auto=" + (enable ? "1" : "0")),
                false, "configuring " + key);
        if (failed.isEmpty()) {
            failed = run(List.of("uci", "commit", "network"), false, "committing the network configuration");
        }
        if (failed.isEmpty()) {
            failed = run(List.of("ubus", "call", "network.interface." + key, enable ? "up" : "down"), false,
                    (enable ? "bringing up " : "bringing down ") + key);
        }
        netifd.changed();
        snapshot.refreshSoon();
        return failed;
    }

    /** Runs a command now; its failure as a 7009 error, without the command line when it holds a secret. */
    private Optional<DmError> run(List<String> argv, boolean secret, String what) {
        Result<String> r = commands.run(argv);
        if (r.isOk()) {
            return Optional.empty();
        }
        String message = secret ? what + " failed" : r.error().message();
        LOG.warn("{}: {}", what, message);
        return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, message));
    }

    /** Runs a command on the pool, then reads the snapshot again. */
    private Optional<DmError> later(List<String> argv, String what) {
        try {
            pool.execute(() -> {
                Result<String> r = commands.run(argv);
                if (!r.isOk()) {
                    LOG.warn("{}: {}", what, r.error().message());
                }
                netifd.changed();
                snapshot.refreshSoon();
            });
            return Optional.empty();
        } catch (RejectedExecutionException e) {
            return Optional.of(DmError.of(ErrorCode.INTERNAL_ERROR, "the platform is stopping"));
        }
    }

    @Override
    public void close() {
        snapshot.close();
    }
}

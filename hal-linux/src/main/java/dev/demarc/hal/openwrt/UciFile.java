package dev.demarc.hal.openwrt;

import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A uci configuration file the agent follows and edits ({@code /etc/config/firewall}): it reads the
 * file directly, and writes through the {@code uci} command.
 *
 * <p>{@link #current()} is the package as the model should see it: the file as last read, with the
 * agent's edits not yet applied on top. {@link #edit} (the TR-181 write hooks, on the data model's
 * owner thread) changes it at once and never blocks; a moment later ({@link #FLUSH_DELAY}, so that
 * the changes of one transaction go together, and a change undone within it never reaches uci) the
 * platform's pool turns the difference between the file and {@link #current()} into {@code uci}
 * commands ({@link #commands}), runs them, {@code uci commit}s the package and runs the reload
 * commands ({@code /etc/init.d/firewall reload}), then reads the file again. When a command fails,
 * the staged changes are dropped ({@code uci revert}) and the file read again, so that the model
 * shows what the device has; the failure is logged. When the file changed under the agent (LuCI,
 * an operator) before its edits were applied, they are dropped the same way and a warning logged.
 *
 * <p>The file is polled for changes every {@link #POLL_PERIOD} (a {@code stat}, no process). The
 * listeners hear of every change to {@link #current()} but the agent's own edits, on the pool's
 * threads. Thread-safe.
 */
public final class UciFile {

    private static final Logger LOG = LoggerFactory.getLogger(UciFile.class);
    /** How long edits wait for the rest of their transaction before they are applied. */
    public static final Duration FLUSH_DELAY = Duration.ofMillis(200);
    /** How often the file is checked for changes made by others. */
    public static final Duration POLL_PERIOD = Duration.ofSeconds(5);

    /** For {@link #reread}: the file replaces the agent's edits, whatever they are. */
    private static final long ANY = -1;

    private final String packageName;
    private final String path;
    private final SystemFiles files;
    private final CommandRunner commands;
    private final ScheduledExecutorService pool;
    private final List<List<String>> reloadCommands;
    private final Duration flushDelay;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final ReentrantLock flushing = new ReentrantLock();

    /** Guarded by this. */
    private String baseText;
    private FileTime baseModified;
    private UciPackage base;
    private UciPackage current;
    /** Counts edits, so that a flush knows whether more came while it ran. */
    private long edits;

    /**
     * @param packageName    the uci package ({@code firewall}); its file is {@code /etc/config/<packageName>}
     * @param files          where the file is read
     * @param commands       runs {@code uci} and the reload commands
     * @param pool           the platform's threads: flushes and polls run there
     * @param reloadCommands what applies a committed change ({@code /etc/init.d/firewall reload})
     * @param flushDelay     {@link #FLUSH_DELAY}, or longer in tests that flush by hand ({@link #flush()})
     */
    public UciFile(String packageName, SystemFiles files, CommandRunner commands, ScheduledExecutorService pool,
                   List<List<String>> reloadCommands, Duration flushDelay) {
        UciPackage.requireName("package", packageName);
        this.packageName = packageName;
        this.path = "/etc/config/" + packageName;
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.reloadCommands = reloadCommands.stream().map(List::copyOf).toList();
        this.flushDelay = Objects.requireNonNull(flushDelay, "flushDelay");
        read();
    }

    /** Starts polling the file for changes others make. */
    public void start() {
        pool.scheduleWithFixedDelay(this::poll, POLL_PERIOD.toMillis(), POLL_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String packageName() {
        return packageName;
    }

    /** The package as the model should see it: the file, and the agent's edits on top. */
    public synchronized UciPackage current() {
        return current;
    }

    /** The package as the file had it when last read, without the agent's edits not yet applied. */
    public synchronized UciPackage base() {
        return base;
    }

    /** Calls {@code listener} (on a pool thread) when {@link #current()} changes but by an edit. */
    public void listen(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Changes the package as {@code change} says; applied through uci shortly after. Never blocks;
     * any thread (the owner thread's write hooks).
     */
    public void edit(UnaryOperator<UciPackage> change) {
        synchronized (this) {
            UciPackage next = change.apply(current);
            if (!next.name().equals(packageName)) {
                throw new IllegalArgumentException("an edit of " + packageName + " gave " + next.name());
            }
            current = next;
            edits++;
        }
        if (flushScheduled.compareAndSet(false, true)) {
            pool.schedule(this::flushQuietly, flushDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("applying the changes of {} failed", path, e);
        }
    }

    /**
     * Applies the edits made so far: runs the uci commands, commits, reloads, reads the file
     * again. Blocks; on the pool (or a test's thread).
     */
    public void flush() {
        flushing.lock();
        try {
            flushScheduled.set(false);
            UciPackage from;
            UciPackage to;
            String fromText;
            long editsAtStart;
            synchronized (this) {
                from = base;
                to = current;
                fromText = baseText;
                editsAtStart = edits;
            }
            if (from.equals(to)) {
                return;
            }
            String onDisk = files.read(path).orElse("");
            if (!onDisk.equals(fromText)) {
                LOG.warn("{} changed on the device while the agent was changing it; the agent's changes are dropped", path);
                reread(ANY);
                return;
            }
            List<List<String>> argvs = commands(from, to);
            for (List<String> argv : argvs) {
                Result<String> r = commands.run(argv);
                if (!r.isOk()) {
                    LOG.error("{}: {}; the changes to {} are dropped", String.join(" ", argv), r.error().message(), path);
                    commands.run(List.of("uci", "revert", packageName));
                    reread(ANY);
                    return;
                }
            }
            Result<String> committed = commands.run(List.of("uci", "commit", packageName));
            if (!committed.isOk()) {
                LOG.error("uci commit {}: {}; the changes are dropped", packageName, committed.error().message());
                commands.run(List.of("uci", "revert", packageName));
                reread(ANY);
                return;
            }
            for (List<String> reload : reloadCommands) {
                Result<String> r = commands.run(reload);
                if (!r.isOk()) {
                    LOG.warn("{} is changed but {} failed: {}", path, String.join(" ", reload), r.error().message());
                }
            }
            LOG.info("{}: applied {} uci commands", path, argvs.size());
            reread(editsAtStart);
        } finally {
            flushing.unlock();
        }
    }

    /** Checks the file for changes others made; on the pool. */
    void poll() {
        try {
            FileTime modified = Files.getLastModifiedTime(files.resolve(path));
            synchronized (this) {
                if (modified.equals(baseModified) || !base.equals(current)) {
                    return;
                }
            }
            reread(ANY);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} cannot be checked: {}", path, e.toString());
        }
    }

    /**
     * Reads the file; what the model sees becomes the file unless edits were made since the
     * {@code editsSeen}-th ({@link #ANY}: in any case). Tells the listeners when it changed.
     */
    private void reread(long editsSeen) {
        UciPackage before;
        UciPackage after;
        synchronized (this) {
            before = current;
            read();
            if (editsSeen != ANY && edits != editsSeen) {
                current = before;
            }
            after = current;
        }
        if (!after.equals(before)) {
            for (Runnable l : listeners) {
                try {
                    l.run();
                } catch (RuntimeException e) {
                    LOG.error("a listener of {} failed", path, e);
                }
            }
        }
    }

    private synchronized void read() {
        baseText = files.read(path).orElse("");
        try {
            baseModified = Files.getLastModifiedTime(files.resolve(path));
        } catch (IOException e) {
            baseModified = null;
        }
        base = UciPackage.parse(packageName, baseText);
        current = base;
    }

    // ------------------------------------------------------------------ commands

    /**
     * The {@code uci} commands that turn {@code from} into {@code to} (staged; not committed), in
     * an order that keeps positions valid: anonymous sections the edit names are renamed first,
     * then options of the kept sections change (still-anonymous ones addressed by position),
     * then removed sections go from the last to the first, then new ones are made, named. Pure.
     */
    public static List<List<String>> commands(UciPackage from, UciPackage to) {
        String pkg = from.name();
        List<List<String>> out = new ArrayList<>();
        for (UciPackage.Section after : to.sections()) {
            from.section(after.id()).ifPresent(before -> {
                if (before.anonymous() && !after.anonymous()) {
                    out.add(List.of("uci", "rename", from.address(before) + "=" + after.id()));
                }
            });
        }
        for (UciPackage.Section after : to.sections()) {
            from.section(after.id()).ifPresent(before -> {
                String address = before.anonymous() && after.anonymous() ? from.address(before) : pkg + "." + after.id();
                options(address, before.options(), after.options(), out);
            });
        }
        List<UciPackage.Section> removed = new ArrayList<>();
        for (UciPackage.Section before : from.sections()) {
            if (!to.has(before.id())) {
                removed.add(before);
            }
        }
        for (int i = removed.size() - 1; i >= 0; i--) {
            out.add(List.of("uci", "delete", from.address(removed.get(i))));
        }
        for (UciPackage.Section after : to.sections()) {
            if (!from.has(after.id())) {
                out.add(List.of("uci", "set", pkg + "." + after.id() + "=" + after.type()));
                options(pkg + "." + after.id(), Map.of(), after.options(), out);
            }
        }
        return out;
    }

    private static void options(String address, Map<String, UciPackage.Option> before,
                                Map<String, UciPackage.Option> after, List<List<String>> out) {
        Set<String> names = new HashSet<>(before.keySet());
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                out.add(List.of("uci", "delete", address + "." + name));
            }
        }
        for (Map.Entry<String, UciPackage.Option> e : after.entrySet()) {
            UciPackage.Option was = before.get(e.getKey());
            UciPackage.Option is = e.getValue();
            if (is.equals(was)) {
                continue;
            }
            if (!is.list()) {
                out.add(List.of("uci", "set", address + "." + e.getKey() + "=" + is.first()));
                continue;
            }
            if (names.contains(e.getKey())) {
                out.add(List.of("uci", "delete", address + "." + e.getKey()));
            }
            for (String v : is.values()) {
                out.add(List.of("uci", "add_list", address + "." + e.getKey() + "=" + v));
            }
        }
    }
}

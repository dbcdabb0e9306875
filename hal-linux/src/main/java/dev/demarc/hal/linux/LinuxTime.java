package dev.demarc.hal.linux;

import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.NtpClient;
import dev.demarc.tr181.platform.NtpClient.NtpStatus;
import dev.demarc.tr181.platform.TimePlatform;
import dev.demarc.tr181.platform.TimeSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time service of a generic Linux device, read-only: the zone from {@code /etc/timezone} or
 * the {@code /etc/localtime} link, its POSIX TZ string from the footer of the zone file (TZif
 * version 2 and later end with one), and one NTP client for the daemon configured: chrony
 * ({@code server}/{@code pool} lines of {@code /etc/chrony/chrony.conf}), ntpd ({@code /etc/ntpsec/ntp.conf},
 * {@code /etc/ntp.conf}) or systemd-timesyncd ({@code NTP=} of {@code /etc/systemd/timesyncd.conf}
 * and its {@code .d} files). Whether it is on and synchronized comes from
 * {@code timedatectl show} ({@code NTP}, {@code NTPSynchronized}) where systemd runs
 * ({@code /run/systemd/system}); elsewhere a configured client reads as enabled and
 * {@code Unsynchronized} (not known to be synchronized). Read at {@link #start} and every
 * {@link #REFRESH} on the platform's pool: one process a minute at most.
 */
public final class LinuxTime implements TimePlatform, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxTime.class);
    public static final Duration REFRESH = Duration.ofSeconds(60);

    private final SystemFiles files;
    private final CommandRunner commands;
    private final ScheduledExecutorService pool;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private volatile TimeSnapshot snapshot = TimeSnapshot.UNKNOWN;
    private ScheduledFuture<?> task;

    public LinuxTime(SystemFiles files, CommandRunner commands, ScheduledExecutorService pool) {
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** Reads once on the calling thread. */
    public void start() {
        snapshot = read(files, commands);
    }

    /** Reads again every {@link #REFRESH}. */
    public synchronized void follow() {
        task = pool.scheduleWithFixedDelay(() -> {
            try {
                TimeSnapshot next = read(files, commands);
                if (!next.equals(snapshot)) {
                    snapshot = next;
                    watchers.forEach(Runnable::run);
                }
            } catch (RuntimeException e) {
                LOG.error("reading the time service failed", e);
            }
        }, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public TimeSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void watch(Runnable onChange) {
        watchers.add(Objects.requireNonNull(onChange, "onChange"));
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** What the files (and {@code timedatectl} where systemd runs) say. */
    public static TimeSnapshot read(SystemFiles files, CommandRunner commands) {
        String zoneName = files.readLine("/etc/timezone").filter(z -> !z.isBlank() && z.length() <= 64)
                .or(() -> linkTarget(files, "/etc/localtime").flatMap(LinuxTime::zoneOfLink))
                .orElse("");
        String tz = files.read("/etc/localtime").flatMap(LinuxTime::tzifFooter).orElse("");
        Optional<Boolean> ntp = Optional.empty();
        Optional<Boolean> synced = Optional.empty();
        if (files.exists("/run/systemd/system")) {
            Result<String> shown = commands.run(List.of("timedatectl", "show"));
            if (shown.isOk()) {
                for (String line : shown.value().split("\n")) {
                    if (line.startsWith("NTP=")) {
                        ntp = Optional.of(line.substring(4).strip().equals("yes"));
                    } else if (line.startsWith("NTPSynchronized=")) {
                        synced = Optional.of(line.substring(16).strip().equals("yes"));
                    }
                }
            } else {
                LOG.debug("timedatectl: {}", shown.error().message());
            }
        }
        List<NtpClient> clients = new ArrayList<>();
        Optional<String[]> daemon = daemon(files);
        NtpStatus status = NtpStatus.DISABLED;
        boolean enable = false;
        if (daemon.isPresent()) {
            enable = ntp.orElse(true);
            status = !enable ? NtpStatus.DISABLED : synced.orElse(false) ? NtpStatus.SYNCHRONIZED : NtpStatus.UNSYNCHRONIZED;
            List<String> servers = servers(files, daemon.get()[0], daemon.get()[1]);
            clients.add(new NtpClient(daemon.get()[0], enable, status, servers));
        } else if (ntp.isPresent()) {
            enable = ntp.get();
            status = !enable ? NtpStatus.DISABLED : synced.orElse(false) ? NtpStatus.SYNCHRONIZED : NtpStatus.UNSYNCHRONIZED;
        }
        return new TimeSnapshot(enable, status, tz, zoneName, clients);
    }

    /** The zone name of a {@code /etc/localtime} link: what follows {@code zoneinfo/}. */
    static Optional<String> zoneOfLink(String target) {
        int at = target.indexOf("zoneinfo/");
        if (at < 0) {
            return Optional.empty();
        }
        String zone = target.substring(at + "zoneinfo/".length());
        if (zone.startsWith("posix/") || zone.startsWith("right/")) {
            zone = zone.substring(6);
        }
        return zone.isEmpty() || zone.length() > 64 ? Optional.empty() : Optional.of(zone);
    }

    /**
     * The POSIX TZ string at the end of a TZif file of version 2 or later: the last line, between
     * two newlines ({@code \nCET-1CEST,M3.5.0,M10.5.0/3\n}). Empty for version 1 or a file that is
     * not TZif. The text may hold undecodable bytes before the footer; the footer is ASCII.
     */
    public static Optional<String> tzifFooter(String tzif) {
        if (!tzif.startsWith("TZif") || tzif.length() < 6 || tzif.charAt(4) < '2' || !tzif.endsWith("\n")) {
            return Optional.empty();
        }
        int end = tzif.length() - 1;
        int start = tzif.lastIndexOf('\n', end - 1);
        if (start < 0) {
            return Optional.empty();
        }
        String footer = tzif.substring(start + 1, end);
        return footer.isEmpty() || footer.length() > 256 || !footer.chars().allMatch(c -> c > 32 && c < 127)
                ? Optional.empty() : Optional.of(footer);
    }

    /** The NTP daemon configured: its client key and its configuration file(s). */
    private static Optional<String[]> daemon(SystemFiles files) {
        for (String[] candidate : new String[][] {
                {"chrony", "/etc/chrony/chrony.conf"}, {"chrony", "/etc/chrony.conf"},
                {"ntpd", "/etc/ntpsec/ntp.conf"}, {"ntpd", "/etc/ntp.conf"},
                {"timesyncd", "/etc/systemd/timesyncd.conf"}}) {
            if (files.exists(candidate[1])) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The servers a daemon's configuration names, at most {@link NtpClient#MAX_SERVERS}. */
    static List<String> servers(SystemFiles files, String daemon, String file) {
        List<String> out = new ArrayList<>();
        if (daemon.equals("timesyncd")) {
            List<String> texts = new ArrayList<>();
            files.read(file).ifPresent(texts::add);
            for (String name : files.list(file + ".d")) {
                if (name.endsWith(".conf")) {
                    files.read(file + ".d/" + name).ifPresent(texts::add);
                }
            }
            String ntp = "";
            String fallback = "";
            for (String text : texts) {
                for (String raw : text.split("\n")) {
                    String line = raw.strip();
                    if (line.startsWith("NTP=")) {
                        ntp = line.substring(4).strip();
                    } else if (line.startsWith("FallbackNTP=")) {
                        fallback = line.substring(12).strip();
                    }
                }
            }
            addAll(out, (ntp.isEmpty() ? fallback : ntp).split("\\s+"));
        } else {
            for (String raw : files.read(file).orElse("").split("\n")) {
                String[] t = raw.strip().split("\\s+");
                if (t.length >= 2 && (t[0].equals("server") || t[0].equals("pool"))) {
                    addAll(out, new String[] {t[1]});
                }
            }
        }
        return List.copyOf(out);
    }

    private static void addAll(List<String> out, String[] names) {
        for (String n : names) {
            if (!n.isEmpty() && !n.contains(",") && n.length() <= 256 && !out.contains(n) && out.size() < NtpClient.MAX_SERVERS) {
                out.add(n);
            }
        }
    }

    /** Where a symbolic link points, whole. */
    static Optional<String> linkTarget(SystemFiles files, String path) {
        try {
            return Optional.of(java.nio.file.Files.readSymbolicLink(files.resolve(path)).toString());
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}

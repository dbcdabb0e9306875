package dev.demarc.hal.linux;

import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.LineMonitor;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DhcpLease;
import dev.demarc.tr181.platform.LanHost;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.LanSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LAN's hosts and DHCP server, kept fresh from the kernel and dnsmasq: the reading side of
 * {@link LanPlatform} for Linux and OpenWrt (which differ in {@link LanConfig} only).
 *
 * <p>{@link #start} reads everything once ({@code ip -j neigh}, the lease file, the setup,
 * {@code bridge -j fdb show} for the bridges). {@link #follow} then keeps it fresh without a
 * process per change: {@code ip -j monitor neigh} ({@link LineMonitor}; each line updates the
 * table in memory, and a restart reads it whole again), the lease file's modification time and
 * size checked every {@link #LEASE_POLL} on the platform's pool (a {@code stat}), the setup read
 * again every {@link #CONFIG_REFRESH}, the whole neighbour table every {@link #NEIGHBOUR_REFRESH}
 * in case an event was missed, and the bridge forwarding table when a host shows up on a bridge
 * whose port is not known (at most once per {@link #FDB_INTERVAL}). Each time the snapshot
 * changes the watchers are told, so that hosts appearing and leaving are pushed at once.
 *
 * <p>{@link #snapshot} answers from memory on any thread. Thread-safe.
 */
public final class LanWatcher implements LanPlatform, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LanWatcher.class);
    public static final Duration LEASE_POLL = Duration.ofSeconds(5);
    public static final Duration CONFIG_REFRESH = Duration.ofSeconds(30);
    public static final Duration NEIGHBOUR_REFRESH = Duration.ofMinutes(5);
    public static final Duration FDB_INTERVAL = Duration.ofSeconds(10);
    /** The most neighbour entries kept. */
    public static final int MAX_NEIGHBOURS = 16384;
    /** What follows the neighbour table: iproute2 prints one change a line (JSON or text, as its version does). */
    public static final List<String> MONITOR_COMMAND = List.of("ip", "-j", "monitor", "neigh");

    private final SystemFiles files;
    private final CommandRunner commands;
    private final ScheduledExecutorService pool;
    private final String leaseFile;
    private final Supplier<LanConfig> config;
    private final Clock clock;
    private final List<String> monitorCommand;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile LanSnapshot snapshot = LanSnapshot.EMPTY;
    private LineMonitor monitor;
    private volatile boolean following;

    // Guarded by this.
    private final Map<String, Neighbour> neighbours = new LinkedHashMap<>();
    private String leaseText = "";
    private String leaseStamp = "";
    private List<DhcpLease> leases = List.of();
    private LanConfig setup = LanConfig.NONE;
    private LanHosts.DeviceKinds kinds = LanHosts.DeviceKinds.NONE;
    private Map<String, String> fdb = Map.of();
    private Instant fdbReadAt = Instant.EPOCH;
    private Map<String, LanHost> previous;

    /**
     * @param files     the device's files (sysfs, the lease file)
     * @param commands  runs {@code ip} and {@code bridge}
     * @param pool      the platform's threads
     * @param leaseFile dnsmasq's lease file ({@link DnsmasqLeases#OPENWRT_FILE}, {@link DnsmasqLeases#DEBIAN_FILE})
     * @param config    reads the LAN's setup; called on the pool (it may read files)
     * @param clock     dates changes and says which leases hold
     */
    public LanWatcher(SystemFiles files, CommandRunner commands, ScheduledExecutorService pool, String leaseFile,
                      Supplier<LanConfig> config, Clock clock) {
        this(files, commands, pool, leaseFile, config, clock, MONITOR_COMMAND);
    }

    /**
     * As above, following {@code monitorCommand} instead of {@link #MONITOR_COMMAND}: a command that
     * prints lines as {@code ip monitor neigh} does (tests script one).
     */
    public LanWatcher(SystemFiles files, CommandRunner commands, ScheduledExecutorService pool, String leaseFile,
                      Supplier<LanConfig> config, Clock clock, List<String> monitorCommand) {
        this.monitorCommand = List.copyOf(monitorCommand);
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.leaseFile = Objects.requireNonNull(leaseFile, "leaseFile");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads everything once, on the calling thread (it runs {@code ip} and {@code bridge}). */
    public void start() {
        readNeighbours();
        refreshSetup(false);
        readLeases(false);
        readFdb(false);
        rebuild(true);
    }

    /** Starts following changes: the neighbour monitor and the polls. */
    public synchronized void follow() {
        following = true;
        monitor = LineMonitor.start(monitorCommand, this::onMonitorLine, () -> {
            readNeighbours();
            rebuild(true);
        });
        tasks.add(pool.scheduleWithFixedDelay(() -> safely(() -> readLeases(true)),
                LEASE_POLL.toMillis(), LEASE_POLL.toMillis(), TimeUnit.MILLISECONDS));
        tasks.add(pool.scheduleWithFixedDelay(() -> safely(() -> refreshSetup(true)),
                CONFIG_REFRESH.toMillis(), CONFIG_REFRESH.toMillis(), TimeUnit.MILLISECONDS));
        tasks.add(pool.scheduleWithFixedDelay(() -> safely(() -> {
            readNeighbours();
            readFdb(false);
            rebuild(true);
        }), NEIGHBOUR_REFRESH.toMillis(), NEIGHBOUR_REFRESH.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public LanSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void watch(Runnable onChange) {
        watchers.add(Objects.requireNonNull(onChange, "onChange"));
    }

    /**
     * Takes a new setup at once, without reading anything: what a write of the platform just
     * changed (an OpenWrt pool). The watchers are not told (the model already has the write).
     * Any thread.
     */
    public void reconfigure(LanConfig newSetup) {
        synchronized (this) {
            setup = Objects.requireNonNull(newSetup, "newSetup");
            leases = DnsmasqLeases.parse(leaseText, setup.pools());
        }
        rebuild(false);
    }

    /** Reads the setup again (the pool's thread: it may read files), and tells the watchers of a change. */
    public void refreshSetup(boolean tell) {
        LanConfig read = config.get();
        LanHosts.DeviceKinds k = deviceKinds();
        synchronized (this) {
            setup = read;
            kinds = k;
            leases = DnsmasqLeases.parse(leaseText, setup.pools());
        }
        if (tell) {
            rebuild(true);
        }
    }

    void onMonitorLine(String line) {
        Neighbour.parseMonitorLine(line).ifPresent(event -> {
            synchronized (this) {
                Neighbour n = event.neighbour();
                if (event.deleted()) {
                    neighbours.remove(n.key());
                } else {
                    Neighbour before = neighbours.get(n.key());
                    if (n.mac().isEmpty() && before != null) {
                        n = new Neighbour(n.address(), n.device(), before.mac(), n.state());
                    }
                    if (neighbours.size() < MAX_NEIGHBOURS || neighbours.containsKey(n.key())) {
                        neighbours.put(n.key(), n);
                    }
                }
            }
            rebuild(true);
        });
    }

    private void readNeighbours() {
        Result<String> out = commands.run(List.of("ip", "-j", "neigh"));
        Result<List<Neighbour>> parsed = out.isOk() ? Neighbour.parseJson(out.value()) : Result.err(out.error());
        if (!parsed.isOk()) {
            LOG.warn("the neighbour table cannot be read: {}", parsed.error().message());
            return;
        }
        synchronized (this) {
            neighbours.clear();
            for (Neighbour n : parsed.value()) {
                if (neighbours.size() >= MAX_NEIGHBOURS) {
                    break;
                }
                neighbours.put(n.key(), n);
            }
        }
    }

    private void readLeases(boolean tell) {
        String stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(files.resolve(leaseFile), BasicFileAttributes.class);
            stamp = a.lastModifiedTime() + "/" + a.size();
        } catch (IOException e) {
            stamp = "";
        }
        synchronized (this) {
            if (stamp.equals(leaseStamp)) {
                return;
            }
        }
        String text = files.read(leaseFile).orElse("");
        synchronized (this) {
            leaseStamp = stamp;
            leaseText = text;
            leases = DnsmasqLeases.parse(text, setup.pools());
        }
        if (tell) {
            rebuild(true);
        }
    }

    private void readFdb(boolean tell) {
        Set<String> bridges;
        Set<String> excluded;
        synchronized (this) {
            bridges = kinds.bridges();
            excluded = setup.excludedDevices();
            fdbReadAt = clock.instant();
        }
        Map<String, String> read = new HashMap<>();
        for (String bridge : bridges) {
            if (excluded.contains(bridge)) {
                continue;
            }
            Result<String> out = commands.run(List.of("bridge", "-j", "fdb", "show", "br", bridge));
            Result<Map<String, String>> parsed = out.isOk() ? LanHosts.parseFdb(out.value(), bridge) : Result.err(out.error());
            if (parsed.isOk()) {
                parsed.value().forEach(read::putIfAbsent);
            } else {
                LOG.debug("the forwarding table of {} cannot be read: {}", bridge, parsed.error().message());
            }
        }
        synchronized (this) {
            fdb = Map.copyOf(read);
        }
        if (tell) {
            rebuild(true);
        }
    }

    private LanHosts.DeviceKinds deviceKinds() {
        Set<String> bridges = new HashSet<>();
        Set<String> wireless = new HashSet<>();
        for (String dev : files.list("/sys/class/net")) {
            String dir = "/sys/class/net/" + dev;
            if (files.exists(dir + "/bridge")) {
                bridges.add(dev);
            }
            if (files.exists(dir + "/wireless") || files.exists(dir + "/phy80211")) {
                wireless.add(dev);
            }
        }
        return new LanHosts.DeviceKinds(bridges, wireless);
    }

    /** Makes the snapshot again from what is in memory; tells the watchers when it changed and {@code tell}. */
    private void rebuild(boolean tell) {
        boolean changed;
        boolean portsMissing = false;
        synchronized (this) {
            Instant now = clock.instant();
            List<LanHost> hosts = LanHosts.assemble(neighbours.values(), leases, setup, kinds, fdb, previous, now);
            LanSnapshot next = new LanSnapshot(setup.dhcpServerEnable(), setup.pools(), leases, hosts);
            changed = !next.equals(snapshot);
            snapshot = next;
            Map<String, LanHost> byMac = new HashMap<>();
            for (LanHost h : hosts) {
                byMac.put(h.physAddress(), h);
                portsMissing |= h.active() && h.port().isEmpty() && !kinds.bridges().isEmpty();
            }
            previous = byMac;
            if (portsMissing && Duration.between(fdbReadAt, now).compareTo(FDB_INTERVAL) >= 0) {
                fdbReadAt = now;
            } else {
                portsMissing = false;
            }
        }
        if (portsMissing && following) {
            pool.execute(() -> safely(() -> readFdb(true)));
        }
        if (changed && tell) {
            for (Runnable w : watchers) {
                try {
                    w.run();
                } catch (RuntimeException e) {
                    LOG.error("a watcher of the LAN failed", e);
                }
            }
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("refreshing the LAN failed", e);
        }
    }

    @Override
    public synchronized void close() {
        following = false;
        if (monitor != null) {
            monitor.close();
        }
        tasks.forEach(t -> t.cancel(false));
        tasks.clear();
    }
}

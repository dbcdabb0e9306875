package dev.demarc.hal.linux.wifi;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.LineMonitor;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSetting;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiStation;
import dev.demarc.tr181.platform.WiFiUndo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Wi-Fi of a generic Linux device ({@link dev.demarc.tr181.platform.WiFiPlatform}), read
 * with {@code iw}: {@code iw dev} (interfaces: each one of type AP or managed is an SSID, each
 * AP also an access point), {@code iw phy} (bands and channels, read once), {@code iw dev X
 * station dump} (stations), {@code iw dev X survey dump} (noise), {@code iw dev X link} (the
 * BSSID of a managed interface), and sysfs (state, counters, rfkill). Radios are keyed by phy
 * ({@code phy0}), SSIDs and access points by netdev ({@code wlan0}).
 *
 * <p>Nothing is writable: on a generic Linux box the access point's configuration belongs to
 * hostapd (or NetworkManager), whose files are not Demarc's, so every Wi-Fi parameter is
 * read-only in the model served here. Not known here, so read as errors: an access point's
 * security mode and SSID advertisement; auto channel is reported as not supported.
 *
 * <p>Without {@code /sys/class/ieee80211} entries (no Wi-Fi, as on this project's build
 * machine) the tables are empty and no command runs. Stations joining and leaving are followed
 * with {@code iw event} where {@code iw} is installed.
 */
public final class LinuxWiFi extends RefreshingWiFi {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxWiFi.class);
    /** Where the phys are. */
    static final String PHYS = "/sys/class/ieee80211";
    /** Where {@code iw} may be: events are followed only where it is. */
    static final List<String> IW_PATHS = List.of("/usr/sbin/iw", "/sbin/iw", "/usr/bin/iw", "/bin/iw");

    private final SystemFiles files;
    private final CommandRunner commands;
    private final boolean followEvents;
    private final Map<String, List<IwOutput.Channel>> channelCache = new ConcurrentHashMap<>();
    private final Object monitorLock = new Object();
    private LineMonitor events;

    public LinuxWiFi(SystemFiles files, CommandRunner commands, ScheduledExecutorService threads, Timing timing,
                     boolean followEvents) {
        super("Linux", threads, timing, System::nanoTime);
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.followEvents = followEvents;
    }

    @Override
    public Set<WiFiSetting.Kind> writable() {
        return Set.of();
    }

    @Override
    public Result<WiFiUndo> apply(WiFiSetting setting) {
        return Result.err(ErrorCode.PARAMETER_ACTION_FAILED,
                "on generic Linux the Wi-Fi configuration is hostapd's, not Demarc's");
    }

    @Override
    protected WiFiState read() {
        List<String> phys = files.list(PHYS);
        if (phys.isEmpty()) {
            return WiFiState.EMPTY;
        }
        Result<String> dev = run(List.of("iw", "dev"));
        if (!dev.isOk()) {
            LOG.debug("iw dev: {}", dev.error().message());
        }
        List<IwOutput.Interface> ifaces = dev.isOk() ? IwOutput.interfaces(dev.value()) : List.of();
        if (phys.stream().anyMatch(p -> !channelCache.containsKey(p))) {
            Result<String> phy = run(List.of("iw", "phy"));
            if (phy.isOk()) {
                channelCache.putAll(IwOutput.channels(phy.value()));
            }
        }
        List<WiFiRadio> radios = new ArrayList<>();
        List<WiFiSsid> ssids = new ArrayList<>();
        List<WiFiAccessPoint> aps = new ArrayList<>();
        for (String phy : phys) {
            if (radios.size() >= WiFiState.MAX_RADIOS || phy.length() > WiFiRadio.MAX_NAME) {
                break;
            }
            List<IwOutput.Interface> mine = ifaces.stream().filter(i -> i.phy().equals(phy)).toList();
            radios.add(radio(phy, mine));
            for (IwOutput.Interface i : mine) {
                boolean ap = i.type().equals("AP");
                if (!(ap || i.type().equals("managed")) || ssids.size() >= WiFiState.MAX_SSIDS) {
                    continue;
                }
                Optional<Netdevs.Netdev> netdev = Netdevs.read(files, i.name());
                boolean up = netdev.map(Netdevs.Netdev::adminUp).orElse(false);
                String status = netdev.map(n -> Netdevs.status(n.operstate())).orElse("NotPresent");
                String bssid = ap ? i.macAddress() : up ? linkedBssid(i.name()) : "";
                ssids.add(new WiFiSsid(i.name(), phy, up, status, i.ssid().length() <= WiFiSsid.MAX_SSID ? i.ssid() : "",
                        bssid, i.macAddress(), netdev.flatMap(Netdevs.Netdev::stats)));
                if (ap) {
                    List<WiFiStation> stations = List.of();
                    if (status.equals("Up")) {
                        Result<String> dump = run(List.of("iw", "dev", i.name(), "station", "dump"));
                        stations = dump.isOk() ? IwOutput.stations(dump.value()) : List.of();
                    }
                    aps.add(new WiFiAccessPoint(i.name(), up, status.equals("Up") ? "Enabled" : "Disabled",
                            Optional.empty(), Optional.empty(), List.of(),
                            stations.size() > WiFiAccessPoint.MAX_STATIONS
                                    ? stations.subList(0, WiFiAccessPoint.MAX_STATIONS) : stations));
                }
            }
        }
        return new WiFiState(radios, ssids, aps);
    }

    private WiFiRadio radio(String phy, List<IwOutput.Interface> ifaces) {
        List<IwOutput.Channel> channels = channelCache.getOrDefault(phy, List.of());
        TreeSet<Integer> possible = new TreeSet<>();
        List<String> bands = new ArrayList<>();
        for (IwOutput.Channel c : channels) {
            if (!c.disabled()) {
                possible.add(c.channel());
                Frequencies.band(c.mhz()).filter(b -> !bands.contains(b)).ifPresent(bands::add);
            }
        }
        bands.sort(java.util.Comparator.comparingInt(WiFiRadio.BANDS::indexOf));
        Optional<IwOutput.Interface> tuned = ifaces.stream().filter(i -> i.channel().isPresent()).findFirst();
        boolean up = ifaces.stream().anyMatch(i -> Netdevs.read(files, i.name())
                .map(n -> n.operstate().equals("up")).orElse(false));
        OptionalInt channel = tuned.map(IwOutput.Interface::channel).orElse(OptionalInt.empty());
        Optional<String> band = tuned.flatMap(i -> Frequencies.band(i.frequency().getAsInt()));
        String width = tuned.map(IwOutput.Interface::width).orElse("");
        String bandwidth = width.equals("80+80") ? "80+80MHz"
                : width.matches("\\d+") ? Frequencies.bandwidth(Integer.parseInt(width)).orElse("Auto") : "Auto";
        OptionalInt power = OptionalInt.empty();
        if (tuned.isPresent() && tuned.get().txpowerDbm().isPresent()) {
            int ch = channel.getAsInt();
            OptionalDouble max = channels.stream().filter(c -> c.channel() == ch && c.maxDbm().isPresent())
                    .mapToDouble(c -> c.maxDbm().getAsDouble()).max();
            if (max.isPresent()) {
                power = OptionalInt.of(Frequencies.percentOfMax((int) Math.round(tuned.get().txpowerDbm().getAsDouble()),
                        (int) Math.round(max.getAsDouble())));
            }
        }
        OptionalInt noise = OptionalInt.empty();
        Optional<IwOutput.Interface> running = ifaces.stream().filter(i -> Netdevs.read(files, i.name())
                .map(n -> n.operstate().equals("up")).orElse(false)).findFirst();
        if (running.isPresent()) {
            Result<String> survey = run(List.of("iw", "dev", running.get().name(), "survey", "dump"));
            noise = survey.isOk() ? IwOutput.noiseInUse(survey.value()) : OptionalInt.empty();
        }
        return new WiFiRadio(phy, !rfkillBlocked(phy), up ? "Up" : "Down", bands, band, channel,
                List.copyOf(possible), false, false, bandwidth, power, noise);
    }

    private String linkedBssid(String ifname) {
        Result<String> link = run(List.of("iw", "dev", ifname, "link"));
        return link.isOk() ? IwOutput.linkedBssid(link.value()) : "";
    }

    /** Whether an rfkill switch of the phy is blocked (soft or hard). */
    private boolean rfkillBlocked(String phy) {
        for (String entry : files.list(PHYS + "/" + phy)) {
            if (entry.startsWith("rfkill")) {
                String dir = PHYS + "/" + phy + "/" + entry + "/";
                if (files.readLine(dir + "soft").orElse("0").equals("1")
                        || files.readLine(dir + "hard").orElse("0").equals("1")) {
                    return true;
                }
            }
        }
        return false;
    }

    private Result<String> run(List<String> argv) {
        try {
            return commands.run(argv);
        } catch (RuntimeException e) {
            return Result.err(ErrorCode.INTERNAL_ERROR, argv.get(0) + ": " + e);
        }
    }

    /** {@code iw dev X scan} on one running interface per radio ({@code ap-force} on an AP); needs root. */
    @Override
    protected Result<List<WiFiNeighbor>> scan(WiFiState state) {
        List<WiFiNeighbor> heard = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (WiFiRadio r : state.radios()) {
            Optional<WiFiSsid> iface = state.ssids().stream()
                    .filter(s -> s.radio().equals(r.name()) && s.status().equals("Up")).findFirst();
            if (iface.isEmpty()) {
                continue;
            }
            List<String> argv = new ArrayList<>(List.of("iw", "dev", iface.get().name(), "scan"));
            if (state.accessPoint(iface.get().name()).isPresent()) {
                argv.add("ap-force");
            }
            Result<String> out = run(argv);
            if (out.isOk()) {
                IwOutput.scan(out.value(), r.name()).stream().limit(WiFiNeighbor.MAX_RESULTS - heard.size())
                        .forEach(heard::add);
            } else {
                failures.add(r.name() + ": " + out.error().message());
            }
        }
        if (heard.isEmpty() && !failures.isEmpty()) {
            return Result.err(ErrorCode.COMMAND_FAILURE, String.join("; ", failures));
        }
        failures.forEach(f -> LOG.warn("Wi-Fi scan: {}", f));
        return Result.ok(heard);
    }

    @Override
    protected void startEvents() {
        if (!followEvents || files.list(PHYS).isEmpty() || IW_PATHS.stream().noneMatch(files::exists)) {
            LOG.debug("no Wi-Fi or no iw here: Wi-Fi events are not followed");
            return;
        }
        synchronized (monitorLock) {
            events = LineMonitor.start(List.of("iw", "event"), this::event, this::requestRefresh);
        }
    }

    /** A line of {@code iw event}: a station came or went, an interface connected or changed channel. */
    void event(String line) {
        if (line.contains("station") || line.contains("connected") || line.contains("ch_switch")
                || line.contains("interface")) {
            requestRefresh();
        }
    }

    @Override
    protected void stopEvents() {
        synchronized (monitorLock) {
            if (events != null) {
                events.close();
                events = null;
            }
        }
    }

    @Override
    public String toString() {
        return "LinuxWiFi[" + files.root() + "]";
    }
}

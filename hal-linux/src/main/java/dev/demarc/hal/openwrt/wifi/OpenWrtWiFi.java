package dev.demarc.hal.openwrt.wifi;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.core.text.JsonWriter;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.LineMonitor;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.wifi.Frequencies;
import dev.demarc.hal.linux.wifi.Netdevs;
import dev.demarc.hal.linux.wifi.RefreshingWiFi;
import dev.demarc.hal.openwrt.wifi.OpenWrtWiFiState.Readings;
import dev.demarc.hal.openwrt.wifi.UbusWiFi.Freq;
import dev.demarc.hal.openwrt.wifi.UbusWiFi.Info;
import dev.demarc.hal.openwrt.wifi.UbusWiFi.RadioStatus;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSetting;
import dev.demarc.tr181.platform.WiFiSetting.Kind;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiStation;
import dev.demarc.tr181.platform.WiFiUndo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenWrt's Wi-Fi ({@link dev.demarc.tr181.platform.WiFiPlatform}): read from
 * {@code /etc/config/wireless} (parsed directly), {@code ubus call network.wireless status},
 * {@code ubus call iwinfo info|freqlist|txpowerlist|assoclist|scan} (falling back to
 * {@code ubus call hostapd.<ifname> get_clients} for the stations) and sysfs; mapped by
 * {@link OpenWrtWiFiState}. Radios are keyed by their {@code wifi-device} section
 * ({@code radio0}), SSIDs and access points by their netdev ({@code phy0-ap0}).
 *
 * <p>Writes: {@code uci set} (or {@code uci delete}) of one option and {@code uci commit
 * wireless}, run at once on the caller's thread (short commands), then one {@code wifi reload}
 * on the platform's threads shortly after (writes made together share it). The undo of a write
 * puts the option's previous uci value back the same way. The passphrase never appears on a
 * command line, in a message or a log: it is written with {@code uci -f FILE batch} from a
 * file only the agent can read, deleted at once. Not writable here:
 * {@code OperatingFrequencyBand} (the band is the hardware's).
 *
 * <p>Pushes: {@code ubus listen} (hostapd objects appearing and going: a reload, an interface
 * up or down) and {@code ubus subscribe hostapd.<ifname>...} (stations associating and leaving)
 * are followed while the platform runs, each event making one refresh; the follower of the
 * hostapd objects follows the access points there are.
 */
public final class OpenWrtWiFi extends RefreshingWiFi {

    private static final Logger LOG = LoggerFactory.getLogger(OpenWrtWiFi.class);

    /** The uci configuration of the Wi-Fi. */
    public static final String WIRELESS = "/etc/config/wireless";
    /** Where {@code ubus} is on OpenWrt: events are followed only where it is. */
    static final List<String> UBUS_PATHS = List.of("/bin/ubus", "/usr/bin/ubus", "/sbin/ubus");
    /** The settings applied through uci. */
    public static final Set<Kind> WRITABLE = Collections.unmodifiableSet(EnumSet.of(Kind.RADIO_ENABLE, Kind.CHANNEL,
            Kind.AUTO_CHANNEL, Kind.OPERATING_CHANNEL_BANDWIDTH, Kind.TRANSMIT_POWER, Kind.SSID_ENABLE, Kind.SSID,
            Kind.ACCESS_POINT_ENABLE, Kind.SSID_ADVERTISEMENT, Kind.SECURITY_MODE, Kind.KEY_PASSPHRASE));
    /** The hostapd notifications that mean a station came or went. */
    static final Set<String> STATION_EVENTS = Set.of("assoc", "reassoc", "disassoc", "deauth", "sta-authorized",
            "sta-deauthorized");

    /**
     * How this part runs.
     *
     * @param timing       how fresh the snapshot is kept
     * @param reloadDelay  how long after a write {@code wifi reload} runs (writes meanwhile share it)
     * @param scratch      a directory only the agent can read, for the passphrase's batch file
     *                     ({@code /tmp}, a RAM file system on OpenWrt)
     * @param followEvents whether to follow {@code ubus listen} and {@code ubus subscribe}
     */
    public record Options(Timing timing, Duration reloadDelay, Path scratch, boolean followEvents) {
        public Options {
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(reloadDelay, "reloadDelay");
            Objects.requireNonNull(scratch, "scratch");
        }

        /** The device's: default timing, reload after 1 s, {@code /tmp} under {@code files}' root, events followed. */
        public static Options defaults(SystemFiles files) {
            return new Options(Timing.DEFAULT, Duration.ofSeconds(1), files.resolve("/tmp"), true);
        }
    }

    private final SystemFiles files;
    private final CommandRunner commands;
    private final Options options;
    /** Guards {@link #last} between refreshes and writes. */
    private final Object readingsLock = new Object();
    private Readings last;
    /** The netdev each {@code wifi-iface} section had when last seen, so a disabled interface keeps its key. */
    private final Map<String, String> remembered = new ConcurrentHashMap<>();
    private final Map<String, List<Freq>> freqCache = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> txpowerCache = new ConcurrentHashMap<>();
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private final Object monitors = new Object();
    private LineMonitor objectEvents;
    private LineMonitor stationEvents;
    private List<String> followedAccessPoints = List.of();

    public OpenWrtWiFi(SystemFiles files, CommandRunner commands, ScheduledExecutorService threads, Options options) {
        super("OpenWrt", threads, options.timing(), System::nanoTime);
        this.files = Objects.requireNonNull(files, "files");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.options = options;
    }

    @Override
    public Set<Kind> writable() {
        return WRITABLE;
    }

    // ------------------------------------------------------------------ reading

    @Override
    protected WiFiState read() {
        long generation = writeGeneration();
        Optional<String> text = files.read(WIRELESS);
        if (text.isEmpty()) {
            return WiFiState.EMPTY;
        }
        Result<UciConfig> parsed = UciConfig.parse(WIRELESS, text.get());
        if (!parsed.isOk()) {
            LOG.warn("the Wi-Fi configuration cannot be read: {}", parsed.error().message());
            return WiFiState.EMPTY;
        }
        UciConfig config = parsed.value();
        Result<Map<String, RadioStatus>> status = ubus("network.wireless", "status", null)
                .flatMap(UbusWiFi::wirelessStatus);
        if (!status.isOk()) {
            LOG.debug("network.wireless status: {}", status.error().message());
        }
        Map<String, RadioStatus> radios = status.isOk() ? status.value() : Map.of();
        Map<String, String> keys = OpenWrtWiFiState.interfaceKeys(config, radios, remembered);
        Map<String, Netdevs.Netdev> netdevs = new LinkedHashMap<>();
        keys.values().forEach(k -> Netdevs.read(files, k).ifPresent(n -> netdevs.put(k, n)));
        keys.forEach((section, key) -> {
            if (netdevs.containsKey(key)) {
                remembered.put(section, key);
            }
        });
        Map<String, Info> info = new LinkedHashMap<>();
        Map<String, List<Freq>> freqs = new LinkedHashMap<>();
        Map<String, List<Integer>> txpowers = new LinkedHashMap<>();
        Map<String, List<WiFiStation>> stations = new LinkedHashMap<>();
        for (UciConfig.Section d : config.sections("wifi-device")) {
            String radio = d.name();
            RadioStatus st = radios.get(radio);
            List<String> upIfaces = new ArrayList<>();
            List<String> aps = new ArrayList<>();
            for (UciConfig.Section i : config.sections("wifi-iface")) {
                String key = keys.get(i.name());
                if (!i.option("device", "").equals(radio) || key == null || !netdevs.containsKey(key)) {
                    continue;
                }
                upIfaces.add(key);
                if (i.option("mode", "ap").equals("ap") && !netdevs.get(key).operstate().equals("down")) {
                    aps.add(key);
                }
            }
            String device = upIfaces.isEmpty() ? radio : upIfaces.get(0);
            if (st != null && st.up() && !upIfaces.isEmpty()) {
                Info i = orNull(iwinfo("info", device).flatMap(UbusWiFi::info));
                if (i != null) {
                    info.put(radio, i);
                }
            }
            List<Freq> f = freqCache.computeIfAbsent(radio, r -> orNull(iwinfo("freqlist", device)
                    .flatMap(UbusWiFi::freqlist)));
            if (f != null) {
                freqs.put(radio, f);
            }
            List<Integer> t = txpowerCache.computeIfAbsent(radio, r -> orNull(iwinfo("txpowerlist", device)
                    .flatMap(UbusWiFi::txpowerlist)));
            if (t != null && t.isEmpty()) {
                txpowerCache.remove(radio);
                t = null;
            }
            if (t != null) {
                txpowers.put(radio, t);
            }
            for (String ap : aps) {
                Result<List<WiFiStation>> s = iwinfo("assoclist", ap).flatMap(UbusWiFi::assoclist);
                if (!s.isOk()) {
                    s = ubus("hostapd." + ap, "get_clients", null).flatMap(UbusWiFi::hostapdClients);
                }
                if (s.isOk()) {
                    stations.put(ap, s.value());
                } else {
                    LOG.debug("stations of {}: {}", ap, s.error().message());
                }
            }
        }
        Readings readings = new Readings(config, radios, status.isOk(), info, freqs, txpowers, stations, netdevs, keys);
        synchronized (readingsLock) {
            if (writeGeneration() == generation) {
                last = readings;
            }
        }
        return OpenWrtWiFiState.build(readings);
    }

    private static <T> T orNull(Result<T> r) {
        return r.isOk() ? r.value() : null;
    }

    private Result<String> iwinfo(String method, String device) {
        return ubus("iwinfo", method, device);
    }

    /** {@code ubus call <object> <method> [{"device": device}]}. */
    private Result<String> ubus(String object, String method, String device) {
        List<String> argv = new ArrayList<>(List.of("ubus", "call", object, method));
        if (device != null) {
            argv.add(new JsonWriter().beginObject().name("device").value(device).endObject().toJson());
        }
        return run(argv);
    }

    private Result<String> run(List<String> argv) {
        try {
            return commands.run(argv);
        } catch (RuntimeException e) {
            return Result.err(ErrorCode.INTERNAL_ERROR, argv.get(0) + ": " + e);
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    public Result<WiFiUndo> apply(WiFiSetting setting) {
        Objects.requireNonNull(setting, "setting");
        if (!WRITABLE.contains(setting.kind())) {
            return Result.err(ErrorCode.PARAMETER_ACTION_FAILED,
                    "OpenWrt's band is the radio's own; Demarc does not change it");
        }
        synchronized (readingsLock) {
            if (last == null) {
                return Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "the Wi-Fi configuration has not been read yet");
            }
            return applyTo(setting, OpenWrtWiFiState.build(last));
        }
    }

    /** The write {@code setting} stands for, on the configuration last read; with {@link #readingsLock} held. */
    private Result<WiFiUndo> applyTo(WiFiSetting setting, WiFiState now) {
        if (setting instanceof WiFiSetting.RadioEnable s) {
            return radio(s.target()).flatMap(d -> write(d, "disabled", s.enable() ? "0" : "1"));
        }
        if (setting instanceof WiFiSetting.Channel s) {
            return radio(s.target()).flatMap(d -> {
                WiFiRadio r = now.radio(d.name()).orElseThrow();
                if (!r.possibleChannels().isEmpty() && !r.possibleChannels().contains(s.channel())) {
                    return Result.err(ErrorCode.INVALID_VALUE, "channel " + s.channel() + " is not one of "
                            + d.name() + "'s PossibleChannels");
                }
                return write(d, "channel", Integer.toString(s.channel()));
            });
        }
        if (setting instanceof WiFiSetting.AutoChannel s) {
            return radio(s.target()).flatMap(d -> {
                if (s.enable()) {
                    return write(d, "channel", "auto");
                }
                WiFiRadio r = now.radio(d.name()).orElseThrow();
                if (r.channel().isEmpty()) {
                    return Result.err(ErrorCode.PARAMETER_ACTION_FAILED,
                            "the radio has no channel in use to keep; set Channel instead");
                }
                return write(d, "channel", Integer.toString(r.channel().getAsInt()));
            });
        }
        if (setting instanceof WiFiSetting.OperatingChannelBandwidth s) {
            return radio(s.target()).flatMap(d -> bandwidth(d, s));
        }
        if (setting instanceof WiFiSetting.TransmitPower s) {
            return radio(s.target()).flatMap(d -> {
                if (s.percent() == -1) {
                    return write(d, "txpower", null);
                }
                List<Integer> levels = last.txpowers().getOrDefault(d.name(), List.of());
                if (levels.isEmpty()) {
                    return Result.err(ErrorCode.PARAMETER_ACTION_FAILED,
                            "the radio's power levels are not known (iwinfo txpowerlist)");
                }
                return write(d, "txpower", Integer.toString(Frequencies.dbmForPercent(s.percent(), levels)));
            });
        }
        if (setting instanceof WiFiSetting.SsidEnable s) {
            return iface(s.target()).flatMap(i -> write(i, "disabled", s.enable() ? "0" : "1"));
        }
        if (setting instanceof WiFiSetting.AccessPointEnable s) {
            return accessPoint(s.target()).flatMap(i -> write(i, "disabled", s.enable() ? "0" : "1"));
        }
        if (setting instanceof WiFiSetting.Ssid s) {
            return iface(s.target()).flatMap(i -> write(i, "ssid", s.ssid()));
        }
        if (setting instanceof WiFiSetting.SsidAdvertisement s) {
            return accessPoint(s.target()).flatMap(i -> write(i, "hidden", s.enable() ? "0" : "1"));
        }
        if (setting instanceof WiFiSetting.SecurityMode s) {
            return accessPoint(s.target()).flatMap(i -> {
                WiFiAccessPoint ap = now.accessPoint(s.target()).orElseThrow();
                String encryption = OpenWrtWiFiState.ENCRYPTION_OF_MODE.get(s.mode());
                if (encryption == null || !ap.modesSupported().contains(s.mode())) {
                    return Result.err(ErrorCode.INVALID_VALUE, s.mode() + " is not one of the modes Demarc sets: "
                            + String.join(", ", OpenWrtWiFiState.modesSupported(Optional.empty())));
                }
                return write(i, "encryption", encryption);
            });
        }
        if (setting instanceof WiFiSetting.KeyPassphrase s) {
            return accessPoint(s.target()).flatMap(i -> writeSecret(i, "key", s.passphrase().reveal()));
        }
        return Result.err(ErrorCode.PARAMETER_ACTION_FAILED, "OpenWrt's band is the radio's own");
    }

    private Result<WiFiUndo> bandwidth(UciConfig.Section d, WiFiSetting.OperatingChannelBandwidth s) {
        Info info = last.info().get(d.name());
        String current = d.option("htmode").orElse(info == null ? "" : info.htmode());
        Optional<String> family = OpenWrtWiFiState.htmodeFamily(current);
        String width = s.bandwidth().replace("MHz", "");
        if (s.bandwidth().equals("Auto") || s.bandwidth().equals("80+80MHz") || s.bandwidth().startsWith("320")) {
            return Result.err(ErrorCode.INVALID_VALUE, s.bandwidth() + " is not a width Demarc sets on OpenWrt");
        }
        if (family.isEmpty()) {
            return Result.err(ErrorCode.PARAMETER_ACTION_FAILED, "the radio's 802.11 mode (htmode) is not known");
        }
        String htmode = family.get() + width;
        if (family.get().equals("HT") && !(width.equals("20") || width.equals("40"))) {
            return Result.err(ErrorCode.INVALID_VALUE, s.bandwidth() + " needs 802.11ac or later; the radio is 802.11n");
        }
        if (info != null && !info.htmodes().isEmpty() && !info.htmodes().contains(htmode)) {
            return Result.err(ErrorCode.INVALID_VALUE, "the radio does not support " + s.bandwidth());
        }
        return write(d, "htmode", htmode);
    }

    private Result<UciConfig.Section> radio(String name) {
        return last.config().section(name).filter(s -> s.type().equals("wifi-device"))
                .<Result<UciConfig.Section>>map(Result::ok)
                .orElseGet(() -> Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "no radio " + name));
    }

    /** The {@code wifi-iface} section of the SSID keyed {@code key}. */
    private Result<UciConfig.Section> iface(String key) {
        for (Map.Entry<String, String> e : last.keys().entrySet()) {
            if (e.getValue().equals(key)) {
                Optional<UciConfig.Section> s = last.config().section(e.getKey());
                if (s.isPresent()) {
                    return Result.ok(s.get());
                }
            }
        }
        return Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "no SSID " + key);
    }

    private Result<UciConfig.Section> accessPoint(String key) {
        return iface(key).flatMap(s -> s.option("mode", "ap").equals("ap") ? Result.ok(s)
                : Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "no access point " + key));
    }

    /** Sets (or deletes, for null) one option; answers how to put the previous value back. */
    private Result<WiFiUndo> write(UciConfig.Section section, String option, String value) {
        String before = section.option(option).orElse(null);
        if (Objects.equals(before, value)) {
            return Result.ok(WiFiUndo.NOTHING);
        }
        Optional<DmError> failed = uci(section.name(), option, value);
        if (failed.isPresent()) {
            return Result.err(failed.get());
        }
        written(section.name(), option, value);
        return Result.ok(() -> {
            synchronized (readingsLock) {
                Optional<DmError> undone = uci(section.name(), option, before);
                if (undone.isEmpty()) {
                    written(section.name(), option, before);
                }
                return undone;
            }
        });
    }

    /** {@link #write} for a secret: the value goes through a batch file, never a command line. */
    private Result<WiFiUndo> writeSecret(UciConfig.Section section, String option, String value) {
        String before = section.option(option).orElse(null);
        Optional<DmError> failed = uciSecret(section.name(), option, value);
        if (failed.isPresent()) {
            return Result.err(failed.get());
        }
        written(section.name(), option, value);
        return Result.ok(() -> {
            synchronized (readingsLock) {
                Optional<DmError> undone = before == null ? uci(section.name(), option, null)
                        : uciSecret(section.name(), option, before);
                if (undone.isEmpty()) {
                    written(section.name(), option, before);
                }
                return undone;
            }
        });
    }

    /** {@code uci set|delete wireless.<section>.<option>[=<value>]} and {@code uci commit wireless}. */
    private Optional<DmError> uci(String section, String option, String value) {
        String target = "wireless." + section + "." + option;
        Result<String> changed = run(value == null ? List.of("uci", "delete", target)
                : List.of("uci", "set", target + "=" + value));
        if (!changed.isOk()) {
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED,
                    "uci could not change " + target + ": " + changed.error().message()));
        }
        return commit(target);
    }

    private Optional<DmError> uciSecret(String section, String option, String value) {
        String target = "wireless." + section + "." + option;
        Optional<DmError> failed = UciSecret.set(commands, options.scratch(), target, value);
        return failed.isPresent() ? failed : commit(target);
    }

    private Optional<DmError> commit(String target) {
        Result<String> committed = run(List.of("uci", "commit", "wireless"));
        if (!committed.isOk()) {
            run(List.of("uci", "revert", "wireless"));
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED,
                    "uci could not commit " + target + ": " + committed.error().message()));
        }
        return Optional.empty();
    }

    /** After a committed write: the snapshot shows it at once, and a reload follows. */
    private void written(String section, String option, String value) {
        last = last.withConfig(last.config().with(section, option, value));
        publish(OpenWrtWiFiState.build(last));
        scheduleReload();
    }

    private void scheduleReload() {
        if (!reloadPending.compareAndSet(false, true)) {
            return;
        }
        try {
            threads.schedule(() -> {
                reloadPending.set(false);
                Result<String> reloaded = run(List.of("wifi", "reload"));
                if (!reloaded.isOk()) {
                    LOG.warn("wifi reload failed: {}", reloaded.error().message());
                }
                requestRefresh();
            }, options.reloadDelay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            reloadPending.set(false);
            LOG.warn("the platform stopped before wifi reload; the change is committed and applies at the next reload");
        }
    }

    // ------------------------------------------------------------------ scanning

    @Override
    protected Result<List<WiFiNeighbor>> scan(WiFiState state) {
        List<WiFiNeighbor> heard = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (WiFiRadio r : state.radios()) {
            if (!r.enabled()) {
                continue;
            }
            String device = state.ssids().stream().filter(s -> s.radio().equals(r.name()) && s.status().equals("Up"))
                    .map(WiFiSsid::name).findFirst().orElse(r.name());
            Result<List<WiFiNeighbor>> one = iwinfo("scan", device).flatMap(t -> UbusWiFi.scan(t, r.name()));
            if (one.isOk()) {
                one.value().stream().limit(WiFiNeighbor.MAX_RESULTS - heard.size()).forEach(heard::add);
            } else {
                failures.add(r.name() + ": " + one.error().message());
            }
        }
        if (heard.isEmpty() && !failures.isEmpty()) {
            return Result.err(ErrorCode.COMMAND_FAILURE, String.join("; ", failures));
        }
        failures.forEach(f -> LOG.warn("Wi-Fi scan: {}", f));
        return Result.ok(heard);
    }

    // ------------------------------------------------------------------ events

    @Override
    protected void startEvents() {
        if (!options.followEvents() || UBUS_PATHS.stream().noneMatch(files::exists)) {
            LOG.debug("no ubus here: Wi-Fi events are not followed");
            return;
        }
        synchronized (monitors) {
            objectEvents = LineMonitor.start(List.of("ubus", "listen"), this::objectEvent, this::requestRefresh);
        }
        watch(this::followAccessPoints);
    }

    /** A line of {@code ubus listen}: hostapd objects or the wireless state changed. Monitor thread. */
    void objectEvent(String line) {
        if (line.contains("hostapd.") || line.contains("wireless")) {
            requestRefresh();
        }
    }

    /** A line of {@code ubus subscribe hostapd.*}: a station associated or left. Monitor thread. */
    void stationEvent(String line) {
        Result<JsonValue.Obj> event = JsonReader.parseObject("hostapd event", line);
        if (event.isOk() && event.value().members().keySet().stream().anyMatch(STATION_EVENTS::contains)) {
            requestRefresh();
        }
    }

    /** Follows the hostapd objects of the access points there are now. Platform threads. */
    private void followAccessPoints() {
        List<String> aps = new ArrayList<>(new TreeSet<>(current().accessPoints().stream()
                .filter(a -> a.status().equals("Enabled")).map(WiFiAccessPoint::ssid).toList()));
        synchronized (monitors) {
            if (objectEvents == null || aps.equals(followedAccessPoints)) {
                return;
            }
            if (stationEvents != null) {
                stationEvents.close();
                stationEvents = null;
            }
            followedAccessPoints = aps;
            if (!aps.isEmpty()) {
                List<String> argv = new ArrayList<>(List.of("ubus", "subscribe"));
                aps.forEach(a -> argv.add("hostapd." + a));
                stationEvents = LineMonitor.start(argv, this::stationEvent, this::requestRefresh);
            }
        }
    }

    @Override
    protected void stopEvents() {
        synchronized (monitors) {
            if (objectEvents != null) {
                objectEvents.close();
                objectEvents = null;
            }
            if (stationEvents != null) {
                stationEvents.close();
                stationEvents = null;
            }
        }
    }

    @Override
    public String toString() {
        return "OpenWrtWiFi[" + files.root() + "]";
    }
}

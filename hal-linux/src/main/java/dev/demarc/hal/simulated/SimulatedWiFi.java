package dev.demarc.hal.simulated;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiPassphrase;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSetting;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiStation;
import dev.demarc.tr181.platform.WiFiUndo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Wi-Fi of a simulated device: the {@code "wifi"} area of its file (radios, SSIDs, access
 * points with stations, and what a scan hears; shape in {@code simulated/README.md}). A timeline
 * step that replaces the area is pushed to the watchers (a station joining is an ObjectCreation).
 * Every setting is writable: an accepted write replaces the area, so it reads back and its
 * watchers hear of it; a passphrase is kept in memory only, never in the area, and never given
 * back (tests ask {@link #passphraseIs}). Thread-safe; watchers are called on the thread of the
 * timeline or of the writer.
 */
public final class SimulatedWiFi implements WiFiPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedWiFi.class);
    /** The area of the simulated file. */
    public static final String AREA = "wifi";
    /** The modes an access point offers when the file does not say. */
    static final List<String> DEFAULT_MODES = List.of("None", "WPA2-Personal", "WPA3-Personal",
            "WPA-WPA2-Personal", "WPA3-Personal-Transition");

    /** The area read: the snapshot and what a scan hears. */
    record Parsed(WiFiState state, List<WiFiNeighbor> neighbors) {
        static final Parsed EMPTY = new Parsed(WiFiState.EMPTY, List.of());
    }

    private final SimulatedDevice device;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final Map<String, WiFiPassphrase> passphrases = new ConcurrentHashMap<>();
    private volatile Parsed current;

    /** The Wi-Fi of {@code device}; an area that cannot be read is no Wi-Fi (and logged). */
    public SimulatedWiFi(SimulatedDevice device) {
        this.device = Objects.requireNonNull(device, "device");
        Result<Parsed> parsed = parse(device.area(AREA));
        if (!parsed.isOk()) {
            LOG.error("{}: {}", device.source(), parsed.error().message());
        }
        this.current = parsed.isOk() ? parsed.value() : Parsed.EMPTY;
        device.watch(AREA, this::areaChanged);
    }

    /** Checks the area and every timeline step's: the first that cannot be read, with where it is. */
    public static Optional<DmError> check(SimulatedDevice device) {
        Result<Parsed> now = parse(device.area(AREA));
        if (!now.isOk()) {
            return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, device.source() + ": " + now.error().message()));
        }
        int n = 0;
        for (SimulatedDevice.Step step : device.timeline()) {
            n++;
            JsonValue area = step.set().get(AREA);
            if (area != null) {
                Result<Parsed> later = parse(area);
                if (!later.isOk()) {
                    return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, device.source() + ": timeline step " + n
                            + ": " + later.error().message()));
                }
            }
        }
        return Optional.empty();
    }

    private void areaChanged() {
        Result<Parsed> parsed = parse(device.area(AREA));
        if (!parsed.isOk()) {
            LOG.error("{}: the new wifi area is ignored: {}", device.source(), parsed.error().message());
            return;
        }
        current = parsed.value();
        for (Runnable w : watchers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.error("a watcher of the simulated Wi-Fi failed", e);
            }
        }
    }

    @Override
    public WiFiState state() {
        return current.state();
    }

    @Override
    public void watch(Runnable listener) {
        watchers.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Set<WiFiSetting.Kind> writable() {
        return EnumSet.allOf(WiFiSetting.Kind.class);
    }

    /** Whether the passphrase last written to access point {@code ssid} is {@code candidate}. */
    public boolean passphraseIs(String ssid, String candidate) {
        WiFiPassphrase p = passphrases.get(ssid);
        return p != null && p.matches(candidate);
    }

    @Override
    public synchronized Result<WiFiUndo> apply(WiFiSetting setting) {
        Objects.requireNonNull(setting, "setting");
        WiFiState s = current.state();
        JsonValue before = device.area(AREA);
        JsonValue.Obj area = before instanceof JsonValue.Obj o ? o : new JsonValue.Obj(Map.of());
        String t = setting.target();
        Result<JsonValue.Obj> after;
        if (setting instanceof WiFiSetting.KeyPassphrase k) {
            if (s.accessPoint(t).isEmpty()) {
                return Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "no access point " + t);
            }
            WiFiPassphrase previous = passphrases.put(t, k.passphrase());
            return Result.ok(() -> {
                if (previous == null) {
                    passphrases.remove(t);
                } else {
                    passphrases.put(t, previous);
                }
                return Optional.empty();
            });
        } else if (setting instanceof WiFiSetting.RadioEnable r) {
            after = radio(s, area, t, "enable", new JsonValue.Bool(r.enable()));
        } else if (setting instanceof WiFiSetting.Channel c) {
            Optional<WiFiRadio> radio = s.radio(t);
            if (radio.isPresent() && !radio.get().possibleChannels().isEmpty()
                    && !radio.get().possibleChannels().contains(c.channel())) {
                return Result.err(ErrorCode.INVALID_VALUE, "channel " + c.channel() + " is not one of " + t
                        + "'s PossibleChannels");
            }
            after = radio(s, area, t, "channel", number(c.channel()))
                    .flatMap(a -> radio(s, a, t, "autoChannel", new JsonValue.Bool(false)));
        } else if (setting instanceof WiFiSetting.AutoChannel a) {
            if (a.enable() && s.radio(t).isPresent() && !s.radio(t).get().autoChannelSupported()) {
                return Result.err(ErrorCode.INVALID_VALUE, t + " has no automatic channel choice");
            }
            after = radio(s, area, t, "autoChannel", new JsonValue.Bool(a.enable()));
        } else if (setting instanceof WiFiSetting.OperatingFrequencyBand b) {
            if (s.radio(t).isPresent() && !s.radio(t).get().supportedBands().contains(b.band())) {
                return Result.err(ErrorCode.INVALID_VALUE, b.band() + " is not one of " + t + "'s SupportedFrequencyBands");
            }
            after = radio(s, area, t, "band", new JsonValue.Str(b.band()));
        } else if (setting instanceof WiFiSetting.OperatingChannelBandwidth b) {
            after = radio(s, area, t, "bandwidth", new JsonValue.Str(b.bandwidth()));
        } else if (setting instanceof WiFiSetting.TransmitPower p) {
            after = radio(s, area, t, "transmitPower", number(p.percent()));
        } else if (setting instanceof WiFiSetting.SsidEnable e) {
            after = ssid(s, area, t, "enable", new JsonValue.Bool(e.enable()));
        } else if (setting instanceof WiFiSetting.Ssid n) {
            after = ssid(s, area, t, "ssid", new JsonValue.Str(n.ssid()));
        } else if (setting instanceof WiFiSetting.AccessPointEnable e) {
            after = accessPoint(s, area, t, "enable", new JsonValue.Bool(e.enable()));
        } else if (setting instanceof WiFiSetting.SsidAdvertisement a) {
            after = accessPoint(s, area, t, "advertised", new JsonValue.Bool(a.enable()));
        } else if (setting instanceof WiFiSetting.SecurityMode m) {
            if (s.accessPoint(t).isPresent() && !s.accessPoint(t).get().modesSupported().contains(m.mode())) {
                return Result.err(ErrorCode.INVALID_VALUE, m.mode() + " is not one of " + t + "'s ModesSupported");
            }
            after = accessPoint(s, area, t, "security", new JsonValue.Str(m.mode()));
        } else {
            return Result.err(ErrorCode.PARAMETER_ACTION_FAILED, "not a simulated setting");
        }
        if (!after.isOk()) {
            return Result.err(after.error());
        }
        Result<Parsed> check = parse(after.value());
        if (!check.isOk()) {
            return Result.err(ErrorCode.INVALID_VALUE, check.error().message());
        }
        device.replace(AREA, after.value());
        return Result.ok(() -> {
            device.replace(AREA, before);
            return Optional.empty();
        });
    }

    private static Result<JsonValue.Obj> radio(WiFiState s, JsonValue.Obj area, String name, String member,
                                               JsonValue value) {
        if (s.radio(name).isEmpty()) {
            return Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "no radio " + name);
        }
        return Result.ok(withItemMember(area, "radios", "name", name, member, value));
    }

    private static Result<JsonValue.Obj> ssid(WiFiState s, JsonValue.Obj area, String name, String member,
                                              JsonValue value) {
        if (s.ssid(name).isEmpty()) {
            return Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "no SSID " + name);
        }
        return Result.ok(withItemMember(area, "ssids", "name", name, member, value));
    }

    private static Result<JsonValue.Obj> accessPoint(WiFiState s, JsonValue.Obj area, String name, String member,
                                                     JsonValue value) {
        if (s.accessPoint(name).isEmpty()) {
            return Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, "no access point " + name);
        }
        return Result.ok(withItemMember(area, "accessPoints", "ssid", name, member, value));
    }

    /** {@code area} with {@code member} of the item of {@code array} whose {@code keyMember} is {@code key} set. */
    private static JsonValue.Obj withItemMember(JsonValue.Obj area, String array, String keyMember, String key,
                                                String member, JsonValue value) {
        List<JsonValue> items = new ArrayList<>();
        for (JsonValue item : area.array(array).items()) {
            if (item instanceof JsonValue.Obj o && key.equals(o.string(keyMember, null))) {
                Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
                m.put(member, value);
                items.add(new JsonValue.Obj(m));
            } else {
                items.add(item);
            }
        }
        Map<String, JsonValue> a = new LinkedHashMap<>(area.members());
        a.put(array, new JsonValue.Arr(items));
        return new JsonValue.Obj(a);
    }

    private static JsonValue number(long n) {
        return new JsonValue.Num(BigDecimal.valueOf(n));
    }

    @Override
    public CompletionStage<Result<List<WiFiNeighbor>>> scanNeighbors() {
        return CompletableFuture.completedFuture(Result.ok(current.neighbors()));
    }

    @Override
    public String toString() {
        return "SimulatedWiFi[" + device.source() + "]";
    }

    // ------------------------------------------------------------------ the area's shape

    /** Reads the {@code "wifi"} area; {@code null} (absent) is no Wi-Fi. Errors say where. */
    static Result<Parsed> parse(JsonValue area) {
        if (area instanceof JsonValue.Null) {
            return Result.ok(Parsed.EMPTY);
        }
        if (!(area instanceof JsonValue.Obj a)) {
            return bad("\"wifi\" must be an object");
        }
        List<WiFiRadio> radios = new ArrayList<>();
        List<WiFiSsid> ssids = new ArrayList<>();
        List<WiFiAccessPoint> aps = new ArrayList<>();
        List<WiFiNeighbor> neighbors = new ArrayList<>();
        String where = "wifi";
        try {
            List<JsonValue.Obj> items = a.array("radios").objects();
            for (int i = 0; i < items.size(); i++) {
                where = "wifi.radios[" + i + "]";
                radios.add(radio(items.get(i)));
            }
            items = a.array("ssids").objects();
            for (int i = 0; i < items.size(); i++) {
                where = "wifi.ssids[" + i + "]";
                ssids.add(ssid(items.get(i)));
            }
            items = a.array("accessPoints").objects();
            for (int i = 0; i < items.size(); i++) {
                where = "wifi.accessPoints[" + i + "]";
                aps.add(accessPoint(items.get(i)));
            }
            items = a.array("neighbors").objects();
            for (int i = 0; i < items.size() && i < WiFiNeighbor.MAX_RESULTS; i++) {
                where = "wifi.neighbors[" + i + "]";
                neighbors.add(neighbor(items.get(i)));
            }
            where = "wifi";
            return Result.ok(new Parsed(new WiFiState(radios, ssids, aps), List.copyOf(neighbors)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return bad(where + ": " + e.getMessage());
        }
    }

    private static WiFiRadio radio(JsonValue.Obj o) {
        boolean enable = o.bool("enable").orElse(true);
        return new WiFiRadio(required(o, "name"), enable, o.string("status", enable ? "Up" : "Down"),
                o.array("supportedBands").strings(), o.string("band"), integer(o, "channel"),
                o.array("possibleChannels").items().stream().filter(JsonValue.Num.class::isInstance)
                        .map(v -> ((JsonValue.Num) v).value().intValue()).toList(),
                o.bool("autoChannelSupported").orElse(true), o.bool("autoChannel").orElse(false),
                o.string("bandwidth", "Auto"), integer(o, "transmitPower"), integer(o, "noise"));
    }

    private static WiFiSsid ssid(JsonValue.Obj o) {
        boolean enable = o.bool("enable").orElse(true);
        Optional<WiFiSsid.Stats> stats = o.object("stats").map(s -> new WiFiSsid.Stats(
                counter(s, "bytesSent"), counter(s, "bytesReceived"), counter(s, "packetsSent"),
                counter(s, "packetsReceived"), counter(s, "errorsSent"), counter(s, "errorsReceived"),
                counter(s, "discardPacketsSent"), counter(s, "discardPacketsReceived")));
        return new WiFiSsid(required(o, "name"), required(o, "radio"), enable, o.string("status", enable ? "Up" : "Down"),
                o.string("ssid", ""), o.string("bssid", ""), o.string("mac", ""), stats);
    }

    private static WiFiAccessPoint accessPoint(JsonValue.Obj o) {
        boolean enable = o.bool("enable").orElse(true);
        List<WiFiStation> stations = new ArrayList<>();
        for (JsonValue.Obj s : o.array("stations").objects()) {
            stations.add(new WiFiStation(required(s, "mac"), integer(s, "signal"), longValue(s, "downlinkKbps"),
                    longValue(s, "uplinkKbps"), s.bool("active").orElse(true)));
        }
        List<String> modes = o.get("modesSupported").isPresent() ? o.array("modesSupported").strings() : DEFAULT_MODES;
        return new WiFiAccessPoint(required(o, "ssid"), enable, o.string("status", enable ? "Enabled" : "Disabled"),
                Optional.of(o.bool("advertised").orElse(true)), Optional.of(o.string("security", "None")), modes,
                stations);
    }

    private static WiFiNeighbor neighbor(JsonValue.Obj o) {
        return new WiFiNeighbor(required(o, "radio"), o.string("ssid", ""), required(o, "bssid"), o.string("mode"),
                integer(o, "channel"), integer(o, "signal"), o.string("security"), o.string("band"),
                o.string("bandwidth"), integer(o, "noise"));
    }

    private static String required(JsonValue.Obj o, String name) {
        return o.string(name).orElseThrow(() -> new IllegalArgumentException("\"" + name + "\" is missing"));
    }

    private static OptionalInt integer(JsonValue.Obj o, String name) {
        OptionalLong v = o.number(name);
        if (v.isPresent() && (v.getAsLong() < Integer.MIN_VALUE || v.getAsLong() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("\"" + name + "\" is out of range");
        }
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    private static OptionalLong longValue(JsonValue.Obj o, String name) {
        return o.number(name);
    }

    private static long counter(JsonValue.Obj o, String name) {
        return o.number(name).orElse(0);
    }

    private static <T> Result<T> bad(String message) {
        return Result.err(ErrorCode.INVALID_VALUE, message);
    }
}

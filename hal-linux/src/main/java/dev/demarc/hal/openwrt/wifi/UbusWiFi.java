package dev.demarc.hal.openwrt.wifi;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.linux.wifi.Frequencies;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiStation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Parsers of what OpenWrt's ubus answers about Wi-Fi: {@code network.wireless status} (netifd),
 * {@code iwinfo info|freqlist|txpowerlist|assoclist|scan} (rpcd's iwinfo plugin) and
 * {@code hostapd.<ifname> get_clients}. Each takes the command's text and gives values, or an
 * error naming the command; a member missing from an entry leaves that value unknown, an entry
 * too broken to use (a station without a MAC address) is skipped. Stateless.
 */
public final class UbusWiFi {

    private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");

    private UbusWiFi() {
    }

    /** An interface of a radio in {@code network.wireless status}: its uci section and netdev (either may be empty). */
    public record InterfaceStatus(String section, String ifname) {
    }

    /** A radio in {@code network.wireless status}. */
    public record RadioStatus(String radio, boolean up, boolean disabled, List<InterfaceStatus> interfaces) {
        public RadioStatus {
            interfaces = List.copyOf(interfaces);
        }
    }

    /** What {@code iwinfo info} tells of an interface and its radio. */
    public record Info(String phy, OptionalInt channel, OptionalInt frequency, OptionalInt txpowerDbm,
                       OptionalInt noise, String htmode, List<String> htmodes, String bssid) {
        public Info {
            htmodes = List.copyOf(htmodes);
        }
    }

    /** A channel of {@code iwinfo freqlist}. */
    public record Freq(int channel, int mhz, boolean restricted) {
    }

    /** {@code network.wireless status}: the radios by name. */
    public static Result<Map<String, RadioStatus>> wirelessStatus(String text) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject("network.wireless status", text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        Map<String, RadioStatus> out = new LinkedHashMap<>();
        doc.value().members().forEach((radio, v) -> {
            if (v instanceof JsonValue.Obj r) {
                List<InterfaceStatus> ifaces = new ArrayList<>();
                for (JsonValue.Obj i : r.array("interfaces").objects()) {
                    ifaces.add(new InterfaceStatus(i.string("section", ""), i.string("ifname", "")));
                }
                out.put(radio, new RadioStatus(radio, r.bool("up").orElse(false), r.bool("disabled").orElse(false),
                        ifaces));
            }
        });
        return Result.ok(out);
    }

    /** {@code iwinfo info}. */
    public static Result<Info> info(String text) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject("iwinfo info", text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        JsonValue.Obj o = doc.value();
        return Result.ok(new Info(o.string("phy", ""), positive(o.number("channel")), positive(o.number("frequency")),
                integer(o.number("txpower")), negative(o.number("noise")), o.string("htmode", ""),
                o.array("htmodes").strings(), mac(o.string("bssid", ""))));
    }

    /** {@code iwinfo freqlist}: the channels the radio has. */
    public static Result<List<Freq>> freqlist(String text) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject("iwinfo freqlist", text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        List<Freq> out = new ArrayList<>();
        for (JsonValue.Obj f : doc.value().array("results").objects()) {
            OptionalInt channel = positive(f.number("channel"));
            OptionalInt mhz = positive(f.number("mhz"));
            if (channel.isPresent() && mhz.isPresent() && channel.getAsInt() <= 255) {
                out.add(new Freq(channel.getAsInt(), mhz.getAsInt(), f.bool("restricted").orElse(false)));
            }
        }
        return Result.ok(out);
    }

    /** {@code iwinfo txpowerlist}: the power levels the radio offers, dBm. */
    public static Result<List<Integer>> txpowerlist(String text) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject("iwinfo txpowerlist", text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        List<Integer> out = new ArrayList<>();
        for (JsonValue.Obj l : doc.value().array("results").objects()) {
            OptionalInt dbm = integer(l.number("dbm"));
            if (dbm.isPresent()) {
                out.add(dbm.getAsInt());
            }
        }
        return Result.ok(out);
    }

    /** {@code iwinfo assoclist}: the associated stations; a station is active when authorized. */
    public static Result<List<WiFiStation>> assoclist(String text) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject("iwinfo assoclist", text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        Map<String, WiFiStation> out = new LinkedHashMap<>();
        for (JsonValue.Obj s : doc.value().array("results").objects()) {
            String mac = mac(s.string("mac", ""));
            if (mac.isEmpty()) {
                continue;
            }
            OptionalLong down = rate(s.object("tx").map(t -> t.number("rate")).orElse(OptionalLong.empty()));
            OptionalLong up = rate(s.object("rx").map(r -> r.number("rate")).orElse(OptionalLong.empty()));
            out.putIfAbsent(mac, new WiFiStation(mac, negative(s.number("signal")), down, up,
                    s.bool("authorized").orElse(true)));
        }
        return Result.ok(List.copyOf(out.values()));
    }

    /**
     * {@code hostapd.<ifname> get_clients}: the stations hostapd has; active when associated and
     * authorized. Rates are in kbit/s.
     */
    public static Result<List<WiFiStation>> hostapdClients(String text) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject("hostapd get_clients", text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        Map<String, WiFiStation> out = new LinkedHashMap<>();
        doc.value().object("clients").ifPresent(clients -> clients.members().forEach((address, v) -> {
            String mac = mac(address);
            if (mac.isEmpty() || !(v instanceof JsonValue.Obj c) || !c.bool("assoc").orElse(true)) {
                return;
            }
            JsonValue.Obj rates = c.object("rate").orElse(new JsonValue.Obj(Map.of()));
            out.putIfAbsent(mac, new WiFiStation(mac, negative(c.number("signal")), rate(rates.number("tx")),
                    rate(rates.number("rx")), c.bool("authorized").orElse(false)));
        }));
        return Result.ok(List.copyOf(out.values()));
    }

    /** {@code iwinfo scan}: the networks {@code radio} heard. */
    public static Result<List<WiFiNeighbor>> scan(String text, String radio) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject("iwinfo scan", text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        List<WiFiNeighbor> out = new ArrayList<>();
        for (JsonValue.Obj n : doc.value().array("results").objects()) {
            String bssid = mac(n.string("bssid", ""));
            if (bssid.isEmpty() || out.size() >= WiFiNeighbor.MAX_RESULTS) {
                continue;
            }
            String ssid = n.string("ssid", "");
            if (ssid.length() > 32) {
                ssid = "";
            }
            OptionalInt mhz = positive(n.number("mhz"));
            OptionalInt channel = positive(n.number("channel"));
            if (channel.isPresent() && channel.getAsInt() > 255) {
                channel = OptionalInt.empty();
            }
            Optional<String> mode = switch (n.string("mode", "")) {
                case "Master" -> Optional.of("Infrastructure");
                case "Ad-Hoc" -> Optional.of("AdHoc");
                default -> Optional.empty();
            };
            out.add(new WiFiNeighbor(radio, ssid, bssid, mode, channel, negative(n.number("signal")),
                    n.object("encryption").flatMap(UbusWiFi::neighborSecurity),
                    mhz.isPresent() ? Frequencies.band(mhz.getAsInt()) : Optional.empty(),
                    bandwidth(n), OptionalInt.empty()));
        }
        return Result.ok(out);
    }

    /** TR-181's neighbour {@code SecurityModeEnabled} for iwinfo's {@code encryption} object. */
    static Optional<String> neighborSecurity(JsonValue.Obj e) {
        if (!e.bool("enabled").orElse(false)) {
            return e.bool("enabled").isPresent() ? Optional.of("None") : Optional.empty();
        }
        List<String> auth = e.array("authentication").strings();
        List<String> versions = e.array("wpa").items().stream()
                .filter(JsonValue.Num.class::isInstance).map(v -> ((JsonValue.Num) v).value().toPlainString()).toList();
        if (auth.contains("owe")) {
            return Optional.of("OWE");
        }
        if (!e.array("wep").items().isEmpty() && versions.isEmpty()) {
            return Optional.of("WEP");
        }
        boolean v1 = versions.contains("1");
        boolean v2 = versions.contains("2");
        boolean v3 = versions.contains("3");
        if (auth.contains("802.1x")) {
            if (v3) {
                return Optional.of("WPA3-Enterprise");
            }
            return v1 && v2 ? Optional.of("WPA-WPA2-Enterprise") : v2 ? Optional.of("WPA2-Enterprise")
                    : v1 ? Optional.of("WPA-Enterprise") : Optional.empty();
        }
        boolean sae = auth.contains("sae") || v3;
        boolean psk = auth.contains("psk");
        if (sae && (psk || v2)) {
            return Optional.of("WPA2-PSK-WPA3-SAE");
        }
        if (sae) {
            return Optional.of("WPA3-SAE");
        }
        return v1 && v2 ? Optional.of("WPA-WPA2") : v2 ? Optional.of("WPA2") : v1 ? Optional.of("WPA")
                : Optional.empty();
    }

    private static Optional<String> bandwidth(JsonValue.Obj n) {
        OptionalLong vht = n.object("vht_operation").map(v -> v.number("channel_width")).orElse(OptionalLong.empty());
        if (vht.isPresent() && (vht.getAsLong() == 80 || vht.getAsLong() == 160)) {
            return Frequencies.bandwidth((int) vht.getAsLong());
        }
        OptionalLong ht = n.object("ht_operation").map(h -> h.number("channel_width")).orElse(OptionalLong.empty());
        if (ht.isPresent()) {
            return ht.getAsLong() == 20 ? Optional.of("20MHz") : Optional.of("40MHz");
        }
        return Optional.empty();
    }

    /** A MAC address in lower case, or empty when {@code text} is not one. */
    static String mac(String text) {
        return MAC.matcher(text).matches() ? text.toLowerCase(java.util.Locale.ROOT) : "";
    }

    private static OptionalInt positive(OptionalLong v) {
        return v.isPresent() && v.getAsLong() > 0 && v.getAsLong() < Integer.MAX_VALUE
                ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** A dBm level below zero; zero and above mean "not measured" in iwinfo's output. */
    private static OptionalInt negative(OptionalLong v) {
        return v.isPresent() && v.getAsLong() < 0 && v.getAsLong() >= -200
                ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    private static OptionalInt integer(OptionalLong v) {
        return v.isPresent() && Math.abs(v.getAsLong()) < 1000 ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** A rate in kbit/s; 0 means "no frame yet". */
    private static OptionalLong rate(OptionalLong kbps) {
        return kbps.isPresent() && kbps.getAsLong() > 0 ? kbps : OptionalLong.empty();
    }

    /** An error result naming {@code what}. */
    static <T> Result<T> failed(String what, String why) {
        return Result.err(ErrorCode.INTERNAL_ERROR, what + ": " + why);
    }
}

package dev.demarc.hal.openwrt.wifi;

import dev.demarc.hal.linux.wifi.Frequencies;
import dev.demarc.hal.linux.wifi.Netdevs;
import dev.demarc.hal.openwrt.wifi.UbusWiFi.Freq;
import dev.demarc.hal.openwrt.wifi.UbusWiFi.Info;
import dev.demarc.hal.openwrt.wifi.UbusWiFi.InterfaceStatus;
import dev.demarc.hal.openwrt.wifi.UbusWiFi.RadioStatus;
import dev.demarc.tr181.platform.WiFiAccessPoint;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSsid;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiStation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How OpenWrt's Wi-Fi maps to TR-181: the uci {@code wireless} configuration (radios are
 * {@code wifi-device} sections, keyed by section name; SSIDs and access points are
 * {@code wifi-iface} sections) joined with what netifd, iwinfo, hostapd and sysfs say of them
 * now. Pure: {@link #build} takes everything read and gives the snapshot; the translations
 * between uci values and TR-181 values (encryption, htmode, band) are here too. Stateless.
 */
public final class OpenWrtWiFiState {

    /** The security modes Demarc sets through uci's {@code encryption}, by TR-181 name. */
    static final Map<String, String> ENCRYPTION_OF_MODE = Map.of(
            "None", "none",
            "WPA-Personal", "psk",
            "WPA2-Personal", "psk2",
            "WPA-WPA2-Personal", "psk-mixed",
            "WPA3-Personal", "sae",
            "WPA3-Personal-Transition", "sae-mixed",
            "OWE", "owe");

    private static final Pattern HTMODE = Pattern.compile("(HT|VHT|HE|EHT)(20|40|80|160|320)[+-]?");

    private OpenWrtWiFiState() {
    }

    /**
     * Everything one refresh read.
     *
     * @param config   {@code /etc/config/wireless}
     * @param status   {@code network.wireless status} by radio; empty when it could not be read
     * @param statusRead whether {@code network.wireless status} answered
     * @param info     {@code iwinfo info} of an interface of each radio, by radio
     * @param freqs    {@code iwinfo freqlist} by radio
     * @param txpowers {@code iwinfo txpowerlist} (dBm) by radio
     * @param stations the stations of each access point, by SSID key
     * @param netdevs  sysfs of each SSID's netdev, by SSID key
     * @param keys     the SSID key of each {@code wifi-iface} section ({@link #interfaceKeys})
     */
    public record Readings(UciConfig config, Map<String, RadioStatus> status, boolean statusRead,
                           Map<String, Info> info, Map<String, List<Freq>> freqs, Map<String, List<Integer>> txpowers,
                           Map<String, List<WiFiStation>> stations, Map<String, Netdevs.Netdev> netdevs,
                           Map<String, String> keys) {
        public Readings {
            status = Map.copyOf(status);
            info = Map.copyOf(info);
            freqs = Map.copyOf(freqs);
            txpowers = Map.copyOf(txpowers);
            stations = Map.copyOf(stations);
            netdevs = Map.copyOf(netdevs);
            keys = Map.copyOf(keys);
        }

        /** These readings with another configuration (after a write). */
        public Readings withConfig(UciConfig newConfig) {
            return new Readings(newConfig, status, statusRead, info, freqs, txpowers, stations, netdevs, keys);
        }
    }

    /**
     * The key of each {@code wifi-iface} section: its netdev as netifd reports it (matched by
     * section name, else by order among the radio's interfaces), else the name it had when last
     * seen ({@code remembered}), else its {@code ifname} option, else the section's name (a
     * disabled interface that has never been up has no netdev).
     */
    public static Map<String, String> interfaceKeys(UciConfig config, Map<String, RadioStatus> status,
                                                    Map<String, String> remembered) {
        Map<String, String> keys = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (RadioStatus r : status.values()) {
            List<UciConfig.Section> ofRadio = config.sections("wifi-iface").stream()
                    .filter(s -> s.option("device", "").equals(r.radio())).toList();
            List<UciConfig.Section> unmatched = new ArrayList<>(ofRadio);
            for (InterfaceStatus i : r.interfaces()) {
                Optional<UciConfig.Section> byName = ofRadio.stream().filter(s -> s.name().equals(i.section())).findFirst();
                UciConfig.Section s = byName.orElse(unmatched.isEmpty() ? null : unmatched.get(0));
                if (s == null) {
                    continue;
                }
                unmatched.remove(s);
                if (Netdevs.isName(i.ifname()) && used.add(i.ifname())) {
                    keys.put(s.name(), i.ifname());
                }
            }
        }
        for (UciConfig.Section s : config.sections("wifi-iface")) {
            if (keys.containsKey(s.name())) {
                continue;
            }
            String key = remembered.get(s.name());
            if (key == null || used.contains(key)) {
                key = s.option("ifname").filter(Netdevs::isName).filter(n -> !used.contains(n)).orElse(s.name());
            }
            if (used.add(key)) {
                keys.put(s.name(), key);
            }
        }
        return keys;
    }

    /** The snapshot the readings give. */
    public static WiFiState build(Readings r) {
        List<WiFiRadio> radios = new ArrayList<>();
        Map<String, Boolean> radioEnabled = new LinkedHashMap<>();
        for (UciConfig.Section d : r.config().sections("wifi-device")) {
            if (radios.size() >= WiFiState.MAX_RADIOS || d.name().length() > WiFiRadio.MAX_NAME) {
                continue;
            }
            WiFiRadio radio = radio(d, r);
            radios.add(radio);
            radioEnabled.put(d.name(), radio.enabled());
        }
        List<WiFiSsid> ssids = new ArrayList<>();
        List<WiFiAccessPoint> aps = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (UciConfig.Section i : r.config().sections("wifi-iface")) {
            String radio = i.option("device", "");
            String key = r.keys().get(i.name());
            String mode = i.option("mode", "ap");
            if (!radioEnabled.containsKey(radio) || key == null || key.length() > WiFiSsid.MAX_NAME
                    || !(mode.equals("ap") || mode.equals("sta")) || ssids.size() >= WiFiState.MAX_SSIDS
                    || !keys.add(key)) {
                continue;
            }
            boolean enabled = !i.flag("disabled", false);
            boolean radioOn = radioEnabled.get(radio);
            Optional<Netdevs.Netdev> netdev = Optional.ofNullable(r.netdevs().get(key));
            String status = !enabled ? "Down" : !radioOn ? "LowerLayerDown"
                    : netdev.map(n -> Netdevs.status(n.operstate())).orElse("Down");
            String ssid = i.option("ssid", "");
            String mac = netdev.map(Netdevs.Netdev::macAddress).filter(m -> !m.isEmpty())
                    .orElse(UbusWiFi.mac(i.option("macaddr", "")));
            boolean ap = mode.equals("ap");
            ssids.add(new WiFiSsid(key, radio, enabled, status, ssid.length() <= WiFiSsid.MAX_SSID ? ssid : "",
                    ap && netdev.isPresent() ? mac : "", mac, netdev.flatMap(Netdevs.Netdev::stats)));
            if (ap) {
                String apStatus = !enabled || !radioOn ? "Disabled" : status.equals("Up") ? "Enabled" : "Error";
                Optional<String> mode1 = securityMode(i);
                List<WiFiStation> stations = r.stations().getOrDefault(key, List.of());
                aps.add(new WiFiAccessPoint(key, enabled, apStatus, Optional.of(!i.flag("hidden", false)), mode1,
                        modesSupported(mode1),
                        stations.size() > WiFiAccessPoint.MAX_STATIONS
                                ? stations.subList(0, WiFiAccessPoint.MAX_STATIONS) : stations));
            }
        }
        return new WiFiState(radios, ssids, aps);
    }

    private static WiFiRadio radio(UciConfig.Section d, Readings r) {
        String name = d.name();
        boolean enabled = !d.flag("disabled", false);
        RadioStatus st = r.status().get(name);
        String status = !r.statusRead() ? "Unknown" : st == null ? "NotPresent"
                : !enabled || st.disabled() ? "Down" : st.up() ? "Up" : "Down";
        Optional<Info> info = Optional.ofNullable(r.info().get(name)).filter(x -> st != null && st.up());
        List<Freq> freqs = r.freqs().getOrDefault(name, List.of());
        TreeSet<Integer> channels = new TreeSet<>();
        List<String> bands = new ArrayList<>();
        for (Freq f : freqs) {
            channels.add(f.channel());
            Frequencies.band(f.mhz()).filter(b -> !bands.contains(b)).ifPresent(bands::add);
        }
        Optional<String> band = info.flatMap(i -> i.frequency().isPresent()
                ? Frequencies.band(i.frequency().getAsInt()) : Optional.empty()).or(() -> configuredBand(d));
        if (bands.isEmpty()) {
            band.ifPresent(bands::add);
        }
        bands.sort(java.util.Comparator.comparingInt(WiFiRadio.BANDS::indexOf));
        String channelOption = d.option("channel", "auto");
        OptionalInt channel = info.map(Info::channel).orElse(OptionalInt.empty());
        if (channel.isEmpty() && channelOption.matches("\\d{1,3}") && Integer.parseInt(channelOption) >= 1
                && Integer.parseInt(channelOption) <= 255) {
            channel = OptionalInt.of(Integer.parseInt(channelOption));
        }
        List<Integer> levels = r.txpowers().getOrDefault(name, List.of());
        OptionalInt power = OptionalInt.empty();
        Optional<String> txpower = d.option("txpower");
        if (txpower.isEmpty()) {
            power = OptionalInt.of(-1);
        } else if (txpower.get().matches("-?\\d{1,3}") && !levels.isEmpty()) {
            int max = levels.stream().mapToInt(Integer::intValue).max().getAsInt();
            power = OptionalInt.of(Frequencies.percentOfMax(Integer.parseInt(txpower.get()), max));
        }
        return new WiFiRadio(name, enabled, status, bands, band, channel, List.copyOf(channels), true,
                channelOption.equals("auto"), d.option("htmode").flatMap(OpenWrtWiFiState::bandwidth).orElse("Auto"),
                power, info.map(Info::noise).orElse(OptionalInt.empty()));
    }

    /** The band a {@code wifi-device} is configured for ({@code band}, else the legacy {@code hwmode}). */
    static Optional<String> configuredBand(UciConfig.Section d) {
        return switch (d.option("band", "")) {
            case "2g" -> Optional.of("2.4GHz");
            case "5g" -> Optional.of("5GHz");
            case "6g" -> Optional.of("6GHz");
            default -> switch (d.option("hwmode", "")) {
                case "11a" -> Optional.of("5GHz");
                case "11b", "11g" -> Optional.of("2.4GHz");
                default -> Optional.empty();
            };
        };
    }

    /** TR-181's bandwidth for a uci {@code htmode} ({@code HE80} gives {@code 80MHz}, {@code NOHT} {@code 20MHz}). */
    static Optional<String> bandwidth(String htmode) {
        if (htmode.equals("NOHT")) {
            return Optional.of("20MHz");
        }
        Matcher m = HTMODE.matcher(htmode);
        return m.matches() ? Frequencies.bandwidth(Integer.parseInt(m.group(2))) : Optional.empty();
    }

    /** The {@code htmode} family of a uci {@code htmode} ({@code HT}, {@code VHT}, {@code HE}, {@code EHT}). */
    static Optional<String> htmodeFamily(String htmode) {
        Matcher m = HTMODE.matcher(htmode);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** TR-181's security mode of a {@code wifi-iface}'s {@code encryption} (absent is {@code none}). */
    static Optional<String> securityMode(UciConfig.Section iface) {
        String encryption = iface.option("encryption", "none");
        int plus = encryption.indexOf('+');
        String base = plus < 0 ? encryption : encryption.substring(0, plus);
        return switch (base) {
            case "none" -> Optional.of("None");
            case "psk" -> Optional.of("WPA-Personal");
            case "psk2" -> Optional.of("WPA2-Personal");
            case "psk-mixed" -> Optional.of("WPA-WPA2-Personal");
            case "sae" -> Optional.of("WPA3-Personal");
            case "sae-mixed" -> Optional.of("WPA3-Personal-Transition");
            case "wpa" -> Optional.of("WPA-Enterprise");
            case "wpa2" -> Optional.of("WPA2-Enterprise");
            case "wpa-mixed" -> Optional.of("WPA-WPA2-Enterprise");
            case "wpa3" -> Optional.of("WPA3-Enterprise");
            case "owe" -> Optional.of("OWE");
            case "wep", "wep-open", "wep-shared" -> Optional.of(wepMode(iface));
            default -> Optional.empty();
        };
    }

    /** WEP-64 for a 5-character (10 hex digit) key, else WEP-128; never the key itself. */
    private static String wepMode(UciConfig.Section iface) {
        String index = iface.option("key", "1");
        String key = iface.option("key" + (index.matches("[1-4]") ? index : "1"), "");
        if (key.startsWith("s:")) {
            key = key.substring(2);
        }
        return key.length() == 5 || key.length() == 10 ? "WEP-64" : "WEP-128";
    }

    /** The modes Demarc can set, and the current one when it is another. */
    static List<String> modesSupported(Optional<String> current) {
        List<String> out = new ArrayList<>();
        for (String m : WiFiAccessPoint.SECURITY_MODES) {
            if (ENCRYPTION_OF_MODE.containsKey(m) || current.filter(m::equals).isPresent()) {
                out.add(m);
            }
        }
        return out;
    }
}

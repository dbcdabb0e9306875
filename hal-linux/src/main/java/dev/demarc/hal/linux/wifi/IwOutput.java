package dev.demarc.hal.linux.wifi;

import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiStation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of what {@code iw} prints: {@code iw dev} (interfaces), {@code iw phy} (bands and
 * channels), {@code iw dev X station dump}, {@code iw dev X survey dump}, {@code iw dev X link}
 * and {@code iw dev X scan}. {@code iw}'s text is for people and changes between versions: the
 * parsers take the lines they know and leave the rest (a value they cannot read is unknown).
 * Stateless.
 */
public final class IwOutput {

    private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");
    private static final Pattern FREQUENCY =
            Pattern.compile("^\\s*\\*\\s+(\\d+)(?:\\.\\d+)?\\s+MHz\\s+\\[(\\d+)](.*)$");
    private static final Pattern DBM = Pattern.compile("\\((-?\\d+(?:\\.\\d+)?) dBm\\)");
    private static final Pattern CHANNEL =
            Pattern.compile("channel (\\d+) \\((\\d+)(?:\\.\\d+)? MHz\\)(?:, width: ([0-9+]+) MHz)?");
    private static final Pattern NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)");

    private IwOutput() {
    }

    /** An interface of {@code iw dev}. */
    public record Interface(String name, String phy, String type, String macAddress, String ssid,
                            OptionalInt channel, OptionalInt frequency, String width, OptionalDouble txpowerDbm) {
    }

    /** A channel of {@code iw phy}: its number, frequency, whether it is disabled, its power limit. */
    public record Channel(int channel, int mhz, boolean disabled, OptionalDouble maxDbm) {
    }

    /** {@code iw dev}: the wireless interfaces, each with its phy ({@code phy#0} gives {@code phy0}). */
    public static List<Interface> interfaces(String text) {
        List<Interface> out = new ArrayList<>();
        String phy = "";
        Map<String, String> fields = null;
        String name = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("phy#")) {
                add(out, name, phy, fields);
                name = null;
                phy = "phy" + line.substring(4).strip();
            } else if (line.startsWith("Interface ")) {
                add(out, name, phy, fields);
                name = line.substring("Interface ".length()).strip();
                fields = new LinkedHashMap<>();
            } else if (fields != null) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    fields.putIfAbsent(line.substring(0, space), line.substring(space + 1).strip());
                }
            }
        }
        add(out, name, phy, fields);
        return out;
    }

    private static void add(List<Interface> out, String name, String phy, Map<String, String> f) {
        if (name == null || f == null || phy.isEmpty() || !Netdevs.isName(name)) {
            return;
        }
        OptionalInt channel = OptionalInt.empty();
        OptionalInt frequency = OptionalInt.empty();
        String width = "";
        Matcher m = CHANNEL.matcher("channel " + f.getOrDefault("channel", ""));
        if (m.find()) {
            channel = OptionalInt.of(Integer.parseInt(m.group(1)));
            frequency = OptionalInt.of(Integer.parseInt(m.group(2)));
            width = m.group(3) == null ? "" : m.group(3);
        }
        String mac = f.getOrDefault("addr", "");
        out.add(new Interface(name, phy, f.getOrDefault("type", ""),
                MAC.matcher(mac).matches() ? mac.toLowerCase(Locale.ROOT) : "", f.getOrDefault("ssid", ""),
                channel, frequency, width, number(f.getOrDefault("txpower", ""))));
    }

    /** {@code iw phy}: the channels of each phy ({@code Wiphy phy0}), in order. */
    public static Map<String, List<Channel>> channels(String text) {
        Map<String, List<Channel>> out = new LinkedHashMap<>();
        List<Channel> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Wiphy ")) {
                current = new ArrayList<>();
                out.put(line.substring("Wiphy ".length()).strip(), current);
                continue;
            }
            Matcher m = FREQUENCY.matcher(line);
            if (current != null && m.matches()) {
                int channel = Integer.parseInt(m.group(2));
                String rest = m.group(3);
                Matcher dbm = DBM.matcher(rest);
                if (channel >= 1 && channel <= 255) {
                    current.add(new Channel(channel, Integer.parseInt(m.group(1)), rest.contains("(disabled)"),
                            dbm.find() ? OptionalDouble.of(Double.parseDouble(dbm.group(1))) : OptionalDouble.empty()));
                }
            }
        }
        return out;
    }

    /** {@code iw dev X station dump}: the stations; active when authorized and associated (when iw says). */
    public static List<WiFiStation> stations(String text) {
        Map<String, WiFiStation> out = new LinkedHashMap<>();
        String mac = null;
        Map<String, String> f = new LinkedHashMap<>();
        for (String raw : (text + "\nStation end").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("Station ")) {
                if (mac != null) {
                    out.putIfAbsent(mac, station(mac, f));
                }
                String[] words = line.split("\\s+");
                mac = words.length > 1 && MAC.matcher(words[1]).matches() ? words[1].toLowerCase(Locale.ROOT) : null;
                f = new LinkedHashMap<>();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                f.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return List.copyOf(out.values());
    }

    private static WiFiStation station(String mac, Map<String, String> f) {
        OptionalDouble signal = number(f.getOrDefault("signal", ""));
        boolean active = !"no".equals(f.get("authorized")) && !"no".equals(f.get("associated"));
        return new WiFiStation(mac, signal.isPresent() && signal.getAsDouble() < 0 && signal.getAsDouble() >= -200
                ? OptionalInt.of((int) Math.round(signal.getAsDouble())) : OptionalInt.empty(),
                kbps(f.getOrDefault("tx bitrate", "")), kbps(f.getOrDefault("rx bitrate", "")), active);
    }

    /** {@code 866.7 MBit/s ...} in kbit/s. */
    private static OptionalLong kbps(String rate) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?) MBit/s").matcher(rate);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        long kbps = Math.round(Double.parseDouble(m.group(1)) * 1000);
        return kbps > 0 ? OptionalLong.of(kbps) : OptionalLong.empty();
    }

    /** {@code iw dev X survey dump}: the noise on the channel in use, dBm. */
    public static OptionalInt noiseInUse(String text) {
        boolean inUse = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("Survey data")) {
                inUse = false;
            } else if (line.startsWith("frequency:")) {
                inUse = line.contains("[in use]");
            } else if (inUse && line.startsWith("noise:")) {
                OptionalDouble n = number(line.substring("noise:".length()));
                if (n.isPresent() && n.getAsDouble() < 0) {
                    return OptionalInt.of((int) Math.round(n.getAsDouble()));
                }
            }
        }
        return OptionalInt.empty();
    }

    /** {@code iw dev X link}: the BSSID a station interface is connected to; empty when not connected. */
    public static String linkedBssid(String text) {
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("Connected to ")) {
                String[] words = line.split("\\s+");
                if (words.length > 2 && MAC.matcher(words[2]).matches()) {
                    return words[2].toLowerCase(Locale.ROOT);
                }
            }
        }
        return "";
    }

    /** {@code iw dev X scan}: the networks {@code radio} heard. */
    public static List<WiFiNeighbor> scan(String text, String radio) {
        List<WiFiNeighbor> out = new ArrayList<>();
        List<String> block = null;
        for (String line : (text + "\nBSS end").split("\n")) {
            if (line.startsWith("BSS ")) {
                if (block != null && out.size() < WiFiNeighbor.MAX_RESULTS) {
                    neighbor(block, radio).ifPresent(out::add);
                }
                block = new ArrayList<>();
            }
            if (block != null) {
                block.add(line);
            }
        }
        return out;
    }

    private static Optional<WiFiNeighbor> neighbor(List<String> block, String radio) {
        Matcher bssid = MAC.matcher(block.get(0));
        if (!bssid.find()) {
            return Optional.empty();
        }
        String ssid = "";
        OptionalInt mhz = OptionalInt.empty();
        OptionalInt channel = OptionalInt.empty();
        OptionalInt signal = OptionalInt.empty();
        String capability = "";
        boolean rsn = false;
        boolean wpa = false;
        String auth = "";
        String bandwidth = "";
        for (String raw : block) {
            String line = raw.strip();
            if (line.startsWith("SSID: ")) {
                ssid = line.substring("SSID: ".length());
            } else if (line.startsWith("freq: ")) {
                OptionalDouble f = number(line.substring("freq: ".length()));
                mhz = f.isPresent() ? OptionalInt.of((int) f.getAsDouble()) : OptionalInt.empty();
            } else if (line.startsWith("signal: ")) {
                OptionalDouble s = number(line.substring("signal: ".length()));
                signal = s.isPresent() && s.getAsDouble() < 0 && s.getAsDouble() >= -200
                        ? OptionalInt.of((int) Math.round(s.getAsDouble())) : OptionalInt.empty();
            } else if (line.startsWith("capability: ")) {
                capability = line;
            } else if (line.startsWith("DS Parameter set: channel ")) {
                OptionalDouble c = number(line.substring("DS Parameter set: channel ".length()));
                channel = c.isPresent() ? OptionalInt.of((int) c.getAsDouble()) : OptionalInt.empty();
            } else if (line.startsWith("* primary channel: ") && channel.isEmpty()) {
                OptionalDouble c = number(line.substring("* primary channel: ".length()));
                channel = c.isPresent() ? OptionalInt.of((int) c.getAsDouble()) : OptionalInt.empty();
            } else if (line.startsWith("RSN:")) {
                rsn = true;
            } else if (line.startsWith("WPA:")) {
                wpa = true;
            } else if (line.contains("Authentication suites: ")) {
                auth += " " + line.substring(line.indexOf("Authentication suites: ") + "Authentication suites: ".length());
            } else if (line.startsWith("* channel width: ")) {
                Matcher w = Pattern.compile("\\((\\d+) MHz\\)").matcher(line);
                if (w.find() && (w.group(1).equals("80") || w.group(1).equals("160"))) {
                    bandwidth = w.group(1) + "MHz";
                }
            } else if (line.startsWith("* STA channel width: ") && bandwidth.isEmpty()) {
                bandwidth = line.contains("any") ? "40MHz" : "20MHz";
            }
        }
        if (channel.isEmpty() && mhz.isPresent()) {
            channel = Frequencies.channel(mhz.getAsInt());
        }
        if (channel.isPresent() && (channel.getAsInt() < 1 || channel.getAsInt() > 255)) {
            channel = OptionalInt.empty();
        }
        Optional<String> mode = capability.contains("IBSS") ? Optional.of("AdHoc")
                : capability.contains("ESS") ? Optional.of("Infrastructure") : Optional.empty();
        return Optional.of(new WiFiNeighbor(radio, ssid.length() <= 32 ? ssid : "", bssid.group().toLowerCase(Locale.ROOT),
                mode, channel, signal, security(capability, rsn, wpa, auth),
                mhz.isPresent() ? Frequencies.band(mhz.getAsInt()) : Optional.empty(),
                bandwidth.isEmpty() ? Optional.empty() : Optional.of(bandwidth), OptionalInt.empty()));
    }

    /** TR-181's neighbour {@code SecurityModeEnabled} from the RSN/WPA elements and the privacy bit. */
    private static Optional<String> security(String capability, boolean rsn, boolean wpa, String auth) {
        boolean enterprise = auth.contains("802.1X");
        boolean sae = auth.contains("SAE");
        boolean psk = auth.contains("PSK");
        if (auth.contains("OWE")) {
            return Optional.of("OWE");
        }
        if (rsn && sae) {
            return Optional.of(psk ? "WPA2-PSK-WPA3-SAE" : "WPA3-SAE");
        }
        if (rsn && wpa) {
            return Optional.of(enterprise ? "WPA-WPA2-Enterprise" : "WPA-WPA2");
        }
        if (rsn) {
            return Optional.of(enterprise ? "WPA2-Enterprise" : "WPA2");
        }
        if (wpa) {
            return Optional.of(enterprise ? "WPA-Enterprise" : "WPA");
        }
        if (capability.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(capability.contains("Privacy") ? "WEP" : "None");
    }

    private static OptionalDouble number(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}

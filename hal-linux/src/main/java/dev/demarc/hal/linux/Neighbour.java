package dev.demarc.hal.linux;

import dev.demarc.core.Result;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the kernel's neighbour table (ARP for IPv4, NDP for IPv6): an address on a
 * device, the MAC address it answers from, and the entry's state. Immutable; parsed from
 * {@code ip -j neigh} and from the lines of {@code ip monitor neigh}.
 *
 * @param address the IPv4 or IPv6 address
 * @param device  the network device ({@code br-lan})
 * @param mac     the MAC address, lower case; empty when the entry has none (FAILED, INCOMPLETE)
 * @param state   the NUD state, upper case ({@code REACHABLE}, {@code STALE}...); empty when none given
 */
public record Neighbour(String address, String device, String mac, String state) {

    /** The states in which the host is taken to be there. */
    public static final Set<String> ACTIVE_STATES = Set.of("REACHABLE", "STALE", "DELAY", "PROBE", "PERMANENT");
    private static final Set<String> STATES = Set.of("REACHABLE", "STALE", "DELAY", "PROBE", "PERMANENT", "FAILED",
            "INCOMPLETE", "NOARP", "NONE");

    public Neighbour {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(state, "state");
    }

    /** The key of the entry in the table: address and device. */
    public String key() {
        return address + "%" + device;
    }

    public boolean active() {
        return ACTIVE_STATES.contains(state);
    }

    public boolean ipv4() {
        return address.indexOf(':') < 0;
    }

    /**
     * Whether the entry stands for a host: a unicast MAC address and a unicast, non-link-local
     * (for IPv6) or non-multicast (for IPv4) address.
     */
    public boolean isHost() {
        if (mac.isEmpty() || isGroupMac(mac)) {
            return false;
        }
        if (ipv4()) {
            if (!DataTypes.IPV4_ADDRESS.isValid(address)) {
                return false;
            }
            int first = Integer.parseInt(address.substring(0, address.indexOf('.')));
            return first < 224 && first != 0 && first != 127;
        }
        String lower = address.toLowerCase(Locale.ROOT);
        return DataTypes.IPV6_ADDRESS.isValid(address) && !lower.startsWith("ff") && !lower.equals("::1");
    }

    /** Whether an IPv6 address is link-local (fe80::/10). */
    public static boolean linkLocal(String ipv6) {
        String lower = ipv6.toLowerCase(Locale.ROOT);
        return lower.startsWith("fe8") || lower.startsWith("fe9") || lower.startsWith("fea") || lower.startsWith("feb");
    }

    private static boolean isGroupMac(String mac) {
        try {
            return (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0 || mac.equals("00:00:00:00:00:00");
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return true;
        }
    }

    /** The entries of {@code ip -j neigh} output; entries without address or device are skipped. */
    public static Result<List<Neighbour>> parseJson(String json) {
        Result<JsonValue.Arr> doc = JsonReader.parseArray("ip -j neigh", json.isBlank() ? "[]" : json);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        List<Neighbour> out = new ArrayList<>();
        for (JsonValue.Obj o : doc.value().objects()) {
            fromJson(o).ifPresent(out::add);
        }
        return Result.ok(out);
    }

    private static Optional<Neighbour> fromJson(JsonValue.Obj o) {
        Optional<String> dst = o.string("dst");
        Optional<String> dev = o.string("dev");
        if (dst.isEmpty() || dev.isEmpty()) {
            return Optional.empty();
        }
        List<String> states = o.array("state").strings();
        return Optional.of(new Neighbour(dst.get(), dev.get(), mac(o.string("lladdr", "")),
                states.isEmpty() ? "" : states.get(0).toUpperCase(Locale.ROOT)));
    }

    /** What one line of {@code ip monitor neigh} says: an entry, and whether it was deleted. */
    public record Event(Neighbour neighbour, boolean deleted) {
    }

    /**
     * One line of {@code ip monitor neigh}, in its text form ({@code [Deleted ]ADDR dev DEV
     * [lladdr MAC] [router] STATE}) or as a JSON object (newer iproute2 with {@code -j});
     * empty for a line that is neither.
     */
    public static Optional<Event> parseMonitorLine(String line) {
        String text = line.strip();
        if (text.startsWith("{")) {
            Result<JsonValue.Obj> o = JsonReader.parseObject("ip monitor", text);
            if (!o.isOk()) {
                return Optional.empty();
            }
            boolean deleted = o.value().bool("deleted").orElse(false);
            return fromJson(o.value()).map(n -> new Event(n, deleted));
        }
        boolean deleted = false;
        if (text.startsWith("Deleted ")) {
            deleted = true;
            text = text.substring("Deleted ".length());
        }
        String[] t = text.split("\\s+");
        if (t.length < 3) {
            return Optional.empty();
        }
        String address = t[0];
        String device = "";
        String mac = "";
        String state = "";
        for (int i = 1; i < t.length; i++) {
            if (t[i].equals("dev") && i + 1 < t.length) {
                device = t[++i];
            } else if (t[i].equals("lladdr") && i + 1 < t.length) {
                mac = mac(t[++i]);
            } else if (STATES.contains(t[i])) {
                state = t[i];
            }
        }
        if (device.isEmpty() || !(DataTypes.IP_ADDRESS.isValid(address))) {
            return Optional.empty();
        }
        return Optional.of(new Event(new Neighbour(address, device, mac, state), deleted));
    }

    /** A MAC address in lower case, or empty when it is not one. */
    static String mac(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return DataTypes.MAC_ADDRESS.isValid(lower) ? lower : "";
    }
}

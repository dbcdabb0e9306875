package dev.demarc.hal.linux;

import dev.demarc.core.schema.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the DNS servers of a resolver configuration file ({@code /etc/resolv.conf},
 * systemd-resolved's {@code /run/systemd/resolve/resolv.conf}, OpenWrt's
 * {@code /tmp/resolv.conf.d/resolv.conf.auto}, pppd's {@code /etc/ppp/resolv.conf}): pure
 * parsing. OpenWrt's file says which logical interface the following servers came from
 * ({@code # Interface wan}); that is kept.
 */
public final class ResolvConf {

    /** The most servers read from one file. */
    public static final int MAX_SERVERS = 32;

    /**
     * One {@code nameserver} line.
     *
     * @param address   the address, without an IPv6 zone
     * @param zone      the IPv6 zone ({@code fe80::1%eth0}: {@code eth0}); empty when none
     * @param interfaceName the interface the file says it came from ({@code # Interface wan}); empty when not said
     */
    public record Nameserver(String address, String zone, String interfaceName) {
    }

    private ResolvConf() {
    }

    /** The nameservers of the file, in order, each once; lines that are not addresses are skipped. */
    public static List<Nameserver> parse(String text) {
        List<Nameserver> out = new ArrayList<>();
        String section = "";
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("# Interface ")) {
                section = line.substring("# Interface ".length()).strip();
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2 || !words[0].equals("nameserver")) {
                continue;
            }
            String address = words[1];
            String zone = "";
            int percent = address.indexOf('%');
            if (percent > 0) {
                zone = address.substring(percent + 1);
                address = address.substring(0, percent);
            }
            if (address.isEmpty() || !DataTypes.IP_ADDRESS.isValid(address)) {
                continue;
            }
            String a = address;
            if (out.stream().noneMatch(n -> n.address().equals(a)) && out.size() < MAX_SERVERS) {
                out.add(new Nameserver(address, zone, section));
            }
        }
        return out;
    }
}

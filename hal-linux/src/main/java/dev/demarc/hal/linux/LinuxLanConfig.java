package dev.demarc.hal.linux;

import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.tr181.platform.DhcpPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The LAN of a generic Linux device: dnsmasq's pools ({@link DnsmasqConf}), every network device
 * its own IP interface, and as non-LAN devices the loopback and, on a device that forwards IPv4
 * ({@code /proc/sys/net/ipv4/ip_forward} is 1, i.e. a router), the device of the IPv4 default
 * route ({@code /proc/net/route}): its neighbours are upstream, not hosts. On a device that does
 * not forward, every neighbour is a host of its LAN. Reads files; on the platform's threads.
 */
public final class LinuxLanConfig {

    private LinuxLanConfig() {
    }

    public static LanConfig read(SystemFiles files) {
        List<String> texts = new ArrayList<>();
        files.read(DnsmasqConf.MAIN_FILE).ifPresent(texts::add);
        for (String name : files.list(DnsmasqConf.DIRECTORY)) {
            if (!name.startsWith(".") && !name.endsWith(".dpkg-dist") && !name.endsWith(".dpkg-old")
                    && !name.endsWith(".dpkg-new") && !name.endsWith("~")) {
                files.read(DnsmasqConf.DIRECTORY + "/" + name).ifPresent(texts::add);
            }
        }
        List<DhcpPool> pools = DnsmasqConf.pools(texts);
        Set<String> excluded = new HashSet<>(Set.of("lo"));
        boolean forwards = files.readLine("/proc/sys/net/ipv4/ip_forward").orElse("0").equals("1");
        if (forwards) {
            defaultRouteDevice(files.read("/proc/net/route").orElse("")).ifPresent(excluded::add);
        }
        return new LanConfig(!pools.isEmpty(), pools, Map.of(), true, excluded);
    }

    /** The device of the IPv4 default route in {@code /proc/net/route}: destination and mask 0. */
    public static Optional<String> defaultRouteDevice(String procNetRoute) {
        for (String line : procNetRoute.split("\n")) {
            String[] t = line.strip().split("\\s+");
            if (t.length >= 8 && t[1].equals("00000000") && t[7].equals("00000000") && !t[0].equals("Iface")) {
                return Optional.of(t[0]);
            }
        }
        return Optional.empty();
    }
}

package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which interface is the WAN, and its state: OpenWrt's {@code wan} logical interface, else the
 * interface of the default route.
 *
 * @param key        the IP interface, by its key ({@code wan}, {@code enp1s0}); empty when the
 *                   device has no WAN (no {@code wan} interface, no default route)
 * @param device     the network device it runs on ({@code eth1}, {@code pppoe-wan}); empty when
 *                   not known
 * @param up         whether it is up
 * @param ipAddress  its IPv4 address; empty when it has none
 * @param gateway    its IPv4 default gateway; empty when it has none
 * @param dnsServers the DNS servers learned on it
 * @param upSince    since when it is up; empty when down or not known
 */
public record WanInterface(String key, String device, boolean up, String ipAddress, String gateway,
                           List<String> dnsServers, Optional<Instant> upSince) {

    /** No WAN. */
    public static final WanInterface NONE = new WanInterface("", "", false, "", "", List.of(), Optional.empty());

    public WanInterface {
        WanValues.bounded("key", key, WanValues.MAX_NAME);
        WanValues.bounded("device", device, WanValues.MAX_NAME);
        WanValues.ipv4OrEmpty("ipAddress", ipAddress);
        WanValues.ipv4OrEmpty("gateway", gateway);
        dnsServers = WanValues.boundedList("dnsServers", dnsServers, WanValues.MAX_ADDRESSES);
        for (String s : dnsServers) {
            WanValues.ipOrEmpty("dnsServers", s);
        }
        Objects.requireNonNull(upSince, "upSince");
    }

    /** Whether the device has a WAN. */
    public boolean present() {
        return !key.isEmpty();
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof WanInterface o
                && Objects.equals(key, o.key)
                && Objects.equals(device, o.device)
                && up == o.up
                && Objects.equals(ipAddress, o.ipAddress)
                && Objects.equals(gateway, o.gateway)
                && Objects.equals(dnsServers, o.dnsServers)
                && Objects.equals(upSince, o.upSince);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, device, up, ipAddress, gateway, dnsServers, upSince);
    }
}

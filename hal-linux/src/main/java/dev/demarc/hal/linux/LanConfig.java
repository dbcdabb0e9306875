package dev.demarc.hal.linux;

import dev.demarc.tr181.platform.DhcpPool;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a device's LAN is set up, as the host table needs it: the DHCP server and its pools, which
 * IP interface each network device belongs to, and which devices are not LAN. Immutable; read by
 * {@link LinuxLanConfig} on Linux and by the OpenWrt platform from uci.
 *
 * @param dhcpServerEnable  whether the DHCPv4 server serves
 * @param pools             its pools
 * @param ipInterfaces      network device -> the key of its IP interface ({@code br-lan} -> {@code lan})
 * @param devicesAreInterfaces whether a device missing from {@code ipInterfaces} is its own IP
 *                          interface (generic Linux) or unknown (OpenWrt)
 * @param excludedDevices   devices whose neighbours are not LAN hosts (loopback, the WAN)
 */
public record LanConfig(boolean dhcpServerEnable, List<DhcpPool> pools, Map<String, String> ipInterfaces,
                        boolean devicesAreInterfaces, Set<String> excludedDevices) {

    public static final LanConfig NONE = new LanConfig(false, List.of(), Map.of(), true, Set.of("lo"));

    public LanConfig {
        pools = List.copyOf(pools);
        ipInterfaces = Map.copyOf(ipInterfaces);
        excludedDevices = Set.copyOf(excludedDevices);
    }

    /** The IP interface key of a network device; empty when not known. */
    public String ipInterfaceOf(String device) {
        String i = ipInterfaces.get(device);
        return i != null ? i : devicesAreInterfaces ? device : "";
    }
}

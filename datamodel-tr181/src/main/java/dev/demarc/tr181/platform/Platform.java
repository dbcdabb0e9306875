package dev.demarc.tr181.platform;

/**
 * The device the agent manages, as the platform layer reads and configures it: one part per
 * area (device identity, network, Wi-Fi, system status, ...). The parts return immutable
 * snapshots and know nothing of TR-181 paths: the TR-181 objects of this module map them.
 * Implemented by {@code hal-linux} for OpenWrt, for generic Linux and for a simulated device
 * described in a file.
 *
 * <p>A part the platform does not have answers with its {@code none()} form (nothing there, no
 * writes), so an area a platform lacks shows as empty tables rather than as errors. Parts are
 * read on the data model's owner thread and answer from memory; a platform that must run
 * commands or read files keeps its snapshots fresh on threads of its own and says so through
 * the parts' watchers. Started by its maker; {@link #close} stops those threads.
 */
public interface Platform extends AutoCloseable {

    /** What this platform is, for messages: {@code linux}, {@code openwrt}, {@code simulated:FILE}. */
    String name();

    /** {@code Device.DeviceInfo.}: identity, up time, first use. */
    DeviceInfoPlatform deviceInfo();

    /** The WAN side: WAN interface, DHCPv4 clients, PPP, routes, DNS servers. */
    default WanPlatform wan() {
        return WanPlatform.none();
    }

    /** Memory, CPU, processes, temperatures; IP diagnostics; reboot and factory reset. */
    default SystemPlatform system() {
        return SystemPlatform.none();
    }

    /** {@code Device.Ethernet.}, {@code Device.Bridging.}, {@code Device.IP.Interface.}: links and addresses. */
    default NetworkPlatform network() {
        return NetworkPlatform.none();
    }

    /** {@code Device.WiFi.}: radios, SSIDs, access points, stations, scans; none by default. */
    default WiFiPlatform wifi() {
        return WiFiPlatform.none();
    }

    /** {@code Device.Hosts.} and {@code Device.DHCPv4.Server.}: the LAN's hosts and DHCP server. */
    default LanPlatform lan() {
        return LanPlatform.none();
    }

    /** {@code Device.NAT.PortMapping.}: port forwards. */
    default NatPlatform nat() {
        return NatPlatform.none();
    }

    /** {@code Device.Time.}: clock, time zone, NTP. */
    default TimePlatform time() {
        return TimePlatform.none();
    }

    /** Stops the platform's own threads and processes; idempotent. */
    @Override
    default void close() {
    }

    /** A platform of only a device identity, with no other parts: for tests and tools. */
    static Platform of(DeviceInfoPlatform deviceInfo) {
        java.util.Objects.requireNonNull(deviceInfo, "deviceInfo");
        return new Platform() {
            @Override
            public String name() {
                return "static";
            }

            @Override
            public DeviceInfoPlatform deviceInfo() {
                return deviceInfo;
            }
        };
    }
}

package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.LanHost;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.LanSnapshot;
import dev.demarc.tr181.platform.Platform;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Device.Hosts.} of TR-181 Device:2.19 with {@code Host.{i}.} and its {@code IPv4Address.{i}.}
 * and {@code IPv6Address.{i}.}: the devices on the LAN, from the {@link LanPlatform} (the
 * neighbour table and the DHCP leases). All read-only; each host is a platform row keyed by its
 * MAC address ({@code PhysAddress}), so that the same device keeps its instance while it stays.
 * The platform pushes hosts appearing and leaving, so that ObjectCreation and ObjectDeletion go
 * out at once.
 *
 * <p>References, by key: {@code Layer3Interface} to {@code Device.IP.Interface.{i}.} (the OpenWrt
 * interface name, or the Linux device), {@code Layer1Interface} to
 * {@code Device.Ethernet.Interface.{i}.} or {@code Device.WiFi.SSID.{i}.} (the port's device
 * name), {@code DHCPClient} to {@code Device.DHCPv4.Server.Pool.{i}.Client.{i}.} (pool key and
 * MAC address). A reference to an instance the model does not have reads as empty.
 * {@code InterfaceType} is {@code Other} when the port is not known.
 *
 * <p>Left out: {@code AssociatedDevice}, {@code WANStats.} and {@code AccessControl.{i}.}.
 */
public final class HostsObject {

    public static final String HOST = "Device.Hosts.Host.{i}.";

    /** The parameters whose changes the platform pushes. */
    public static final Set<String> PUSHED = Set.of(HOST + "IPAddress", HOST + "DHCPClient", HOST + "Layer1Interface",
            HOST + "Layer3Interface", HOST + "InterfaceType", HOST + "HostName", HOST + "Active", HOST + "ActiveLastChange");

    private HostsObject() {
    }

    static ObjectDef.Builder definition() {
        ObjectDef.Builder host = ObjectDef.table("Host").maxEntries(LanSnapshot.MAX_HOSTS).uniqueKey("PhysAddress")
                .param(ParameterDef.readOnly("PhysAddress", ValueType.string().maxLength(64)))
                .param(ParameterDef.readOnly("IPAddress", DataTypes.IP_ADDRESS))
                .param(ParameterDef.readOnly("DHCPClient", ValueType.listOf(ValueType.string().maxLength(256))))
                .param(ParameterDef.readOnly("Layer1Interface", ValueType.string().maxLength(256)))
                .param(ParameterDef.readOnly("Layer3Interface", ValueType.string().maxLength(256)))
                .param(ParameterDef.readOnly("InterfaceType", ValueType.string().enumeration(
                        "Ethernet", "G.hn", "HPNA", "HomePlug", "MoCA", "UPA", "Wi-Fi", "Other")))
                .param(ParameterDef.readOnly("HostName", ValueType.string().maxLength(64)))
                .param(ParameterDef.readOnly("Active", ValueType.bool()))
                .param(ParameterDef.readOnly("ActiveLastChange", ValueType.dateTime()))
                .tableWithCount(ObjectDef.table("IPv4Address").maxEntries(LanHost.MAX_ADDRESSES).uniqueKey("IPAddress")
                        .param(ParameterDef.readOnly("IPAddress", DataTypes.IPV4_ADDRESS)))
                .tableWithCount(ObjectDef.table("IPv6Address").maxEntries(LanHost.MAX_ADDRESSES).uniqueKey("IPAddress")
                        .param(ParameterDef.readOnly("IPAddress", DataTypes.IPV6_ADDRESS)));
        return ObjectDef.single("Hosts").tableWithCount(host);
    }

    static void bind(Bindings.Builder bindings, Platform platform, PlatformChanges changes) {
        LanPlatform lan = platform.lan();
        Duration ttl = Duration.ofSeconds(1);
        bindings.table(HOST, SnapshotRows.of(lan::snapshot, s -> s.hosts().stream().map(HostsObject::row).toList()), ttl);
        bindings.table(HOST + "IPv4Address.{i}.", SnapshotRows.perParent(lan::snapshot, (s, parent) -> s.host(parent.rowKey())
                .map(h -> h.ipv4Addresses().stream().map(a -> new TableProvider.Row(a, Map.of("IPAddress", a))).toList())
                .orElse(List.of())), ttl);
        bindings.table(HOST + "IPv6Address.{i}.", SnapshotRows.perParent(lan::snapshot, (s, parent) -> s.host(parent.rowKey())
                .map(h -> h.ipv6Addresses().stream().map(a -> new TableProvider.Row(a, Map.of("IPAddress", a))).toList())
                .orElse(List.of())), ttl);
        lan.watch(() -> {
            changes.changed("Device.Hosts.Host.");
            changes.changed("Device.Hosts.Host.{i}.IPv4Address.");
            changes.changed("Device.Hosts.Host.{i}.IPv6Address.");
        });
    }

    static TableProvider.Row row(LanHost h) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("PhysAddress", h.physAddress());
        v.put("IPAddress", h.primaryAddress());
        v.put("InterfaceType", switch (h.linkKind()) {
            case ETHERNET -> "Ethernet";
            case WIFI -> "Wi-Fi";
            case OTHER -> "Other";
        });
        v.put("HostName", h.hostName());
        v.put("Active", Boolean.toString(h.active()));
        v.put("ActiveLastChange", PlatformValues.dateTime(h.activeLastChange()));
        Map<String, List<KeyReference>> refs = new LinkedHashMap<>();
        refs.put("DHCPClient", h.dhcpPool().isEmpty() ? List.of()
                : List.of(KeyReference.of(Dhcpv4ServerObject.CLIENT, h.dhcpPool(), h.physAddress())));
        refs.put("Layer1Interface", h.port().isEmpty() || h.linkKind() == LanHost.LinkKind.OTHER ? List.of()
                : List.of(KeyReference.of(h.linkKind() == LanHost.LinkKind.WIFI ? "Device.WiFi.SSID.{i}."
                        : "Device.Ethernet.Interface.{i}.", h.port())));
        refs.put("Layer3Interface", h.ipInterface().isEmpty() ? List.of()
                : List.of(KeyReference.of(NatPortMappingObject.IP_INTERFACE, h.ipInterface())));
        return new TableProvider.Row(h.physAddress(), v, refs);
    }
}

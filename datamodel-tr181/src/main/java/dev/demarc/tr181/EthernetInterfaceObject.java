package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code Device.Ethernet.Interface.{i}.} of TR-181 Device:2.19: the device's Ethernet ports
 * (physical ports, DSA switch ports, and veth ends, the Ethernet port of a container), one per
 * netdev, keyed by its name; with {@code Stats.}. Also builds {@code Device.Ethernet.}, which
 * here holds the interface and link tables ({@link EthernetLinkObject}).
 *
 * <p>{@code Enable} is applied by the platform (the link set up or down) where it can; the other
 * values are the platform's. {@code CurrentBitRate} is 0 when the rate is not known (link down,
 * a virtual port). Left out as Linux does not say them without {@code ethtool}: {@code MaxBitRate},
 * {@code DuplexMode} (the configured mode; {@code CurrentDuplexMode} is served), the link modes,
 * EEE, EDPD, MDIX, SFPs. {@code LowerLayers} is empty (a layer-1 interface) and declared as the
 * standard does, read-write, only in the full model: no platform changes it.
 */
public final class EthernetInterfaceObject {

    public static final String PATH = NetworkRows.ETHERNET_INTERFACE;
    static final String STATS = PATH + "Stats.";

    private EthernetInterfaceObject() {
    }

    /** {@code Device.Ethernet.}: the interface and link tables with their counts. */
    static ObjectDef.Builder ethernetDefinition(Platform platformOrNull) {
        return ObjectDef.single("Ethernet")
                .tableWithCount(definition(platformOrNull))
                .tableWithCount(EthernetLinkObject.definition(platformOrNull));
    }

    static ObjectDef.Builder definition(Platform platformOrNull) {
        NetworkCapabilities can = NetworkObjects.capabilities(platformOrNull);
        boolean full = platformOrNull == null;
        return ObjectDef.table("Interface")
                .uniqueKey("Alias")
                .uniqueKey("Name")
                .param(NetworkObjects.param("Enable", ValueType.bool(), can.linkEnable()))
                .param(ParameterDef.readOnly("Status", NetworkObjects.INTERFACE_STATUS))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(64)))
                .param(ParameterDef.readOnly("LastChange", ValueType.unsignedInt()))
                .param(NetworkObjects.param("LowerLayers", NetworkObjects.LOWER_LAYERS, full))
                .param(ParameterDef.readOnly("Upstream", ValueType.bool()))
                .param(ParameterDef.readOnly("MACAddress", DataTypes.MAC_ADDRESS))
                .param(ParameterDef.readOnly("CurrentBitRate", ValueType.unsignedInt()))
                .param(ParameterDef.readOnly("CurrentDuplexMode",
                        ValueType.string().enumeration("Unknown", "Half", "Full")))
                .object(InterfaceStatsObject.definition(true));
    }

    static void bind(Bindings.Builder bindings, NetworkPlatform net, InterfaceStatsObject.Baselines baselines,
                     LongSupplier clock) {
        bindings.table(PATH, SnapshotRows.of(net::snapshot, s -> NetworkRows.ethernetInterfaces(s).stream()
                .map(EthernetInterfaceObject::row).toList()), NetworkObjects.TABLE_TTL);
        NetworkObjects.bindLastChange(bindings, PATH,
                ref -> net.snapshot().link(ref.rowKey()).map(Link::lastChangeNanos), clock);
        InterfaceStatsObject.bind(bindings, STATS, true, net::snapshot,
                (s, ref) -> s.link(ref.rowKey()).map(Link::stats), baselines);
        bindings.hook(PATH, NetworkObjects.enableHook(
                (ref, on) -> net.setLinkEnabled(ref.rowKey(), on),
                ref -> baselines.reset(STATS, ref.rowKeys(),
                        net.snapshot().link(ref.rowKey()).map(Link::stats).orElse(dev.demarc.tr181.platform.LinkStats.ZERO))));
    }

    static void commands(UspCommands.Builder commands, NetworkPlatform net, InterfaceStatsObject.Baselines baselines) {
        commands.register(STATS + "Reset()", InterfaceStatsObject.resetCommand(STATS,
                keys -> net.snapshot().link(keys.get(0)).map(Link::stats), baselines));
    }

    private static TableProvider.Row row(Link l) {
        Map<String, String> v = NetworkObjects.values(
                "Enable", Boolean.toString(l.adminUp()),
                "Status", NetworkRows.layer1Status(l),
                "Name", l.name(),
                "Upstream", Boolean.toString(l.upstream()),
                "MACAddress", l.macAddress(),
                "CurrentBitRate", Long.toString(Math.max(0, Math.min(l.speedMbps(), PlatformValues.UNSIGNED_INT_MAX))),
                "CurrentDuplexMode", switch (l.duplex()) {
                    case FULL -> "Full";
                    case HALF -> "Half";
                    case UNKNOWN -> "Unknown";
                });
        return new TableProvider.Row(l.name(), v, Map.of("LowerLayers", List.of()));
    }
}

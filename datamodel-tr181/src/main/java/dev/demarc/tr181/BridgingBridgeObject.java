package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code Device.Bridging.Bridge.{i}.} of TR-181 Device:2.19 with {@code Port.{i}.} and the ports'
 * {@code Stats.}: the device's Linux bridges ({@code br-lan}), keyed by the bridge's netdev name.
 * Each bridge has a management port (the bridge's own interface, keyed by the bridge name, whose
 * {@code LowerLayers} are the other ports) and one port per member netdev (keyed by its name,
 * stacked on its Ethernet interface or Wi-Fi SSID). Also builds {@code Device.Bridging.}, which
 * here holds only the bridge table.
 *
 * <p>{@code Enable} of a bridge or a port is applied by the platform where it can (the netdev set
 * up or down); a bridge's {@code Status} is Enabled when its netdev is up. Left out: the bridge's
 * {@code Standard} and {@code AgingTime}, VLANs, STP, and the ports' 802.1Q settings and
 * {@code PortState}. {@code LowerLayers} and {@code ManagementPort} are declared read-write as the
 * standard does only in the full model; no platform changes them. Instances come from the
 * platform: Add and Delete are refused.
 */
public final class BridgingBridgeObject {

    public static final String PATH = NetworkRows.BRIDGE;
    public static final String PORT_PATH = NetworkRows.BRIDGE_PORT;
    static final String PORT_STATS = PORT_PATH + "Stats.";

    private BridgingBridgeObject() {
    }

    /** {@code Device.Bridging.}: the bridge table and its count. */
    static ObjectDef.Builder bridgingDefinition(Platform platformOrNull) {
        return ObjectDef.single("Bridging").tableWithCount(definition(platformOrNull));
    }

    static ObjectDef.Builder definition(Platform platformOrNull) {
        NetworkCapabilities can = NetworkObjects.capabilities(platformOrNull);
        boolean full = platformOrNull == null;
        ObjectDef.Builder bridge = ObjectDef.table("Bridge");
        ObjectDef.Builder port = ObjectDef.table("Port");
        if (full) {
            bridge.creatable();
            port.creatable();
        }
        port.uniqueKey("Alias")
                .uniqueKey("Name")
                .param(NetworkObjects.param("Enable", ValueType.bool(), can.linkEnable()))
                .param(ParameterDef.readOnly("Status", NetworkObjects.INTERFACE_STATUS))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(64)))
                .param(ParameterDef.readOnly("LastChange", ValueType.unsignedInt()))
                .param(NetworkObjects.param("LowerLayers", NetworkObjects.LOWER_LAYERS, full))
                .param(NetworkObjects.param("ManagementPort", ValueType.bool(), full))
                .object(InterfaceStatsObject.definition(false));
        return bridge.uniqueKey("Alias")
                .param(NetworkObjects.param("Enable", ValueType.bool(), can.linkEnable()))
                .param(ParameterDef.readOnly("Status", ValueType.string().enumeration("Disabled", "Enabled", "Error")))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(64)))
                .tableWithCount(port);
    }

    static void bind(Bindings.Builder bindings, NetworkPlatform net, InterfaceStatsObject.Baselines baselines,
                     LongSupplier clock, Predicate<String> served) {
        bindings.table(PATH, SnapshotRows.of(net::snapshot, s -> NetworkRows.bridges(s).stream()
                .map(BridgingBridgeObject::bridgeRow).toList()), NetworkObjects.TABLE_TTL);
        bindings.hook(PATH, NetworkObjects.enableHook((ref, on) -> net.setLinkEnabled(ref.rowKey(), on), ref -> { }));
        bindings.table(PORT_PATH, SnapshotRows.perParent(net::snapshot, (s, parent) -> {
            String bridge = parent.rowKey();
            return NetworkRows.ports(s, bridge).stream().map(p -> portRow(s, bridge, p, served)).toList();
        }), NetworkObjects.TABLE_TTL);
        NetworkObjects.bindLastChange(bindings, PORT_PATH, ref -> port(net, ref).map(Link::lastChangeNanos), clock);
        InterfaceStatsObject.bind(bindings, PORT_STATS, false, net::snapshot,
                (s, ref) -> port(s, ref).map(Link::stats), baselines);
        bindings.hook(PORT_PATH, NetworkObjects.enableHook(
                (ref, on) -> net.setLinkEnabled(ref.rowKey(), on),
                ref -> baselines.reset(PORT_STATS, ref.rowKeys(), port(net, ref).map(Link::stats).orElse(LinkStats.ZERO))));
    }

    static void commands(UspCommands.Builder commands, NetworkPlatform net, InterfaceStatsObject.Baselines baselines) {
        commands.register(PORT_STATS + "Reset()", InterfaceStatsObject.resetCommand(PORT_STATS,
                keys -> net.snapshot().link(keys.get(1)).map(Link::stats), baselines));
    }

    /** The port's link: the bridge itself for the management port, else the member. */
    private static Optional<Link> port(NetworkPlatform net, InstanceRef ref) {
        return port(net.snapshot(), ref);
    }

    private static Optional<Link> port(NetworkSnapshot s, InstanceRef ref) {
        return s.link(ref.rowKey());
    }

    private static TableProvider.Row bridgeRow(Link b) {
        return new TableProvider.Row(b.name(), NetworkObjects.values(
                "Enable", Boolean.toString(b.adminUp()),
                "Status", b.adminUp() ? "Enabled" : "Disabled",
                "Name", b.name()));
    }

    private static TableProvider.Row portRow(NetworkSnapshot s, String bridge, Link p, Predicate<String> served) {
        boolean management = p.name().equals(bridge);
        Map<String, String> v = NetworkObjects.values(
                "Enable", Boolean.toString(p.adminUp()),
                "Status", NetworkRows.higherStatus(p),
                "Name", p.name(),
                "ManagementPort", Boolean.toString(management));
        List<dev.demarc.core.model.KeyReference> lower =
                NetworkObjects.servedOnly(NetworkRows.portLowerLayers(s, bridge, p), served);
        return new TableProvider.Row(p.name(), v, Map.of("LowerLayers", lower));
    }
}

package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
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
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code Device.Ethernet.Link.{i}.} of TR-181 Device:2.19: the Ethernet MAC layer below each IP
 * interface whose device carries Ethernet frames (a port, a bridge, a VLAN, a Wi-Fi netdev),
 * keyed by the netdev name; with {@code Stats.}. {@code LowerLayers} names the Ethernet interface,
 * the bridge's management port or the Wi-Fi SSID below (see {@link NetworkRows}); a VLAN's link
 * names what its parent is on, as Demarc does not serve {@code Ethernet.VLANTermination.}.
 *
 * <p>{@code Enable} is applied by the platform where it can. {@code LowerLayers}, {@code MTU} and
 * {@code MACAddress} are declared read-write as the standard does only in the full model; no
 * platform changes them. Instances come from the platform: Add and Delete are refused.
 */
public final class EthernetLinkObject {

    public static final String PATH = NetworkRows.ETHERNET_LINK;
    static final String STATS = PATH + "Stats.";

    private EthernetLinkObject() {
    }

    static ObjectDef.Builder definition(Platform platformOrNull) {
        NetworkCapabilities can = NetworkObjects.capabilities(platformOrNull);
        boolean full = platformOrNull == null;
        ObjectDef.Builder b = ObjectDef.table("Link");
        if (full) {
            b.creatable();
        }
        return b.uniqueKey("Alias")
                .uniqueKey("Name")
                .uniqueKey("MACAddress")
                .param(NetworkObjects.param("Enable", ValueType.bool(), can.linkEnable()))
                .param(ParameterDef.readOnly("Status", NetworkObjects.INTERFACE_STATUS))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(64)))
                .param(ParameterDef.readOnly("LastChange", ValueType.unsignedInt()))
                .param(NetworkObjects.param("LowerLayers", NetworkObjects.LOWER_LAYERS, full))
                .param(NetworkObjects.param("MTU", ValueType.unsignedInt(), full))
                .param(NetworkObjects.param("MACAddress", DataTypes.MAC_ADDRESS, full))
                .object(InterfaceStatsObject.definition(false));
    }

    static void bind(Bindings.Builder bindings, NetworkPlatform net, InterfaceStatsObject.Baselines baselines,
                     LongSupplier clock, Predicate<String> served) {
        bindings.table(PATH, SnapshotRows.of(net::snapshot,
                s -> NetworkRows.ethernetLinks(s).stream().map(l -> row(s, l, served)).toList()), NetworkObjects.TABLE_TTL);
        NetworkObjects.bindLastChange(bindings, PATH,
                ref -> net.snapshot().link(ref.rowKey()).map(Link::lastChangeNanos), clock);
        InterfaceStatsObject.bind(bindings, STATS, false, net::snapshot,
                (s, ref) -> s.link(ref.rowKey()).map(Link::stats), baselines);
        bindings.hook(PATH, NetworkObjects.enableHook(
                (ref, on) -> net.setLinkEnabled(ref.rowKey(), on),
                ref -> baselines.reset(STATS, ref.rowKeys(),
                        net.snapshot().link(ref.rowKey()).map(Link::stats).orElse(LinkStats.ZERO))));
    }

    static void commands(UspCommands.Builder commands, NetworkPlatform net, InterfaceStatsObject.Baselines baselines) {
        commands.register(STATS + "Reset()", InterfaceStatsObject.resetCommand(STATS,
                keys -> net.snapshot().link(keys.get(0)).map(Link::stats), baselines));
    }

    private static TableProvider.Row row(NetworkSnapshot s, Link l, Predicate<String> served) {
        Map<String, String> v = NetworkObjects.values(
                "Enable", Boolean.toString(l.adminUp()),
                "Status", NetworkRows.higherStatus(l),
                "Name", l.name(),
                "MTU", Integer.toString(l.mtu()),
                "MACAddress", l.macAddress());
        return new TableProvider.Row(l.name(), v,
                Map.of("LowerLayers", NetworkObjects.servedOnly(NetworkRows.layer2Below(s, l), served)));
    }
}

package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.NetworkSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code Device.InterfaceStack.{i}.} of TR-181 Device:2.19: one instance per pair of interfaces
 * stacked one on the other, built from the {@code LowerLayers} references the network objects
 * give ({@link NetworkRows}): IP interfaces on Ethernet links (or PPP interfaces), Ethernet links
 * on Ethernet interfaces, bridge ports and Wi-Fi SSIDs, management ports on member ports, member
 * ports on their interfaces. Pairs whose lower table the model does not serve are left out.
 *
 * <p>Only the network area's own {@code LowerLayers} are here: what other areas stack (a PPP
 * interface on its Ethernet link, an SSID on its radio) is not. {@code HigherAlias} and
 * {@code LowerAlias} are left out.
 */
public final class InterfaceStackObject {

    public static final String PATH = NetworkRows.INTERFACE_STACK;

    private InterfaceStackObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.table("InterfaceStack")
                .uniqueKey("HigherLayer", "LowerLayer")
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readOnly("HigherLayer", ValueType.string().maxLength(256)))
                .param(ParameterDef.readOnly("LowerLayer", ValueType.string().maxLength(256)));
    }

    static void bind(Bindings.Builder bindings, NetworkPlatform net, Predicate<String> served) {
        bindings.table(PATH, SnapshotRows.of(net::snapshot, s -> rows(s, served)), NetworkObjects.TABLE_TTL);
    }

    /** The stack's pairs, IP layer first. */
    static List<TableProvider.Row> rows(NetworkSnapshot s, Predicate<String> served) {
        List<TableProvider.Row> out = new ArrayList<>();
        for (IpInterface i : s.ipInterfaces()) {
            add(out, KeyReference.of(NetworkRows.IP_INTERFACE, i.name()), NetworkRows.ipLowerLayers(s, i), served);
        }
        for (Link l : NetworkRows.ethernetLinks(s)) {
            add(out, KeyReference.of(NetworkRows.ETHERNET_LINK, l.name()), NetworkRows.layer2Below(s, l), served);
        }
        for (Link b : NetworkRows.bridges(s)) {
            for (Link p : NetworkRows.ports(s, b.name())) {
                add(out, KeyReference.of(NetworkRows.BRIDGE_PORT, b.name(), p.name()),
                        NetworkRows.portLowerLayers(s, b.name(), p), served);
            }
        }
        return out;
    }

    private static void add(List<TableProvider.Row> out, KeyReference higher, List<KeyReference> lowers,
                            Predicate<String> served) {
        if (!served.test(higher.supportedTablePath())) {
            return;
        }
        for (KeyReference lower : lowers) {
            if (served.test(lower.supportedTablePath())) {
                out.add(new TableProvider.Row(key(higher) + ">" + key(lower), Map.of(),
                        Map.of("HigherLayer", List.of(higher), "LowerLayer", List.of(lower))));
            }
        }
    }

    private static String key(KeyReference r) {
        return r.supportedTablePath() + String.join("/", r.keys());
    }
}

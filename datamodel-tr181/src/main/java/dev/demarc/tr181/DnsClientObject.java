package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code Device.DNS.Client.} of TR-181 Device:2.19 with {@code Server.{i}.}: the DNS servers the
 * device's resolver uses, from the {@link WanPlatform} ({@code resolv.conf}, systemd-resolved's
 * upstream list, OpenWrt's per-interface servers), each with the IP interface it was learned on
 * (by key) and how ({@code DHCPv4}, {@code IPCP}, {@code Static}...). A server's row key is its
 * address.
 *
 * <p>Read-only on every platform: the servers come from DHCP, PPP and the device's own
 * configuration, and no platform applies a server or an enable written here, so each platform's
 * model declares them read-only. Only the full model ({@code definition(null)}) keeps the
 * standard's access, so that it matches the standard. The server rows are pushed when the
 * platform's snapshot changes; {@code Client.Enable} and {@code Status} are read at each read.
 */
public final class DnsClientObject {

    public static final String PATH = "Device.DNS.Client.";
    public static final String SERVER_PATH = PATH + "Server.{i}.";

    static final ParameterDef ENABLE_RW = ParameterDef.readWrite("Enable", ValueType.bool());
    static final ParameterDef CLIENT_STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration("Disabled", "Enabled", "Error"));
    static final ParameterDef SERVER_STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration("Disabled", "Enabled", "Error"));
    static final ParameterDef ALIAS = ParameterDef.writeOnce("Alias", DataTypes.ALIAS);
    static final ParameterDef DNS_SERVER_RW = ParameterDef.readWrite("DNSServer", DataTypes.IP_ADDRESS);
    static final ParameterDef INTERFACE_RW = ParameterDef.readWrite("Interface", ValueType.string().maxLength(256));
    static final ParameterDef TYPE = ParameterDef.readOnly("Type", ValueType.string()
            .enumeration("DHCPv4", "DHCPv6", "RouterAdvertisement", "IPCP", "3GPP-NAS", "Static"));

    /** The parameters whose changes the platform pushes (never polled). */
    static final Set<String> PUSHED = Set.of(SERVER_PATH + "Enable", SERVER_PATH + "Status",
            SERVER_PATH + "DNSServer", SERVER_PATH + "Interface", SERVER_PATH + "Type");

    private DnsClientObject() {
    }

    /** {@code Client.} with its {@code Server.{i}.} table ({@code null}: the full model), to go in {@code Device.DNS.}. */
    static ObjectDef.Builder definition(Platform platform) {
        boolean full = platform == null;
        ObjectDef.Builder server = ObjectDef.table("Server")
                .uniqueKey("DNSServer")
                .maxEntries(WanState.MAX_DNS_SERVERS)
                .param(access(ENABLE_RW, full))
                .param(SERVER_STATUS)
                .param(ALIAS)
                .param(access(DNS_SERVER_RW, full))
                .param(access(INTERFACE_RW, full))
                .param(TYPE);
        if (full) {
            server.creatable();
        }
        return ObjectDef.single("Client")
                .param(access(ENABLE_RW, full))
                .param(CLIENT_STATUS)
                .tableWithCount(server);
    }

    private static ParameterDef access(ParameterDef def, boolean full) {
        return full ? def : PlatformAccess.readOnly(def);
    }

    static void bind(Bindings.Builder b, Platform platform, PlatformChanges changes) {
        WanPlatform wan = platform.wan();
        b.parameter(PATH + ENABLE_RW.name(),
                PlatformValues.checked(ENABLE_RW, () -> Boolean.toString(wan.state().dnsEnabled())), Duration.ZERO);
        b.parameter(PATH + CLIENT_STATUS.name(),
                PlatformValues.checked(CLIENT_STATUS, () -> wan.state().dnsEnabled() ? "Enabled" : "Disabled"),
                Duration.ZERO);
        b.table(SERVER_PATH, SnapshotRows.of(wan::state, DnsClientObject::rows), Duration.ZERO);
        WanWatch.watch(wan, WanState::dnsServers, changes, List.of(PATH + "Server."));
    }

    static List<TableProvider.Row> rows(WanState state) {
        List<TableProvider.Row> rows = new ArrayList<>();
        for (DnsServerState s : state.dnsServers()) {
            rows.add(PlatformRow.keyed(s.address())
                    .value(ENABLE_RW, true)
                    .value(SERVER_STATUS, "Enabled")
                    .value(DNS_SERVER_RW, s.address())
                    .reference(INTERFACE_RW, "Device.IP.Interface.{i}.", s.interfaceKey())
                    .value(TYPE, s.type().text())
                    .build());
        }
        return rows;
    }
}

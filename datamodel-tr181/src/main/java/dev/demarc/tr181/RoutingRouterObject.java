package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.Ipv6RouteState;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code Device.Routing.Router.{i}.} of TR-181 Device:2.19 with {@code IPv4Forwarding.{i}.} and
 * {@code IPv6Forwarding.{i}.}: the device's main routing table, from the {@link WanPlatform}, as
 * one router keyed {@value #MAIN} (there when the platform reads a routing table). A route's key
 * is its destination, gateway, interface and metric; its {@code Interface} names
 * {@code Device.IP.Interface.{i}.} by key.
 *
 * <p>Read-only on every platform: the routes are the kernel's, made by DHCP, PPP, the kernel
 * and the device's own configuration; no platform applies a route written here, so each
 * platform's model declares these parameters read-only. Only the full model
 * ({@code definition(null)}) keeps the standard's access (writable parameters, Add and Delete),
 * so that it matches the standard. The rows are pushed when the platform's snapshot changes;
 * {@code IPv6Forwarding.{i}.ExpirationTime} is read at each read.
 *
 * <p>Only unicast routes of the main table are listed. Connected routes (made by the kernel for
 * an address's network) have Origin {@code Static} and {@code StaticRoute} false; routes made by
 * the device's configuration have {@code StaticRoute} true. Left out: {@code Type} and
 * {@code ForwardingPolicy} (policy routing, other tables), and the routing protocols
 * ({@code RIP.}, {@code Babel.}, {@code RouteInformation.}).
 */
public final class RoutingRouterObject {

    public static final String PATH = "Device.Routing.Router.{i}.";
    public static final String IPV4_PATH = PATH + "IPv4Forwarding.{i}.";
    public static final String IPV6_PATH = PATH + "IPv6Forwarding.{i}.";
    /** The key of the one router: the kernel's main table. */
    public static final String MAIN = "main";
    /** TR-181's dateTime for "never": a route that does not expire. */
    static final String NEVER = "9999-12-31T23:59:59Z";

    private static final String IP_INTERFACE = "Device.IP.Interface.{i}.";

    static final ParameterDef ENABLE_RW = ParameterDef.readWrite("Enable", ValueType.bool());
    static final ParameterDef ROUTER_STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration("Disabled", "Enabled", "Error"));
    static final ParameterDef ALIAS = ParameterDef.writeOnce("Alias", DataTypes.ALIAS);
    static final ParameterDef FORWARDING_STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration("Disabled", "Enabled", "Error_Misconfigured", "Error"));
    static final ParameterDef STATIC_ROUTE = ParameterDef.readOnly("StaticRoute", ValueType.bool());
    static final ParameterDef DEST_IP_ADDRESS_RW = ParameterDef.readWrite("DestIPAddress", DataTypes.IPV4_ADDRESS);
    static final ParameterDef DEST_SUBNET_MASK_RW = ParameterDef.readWrite("DestSubnetMask", DataTypes.IPV4_ADDRESS);
    static final ParameterDef GATEWAY_IP_ADDRESS_RW = ParameterDef.readWrite("GatewayIPAddress", DataTypes.IPV4_ADDRESS);
    static final ParameterDef INTERFACE_RW = ParameterDef.readWrite("Interface", ValueType.string().maxLength(256));
    static final ParameterDef ORIGIN4 = ParameterDef.readOnly("Origin",
            ValueType.string().enumeration("DHCPv4", "OSPF", "IPCP", "RIP", "3GPP-NAS", "Static"));
    static final ParameterDef FORWARDING_METRIC_RW = ParameterDef.readWrite("ForwardingMetric",
            ValueType.int32().range(-1, Integer.MAX_VALUE));
    static final ParameterDef DEST_IP_PREFIX_RW = ParameterDef.readWrite("DestIPPrefix", DataTypes.IPV6_PREFIX);
    static final ParameterDef NEXT_HOP_RW = ParameterDef.readWrite("NextHop", DataTypes.IPV6_ADDRESS);
    static final ParameterDef ORIGIN6 = ParameterDef.readOnly("Origin",
            ValueType.string().enumeration("DHCPv6", "OSPF", "RA", "RIPng", "3GPP-NAS", "Static"));
    static final ParameterDef EXPIRATION_TIME = ParameterDef.readOnly("ExpirationTime", ValueType.dateTime());

    /** The parameters whose changes the platform pushes (never polled). */
    static final Set<String> PUSHED = Set.of(PATH + "Enable", PATH + "Status",
            IPV4_PATH + "Enable", IPV4_PATH + "Status", IPV4_PATH + "StaticRoute", IPV4_PATH + "DestIPAddress",
            IPV4_PATH + "DestSubnetMask", IPV4_PATH + "GatewayIPAddress", IPV4_PATH + "Interface",
            IPV4_PATH + "Origin", IPV4_PATH + "ForwardingMetric",
            IPV6_PATH + "Enable", IPV6_PATH + "Status", IPV6_PATH + "DestIPPrefix", IPV6_PATH + "NextHop",
            IPV6_PATH + "Interface", IPV6_PATH + "Origin", IPV6_PATH + "ForwardingMetric");

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private RoutingRouterObject() {
    }

    /**
     * The {@code Router.{i}.} table ({@code null}: the full model), to go in {@code Device.Routing.}
     * with its {@code RouterNumberOfEntries}.
     */
    static ObjectDef.Builder definition(Platform platform) {
        boolean full = platform == null;
        ObjectDef.Builder v4 = ObjectDef.table("IPv4Forwarding")
                .uniqueKey("DestIPAddress", "DestSubnetMask", "GatewayIPAddress", "Interface", "ForwardingMetric")
                .maxEntries(WanState.MAX_ROUTES)
                .param(access(ENABLE_RW, full))
                .param(FORWARDING_STATUS)
                .param(ALIAS)
                .param(STATIC_ROUTE)
                .param(access(DEST_IP_ADDRESS_RW, full))
                .param(access(DEST_SUBNET_MASK_RW, full))
                .param(access(GATEWAY_IP_ADDRESS_RW, full))
                .param(access(INTERFACE_RW, full))
                .param(ORIGIN4)
                .param(access(FORWARDING_METRIC_RW, full));
        ObjectDef.Builder v6 = ObjectDef.table("IPv6Forwarding")
                .uniqueKey("DestIPPrefix", "NextHop", "Interface", "ForwardingMetric")
                .maxEntries(WanState.MAX_ROUTES)
                .param(access(ENABLE_RW, full))
                .param(FORWARDING_STATUS)
                .param(ALIAS)
                .param(access(DEST_IP_PREFIX_RW, full))
                .param(access(NEXT_HOP_RW, full))
                .param(access(INTERFACE_RW, full))
                .param(ORIGIN6)
                .param(access(FORWARDING_METRIC_RW, full))
                .param(EXPIRATION_TIME);
        ObjectDef.Builder router = ObjectDef.table("Router")
                .maxEntries(1)
                .param(access(ENABLE_RW, full))
                .param(ROUTER_STATUS)
                .param(ALIAS)
                .tableWithCount(v4)
                .tableWithCount(v6);
        if (full) {
            router.creatable();
            v4.creatable();
            v6.creatable();
        }
        return router;
    }

    private static ParameterDef access(ParameterDef def, boolean full) {
        return full ? def : PlatformAccess.readOnly(def);
    }

    static void bind(Bindings.Builder b, Platform platform, PlatformChanges changes) {
        WanPlatform wan = platform.wan();
        b.table(PATH, SnapshotRows.of(wan::state, RoutingRouterObject::routerRows), Duration.ZERO);
        b.table(IPV4_PATH, SnapshotRows.perParent(wan::state, (s, parent) -> ipv4Rows(parent, s)), Duration.ZERO);
        b.table(IPV6_PATH, SnapshotRows.perParent(wan::state, (s, parent) -> ipv6Rows(parent, s)), Duration.ZERO);
        b.parameter(IPV6_PATH + EXPIRATION_TIME.name(), InstanceValues.checked(EXPIRATION_TIME,
                key -> wan.state().ipv6Route(key).map(r -> r.expires().map(RoutingRouterObject::dateTime).orElse(NEVER))),
                Duration.ZERO);
        WanWatch.watch(wan, WanState::routing, changes, List.of("Device.Routing.Router."));
        WanWatch.watch(wan, WanState::ipv4Routes, changes, List.of("Device.Routing.Router.{i}.IPv4Forwarding."));
        WanWatch.watch(wan, WanState::ipv6Routes, changes, List.of("Device.Routing.Router.{i}.IPv6Forwarding."));
    }

    static String dateTime(Instant t) {
        return t.getEpochSecond() >= 253402300799L ? NEVER : DATE_TIME.format(t);
    }

    static List<TableProvider.Row> routerRows(WanState state) {
        if (!state.routing()) {
            return List.of();
        }
        return List.of(PlatformRow.keyed(MAIN)
                .value(ENABLE_RW, true)
                .value(ROUTER_STATUS, "Enabled")
                .build());
    }

    static List<TableProvider.Row> ipv4Rows(InstanceRef router, WanState state) {
        if (!router.rowKey().equals(MAIN)) {
            return List.of();
        }
        List<TableProvider.Row> rows = new ArrayList<>();
        for (Ipv4RouteState r : state.ipv4Routes()) {
            rows.add(PlatformRow.keyed(r.key())
                    .value(ENABLE_RW, true)
                    .value(FORWARDING_STATUS, "Enabled")
                    .value(STATIC_ROUTE, r.staticRoute())
                    .value(DEST_IP_ADDRESS_RW, r.destination())
                    .value(DEST_SUBNET_MASK_RW, r.subnetMask())
                    .value(GATEWAY_IP_ADDRESS_RW, r.gateway())
                    .reference(INTERFACE_RW, IP_INTERFACE, r.interfaceKey())
                    .value(ORIGIN4, r.origin().text())
                    .value(FORWARDING_METRIC_RW, Math.min(r.metric(), Integer.MAX_VALUE))
                    .build());
        }
        return rows;
    }

    static List<TableProvider.Row> ipv6Rows(InstanceRef router, WanState state) {
        if (!router.rowKey().equals(MAIN)) {
            return List.of();
        }
        List<TableProvider.Row> rows = new ArrayList<>();
        for (Ipv6RouteState r : state.ipv6Routes()) {
            rows.add(PlatformRow.keyed(r.key())
                    .value(ENABLE_RW, true)
                    .value(FORWARDING_STATUS, "Enabled")
                    .value(DEST_IP_PREFIX_RW, r.destination())
                    .value(NEXT_HOP_RW, r.nextHop())
                    .reference(INTERFACE_RW, IP_INTERFACE, r.interfaceKey())
                    .value(ORIGIN6, r.origin().text())
                    .value(FORWARDING_METRIC_RW, Math.min(r.metric(), Integer.MAX_VALUE))
                    .build());
        }
        return rows;
    }
}

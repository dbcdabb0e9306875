package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.tr181.platform.IpInterface;
import dev.demarc.tr181.platform.Ipv4Address;
import dev.demarc.tr181.platform.Ipv6Address;
import dev.demarc.tr181.platform.Ipv6Prefix;
import dev.demarc.tr181.platform.Link;
import dev.demarc.tr181.platform.LinkStats;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code Device.IP.Interface.{i}.} of TR-181 Device:2.19 with {@code IPv4Address.{i}.},
 * {@code IPv6Address.{i}.}, {@code IPv6Prefix.{i}.}, {@code Stats.} and {@code Reset()}: the
 * device's IP interfaces, keyed by their TR-181 Name, which is OpenWrt's logical interface name
 * ({@code wan}, so that {@code Device.IP.Interface.[Name=="wan"].Status} works) or on generic
 * Linux the netdev name. Also builds {@code Device.IP.}, which here holds only the interface
 * table (other areas may add to it).
 *
 * <p>{@code Enable} and {@code Reset()} are applied by the platform where it can; the
 * statistics of an interface are reset when its Enable turns true, by {@code Reset()} and by
 * {@code Stats.Reset()} (a baseline, see {@link InterfaceStatsObject}). Addresses and prefixes
 * are the platform's: their instances cannot be added or deleted and their values cannot be
 * written (the parameters the standard makes read-write are declared so only in the full model).
 * An address or prefix the platform lists is enabled and its Status Enabled. Left out:
 * IPv4Enable, IPv6Enable, ULAEnable, Router, MaxMTUSize, Loopback, AutoIPEnable, TWAMP reflectors,
 * an address's Anycast, a prefix's StaticType, ParentPrefix, ChildPrefixBits, OnLink and
 * Autonomous.
 */
public final class IpInterfaceObject {

    public static final String PATH = NetworkRows.IP_INTERFACE;
    static final String STATS = PATH + "Stats.";

    private IpInterfaceObject() {
    }

    /** {@code Device.IP.}: the interface table and its count. */
    static ObjectDef.Builder ipDefinition(Platform platformOrNull) {
        return ObjectDef.single("IP").tableWithCount(definition(platformOrNull));
    }

    static ObjectDef.Builder definition(Platform platformOrNull) {
        NetworkCapabilities can = NetworkObjects.capabilities(platformOrNull);
        boolean full = platformOrNull == null;
        ObjectDef.Builder b = ObjectDef.table("Interface");
        if (full) {
            b.creatable();
        }
        b.uniqueKey("Alias")
                .uniqueKey("Name")
                .param(NetworkObjects.param("Enable", ValueType.bool(), can.ipInterfaceEnable()))
                .param(ParameterDef.readOnly("Status", NetworkObjects.INTERFACE_STATUS))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(64)))
                .param(ParameterDef.readOnly("LastChange", ValueType.unsignedInt()))
                .param(NetworkObjects.param("LowerLayers", NetworkObjects.LOWER_LAYERS, full))
                .param(ParameterDef.readOnly("Type",
                        ValueType.string().enumeration("Normal", "Loopback", "Tunnel", "Tunneled")))
                .tableWithCount(ipv4Address(full))
                .tableWithCount(ipv6Address(full))
                .tableWithCount(ipv6Prefix(full))
                .object(InterfaceStatsObject.definition(false));
        if (can.ipInterfaceReset()) {
            b.command(new CommandDef("Reset", false, List.of(), List.of()));
        }
        return b;
    }

    private static ObjectDef.Builder ipv4Address(boolean full) {
        ObjectDef.Builder b = ObjectDef.table("IPv4Address");
        if (full) {
            b.creatable();
        }
        return b.uniqueKey("Alias")
                .uniqueKey("IPAddress", "SubnetMask")
                .param(NetworkObjects.param("Enable", ValueType.bool(), full))
                .param(ParameterDef.readOnly("Status",
                        ValueType.string().enumeration("Disabled", "Enabled", "Error_Misconfigured", "Error")))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(NetworkObjects.param("IPAddress", DataTypes.IPV4_ADDRESS, full))
                .param(NetworkObjects.param("SubnetMask", DataTypes.IPV4_ADDRESS, full))
                .param(ParameterDef.readOnly("AddressingType",
                        ValueType.string().enumeration("DHCP", "IKEv2", "AutoIP", "IPCP", "Static", "3GPP-NAS")));
    }

    private static ObjectDef.Builder ipv6Address(boolean full) {
        ObjectDef.Builder b = ObjectDef.table("IPv6Address");
        if (full) {
            b.creatable();
        }
        return b.uniqueKey("Alias")
                .uniqueKey("IPAddress")
                .param(NetworkObjects.param("Enable", ValueType.bool(), full))
                .param(ParameterDef.readOnly("Status",
                        ValueType.string().enumeration("Disabled", "Enabled", "Error_Misconfigured", "Error")))
                .param(ParameterDef.readOnly("IPAddressStatus", ValueType.string().enumeration("Preferred",
                        "Deprecated", "Invalid", "Inaccessible", "Unknown", "Tentative", "Duplicate", "Optimistic")))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(NetworkObjects.param("IPAddress", DataTypes.IPV6_ADDRESS, full))
                .param(ParameterDef.readOnly("Origin", ValueType.string().enumeration("AutoConfigured", "DHCPv6",
                        "IKEv2", "MAP", "WellKnown", "3GPP-NAS", "Static")))
                .param(NetworkObjects.param("Prefix", ValueType.string(), full))
                .param(NetworkObjects.param("PreferredLifetime", ValueType.dateTime(), full))
                .param(NetworkObjects.param("ValidLifetime", ValueType.dateTime(), full));
    }

    private static ObjectDef.Builder ipv6Prefix(boolean full) {
        ObjectDef.Builder b = ObjectDef.table("IPv6Prefix");
        if (full) {
            b.creatable();
        }
        return b.uniqueKey("Alias")
                .uniqueKey("Prefix")
                .param(NetworkObjects.param("Enable", ValueType.bool(), full))
                .param(ParameterDef.readOnly("Status", ValueType.string().enumeration("Disabled", "Enabled", "Error")))
                .param(ParameterDef.readOnly("PrefixStatus", ValueType.string().enumeration("Preferred",
                        "Deprecated", "Invalid", "Inaccessible", "Unknown")))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(NetworkObjects.param("Prefix", DataTypes.IPV6_PREFIX, full))
                .param(ParameterDef.readOnly("Origin", ValueType.string().enumeration("AutoConfigured",
                        "PrefixDelegation", "RouterAdvertisement", "WellKnown", "Static", "Child")))
                .param(NetworkObjects.param("PreferredLifetime", ValueType.dateTime(), full))
                .param(NetworkObjects.param("ValidLifetime", ValueType.dateTime(), full));
    }

    static void bind(Bindings.Builder bindings, NetworkPlatform net, InterfaceStatsObject.Baselines baselines,
                     LongSupplier clock, Predicate<String> served) {
        bindings.table(PATH, SnapshotRows.of(net::snapshot,
                s -> s.ipInterfaces().stream().map(i -> row(s, i, served)).toList()), NetworkObjects.TABLE_TTL);
        NetworkObjects.bindLastChange(bindings, PATH,
                ref -> net.snapshot().ipInterface(ref.rowKey()).map(IpInterface::lastChangeNanos), clock);
        InterfaceStatsObject.bind(bindings, STATS, false, net::snapshot,
                (s, ref) -> stats(s, ref.rowKey()), baselines);
        bindings.hook(PATH, NetworkObjects.enableHook(
                (ref, on) -> net.setIpInterfaceEnabled(ref.rowKey(), on),
                ref -> baselines.reset(STATS, ref.rowKeys(), stats(net.snapshot(), ref.rowKey()).orElse(LinkStats.ZERO))));
        bindings.table(NetworkRows.IPV4_ADDRESS, SnapshotRows.perParent(net::snapshot, (s, parent) -> s.ipInterface(parent.rowKey())
                .map(i -> i.ipv4().stream().map(IpInterfaceObject::ipv4Row).toList()).orElse(List.of())), NetworkObjects.TABLE_TTL);
        bindings.table(NetworkRows.IPV6_ADDRESS, SnapshotRows.perParent(net::snapshot, (s, parent) -> s.ipInterface(parent.rowKey())
                .map(i -> i.ipv6().stream().map(a -> ipv6Row(i, a)).toList()).orElse(List.of())), NetworkObjects.TABLE_TTL);
        bindings.table(NetworkRows.IPV6_PREFIX, parent -> {
            Instant now = Instant.now();
            return Result.ok(interfaceOf(net, parent.rowKey())
                    .map(i -> i.ipv6Prefixes().stream().map(p -> prefixRow(p, now)).toList()).orElse(List.of()));
        }, NetworkObjects.TABLE_TTL);
    }

    static void commands(UspCommands.Builder commands, NetworkPlatform net, InterfaceStatsObject.Baselines baselines,
                         boolean reset) {
        commands.register(STATS + "Reset()", InterfaceStatsObject.resetCommand(STATS,
                keys -> stats(net.snapshot(), keys.get(0)), baselines));
        if (reset) {
            commands.register(PATH + "Reset()", resetCommand(net, baselines));
        }
    }

    /**
     * {@code IP.Interface.{i}.Reset()}: the interface torn down and set up again (which resets
     * its statistics); nothing on a disabled interface, as TR-181 says.
     */
    private static UspCommand resetCommand(NetworkPlatform net, InterfaceStatsObject.Baselines baselines) {
        return (model, call) -> {
            Result<List<String>> keys = InterfaceStatsObject.rowKeys(model, call.objectPath());
            if (!keys.isOk()) {
                return Result.err(keys.error());
            }
            String name = keys.value().get(0);
            Optional<IpInterface> iface = net.snapshot().ipInterface(name);
            if (iface.isEmpty()) {
                return Result.err(DmError.at(call.objectPath(), ErrorCode.COMMAND_FAILURE,
                        "the platform no longer has interface " + name));
            }
            if (!iface.get().enabled()) {
                return Result.ok(Map.of());
            }
            Optional<DmError> failed = net.restartIpInterface(name);
            if (failed.isPresent()) {
                return Result.err(DmError.at(call.objectPath(), ErrorCode.COMMAND_FAILURE, failed.get().message()));
            }
            baselines.reset(STATS, keys.value(), stats(net.snapshot(), name).orElse(LinkStats.ZERO));
            return Result.ok(Map.of());
        };
    }

    private static Optional<IpInterface> interfaceOf(NetworkPlatform net, String name) {
        return net.snapshot().ipInterface(name);
    }

    /** The counters of the interface's device; zero while it has none (a logical interface that is down). */
    private static Optional<LinkStats> stats(NetworkSnapshot s, String name) {
        return s.ipInterface(name).map(i -> s.link(i.device()).map(Link::stats).orElse(LinkStats.ZERO));
    }

    private static TableProvider.Row row(NetworkSnapshot s, IpInterface i, Predicate<String> served) {
        Map<String, String> v = NetworkObjects.values(
                "Enable", Boolean.toString(i.enabled()),
                "Status", NetworkRows.status(i.status()),
                "Name", i.name(),
                "Type", switch (i.type()) {
                    case NORMAL -> "Normal";
                    case LOOPBACK -> "Loopback";
                    case TUNNEL -> "Tunnel";
                    case TUNNELED -> "Tunneled";
                });
        return new TableProvider.Row(i.name(), v,
                Map.of("LowerLayers", NetworkObjects.servedOnly(NetworkRows.ipLowerLayers(s, i), served)));
    }

    private static TableProvider.Row ipv4Row(Ipv4Address a) {
        return new TableProvider.Row(a.address() + "/" + a.prefixLength(), NetworkObjects.values(
                "Enable", "true",
                "Status", "Enabled",
                "IPAddress", a.address(),
                "SubnetMask", a.subnetMask(),
                "AddressingType", switch (a.origin()) {
                    case STATIC -> "Static";
                    case DHCP -> "DHCP";
                    case AUTO_IP -> "AutoIP";
                    case IPCP -> "IPCP";
                }));
    }

    private static TableProvider.Row ipv6Row(IpInterface i, Ipv6Address a) {
        Map<String, String> v = NetworkObjects.values(
                "Enable", "true",
                "Status", "Enabled",
                "IPAddressStatus", switch (a.state()) {
                    case PREFERRED -> "Preferred";
                    case DEPRECATED -> "Deprecated";
                    case TENTATIVE -> "Tentative";
                    case DUPLICATE -> "Duplicate";
                    case OPTIMISTIC -> "Optimistic";
                },
                "IPAddress", a.address(),
                "Origin", switch (a.origin()) {
                    case STATIC -> "Static";
                    case AUTOCONFIGURED -> "AutoConfigured";
                    case DHCPV6 -> "DHCPv6";
                    case WELL_KNOWN -> "WellKnown";
                },
                "PreferredLifetime", NetworkRows.dateTime(a.preferredUntil()),
                "ValidLifetime", NetworkRows.dateTime(a.validUntil()));
        String onLink = a.onLinkPrefix();
        List<KeyReference> prefix = i.ipv6Prefixes().stream().anyMatch(p -> p.prefix().equals(onLink))
                ? List.of(KeyReference.of(NetworkRows.IPV6_PREFIX, i.name(), onLink)) : List.of();
        return new TableProvider.Row(a.address(), v, Map.of("Prefix", prefix));
    }

    private static TableProvider.Row prefixRow(Ipv6Prefix p, Instant now) {
        String status = now.isBefore(p.preferredUntil()) ? "Preferred"
                : now.isBefore(p.validUntil()) ? "Deprecated" : "Invalid";
        return new TableProvider.Row(p.prefix(), NetworkObjects.values(
                "Enable", "true",
                "Status", "Enabled",
                "PrefixStatus", status,
                "Prefix", p.prefix(),
                "Origin", switch (p.origin()) {
                    case STATIC -> "Static";
                    case AUTOCONFIGURED -> "AutoConfigured";
                    case PREFIX_DELEGATION -> "PrefixDelegation";
                    case ROUTER_ADVERTISEMENT -> "RouterAdvertisement";
                    case WELL_KNOWN -> "WellKnown";
                    case CHILD -> "Child";
                },
                "PreferredLifetime", NetworkRows.dateTime(p.preferredUntil()),
                "ValidLifetime", NetworkRows.dateTime(p.validUntil())));
    }
}

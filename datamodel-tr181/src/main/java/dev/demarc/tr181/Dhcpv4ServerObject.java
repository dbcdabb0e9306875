package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.InstanceKeys;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.model.WriteHook;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.DhcpLease;
import dev.demarc.tr181.platform.DhcpPool;
import dev.demarc.tr181.platform.DhcpPool.Field;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.LanSnapshot;
import dev.demarc.tr181.platform.LanWrites;
import dev.demarc.tr181.platform.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code Device.DHCPv4.Server.} of TR-181 Device:2.19 with {@code Pool.{i}.}, its
 * {@code Client.{i}.} and their {@code IPv4Address.{i}.}: the DHCPv4 server of the LAN, from the
 * {@link LanPlatform} (OpenWrt's {@code /etc/config/dhcp}, dnsmasq's configuration and lease
 * file on Linux). What the platform applies ({@link LanWrites}) is readWrite, the rest read-only
 * in the model served on it; the full model ({@code null} platform) has it all writable.
 *
 * <p>A pool is a platform row keyed by the platform's name for it; {@code Interface} references
 * {@code Device.IP.Interface.{i}.} by key; {@code Status} is {@code Enabled} or {@code Disabled}
 * as the pool is. A client is a lease of the pool, keyed by MAC address ({@code Chaddr}), with
 * its address; {@code Active} says whether the lease holds now; {@code LeaseTimeRemaining} is
 * when it ends (TR-181's name for it), 9999-12-31T23:59:59Z for a lease without end.
 *
 * <p>{@link #definition} builds {@code Server.} only: the caller puts it in {@code Device.DHCPv4.},
 * which the WAN's {@code Client.{i}.} shares.
 *
 * <p>Left out: the pool's client selection ({@code VendorClassID}, {@code ClientID},
 * {@code UserClassID}, {@code Chaddr} and their modes), {@code AllowedDevices},
 * {@code ReservedAddresses}, {@code WINSServers}, {@code DSCPMark}, {@code StaticAddress.{i}.},
 * {@code Option.{i}.}, the client's {@code Option.{i}.}, and {@code Stats.}.
 */
public final class Dhcpv4ServerObject {

    public static final String SERVER = "Device.DHCPv4.Server.";
    public static final String POOL = SERVER + "Pool.{i}.";
    public static final String CLIENT = POOL + "Client.{i}.";

    /** The parameters whose changes the platform pushes. */
    public static final Set<String> PUSHED = Set.of(SERVER + "Enable", POOL + "Enable", POOL + "Status", POOL + "Order",
            POOL + "Interface", POOL + "MinAddress", POOL + "MaxAddress", POOL + "SubnetMask", POOL + "DNSServers",
            POOL + "DomainName", POOL + "IPRouters", POOL + "LeaseTime", CLIENT + "IPv4Address.{i}.LeaseTimeRemaining");

    private static final ValueType ADDRESS_LIST = ValueType.listOf(DataTypes.IPV4_ADDRESS).maxItems(DhcpPool.MAX_SERVERS);

    private Dhcpv4ServerObject() {
    }

    /** {@code Server.}: what {@code platform} writes is readWrite; {@code null}: all of it. */
    static ObjectDef.Builder definition(Platform platform) {
        LanWrites w = platform == null ? LanWrites.ALL : platform.lan().writes();
        Set<Field> f = w.poolFields();
        ObjectDef.Builder client = ObjectDef.table("Client").maxEntries(LanSnapshot.MAX_LEASES)
                .uniqueKey("Alias").uniqueKey("Chaddr")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readOnly("Chaddr", DataTypes.MAC_ADDRESS))
                .param(ParameterDef.readOnly("Active", ValueType.bool()))
                .tableWithCount(ObjectDef.table("IPv4Address").maxEntries(1).uniqueKey("IPAddress")
                        .param(ParameterDef.readOnly("IPAddress", DataTypes.IPV4_ADDRESS))
                        .param(ParameterDef.readOnly("LeaseTimeRemaining", ValueType.dateTime())));
        ObjectDef.Builder pool = ObjectDef.table("Pool").maxEntries(LanSnapshot.MAX_POOLS)
                .uniqueKey("Alias").uniqueKey("Order")
                .param(param(f, Field.ENABLE, "Enable", ValueType.bool()).withDefault("false"))
                .param(ParameterDef.readOnly("Status", ValueType.string()
                        .enumeration("Disabled", "Enabled", "Error_Misconfigured", "Error")).withDefault("Disabled"))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                // Demarc's default: 1, which the engine moves past the other pools' (R-ADD.5).
                .param(param(f, Field.ORDER, "Order", DataTypes.ORDER).withDefault("1"))
                .param(param(f, Field.INTERFACE, "Interface", ValueType.string().maxLength(256)))
                .param(param(f, Field.MIN_ADDRESS, "MinAddress", DataTypes.IPV4_ADDRESS))
                .param(param(f, Field.MAX_ADDRESS, "MaxAddress", DataTypes.IPV4_ADDRESS))
                .param(param(f, Field.SUBNET_MASK, "SubnetMask", DataTypes.IPV4_ADDRESS))
                .param(param(f, Field.DNS_SERVERS, "DNSServers", ADDRESS_LIST))
                .param(param(f, Field.DOMAIN_NAME, "DomainName", ValueType.string().maxLength(64)))
                .param(param(f, Field.IP_ROUTERS, "IPRouters", ADDRESS_LIST))
                .param(param(f, Field.LEASE_TIME, "LeaseTime", ValueType.int32().range(-1, Integer.MAX_VALUE))
                        .withDefault("86400"))
                .tableWithCount(client);
        if (w.addDeletePools()) {
            pool.creatable();
        }
        return ObjectDef.single("Server")
                .param(w.dhcpServerEnable() ? ParameterDef.readWrite("Enable", ValueType.bool())
                        : ParameterDef.readOnly("Enable", ValueType.bool()))
                .tableWithCount(pool);
    }

    private static ParameterDef param(Set<Field> writable, Field field, String name, ValueType type) {
        return writable.contains(field) ? ParameterDef.readWrite(name, type) : ParameterDef.readOnly(name, type);
    }

    static void bind(Bindings.Builder bindings, Platform platform, PlatformChanges changes) {
        bind(bindings, platform, changes, Instant::now);
    }

    /** {@link #bind}, with the clock that says whether a lease still holds. */
    static void bind(Bindings.Builder bindings, Platform platform, PlatformChanges changes, Supplier<Instant> clock) {
        LanPlatform lan = platform.lan();
        Duration ttl = Duration.ofSeconds(1);
        bindings.parameter(SERVER + "Enable", o -> Result.ok(Boolean.toString(lan.snapshot().dhcpServerEnable())),
                Duration.ZERO);
        Runnable push = () -> {
            changes.changed(SERVER + "Enable");
            changes.changed(SERVER + "Pool.");
            changes.changed(POOL + "Client.");
            changes.changed(CLIENT + "IPv4Address.");
        };
        bindings.hook(SERVER, new ServerHook(lan, push));
        bindings.table(POOL, SnapshotRows.of(lan::snapshot, s -> s.pools().stream().map(Dhcpv4ServerObject::row).toList()),
                ttl);
        bindings.hook(POOL, new PoolHook(lan, push));
        bindings.table(CLIENT, parent -> {
            Instant now = clock.get();
            List<TableProvider.Row> rows = new ArrayList<>();
            for (DhcpLease l : lan.snapshot().leases()) {
                if (l.pool().equals(parent.rowKey())) {
                    rows.add(new TableProvider.Row(l.chaddr(),
                            Map.of("Chaddr", l.chaddr(), "Active", Boolean.toString(l.activeAt(now)))));
                }
            }
            return Result.ok(rows);
        }, ttl);
        bindings.table(CLIENT + "IPv4Address.{i}.", parent -> {
            List<String> keys = parent.rowKeys();
            List<TableProvider.Row> rows = new ArrayList<>();
            for (DhcpLease l : lan.snapshot().leases()) {
                if (keys.size() == 2 && l.pool().equals(keys.get(0)) && l.chaddr().equals(keys.get(1))) {
                    rows.add(new TableProvider.Row(l.ipAddress(), Map.of("IPAddress", l.ipAddress(),
                            "LeaseTimeRemaining", PlatformValues.dateTime(l.expires()))));
                }
            }
            return Result.ok(rows);
        }, ttl);
        lan.watch(push);
    }

    static TableProvider.Row row(DhcpPool p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("Enable", Boolean.toString(p.enable()));
        v.put("Status", p.enable() ? "Enabled" : "Disabled");
        v.put("Order", Integer.toString(p.order()));
        v.put("MinAddress", p.minAddress());
        v.put("MaxAddress", p.maxAddress());
        v.put("SubnetMask", p.subnetMask());
        v.put("DNSServers", String.join(",", p.dnsServers()));
        v.put("DomainName", p.domainName());
        v.put("IPRouters", String.join(",", p.ipRouters()));
        v.put("LeaseTime", Long.toString(p.leaseTime()));
        List<KeyReference> iface = p.ipInterface().isEmpty() ? List.of()
                : List.of(KeyReference.of(NatPortMappingObject.IP_INTERFACE, p.ipInterface()));
        return new TableProvider.Row(p.key(), v, Map.of("Interface", iface));
    }

    /** {@code Server.Enable}. */
    private static final class ServerHook implements WriteHook {
        private final LanPlatform lan;
        private final Runnable written;

        ServerHook(LanPlatform lan, Runnable written) {
            this.lan = lan;
            this.written = written;
        }

        @Override
        public Optional<DmError> apply(Change change) {
            if (!(change instanceof Change.ValueSet set) || !set.parameter().equals("Enable")
                    || !lan.writes().dhcpServerEnable()) {
                return Optional.of(DmError.of(ErrorCode.PARAMETER_READ_ONLY, "the platform cannot change it"));
            }
            Result<Boolean> on = RecordTableHook.bool(set.newValue());
            Optional<DmError> failed = on.isOk() ? lan.setDhcpServerEnable(on.value()) : Optional.of(on.error());
            if (failed.isEmpty()) {
                written.run();
            }
            return failed;
        }

        @Override
        public void revert(Change change) {
            if (change instanceof Change.ValueSet set) {
                RecordTableHook.bool(set.oldValue()).map(lan::setDhcpServerEnable);
                written.run();
            }
        }
    }

    /** Add, Set and Delete of pools. */
    static final class PoolHook extends RecordTableHook<DhcpPool> {
        private final LanPlatform lan;

        PoolHook(LanPlatform lan, Runnable written) {
            super(written);
            this.lan = lan;
        }

        @Override
        Optional<DhcpPool> current(String key) {
            return lan.snapshot().pool(key);
        }

        @Override
        Result<DhcpPool> with(DhcpPool p, String parameter, String value, InstanceKeys keys) {
            Optional<Field> field = field(parameter);
            if (field.isEmpty() || !lan.writes().poolFields().contains(field.get())) {
                return Result.err(ErrorCode.PARAMETER_READ_ONLY, "the platform cannot change " + parameter);
            }
            DhcpPool.Builder b = p.toBuilder();
            Result<?> set = switch (field.get()) {
                case ENABLE -> bool(value).map(b::enable);
                case ORDER -> number(value, 1, LanSnapshot.MAX_POOLS).map(n -> b.order(n.intValue()));
                case INTERFACE -> referencedKey(value, NatPortMappingObject.IP_INTERFACE, keys).map(b::ipInterface);
                case MIN_ADDRESS -> Result.ok(b.minAddress(value));
                case MAX_ADDRESS -> Result.ok(b.maxAddress(value));
                case SUBNET_MASK -> Result.ok(b.subnetMask(value));
                case DNS_SERVERS -> Result.ok(b.dnsServers(items(value)));
                case DOMAIN_NAME -> Result.ok(b.domainName(value));
                case IP_ROUTERS -> Result.ok(b.ipRouters(items(value)));
                case LEASE_TIME -> number(value, -1, Integer.MAX_VALUE).map(b::leaseTime);
            };
            if (!set.isOk()) {
                return Result.err(set.error());
            }
            try {
                return Result.ok(b.build());
            } catch (IllegalArgumentException e) {
                return Result.err(ErrorCode.INVALID_VALUE, e.getMessage());
            }
        }

        @Override
        Result<DhcpPool> created(String key, Map<String, String> values, InstanceKeys keys) {
            Result<Long> order = number(values.getOrDefault("Order", "1"), 1, LanSnapshot.MAX_POOLS);
            if (!order.isOk()) {
                return Result.err(order.error());
            }
            DhcpPool p = DhcpPool.builder(key, order.value().intValue()).build();
            for (String name : List.of("Enable", "Interface", "MinAddress", "MaxAddress", "SubnetMask", "DNSServers",
                    "DomainName", "IPRouters", "LeaseTime")) {
                String value = values.get(name);
                if (value == null || value.equals(name.equals("Enable") ? "false" : name.equals("LeaseTime") ? "86400" : "")) {
                    continue;
                }
                Result<DhcpPool> next = with(p, name, value, keys);
                if (!next.isOk()) {
                    return Result.err(next.error().code(), name + ": " + next.error().message());
                }
                p = next.value();
            }
            return Result.ok(p);
        }

        @Override
        Optional<DmError> put(DhcpPool record) {
            return lan.putPool(record);
        }

        @Override
        Optional<DmError> delete(String key) {
            return lan.deletePool(key);
        }

        @Override
        Optional<String> newKey() {
            return lan.writes().addDeletePools() ? lan.newPoolKey() : Optional.empty();
        }
    }

    private static List<String> items(String list) {
        List<String> out = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            if (!item.isBlank()) {
                out.add(item.trim());
            }
        }
        return out;
    }

    private static Optional<Field> field(String parameter) {
        return Optional.ofNullable(switch (parameter) {
            case "Enable" -> Field.ENABLE;
            case "Order" -> Field.ORDER;
            case "Interface" -> Field.INTERFACE;
            case "MinAddress" -> Field.MIN_ADDRESS;
            case "MaxAddress" -> Field.MAX_ADDRESS;
            case "SubnetMask" -> Field.SUBNET_MASK;
            case "DNSServers" -> Field.DNS_SERVERS;
            case "DomainName" -> Field.DOMAIN_NAME;
            case "IPRouters" -> Field.IP_ROUTERS;
            case "LeaseTime" -> Field.LEASE_TIME;
            default -> null;
        });
    }
}

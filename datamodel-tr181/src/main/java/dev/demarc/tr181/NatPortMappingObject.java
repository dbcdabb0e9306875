package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.InstanceKeys;
import dev.demarc.core.model.KeyReference;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.NatPlatform;
import dev.demarc.tr181.platform.NatWrites;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.PortMapping;
import dev.demarc.tr181.platform.PortMapping.Field;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Device.NAT.} of TR-181 Device:2.19 with {@code PortMapping.{i}.}: the device's port
 * forwards, read from the {@link NatPlatform} (OpenWrt's firewall redirects). Controllers add,
 * change and delete them where the platform applies it ({@link NatWrites}): on OpenWrt through
 * uci, on a simulated device in its file; on generic Linux the table is read-only and empty.
 * The model on a platform declares read-only what that platform cannot write, and the table
 * not creatable when it cannot add.
 *
 * <p>Each port mapping is a platform row keyed by the platform's name for it; {@code Alias} is
 * the engine's. {@code Interface} is a reference to {@code Device.IP.Interface.{i}.} by its key
 * (the OpenWrt interface name). {@code Status} is {@code Disabled} when not enabled,
 * {@code Error_Misconfigured} when enabled without an {@code InternalClient}, else
 * {@code Enabled}.
 *
 * <p>Left out: {@code Origin}, {@code RemainingLeaseTime}, {@code ScheduleRef}, {@code Log},
 * {@code LogRef}, {@code MaxNumberOfPortMappings}, {@code InterfaceSetting.{i}.} and
 * {@code PortTrigger.{i}.}.
 */
public final class NatPortMappingObject {

    public static final String TABLE = "Device.NAT.PortMapping.{i}.";
    /** The table whose instances {@code Interface} names. */
    static final String IP_INTERFACE = "Device.IP.Interface.{i}.";

    /** The parameters whose changes the platform pushes. */
    public static final Set<String> PUSHED = Set.of(TABLE + "Enable", TABLE + "Status", TABLE + "Interface",
            TABLE + "AllInterfaces", TABLE + "LeaseDuration", TABLE + "RemoteHost", TABLE + "ExternalPort",
            TABLE + "ExternalPortEndRange", TABLE + "InternalPort", TABLE + "Protocol", TABLE + "InternalClient",
            TABLE + "Description");

    private static final ValueType PORT = ValueType.unsignedInt().range(0, 65535);

    private NatPortMappingObject() {
    }

    /**
     * {@code Device.NAT.}: what {@code platform} can write is readWrite, the rest read-only;
     * {@code null}: all of it (the full model). Defaults the standard lacks are Demarc's:
     * {@code ExternalPort} and {@code InternalPort} 0, {@code Protocol} TCP, {@code LeaseDuration} 0.
     */
    static ObjectDef.Builder definition(Platform platform) {
        NatWrites w = platform == null ? NatWrites.ALL : platform.nat().writes();
        ObjectDef.Builder mapping = ObjectDef.table("PortMapping").maxEntries(NatPlatform.MAX_PORT_MAPPINGS)
                .uniqueKey("Alias").uniqueKey("RemoteHost", "ExternalPort", "Protocol")
                .param(param(w, Field.ENABLE, "Enable", ValueType.bool()).withDefault("false"))
                .param(ParameterDef.readOnly("Status", ValueType.string()
                        .enumeration("Disabled", "Enabled", "Inactive", "Error_Misconfigured", "Error")).withDefault("Disabled"))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(param(w, Field.INTERFACE, "Interface", ValueType.string().maxLength(256)))
                .param(param(w, Field.ALL_INTERFACES, "AllInterfaces", ValueType.bool()).withDefault("false"))
                .param(param(w, Field.LEASE_DURATION, "LeaseDuration", ValueType.unsignedInt()).withDefault("0"))
                .param(param(w, Field.REMOTE_HOST, "RemoteHost", ValueType.string().maxLength(45)))
                .param(param(w, Field.EXTERNAL_PORT, "ExternalPort", PORT).withDefault("0"))
                .param(param(w, Field.EXTERNAL_PORT_END_RANGE, "ExternalPortEndRange", PORT).withDefault("0"))
                .param(param(w, Field.INTERNAL_PORT, "InternalPort", PORT).withDefault("0"))
                .param(param(w, Field.PROTOCOL, "Protocol", ValueType.string().enumeration("TCP", "UDP")).withDefault("TCP"))
                .param(param(w, Field.INTERNAL_CLIENT, "InternalClient", ValueType.string().maxLength(256)))
                .param(param(w, Field.DESCRIPTION, "Description", ValueType.string().maxLength(256)));
        if (w.addDelete()) {
            mapping.creatable();
        }
        return ObjectDef.single("NAT").tableWithCount(mapping);
    }

    private static ParameterDef param(NatWrites w, Field field, String name, ValueType type) {
        return w.fields().contains(field) ? ParameterDef.readWrite(name, type) : ParameterDef.readOnly(name, type);
    }

    /** Binds the table to {@code platform.nat()} and pushes its changes to {@code changes}. */
    static void bind(Bindings.Builder bindings, Platform platform, PlatformChanges changes) {
        NatPlatform nat = platform.nat();
        bindings.table(TABLE, SnapshotRows.of(nat::portMappings, m -> m.stream().map(NatPortMappingObject::row).toList()),
                Duration.ofSeconds(1));
        Runnable push = () -> changes.changed("Device.NAT.PortMapping.");
        bindings.hook(TABLE, new Hook(nat, push));
        nat.watch(push);
    }

    static TableProvider.Row row(PortMapping m) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("Enable", Boolean.toString(m.enable()));
        v.put("Status", !m.enable() ? "Disabled" : m.internalClient().isEmpty() ? "Error_Misconfigured" : "Enabled");
        v.put("AllInterfaces", Boolean.toString(m.allInterfaces()));
        v.put("LeaseDuration", Long.toString(m.leaseDuration()));
        v.put("RemoteHost", m.remoteHost());
        v.put("ExternalPort", Integer.toString(m.externalPort()));
        v.put("ExternalPortEndRange", Integer.toString(m.externalPortEndRange()));
        v.put("InternalPort", Integer.toString(m.internalPort()));
        v.put("Protocol", m.protocol().name());
        v.put("InternalClient", m.internalClient());
        v.put("Description", m.description());
        List<KeyReference> iface = m.ipInterface().isEmpty() ? List.of() : List.of(KeyReference.of(IP_INTERFACE, m.ipInterface()));
        return new TableProvider.Row(m.key(), v, Map.of("Interface", iface));
    }

    /** Applies Add, Set and Delete to the platform's port mappings. */
    static final class Hook extends RecordTableHook<PortMapping> {
        private final NatPlatform nat;

        Hook(NatPlatform nat, Runnable written) {
            super(written);
            this.nat = nat;
        }

        @Override
        Optional<PortMapping> current(String key) {
            return nat.portMappings().stream().filter(m -> m.key().equals(key)).findFirst();
        }

        @Override
        Result<PortMapping> with(PortMapping m, String parameter, String value, InstanceKeys keys) {
            Optional<Field> field = field(parameter);
            if (field.isEmpty() || !nat.writes().fields().contains(field.get())) {
                return Result.err(ErrorCode.PARAMETER_READ_ONLY, "the platform cannot change " + parameter);
            }
            PortMapping.Builder b = m.toBuilder();
            Result<?> set = switch (field.get()) {
                case ENABLE -> RecordTableHook.bool(value).map(b::enable);
                case INTERFACE -> referencedKey(value, IP_INTERFACE, keys).map(b::ipInterface);
                case ALL_INTERFACES -> RecordTableHook.bool(value).map(b::allInterfaces);
                case LEASE_DURATION -> RecordTableHook.number(value, 0, 0xFFFF_FFFFL).map(b::leaseDuration);
                case REMOTE_HOST -> remoteHost(value).map(b::remoteHost);
                case EXTERNAL_PORT -> RecordTableHook.number(value, 0, 65535).map(n -> b.externalPort(n.intValue()));
                case EXTERNAL_PORT_END_RANGE -> RecordTableHook.number(value, 0, 65535)
                        .map(n -> b.externalPortEndRange(n.intValue()));
                case INTERNAL_PORT -> RecordTableHook.number(value, 0, 65535).map(n -> b.internalPort(n.intValue()));
                case PROTOCOL -> protocol(value).map(b::protocol);
                case INTERNAL_CLIENT -> Result.ok(b.internalClient(value));
                case DESCRIPTION -> Result.ok(b.description(value));
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
        Result<PortMapping> created(String key, Map<String, String> values, InstanceKeys keys) {
            PortMapping m = PortMapping.builder(key).build();
            for (String name : List.of("Enable", "Interface", "AllInterfaces", "LeaseDuration", "RemoteHost",
                    "ExternalPort", "ExternalPortEndRange", "InternalPort", "Protocol", "InternalClient", "Description")) {
                String value = values.get(name);
                if (value == null || value.equals(defaultOf(name))) {
                    continue;
                }
                if (field(name).isEmpty() || !nat.writes().fields().contains(field(name).get())) {
                    return Result.err(ErrorCode.PARAMETER_READ_ONLY, "the platform cannot set " + name);
                }
                Result<PortMapping> next = with(m, name, value, keys);
                if (!next.isOk()) {
                    return Result.err(next.error().code(), name + ": " + next.error().message());
                }
                m = next.value();
            }
            return Result.ok(m);
        }

        @Override
        Optional<DmError> put(PortMapping record) {
            return nat.putPortMapping(record);
        }

        @Override
        Optional<DmError> delete(String key) {
            return nat.deletePortMapping(key);
        }

        @Override
        Optional<String> newKey() {
            return nat.writes().addDelete() ? nat.newPortMappingKey() : Optional.empty();
        }
    }

    private static String defaultOf(String name) {
        return switch (name) {
            case "Enable", "AllInterfaces" -> "false";
            case "LeaseDuration", "ExternalPort", "ExternalPortEndRange", "InternalPort" -> "0";
            case "Protocol" -> "TCP";
            default -> "";
        };
    }

    private static Optional<Field> field(String parameter) {
        return Optional.ofNullable(switch (parameter) {
            case "Enable" -> Field.ENABLE;
            case "Interface" -> Field.INTERFACE;
            case "AllInterfaces" -> Field.ALL_INTERFACES;
            case "LeaseDuration" -> Field.LEASE_DURATION;
            case "RemoteHost" -> Field.REMOTE_HOST;
            case "ExternalPort" -> Field.EXTERNAL_PORT;
            case "ExternalPortEndRange" -> Field.EXTERNAL_PORT_END_RANGE;
            case "InternalPort" -> Field.INTERNAL_PORT;
            case "Protocol" -> Field.PROTOCOL;
            case "InternalClient" -> Field.INTERNAL_CLIENT;
            case "Description" -> Field.DESCRIPTION;
            default -> null;
        });
    }

    private static Result<String> remoteHost(String value) {
        return value.isEmpty() || DataTypes.IP_ADDRESS.isValid(value) ? Result.ok(value)
                : Result.err(ErrorCode.INVALID_VALUE, "RemoteHost must be an IP address or empty, not " + value);
    }

    private static Result<PortMapping.Protocol> protocol(String value) {
        return switch (value) {
            case "TCP" -> Result.ok(PortMapping.Protocol.TCP);
            case "UDP" -> Result.ok(PortMapping.Protocol.UDP);
            default -> Result.err(ErrorCode.INVALID_VALUE, "Protocol is TCP or UDP");
        };
    }
}

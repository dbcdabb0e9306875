package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.model.WriteHook;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.tr181.platform.DhcpV4ClientState;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import dev.demarc.tr181.platform.WanWrite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Device.DHCPv4.Client.{i}.} of TR-181 Device:2.19: the device's DHCPv4 clients (one per
 * IP interface that gets its address by DHCP, the WAN first of all) and the lease each holds,
 * from the {@link WanPlatform}. A row's key is the IP interface's key, so {@code Interface}
 * names {@code Device.IP.Interface.{i}.} of the same key.
 *
 * <p>{@code Enable} is writable where the platform starts and stops clients
 * ({@link WanWrite#DHCP_CLIENT_ENABLE}) and {@code Renew()} is there where it renews leases
 * ({@link WanWrite#DHCP_CLIENT_RENEW}); on other platforms {@code Enable} is read-only and
 * {@code Renew()} absent. In the full model ({@code definition(null)}) every parameter has the
 * standard's access, so that the model matches the standard; {@code Interface} is written by no
 * platform and is read-only on each. Controllers cannot add or delete clients on any platform
 * (the table is the platform's); the full model declares the table as the standard does.
 * {@code LeaseTimeRemaining} counts down from the lease's end at each read; the other values
 * are pushed when the platform's snapshot changes.
 *
 * <p>Left out: the DHCP options ({@code SentOption.{i}.}, {@code ReqOption.{i}.}), relaying
 * ({@code Passthrough*}), {@code DSCPMark}, {@code AuthenticationProtocol},
 * {@code Retransmission.} and {@code Stats.}: no platform reads or sets them.
 */
public final class Dhcpv4ClientObject {

    private static final Logger LOG = LoggerFactory.getLogger(Dhcpv4ClientObject.class);

    public static final String PATH = "Device.DHCPv4.Client.{i}.";
    /** The command renewing a lease. */
    public static final String RENEW = PATH + "Renew()";

    static final ParameterDef ENABLE_RW = ParameterDef.readWrite("Enable", ValueType.bool());
    static final ParameterDef ALIAS = ParameterDef.writeOnce("Alias", DataTypes.ALIAS);
    static final ParameterDef INTERFACE_RW = ParameterDef.readWrite("Interface", ValueType.string().maxLength(256));
    static final ParameterDef STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration("Disabled", "Enabled", "Error_Misconfigured", "Error"));
    static final ParameterDef DHCP_STATUS = ParameterDef.readOnly("DHCPStatus",
            ValueType.string().enumeration("Init", "Selecting", "Requesting", "Rebinding", "Bound", "Renewing"));
    static final ParameterDef IP_ADDRESS = ParameterDef.readOnly("IPAddress", DataTypes.IPV4_ADDRESS);
    static final ParameterDef SUBNET_MASK = ParameterDef.readOnly("SubnetMask", DataTypes.IPV4_ADDRESS);
    static final ParameterDef IP_ROUTERS = ParameterDef.readOnly("IPRouters", ValueType.listOf(DataTypes.IPV4_ADDRESS));
    static final ParameterDef DNS_SERVERS = ParameterDef.readOnly("DNSServers", ValueType.listOf(DataTypes.IPV4_ADDRESS));
    /** Seconds; -1 for an infinite lease. */
    static final ParameterDef LEASE_TIME_REMAINING = ParameterDef.readOnly("LeaseTimeRemaining",
            ValueType.int32().range(-1, Integer.MAX_VALUE));
    static final ParameterDef DHCP_SERVER = ParameterDef.readOnly("DHCPServer", DataTypes.IPV4_ADDRESS);

    /** The parameters whose changes the platform pushes (never polled). */
    static final Set<String> PUSHED = Set.of(PATH + "Enable", PATH + "Interface", PATH + "Status",
            PATH + "DHCPStatus", PATH + "IPAddress", PATH + "SubnetMask", PATH + "IPRouters", PATH + "DNSServers",
            PATH + "DHCPServer");

    private Dhcpv4ClientObject() {
    }

    /**
     * The {@code Client.{i}.} table for {@code platform}'s writes ({@code null}: the full model),
     * to go in {@code Device.DHCPv4.} with its {@code ClientNumberOfEntries}.
     */
    static ObjectDef.Builder definition(Platform platform) {
        Set<WanWrite> writes = platform == null ? Set.of(WanWrite.values()) : platform.wan().writes();
        ObjectDef.Builder client = ObjectDef.table("Client")
                .uniqueKey("Interface")
                .maxEntries(WanState.MAX_INTERFACES)
                .param(PlatformAccess.writableIf(ENABLE_RW, writes.contains(WanWrite.DHCP_CLIENT_ENABLE)))
                .param(ALIAS)
                .param(platform == null ? INTERFACE_RW : PlatformAccess.readOnly(INTERFACE_RW))
                .param(STATUS)
                .param(DHCP_STATUS)
                .param(IP_ADDRESS)
                .param(SUBNET_MASK)
                .param(IP_ROUTERS)
                .param(DNS_SERVERS)
                .param(LEASE_TIME_REMAINING)
                .param(DHCP_SERVER);
        if (platform == null) {
            client.creatable();
        }
        if (writes.contains(WanWrite.DHCP_CLIENT_RENEW)) {
            client.command(new CommandDef("Renew", false, List.of(), List.of()));
        }
        return client;
    }

    /** Binds the table to the platform's snapshot, its writes to the platform, and its pushes to {@code changes}. */
    static void bind(Bindings.Builder b, Platform platform, PlatformChanges changes) {
        bind(b, platform.wan(), changes, Clock.systemUTC());
    }

    static void bind(Bindings.Builder b, WanPlatform wan, PlatformChanges changes, Clock clock) {
        b.table(PATH, SnapshotRows.of(wan::state, Dhcpv4ClientObject::rows), Duration.ZERO);
        b.parameter(PATH + LEASE_TIME_REMAINING.name(), InstanceValues.checked(LEASE_TIME_REMAINING,
                key -> wan.state().dhcpClient(key)
                        .flatMap(c -> c.leaseSecondsRemaining(clock.instant()))
                        .map(s -> Long.toString(Math.min(s, Integer.MAX_VALUE)))), Duration.ZERO);
        b.hook(PATH, new ClientHook(wan));
        WanWatch.watch(wan, WanState::dhcpClients, changes, List.of("Device.DHCPv4.Client."));
    }

    /**
     * {@code Renew()}: the platform renews the lease of the instance's interface; answers once
     * the renewal is started (the new lease is pushed when the platform sees it).
     */
    static UspCommand renew(WanPlatform wan) {
        return (DataModel model, UspCommand.Call call) -> {
            Optional<String> key = model.platformKey(call.objectPath());
            if (key.isEmpty()) {
                return Result.err(DmError.at(call.command(), ErrorCode.COMMAND_FAILURE,
                        "no DHCPv4 client at " + call.objectPath()));
            }
            Optional<DmError> refused = wan.renewDhcpClient(key.get());
            if (refused.isPresent()) {
                return Result.err(DmError.at(call.command(), ErrorCode.COMMAND_FAILURE, refused.get().message()));
            }
            return Result.ok(Map.of());
        };
    }

    /** Applies {@code Enable}; refuses what the platform cannot change, and Add and Delete. */
    private static final class ClientHook implements WriteHook {
        private final WanPlatform wan;

        ClientHook(WanPlatform wan) {
            this.wan = wan;
        }

        @Override
        public Optional<DmError> apply(Change change) {
            if (!(change instanceof Change.ValueSet set)) {
                return Optional.of(DmError.of(change instanceof Change.InstanceAdded ? ErrorCode.OBJECT_NOT_CREATED
                        : ErrorCode.DELETE_FAILURE, "the DHCPv4 clients are the platform's: none is added or deleted"));
            }
            String key = set.object().rowKey();
            switch (set.parameter()) {
                case "Alias":
                    return Optional.empty();
                case "Enable":
                    if (!wan.writes().contains(WanWrite.DHCP_CLIENT_ENABLE)) {
                        return WanPlatform.unsupported(WanWrite.DHCP_CLIENT_ENABLE);
                    }
                    return wan.setDhcpClientEnable(key, Boolean.parseBoolean(set.newValue()));
                default:
                    return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED,
                            "the platform cannot change " + set.parameter()));
            }
        }

        @Override
        public void revert(Change change) {
            if (change instanceof Change.ValueSet set && set.parameter().equals("Enable")) {
                wan.setDhcpClientEnable(set.object().rowKey(), Boolean.parseBoolean(set.oldValue()))
                        .ifPresent(e -> LOG.error("could not put back {}: {}", set.path(), e.message()));
            }
        }
    }

    static List<TableProvider.Row> rows(WanState state) {
        List<TableProvider.Row> rows = new ArrayList<>();
        for (DhcpV4ClientState c : state.dhcpClients()) {
            rows.add(PlatformRow.keyed(c.interfaceKey())
                    .value(ENABLE_RW, c.enabled())
                    .reference(INTERFACE_RW, "Device.IP.Interface.{i}.", c.interfaceKey())
                    .value(STATUS, c.status().text())
                    .value(DHCP_STATUS, c.dhcpStatus().text())
                    .value(IP_ADDRESS, c.ipAddress())
                    .value(SUBNET_MASK, c.subnetMask())
                    .list(IP_ROUTERS, c.routers())
                    .list(DNS_SERVERS, c.dnsServers())
                    .value(DHCP_SERVER, c.dhcpServer())
                    .build());
        }
        return rows;
    }
}

package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.InstanceKeys;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.model.WriteHook;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.NtpClient;
import dev.demarc.tr181.platform.NtpClient.NtpStatus;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.TimePlatform;
import dev.demarc.tr181.platform.TimeSnapshot;
import dev.demarc.tr181.platform.TimeWrites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Device.Time.} of TR-181 Device:2.19 with {@code Client.{i}.}: the device's clock, time
 * zone and NTP clients, from the {@link TimePlatform}. In 2.19 the NTP servers are the
 * {@code Servers} of a {@code Client.{i}.} (the old {@code NTPServer1..5} are deleted from the
 * standard). What the platform applies ({@link TimeWrites}) is readWrite, the rest read-only in
 * the model served on it; the full model has it all writable.
 *
 * <p>{@code CurrentLocalTime} is read from the clock at each read, with the zone's offset
 * ({@code 2026-11-21T13:16:24+01:00}); {@code LocalTimeZone} is a POSIX TZ string, and a write
 * must be one ({@code CET-1CEST,M3.5.0,M10.5.0/3}, {@code UTC0}). {@code Status} of
 * {@code Device.Time.} reads {@code Error} where a client's reads {@code Error_FailedToSynchronize}
 * (the standard's enumerations differ). Each client is a platform row keyed by the platform's
 * name for it.
 *
 * <p>Left out: the client's {@code Mode}, {@code Port}, {@code IPVersion}, {@code ServerInUse},
 * {@code Version}, {@code ResolveAddresses} and the rest of its settings,
 * {@code Authentication.}, {@code Stats.}, and {@code Server.{i}.}.
 */
public final class TimeObject {

    public static final String TIME = "Device.Time.";
    public static final String CLIENT = TIME + "Client.{i}.";

    /** The parameters whose changes the platform pushes ({@code CurrentLocalTime} is not: it is read when asked). */
    public static final Set<String> PUSHED = Set.of(TIME + "Enable", TIME + "Status", TIME + "LocalTimeZone",
            CLIENT + "Enable", CLIENT + "Status", CLIENT + "Servers");

    /** A POSIX TZ string: std offset [dst [offset] [,rule]]; names of 3+ letters or quoted in {@code <>}. */
    static final Pattern POSIX_TZ = Pattern.compile(
            "([A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)[+-]?\\d{1,2}(:\\d{2}){0,2}"
                    + "(([A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)([+-]?\\d{1,2}(:\\d{2}){0,2})?"
                    + "(,[A-Za-z0-9.:/+-]{1,32},[A-Za-z0-9.:/+-]{1,32})?)?");

    private TimeObject() {
    }

    static ObjectDef.Builder definition(Platform platform) {
        TimeWrites w = platform == null ? TimeWrites.ALL : platform.time().writes();
        ObjectDef.Builder client = ObjectDef.table("Client").maxEntries(TimeSnapshot.MAX_CLIENTS).uniqueKey("Alias")
                .param(param(w.clientEnable(), "Enable", ValueType.bool()))
                .param(ParameterDef.readOnly("Status", ValueType.string().enumeration(
                        "Disabled", "Unsynchronized", "Synchronized", "Error_FailedToSynchronize", "Error")))
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(param(w.clientServers(), "Servers",
                        ValueType.listOf(ValueType.string().maxLength(256)).maxItems(NtpClient.MAX_SERVERS)));
        if (w.addDeleteClients()) {
            client.creatable();
        }
        return ObjectDef.single("Time")
                .param(param(w.enable(), "Enable", ValueType.bool()))
                .param(ParameterDef.readOnly("Status", ValueType.string()
                        .enumeration("Disabled", "Unsynchronized", "Synchronized", "Error")))
                .param(ParameterDef.readOnly("CurrentLocalTime", ValueType.dateTime()))
                .param(param(w.localTimeZone(), "LocalTimeZone", ValueType.string().maxLength(256)))
                .tableWithCount(client);
    }

    private static ParameterDef param(boolean writable, String name, ValueType type) {
        return writable ? ParameterDef.readWrite(name, type) : ParameterDef.readOnly(name, type);
    }

    static void bind(Bindings.Builder bindings, Platform platform, PlatformChanges changes) {
        TimePlatform time = platform.time();
        bindings.parameter(TIME + "Enable", o -> Result.ok(Boolean.toString(time.snapshot().enable())), Duration.ZERO);
        bindings.parameter(TIME + "Status", o -> Result.ok(serviceStatus(time.snapshot().status())), Duration.ZERO);
        bindings.parameter(TIME + "CurrentLocalTime",
                o -> Result.ok(DateTimes.formatLocalSeconds(time.currentLocalTime())), Duration.ZERO);
        bindings.parameter(TIME + "LocalTimeZone", o -> Result.ok(time.snapshot().localTimeZone()), Duration.ZERO);
        Runnable push = () -> {
            changes.changed(TIME + "Enable");
            changes.changed(TIME + "Status");
            changes.changed(TIME + "LocalTimeZone");
            changes.changed(TIME + "Client.");
        };
        bindings.hook(TIME, new TimeHook(time, push));
        bindings.table(CLIENT, SnapshotRows.of(time::snapshot, s -> s.clients().stream().map(TimeObject::row).toList()),
                Duration.ofSeconds(1));
        bindings.hook(CLIENT, new ClientHook(time, push));
        time.watch(push);
    }

    /** Time.Status has no Error_FailedToSynchronize: it is an Error there. */
    static String serviceStatus(NtpStatus s) {
        return s == NtpStatus.ERROR_FAILED_TO_SYNCHRONIZE ? "Error" : s.standardName();
    }

    static TableProvider.Row row(NtpClient c) {
        return new TableProvider.Row(c.key(), Map.of("Enable", Boolean.toString(c.enable()),
                "Status", c.status().standardName(), "Servers", String.join(",", c.servers())));
    }

    /** Whether {@code tz} is a POSIX TZ string this model accepts for {@code LocalTimeZone}. */
    static boolean isPosixTz(String tz) {
        return tz.length() <= 256 && POSIX_TZ.matcher(tz).matches();
    }

    /** {@code Enable} and {@code LocalTimeZone} of {@code Device.Time.}. */
    private static final class TimeHook implements WriteHook {
        private final TimePlatform time;
        private final Runnable written;

        TimeHook(TimePlatform time, Runnable written) {
            this.time = time;
            this.written = written;
        }

        @Override
        public Optional<DmError> apply(Change change) {
            if (change instanceof Change.ValueSet set) {
                Optional<DmError> failed = write(set.parameter(), set.newValue());
                if (failed.isEmpty()) {
                    written.run();
                }
                return failed;
            }
            return Optional.of(DmError.of(ErrorCode.INTERNAL_ERROR, "not a table"));
        }

        private Optional<DmError> write(String parameter, String value) {
            if (parameter.equals("Enable") && time.writes().enable()) {
                Result<Boolean> on = RecordTableHook.bool(value);
                return on.isOk() ? time.setEnable(on.value()) : Optional.of(on.error());
            }
            if (parameter.equals("LocalTimeZone") && time.writes().localTimeZone()) {
                if (!isPosixTz(value)) {
                    return Optional.of(DmError.of(ErrorCode.INVALID_VALUE,
                            "not a POSIX TZ string such as CET-1CEST,M3.5.0,M10.5.0/3 or UTC0: " + value));
                }
                return time.setLocalTimeZone(value);
            }
            return Optional.of(DmError.of(ErrorCode.PARAMETER_READ_ONLY, "the platform cannot change " + parameter));
        }

        @Override
        public void revert(Change change) {
            if (change instanceof Change.ValueSet set && !set.oldValue().isEmpty()) {
                write(set.parameter(), set.oldValue());
                written.run();
            }
        }
    }

    /** Add, Set and Delete of NTP clients. */
    static final class ClientHook extends RecordTableHook<NtpClient> {
        private final TimePlatform time;

        ClientHook(TimePlatform time, Runnable written) {
            super(written);
            this.time = time;
        }

        @Override
        Optional<NtpClient> current(String key) {
            return time.snapshot().clients().stream().filter(c -> c.key().equals(key)).findFirst();
        }

        @Override
        Result<NtpClient> with(NtpClient c, String parameter, String value, InstanceKeys keys) {
            try {
                if (parameter.equals("Enable") && time.writes().clientEnable()) {
                    return bool(value).map(on -> new NtpClient(c.key(), on,
                            on ? (c.enable() ? c.status() : NtpStatus.UNSYNCHRONIZED) : NtpStatus.DISABLED, c.servers()));
                }
                if (parameter.equals("Servers") && time.writes().clientServers()) {
                    List<String> servers = new ArrayList<>();
                    for (String s : value.split(",", -1)) {
                        if (!s.isBlank()) {
                            servers.add(s.trim());
                        }
                    }
                    return Result.ok(new NtpClient(c.key(), c.enable(), c.status(), servers));
                }
            } catch (IllegalArgumentException e) {
                return Result.err(ErrorCode.INVALID_VALUE, e.getMessage());
            }
            return Result.err(ErrorCode.PARAMETER_READ_ONLY, "the platform cannot change " + parameter);
        }

        @Override
        Result<NtpClient> created(String key, Map<String, String> values, InstanceKeys keys) {
            NtpClient c = new NtpClient(key, false, NtpStatus.DISABLED, List.of());
            String servers = values.getOrDefault("Servers", "");
            if (!servers.isEmpty()) {
                Result<NtpClient> next = with(c, "Servers", servers, keys);
                if (!next.isOk()) {
                    return next;
                }
                c = next.value();
            }
            String enable = values.getOrDefault("Enable", "");
            return enable.isEmpty() ? Result.ok(c) : with(c, "Enable", enable, keys);
        }

        @Override
        Optional<DmError> put(NtpClient record) {
            return time.putClient(record);
        }

        @Override
        Optional<DmError> delete(String key) {
            return time.deleteClient(key);
        }

        @Override
        Optional<String> newKey() {
            return time.writes().addDeleteClients() ? time.newClientKey() : Optional.empty();
        }
    }
}

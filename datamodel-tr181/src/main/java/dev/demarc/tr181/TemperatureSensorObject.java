package dev.demarc.tr181;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.tr181.platform.SystemStatus;
import dev.demarc.tr181.platform.TemperatureSensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code Device.DeviceInfo.TemperatureStatus.} and its table {@code TemperatureSensor.{i}.}
 * (keyed by {@code Name}): what the platform read from the device's sensors (Linux thermal
 * zones and hwmon inputs), with the lowest and highest readings since the platform began
 * tracking each sensor ({@code ResetTime}: the agent's start, or the last {@code Reset()}).
 * {@code Status} is {@code Enabled} while the sensor reads, {@code Error} when it fails.
 *
 * <p>Not served: {@code Enable}, {@code LowAlarmValue}, {@code HighAlarmValue} and
 * {@code PollingInterval} (writable in TR-181; the platform samples every sensor on its own
 * schedule and raises no alarms) and the alarm times.
 */
public final class TemperatureSensorObject {

    public static final String PATH = "Device.DeviceInfo.TemperatureStatus.";
    public static final String SENSOR_TABLE = PATH + "TemperatureSensor.{i}.";
    public static final String RESET = SENSOR_TABLE + "Reset()";

    /** TR-181: -274 (below absolute zero) means no good reading since the last reset. */
    static final String NO_READING = "-274";

    private static final ValueType CELSIUS = ValueType.int32().range(-274, Integer.MAX_VALUE);

    public static final ParameterDef STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration("Disabled", "Enabled", "Error"));
    public static final ParameterDef RESET_TIME = ParameterDef.readOnly("ResetTime", ValueType.dateTime());
    public static final ParameterDef NAME = ParameterDef.readOnly("Name", ValueType.string().maxLength(256));
    public static final ParameterDef VALUE = ParameterDef.readOnly("Value", CELSIUS);
    public static final ParameterDef LAST_UPDATE = ParameterDef.readOnly("LastUpdate", ValueType.dateTime());
    public static final ParameterDef MIN_VALUE = ParameterDef.readOnly("MinValue", CELSIUS);
    public static final ParameterDef MIN_TIME = ParameterDef.readOnly("MinTime", ValueType.dateTime());
    public static final ParameterDef MAX_VALUE = ParameterDef.readOnly("MaxValue", CELSIUS);
    public static final ParameterDef MAX_TIME = ParameterDef.readOnly("MaxTime", ValueType.dateTime());

    private TemperatureSensorObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.single("TemperatureStatus")
                .tableWithCount(ObjectDef.table("TemperatureSensor")
                        .maxEntries(SystemStatus.MAX_SENSORS)
                        .uniqueKey(NAME.name())
                        .param(STATUS)
                        .param(RESET_TIME)
                        .param(NAME)
                        .param(VALUE)
                        .param(LAST_UPDATE)
                        .param(MIN_VALUE)
                        .param(MIN_TIME)
                        .param(MAX_VALUE)
                        .param(MAX_TIME)
                        .command(new CommandDef("Reset", false, List.of(), List.of())));
    }

    /** The rows from the snapshot at every read; the platform's changes re-read the table. */
    static void bind(Bindings.Builder bindings, SystemStatus status, PlatformChanges changes) {
        bindings.table(SENSOR_TABLE, SnapshotRows.of(status::temperatureSensors, TemperatureSensorObject::rows), Duration.ZERO);
        status.watch(() -> changes.changed(PATH + "TemperatureSensor."));
    }

    /** {@code TemperatureSensor.{i}.Reset()}: the platform forgets the sensor's readings. */
    static void register(UspCommands.Builder commands, SystemStatus status) {
        commands.register(RESET, (model, call) -> {
            Result<String> name = model.read(call.objectPath() + NAME.name());
            if (!name.isOk()) {
                return Result.err(ErrorCode.COMMAND_FAILURE, call.objectPath() + " has no name to reset");
            }
            return status.resetTemperatureSensor(name.value())
                    .<Result<Map<String, String>>>map(Result::err)
                    .orElseGet(() -> Result.ok(Map.of()));
        });
    }

    static List<TableProvider.Row> rows(List<TemperatureSensor> sensors) {
        List<TableProvider.Row> rows = new ArrayList<>(sensors.size());
        for (TemperatureSensor s : sensors) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put(STATUS.name(), s.readable() ? "Enabled" : "Error");
            v.put(RESET_TIME.name(), DateTimes.format(s.resetTime()));
            v.put(NAME.name(), s.name());
            v.put(VALUE.name(), celsius(s.value()));
            v.put(LAST_UPDATE.name(), DateTimes.format(s.lastUpdate()));
            v.put(MIN_VALUE.name(), celsius(s.minValue()));
            v.put(MIN_TIME.name(), DateTimes.format(s.minTime()));
            v.put(MAX_VALUE.name(), celsius(s.maxValue()));
            v.put(MAX_TIME.name(), DateTimes.format(s.maxTime()));
            rows.add(new TableProvider.Row(s.name(), v));
        }
        return rows;
    }

    private static String celsius(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : NO_READING;
    }
}

package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.ProcessStatus;
import dev.demarc.tr181.platform.SystemProcess;
import dev.demarc.tr181.platform.SystemStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Device.DeviceInfo.ProcessStatus.}: {@code CPUUsage} and the table
 * {@code Process.{i}.} (keyed by {@code PID}), from the platform's {@link SystemStatus}
 * snapshot. The table holds at most {@link ProcessStatus#MAX_PROCESSES} rows. The per-CPU table
 * {@code CPU.{i}.} (2.18, with its thresholds and alarms) is not served.
 */
public final class ProcessStatusObject {

    public static final String PATH = "Device.DeviceInfo.ProcessStatus.";
    public static final String PROCESS_TABLE = PATH + "Process.{i}.";

    public static final ParameterDef CPU_USAGE =
            ParameterDef.readOnly("CPUUsage", ValueType.unsignedInt().range(0, 100));
    public static final ParameterDef PID = ParameterDef.readOnly("PID", ValueType.unsignedInt());
    public static final ParameterDef COMMAND = ParameterDef.readOnly("Command", ValueType.string().maxLength(256));
    /** KiB. */
    public static final ParameterDef SIZE = ParameterDef.readOnly("Size", ValueType.unsignedInt());
    public static final ParameterDef PRIORITY = ParameterDef.readOnly("Priority", ValueType.unsignedInt().range(0, 99));
    /** Milliseconds. */
    public static final ParameterDef CPU_TIME = ParameterDef.readOnly("CPUTime", ValueType.unsignedInt());
    public static final ParameterDef STATE = ParameterDef.readOnly("State", ValueType.string().enumeration(
            "Running", "Sleeping", "Stopped", "Idle", "Uninterruptible", "Zombie"));

    private ProcessStatusObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.single("ProcessStatus")
                .param(CPU_USAGE)
                .tableWithCount(ObjectDef.table("Process")
                        .maxEntries(ProcessStatus.MAX_PROCESSES)
                        .uniqueKey(PID.name())
                        .param(PID)
                        .param(COMMAND)
                        .param(SIZE)
                        .param(PRIORITY)
                        .param(CPU_TIME)
                        .param(STATE));
    }

    /**
     * {@code CPUUsage} and the rows from the snapshot at every read; when the platform says the
     * processes changed, {@code changes} hears of the table.
     */
    static void bind(Bindings.Builder bindings, SystemStatus status, PlatformChanges changes) {
        bindings.parameter(PATH + CPU_USAGE.name(), PlatformValues.checked(CPU_USAGE, () -> {
            var usage = status.processes().cpuUsagePercent();
            return usage.isPresent() ? Integer.toString(usage.getAsInt()) : "";
        }), Duration.ZERO);
        bindings.table(PROCESS_TABLE, SnapshotRows.of(() -> status.processes().processes(), ProcessStatusObject::rows),
                Duration.ZERO);
        status.watch(() -> changes.changed(PATH + "Process."));
    }

    static List<TableProvider.Row> rows(List<SystemProcess> processes) {
        List<TableProvider.Row> rows = new ArrayList<>(processes.size());
        for (SystemProcess p : processes) {
            rows.add(new TableProvider.Row(Long.toString(p.pid()), Map.of(
                    PID.name(), PlatformValues.unsignedInt(p.pid()),
                    COMMAND.name(), p.command(),
                    SIZE.name(), PlatformValues.unsignedInt(p.sizeKiB()),
                    PRIORITY.name(), Integer.toString(p.priority()),
                    CPU_TIME.name(), PlatformValues.unsignedInt(p.cpuTimeMillis()),
                    STATE.name(), p.state().value())));
        }
        return rows;
    }
}

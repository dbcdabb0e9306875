package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.MemoryStatus;
import dev.demarc.tr181.platform.SystemStatus;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * {@code Device.DeviceInfo.MemoryStatus.}: the device's physical memory, {@code Total} and
 * {@code Free} in KiB, read from the platform's {@link SystemStatus} snapshot. The persistent
 * storage figures ({@code TotalPersistent}, {@code FreePersistent}) and the
 * {@code MemoryMonitor.} (thresholds, alarms) are not served.
 */
public final class MemoryStatusObject {

    public static final String PATH = "Device.DeviceInfo.MemoryStatus.";

    /** KiB of physical RAM. */
    public static final ParameterDef TOTAL = ParameterDef.readOnly("Total", ValueType.unsignedInt());
    /** KiB available now. */
    public static final ParameterDef FREE = ParameterDef.readOnly("Free", ValueType.unsignedInt());

    private MemoryStatusObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.single("MemoryStatus").param(TOTAL).param(FREE);
    }

    /** Both values from the status snapshot, at every read (the platform answers from memory). */
    static void bind(Bindings.Builder bindings, SystemStatus status) {
        bind(bindings, status, TOTAL, MemoryStatus::totalKiB);
        bind(bindings, status, FREE, MemoryStatus::freeKiB);
    }

    private static void bind(Bindings.Builder bindings, SystemStatus status, ParameterDef def,
                             ToLongFunction<MemoryStatus> field) {
        bindings.parameter(PATH + def.name(), PlatformValues.checked(def, () -> status.memory()
                .map(m -> PlatformValues.unsignedInt(field.applyAsLong(m))).orElse("")), Duration.ZERO);
    }
}

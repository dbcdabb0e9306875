package dev.demarc.tr181.platform;

import java.util.Objects;

/**
 * The system area of a platform: the running state ({@link SystemStatus}), the IP diagnostics
 * ({@link Diagnostics}) and reboot and factory reset ({@link DeviceControl}). The device's
 * identity and up time are the {@link DeviceInfoPlatform} part. Immutable.
 */
public record SystemPlatform(SystemStatus status, Diagnostics diagnostics, DeviceControl control) {

    private static final SystemPlatform NONE =
            new SystemPlatform(SystemStatus.none(), Diagnostics.none(), DeviceControl.none());

    public SystemPlatform {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostics, "diagnostics");
        Objects.requireNonNull(control, "control");
    }

    /** Nothing: no status, no diagnostics, no reboot. */
    public static SystemPlatform none() {
        return NONE;
    }
}

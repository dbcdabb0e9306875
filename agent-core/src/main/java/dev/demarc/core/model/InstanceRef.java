package dev.demarc.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What a provider is told about the object it serves: its concrete path and the platform keys
 * of the platform-backed instances on the way to it, outermost first (for
 * {@code Device.WiFi.AccessPoint.2.AssociatedDevice.5.} the keys of access point 2 and of
 * station 5, e.g. {@code ["wlan0", "aa:bb:cc:dd:ee:ff"]}).
 */
public record InstanceRef(String path, List<String> rowKeys) {

    public InstanceRef {
        Objects.requireNonNull(path, "path");
        rowKeys = List.copyOf(rowKeys);
    }

    /** The key of the innermost platform-backed instance; empty when there is none. */
    public String rowKey() {
        return rowKeys.isEmpty() ? "" : rowKeys.get(rowKeys.size() - 1);
    }
}

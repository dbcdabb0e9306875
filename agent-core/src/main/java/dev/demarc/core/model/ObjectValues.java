package dev.demarc.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One object of a Get answer: its path ({@code Device.DeviceInfo.}, {@code
 * Device.LocalAgent.Controller.1.}) and the values of its parameters by name, in schema order.
 * Hidden parameters read as the empty string.
 */
public record ObjectValues(String path, Map<String, String> parameters) {

    public ObjectValues {
        Objects.requireNonNull(path, "path");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}

package dev.demarc.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * One object of a Get answer: its path ({@code Device.DeviceInfo.}, {@code
 * Device.LocalAgent.Controller.1.}) and the values of its parameters by name, in schema order.
 * Hidden parameters read as the empty string.
 */
public record ObjectValues(String path, ParameterValues parameters) {

    public ObjectValues {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The values of {@code parameters}, in its iteration order. */
    public ObjectValues(String path, Map<String, String> parameters) {
        this(path, ParameterValues.copyOf(parameters));
    }
}

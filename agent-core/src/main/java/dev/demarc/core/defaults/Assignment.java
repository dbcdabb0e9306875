package dev.demarc.core.defaults;

import java.util.Objects;

/**
 * One line of a factory-defaults file: the parameter {@code path} (names and instance numbers,
 * e.g. {@code Device.LocalAgent.Controller.1.EndpointID}), the {@code value} as a string (quotes
 * and escapes already removed), and the 1-based {@code line} it came from.
 */
public record Assignment(String path, String value, int line) {

    public Assignment {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must not be empty");
        }
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1: " + line);
        }
    }
}

package dev.demarc.core;

import java.util.Objects;

/**
 * A failure as a value: the TR-369 error code, a message a person can act on, and the path it
 * concerns (empty when it concerns the whole request).
 */
public record DmError(ErrorCode code, String message, String path) {

    public DmError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(path, "path");
    }

    public static DmError of(ErrorCode code, String message) {
        return new DmError(code, message, "");
    }

    public static DmError at(String path, ErrorCode code, String message) {
        return new DmError(code, message, path);
    }

    /** The same error, naming {@code newPath}. */
    public DmError withPath(String newPath) {
        return new DmError(code, message, newPath);
    }

    @Override
    public String toString() {
        return code.code() + " " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}

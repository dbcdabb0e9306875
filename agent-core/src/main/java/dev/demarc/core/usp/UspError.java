package dev.demarc.core.usp;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * A USP request that failed as a whole, as a value: it becomes the Error message of TR-369
 * ("Error Fields"), with the code, a message a person can act on, and the per-path details
 * ({@code param_errs}) that Add, Set and Delete with {@code allow_partial} false carry.
 *
 * @param code        a TR-369 error code, 7000-7999 (the 7100 range for record errors)
 * @param message     what went wrong
 * @param paramErrors the objects or parameters that caused it; may be empty
 */
public record UspError(int code, String message, List<ParamError> paramErrors) {

    /** One failed object or parameter, by full path. */
    public record ParamError(String path, int code, String message) {
        public ParamError {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
            requireUspCode(code);
        }

        public static ParamError of(DmError e) {
            return new ParamError(e.path(), e.code().code(), e.message());
        }
    }

    public UspError {
        requireUspCode(code);
        Objects.requireNonNull(message, "message");
        paramErrors = List.copyOf(paramErrors);
    }

    public static UspError of(ErrorCode code, String message) {
        return new UspError(code.code(), message, List.of());
    }

    public static UspError of(UspRecordError code, String message) {
        return new UspError(code.code(), message, List.of());
    }

    /** The engine's error; its path, when it has one, becomes the one {@code param_errs} entry. */
    public static UspError of(DmError e) {
        return new UspError(e.code().code(), e.message(),
                e.path().isEmpty() ? List.of() : List.of(ParamError.of(e)));
    }

    private static void requireUspCode(int code) {
        if (code < 7000 || code > 7999) {
            throw new IllegalArgumentException("not a USP error code: " + code);
        }
    }

    @Override
    public String toString() {
        return code + " " + message + (paramErrors.isEmpty() ? "" : " " + paramErrors);
    }
}

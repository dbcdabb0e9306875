package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.ParameterProvider;
import dev.demarc.core.schema.ParameterDef;
import java.util.Optional;
import java.util.function.Supplier;

/** Providers that hold what the platform answers to the parameter's TR-181 facets. */
final class PlatformValues {

    /** The largest value of a TR-106 unsignedInt. */
    static final long UNSIGNED_INT_MAX = 0xFFFF_FFFFL;

    private PlatformValues() {
    }

    /**
     * A provider answering {@code value}'s result when it is valid for {@code def}; an empty value
     * the type refuses is "not known", anything else invalid is the platform's fault. Both are
     * 7003 errors: a controller never sees a value that breaks the standard.
     */
    static ParameterProvider checked(ParameterDef def, Supplier<String> value) {
        return object -> {
            String v = value.get();
            if (v == null) {
                return Result.err(DmError.at(object.path() + def.name(), ErrorCode.INTERNAL_ERROR, "the platform gave no value"));
            }
            Optional<DmError> invalid = def.type().check(v);
            if (invalid.isEmpty()) {
                return Result.ok(v);
            }
            if (v.isEmpty()) {
                return Result.err(DmError.at(object.path() + def.name(), ErrorCode.INTERNAL_ERROR,
                        "not known to the platform; the factory defaults can set it"));
            }
            return Result.err(DmError.at(object.path() + def.name(), ErrorCode.INTERNAL_ERROR,
                    "the platform gave an invalid value: " + invalid.get().message()));
        };
    }

    /** {@code instant} as a TR-106 dateTime in UTC, to the second: {@code 2025-04-23T10:00:00Z}. */
    static String dateTime(java.time.Instant instant) {
        return DateTimes.formatSeconds(instant);
    }

    /** {@code seconds} as an unsignedInt, held at its largest value rather than wrapping. */
    static String unsignedInt(long seconds) {
        return Long.toString(Math.max(0, Math.min(seconds, UNSIGNED_INT_MAX)));
    }
}

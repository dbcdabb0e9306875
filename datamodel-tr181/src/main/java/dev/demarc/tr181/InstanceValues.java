package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.ParameterProvider;
import dev.demarc.core.schema.ParameterDef;
import java.util.Optional;
import java.util.function.Function;

/**
 * Providers of parameters of platform-backed instances (or of objects inside them), read from
 * the platform's snapshot by the instance's key and held to the parameter's TR-181 facets like
 * {@link PlatformValues#checked}: an absent value is "not known", an invalid one the platform's
 * fault; both are 7003 errors, left out of a Get of a partial path.
 */
final class InstanceValues {

    private InstanceValues() {
    }

    /** {@code value} is given the platform key of the innermost platform-backed instance ({@code wan}). */
    static ParameterProvider checked(ParameterDef def, Function<String, Optional<String>> value) {
        return object -> {
            Optional<String> v = value.apply(object.rowKey());
            if (v.isEmpty()) {
                return Result.err(DmError.at(object.path() + def.name(), ErrorCode.INTERNAL_ERROR, "not known to the platform"));
            }
            Optional<DmError> invalid = def.type().check(v.get());
            if (invalid.isPresent()) {
                return Result.err(DmError.at(object.path() + def.name(), ErrorCode.INTERNAL_ERROR,
                        "the platform gave an invalid value: " + invalid.get().message()));
            }
            return Result.ok(v.get());
        };
    }
}

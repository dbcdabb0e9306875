package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.ParameterProvider;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WiFiSetting;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What the {@code Device.WiFi.} objects share: parameters declared writable only where the
 * platform applies the write, and providers that read the platform's current snapshot by the
 * instance's row key and hold the answer to the parameter's facets.
 */
final class WiFiValues {

    private WiFiValues() {
    }

    /**
     * {@code def} (readWrite in the standard) as the model on {@code platform} declares it:
     * readWrite when {@code platform} is null (the full model) or applies writes of {@code kind},
     * else read-only.
     */
    static ParameterDef access(ParameterDef def, Platform platform, WiFiSetting.Kind kind) {
        if (platform == null || platform.wifi().canWrite(kind)) {
            return def;
        }
        return readOnly(def);
    }

    private static ParameterDef readOnly(ParameterDef def) {
        return new ParameterDef(def.name(), def.type(), Access.READ_ONLY, def.defaultValue(), def.hidden(),
                def.countedTable(), def.valueChangeIgnored());
    }

    /**
     * {@code def} (readWrite in the standard) as readWrite in the full model only: no platform
     * applies it (references to other rows, which Demarc does not move).
     */
    static ParameterDef fullModelOnly(ParameterDef def, Platform platform) {
        return platform == null ? def : readOnly(def);
    }

    /**
     * Binds {@code supportedObjectPath + def.name()} to {@code value}, read at each read (the
     * platform answers from memory) and checked against {@code def}'s type: an instance the
     * platform no longer has, a value it does not know (empty) or one the type refuses is a
     * 7003 error, never a wrong value.
     */
    static void provide(Bindings.Builder bindings, String supportedObjectPath, ParameterDef def,
                        Function<InstanceRef, Optional<Optional<String>>> value) {
        bindings.parameter(supportedObjectPath + def.name(), checked(def, value), Duration.ZERO);
    }

    static ParameterProvider checked(ParameterDef def, Function<InstanceRef, Optional<Optional<String>>> value) {
        return object -> {
            Optional<Optional<String>> found = value.apply(object);
            if (found.isEmpty()) {
                return Result.err(DmError.at(object.path() + def.name(), ErrorCode.INTERNAL_ERROR, "no longer on the platform"));
            }
            if (found.get().isEmpty()) {
                return Result.err(DmError.at(object.path() + def.name(), ErrorCode.INTERNAL_ERROR, "not known to the platform"));
            }
            String v = found.get().get();
            Optional<DmError> invalid = def.type().check(v);
            if (invalid.isPresent()) {
                return Result.err(DmError.at(object.path() + def.name(), ErrorCode.INTERNAL_ERROR,
                        "the platform gave an invalid value: " + invalid.get().message()));
            }
            return Result.ok(v);
        };
    }

    /** The platform key of the {@code index}-th platform instance on the way to {@code object}. */
    static Optional<String> rowKey(InstanceRef object, int index) {
        return index < object.rowKeys().size() ? Optional.of(object.rowKeys().get(index)) : Optional.empty();
    }

    static Optional<String> known(String v) {
        return Optional.of(v);
    }

    static Optional<String> known(boolean v) {
        return Optional.of(Boolean.toString(v));
    }

    static Optional<String> known(long v) {
        return Optional.of(Long.toString(v));
    }

    /** An empty string is "not known". */
    static Optional<String> nonEmpty(String v) {
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    static Optional<String> of(OptionalInt v) {
        return v.isPresent() ? Optional.of(Integer.toString(v.getAsInt())) : Optional.empty();
    }

    static Optional<String> of(OptionalLong v) {
        return v.isPresent() ? Optional.of(Long.toString(v.getAsLong())) : Optional.empty();
    }

    static Optional<String> list(List<?> items) {
        StringBuilder sb = new StringBuilder();
        for (Object i : items) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
        }
        return Optional.of(sb.toString());
    }
}

package dev.demarc.tr181;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.tr181.platform.IpVersion;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The input arguments of an IP diagnostic, as the engine checked them against their types:
 * read with defaults, and checked for what this agent can do. Every refusal is a 7027
 * (Invalid command arguments) naming the argument. Owner thread.
 */
final class DiagnosticsArguments {

    private final Map<String, String> args;

    DiagnosticsArguments(Map<String, String> args) {
        this.args = Map.copyOf(args);
    }

    static <T> Result<T> refused(String message) {
        return Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS, message);
    }

    /** The argument, or empty when it was not given. */
    String text(String name) {
        return args.getOrDefault(name, "");
    }

    /** A number the engine checked already, or {@code otherwise} when it was not given. */
    long number(String name, long otherwise) {
        String v = args.get(name);
        if (v == null || v.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** A mandatory number within this agent's bounds. */
    Result<Long> limited(String name, long min, long max) {
        return limited(name, min, min, max);
    }

    /** A number within this agent's bounds, {@code otherwise} when not given. */
    Result<Long> limited(String name, long otherwise, long min, long max) {
        long v = number(name, otherwise);
        if (v < min || v > max) {
            return refused(name + ": " + v + " is out of this agent's range " + min + ".." + max);
        }
        return Result.ok(v);
    }

    /** {@code ProtocolVersion}; {@code Any} when not given. */
    IpVersion version() {
        return IpVersion.of(text("ProtocolVersion")).orElse(IpVersion.ANY);
    }

    /**
     * The {@code Name} of the object the {@code Interface} argument names (e.g.
     * {@code Device.IP.Interface.2} gives {@code wan} on OpenWrt, {@code eth0} on Linux); empty
     * when the argument is absent or empty (routing decides).
     */
    Result<String> interfaceName(DataModel model) {
        String path = text("Interface").strip();
        if (path.isEmpty()) {
            return Result.ok("");
        }
        String object = path.endsWith(".") ? path : path + ".";
        if (!object.startsWith(model.schema().root().name() + ".")) {
            return refused("Interface: " + path + " is not a path of this data model");
        }
        Result<String> name = model.read(object + "Name");
        if (!name.isOk() || name.value().isEmpty()) {
            return refused("Interface: " + path + " is not an interface of this device");
        }
        return Result.ok(name.value());
    }

    /** The request {@code make} builds, or its refusal of a value (its message names it). */
    <T> Result<T> build(Supplier<T> make) {
        try {
            return Result.ok(make.get());
        } catch (IllegalArgumentException e) {
            return refused(e.getMessage());
        }
    }
}

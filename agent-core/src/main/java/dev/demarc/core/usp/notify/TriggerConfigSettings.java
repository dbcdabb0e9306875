package dev.demarc.core.usp.notify;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.WriteHook;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.path.Segment;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Device.LocalAgent.Subscription.{i}.TriggerConfigSettings} (TR-181 2.16): the
 * configuration a subscription with {@code TriggerAction} {@code Config} or
 * {@code NotifyAndConfig} applies when what it watches happens (TP-469 1.93, 1.94).
 *
 * <p>The value is a list (at most 16 items, as TR-181 bounds it) of
 * {@code <Parameter Path>=<Parameter Value>}:
 * <ul>
 *   <li>the path names one parameter with instance numbers only
 *       ({@code Device.LocalAgent.Subscription.3.Enable}): no wildcard, search expression or
 *       reference following, so that a setting writes exactly one value;</li>
 *   <li>the value is written as the parameter's type reads it; TR-181 has string values
 *       quoted, so one pair of surrounding double quotes is removed ({@code "abc"} and
 *       {@code abc} both set {@code abc}). The list is comma-separated, so no value may hold a
 *       comma.</li>
 * </ul>
 *
 * <p><b>When written</b> ({@link #writeHook}), an item that is not of that form, names a
 * parameter the supported data model lacks or that is read-only, or holds a value the
 * parameter's type refuses, fails the write with 7012 Invalid value naming the item. Whether
 * the instance exists and whether the subscription's controller may write the parameter can
 * only be known when the settings are applied; see {@link Notifications}.
 *
 * <p>Stateless; {@link #parse} is called on the data model's owner thread (and the hook by the
 * engine there), but needs nothing of it.
 */
public final class TriggerConfigSettings {

    /** The parameter name, as TR-181 spells it. */
    public static final String PARAMETER = "TriggerConfigSettings";

    /** Characters of an item shown in an error message. */
    private static final int SHOWN = 80;

    /** One {@code <Parameter Path>=<Parameter Value>}, the value without its quotes. */
    public record Setting(String parameterPath, String value) {
        public Setting {
            Objects.requireNonNull(parameterPath, "parameterPath");
            Objects.requireNonNull(value, "value");
        }
    }

    private TriggerConfigSettings() {
    }

    /**
     * The settings of a {@code TriggerConfigSettings} value, each checked against
     * {@code schema}: its form, the parameter in the supported data model and writable, the
     * value valid for its type. Empty for the empty list. A failure is 7012 Invalid value naming
     * the item (1-based).
     */
    public static Result<List<Setting>> parse(Schema schema, String list) {
        Objects.requireNonNull(schema, "schema");
        if (list == null || list.isBlank()) {
            return Result.ok(List.of());
        }
        String[] items = list.split(",", -1);
        List<Setting> settings = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            Result<Setting> s = item(schema, items[i].strip());
            if (!s.isOk()) {
                return Result.err(ErrorCode.INVALID_VALUE, "item " + (i + 1) + " (" + shorten(items[i].strip()) + "): "
                        + s.error().message());
            }
            settings.add(s.value());
        }
        return Result.ok(List.copyOf(settings));
    }

    private static Result<Setting> item(Schema schema, String item) {
        int eq = separator(item);
        if (eq <= 0) {
            return Result.err(ErrorCode.INVALID_VALUE, "not of the form <Parameter Path>=<Parameter Value>");
        }
        String path = item.substring(0, eq).strip();
        String value = unquote(item.substring(eq + 1).strip());
        Result<PathName> parsed = PathParser.parse(path);
        if (!parsed.isOk()) {
            return Result.err(ErrorCode.INVALID_VALUE, "not a path: " + parsed.error().message());
        }
        if (parsed.value().kind() != PathName.Kind.PARAMETER) {
            return Result.err(ErrorCode.INVALID_VALUE, "not the path of a parameter");
        }
        for (Segment s : parsed.value().segments()) {
            if (!(s instanceof Segment.Name) && !(s instanceof Segment.Instance)) {
                return Result.err(ErrorCode.INVALID_VALUE,
                        "the path must name one parameter by instance numbers: no wildcard, search expression "
                                + "or reference following");
            }
        }
        int dot = path.lastIndexOf('.');
        String supportedObject = Schema.supportedPathOf(path.substring(0, dot + 1));
        String name = path.substring(dot + 1);
        Optional<ObjectDef> object = schema.object(supportedObject);
        Optional<ParameterDef> p = object.flatMap(o -> o.parameter(name));
        if (p.isEmpty()) {
            return Result.err(ErrorCode.INVALID_VALUE, "this agent's data model has no parameter "
                    + supportedObject + name);
        }
        if (p.get().access() == Access.READ_ONLY) {
            return Result.err(ErrorCode.INVALID_VALUE, supportedObject + name + " is read-only");
        }
        Optional<DmError> bad = p.get().type().check(value);
        if (bad.isPresent()) {
            return Result.err(ErrorCode.INVALID_VALUE, "bad value for " + name + ": " + bad.get().message());
        }
        return Result.ok(new Setting(path, value));
    }

    /** The first {@code =} outside brackets, or -1. */
    private static int separator(String item) {
        int depth = 0;
        for (int i = 0; i < item.length(); i++) {
            char c = item.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '=' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String shorten(String s) {
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...";
    }

    /**
     * The check of {@link #parse} when {@code TriggerConfigSettings} is written, as the
     * {@link WriteHook} of {@code Device.LocalAgent.Subscription.{i}.}: an Add or Set with a
     * bad value fails with 7012 and nothing changes. Changes of the instance's other
     * parameters pass. Called on the owner thread by the engine; applies nothing else.
     */
    public static WriteHook writeHook(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return new WriteHook() {
            @Override
            public Optional<DmError> apply(Change change) {
                String value;
                if (change instanceof Change.ValueSet v && v.parameter().equals(PARAMETER)) {
                    value = v.newValue();
                } else if (change instanceof Change.InstanceAdded a) {
                    value = a.values().getOrDefault(PARAMETER, "");
                } else {
                    return Optional.empty();
                }
                Result<List<Setting>> parsed = parse(schema, value);
                return parsed.isOk() ? Optional.empty() : Optional.of(DmError.at(change.object().path() + PARAMETER,
                        ErrorCode.INVALID_VALUE, PARAMETER + " " + parsed.error().message()));
            }

            @Override
            public void revert(Change change) {
                // nothing was applied
            }
        };
    }
}

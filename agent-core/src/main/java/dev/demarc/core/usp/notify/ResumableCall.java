package dev.demarc.core.usp.notify;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspRequestContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The call of a resumable command as {@link AsyncOperations} keeps it in the store, with the
 * wall-clock time it started: one JSON object,
 * <pre>{"format":1,"command":"Device.ScheduleTimer()","objectPath":"Device.","commandKey":"k",
 * "originator":"proto::controller","controller":"Device.LocalAgent.Controller.1.",
 * "startedAt":1795305600000,"input":{"DelaySeconds":"60"}}</pre>
 * A resumed call answers no one directly (its OperationComplete goes to subscriptions), so it
 * comes back without the MTP address the Operate came from.
 */
record ResumableCall(UspCommand.Call call, Instant startedAt) {

    private static final long FORMAT = 1;
    /** The protocol of the empty address a resumed call carries. */
    static final String NO_MTP = "";

    ResumableCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    String encode() {
        JsonWriter w = new JsonWriter().beginObject()
                .name("format").value(FORMAT)
                .name("command").value(call.command())
                .name("objectPath").value(call.objectPath())
                .name("commandKey").value(call.commandKey())
                .name("originator").value(call.context().controllerEndpointId())
                .name("controller").value(call.context().controllerPath())
                .name("startedAt").value(startedAt.toEpochMilli())
                .name("input").beginObject();
        for (Map.Entry<String, String> e : call.inputArgs().entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        return w.endObject().endObject().toJson();
    }

    /** The call {@link #encode} wrote; an error naming what is wrong with anything else. */
    static Result<ResumableCall> decode(String text) {
        Result<JsonValue.Obj> parsed = JsonReader.parseObject("kept call", text);
        if (!parsed.isOk()) {
            return Result.err(parsed.error());
        }
        JsonValue.Obj o = parsed.value();
        OptionalLong format = o.number("format");
        if (format.isEmpty() || format.getAsLong() != FORMAT) {
            return Result.err(ErrorCode.INTERNAL_ERROR, "not format " + FORMAT);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : new String[] {"command", "objectPath", "commandKey", "originator", "controller"}) {
            if (!(o.get(name).orElse(null) instanceof JsonValue.Str s)) {
                return Result.err(ErrorCode.INTERNAL_ERROR, "no string \"" + name + "\"");
            }
            fields.put(name, s.value());
        }
        OptionalLong startedAt = o.number("startedAt");
        if (startedAt.isEmpty()) {
            return Result.err(ErrorCode.INTERNAL_ERROR, "no number \"startedAt\"");
        }
        Map<String, String> input = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.object("input").map(JsonValue.Obj::members).orElse(Map.of()).entrySet()) {
            if (!(e.getValue() instanceof JsonValue.Str s)) {
                return Result.err(ErrorCode.INTERNAL_ERROR, "input argument \"" + e.getKey() + "\" is not a string");
            }
            input.put(e.getKey(), s.value());
        }
        String command = fields.get("command");
        if (!command.endsWith("()") || !command.startsWith(fields.get("objectPath"))) {
            return Result.err(ErrorCode.INTERNAL_ERROR, "\"" + command + "\" is not a command of \""
                    + fields.get("objectPath") + "\"");
        }
        try {
            String originator = fields.get("originator");
            return Result.ok(new ResumableCall(new UspCommand.Call(command, fields.get("objectPath"),
                    fields.get("commandKey"), input, new UspRequestContext(originator, fields.get("controller"),
                            new MtpAddress(NO_MTP, "", originator))),
                    Instant.ofEpochMilli(startedAt.getAsLong())));
        } catch (DateTimeException e) {
            return Result.err(ErrorCode.INTERNAL_ERROR, "\"startedAt\" is out of range");
        }
    }
}

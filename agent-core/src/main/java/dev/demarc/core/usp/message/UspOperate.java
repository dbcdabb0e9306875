package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Resolution;
import dev.demarc.core.model.Resolved;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.usp.UspAsyncCommand;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.UspRequestContext;
import dev.demarc.core.usp.notify.AsyncOperations;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Operate message (TR-369 "The Operate Message"), for synchronous and asynchronous commands.
 *
 * <ul>
 *   <li>The command path (a search path may match many objects) must name a command of the
 *   supported data model, else the Operate fails with an Error (7026, 7008, or 7016 for an
 *   instance that does not exist).</li>
 *   <li>Each matched command has its own result: its output arguments, or a
 *   {@code cmd_failure} (R-OPR.1): 7027 when a mandatory input argument is missing (R-OPR.5) or
 *   one has a bad value; 7022 when this agent has no implementation for the command. Unknown
 *   input arguments are ignored (R-OPR.6). An optional input argument left out reaches the
 *   command with its default value when the schema gives one
 *   ({@link ArgumentDef#defaultValue()}, TP-469 1.92), and is absent from its input otherwise.</li>
 *   <li>An asynchronous command (the schema's {@code async}) is handed to {@link AsyncOperations}:
 *   its result is the path of the {@code Device.LocalAgent.Request.{i}.} instance made for it
 *   ({@code req_obj_path}), one per matched command (R-OPR.0, R-OPR.2), and its outcome comes
 *   later in an OperationComplete notification. A synchronous implementation registered for an
 *   asynchronous command runs the same way and completes at once.</li>
 *   <li>With {@code send_resp} false no OperateResp is sent (R-OPR.4); an Error still is.</li>
 *   <li>Running a command needs {@code CommandEvent} execute on it; without, its result is a
 *   {@code cmd_failure} 7006 Permission denied (TP-469 2.18 as of USP 1.4). Objects a search
 *   path matched on values the controller may not read are left out (see
 *   {@link RequestAccess#mayMatch}).</li>
 * </ul>
 * Owner thread.
 */
public final class UspOperate {

    private static final Logger LOG = LoggerFactory.getLogger(UspOperate.class);

    private UspOperate() {
    }

    public static UspOutcome respond(DataModel model, UspMsg.Operate operate, UspCommands commands,
                                     UspRequestContext context, AccessPolicy policy) {
        return respond(model, operate, commands, context, policy, null);
    }

    /** The Operate; {@code async} runs asynchronous commands (null: they fail with 7022). */
    public static UspOutcome respond(DataModel model, UspMsg.Operate operate, UspCommands commands,
                                     UspRequestContext context, AccessPolicy policy, AsyncOperations async) {
        RequestAccess access = RequestAccess.of(policy);
        String path = operate.getCommand();
        Result<PathName> parsed = PathParser.parse(path);
        if (!parsed.isOk()) {
            return UspOutcome.fail(UspError.of(parsed.error()));
        }
        if (parsed.value().kind() != PathName.Kind.COMMAND) {
            return UspOutcome.fail(UspError.of(DmError.at(path, ErrorCode.INVALID_PATH,
                    "not a command path (a command path ends with ())")));
        }
        Result<Resolution> resolved = model.resolve(parsed.value());
        if (!resolved.isOk()) {
            return UspOutcome.fail(UspError.of(resolved.error()));
        }
        if (resolved.value().matches().isEmpty() && !resolved.value().search()) {
            return UspOutcome.fail(UspError.of(DmError.at(path, ErrorCode.OBJECT_DOES_NOT_EXIST,
                    "the object of this command does not exist")));
        }
        UspMsg.OperateResp.Builder resp = UspMsg.OperateResp.newBuilder();
        for (Resolved m : resolved.value().matches()) {
            if (!access.mayMatch(parsed.value(), m.objectPath(), false)) {
                continue;
            }
            CommandDef def = m.object().command(m.member()).orElseThrow();
            UspMsg.OperateResp.OperationResult.Builder result = UspMsg.OperateResp.OperationResult.newBuilder()
                    .setExecutedCommand(m.path());
            if (!access.operate(m.path())) {
                result.setCmdFailure(failure(RequestAccess.denied(m.path(), "this controller may not run " + m.path())));
                resp.addOperationResults(result);
                continue;
            }
            if (def.async()) {
                Result<String> started = startAsync(model, m, def, operate, commands, context, async);
                if (started.isOk()) {
                    result.setReqObjPath(started.value());
                } else {
                    result.setCmdFailure(failure(started.error()));
                }
                resp.addOperationResults(result);
                continue;
            }
            Result<Map<String, String>> ran = run(model, m, def, operate, commands, context);
            if (ran.isOk()) {
                result.setReqOutputArgs(UspMsg.OperateResp.OperationResult.OutputArgs.newBuilder()
                        .putAllOutputArgs(ran.value()));
            } else {
                result.setCmdFailure(failure(ran.error()));
            }
            resp.addOperationResults(result);
        }
        if (!operate.getSendResp()) {
            return new UspOutcome.Silent("Operate " + path + " with send_resp false");
        }
        return UspOutcome.reply(UspMsg.Response.newBuilder().setOperateResp(resp).build());
    }

    private static UspMsg.OperateResp.OperationResult.CommandFailure failure(DmError e) {
        return UspMsg.OperateResp.OperationResult.CommandFailure.newBuilder()
                .setErrCode(e.code().code()).setErrMsg(e.message()).build();
    }

    private static Result<String> startAsync(DataModel model, Resolved m, CommandDef def, UspMsg.Operate operate,
                                             UspCommands commands, UspRequestContext context, AsyncOperations async) {
        Result<Map<String, String>> input = input(def, operate);
        if (!input.isOk()) {
            return Result.err(input.error());
        }
        String supported = Schema.supportedPathOf(m.path());
        Optional<UspAsyncCommand> command = commands.asyncCommand(supported)
                .or(() -> commands.command(supported).map(sync -> (mm, call) ->
                        CompletableFuture.completedFuture(sync.run(mm, call))));
        if (command.isEmpty() || async == null) {
            return Result.err(ErrorCode.COMMAND_FAILURE, m.path() + " is in the data model but this agent cannot run it");
        }
        return async.start(model, new UspCommand.Call(m.path(), m.objectPath(), operate.getCommandKey(), input.value(),
                context), command.get());
    }

    /**
     * The input arguments of R-OPR.5, R-OPR.6: mandatory ones present, every value valid, and
     * an optional one left out given its data model default when it has one (TP-469 1.92).
     */
    private static Result<Map<String, String>> input(CommandDef def, UspMsg.Operate operate) {
        Map<String, String> given = operate.getInputArgsMap();
        Map<String, String> input = new LinkedHashMap<>();
        for (ArgumentDef a : def.input()) {
            String value = given.get(a.name());
            if (value == null) {
                if (a.mandatory()) {
                    return Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS, "mandatory input argument " + a.name() + " is missing");
                }
                if (a.hasDefault()) {
                    input.put(a.name(), a.type().normalize(a.defaultValue()));
                }
                continue;
            }
            Optional<DmError> bad = a.type().check(value);
            if (bad.isPresent()) {
                return Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS, "input argument " + a.name() + ": " + bad.get().message());
            }
            input.put(a.name(), a.type().normalize(value));
        }
        return Result.ok(input);
    }

    private static Result<Map<String, String>> run(DataModel model, Resolved m, CommandDef def,
                                                   UspMsg.Operate operate, UspCommands commands,
                                                   UspRequestContext context) {
        Result<Map<String, String>> checked = input(def, operate);
        if (!checked.isOk()) {
            return checked;
        }
        Map<String, String> input = checked.value();
        Optional<UspCommand> command = commands.command(Schema.supportedPathOf(m.path()));
        if (command.isEmpty()) {
            return Result.err(ErrorCode.COMMAND_FAILURE, m.path() + " is in the data model but this agent cannot run it");
        }
        try {
            Result<Map<String, String>> out = command.get().run(model,
                    new UspCommand.Call(m.path(), m.objectPath(), operate.getCommandKey(), input, context));
            return out == null ? Result.err(ErrorCode.INTERNAL_ERROR, m.path() + " gave no result") : out;
        } catch (RuntimeException e) {
            LOG.error("command {} failed", m.path(), e);
            return Result.err(ErrorCode.INTERNAL_ERROR, m.path() + " failed: " + e);
        }
    }
}

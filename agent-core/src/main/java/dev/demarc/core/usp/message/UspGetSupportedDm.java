package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Resolution;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspMsg.GetSupportedDMResp;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The GetSupportedDM message (TR-369 "The GetSupportedDM Message"): the agent's supported data
 * model, from the schema.
 *
 * <p>A requested path may be in supported form ({@code Device.LocalAgent.Controller.{i}.}), name
 * a table without its final {@code {i}.} ({@code Device.LocalAgent.Controller.}), use instance
 * numbers of instances that exist ({@code Device.LocalAgent.Controller.1.MTP.}), or name one
 * parameter, command ({@code Device.Reboot()}) or event ({@code Device.Boot!}); then only that
 * member is reported, in an entry for its object, whatever the {@code return_*} flags say. An
 * object path without its final dot ({@code Device.LocalAgent.Subscription}) is taken as the
 * object when no parameter has that name.
 *
 * <p>Objects report {@code OBJ_ADD_DELETE} when controllers may create instances, else
 * {@code OBJ_READ_ONLY}; parameters report their base type, {@code PARAM_READ_WRITE} for
 * writable and write-once parameters, and {@code VALUE_CHANGE_ALLOWED}. With
 * {@code first_level_only} the object is followed by its immediate children, which carry only
 * their path, access, multi-instance flag and unique keys. Owner thread (instance paths are
 * checked against the instantiated model).
 */
public final class UspGetSupportedDm {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private enum Kind { OBJECT, PARAMETER, COMMAND, EVENT }

    private record Target(ObjectDef object, Kind kind, String member) {
    }

    private UspGetSupportedDm() {
    }

    /**
     * @param dataModelUri the URI reported as {@code data_model_inst_uri}, e.g. the TR-181
     *                     version the agent implements
     */
    public static UspOutcome respond(DataModel model, UspMsg.GetSupportedDM request, String dataModelUri,
                                     int maxResponseBytes) {
        GetSupportedDMResp.Builder resp = GetSupportedDMResp.newBuilder();
        long size = 0;
        for (String path : request.getObjPathsList()) {
            GetSupportedDMResp.RequestedObjectResult.Builder r = GetSupportedDMResp.RequestedObjectResult.newBuilder()
                    .setReqObjPath(path);
            Result<Target> target = locate(model, path);
            if (!target.isOk()) {
                r.setErrCode(target.error().code().code()).setErrMsg(target.error().message());
            } else {
                r.setDataModelInstUri(dataModelUri);
                describe(target.value(), request, r);
            }
            GetSupportedDMResp.RequestedObjectResult one = r.build();
            size += one.getSerializedSize();
            if (size > maxResponseBytes) {
                return UspOutcome.fail(UspError.of(ErrorCode.RESOURCES_EXCEEDED, "the answer would be larger than "
                        + maxResponseBytes + " bytes; ask for less (first_level_only, or fewer return_* flags)"));
            }
            resp.addReqObjResults(one);
        }
        return UspOutcome.reply(UspMsg.Response.newBuilder().setGetSupportedDmResp(resp).build());
    }

    private static void describe(Target t, UspMsg.GetSupportedDM req, GetSupportedDMResp.RequestedObjectResult.Builder r) {
        switch (t.kind()) {
            case PARAMETER -> r.addSupportedObjs(bare(t.object())
                    .addSupportedParams(param(t.object().parameter(t.member()).orElseThrow())));
            case COMMAND -> r.addSupportedObjs(bare(t.object())
                    .addSupportedCommands(command(t.object().command(t.member()).orElseThrow())));
            case EVENT -> r.addSupportedObjs(bare(t.object())
                    .addSupportedEvents(event(t.object().event(t.member()).orElseThrow())));
            case OBJECT -> {
                r.addSupportedObjs(full(t.object(), req));
                if (req.getFirstLevelOnly()) {
                    for (ObjectDef child : t.object().objects()) {
                        GetSupportedDMResp.SupportedObjectResult.Builder b = bare(child);
                        if (req.getReturnUniqueKeySets()) {
                            addUniqueKeys(child, b);
                        }
                        r.addSupportedObjs(b);
                    }
                } else {
                    addDescendants(t.object(), req, r);
                }
            }
        }
    }

    private static void addDescendants(ObjectDef object, UspMsg.GetSupportedDM req,
                                       GetSupportedDMResp.RequestedObjectResult.Builder r) {
        for (ObjectDef child : object.objects()) {
            r.addSupportedObjs(full(child, req));
            addDescendants(child, req, r);
        }
    }

    private static GetSupportedDMResp.SupportedObjectResult.Builder bare(ObjectDef o) {
        return GetSupportedDMResp.SupportedObjectResult.newBuilder()
                .setSupportedObjPath(o.path())
                .setAccess(o.table() && o.creatable()
                        ? GetSupportedDMResp.ObjAccessType.OBJ_ADD_DELETE
                        : GetSupportedDMResp.ObjAccessType.OBJ_READ_ONLY)
                .setIsMultiInstance(o.table());
    }

    private static GetSupportedDMResp.SupportedObjectResult.Builder full(ObjectDef o, UspMsg.GetSupportedDM req) {
        GetSupportedDMResp.SupportedObjectResult.Builder b = bare(o);
        if (req.getReturnParams()) {
            o.parameters().forEach(p -> b.addSupportedParams(param(p)));
        }
        if (req.getReturnCommands()) {
            o.commands().forEach(c -> b.addSupportedCommands(command(c)));
        }
        if (req.getReturnEvents()) {
            o.events().forEach(e -> b.addSupportedEvents(event(e)));
        }
        if (req.getReturnUniqueKeySets()) {
            addUniqueKeys(o, b);
        }
        return b;
    }

    private static void addUniqueKeys(ObjectDef o, GetSupportedDMResp.SupportedObjectResult.Builder b) {
        for (List<String> key : o.uniqueKeys()) {
            b.addUniqueKeySets(GetSupportedDMResp.SupportedUniqueKeySet.newBuilder().addAllKeyNames(key));
        }
    }

    private static GetSupportedDMResp.SupportedParamResult param(ParameterDef p) {
        return GetSupportedDMResp.SupportedParamResult.newBuilder()
                .setParamName(p.name())
                .setAccess(p.isNumberOfEntries() || p.access() == Access.READ_ONLY
                        ? GetSupportedDMResp.ParamAccessType.PARAM_READ_ONLY
                        : GetSupportedDMResp.ParamAccessType.PARAM_READ_WRITE)
                .setValueType(valueType(p))
                .setValueChange(GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_ALLOWED)
                .build();
    }

    private static GetSupportedDMResp.ParamValueType valueType(ParameterDef p) {
        return switch (p.type().base()) {
            case STRING -> GetSupportedDMResp.ParamValueType.PARAM_STRING;
            case BOOLEAN -> GetSupportedDMResp.ParamValueType.PARAM_BOOLEAN;
            case INT -> GetSupportedDMResp.ParamValueType.PARAM_INT;
            case UNSIGNED_INT -> GetSupportedDMResp.ParamValueType.PARAM_UNSIGNED_INT;
            case LONG -> GetSupportedDMResp.ParamValueType.PARAM_LONG;
            case UNSIGNED_LONG -> GetSupportedDMResp.ParamValueType.PARAM_UNSIGNED_LONG;
            case DATE_TIME -> GetSupportedDMResp.ParamValueType.PARAM_DATE_TIME;
            case BASE64 -> GetSupportedDMResp.ParamValueType.PARAM_BASE_64;
            case HEX_BINARY -> GetSupportedDMResp.ParamValueType.PARAM_HEX_BINARY;
            case DECIMAL -> GetSupportedDMResp.ParamValueType.PARAM_DECIMAL;
        };
    }

    private static GetSupportedDMResp.SupportedCommandResult command(CommandDef c) {
        return GetSupportedDMResp.SupportedCommandResult.newBuilder()
                .setCommandName(c.name() + "()")
                .addAllInputArgNames(c.input().stream().map(ArgumentDef::name).toList())
                .addAllOutputArgNames(c.output().stream().map(ArgumentDef::name).toList())
                .setCommandType(c.async() ? GetSupportedDMResp.CmdType.CMD_ASYNC : GetSupportedDMResp.CmdType.CMD_SYNC)
                .build();
    }

    private static GetSupportedDMResp.SupportedEventResult event(EventDef e) {
        return GetSupportedDMResp.SupportedEventResult.newBuilder()
                .setEventName(e.name() + "!")
                .addAllArgNames(e.arguments().stream().map(ArgumentDef::name).toList())
                .build();
    }

    // ------------------------------------------------------------------ paths

    private static Result<Target> locate(DataModel model, String path) {
        if (path.isEmpty()) {
            return invalid(path, "empty path");
        }
        if (path.indexOf('[') >= 0 || path.indexOf('+') >= 0) {
            return Result.err(DmError.at(path, ErrorCode.INVALID_PATH_SYNTAX,
                    "GetSupportedDM takes supported paths ({i}) or instance numbers, not search expressions"));
        }
        Kind kind;
        String body;
        if (path.endsWith("()")) {
            kind = Kind.COMMAND;
            body = path.substring(0, path.length() - 2);
        } else if (path.endsWith("!")) {
            kind = Kind.EVENT;
            body = path.substring(0, path.length() - 1);
        } else if (path.endsWith(".")) {
            kind = Kind.OBJECT;
            body = path.substring(0, path.length() - 1);
        } else {
            kind = null;
            body = path;
        }
        String[] segs = body.split("\\.", -1);
        ObjectDef root = model.schema().root();
        if (!segs[0].equals(root.name())) {
            return invalid(path, "the path does not start with " + root.path());
        }
        int objectSegments = kind == Kind.OBJECT ? segs.length : segs.length - 1;
        ObjectDef at = root;
        boolean instanceExpected = false;
        int lastNumber = -1;
        for (int i = 1; i < objectSegments; i++) {
            String s = segs[i];
            boolean instance = s.equals("{i}") || s.equals("*") || NUMBER.matcher(s).matches();
            if (instance) {
                if (!instanceExpected) {
                    return invalid(path, s + " follows " + at.path() + ", which is not a table");
                }
                instanceExpected = false;
                if (NUMBER.matcher(s).matches()) {
                    lastNumber = i;
                }
                continue;
            }
            if (instanceExpected) {
                return invalid(path, at.tablePath() + " is a table: {i} or an instance number must follow it");
            }
            if (!NAME.matcher(s).matches()) {
                return Result.err(DmError.at(path, ErrorCode.INVALID_PATH_SYNTAX, "not a name: " + s));
            }
            Optional<ObjectDef> child = at.object(s);
            if (child.isEmpty()) {
                return invalid(path, at.path() + " has no object " + s);
            }
            at = child.get();
            instanceExpected = at.table();
        }
        if (lastNumber > 0) {
            String instancePath = String.join(".", List.of(segs).subList(0, lastNumber + 1)) + ".";
            if (!instancePath.contains("*") && !instancePath.contains("{i}")) {
                Result<Resolution> r = model.resolve(instancePath);
                if (!r.isOk() || r.value().matches().isEmpty()) {
                    return Result.err(DmError.at(path, ErrorCode.OBJECT_DOES_NOT_EXIST, instancePath + " does not exist"));
                }
            }
        }
        if (kind == Kind.OBJECT) {
            return Result.ok(new Target(at, Kind.OBJECT, ""));
        }
        if (instanceExpected) {
            return invalid(path, at.tablePath() + " is a table: {i} or an instance number must follow it");
        }
        String member = segs[segs.length - 1];
        if (kind == Kind.COMMAND) {
            return at.command(member).isPresent() ? Result.ok(new Target(at, kind, member))
                    : invalid(path, at.path() + " has no command " + member + "()");
        }
        if (kind == Kind.EVENT) {
            return at.event(member).isPresent() ? Result.ok(new Target(at, kind, member))
                    : invalid(path, at.path() + " has no event " + member + "!");
        }
        if (at.parameter(member).isPresent()) {
            return Result.ok(new Target(at, Kind.PARAMETER, member));
        }
        if (at.object(member).isPresent()) {
            return Result.ok(new Target(at.object(member).get(), Kind.OBJECT, ""));
        }
        return invalid(path, at.path() + " has no parameter or object " + member);
    }

    private static Result<Target> invalid(String path, String message) {
        return Result.err(DmError.at(path, ErrorCode.INVALID_PATH, message));
    }
}

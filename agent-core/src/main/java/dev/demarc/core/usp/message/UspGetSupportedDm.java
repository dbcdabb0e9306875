package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.acl.AccessPolicy;
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
 * writable and write-once parameters, and {@code VALUE_CHANGE_ALLOWED}, or
 * {@code VALUE_CHANGE_WILL_IGNORE} for those whose changes the agent never notifies
 * ({@link ParameterDef#valueChangeIgnored()}: a ValueChange subscription naming them is
 * accepted and hears nothing of them, as TR-369 describes the value). With
 * {@code first_level_only} the object is followed by its immediate children, which carry only
 * their path, access, multi-instance flag and unique keys.
 *
 * <p><b>Permissions</b> (TR-369 R-GSP.0), checked at the supported path ({@code {i}}), so only
 * what the roles allow for every instance: an object is reported only with {@code Obj} read,
 * a parameter with {@code Param} read, a command or event with {@code CommandEvent} read; what is
 * not is treated as not in the supported data model, so a requested path naming it fails with
 * 7026, and it is left out of a larger answer (its readable sub-objects are still reported).
 * The access reported is narrowed to what the controller may do: {@code OBJ_ADD_DELETE} needs
 * {@code Obj} write on the table and {@code InstantiatedObj} write on its instances (one of them
 * gives {@code OBJ_ADD_ONLY} or {@code OBJ_DELETE_ONLY}), {@code PARAM_READ_WRITE} needs
 * {@code Param} write. Owner thread (instance paths are checked against the instantiated
 * model).
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
    public static UspOutcome respond(DataModel model, UspMsg.GetSupportedDM request, AccessPolicy policy,
                                     String dataModelUri, int maxResponseBytes) {
        RequestAccess access = RequestAccess.of(policy);
        GetSupportedDMResp.Builder resp = GetSupportedDMResp.newBuilder();
        long size = 0;
        for (String path : request.getObjPathsList()) {
            GetSupportedDMResp.RequestedObjectResult.Builder r = GetSupportedDMResp.RequestedObjectResult.newBuilder()
                    .setReqObjPath(path);
            Result<Target> target = locate(model, path);
            if (!target.isOk()) {
                r.setErrCode(target.error().code().code()).setErrMsg(target.error().message());
            } else if (!readable(target.value(), access)) {
                r.setErrCode(ErrorCode.INVALID_PATH.code()).setErrMsg(notPresent(target.value(), access));
            } else {
                r.setDataModelInstUri(dataModelUri);
                describe(target.value(), request, r, access);
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

    /** What R-GSP.0 asks of the requested path itself. */
    private static boolean readable(Target t, RequestAccess access) {
        String object = t.object().path();
        if (!access.readObject(object)) {
            return false;
        }
        return switch (t.kind()) {
            case OBJECT -> true;
            case PARAMETER -> access.readParam(object + t.member());
            case COMMAND -> access.readCommandEvent(object + t.member() + "()");
            case EVENT -> access.readCommandEvent(object + t.member() + "!");
        };
    }

    /** What {@link #locate} says of a name the schema lacks, for one the controller may not read. */
    private static String notPresent(Target t, RequestAccess access) {
        ObjectDef o = t.object();
        if (!access.readObject(o.path())) {
            String own = o.table() ? o.tablePath() : o.path();
            int end = own.length() - 1 - o.name().length();
            return end <= 0 ? "not in the supported data model of this agent"
                    : own.substring(0, end) + " has no object " + o.name();
        }
        return switch (t.kind()) {
            case OBJECT -> "not in the supported data model of this agent";
            case PARAMETER -> o.path() + " has no parameter or object " + t.member();
            case COMMAND -> o.path() + " has no command " + t.member() + "()";
            case EVENT -> o.path() + " has no event " + t.member() + "!";
        };
    }

    private static void describe(Target t, UspMsg.GetSupportedDM req, GetSupportedDMResp.RequestedObjectResult.Builder r,
                                 RequestAccess access) {
        switch (t.kind()) {
            case PARAMETER -> r.addSupportedObjs(bare(t.object(), access)
                    .addSupportedParams(param(t.object(), t.object().parameter(t.member()).orElseThrow(), access)));
            case COMMAND -> r.addSupportedObjs(bare(t.object(), access)
                    .addSupportedCommands(command(t.object().command(t.member()).orElseThrow())));
            case EVENT -> r.addSupportedObjs(bare(t.object(), access)
                    .addSupportedEvents(event(t.object().event(t.member()).orElseThrow())));
            case OBJECT -> {
                r.addSupportedObjs(full(t.object(), req, access));
                if (req.getFirstLevelOnly()) {
                    for (ObjectDef child : t.object().objects()) {
                        if (!access.readObject(child.path())) {
                            continue;
                        }
                        GetSupportedDMResp.SupportedObjectResult.Builder b = bare(child, access);
                        if (req.getReturnUniqueKeySets()) {
                            addUniqueKeys(child, b);
                        }
                        r.addSupportedObjs(b);
                    }
                } else {
                    addDescendants(t.object(), req, r, access);
                }
            }
        }
    }

    private static void addDescendants(ObjectDef object, UspMsg.GetSupportedDM req,
                                       GetSupportedDMResp.RequestedObjectResult.Builder r, RequestAccess access) {
        for (ObjectDef child : object.objects()) {
            if (access.readObject(child.path())) {
                r.addSupportedObjs(full(child, req, access));
            }
            addDescendants(child, req, r, access);
        }
    }

    private static GetSupportedDMResp.SupportedObjectResult.Builder bare(ObjectDef o, RequestAccess access) {
        GetSupportedDMResp.ObjAccessType type = GetSupportedDMResp.ObjAccessType.OBJ_READ_ONLY;
        if (o.table() && o.creatable()) {
            boolean add = access.addInstance(o.tablePath());
            boolean delete = access.deleteInstance(o.path());
            type = add && delete ? GetSupportedDMResp.ObjAccessType.OBJ_ADD_DELETE
                    : add ? GetSupportedDMResp.ObjAccessType.OBJ_ADD_ONLY
                    : delete ? GetSupportedDMResp.ObjAccessType.OBJ_DELETE_ONLY
                    : GetSupportedDMResp.ObjAccessType.OBJ_READ_ONLY;
        }
        return GetSupportedDMResp.SupportedObjectResult.newBuilder()
                .setSupportedObjPath(o.path())
                .setAccess(type)
                .setIsMultiInstance(o.table());
    }

    private static GetSupportedDMResp.SupportedObjectResult.Builder full(ObjectDef o, UspMsg.GetSupportedDM req,
                                                                         RequestAccess access) {
        GetSupportedDMResp.SupportedObjectResult.Builder b = bare(o, access);
        RequestAccess.Members members = access.members(o.path());
        if (req.getReturnParams()) {
            o.parameters().stream().filter(p -> members.readParam(p.name()))
                    .forEach(p -> b.addSupportedParams(param(o, p, access)));
        }
        if (req.getReturnCommands()) {
            o.commands().stream().filter(c -> members.readCommandEvent(c.name() + "()"))
                    .forEach(c -> b.addSupportedCommands(command(c)));
        }
        if (req.getReturnEvents()) {
            o.events().stream().filter(e -> members.readCommandEvent(e.name() + "!"))
                    .forEach(e -> b.addSupportedEvents(event(e)));
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

    private static GetSupportedDMResp.SupportedParamResult param(ObjectDef o, ParameterDef p, RequestAccess access) {
        boolean writable = !p.isNumberOfEntries() && p.access() != Access.READ_ONLY
                && access.writeParam(o.path() + p.name());
        return GetSupportedDMResp.SupportedParamResult.newBuilder()
                .setParamName(p.name())
                .setAccess(writable
                        ? GetSupportedDMResp.ParamAccessType.PARAM_READ_WRITE
                        : GetSupportedDMResp.ParamAccessType.PARAM_READ_ONLY)
                .setValueType(valueType(p))
                .setValueChange(p.valueChangeIgnored()
                        ? GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_WILL_IGNORE
                        : GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_ALLOWED)
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

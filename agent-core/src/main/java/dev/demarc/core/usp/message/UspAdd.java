package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Add message (TR-369 "The Add Message", "Using Allow Partial and Required Parameters").
 *
 * <ul>
 *   <li>Each CreateObject names a table, possibly through a search path (Add in every table it
 *   matches, each with a CreatedObjectResult of the same {@code requested_path}).</li>
 *   <li>A parameter that fails and is not required is left out (the instance is created without
 *   it, R-ADD.4); a required one fails the instance (R-ADD.3). A unique-key parameter counts as
 *   required whatever {@code required} says, so that unique keys hold.</li>
 *   <li>{@code allow_partial} false: all instances in one transaction; any failure is an Error
 *   with every failed path in {@code param_errs} and nothing is created (R-ADD.1, R-ADD.2a).</li>
 *   <li>{@code allow_partial} true: each instance in a transaction of its own (R-ADD.0).</li>
 *   <li>The result carries the new instance's path and every unique-key value, the ones the
 *   agent chose included (R-ADD.5).</li>
 * </ul>
 *
 * <p><b>Permissions</b>: adding an instance needs {@code Obj} write on the table, else the
 * instance fails with 7006 (TP-469 2.11, 2.12). Each parameter given needs {@code Param} write
 * on it in the new instance, checked before the instance exists at its supported path
 * ({@code Device.X.{i}.Name}), so only what the roles allow for every instance: without it the
 * parameter fails with 7006 and is left out or fails the instance as {@code required} says; one
 * not given takes its default (TR-369 "The Add Message"; TP-469 2.23 to 2.26). When every
 * required parameter that failed did so for want of permission the instance's or the message's
 * error is 7006. {@code unique_keys} holds only the keys the controller may read (R-ADD.6), and
 * tables a search path matched on values it may not read are left alone (see
 * {@link RequestAccess#mayMatch}). Owner thread.
 */
public final class UspAdd {

    private UspAdd() {
    }

    /** The outcome for one table: the instance made, or why not. */
    private sealed interface Created permits Made, NotMade {
    }

    private record Made(String path, List<UspMsg.AddResp.ParameterError> failedOptional,
                        Map<String, String> uniqueKeys) implements Created {
    }

    /** {@code failedRequired} empty: the instance itself failed with {@code error}. */
    private record NotMade(DmError error, List<UspMsg.AddResp.ParameterError> failedRequired) implements Created {
    }

    /**
     * Values the agent itself gives an instance a controller adds to {@code table} (e.g. a
     * subscription's {@code Recipient}), written in the Add's own transaction; see
     * {@link Transaction#add(String, Map, Map)}. Owner thread.
     */
    @FunctionalInterface
    public interface AgentValues {
        AgentValues NONE = table -> Map.of();

        Map<String, String> of(ObjectDef table);
    }

    public static UspOutcome respond(DataModel model, UspMsg.Add add, AccessPolicy policy) {
        return respond(model, add, policy, AgentValues.NONE);
    }

    /** The Add, with values the agent gives each new instance. */
    public static UspOutcome respond(DataModel model, UspMsg.Add add, AccessPolicy policy, AgentValues agentValues) {
        RequestAccess access = RequestAccess.of(policy);
        return add.getAllowPartial() ? eachOnItsOwn(model, add, access, agentValues)
                : allOrNothing(model, add, access, agentValues);
    }

    private static UspOutcome allOrNothing(DataModel model, UspMsg.Add add, RequestAccess access, AgentValues agentValues) {
        Transaction tx = model.begin();
        try {
            List<UspError.ParamError> errors = new ArrayList<>();
            DmError objectError = null;
            UspMsg.AddResp.Builder resp = UspMsg.AddResp.newBuilder();
            for (UspMsg.Add.CreateObject c : add.getCreateObjsList()) {
                Result<Targets.Found> found = Targets.tables(model, c.getObjPath());
                if (!found.isOk()) {
                    DmError e = found.error();
                    objectError = objectError == null ? e : objectError;
                    errors.add(new UspError.ParamError(c.getObjPath(), e.code().code(), e.message()));
                    continue;
                }
                List<Targets.Target> tables = access.visible(c.getObjPath(), found.value().targets());
                if (tables.isEmpty()) {
                    resp.addCreatedObjResults(result(c.getObjPath(), emptySuccess()));
                }
                for (Targets.Target t : tables) {
                    Created created = create(tx, model, t, c.getParamSettingsList(), access, agentValues);
                    if (created instanceof NotMade n) {
                        if (n.failedRequired().isEmpty()) {
                            objectError = objectError == null ? n.error() : objectError;
                            errors.add(new UspError.ParamError(n.error().path().isEmpty() ? t.path() : n.error().path(),
                                    n.error().code().code(), n.error().message()));
                        }
                        for (UspMsg.AddResp.ParameterError p : n.failedRequired()) {
                            errors.add(new UspError.ParamError(t.path() + p.getParam(), p.getErrCode(), p.getErrMsg()));
                        }
                    } else {
                        resp.addCreatedObjResults(result(c.getObjPath(), success((Made) created)));
                    }
                }
            }
            if (!errors.isEmpty()) {
                tx.rollback();
                return UspOutcome.fail(RequestAccess.holisticFailure(objectError, errors, "nothing was created"));
            }
            Result<List<ModelEvent>> committed = tx.commit();
            if (!committed.isOk()) {
                return UspOutcome.fail(UspError.of(committed.error()));
            }
            return UspOutcome.reply(UspMsg.Response.newBuilder().setAddResp(resp).build());
        } finally {
            tx.rollback();
        }
    }

    private static UspOutcome eachOnItsOwn(DataModel model, UspMsg.Add add, RequestAccess access, AgentValues agentValues) {
        UspMsg.AddResp.Builder resp = UspMsg.AddResp.newBuilder();
        for (UspMsg.Add.CreateObject c : add.getCreateObjsList()) {
            Result<Targets.Found> found = Targets.tables(model, c.getObjPath());
            if (!found.isOk()) {
                resp.addCreatedObjResults(result(c.getObjPath(), failure(found.error().code().code(), found.error().message())));
                continue;
            }
            List<Targets.Target> tables = access.visible(c.getObjPath(), found.value().targets());
            if (tables.isEmpty()) {
                resp.addCreatedObjResults(result(c.getObjPath(), emptySuccess()));
            }
            for (Targets.Target t : tables) {
                resp.addCreatedObjResults(result(c.getObjPath(),
                        oneInstance(model, t, c.getParamSettingsList(), access, agentValues)));
            }
        }
        return UspOutcome.reply(UspMsg.Response.newBuilder().setAddResp(resp).build());
    }

    private static UspMsg.AddResp.CreatedObjectResult.OperationStatus oneInstance(
            DataModel model, Targets.Target t, List<UspMsg.Add.CreateParamSetting> settings, RequestAccess access,
            AgentValues agentValues) {
        Transaction tx = model.begin();
        try {
            Created created = create(tx, model, t, settings, access, agentValues);
            if (created instanceof NotMade n) {
                tx.rollback();
                if (n.failedRequired().isEmpty()) {
                    return failure(n.error().code().code(), n.error().message());
                }
                boolean denied = RequestAccess.allDenied(n.failedRequired().stream()
                        .map(UspMsg.AddResp.ParameterError::getErrCode).toList());
                StringBuilder why = new StringBuilder(denied
                        ? "permission denied: required parameter(s) may not be set by this controller, nothing was created:"
                        : "required parameter(s) failed, nothing was created:");
                for (UspMsg.AddResp.ParameterError p : n.failedRequired()) {
                    why.append(' ').append(p.getParam()).append(" (").append(p.getErrCode()).append(' ')
                            .append(p.getErrMsg()).append(')');
                }
                return failure(denied ? ErrorCode.PERMISSION_DENIED.code() : ErrorCode.REQUIRED_PARAMETER_FAILED.code(),
                        why.toString());
            }
            Result<List<ModelEvent>> committed = tx.commit();
            if (!committed.isOk()) {
                return failure(committed.error().code().code(), committed.error().message());
            }
            return success((Made) created);
        } finally {
            tx.rollback();
        }
    }

    /** Checks the settings against the schema, then adds the instance with those that pass. */
    private static Created create(Transaction tx, DataModel model, Targets.Target table,
                                  List<UspMsg.Add.CreateParamSetting> settings, RequestAccess access,
                                  AgentValues agentValues) {
        ObjectDef def = table.object();
        if (!access.addInstance(table.path())) {
            return new NotMade(RequestAccess.denied(table.path(), "this controller may not add instances to " + table.path()),
                    List.of());
        }
        Map<String, String> byAgent = agentValues.of(def);
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        List<UspMsg.AddResp.ParameterError> failedOptional = new ArrayList<>();
        List<UspMsg.AddResp.ParameterError> failedRequired = new ArrayList<>();
        for (UspMsg.Add.CreateParamSetting s : settings) {
            boolean mustSucceed = s.getRequired() || isUniqueKey(def, s.getParam());
            Optional<DmError> bad = access.writeParam(table.path() + "{i}." + s.getParam())
                    ? check(def, table.path(), s.getParam(), s.getValue())
                    : Optional.of(RequestAccess.denied(table.path() + s.getParam(), "this controller may not write " + s.getParam()));
            if (bad.isPresent()) {
                (mustSucceed ? failedRequired : failedOptional).add(paramError(s.getParam(), bad.get()));
                values.remove(s.getParam());
                required.remove(s.getParam());
            } else {
                values.put(s.getParam(), s.getValue());
                if (mustSucceed) {
                    required.add(s.getParam());
                }
            }
        }
        if (!failedRequired.isEmpty()) {
            return new NotMade(DmError.at(table.path(), ErrorCode.REQUIRED_PARAMETER_FAILED, "required parameters failed"),
                    failedRequired);
        }
        // The schema check above catches what the engine would refuse of a parameter; should the
        // engine still refuse one (the platform's rules), leave it out if it may be left out.
        for (int attempt = 0; attempt <= settings.size(); attempt++) {
            Result<String> added = tx.add(table.path(), values, byAgent);
            if (added.isOk()) {
                return new Made(added.value(), failedOptional, uniqueKeys(model, def, added.value(), access));
            }
            DmError e = added.error();
            String param = relativeParameter(table.path(), e.path());
            if (param == null || !values.containsKey(param)) {
                return new NotMade(e, List.of());
            }
            if (required.contains(param)) {
                return new NotMade(e, List.of(paramError(param, e)));
            }
            failedOptional.add(paramError(param, e));
            values.remove(param);
        }
        return new NotMade(DmError.at(table.path(), ErrorCode.OBJECT_NOT_CREATED, "the instance could not be created"),
                List.of());
    }

    /** What the engine will refuse of a parameter given at creation: unknown, not writable, bad value. */
    private static Optional<DmError> check(ObjectDef table, String tablePath, String param, String value) {
        String[] names = param.split("\\.", -1);
        ObjectDef at = table;
        for (int i = 0; i < names.length - 1; i++) {
            Optional<ObjectDef> child = at.object(names[i]);
            if (child.isEmpty() || child.get().table()) {
                return Optional.of(DmError.at(tablePath + param, ErrorCode.UNSUPPORTED_PARAMETER,
                        at.path() + " has no single object " + names[i]));
            }
            at = child.get();
        }
        Optional<ParameterDef> p = at.parameter(names[names.length - 1]);
        if (p.isEmpty()) {
            return Optional.of(DmError.at(tablePath + param, ErrorCode.UNSUPPORTED_PARAMETER,
                    at.path() + " has no parameter " + (param.isEmpty() ? "(empty name)" : names[names.length - 1])));
        }
        if (p.get().isNumberOfEntries() || p.get().access() == Access.READ_ONLY) {
            return Optional.of(DmError.at(tablePath + param, ErrorCode.PARAMETER_READ_ONLY,
                    p.get().name() + " is read-only"));
        }
        return p.get().type().check(value).map(e -> e.withPath(tablePath + param));
    }

    private static boolean isUniqueKey(ObjectDef def, String param) {
        for (List<String> key : def.uniqueKeys()) {
            if (key.contains(param)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Device.X.Table.7.Sub.Name} under {@code Device.X.Table.} gives {@code Sub.Name}. */
    private static String relativeParameter(String tablePath, String errorPath) {
        if (!errorPath.startsWith(tablePath)) {
            return null;
        }
        String rest = errorPath.substring(tablePath.length());
        int dot = rest.indexOf('.');
        if (dot < 1 || !rest.substring(0, dot).chars().allMatch(Character::isDigit) || rest.endsWith(".")) {
            return null;
        }
        return rest.substring(dot + 1);
    }

    private static Map<String, String> uniqueKeys(DataModel model, ObjectDef def, String instancePath, RequestAccess access) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (List<String> key : def.uniqueKeys()) {
            for (String name : key) {
                if (!access.readParam(instancePath + name)) {
                    continue;
                }
                Result<String> v = model.read(instancePath + name);
                keys.put(name, v.isOk() ? v.value() : "");
            }
        }
        return keys;
    }

    private static UspMsg.AddResp.CreatedObjectResult result(
            String requested, UspMsg.AddResp.CreatedObjectResult.OperationStatus status) {
        return UspMsg.AddResp.CreatedObjectResult.newBuilder().setRequestedPath(requested).setOperStatus(status).build();
    }

    private static UspMsg.AddResp.CreatedObjectResult.OperationStatus success(Made m) {
        return UspMsg.AddResp.CreatedObjectResult.OperationStatus.newBuilder()
                .setOperSuccess(UspMsg.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess.newBuilder()
                        .setInstantiatedPath(m.path())
                        .addAllParamErrs(m.failedOptional())
                        .putAllUniqueKeys(m.uniqueKeys()))
                .build();
    }

    private static UspMsg.AddResp.CreatedObjectResult.OperationStatus emptySuccess() {
        return UspMsg.AddResp.CreatedObjectResult.OperationStatus.newBuilder()
                .setOperSuccess(UspMsg.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess.getDefaultInstance())
                .build();
    }

    private static UspMsg.AddResp.CreatedObjectResult.OperationStatus failure(int code, String message) {
        return UspMsg.AddResp.CreatedObjectResult.OperationStatus.newBuilder()
                .setOperFailure(UspMsg.AddResp.CreatedObjectResult.OperationStatus.OperationFailure.newBuilder()
                        .setErrCode(code).setErrMsg(message))
                .build();
    }

    private static UspMsg.AddResp.ParameterError paramError(String param, DmError e) {
        return UspMsg.AddResp.ParameterError.newBuilder()
                .setParam(param).setErrCode(e.code().code()).setErrMsg(e.message()).build();
    }
}

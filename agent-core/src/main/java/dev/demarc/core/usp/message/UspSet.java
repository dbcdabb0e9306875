package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Set message (TR-369 "The Set Message", "Using Allow Partial and Required Parameters").
 *
 * <ul>
 *   <li>{@code allow_partial} false: every UpdateObject in one transaction; a failed required
 *   parameter, or an object path that fails, fails the whole message with an Error listing every
 *   failure in {@code param_errs} (R-SET.1), and nothing changes.</li>
 *   <li>{@code allow_partial} true: each UpdateObject in a transaction of its own (R-SET.0),
 *   holistic over the objects its search path matches (R-SET.2a): one failed object undoes the
 *   others and the result is an OperationFailure naming it in {@code updated_inst_failures}.</li>
 *   <li>A parameter that is not required and fails is left out and reported in its instance's
 *   {@code param_errs}; the others are still set.</li>
 *   <li>{@code updated_params} holds the value of each parameter set as it reads after the
 *   update (a secret reads empty), also when the value did not change.</li>
 * </ul>
 *
 * <p>The top-level error of a required-parameter failure is 7021 (Required parameter failed),
 * the per-parameter codes are the engine's (7010 unknown, 7011/7012 bad value, 7013 not
 * writable, ...).
 *
 * <p><b>Permissions</b>: setting a parameter needs {@code Param} write on it; without, the
 * parameter fails with 7006 Permission denied, and is required or not as the request says
 * (TP-469 2.15, 2.16). When every required parameter that failed did so for want of
 * permission, the message or object error is 7006 too. {@code updated_params} leaves out the
 * parameters the controller may not read (R-SET.3), and objects a search path matched on values
 * it may not read are left alone (see {@link RequestAccess#mayMatch}). Owner thread.
 */
public final class UspSet {

    private UspSet() {
    }

    /** How the settings went on one object. */
    private record Applied(String path, Map<String, String> updated,
                           List<UspMsg.SetResp.ParameterError> failedOptional,
                           List<UspMsg.SetResp.ParameterError> failedRequired) {
        boolean failed() {
            return !failedRequired.isEmpty();
        }
    }

    public static UspOutcome respond(DataModel model, UspMsg.Set set, AccessPolicy policy) {
        RequestAccess access = RequestAccess.of(policy);
        return set.getAllowPartial() ? eachOnItsOwn(model, set, access) : allOrNothing(model, set, access);
    }

    private static UspOutcome allOrNothing(DataModel model, UspMsg.Set set, RequestAccess access) {
        Transaction tx = model.begin();
        try {
            List<UspError.ParamError> errors = new ArrayList<>();
            DmError objectError = null;
            UspMsg.SetResp.Builder resp = UspMsg.SetResp.newBuilder();
            for (UspMsg.Set.UpdateObject u : set.getUpdateObjsList()) {
                Result<Targets.Found> found = Targets.objects(model, u.getObjPath());
                if (!found.isOk()) {
                    DmError e = found.error();
                    objectError = objectError == null ? e : objectError;
                    errors.add(new UspError.ParamError(u.getObjPath(), e.code().code(), e.message()));
                    continue;
                }
                UspMsg.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess.Builder success =
                        UspMsg.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess.newBuilder();
                for (Targets.Target t : access.visible(u.getObjPath(), found.value().targets())) {
                    Applied a = apply(tx, model, t.path(), u.getParamSettingsList(), access);
                    if (a.failed()) {
                        for (UspMsg.SetResp.ParameterError p : a.failedRequired()) {
                            errors.add(new UspError.ParamError(a.path() + p.getParam(), p.getErrCode(), p.getErrMsg()));
                        }
                    } else {
                        success.addUpdatedInstResults(instanceResult(a));
                    }
                }
                resp.addUpdatedObjResults(UspMsg.SetResp.UpdatedObjectResult.newBuilder()
                        .setRequestedPath(u.getObjPath())
                        .setOperStatus(UspMsg.SetResp.UpdatedObjectResult.OperationStatus.newBuilder()
                                .setOperSuccess(success)));
            }
            if (!errors.isEmpty()) {
                tx.rollback();
                return UspOutcome.fail(RequestAccess.holisticFailure(objectError, errors, "nothing was changed"));
            }
            Result<List<ModelEvent>> committed = tx.commit();
            if (!committed.isOk()) {
                return UspOutcome.fail(UspError.of(committed.error()));
            }
            return UspOutcome.reply(UspMsg.Response.newBuilder().setSetResp(resp).build());
        } finally {
            tx.rollback();
        }
    }

    private static UspOutcome eachOnItsOwn(DataModel model, UspMsg.Set set, RequestAccess access) {
        UspMsg.SetResp.Builder resp = UspMsg.SetResp.newBuilder();
        for (UspMsg.Set.UpdateObject u : set.getUpdateObjsList()) {
            resp.addUpdatedObjResults(UspMsg.SetResp.UpdatedObjectResult.newBuilder()
                    .setRequestedPath(u.getObjPath())
                    .setOperStatus(oneUpdateObject(model, u, access)));
        }
        return UspOutcome.reply(UspMsg.Response.newBuilder().setSetResp(resp).build());
    }

    private static UspMsg.SetResp.UpdatedObjectResult.OperationStatus oneUpdateObject(
            DataModel model, UspMsg.Set.UpdateObject u, RequestAccess access) {
        Transaction tx = model.begin();
        try {
            Result<Targets.Found> found = Targets.objects(model, u.getObjPath());
            if (!found.isOk()) {
                return failure(found.error().code().code(), found.error().message(), List.of());
            }
            List<Targets.Target> targets = access.visible(u.getObjPath(), found.value().targets());
            UspMsg.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess.Builder success =
                    UspMsg.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess.newBuilder();
            List<UspMsg.SetResp.UpdatedInstanceFailure> failures = new ArrayList<>();
            List<Integer> requiredCodes = new ArrayList<>();
            for (Targets.Target t : targets) {
                Applied a = apply(tx, model, t.path(), u.getParamSettingsList(), access);
                if (a.failed()) {
                    a.failedRequired().forEach(p -> requiredCodes.add(p.getErrCode()));
                    List<UspMsg.SetResp.ParameterError> all = new ArrayList<>(a.failedRequired());
                    all.addAll(a.failedOptional());
                    failures.add(UspMsg.SetResp.UpdatedInstanceFailure.newBuilder()
                            .setAffectedPath(a.path()).addAllParamErrs(all).build());
                } else {
                    success.addUpdatedInstResults(instanceResult(a));
                }
            }
            if (!failures.isEmpty()) {
                tx.rollback();
                if (RequestAccess.allDenied(requiredCodes)) {
                    return failure(ErrorCode.PERMISSION_DENIED.code(), "permission denied: required parameters on "
                            + failures.size() + " object(s) may not be set by this controller; nothing was changed for "
                            + u.getObjPath(), failures);
                }
                return failure(ErrorCode.REQUIRED_PARAMETER_FAILED.code(),
                        "required parameters failed on " + failures.size() + " object(s); nothing was changed for "
                                + u.getObjPath(), failures);
            }
            Result<List<ModelEvent>> committed = tx.commit();
            if (!committed.isOk()) {
                DmError e = committed.error();
                String owner = Targets.owner(targets, e.path());
                List<UspMsg.SetResp.UpdatedInstanceFailure> where = new ArrayList<>();
                if (owner != null) {
                    UspMsg.SetResp.UpdatedInstanceFailure.Builder f = UspMsg.SetResp.UpdatedInstanceFailure.newBuilder()
                            .setAffectedPath(owner);
                    if (e.path().length() > owner.length() && !e.path().endsWith(".")) {
                        f.addParamErrs(paramError(e.path().substring(owner.length()), e));
                    }
                    where.add(f.build());
                }
                return failure(e.code().code(), e.message(), where);
            }
            return UspMsg.SetResp.UpdatedObjectResult.OperationStatus.newBuilder().setOperSuccess(success).build();
        } finally {
            tx.rollback();
        }
    }

    private static UspMsg.SetResp.UpdatedObjectResult.OperationStatus failure(
            int code, String message, List<UspMsg.SetResp.UpdatedInstanceFailure> failures) {
        return UspMsg.SetResp.UpdatedObjectResult.OperationStatus.newBuilder()
                .setOperFailure(UspMsg.SetResp.UpdatedObjectResult.OperationStatus.OperationFailure.newBuilder()
                        .setErrCode(code).setErrMsg(message).addAllUpdatedInstFailures(failures))
                .build();
    }

    /** Sets each parameter of one object; a failed one leaves the others as they are. */
    private static Applied apply(Transaction tx, DataModel model, String objectPath,
                                 List<UspMsg.Set.UpdateParamSetting> settings, RequestAccess access) {
        Map<String, String> updated = new LinkedHashMap<>();
        List<UspMsg.SetResp.ParameterError> optional = new ArrayList<>();
        List<UspMsg.SetResp.ParameterError> required = new ArrayList<>();
        for (UspMsg.Set.UpdateParamSetting s : settings) {
            String param = s.getParam();
            Optional<DmError> failed;
            int dot = param.lastIndexOf('.');
            if (param.isEmpty() || dot == param.length() - 1) {
                failed = Optional.of(DmError.at(objectPath + param, ErrorCode.UNSUPPORTED_PARAMETER,
                        "not a parameter name: " + (param.isEmpty() ? "(empty)" : param)));
            } else if (!access.writeParam(objectPath + param)) {
                failed = Optional.of(RequestAccess.denied(objectPath + param, "this controller may not write " + param));
            } else {
                failed = tx.set(objectPath + param.substring(0, dot + 1), param.substring(dot + 1), s.getValue());
            }
            if (failed.isPresent()) {
                (s.getRequired() ? required : optional).add(paramError(param, failed.get()));
                updated.remove(param);
            } else {
                updated.put(param, "");
            }
        }
        updated.keySet().removeIf(p -> !access.readParam(objectPath + p));
        for (Map.Entry<String, String> e : updated.entrySet()) {
            Result<String> now = model.read(objectPath + e.getKey());
            e.setValue(now.isOk() ? now.value() : "");
        }
        return new Applied(objectPath, updated, optional, required);
    }

    private static UspMsg.SetResp.UpdatedInstanceResult instanceResult(Applied a) {
        return UspMsg.SetResp.UpdatedInstanceResult.newBuilder()
                .setAffectedPath(a.path())
                .addAllParamErrs(a.failedOptional())
                .putAllUpdatedParams(a.updated())
                .build();
    }

    private static UspMsg.SetResp.ParameterError paramError(String param, DmError e) {
        return UspMsg.SetResp.ParameterError.newBuilder()
                .setParam(param).setErrCode(e.code().code()).setErrMsg(e.message()).build();
    }
}

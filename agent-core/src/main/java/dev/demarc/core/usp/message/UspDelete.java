package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Delete message (TR-369 "The Delete Message").
 *
 * <ul>
 *   <li>Each path is an instance path or a search path; a valid path that matches nothing is a
 *   success with no {@code affected_paths} (R-DEL.2a, R-MSG.4a).</li>
 *   <li>{@code allow_partial} false: one transaction; a path that is not in the supported data
 *   model, not an instance, or an instance that may not be deleted fails the whole message with
 *   an Error naming it in {@code param_errs}, and nothing is deleted (R-DEL.1).</li>
 *   <li>{@code allow_partial} true: each path on its own (R-DEL.0): a bad path is an
 *   OperationFailure; each instance is deleted on its own, those that fail are listed in
 *   {@code unaffected_path_errs} (R-DEL.3).</li>
 * </ul>
 *
 * <p><b>Permissions</b>: deleting an instance needs {@code InstantiatedObj} write on it; without,
 * it fails with 7006: the whole message when {@code allow_partial} is false (R-DEL.1, TP-469
 * 2.14), that instance in {@code unaffected_path_errs} otherwise. {@code affected_paths} and
 * {@code unaffected_path_errs} leave out the instances the controller may not read, {@code Obj}
 * read (R-DEL.2, R-DEL.4); in an Error such an instance is named by the requested path. Instances
 * a search path matched on values the controller may not read are left alone (see
 * {@link RequestAccess#mayMatch}). Owner thread.
 */
public final class UspDelete {

    private UspDelete() {
    }

    public static UspOutcome respond(DataModel model, UspMsg.Delete delete, AccessPolicy policy) {
        RequestAccess access = RequestAccess.of(policy);
        return delete.getAllowPartial() ? eachOnItsOwn(model, delete, access) : allOrNothing(model, delete, access);
    }

    private static UspOutcome allOrNothing(DataModel model, UspMsg.Delete delete, RequestAccess access) {
        Transaction tx = model.begin();
        try {
            List<UspError.ParamError> errors = new ArrayList<>();
            DmError first = null;
            UspMsg.DeleteResp.Builder resp = UspMsg.DeleteResp.newBuilder();
            for (String path : delete.getObjPathsList()) {
                Result<Targets.Found> found = Targets.instances(model, path);
                if (!found.isOk()) {
                    first = first == null ? found.error() : first;
                    errors.add(new UspError.ParamError(path, found.error().code().code(), found.error().message()));
                    continue;
                }
                UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.Builder success =
                        UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.newBuilder();
                for (Targets.Target t : access.visible(path, found.value().targets())) {
                    boolean readable = access.readObject(t.path());
                    Optional<DmError> failed = access.deleteInstance(t.path())
                            ? tx.delete(t.path())
                            : Optional.of(RequestAccess.denied(t.path(), "this controller may not delete "
                                    + (readable ? t.path() : "this instance")));
                    if (failed.isPresent() && !alreadyGone(failed.get(), t)) {
                        first = first == null ? failed.get() : first;
                        errors.add(new UspError.ParamError(readable ? t.path() : path, failed.get().code().code(),
                                failed.get().message()));
                    } else if (readable) {
                        success.addAffectedPaths(t.path());
                    }
                }
                resp.addDeletedObjResults(result(path, success.build()));
            }
            if (first != null) {
                tx.rollback();
                return UspOutcome.fail(new UspError(first.code().code(),
                        errors.size() == 1 ? first.message() : errors.size() + " paths could not be deleted; nothing was deleted",
                        errors));
            }
            Result<List<ModelEvent>> committed = tx.commit();
            if (!committed.isOk()) {
                return UspOutcome.fail(UspError.of(committed.error()));
            }
            return UspOutcome.reply(UspMsg.Response.newBuilder().setDeleteResp(resp).build());
        } finally {
            tx.rollback();
        }
    }

    private static UspOutcome eachOnItsOwn(DataModel model, UspMsg.Delete delete, RequestAccess access) {
        UspMsg.DeleteResp.Builder resp = UspMsg.DeleteResp.newBuilder();
        for (String path : delete.getObjPathsList()) {
            Result<Targets.Found> found = Targets.instances(model, path);
            if (!found.isOk()) {
                resp.addDeletedObjResults(UspMsg.DeleteResp.DeletedObjectResult.newBuilder()
                        .setRequestedPath(path)
                        .setOperStatus(UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.newBuilder()
                                .setOperFailure(UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.OperationFailure
                                        .newBuilder()
                                        .setErrCode(found.error().code().code())
                                        .setErrMsg(found.error().message()))));
                continue;
            }
            UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.Builder success =
                    UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.newBuilder();
            for (Targets.Target t : access.visible(path, found.value().targets())) {
                Optional<DmError> failed = access.deleteInstance(t.path())
                        ? deleteOne(model, t)
                        : Optional.of(RequestAccess.denied(t.path(), "this controller may not delete " + t.path()));
                if (!access.readObject(t.path())) {
                    continue;
                }
                if (failed.isPresent()) {
                    success.addUnaffectedPathErrs(UspMsg.DeleteResp.UnaffectedPathError.newBuilder()
                            .setUnaffectedPath(t.path())
                            .setErrCode(failed.get().code().code())
                            .setErrMsg(failed.get().message()));
                } else {
                    success.addAffectedPaths(t.path());
                }
            }
            resp.addDeletedObjResults(result(path, success.build()));
        }
        return UspOutcome.reply(UspMsg.Response.newBuilder().setDeleteResp(resp).build());
    }

    private static Optional<DmError> deleteOne(DataModel model, Targets.Target t) {
        Transaction tx = model.begin();
        try {
            Optional<DmError> failed = tx.delete(t.path());
            if (failed.isPresent()) {
                return alreadyGone(failed.get(), t) ? Optional.empty() : failed;
            }
            Result<List<ModelEvent>> committed = tx.commit();
            return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
        } finally {
            tx.rollback();
        }
    }

    /** An instance matched by the path, deleted meanwhile with its parent by the same request. */
    private static boolean alreadyGone(DmError e, Targets.Target t) {
        return e.code() == dev.demarc.core.ErrorCode.OBJECT_DOES_NOT_EXIST && e.path().equals(t.path());
    }

    private static UspMsg.DeleteResp.DeletedObjectResult result(
            String path, UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess success) {
        return UspMsg.DeleteResp.DeletedObjectResult.newBuilder()
                .setRequestedPath(path)
                .setOperStatus(UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.newBuilder().setOperSuccess(success))
                .build();
    }
}

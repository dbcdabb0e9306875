package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.InstanceInfo;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.List;

/**
 * The GetInstances message (TR-369 "The GetInstances Message"): the instances of the tables each
 * path names, with their unique keys; with {@code first_level_only} false the instances of every
 * table below as well. A search that matches nothing is an empty, successful result. Owner
 * thread.
 */
public final class UspGetInstances {

    private UspGetInstances() {
    }

    public static UspOutcome respond(DataModel model, UspMsg.GetInstances request, int maxResponseBytes) {
        UspMsg.GetInstancesResp.Builder resp = UspMsg.GetInstancesResp.newBuilder();
        long size = 0;
        for (String path : request.getObjPathsList()) {
            UspMsg.GetInstancesResp.RequestedPathResult.Builder r = UspMsg.GetInstancesResp.RequestedPathResult
                    .newBuilder().setRequestedPath(path);
            Result<List<InstanceInfo>> found = model.instances(path, request.getFirstLevelOnly());
            if (found.isOk()) {
                for (InstanceInfo i : found.value()) {
                    r.addCurrInsts(UspMsg.GetInstancesResp.CurrInstance.newBuilder()
                            .setInstantiatedObjPath(i.path())
                            .putAllUniqueKeys(i.uniqueKeys()));
                }
            } else if (!Targets.searchedAndFoundNothing(model, path)) {
                DmError e = found.error();
                r.setErrCode(e.code().code()).setErrMsg(e.message());
            }
            UspMsg.GetInstancesResp.RequestedPathResult one = r.build();
            size += one.getSerializedSize();
            if (size > maxResponseBytes) {
                return UspOutcome.fail(UspError.of(ErrorCode.RESOURCES_EXCEEDED,
                        "the answer would be larger than " + maxResponseBytes + " bytes; ask for fewer tables"));
            }
            resp.addReqPathResults(one);
        }
        return UspOutcome.reply(UspMsg.Response.newBuilder().setGetInstancesResp(resp).build());
    }
}

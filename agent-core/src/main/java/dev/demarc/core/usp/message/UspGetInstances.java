package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.InstanceInfo;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GetInstances message (TR-369 "The GetInstances Message"): the instances of the tables each
 * path names, with their unique keys; with {@code first_level_only} false the instances of every
 * table below as well. A search that matches nothing is an empty, successful result.
 *
 * <p><b>Permissions</b> (TR-369 R-GIN.0, R-GIN.1): an instance is listed only with
 * {@code InstantiatedObj} read on it and on every instance the requested path steps through,
 * and only when the controller may read the parameters of the path's search expressions;
 * otherwise it is treated as not present, so a requested path without search that steps
 * through such an instance fails as one that does not exist (7016). Of the unique keys only
 * those with {@code Param} read are given. Owner thread.
 */
public final class UspGetInstances {

    private UspGetInstances() {
    }

    public static UspOutcome respond(DataModel model, UspMsg.GetInstances request, AccessPolicy policy,
                                     int maxResponseBytes) {
        RequestAccess access = RequestAccess.of(policy);
        UspMsg.GetInstancesResp.Builder resp = UspMsg.GetInstancesResp.newBuilder();
        long size = 0;
        for (String path : request.getObjPathsList()) {
            UspMsg.GetInstancesResp.RequestedPathResult.Builder r = UspMsg.GetInstancesResp.RequestedPathResult
                    .newBuilder().setRequestedPath(path);
            Result<List<InstanceInfo>> found = model.instances(path, request.getFirstLevelOnly());
            if (found.isOk()) {
                PathName parsed = PathParser.parse(path).value();
                if (!parsed.hasSearchOrFollow() && !access.mayMatch(parsed, path, true)) {
                    r.setErrCode(ErrorCode.OBJECT_DOES_NOT_EXIST.code()).setErrMsg("no such object in this agent");
                } else {
                    for (InstanceInfo i : found.value()) {
                        if (access.readInstance(i.path()) && access.mayMatch(parsed, i.path(), true)) {
                            r.addCurrInsts(UspMsg.GetInstancesResp.CurrInstance.newBuilder()
                                    .setInstantiatedObjPath(i.path())
                                    .putAllUniqueKeys(readableKeys(i, access)));
                        }
                    }
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

    private static Map<String, String> readableKeys(InstanceInfo instance, RequestAccess access) {
        Map<String, String> keys = new LinkedHashMap<>();
        instance.uniqueKeys().forEach((name, value) -> {
            if (access.readParam(instance.path() + name)) {
                keys.put(name, value);
            }
        });
        return keys;
    }
}

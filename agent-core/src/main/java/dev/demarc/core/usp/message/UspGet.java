package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.List;

/**
 * The Get message (TR-369 "The Get Message"): for each requested path its own result, with an
 * error code of its own when it fails (R-GET.0); each object in its own
 * {@code resolved_path_results} entry with parameters relative to it; {@code max_depth} limits
 * the tree (R-GET.5). Owner thread.
 */
public final class UspGet {

    private UspGet() {
    }

    /**
     * @param maxResponseBytes the largest response the agent builds; a bigger one fails the
     *                         whole Get with 7005 instead of growing without bound
     */
    public static UspOutcome respond(DataModel model, UspMsg.Get get, int maxResponseBytes) {
        // fixed32 on the wire: a value above 2^31 arrives negative and means "no limit" too.
        int maxDepth = Math.max(get.getMaxDepth(), 0);
        UspMsg.GetResp.Builder resp = UspMsg.GetResp.newBuilder();
        long size = 0;
        for (String path : get.getParamPathsList()) {
            UspMsg.GetResp.RequestedPathResult one = resultFor(model, path, maxDepth);
            size += one.getSerializedSize();
            if (size > maxResponseBytes) {
                return UspOutcome.fail(UspError.of(ErrorCode.RESOURCES_EXCEEDED,
                        "the answer would be larger than " + maxResponseBytes
                                + " bytes; ask for less (fewer or narrower paths, or a max_depth)"));
            }
            resp.addReqPathResults(one);
        }
        return UspOutcome.reply(UspMsg.Response.newBuilder().setGetResp(resp).build());
    }

    private static UspMsg.GetResp.RequestedPathResult resultFor(DataModel model, String path, int maxDepth) {
        UspMsg.GetResp.RequestedPathResult.Builder r = UspMsg.GetResp.RequestedPathResult.newBuilder()
                .setRequestedPath(path);
        Result<List<ObjectValues>> got = model.get(path, maxDepth);
        if (!got.isOk()) {
            DmError e = got.error();
            if (Targets.searchedAndFoundNothing(model, path)) {
                return r.build();
            }
            return r.setErrCode(e.code().code()).setErrMsg(e.message()).build();
        }
        for (ObjectValues o : got.value()) {
            r.addResolvedPathResults(UspMsg.GetResp.ResolvedPathResult.newBuilder()
                    .setResolvedPath(o.path())
                    .putAllResultParams(o.parameters()));
        }
        return r.build();
    }
}

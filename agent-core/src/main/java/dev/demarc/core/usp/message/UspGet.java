package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.usp.UspError;
import dev.demarc.core.usp.UspGetResp;
import dev.demarc.core.usp.UspOutcome;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Get message (TR-369 "The Get Message"): for each requested path its own result, with an
 * error code of its own when it fails (R-GET.0); each object in its own
 * {@code resolved_path_results} entry with parameters relative to it; {@code max_depth} limits
 * the tree (R-GET.5).
 *
 * <p><b>Permissions</b> (TR-369 R-GET.1, R-GET.4): an object is returned only with {@code Obj}
 * read on it, and with only the parameters that have {@code Param} read; an object left with
 * no parameter is left out, as the engine leaves out objects that have none (TP-469 2.21). A
 * requested path that is not a search and names an object or parameter the controller may not
 * read is treated as not in the supported data model: 7026, with the message the engine gives
 * for a name it does not support (R-GET.0). What a search expression matched on values the controller may not read is left
 * out (see {@link RequestAccess#mayMatch}). Owner thread.
 */
public final class UspGet {

    private UspGet() {
    }

    /**
     * The GetResp as values ({@link UspOutcome.GetReply}), read here on the owner thread and
     * written to the wire by the agent elsewhere.
     *
     * @param secured          the policy of the controller's secured roles
     *                         ({@code ControllerTrust.SecuredRoles}): a secured (hidden) parameter
     *                         reads as its value where it grants {@code Param} read, empty
     *                         elsewhere (TR-181: "Only Controllers with a secured role assigned
     *                         (and the appropriate permissions set) MUST be able to have access
     *                         to secured parameters content")
     * @param maxResponseBytes the largest response the agent builds; an answer surely larger
     *                         (by {@link UspGetResp.RequestedPathResult#minimumSize()}) fails
     *                         the whole Get with 7005 instead of growing without bound, and the
     *                         agent checks the exact size when it writes the answer
     */
    public static UspOutcome respond(DataModel model, UspMsg.Get get, AccessPolicy policy, AccessPolicy secured,
                                     int maxResponseBytes) {
        RequestAccess access = RequestAccess.of(policy);
        Predicate<String> revealSecured = secured::canReadParameter;
        // fixed32 on the wire: a value above 2^31 arrives negative and means "no limit" too.
        int maxDepth = Math.max(get.getMaxDepth(), 0);
        List<String> paths = get.getParamPathsList();
        List<UspGetResp.RequestedPathResult> results = new ArrayList<>(paths.size());
        long size = 0;
        for (String path : paths) {
            UspGetResp.RequestedPathResult one = resultFor(model, path, maxDepth, access, revealSecured);
            size += one.minimumSize();
            if (size > maxResponseBytes) {
                return UspOutcome.fail(UspError.of(ErrorCode.RESOURCES_EXCEEDED,
                        "the answer would be larger than " + maxResponseBytes
                                + " bytes; ask for less (fewer or narrower paths, or a max_depth)"));
            }
            results.add(one);
        }
        return new UspOutcome.GetReply(new UspGetResp(results));
    }

    private static UspGetResp.RequestedPathResult resultFor(DataModel model, String path, int maxDepth,
                                                            RequestAccess access, Predicate<String> revealSecured) {
        Result<List<ObjectValues>> got = model.get(path, maxDepth, revealSecured);
        if (!got.isOk()) {
            DmError e = got.error();
            if (Targets.searchedAndFoundNothing(model, path)) {
                return UspGetResp.RequestedPathResult.found(path, List.of());
            }
            return UspGetResp.RequestedPathResult.failed(path, e.code().code(), e.message());
        }
        if (access.readsEverything()) {
            return UspGetResp.RequestedPathResult.found(path, got.value());
        }
        PathName parsed = PathParser.parse(path).value();
        if (!parsed.hasSearchOrFollow() && !readable(parsed, access)) {
            return UspGetResp.RequestedPathResult.failed(path, ErrorCode.INVALID_PATH.code(), access.notPresent(parsed));
        }
        List<ObjectValues> readable = new ArrayList<>();
        for (ObjectValues o : got.value()) {
            if (!access.readObject(o.path()) || !access.mayMatch(parsed, o.path(), false)) {
                continue;
            }
            RequestAccess.Members object = access.members(o.path());
            Map<String, String> visible = new LinkedHashMap<>();
            o.parameters().forEach((name, value) -> {
                if (object.readParam(name)) {
                    visible.put(name, value);
                }
            });
            if (!visible.isEmpty()) {
                readable.add(visible.size() == o.parameters().size() ? o : new ObjectValues(o.path(), visible));
            }
        }
        return UspGetResp.RequestedPathResult.found(path, readable);
    }

    /** {@code Obj} read on the object the path names, or on the parameter's object and {@code Param} read on it. */
    private static boolean readable(PathName path, RequestAccess access) {
        String text = path.text();
        if (path.kind() == PathName.Kind.OBJECT) {
            return access.readObject(text);
        }
        return access.readObject(text.substring(0, text.lastIndexOf('.') + 1)) && access.readParam(text);
    }
}

package dev.demarc.core.usp;

import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.List;
import java.util.Objects;

/**
 * A GetResp (TR-369 "The Get Message") as immutable values: what the data model's owner thread
 * read, handed to another thread that writes it to the wire ({@link UspWire}) without building
 * the generated message. Any thread.
 *
 * @param results one per requested path, in the order of the request
 */
public record UspGetResp(List<RequestedPathResult> results) {

    public UspGetResp {
        results = List.copyOf(results);
    }

    /**
     * One requested path: its objects, or an error of its own.
     *
     * @param requestedPath the path as the controller wrote it
     * @param errCode       0, or the TR-369 error code for this path
     * @param errMsg        empty, or what went wrong
     * @param resolved      the objects it resolved to, each with its parameters relative to it
     */
    public record RequestedPathResult(String requestedPath, int errCode, String errMsg, List<ObjectValues> resolved) {

        public RequestedPathResult {
            Objects.requireNonNull(requestedPath, "requestedPath");
            Objects.requireNonNull(errMsg, "errMsg");
            resolved = List.copyOf(resolved);
        }

        /** The objects of a path that resolved. */
        public static RequestedPathResult found(String requestedPath, List<ObjectValues> resolved) {
            return new RequestedPathResult(requestedPath, 0, "", resolved);
        }

        /** A path that failed with {@code errCode}. */
        public static RequestedPathResult failed(String requestedPath, int errCode, String errMsg) {
            return new RequestedPathResult(requestedPath, errCode, errMsg, List.of());
        }

        /**
         * A lower bound of its size on the wire, in bytes, counted without encoding or reading the
         * values: every object takes at least its path and two bytes, every parameter at least six
         * (the framing of a map entry). Enough to stop reading paths once an answer is surely too
         * large; the agent checks the exact size when it writes the answer.
         */
        public long minimumSize() {
            long n = requestedPath.length() + errMsg.length();
            for (ObjectValues o : resolved) {
                n += 2 + o.path().length() + 6L * o.parameters().size();
            }
            return n;
        }
    }

    /** The same answer as the generated message, for callers that want it (and tests). */
    public UspMsg.GetResp toMessage() {
        UspMsg.GetResp.Builder b = UspMsg.GetResp.newBuilder();
        for (RequestedPathResult r : results) {
            UspMsg.GetResp.RequestedPathResult.Builder rb = UspMsg.GetResp.RequestedPathResult.newBuilder()
                    .setRequestedPath(r.requestedPath())
                    .setErrCode(r.errCode())
                    .setErrMsg(r.errMsg());
            for (ObjectValues o : r.resolved()) {
                rb.addResolvedPathResults(UspMsg.GetResp.ResolvedPathResult.newBuilder()
                        .setResolvedPath(o.path())
                        .putAllResultParams(o.parameters()));
            }
            b.addReqPathResults(rb);
        }
        return b.build();
    }
}

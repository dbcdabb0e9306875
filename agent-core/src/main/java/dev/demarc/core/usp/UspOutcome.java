package dev.demarc.core.usp;

import dev.demarc.core.usp.proto.UspMsg;
import java.util.Objects;

/** What the agent does with one request: answer it, fail it with an Error, or stay silent. */
public sealed interface UspOutcome permits UspOutcome.Reply, UspOutcome.GetReply, UspOutcome.Failure, UspOutcome.Silent {

    /** A response message body (SetResp, AddResp, ...). */
    record Reply(UspMsg.Response response) implements UspOutcome {
        public Reply {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * A GetResp as values: the agent writes it to the wire off the owner thread, without building
     * the generated message ({@link UspWire}).
     */
    record GetReply(UspGetResp getResp) implements UspOutcome {
        public GetReply {
            Objects.requireNonNull(getResp, "getResp");
        }
    }

    /** The request failed as a whole: an Error message. */
    record Failure(UspError error) implements UspOutcome {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }

    /** No message goes back (Operate with {@code send_resp} false); {@code why} is for the log. */
    record Silent(String why) implements UspOutcome {
        public Silent {
            Objects.requireNonNull(why, "why");
        }
    }

    static UspOutcome reply(UspMsg.Response response) {
        return new Reply(response);
    }

    static UspOutcome fail(UspError error) {
        return new Failure(error);
    }
}

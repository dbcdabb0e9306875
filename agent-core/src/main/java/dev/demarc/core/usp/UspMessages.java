package dev.demarc.core.usp;

import dev.demarc.core.usp.proto.UspMsg;
import java.util.Objects;

/** Builds the Msg of a response or an Error for a request's Message ID (R-MSG.9). */
final class UspMessages {

    private UspMessages() {
    }

    static UspMsg.Msg response(String msgId, UspMsg.Response response) {
        Objects.requireNonNull(msgId, "msgId");
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(typeOf(response)))
                .setBody(UspMsg.Body.newBuilder().setResponse(response))
                .build();
    }

    static UspMsg.Msg error(String msgId, UspError error) {
        Objects.requireNonNull(msgId, "msgId");
        UspMsg.Error.Builder e = UspMsg.Error.newBuilder().setErrCode(error.code()).setErrMsg(error.message());
        for (UspError.ParamError p : error.paramErrors()) {
            e.addParamErrs(UspMsg.Error.ParamError.newBuilder()
                    .setParamPath(p.path()).setErrCode(p.code()).setErrMsg(p.message()));
        }
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.ERROR))
                .setBody(UspMsg.Body.newBuilder().setError(e))
                .build();
    }

    /** Whether a {@code msg_type} value names a request (an Error answers only those, R-MTP.5). */
    static boolean isRequestType(int msgType) {
        return switch (msgType) {
            case UspMsg.Header.MsgType.GET_VALUE, UspMsg.Header.MsgType.SET_VALUE,
                 UspMsg.Header.MsgType.ADD_VALUE, UspMsg.Header.MsgType.DELETE_VALUE,
                 UspMsg.Header.MsgType.OPERATE_VALUE, UspMsg.Header.MsgType.NOTIFY_VALUE,
                 UspMsg.Header.MsgType.GET_SUPPORTED_DM_VALUE, UspMsg.Header.MsgType.GET_INSTANCES_VALUE,
                 UspMsg.Header.MsgType.GET_SUPPORTED_PROTO_VALUE, UspMsg.Header.MsgType.REGISTER_VALUE,
                 UspMsg.Header.MsgType.DEREGISTER_VALUE -> true;
            default -> false;
        };
    }

    private static UspMsg.Header.MsgType typeOf(UspMsg.Response r) {
        return switch (r.getRespTypeCase()) {
            case GET_RESP -> UspMsg.Header.MsgType.GET_RESP;
            case GET_SUPPORTED_DM_RESP -> UspMsg.Header.MsgType.GET_SUPPORTED_DM_RESP;
            case GET_INSTANCES_RESP -> UspMsg.Header.MsgType.GET_INSTANCES_RESP;
            case SET_RESP -> UspMsg.Header.MsgType.SET_RESP;
            case ADD_RESP -> UspMsg.Header.MsgType.ADD_RESP;
            case DELETE_RESP -> UspMsg.Header.MsgType.DELETE_RESP;
            case OPERATE_RESP -> UspMsg.Header.MsgType.OPERATE_RESP;
            case NOTIFY_RESP -> UspMsg.Header.MsgType.NOTIFY_RESP;
            case GET_SUPPORTED_PROTOCOL_RESP -> UspMsg.Header.MsgType.GET_SUPPORTED_PROTO_RESP;
            case REGISTER_RESP -> UspMsg.Header.MsgType.REGISTER_RESP;
            case DEREGISTER_RESP -> UspMsg.Header.MsgType.DEREGISTER_RESP;
            case RESPTYPE_NOT_SET -> throw new IllegalArgumentException("a response without a body");
        };
    }
}

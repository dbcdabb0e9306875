package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** USP Records as a test controller writes and reads them, with the generated protobuf classes. */
final class Usp {

    /** How long a test waits for something that should come. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private Usp() {
    }

    /** A plaintext no_session_context record carrying {@code msg}. */
    static byte[] record(String from, String to, UspMsg.Msg msg) {
        return UspRecord.Record.newBuilder()
                .setVersion("1.4")
                .setFromId(from)
                .setToId(to)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(msg.toByteString()))
                .build().toByteArray();
    }

    /** A Get of {@code paths}, the whole tree below each. */
    static UspMsg.Msg get(String msgId, String... paths) {
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.GET))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                        .setGet(UspMsg.Get.newBuilder().addAllParamPaths(java.util.List.of(paths)))))
                .build();
    }

    /** A Set of one parameter, not allow_partial. */
    static UspMsg.Msg set(String msgId, String objectPath, String parameter, String value) {
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.SET))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                        .setSet(UspMsg.Set.newBuilder().addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder()
                                .setObjPath(objectPath)
                                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                                        .setParam(parameter).setValue(value).setRequired(true))))))
                .build();
    }

    /** An Add of one object to the table {@code table}, not allow_partial, each parameter required. */
    static UspMsg.Msg add(String msgId, String table, Map<String, String> parameters) {
        UspMsg.Add.CreateObject.Builder create = UspMsg.Add.CreateObject.newBuilder().setObjPath(table);
        parameters.forEach((name, value) -> create.addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder()
                .setParam(name).setValue(value).setRequired(true)));
        return request(msgId, UspMsg.Header.MsgType.ADD,
                UspMsg.Request.newBuilder().setAdd(UspMsg.Add.newBuilder().addCreateObjs(create)));
    }

    /** An Operate of {@code command} with {@code input}, send_resp true. */
    static UspMsg.Msg operate(String msgId, String command, Map<String, String> input) {
        return request(msgId, UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder().setOperate(
                UspMsg.Operate.newBuilder().setCommand(command).setCommandKey(msgId).setSendResp(true)
                        .putAllInputArgs(input)));
    }

    /** A GetSupportedDM of {@code paths}, everything below them, with the parameters, commands and events. */
    static UspMsg.Msg getSupportedDm(String msgId, String... paths) {
        return request(msgId, UspMsg.Header.MsgType.GET_SUPPORTED_DM, UspMsg.Request.newBuilder().setGetSupportedDm(
                UspMsg.GetSupportedDM.newBuilder().addAllObjPaths(java.util.List.of(paths)).setFirstLevelOnly(false)
                        .setReturnParams(true).setReturnCommands(true).setReturnEvents(true)));
    }

    /** A GetSupportedProtocol from a controller speaking {@code versions}. */
    static UspMsg.Msg getSupportedProtocol(String msgId, String versions) {
        return request(msgId, UspMsg.Header.MsgType.GET_SUPPORTED_PROTO, UspMsg.Request.newBuilder()
                .setGetSupportedProtocol(UspMsg.GetSupportedProtocol.newBuilder()
                        .setControllerSupportedProtocolVersions(versions)));
    }

    /** The NotifyResp answering {@code notify}. */
    static UspMsg.Msg notifyResp(UspMsg.Msg notify) {
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(notify.getHeader().getMsgId())
                        .setMsgType(UspMsg.Header.MsgType.NOTIFY_RESP))
                .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder().setNotifyResp(
                        UspMsg.NotifyResp.newBuilder()
                                .setSubscriptionId(notify.getBody().getRequest().getNotify().getSubscriptionId()))))
                .build();
    }

    private static UspMsg.Msg request(String msgId, UspMsg.Header.MsgType type, UspMsg.Request.Builder request) {
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(type))
                .setBody(UspMsg.Body.newBuilder().setRequest(request))
                .build();
    }

    static UspRecord.Record parse(byte[] bytes) {
        try {
            return UspRecord.Record.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a USP Record: " + e.getMessage(), e);
        }
    }

    /** The message of a no_session_context record. */
    static UspMsg.Msg msg(UspRecord.Record record) {
        assertEquals(UspRecord.Record.RecordTypeCase.NO_SESSION_CONTEXT, record.getRecordTypeCase(), record::toString);
        try {
            return UspMsg.Msg.parseFrom(record.getNoSessionContext().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a USP Msg: " + e.getMessage(), e);
        }
    }

    /** The parameters of {@code resolvedPath} in a GetResp. */
    static Map<String, String> getResp(UspMsg.Msg msg, String resolvedPath) {
        assertTrue(msg.getBody().getResponse().hasGetResp(), () -> "a GetResp: " + msg);
        for (UspMsg.GetResp.RequestedPathResult req : msg.getBody().getResponse().getGetResp().getReqPathResultsList()) {
            assertEquals(0, req.getErrCode(), req::toString);
            for (UspMsg.GetResp.ResolvedPathResult res : req.getResolvedPathResultsList()) {
                if (res.getResolvedPath().equals(resolvedPath)) {
                    return res.getResultParamsMap();
                }
            }
        }
        return fail("no " + resolvedPath + " in " + msg);
    }

    /** Takes the next item, failing after {@link #WAIT}. */
    static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                fail("no " + what + " within " + WAIT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }
}

package dev.demarc.core.usp.notify;

import static dev.demarc.core.usp.notify.NotifyFixture.C1;
import static dev.demarc.core.usp.notify.NotifyFixture.C2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.usp.proto.UspMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose MTP gave no address to answer to (over MQTT a PUBLISH without "reply to"
 * topic, TR-369 R-MQTT.22; for 3.1.1 a version mismatch, R-MQTT.26a) is not processed; the
 * controller gets an Error on its own known address when there is one (R-MTP.5).
 */
class RequestsWithoutReturnPathTest {

    private static final String CONTROLLER_1 = "Device.LocalAgent.Controller.1.";

    private final NotifyFixture usp = NotifyFixture.fresh();

    @AfterEach
    void close() {
        usp.close();
    }

    private static MtpAddress noReturnPath(String controller) {
        return new MtpAddress(NotifyFixture.address(controller).protocol(), "", controller);
    }

    private UspMsg.Msg setInterval(String msgId, String value) {
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.SET))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder().setSet(UspMsg.Set.newBuilder()
                        .addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder().setObjPath(CONTROLLER_1)
                                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                                        .setParam("PeriodicNotifInterval").setValue(value))))))
                .build();
    }

    @Test
    void the_request_is_not_processed_and_an_error_goes_to_the_controllers_known_address() {
        String before = usp.values(CONTROLLER_1).get("PeriodicNotifInterval");
        usp.deliver(C1, setInterval("no-reply-to", "777"), noReturnPath(C1));
        NotifyFixture.Sent error = usp.take("the Error", s -> s.msg().getHeader().getMsgId().equals("no-reply-to"));
        assertEquals(NotifyFixture.address(C1), error.to(), "the controller's own address, as for its notifications");
        assertEquals(UspMsg.Header.MsgType.ERROR, error.msg().getHeader().getMsgType());
        assertEquals(7000, error.msg().getBody().getError().getErrCode());
        assertTrue(error.msg().getBody().getError().getErrMsg().contains("R-MQTT.22"), error.msg()::toString);
        assertEquals(before, usp.values(CONTROLLER_1).get("PeriodicNotifInterval"), "the Set changed nothing");

        usp.set(C1, CONTROLLER_1, "PeriodicNotifInterval", "778");
        assertEquals("778", usp.values(CONTROLLER_1).get("PeriodicNotifInterval"),
                "a request that names where to answer is processed again");
    }

    @Test
    void without_a_known_address_of_the_controller_nothing_is_sent() {
        usp.routes.remove(C2);
        usp.deliver(C2, setInterval("unanswerable", "779"), noReturnPath(C2));
        assertEquals(0, usp.count(s -> s.msg().getHeader().getMsgId().equals("unanswerable")));
    }

    @Test
    void a_notify_resp_without_a_return_path_is_still_taken() {
        usp.subscribe(C1, "Enable", "true", "ID", "retried", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER_1 + "PeriodicNotifInterval", "NotifRetry", "true");
        usp.set(C2, CONTROLLER_1, "PeriodicNotifInterval", "780");
        NotifyFixture.Sent notify = usp.nextNotifyMessage(C1);
        usp.deliver(C1, UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(notify.msg().getHeader().getMsgId())
                        .setMsgType(UspMsg.Header.MsgType.NOTIFY_RESP))
                .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder()
                        .setNotifyResp(UspMsg.NotifyResp.newBuilder().setSubscriptionId("retried"))))
                .build(), noReturnPath(C1));
        usp.sync();
        assertEquals(0, (int) usp.onModel(m -> usp.agent.notifications().pendingCount(CONTROLLER_1)),
                "answered: no retry waits");
    }
}

package dev.demarc.core.usp.notify;

import static dev.demarc.core.usp.notify.NotifyFixture.C1;
import static dev.demarc.core.usp.notify.NotifyFixture.C2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's own events and requests: Boot!, Periodic!, OnBoardRequest (TP-469 1.59, 1.60, 1.101-1.103, 9.9, 9.10). */
class AgentEventsTest {

    private static final String CONTROLLER1 = "Device.LocalAgent.Controller.1.";
    private static final String CONTROLLER2 = "Device.LocalAgent.Controller.2.";

    private NotifyFixture usp = NotifyFixture.fresh();

    @AfterEach
    void close() {
        usp.close();
    }

    // ------------------------------------------------------------------ Boot!

    @Test // TP-469 9.10; TR-181 Device.Boot!
    void tp469_9_10_boot_event_carries_cause_command_key_and_the_controllers_boot_parameters() {
        usp.subscribe(C1, "Enable", "true", "ID", "boot", "NotifType", "Event", "ReferenceList", "Device.Boot!",
                "Persistent", "true", "NotifRetry", "true");
        usp.subscribe(C2, "Enable", "true", "ID", "boot-2", "NotifType", "Event", "ReferenceList", "Device.");
        usp = usp.restart(Duration.ofSeconds(30), BootCause.remoteReboot("reboot-key"), true);
        NotifyFixture.Sent sent = usp.nextNotifyMessage(C1);
        UspMsg.Notify n = sent.msg().getBody().getRequest().getNotify();
        assertEquals("boot", n.getSubscriptionId());
        assertTrue(n.getSendResp());
        assertEquals("Device.", n.getEvent().getObjPath());
        assertEquals("Boot!", n.getEvent().getEventName());
        Map<String, String> params = n.getEvent().getParamsMap();
        assertEquals("RemoteReboot", params.get("Cause"));
        assertEquals("reboot-key", params.get("CommandKey"));
        assertEquals("false", params.get("FirmwareUpdated"));
        assertEquals("Unknown", params.get("Reason"));
        assertEquals("{\"Device.LocalAgent.EndpointID\":\"os::012345-demarc-0001\","
                        + "\"Device.LocalAgent.Controller.1.Enable\":\"true\",\"Device.LocalAgent.Controller.2.Enable\":\"true\"}",
                params.get("ParameterMap"), "enabled boot parameters only, wildcards expanded");
        usp.notifyResp(C1, sent);
        UspMsg.Notify n2 = usp.nextNotify(C2);
        assertEquals("boot-2", n2.getSubscriptionId(), "an object path covers the events below it; a subscription that"
                + " is not persistent still hears the Boot! of the restart that deletes it");
        assertEquals("{}", n2.getEvent().getParamsMap().get("ParameterMap"), "controller 2 has no boot parameters");
    }

    @Test
    void boot_event_waits_for_an_unreachable_controller() {
        usp.subscribe(C1, "Enable", "true", "ID", "boot", "NotifType", "Event", "ReferenceList", "Device.Boot!",
                "Persistent", "true");
        usp = usp.restart(Duration.ofSeconds(30), BootCause.localReboot(), false);
        assertEquals(0, usp.notifyCount(C1));
        usp.routes.put(C1, NotifyFixture.address(C1));
        usp.connected(C1);
        assertEquals("LocalReboot", usp.nextNotify(C1).getEvent().getParamsMap().get("Cause"));
    }

    @Test // TR-369 "Event": events the platform raises
    void an_event_the_platform_raises_goes_to_the_subscriptions_that_cover_it() {
        usp.subscribe(C1, "Enable", "true", "ID", "periodic-only", "NotifType", "Event",
                "ReferenceList", "Device.LocalAgent.Periodic!");
        usp.subscribe(C2, "Enable", "true", "ID", "all", "NotifType", "Event", "ReferenceList", "Device.LocalAgent.");
        usp.agent.event("Device.LocalAgent.", "Periodic!", Map.of("Extra", "1"));
        assertEquals(Map.of("Extra", "1"), usp.nextNotify(C1).getEvent().getParamsMap());
        assertEquals("Periodic!", usp.nextNotify(C2).getEvent().getEventName());
        usp.agent.event("Device.", "Boot!", Map.of());
        assertEquals(0, usp.notifyCount(C1));
        assertEquals(0, usp.notifyCount(C2), "Device.Boot! is not below Device.LocalAgent.");
    }

    // ------------------------------------------------------------------ Periodic!

    @Test // TP-469 1.59
    void tp469_1_59_periodic_event_follows_interval_and_phase_of_the_controller() {
        usp.set(C1, CONTROLLER1, "PeriodicNotifInterval", "60");
        usp.set(C1, CONTROLLER1, "PeriodicNotifTime", "2019-01-01T00:00:00Z");
        usp.subscribe(C1, "Enable", "true", "ID", "sub-103", "NotifType", "Event",
                "ReferenceList", "Device.LocalAgent.Periodic!");
        usp.subscribe(C2, "Enable", "true", "ID", "other", "NotifType", "Event",
                "ReferenceList", "Device.LocalAgent.Periodic!");
        Instant start = usp.clock.now();
        assertEquals(Instant.parse("2024-03-01T10:00:30Z"), start);
        usp.advance(Duration.ofSeconds(29));
        assertEquals(0, usp.notifyCount(C1), "the phase puts each event on a whole minute");
        usp.advance(Duration.ofSeconds(1));
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("sub-103", n.getSubscriptionId());
        assertEquals("Device.LocalAgent.", n.getEvent().getObjPath());
        assertEquals("Periodic!", n.getEvent().getEventName());
        usp.advance(Duration.ofSeconds(59));
        assertEquals(0, usp.notifyCount(C1));
        usp.advance(Duration.ofSeconds(1));
        assertEquals("sub-103", usp.nextNotify(C1).getSubscriptionId(), "the second one 60 s after the first");
        assertEquals(0, usp.notifyCount(C2), "controller 2 keeps its own interval (a day)");
    }

    @Test
    void periodic_event_stops_when_the_controller_is_disabled() {
        usp.set(C1, CONTROLLER1, "PeriodicNotifInterval", "10");
        usp.subscribe(C1, "Enable", "true", "ID", "p", "NotifType", "Event", "ReferenceList", "Device.LocalAgent.Periodic!");
        usp.advance(Duration.ofSeconds(10));
        usp.nextNotify(C1);
        usp.set(C2, CONTROLLER1, "Enable", "false");
        usp.advance(Duration.ofMinutes(5));
        assertEquals(0, usp.notifyCount(C1));
    }

    // ------------------------------------------------------------------ OnBoardRequest

    @Test // TP-469 1.60, R-NOT.5, R-NOT.6
    void tp469_1_60_send_on_board_request_sends_it_with_send_resp_until_answered() {
        assertEquals("true", usp.values(CONTROLLER1).get("OnBoardingComplete"));
        assertEquals(null, usp.operate(C1, CONTROLLER1 + "SendOnBoardRequest()", "test60", false));
        NotifyFixture.Sent sent = usp.nextNotifyMessage(C1);
        UspMsg.Notify n = sent.msg().getBody().getRequest().getNotify();
        assertEquals("", n.getSubscriptionId(), "R-NOT.7: no subscription");
        assertTrue(n.getSendResp(), "R-NOT.6");
        assertEquals("012345", n.getOnBoardReq().getOui());
        assertEquals("Gateway", n.getOnBoardReq().getProductClass());
        assertEquals("SN0001", n.getOnBoardReq().getSerialNumber());
        assertEquals("1.2,1.3,1.4", n.getOnBoardReq().getAgentSupportedProtocolVersions());
        assertEquals("false", usp.values(CONTROLLER1).get("OnBoardingComplete"), "TP-469 1.101");
        usp.advance(Duration.ofHours(6));
        assertTrue(usp.notifyCount(C1) >= 5, "R-NOT.6a: retried, whatever the time");
        usp.notifyResp(C1, sent);
        usp.clearInbox();
        usp.advance(Duration.ofHours(6));
        assertEquals(0, usp.notifyCount(C1), "answered; OnBoardingRestartTime 0: never again (TP-469 1.103)");
    }

    @Test // TP-469 1.101
    void tp469_1_101_send_on_board_request_sets_on_boarding_complete_to_false() {
        assertEquals("true", usp.values(CONTROLLER1).get("OnBoardingComplete"));
        usp.operate(C1, CONTROLLER1 + "SendOnBoardRequest()", "test101", false);
        NotifyFixture.Sent sent = usp.nextNotifyMessage(C1);
        assertTrue(sent.msg().getBody().getRequest().getNotify().hasOnBoardReq(), sent::toString);
        usp.notifyResp(C1, sent);

        UspMsg.Msg get = usp.request(C1, UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                .setGet(UspMsg.Get.newBuilder().addParamPaths(CONTROLLER1 + "OnBoardingComplete")).build());
        UspMsg.GetResp.RequestedPathResult r = get.getBody().getResponse().getGetResp().getReqPathResults(0);
        assertEquals(0, r.getErrCode(), r::toString);
        assertEquals(Map.of("OnBoardingComplete", "false"), r.getResolvedPathResults(0).getResultParamsMap());

        usp.set(C1, CONTROLLER1, "OnBoardingComplete", "true");
        assertEquals("true", usp.values(CONTROLLER1).get("OnBoardingComplete"));
    }

    @Test // TP-469 1.102
    void tp469_1_102_on_boarding_restart_time_repeats_it_until_on_boarding_complete() {
        usp.set(C1, CONTROLLER1, "OnBoardingRestartTime", "60");
        usp.operate(C1, CONTROLLER1 + "SendOnBoardRequest()", "test102", false);
        usp.notifyResp(C1, usp.nextNotifyMessage(C1));
        usp.advance(Duration.ofSeconds(59));
        assertEquals(0, usp.notifyCount(C1));
        usp.advance(Duration.ofSeconds(1));
        NotifyFixture.Sent again = usp.nextNotifyMessage(C1);
        assertTrue(again.msg().getBody().getRequest().getNotify().hasOnBoardReq());
        usp.notifyResp(C1, again);
        usp.set(C1, CONTROLLER1, "OnBoardingComplete", "true");
        usp.advance(Duration.ofSeconds(120));
        assertEquals(0, usp.notifyCount(C1));
    }

    @Test // TP-469 1.103
    void tp469_1_103_on_boarding_restart_time_0_sends_it_once() {
        usp.set(C1, CONTROLLER1, "OnBoardingRestartTime", "0");
        usp.operate(C1, CONTROLLER1 + "SendOnBoardRequest()", "test103", false);
        NotifyFixture.Sent sent = usp.nextNotifyMessage(C1);
        assertTrue(sent.msg().getBody().getRequest().getNotify().hasOnBoardReq(), sent::toString);
        usp.notifyResp(C1, sent);
        usp.advance(Duration.ofSeconds(60));
        assertEquals(0, usp.notifyCount(C1), "no other OnBoardRequest");
    }

    @Test // R-NOT.5: enabled controllers only
    void send_on_board_request_to_a_disabled_controller_fails() {
        usp.set(C1, CONTROLLER2, "Enable", "false");
        UspMsg.Msg reply = usp.operate(C1, CONTROLLER2 + "SendOnBoardRequest()", "k", true);
        assertEquals(7022, reply.getBody().getResponse().getOperateResp().getOperationResults(0).getCmdFailure().getErrCode());
        assertEquals(0, usp.notifyCount(C2));
    }

    @Test // TP-469 9.9, the issue: a controller with a ProvisioningCode, when it first connects
    void a_controller_with_a_provisioning_code_gets_an_on_board_request_when_first_reachable() {
        usp.routes.remove(C2);
        usp.set(C1, CONTROLLER2, "ProvisioningCode", "PC-42");
        assertEquals(0, usp.notifyCount(C2));
        usp.routes.put(C2, NotifyFixture.address(C2));
        usp.connected(C2);
        NotifyFixture.Sent sent = usp.nextNotifyMessage(C2);
        assertTrue(sent.msg().getBody().getRequest().getNotify().hasOnBoardReq());
        usp.notifyResp(C2, sent);
        usp.connected(C2);
        assertEquals(0, usp.notifyCount(C2), "once per run");
        assertFalse(usp.values(CONTROLLER2).get("OnBoardingComplete").equals("true"));
    }
}

package dev.demarc.core.usp.notify;

import static dev.demarc.core.usp.notify.NotifyFixture.C1;
import static dev.demarc.core.usp.notify.NotifyFixture.C2;
import static dev.demarc.core.usp.notify.NotifyFixture.SUBS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscriptions and the Notify messages of data model changes (TP-469 1.52-1.58, 1.78, 1.84). */
class SubscriptionNotifyTest {

    private static final String CONTROLLER1 = "Device.LocalAgent.Controller.1.";
    private static final String CONTROLLER2 = "Device.LocalAgent.Controller.2.";

    private NotifyFixture usp = NotifyFixture.fresh();

    @AfterEach
    void close() {
        usp.close();
    }

    private String valueChangeOfProvisioningCode(String from, String id) {
        return usp.subscribe(from, "Enable", "true", "ID", id, "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode", "NotifRetry", "true");
    }

    @Test // TR-181 Subscription.Recipient, CreationDate
    void the_agent_sets_recipient_and_creation_date_of_a_subscription_a_controller_adds() {
        UspMsg.AddResp r = usp.add(C2, SUBS, "Enable", "true", "ID", "mine", "NotifType", "ValueChange",
                "ReferenceList", "Device.DeviceInfo.");
        UspMsg.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess ok =
                r.getCreatedObjResults(0).getOperStatus().getOperSuccess();
        assertEquals("Device.LocalAgent.Controller.2", ok.getUniqueKeysMap().get("Recipient"),
                "the unique keys in the AddResp already hold the Recipient");
        Map<String, String> values = usp.values(ok.getInstantiatedPath());
        assertEquals("Device.LocalAgent.Controller.2", values.get("Recipient"));
        assertEquals(NotifyFixture.T0.toString(), values.get("CreationDate"));
    }

    @Test // TR-181: Recipient is read-only, and a unique key, so the Add fails as a whole
    void a_controller_cannot_name_another_recipient() {
        UspMsg.Msg reply = usp.request(C1, UspMsg.Header.MsgType.ADD, UspMsg.Request.newBuilder()
                .setAdd(UspMsg.Add.newBuilder().addCreateObjs(UspMsg.Add.CreateObject.newBuilder().setObjPath(SUBS)
                        .addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam("ID").setValue("spoof"))
                        .addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam("Recipient")
                                .setValue("Device.LocalAgent.Controller.2"))))
                .build());
        assertEquals(7013, reply.getBody().getError().getParamErrs(0).getErrCode(), reply::toString);
        assertEquals(List.of(), usp.instances(SUBS));
    }

    @Test // R-ADD.5 with the agent's Recipient: the same ID for two controllers, a fresh ID when none is given
    void subscription_ids_are_unique_per_controller_and_given_by_the_agent_when_left_out() {
        usp.subscribe(C1, "ID", "same");
        usp.subscribe(C2, "ID", "same");
        UspMsg.Msg again = usp.request(C1, UspMsg.Header.MsgType.ADD, UspMsg.Request.newBuilder()
                .setAdd(UspMsg.Add.newBuilder().addCreateObjs(UspMsg.Add.CreateObject.newBuilder().setObjPath(SUBS)
                        .addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam("ID").setValue("same"))))
                .build());
        assertEquals(7025, again.getBody().getError().getErrCode(), "one controller cannot use an ID twice");
        String noId = usp.subscribe(C1, "Enable", "true");
        assertFalse(usp.values(noId).get("ID").isEmpty(), "R-ADD.5: the agent gives the ID");
    }

    @Test // TP-469 1.52
    void tp469_1_52_value_change_set_by_another_controller_is_notified() {
        valueChangeOfProvisioningCode(C1, "notify52");
        usp.set(C2, CONTROLLER1, "ProvisioningCode", "TestValue52");
        NotifyFixture.Sent sent = usp.nextNotifyMessage(C1);
        UspMsg.Notify n = sent.msg().getBody().getRequest().getNotify();
        assertEquals("notify52", n.getSubscriptionId());
        assertTrue(n.getSendResp(), "NotifRetry true: send_resp true");
        assertEquals(CONTROLLER1 + "ProvisioningCode", n.getValueChange().getParamPath());
        assertEquals("TestValue52", n.getValueChange().getParamValue());
        usp.notifyResp(C1, sent);
        assertEquals(0, usp.notifyCount(C2), "only the recipient hears of it");
        assertEquals(0, (int) usp.onModel(m -> usp.agent.notifications().pendingCount()));
    }

    @Test // TP-469 1.52: the controller's own change too
    void a_change_made_by_the_subscriber_itself_is_notified_too() {
        valueChangeOfProvisioningCode(C1, "self");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "Mine");
        assertEquals("Mine", usp.nextNotify(C1).getValueChange().getParamValue());
    }

    @Test // the agent's encoder thread keeps the order the owner thread decided
    void notifies_and_answers_to_one_controller_leave_in_the_order_the_agent_made_them() {
        valueChangeOfProvisioningCode(C1, "order");
        usp.sync();
        usp.clearInbox();
        int sets = 30;
        List<String> setIds = new ArrayList<>();
        for (int i = 0; i < sets; i++) {
            String id = usp.newMsgId();
            setIds.add(id);
            usp.deliver(C1, UspMsg.Msg.newBuilder()
                    .setHeader(UspMsg.Header.newBuilder().setMsgId(id).setMsgType(UspMsg.Header.MsgType.SET))
                    .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                            .setSet(UspMsg.Set.newBuilder().addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder()
                                    .setObjPath(CONTROLLER1).addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                                            .setParam("ProvisioningCode").setValue("v" + i).setRequired(true))))))
                    .build());
        }
        // Each Set makes one ValueChange Notify and one SetResp; request after request, each pair
        // in the same order, and nothing of a later request before an earlier one.
        List<NotifyFixture.Sent> sent = usp.firstSent(2 * sets);
        List<String> order = new ArrayList<>();
        for (NotifyFixture.Sent s : sent) {
            UspMsg.Body body = s.msg().getBody();
            order.add(body.getRequest().hasNotify()
                    ? "notify " + body.getRequest().getNotify().getValueChange().getParamValue()
                    : "answer " + s.msg().getHeader().getMsgId());
        }
        boolean notifyFirst = order.get(0).startsWith("notify");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < sets; i++) {
            String notify = "notify v" + i;
            String answer = "answer " + setIds.get(i);
            expected.add(notifyFirst ? notify : answer);
            expected.add(notifyFirst ? answer : notify);
        }
        assertEquals(expected, order);
    }

    @Test // TP-469 1.53
    void tp469_1_53_a_deleted_subscription_notifies_no_more() {
        String sub = valueChangeOfProvisioningCode(C1, "notify53");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "TestValue53");
        usp.notifyResp(C1, usp.nextNotifyMessage(C1));
        usp.delete(C1, sub);
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "notify53-2");
        usp.advance(Duration.ofSeconds(20));
        assertEquals(0, usp.notifyCount(C1));
    }

    @Test
    void a_disabled_subscription_or_one_without_notif_retry_behaves_as_configured() {
        String sub = usp.subscribe(C1, "Enable", "false", "ID", "off", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "a");
        assertEquals(0, usp.notifyCount(C1), "a disabled subscription is not processed");
        usp.set(C1, sub, "Enable", "true");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "b");
        UspMsg.Notify n = usp.nextNotify(C1);
        assertFalse(n.getSendResp(), "NotifRetry false: send_resp false");
        usp.advance(Duration.ofHours(1));
        assertEquals(0, usp.notifyCount(C1), "and no retry");
    }

    @Test // TP-469 1.57
    void tp469_1_57_object_creation_carries_the_unique_keys_and_not_its_own_creation() {
        usp.subscribe(C1, "Enable", "true", "ID", "notify57", "NotifType", "ObjectCreation",
                "ReferenceList", SUBS, "NotifRetry", "true");
        assertEquals(0, usp.notifyCount(C1), "a subscription is not told of its own creation");
        String second = usp.subscribe(C1, "Enable", "true", "ID", "notify57-2", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode", "NotifRetry", "true");
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("notify57", n.getSubscriptionId());
        assertEquals(second, n.getObjCreation().getObjPath());
        assertEquals("notify57-2", n.getObjCreation().getUniqueKeysMap().get("ID"));
        assertEquals("Device.LocalAgent.Controller.1", n.getObjCreation().getUniqueKeysMap().get("Recipient"));
        assertTrue(n.getObjCreation().getUniqueKeysMap().containsKey("Alias"));
    }

    @Test // TP-469 1.58
    void tp469_1_58_object_deletion_is_notified() {
        String victim = usp.subscribe(C2, "ID", "victim");
        usp.subscribe(C1, "Enable", "true", "ID", "notify58", "NotifType", "ObjectDeletion",
                "ReferenceList", SUBS, "NotifRetry", "true");
        usp.delete(C2, victim);
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("notify58", n.getSubscriptionId());
        assertEquals(victim, n.getObjDeletion().getObjPath());
    }

    @Test // TP-469 1.84
    void tp469_1_84_wildcard_reference_list_covers_every_instance() {
        usp.subscribe(C1, "Enable", "true", "ID", "notify84", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "BootParameter.*.Enable");
        usp.set(C1, CONTROLLER1 + "BootParameter.1.", "Enable", "false");
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals(CONTROLLER1 + "BootParameter.1.Enable", n.getValueChange().getParamPath());
        assertEquals("false", n.getValueChange().getParamValue());
        usp.set(C1, CONTROLLER1 + "BootParameter.2.", "ParameterName", "Device.DeviceInfo.SerialNumber");
        assertEquals(0, usp.notifyCount(C1), "another parameter of the same instances");
    }

    @Test // TP-469 1.84 with a search expression, resolved when the change is matched
    void search_expression_in_the_reference_list_is_resolved_when_a_change_comes() {
        usp.subscribe(C1, "Enable", "true", "ID", "search", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "BootParameter.[ParameterName==\"Device.DeviceInfo.SoftwareVersion\"].Enable");
        usp.set(C1, CONTROLLER1 + "BootParameter.1.", "Enable", "false");
        assertEquals(0, usp.notifyCount(C1), "boot parameter 1 does not match the expression");
        usp.set(C1, CONTROLLER1 + "BootParameter.2.", "Enable", "true");
        assertEquals(CONTROLLER1 + "BootParameter.2.Enable", usp.nextNotify(C1).getValueChange().getParamPath());
    }

    @Test
    void object_path_reference_covers_every_parameter_below_it() {
        usp.subscribe(C1, "Enable", "true", "ID", "tree", "NotifType", "ValueChange", "ReferenceList", CONTROLLER2);
        usp.set(C2, CONTROLLER2, "ProvisioningCode", "x");
        assertEquals(CONTROLLER2 + "ProvisioningCode", usp.nextNotify(C1).getValueChange().getParamPath());
    }

    @Test
    void object_creation_with_a_wildcard_table_path() {
        usp.subscribe(C1, "Enable", "true", "ID", "bp", "NotifType", "ObjectCreation",
                "ReferenceList", "Device.LocalAgent.Controller.*.BootParameter.");
        UspMsg.AddResp r = usp.add(C2, CONTROLLER2 + "BootParameter.", "ParameterName", "Device.DeviceInfo.SerialNumber");
        String made = r.getCreatedObjResults(0).getOperStatus().getOperSuccess().getInstantiatedPath();
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals(made, n.getObjCreation().getObjPath());
        assertEquals(Map.of("ParameterName", "Device.DeviceInfo.SerialNumber", "Alias", "cpe-1"),
                n.getObjCreation().getUniqueKeysMap());
    }

    @Test
    void object_deletion_with_a_search_expression_matches_the_instances_as_they_were() {
        usp.subscribe(C1, "Enable", "true", "ID", "gone", "NotifType", "ObjectDeletion",
                "ReferenceList", CONTROLLER1 + "BootParameter.[Enable==true].");
        usp.delete(C1, CONTROLLER1 + "BootParameter.2.");
        assertEquals(0, usp.notifyCount(C1), "boot parameter 2 is disabled");
        usp.delete(C1, CONTROLLER1 + "BootParameter.1.");
        assertEquals(CONTROLLER1 + "BootParameter.1.", usp.nextNotify(C1).getObjDeletion().getObjPath());
        usp.set(C1, CONTROLLER1 + "BootParameter.3.", "Enable", "false");
        usp.delete(C1, CONTROLLER1 + "BootParameter.3.");
        assertEquals(0, usp.notifyCount(C1), "no longer enabled when deleted");
    }

    @Test // TP-469 1.55
    void tp469_1_55_time_to_live_deletes_the_subscription() {
        String sub = usp.subscribe(C1, "Enable", "true", "ID", "notify55", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode", "NotifRetry", "true", "TimeToLive", "20");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "TestValue55");
        usp.notifyResp(C1, usp.nextNotifyMessage(C1));
        usp.advance(Duration.ofSeconds(19));
        assertTrue(usp.instances(SUBS).contains(sub));
        usp.advance(Duration.ofSeconds(1));
        usp.sync();
        assertFalse(usp.instances(SUBS).contains(sub), "gone once its TimeToLive has passed");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "TestValue55-2");
        usp.advance(Duration.ofSeconds(10));
        assertEquals(0, usp.notifyCount(C1));
    }

    @Test // TR-181 TimeToLive counts from CreationDate
    void time_to_live_set_later_counts_from_the_creation() {
        String sub = usp.subscribe(C1, "Enable", "true", "ID", "later");
        usp.advance(Duration.ofSeconds(30));
        usp.set(C1, sub, "TimeToLive", "40");
        usp.advance(Duration.ofSeconds(9));
        assertTrue(usp.instances(SUBS).contains(sub));
        usp.advance(Duration.ofSeconds(1));
        usp.sync();
        assertFalse(usp.instances(SUBS).contains(sub));
    }

    @Test // TP-469 1.78
    void tp469_1_78_subscriptions_of_a_deleted_controller_are_deleted() {
        String of2 = usp.subscribe(C2, "Enable", "true", "ID", "two", "NotifType", "ValueChange",
                "ReferenceList", "Device.DeviceInfo.");
        String of1 = usp.subscribe(C1, "Enable", "true", "ID", "one");
        usp.delete(C1, CONTROLLER2);
        usp.sync();
        List<String> left = usp.instances(SUBS);
        assertFalse(left.contains(of2));
        assertTrue(left.contains(of1));
    }

    @Test // R-NOT.0a: what the platform pushes
    void a_pushed_platform_change_is_notified() {
        usp.subscribe(C1, "Enable", "true", "ID", "fan", "NotifType", "ValueChange",
                "ReferenceList", "Device.DeviceInfo.FanSpeed");
        usp.fanSpeed.set(1200);
        usp.owner.platformChanged("Device.DeviceInfo.FanSpeed");
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("Device.DeviceInfo.FanSpeed", n.getValueChange().getParamPath());
        assertEquals("1200", n.getValueChange().getParamValue());
    }

    @Test // polling only what the platform provides without pushing, and only what is subscribed
    void a_provided_value_the_platform_does_not_push_is_polled() {
        usp.subscribe(C1, "Enable", "true", "ID", "temp", "NotifType", "ValueChange",
                "ReferenceList", "Device.DeviceInfo.");
        usp.temperature.set(41);
        usp.fanSpeed.set(1500);
        usp.advance(Duration.ofSeconds(29));
        assertEquals(0, usp.notifyCount(C1), "not before the poll interval");
        usp.advance(Duration.ofSeconds(1));
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("Device.DeviceInfo.Temperature", n.getValueChange().getParamPath());
        assertEquals("41", n.getValueChange().getParamValue());
        assertEquals(0, usp.notifyCount(C1), "FanSpeed is pushed by the platform, never polled");
        usp.advance(Duration.ofSeconds(30));
        assertEquals(0, usp.notifyCount(C1), "no change, no notification");
    }

    @Test // nothing is lost while a controller is unreachable
    void notifications_wait_for_an_unreachable_controller_and_go_when_it_connects() {
        valueChangeOfProvisioningCode(C1, "wait");
        usp.routes.remove(C1);
        usp.set(C2, CONTROLLER1, "ProvisioningCode", "while-away");
        usp.advance(Duration.ofMinutes(5));
        assertEquals(0, usp.notifyCount(C1));
        usp.routes.put(C1, NotifyFixture.address(C1));
        usp.connected(C1);
        assertEquals("while-away", usp.nextNotify(C1).getValueChange().getParamValue());
    }

    @Test
    void a_disabled_controller_gets_nothing_until_enabled() {
        usp.subscribe(C2, "Enable", "true", "ID", "c2", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode");
        usp.set(C1, CONTROLLER2, "Enable", "false");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "p");
        assertEquals(0, usp.notifyCount(C2));
        usp.set(C1, CONTROLLER2, "Enable", "true");
        assertEquals("p", usp.nextNotify(C2).getValueChange().getParamValue());
    }

    @Test // bounded queue per controller
    void the_oldest_waiting_notification_is_dropped_past_the_bound() {
        usp.close();
        usp = NotifyFixture.fresh(NotifyConfig.DEFAULT.withMaxPendingPerController(2), false);
        usp.subscribe(C2, "Enable", "true", "ID", "bounded", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode");
        for (String v : List.of("1", "2", "3")) {
            usp.set(C2, CONTROLLER1, "ProvisioningCode", v);
        }
        usp.routes.put(C1, NotifyFixture.address(C1));
        usp.routes.put(C2, NotifyFixture.address(C2));
        usp.connected(C2);
        assertEquals("2", usp.nextNotify(C2).getValueChange().getParamValue());
        assertEquals("3", usp.nextNotify(C2).getValueChange().getParamValue());
        assertEquals(0, usp.notifyCount(C2));
    }

    @Test // TR-369 GetSupportedDM value_change; TR-181 activeNotify="canDeny" (UpTime)
    void a_parameter_whose_changes_are_ignored_is_reported_so_and_never_notified() {
        UspMsg.Msg reply = usp.request(C1, UspMsg.Header.MsgType.GET_SUPPORTED_DM, UspMsg.Request.newBuilder()
                .setGetSupportedDm(UspMsg.GetSupportedDM.newBuilder().addObjPaths("Device.DeviceInfo.").setReturnParams(true))
                .build());
        Map<String, UspMsg.GetSupportedDMResp.ValueChangeType> valueChange = new java.util.HashMap<>();
        reply.getBody().getResponse().getGetSupportedDmResp().getReqObjResults(0).getSupportedObjs(0).getSupportedParamsList()
                .forEach(p -> valueChange.put(p.getParamName(), p.getValueChange()));
        assertEquals(UspMsg.GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_WILL_IGNORE, valueChange.get("UpTime"));
        assertEquals(UspMsg.GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_ALLOWED, valueChange.get("Temperature"));

        usp.subscribe(C1, "Enable", "true", "ID", "both", "NotifType", "ValueChange",
                "ReferenceList", "Device.DeviceInfo.UpTime,Device.DeviceInfo.Temperature");
        usp.upTime.set(200);
        usp.owner.platformChanged("Device.DeviceInfo.UpTime");
        assertEquals(0, usp.notifyCount(C1), "not when the platform pushes it");
        usp.upTime.set(300);
        usp.temperature.set(45);
        usp.advance(Duration.ofSeconds(30));
        assertEquals("Device.DeviceInfo.Temperature", usp.nextNotify(C1).getValueChange().getParamPath());
        assertEquals(0, usp.notifyCount(C1), "nor when it is polled");
    }
}

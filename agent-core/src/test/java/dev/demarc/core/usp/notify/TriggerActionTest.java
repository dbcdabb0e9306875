package dev.demarc.core.usp.notify;

import static dev.demarc.core.usp.notify.NotifyFixture.C1;
import static dev.demarc.core.usp.notify.NotifyFixture.C2;
import static dev.demarc.core.usp.notify.NotifyFixture.SUBS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Device.LocalAgent.Subscription.{i}.TriggerAction} and {@code TriggerConfigSettings}
 * (TR-181 2.16; TP-469 1.93, 1.94): a subscription that changes the configuration when what it
 * watches happens.
 */
class TriggerActionTest {

    private static final String CONTROLLER1 = "Device.LocalAgent.Controller.1.";
    private static final String CONTROLLER2 = "Device.LocalAgent.Controller.2.";

    private NotifyFixture usp = NotifyFixture.fresh();

    @AfterEach
    void close() {
        usp.close();
    }

    /** Steps 1-3 of TP-469 1.93 and 1.94: the subscription, then its settings disabling itself. */
    private String subscribeWithTrigger(String from, String action, String id) {
        String sub = usp.subscribe(from, "Enable", "true", "TriggerAction", action, "ID", id, "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode", "NotifRetry", "true");
        usp.set(from, sub, "TriggerConfigSettings", sub + "Enable=false");
        return sub;
    }

    private UspMsg.Msg set(String from, String objectPath, String param, String value) {
        return usp.request(from, UspMsg.Header.MsgType.SET, UspMsg.Request.newBuilder()
                .setSet(UspMsg.Set.newBuilder().setAllowPartial(false).addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder()
                        .setObjPath(objectPath).addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                                .setParam(param).setValue(value).setRequired(true))))
                .build());
    }

    @Test // TP-469 1.93
    void tp469_1_93_trigger_action_config_applies_the_settings_and_sends_no_notify() {
        String sub = subscribeWithTrigger(C1, "Config", "notify93");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "TestValue93");
        assertEquals("false", usp.values(sub).get("Enable"), "TriggerConfigSettings applied");
        assertEquals(0, usp.notifyCount(C1), "Config alone sends no Notify");
    }

    @Test // TP-469 1.94
    void tp469_1_94_trigger_action_notify_and_config_notifies_and_applies_the_settings() {
        String sub = subscribeWithTrigger(C1, "NotifyAndConfig", "notify94");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "TestValue94");
        NotifyFixture.Sent sent = usp.nextNotifyMessage(C1);
        UspMsg.Notify n = sent.msg().getBody().getRequest().getNotify();
        assertEquals("notify94", n.getSubscriptionId());
        assertEquals(CONTROLLER1 + "ProvisioningCode", n.getValueChange().getParamPath());
        assertEquals("TestValue94", n.getValueChange().getParamValue());
        usp.notifyResp(C1, sent);
        assertEquals("false", usp.values(sub).get("Enable"));
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "again");
        assertEquals(0, usp.notifyCount(C1), "the subscription disabled itself");
    }

    @Test // TR-181: Notify is the default
    void a_subscription_without_trigger_action_notifies_and_changes_nothing() {
        String sub = usp.subscribe(C1, "Enable", "true", "ID", "plain", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode");
        usp.set(C1, sub, "TriggerConfigSettings", sub + "Enable=false");
        assertEquals("Notify", usp.values(sub).get("TriggerAction"));
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "x");
        assertEquals("x", usp.nextNotify(C1).getValueChange().getParamValue());
        assertEquals("true", usp.values(sub).get("Enable"), "Notify applies no settings");
    }

    @Test
    void all_settings_are_applied_together_and_a_quoted_string_loses_its_quotes() {
        String sub = usp.subscribe(C1, "Enable", "true", "TriggerAction", "Config", "ID", "two", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1);
        usp.set(C1, sub, "TriggerConfigSettings", CONTROLLER2 + "ProvisioningCode=\"from trigger\","
                + CONTROLLER2 + "PeriodicNotifInterval=600");
        usp.request(C1, UspMsg.Header.MsgType.SET, UspMsg.Request.newBuilder()
                .setSet(UspMsg.Set.newBuilder().addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder().setObjPath(CONTROLLER1)
                        .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder().setParam("ProvisioningCode").setValue("a"))
                        .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                                .setParam("PeriodicNotifInterval").setValue("900"))))
                .build());
        usp.sync();
        assertEquals("from trigger", usp.values(CONTROLLER2).get("ProvisioningCode"), "the quotes of a string are removed");
        assertEquals("600", usp.values(CONTROLLER2).get("PeriodicNotifInterval"));
    }

    @Test // TR-181: the settings are "executed" when the monitored event occurs, whatever its type
    void an_object_creation_fires_a_config_trigger_too() {
        String sub = usp.subscribe(C1, "Enable", "true", "TriggerAction", "Config", "ID", "made", "NotifType",
                "ObjectCreation", "ReferenceList", CONTROLLER1 + "BootParameter.");
        usp.set(C1, sub, "TriggerConfigSettings", CONTROLLER2 + "ProvisioningCode=created");
        usp.add(C2, CONTROLLER1 + "BootParameter.", "ParameterName", "Device.DeviceInfo.SerialNumber");
        usp.sync();
        assertEquals("created", usp.values(CONTROLLER2).get("ProvisioningCode"));
        assertEquals(0, usp.notifyCount(C1));
    }

    @Test
    void bad_settings_are_refused_when_written_with_7012() {
        String sub = usp.subscribe(C1, "Enable", "true", "TriggerAction", "Config", "ID", "bad", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode");
        for (String bad : List.of(sub + "Enable", CONTROLLER1 + "Nonsense=1", CONTROLLER1 + "PeriodicNotifInterval=0",
                CONTROLLER1 + "EndpointID=x," + sub + "Recipient=" + CONTROLLER2,
                "Device.LocalAgent.Controller.*.Enable=false")) {
            UspMsg.Msg reply = set(C1, sub, "TriggerConfigSettings", bad);
            assertTrue(reply.getBody().hasError(), reply::toString);
            assertEquals(7012, reply.getBody().getError().getErrCode(), reply::toString);
            assertTrue(reply.getBody().getError().getErrMsg().startsWith("TriggerConfigSettings item "),
                    reply.getBody().getError().getErrMsg());
        }
        UspMsg.Msg addReply = usp.request(C1, UspMsg.Header.MsgType.ADD, UspMsg.Request.newBuilder()
                .setAdd(UspMsg.Add.newBuilder().addCreateObjs(UspMsg.Add.CreateObject.newBuilder().setObjPath(SUBS)
                        .addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam("ID").setValue("bad-add"))
                        .addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder()
                                .setParam("TriggerConfigSettings").setValue("not a setting"))))
                .build());
        assertEquals(7012, addReply.getBody().getError().getErrCode(), addReply::toString);
        assertEquals("", usp.values(sub).get("TriggerConfigSettings"), "nothing was written");
        assertEquals(List.of(sub), usp.instances(SUBS), "nothing was added");
    }

    @Test // a failure when applied: logged, and nothing changes, not even the settings that would work
    void settings_that_fail_when_applied_change_nothing() {
        String sub = usp.subscribe(C1, "Enable", "true", "TriggerAction", "NotifyAndConfig", "ID", "late",
                "NotifType", "ValueChange", "ReferenceList", CONTROLLER1 + "ProvisioningCode");
        usp.set(C1, sub, "TriggerConfigSettings", CONTROLLER2 + "ProvisioningCode=first,"
                + "Device.LocalAgent.Controller.9.Enable=true");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "go");
        assertEquals("go", usp.nextNotify(C1).getValueChange().getParamValue(), "the notification still goes");
        assertEquals("", usp.values(CONTROLLER2).get("ProvisioningCode"), "controller 9 does not exist: nothing applied");
        assertEquals(List.of(CONTROLLER1, CONTROLLER2), usp.instances("Device.LocalAgent.Controller."));
    }

    @Test // no loops: a trigger's change is notified but fires no other Config
    void a_change_made_by_a_trigger_is_notified_but_triggers_no_configuration() {
        String a = usp.subscribe(C1, "Enable", "true", "TriggerAction", "Config", "ID", "a", "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode");
        usp.set(C1, a, "TriggerConfigSettings", CONTROLLER2 + "ProvisioningCode=from-a");
        String b = usp.subscribe(C1, "Enable", "true", "TriggerAction", "NotifyAndConfig", "ID", "b",
                "NotifType", "ValueChange", "ReferenceList", CONTROLLER2 + "ProvisioningCode");
        usp.set(C1, b, "TriggerConfigSettings", CONTROLLER1 + "ProvisioningCode=from-b");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "start");
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("b", n.getSubscriptionId());
        assertEquals("from-a", n.getValueChange().getParamValue());
        assertEquals("start", usp.values(CONTROLLER1).get("ProvisioningCode"), "b's settings were not applied");
        assertEquals(0, usp.notifyCount(C1));
    }

    @Test // the settings are applied with the rights of the subscription's controller
    void a_trigger_writes_only_what_the_roles_of_its_controller_allow() {
        usp.close();
        usp = NotifyFixture.withRoles();
        String denied = usp.subscribe(C2, "Enable", "true", "TriggerAction", "Config", "ID", "denied",
                "NotifType", "ValueChange", "ReferenceList", CONTROLLER1 + "PeriodicNotifInterval");
        usp.set(C2, denied, "TriggerConfigSettings", CONTROLLER2 + "ProvisioningCode=would," + CONTROLLER1 + "Enable=false");
        String allowed = usp.subscribe(C2, "Enable", "true", "TriggerAction", "Config", "ID", "allowed",
                "NotifType", "ValueChange", "ReferenceList", CONTROLLER1 + "PeriodicNotifInterval");
        usp.set(C2, allowed, "TriggerConfigSettings", CONTROLLER2 + "PeriodicNotifInterval=1200");
        usp.set(C1, CONTROLLER1, "PeriodicNotifInterval", "600");
        usp.sync();
        assertEquals("true", usp.values(CONTROLLER1).get("Enable"), "controller 2 may not write Controller.1.Enable");
        assertEquals("", usp.values(CONTROLLER2).get("ProvisioningCode"), "so none of that subscription's settings");
        assertEquals("1200", usp.values(CONTROLLER2).get("PeriodicNotifInterval"), "the other subscription's are");
    }

    @Test // like its notification, a trigger fires only for what its controller may be told of
    void a_trigger_does_not_fire_for_what_its_controller_may_not_hear_of() {
        usp.close();
        usp = NotifyFixture.withRoles();
        String sub = usp.subscribe(C2, "Enable", "true", "TriggerAction", "Config", "ID", "secret",
                "NotifType", "ValueChange", "ReferenceList", CONTROLLER1 + "ProvisioningCode");
        usp.set(C2, sub, "TriggerConfigSettings", CONTROLLER2 + "ProvisioningCode=leaked");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "hidden");
        usp.sync();
        assertEquals("", usp.values(CONTROLLER2).get("ProvisioningCode"));
    }
}

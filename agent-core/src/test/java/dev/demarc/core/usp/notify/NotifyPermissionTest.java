package dev.demarc.core.usp.notify;

import static dev.demarc.core.usp.notify.NotifyFixture.C1;
import static dev.demarc.core.usp.notify.NotifyFixture.C2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications within the recipient's roles: the {@code n} letter of TR-181
 * {@code ControllerTrust.Role.{i}.Permission.{i}.} ({@link NotifyFixture#ROLES}).
 */
class NotifyPermissionTest {

    private static final String CONTROLLER1 = "Device.LocalAgent.Controller.1.";
    private static final String CONTROLLER2 = "Device.LocalAgent.Controller.2.";
    /** What TP-469 2.19 and 2.20 subscribe to: a parameter of the controller under test ({@link NotifyFixture#C2}). */
    private static final String INTERVAL = CONTROLLER2 + "PeriodicNotifInterval";

    private final NotifyFixture usp = NotifyFixture.withRoles();

    @AfterEach
    void close() {
        usp.close();
    }

    @Test // Param "rw--" on one parameter: no ValueChange of it
    void a_value_change_goes_only_where_param_notify_is_granted() {
        usp.subscribe(C2, "Enable", "true", "ID", "c1", "NotifType", "ValueChange", "ReferenceList", CONTROLLER1);
        usp.subscribe(C1, "Enable", "true", "ID", "c1", "NotifType", "ValueChange", "ReferenceList", CONTROLLER1);
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "secret-ish");
        assertEquals(CONTROLLER1 + "ProvisioningCode", usp.nextNotify(C1).getValueChange().getParamPath());
        assertEquals(0, usp.notifyCount(C2), "controller 2 may not be told of it");
        usp.set(C1, CONTROLLER1, "PeriodicNotifInterval", "600");
        assertEquals(CONTROLLER1 + "PeriodicNotifInterval", usp.nextNotify(C2).getValueChange().getParamPath());
    }

    @Test // Obj "rw--": no ObjectCreation
    void object_creation_needs_obj_notify() {
        usp.subscribe(C2, "Enable", "true", "ID", "made", "NotifType", "ObjectCreation",
                "ReferenceList", CONTROLLER1 + "BootParameter.");
        usp.subscribe(C2, "Enable", "true", "ID", "gone", "NotifType", "ObjectDeletion",
                "ReferenceList", CONTROLLER1 + "BootParameter.");
        usp.add(C1, CONTROLLER1 + "BootParameter.", "ParameterName", "Device.DeviceInfo.SerialNumber");
        assertEquals(0, usp.notifyCount(C2));
        usp.delete(C1, CONTROLLER1 + "BootParameter.1.");
        assertEquals("gone", usp.nextNotify(C2).getSubscriptionId(), "InstantiatedObj has n");
    }

    /**
     * Steps 1 to 3 of TP-469 2.19 and 2.20, as controller 2: a permission with {@code param} on
     * its own PeriodicNotifInterval added to its role (Order 4, above the role's permissions, as
     * TP-469 leaves to the test setup), a ValueChange subscription to that parameter, and a Set of
     * it; each answered with success.
     */
    private void permitSubscribeAndSet(String param) {
        UspMsg.AddResp permission = usp.add(C2, "Device.LocalAgent.ControllerTrust.Role.2.Permission.", "Enable", "true",
                "Order", "4", "Targets", INTERVAL, "Param", param, "Obj", "rwxn", "InstantiatedObj", "rwxn",
                "CommandEvent", "rwxn");
        assertTrue(permission.getCreatedObjResults(0).getOperStatus().getOperSuccess().getInstantiatedPath()
                .startsWith("Device.LocalAgent.ControllerTrust.Role.2.Permission."), permission::toString);
        String subscription = usp.subscribe(C2, "Enable", "true", "NotifType", "ValueChange", "ReferenceList", INTERVAL);
        assertTrue(subscription.startsWith(NotifyFixture.SUBS), subscription);

        UspMsg.Msg reply = usp.request(C2, UspMsg.Header.MsgType.SET, UspMsg.Request.newBuilder()
                .setSet(UspMsg.Set.newBuilder().setAllowPartial(false).addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder()
                        .setObjPath(CONTROLLER2).addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                                .setParam("PeriodicNotifInterval").setValue("3600").setRequired(true))))
                .build());
        UspMsg.SetResp.UpdatedObjectResult.OperationStatus status = reply.getBody().getResponse().getSetResp()
                .getUpdatedObjResults(0).getOperStatus();
        assertTrue(status.hasOperSuccess(), reply::toString);
        assertEquals(CONTROLLER2, status.getOperSuccess().getUpdatedInstResults(0).getAffectedPath());
        assertEquals("3600", status.getOperSuccess().getUpdatedInstResults(0).getUpdatedParamsMap()
                .get("PeriodicNotifInterval"));
    }

    private int valueChangesOfTheInterval() {
        return usp.count(s -> s.record().getToId().equals(C2) && s.msg().getBody().getRequest().hasNotify()
                && s.msg().getBody().getRequest().getNotify().getValueChange().getParamPath().equals(INTERVAL));
    }

    @Test // TP-469 2.19
    void tp469_2_19_value_change_notification_allowed_on_parameter() {
        permitSubscribeAndSet("rw-n");
        UspMsg.Notify n = usp.nextNotify(C2);
        assertTrue(n.hasValueChange(), n::toString);
        assertEquals(INTERVAL, n.getValueChange().getParamPath());
        assertEquals("3600", n.getValueChange().getParamValue());
    }

    @Test // TP-469 2.20
    void tp469_2_20_value_change_notification_not_allowed_on_parameter() {
        permitSubscribeAndSet("rw--");
        usp.advance(Duration.ofSeconds(30));
        assertEquals(0, valueChangesOfTheInterval());
    }
}

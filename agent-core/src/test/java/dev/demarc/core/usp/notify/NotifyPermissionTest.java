package dev.demarc.core.usp.notify;

import static dev.demarc.core.usp.notify.NotifyFixture.C1;
import static dev.demarc.core.usp.notify.NotifyFixture.C2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications within the recipient's roles: the {@code n} letter of TR-181
 * {@code ControllerTrust.Role.{i}.Permission.{i}.} ({@link NotifyFixture#ROLES}).
 */
class NotifyPermissionTest {

    private static final String CONTROLLER1 = "Device.LocalAgent.Controller.1.";

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
}

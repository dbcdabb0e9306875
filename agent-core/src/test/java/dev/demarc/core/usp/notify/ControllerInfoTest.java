package dev.demarc.core.usp.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A controller holding {@code ControllerTrust.BannedRole} is taken as disabled: nothing is sent to it. */
class ControllerInfoTest {

    private static final String PATH = "Device.LocalAgent.Controller.3.";
    private static final String ROLE_3 = "Device.LocalAgent.ControllerTrust.Role.3";

    private static boolean enabled(String assignedRole, String bannedRole) {
        return ControllerInfo.from(PATH, Map.of("EndpointID", "proto::c3", "Enable", "true", "AssignedRole", assignedRole),
                bannedRole).enabled();
    }

    @Test
    void a_controller_holding_the_banned_role_is_not_sent_anything() {
        assertTrue(enabled(ROLE_3, ""), "no BannedRole set");
        assertTrue(enabled(ROLE_3, "Device.LocalAgent.ControllerTrust.Role.4"));
        assertFalse(enabled(ROLE_3, ROLE_3));
        assertFalse(enabled(ROLE_3 + ".", ROLE_3), "with or without the closing dot");
        assertFalse(enabled("Device.LocalAgent.ControllerTrust.Role.1, " + ROLE_3, ROLE_3 + "."),
                "held among other roles, where TR-181 wants it alone, it bans all the same");
        assertFalse(ControllerInfo.from(PATH, Map.of("Enable", "false"), "").enabled());
    }
}

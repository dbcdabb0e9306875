package dev.demarc.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading TR-181 {@code Device.LocalAgent.ControllerTrust.} values into roles and policies. */
class ControllerTrustTest {

    static final String ROLE = "Device.LocalAgent.ControllerTrust.Role.";

    /** Values as a Get of Device.LocalAgent.ControllerTrust. would give them, in pairs. */
    static Map<String, String> values(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Role 1 "FullAccess" and role 2 "Untrusted", as the agent ships them. */
    static Map<String, String> shipped() {
        return values(
                "Device.LocalAgent.ControllerTrust.UntrustedRole", "Device.LocalAgent.ControllerTrust.Role.2",
                "Device.LocalAgent.ControllerTrust.RoleNumberOfEntries", "2",
                ROLE + "1.Alias", "cpe-1",
                ROLE + "1.Enable", "true",
                ROLE + "1.Name", "FullAccess",
                ROLE + "1.PermissionNumberOfEntries", "1",
                ROLE + "1.Permission.1.Alias", "cpe-1",
                ROLE + "1.Permission.1.Enable", "true",
                ROLE + "1.Permission.1.Order", "1",
                ROLE + "1.Permission.1.Targets", "Device.",
                ROLE + "1.Permission.1.Param", "rwxn",
                ROLE + "1.Permission.1.Obj", "rwxn",
                ROLE + "1.Permission.1.InstantiatedObj", "rwxn",
                ROLE + "1.Permission.1.CommandEvent", "rwxn",
                ROLE + "2.Enable", "true",
                ROLE + "2.Name", "Untrusted",
                ROLE + "2.PermissionNumberOfEntries", "0");
    }

    @Test
    void roles_are_read_with_their_enabled_permissions() {
        ControllerTrust trust = ControllerTrust.fromValues(shipped());
        assertEquals(List.of(ROLE + "1", ROLE + "2"), List.copyOf(trust.roles().keySet()));
        Role full = trust.role(ROLE + "1").orElseThrow();
        assertEquals("FullAccess", full.name());
        assertEquals(List.of(new Permission(1, List.of("Device."), Flags.ALL, Flags.ALL, Flags.ALL, Flags.ALL)),
                full.permissions());
        assertEquals(new Role("Untrusted", List.of()), trust.role(ROLE + "2.").orElseThrow());
        assertEquals(List.of(ROLE + "2"), trust.untrustedRole());
        assertEquals(Optional.empty(), trust.bannedRole());
    }

    @Test
    void a_controller_with_the_full_access_role_may_do_everything() {
        AccessPolicy p = ControllerTrust.fromValues(shipped()).policyFor(ROLE + "1", "");
        assertEquals(Grant.ALL, p.grant("Device.LocalAgent.Controller.1.Enable"));
    }

    @Test
    void a_controller_with_the_untrusted_role_or_no_role_may_do_nothing() {
        ControllerTrust trust = ControllerTrust.fromValues(shipped());
        assertEquals(Grant.NONE, trust.policyFor(ROLE + "2", "").grant("Device.DeviceInfo.UpTime"));
        assertEquals(Grant.NONE, trust.policyFor("", "").grant("Device.DeviceInfo.UpTime"));
        assertEquals(Grant.NONE, trust.policyFor(null, null).grant("Device.DeviceInfo.UpTime"));
        assertEquals(Grant.NONE, trust.policyFor(ROLE + "9", "").grant("Device.DeviceInfo.UpTime"));
    }

    @Test
    void assigned_and_inherited_roles_combine_by_union() {
        Map<String, String> v = values(
                ROLE + "1.Enable", "true",
                ROLE + "1.Permission.1.Enable", "true",
                ROLE + "1.Permission.1.Targets", "Device.DeviceInfo.",
                ROLE + "1.Permission.1.Param", "r---",
                ROLE + "2.Enable", "true",
                ROLE + "2.Permission.1.Enable", "true",
                ROLE + "2.Permission.1.Targets", "Device.DeviceInfo.",
                ROLE + "2.Permission.1.Param", "---n",
                ROLE + "3.Enable", "true",
                ROLE + "3.Permission.1.Enable", "true",
                ROLE + "3.Permission.1.Targets", "Device.Time.",
                ROLE + "3.Permission.1.Param", "rw--");
        ControllerTrust trust = ControllerTrust.fromValues(v);
        AccessPolicy p = trust.policyFor(ROLE + "1, " + ROLE + "3", ROLE + "2.");
        assertEquals("r--n", p.grant("Device.DeviceInfo.UpTime").param().toString());
        assertEquals("rw--", p.grant("Device.Time.NTPServer1").param().toString());
        assertEquals("rw--", trust.policyFor(List.of(ROLE + "3")).grant("Device.Time.Enable").param().toString());
    }

    @Test
    void disabled_roles_and_permissions_are_left_out() {
        Map<String, String> v = shipped();
        v.put(ROLE + "1.Permission.2.Enable", "false");
        v.put(ROLE + "1.Permission.2.Order", "9");
        v.put(ROLE + "1.Permission.2.Targets", "Device.");
        v.put(ROLE + "1.Permission.2.Param", "----");
        ControllerTrust trust = ControllerTrust.fromValues(v);
        assertEquals(Grant.ALL, trust.policyFor(ROLE + "1", "").grant("Device.DeviceInfo.UpTime"));

        v.put(ROLE + "1.Enable", "false");
        ControllerTrust disabled = ControllerTrust.fromValues(v);
        assertTrue(disabled.role(ROLE + "1").isEmpty());
        assertEquals(Grant.NONE, disabled.policyFor(ROLE + "1", "").grant("Device.DeviceInfo.UpTime"));
    }

    @Test
    void values_not_given_take_their_tr181_defaults() {
        ControllerTrust trust = ControllerTrust.fromValues(values(
                ROLE + "1.Enable", "true",
                ROLE + "1.Permission.1.Enable", "true",
                ROLE + "1.Permission.1.Param", "r---",
                ROLE + "1.Permission.2.Targets", "Device.",
                ROLE + "1.Permission.2.Param", "r---",
                ROLE + "2.Permission.1.Enable", "true"));
        assertEquals(List.of(new Permission(0, List.of(), flags("r---"), Flags.NONE, Flags.NONE, Flags.NONE)),
                trust.role(ROLE + "1").orElseThrow().permissions(), "Order 0, no targets; Enable false drops 2");
        assertTrue(trust.role(ROLE + "2").isEmpty(), "a role's Enable defaults to false");
        assertEquals("", trust.role(ROLE + "1").orElseThrow().name());
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "Param           | rw   ",
        "Param           | RWXN ",
        "Param           | rwxz ",
        "Param           | r--n,",
    })
    void a_bad_permission_string_grants_nothing_for_that_string(String name, String bad) {
        Map<String, String> v = values(
                ROLE + "1.Enable", "true",
                ROLE + "1.Permission.1.Enable", "true",
                ROLE + "1.Permission.1.Order", "1",
                ROLE + "1.Permission.1.Targets", "Device.",
                ROLE + "1.Permission.1.Param", "rwxn",
                ROLE + "1.Permission.1.Obj", "rwxn",
                ROLE + "1.Permission.1.InstantiatedObj", "rwxn",
                ROLE + "1.Permission.1.CommandEvent", "rwxn");
        v.put(ROLE + "1.Permission.1." + name, bad);
        Grant g = ControllerTrust.fromValues(v).policyFor(ROLE + "1", "").grant("Device.DeviceInfo.UpTime");
        assertEquals(new Grant(Flags.NONE, Flags.ALL, Flags.ALL, Flags.ALL), g);
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "Order  | -1",
        "Order  | 4294967296",
        "Order  | high",
        "Order  | ''",
        "Enable | yes",
    })
    void a_permission_that_may_or_may_not_apply_takes_away_on_its_targets(String name, String bad) {
        Map<String, String> v = shipped();
        v.put(ROLE + "1.Permission.2.Enable", "true");
        v.put(ROLE + "1.Permission.2.Order", "0");
        v.put(ROLE + "1.Permission.2.Targets", "Device.LocalAgent.");
        v.put(ROLE + "1.Permission.2.Param", "rwxn");
        v.put(ROLE + "1.Permission.2." + name, bad);
        AccessPolicy p = ControllerTrust.fromValues(v).policyFor(ROLE + "1", "");
        assertFalse(p.canReadParameter("Device.LocalAgent.EndpointID"));
        assertTrue(p.canReadParameter("Device.DeviceInfo.UpTime"));
    }

    @Test
    void a_role_whose_enable_is_not_a_boolean_is_taken_as_disabled() {
        Map<String, String> v = shipped();
        v.put(ROLE + "1.Enable", "maybe");
        assertTrue(ControllerTrust.fromValues(v).role(ROLE + "1").isEmpty());
    }

    @Test
    void a_bad_target_grants_nothing_and_still_takes_away() {
        Map<String, String> v = shipped();
        v.put(ROLE + "1.Permission.2.Enable", "true");
        v.put(ROLE + "1.Permission.2.Order", "2");
        v.put(ROLE + "1.Permission.2.Targets", "Device.LocalAgent.ControllerTrust., Device..Oops");
        v.put(ROLE + "1.Permission.2.Param", "r---");
        AccessPolicy p = ControllerTrust.fromValues(v).policyFor(ROLE + "1", "");
        assertEquals("r---", p.grant("Device.DeviceInfo.UpTime").param().toString());
        assertFalse(p.canWriteParameter("Device.DeviceInfo.ProvisioningCode"));
        assertFalse(p.canAddInstance("Device.LocalAgent.Controller."), "the bad target may cover it: Obj ----");
    }

    @Test
    void targets_are_a_comma_separated_list_that_may_hold_search_expressions() {
        assertEquals(List.of("Device.DeviceInfo.", "Device.IP.Interface.[Name==\"a, b\"&&Enable==true].", "Device.Time"),
                ControllerTrust.parseList(" Device.DeviceInfo. ,Device.IP.Interface.[Name==\"a, b\"&&Enable==true].,,"
                        + " Device.Time "));
        assertEquals(List.of(), ControllerTrust.parseList(""));
        assertEquals(List.of(), ControllerTrust.parseList(null));
    }

    @Test
    void other_parameters_and_malformed_keys_are_ignored() {
        Map<String, String> v = shipped();
        v.put("Device.LocalAgent.ControllerTrust.Credential.1.Role", ROLE + "1");
        v.put("Device.LocalAgent.ControllerTrust.TOFUAllowed", "true");
        v.put(ROLE + "01.Enable", "true");
        v.put(ROLE + "x.Enable", "true");
        v.put(ROLE + "3", "true");
        v.put(ROLE + "1.Permission.0.Enable", "true");
        v.put("Device.LocalAgent.Controller.1.AssignedRole", ROLE + "1");
        ControllerTrust trust = ControllerTrust.fromValues(v);
        assertEquals(List.of(ROLE + "1", ROLE + "2"), List.copyOf(trust.roles().keySet()));
        assertEquals(1, trust.role(ROLE + "1").orElseThrow().permissions().size());
    }

    @Test
    void a_role_beyond_the_limits_is_left_out_whole() {
        Map<String, String> v = shipped();
        for (int i = 2; i <= 3; i++) {
            v.put(ROLE + "1.Permission." + i + ".Enable", "true");
            v.put(ROLE + "1.Permission." + i + ".Order", Integer.toString(i));
            v.put(ROLE + "1.Permission." + i + ".Targets", "Device.X" + i + ".");
        }
        ControllerTrust small = ControllerTrust.fromValues(v, new ControllerTrust.Limits(8, 2, 8));
        assertTrue(small.role(ROLE + "1").isEmpty());
        assertTrue(small.role(ROLE + "2").isPresent());

        v.put(ROLE + "2.Permission.1.Targets", "Device.A., Device.B., Device.C.");
        ControllerTrust fewTargets = ControllerTrust.fromValues(v, new ControllerTrust.Limits(8, 8, 2));
        assertTrue(fewTargets.role(ROLE + "2").isEmpty());
        assertTrue(fewTargets.role(ROLE + "1").isPresent());

        ControllerTrust oneRole = ControllerTrust.fromValues(v, new ControllerTrust.Limits(1, 8, 8));
        assertEquals(List.of(ROLE + "1"), List.copyOf(oneRole.roles().keySet()));
    }

    @Test
    void special_roles_are_read() {
        Map<String, String> v = shipped();
        v.put("Device.LocalAgent.ControllerTrust.BannedRole", ROLE + "3");
        v.put("Device.LocalAgent.ControllerTrust.SecuredRoles", ROLE + "1");
        ControllerTrust trust = ControllerTrust.fromValues(v);
        assertEquals(Optional.of(ROLE + "3"), trust.bannedRole());
        assertEquals(List.of(ROLE + "1"), trust.securedRoles());
        assertTrue(trust.securedPolicyFor(ROLE + "1," + ROLE + "2", "").canReadParameter("Device.WiFi.SSID.1.SSID"));
        assertFalse(trust.securedPolicyFor(ROLE + "2", "").canReadParameter("Device.WiFi.SSID.1.SSID"));
    }

    static Flags flags(String text) {
        return Flags.parse(text).value();
    }
}

package dev.demarc.tr181;

import static dev.demarc.tr181.ModelFixture.addOne;
import static dev.demarc.tr181.ModelFixture.deleteOne;
import static dev.demarc.tr181.ModelFixture.lines;
import static dev.demarc.tr181.ModelFixture.outcome;
import static dev.demarc.tr181.ModelFixture.read;
import static dev.demarc.tr181.ModelFixture.setOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.schema.ObjectDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Device.LocalAgent.ControllerTrust.}: roles, permissions and the two built-in roles. */
class ControllerTrustObjectTest {

    private static final String TRUST = "Device.LocalAgent.ControllerTrust.";
    private static final String ROLE_1 = TRUST + "Role.1.";
    private static final String ROLE_2 = TRUST + "Role.2.";

    private final ModelFixture fixture = new ModelFixture();

    /** The built-in defaults followed by a vendor's lines, numbered on from the built-ins. */
    private static List<Assignment> builtInsThen(String... vendorPathsAndValues) {
        List<Assignment> all = new ArrayList<>(Tr181Model.builtInDefaults());
        for (Assignment a : lines(vendorPathsAndValues)) {
            all.add(new Assignment(a.path(), a.value(), all.size() + 1));
        }
        return all;
    }

    @Test
    void roles_and_permissions_are_creatable_tables_with_the_standards_unique_keys() {
        ObjectDef role = Tr181Model.schema().object(TRUST + "Role.{i}.").orElseThrow();
        ObjectDef permission = Tr181Model.schema().object(TRUST + "Role.{i}.Permission.{i}.").orElseThrow();
        assertTrue(role.creatable());
        assertTrue(permission.creatable());
        assertEquals(List.of(List.of("Name"), List.of("Alias")), role.uniqueKeys());
        assertEquals(List.of(List.of("Order"), List.of("Alias")), permission.uniqueKeys());
    }

    @Test
    void a_fresh_agent_has_the_full_access_role_1() {
        DataModel model = fixture.open(Tr181Model.builtInDefaults());
        assertEquals("2", read(model, TRUST + "RoleNumberOfEntries"));
        assertEquals("cpe-1", read(model, ROLE_1 + "Alias"));
        assertEquals("Full Access", read(model, ROLE_1 + "Name"));
        assertEquals("true", read(model, ROLE_1 + "Enable"));
        assertEquals("1", read(model, ROLE_1 + "PermissionNumberOfEntries"));
        String p = ROLE_1 + "Permission.1.";
        assertEquals("true", read(model, p + "Enable"));
        assertEquals("1", read(model, p + "Order"));
        assertEquals("Device.", read(model, p + "Targets"));
        assertEquals("rw-n", read(model, p + "Param"));
        assertEquals("rw-n", read(model, p + "Obj"));
        assertEquals("rw-n", read(model, p + "InstantiatedObj"));
        assertEquals("r-xn", read(model, p + "CommandEvent"));
    }

    @Test
    void a_fresh_agent_has_the_untrusted_role_2_allowed_only_the_challenges() {
        DataModel model = fixture.open(Tr181Model.builtInDefaults());
        assertEquals("Untrusted", read(model, ROLE_2 + "Name"));
        assertEquals("true", read(model, ROLE_2 + "Enable"));
        assertEquals("3", read(model, ROLE_2 + "PermissionNumberOfEntries"));
        assertEquals(TRUST + "RequestChallenge()," + TRUST + "ChallengeResponse()",
                read(model, ROLE_2 + "Permission.1.Targets"));
        assertEquals("--x-", read(model, ROLE_2 + "Permission.1.CommandEvent"));
        assertEquals("----", read(model, ROLE_2 + "Permission.1.Param"));
        assertEquals(TRUST + "Challenge.", read(model, ROLE_2 + "Permission.2.Targets"));
        assertEquals("r---", read(model, ROLE_2 + "Permission.2.InstantiatedObj"));
        assertEquals("----", read(model, ROLE_2 + "Permission.2.Param"));
        assertEquals(TRUST + "Challenge.*.Alias," + TRUST + "Challenge.*.Description",
                read(model, ROLE_2 + "Permission.3.Targets"));
        assertEquals("r---", read(model, ROLE_2 + "Permission.3.Param"));
        assertEquals("0", read(model, TRUST + "ChallengeNumberOfEntries"), "no challenge: nothing to run");
        assertEquals(ControllerTrustObject.UNTRUSTED_ROLE, read(model, TRUST + "UntrustedRole"));
        assertEquals("Device.LocalAgent.ControllerTrust.Role.2", read(model, TRUST + "UntrustedRole"),
                "a reference to a row: its path without the trailing dot");
    }

    @Test
    void the_built_in_defaults_are_numbered_lines_each_setting_one_path_once() {
        List<Assignment> builtIns = Tr181Model.builtInDefaults();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < builtIns.size(); i++) {
            assertEquals(i + 1, builtIns.get(i).line());
            assertTrue(paths.add(builtIns.get(i).path()), builtIns.get(i).path());
        }
        assertThrows(UnsupportedOperationException.class, () -> builtIns.add(builtIns.get(0)));
    }

    @Test
    void a_vendors_defaults_after_the_built_ins_add_to_them_and_change_them() {
        DataModel model = fixture.open(builtInsThen(
                ROLE_1 + "Name", "Operator",
                ROLE_2 + "Permission.4.Enable", "true",
                ROLE_2 + "Permission.4.Order", "4",
                ROLE_2 + "Permission.4.Targets", "Device.DeviceInfo.",
                ROLE_2 + "Permission.4.Param", "r---",
                TRUST + "Role.3.Name", "Read Only",
                TRUST + "Role.3.Enable", "true"));
        assertEquals("Operator", read(model, ROLE_1 + "Name"), "the vendor's line wins");
        assertEquals("true", read(model, ROLE_1 + "Enable"), "what the vendor does not set stays built in");
        assertEquals("4", read(model, ROLE_2 + "PermissionNumberOfEntries"));
        assertEquals("r---", read(model, ROLE_2 + "Permission.4.Param"));
        assertEquals("----", read(model, ROLE_2 + "Permission.4.Obj"));
        assertEquals("3", read(model, TRUST + "RoleNumberOfEntries"));
        assertEquals("cpe-3", read(model, TRUST + "Role.3.Alias"));
    }

    @Test
    void a_vendor_line_breaking_the_roles_facets_names_its_line() {
        List<Assignment> defaults = builtInsThen(ROLE_2 + "Permission.1.Param", "read");
        var r = fixture.tryOpen(defaults);
        assertFalse(r.isOk());
        int line = Tr181Model.builtInDefaults().size() + 1;
        assertTrue(r.error().message().startsWith(ModelFixture.DEFAULTS_NAME + ":" + line + ": "), r.error().message());
    }

    @Test
    void a_factory_reset_brings_the_built_in_roles_back() {
        DataModel model = fixture.open(Tr181Model.builtInDefaults());
        assertEquals("ok", outcome(deleteOne(model, ROLE_1)));
        assertEquals("ok", outcome(setOne(model, ROLE_2 + "Name", "Guest")));
        assertTrue(model.factoryReset().isEmpty());
        assertEquals("Full Access", read(model, ROLE_1 + "Name"));
        assertEquals("Untrusted", read(model, ROLE_2 + "Name"));
    }

    @Test
    void a_controller_may_add_a_role_with_permissions_and_delete_it() {
        DataModel model = fixture.open(Tr181Model.builtInDefaults());
        String role = addOne(model, TRUST + "Role.", Map.of("Name", "Support")).value();
        assertEquals(TRUST + "Role.3.", role);
        String p = addOne(model, role + "Permission.", Map.of("Targets", "Device.DeviceInfo.,Device.LocalAgent.")).value();
        assertEquals("false", read(model, role + "Enable"));
        assertEquals("false", read(model, p + "Enable"));
        assertEquals("0", read(model, p + "Order"));
        assertEquals("----", read(model, p + "Param"));
        assertEquals("----", read(model, p + "Obj"));
        assertEquals("----", read(model, p + "InstantiatedObj"));
        assertEquals("----", read(model, p + "CommandEvent"));
        assertEquals("ok", outcome(deleteOne(model, role)));
        assertEquals("2", read(model, TRUST + "RoleNumberOfEntries"));
    }

    @Test
    void two_roles_cannot_share_a_name_7025() {
        DataModel model = fixture.open(Tr181Model.builtInDefaults());
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY,
                addOne(model, TRUST + "Role.", Map.of("Name", "Untrusted")).error().code());
        assertEquals("2", read(model, TRUST + "RoleNumberOfEntries"));
    }

    @Test
    void two_permissions_of_one_role_cannot_share_an_order_7025_but_two_roles_may() {
        DataModel model = fixture.open(Tr181Model.builtInDefaults());
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY,
                addOne(model, ROLE_1 + "Permission.", Map.of("Order", "1")).error().code());
        assertEquals("ok", outcome(addOne(model, ROLE_1 + "Permission.", Map.of("Order", "2"))));
        assertEquals("ok", outcome(addOne(model, TRUST + "Role.", Map.of("Name", "Third"))));
        assertEquals("ok", outcome(addOne(model, TRUST + "Role.3.Permission.", Map.of("Order", "1"))));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource({
        "Param, r---, ok",
        "Param, ----, ok",
        "Param, rwxn, ok",
        "Obj, r--n, ok",
        "InstantiatedObj, -w--, ok",
        "CommandEvent, --x-, ok",
        "Param, wr--, 7012",
        "Param, rw-, 7012",
        "Param, rw-n-, 7012",
        "Param, RW-N, 7012",
        "Obj, r..n, 7012",
        "CommandEvent, '', 7012",
        "Order, 0, ok",
        "Order, 4294967295, ok",
        "Order, -1, 7011",
        "Enable, no, 7011",
        "Targets, 'Device.DeviceInfo.,Device.LocalAgent.Controller.*.Enable', ok",
        "Alias, other, 7013",
    })
    void permission_parameters_have_the_standards_facets(String name, String value, String expected) {
        DataModel model = fixture.open(Tr181Model.builtInDefaults());
        assertEquals(expected, outcome(setOne(model, ROLE_1 + "Permission.1." + name, value)));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource({
        "UntrustedRole, 'Device.LocalAgent.ControllerTrust.Role.1,Device.LocalAgent.ControllerTrust.Role.2', ok",
        "UntrustedRole, '', ok",
        "RoleNumberOfEntries, 3, 7013",
        "BannedRole, Device.LocalAgent.ControllerTrust.Role.2, ok",
        "BannedRole, '', ok",
        "SecuredRoles, 'Device.LocalAgent.ControllerTrust.Role.1,Device.LocalAgent.ControllerTrust.Role.2', ok",
        "TOFUAllowed, true, 7010",
        "Role.1.Enable, false, ok",
        "Role.1.Name, Administrator, ok",
        "Role.1.PermissionNumberOfEntries, 2, 7013",
    })
    void controller_trust_parameters_have_the_standards_facets(String name, String value, String expected) {
        DataModel model = fixture.open(Tr181Model.builtInDefaults());
        assertEquals(expected, outcome(setOne(model, TRUST + name, value)));
    }
}

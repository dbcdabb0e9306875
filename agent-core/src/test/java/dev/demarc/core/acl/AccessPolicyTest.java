package dev.demarc.core.acl;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.acl.SearchEvaluator.Match;
import dev.demarc.core.path.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TR-369 "Roles (Access Control)" and the TR-181 descriptions of
 * {@code Device.LocalAgent.ControllerTrust.Role.{i}.Permission.{i}.}.
 */
class AccessPolicyTest {

    // ---- helpers ----

    /** A permission: Order, then Param Obj InstantiatedObj CommandEvent, then targets. */
    static Permission perm4(long order, String param, String obj, String instantiatedObj, String commandEvent,
                           String... targets) {
        return new Permission(order, List.of(targets), flags(param), flags(obj), flags(instantiatedObj),
                flags(commandEvent));
    }

    /** A permission giving the same string to all four. */
    static Permission perm(long order, String all, String... targets) {
        return perm4(order, all, all, all, all, targets);
    }

    static Flags flags(String text) {
        return Flags.parse(text).value();
    }

    static Role role(String name, Permission... permissions) {
        return new Role(name, List.of(permissions));
    }

    static AccessPolicy policy(Role... roles) {
        return AccessPolicy.of(List.of(roles));
    }

    static final Role FULL_ACCESS = role("FullAccess", perm(1, "rwxn", "Device."));

    // ---- the two predefined roles ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Device.",
        "Device.DeviceInfo.SoftwareVersion",
        "Device.LocalAgent.Controller.",
        "Device.LocalAgent.Controller.1.",
        "Device.LocalAgent.Controller.1",
        "Device.LocalAgent.Controller.3.MTP.2.Protocol",
        "Device.LocalAgent.Controller.{i}.MTP.{i}.Protocol",
        "Device.LocalAgent.Controller.*.Enable",
        "Device.Reboot()",
        "Device.Boot!",
        "Device.LocalAgent.Controller.1.SendOnBoardRequest()",
    })
    void full_access_role_grants_every_permission_everywhere(String path) {
        AccessPolicy p = policy(FULL_ACCESS);
        assertEquals(Grant.ALL, p.grant(path));
        assertAll(
                () -> assertTrue(p.canReadParameter(path)),
                () -> assertTrue(p.canWriteParameter(path)),
                () -> assertTrue(p.canReadObject(path)),
                () -> assertTrue(p.canAddInstance(path)),
                () -> assertTrue(p.canGetInstances(path)),
                () -> assertTrue(p.canDeleteInstance(path)),
                () -> assertTrue(p.canReadCommandOrEvent(path)),
                () -> assertTrue(p.canOperate(path)),
                () -> assertTrue(p.canNotify(NotificationType.VALUE_CHANGE, path)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Device.", "Device.DeviceInfo.SoftwareVersion", "Device.LocalAgent.Controller.1.",
        "Device.LocalAgent.Controller.{i}.Enable", "Device.Reboot()", "Device.Boot!"})
    void untrusted_role_without_permissions_grants_nothing(String path) {
        assertEquals(Grant.NONE, policy(role("Untrusted")).grant(path));
        assertEquals(Grant.NONE, AccessPolicy.denyAll().grant(path));
        assertEquals(Grant.NONE, policy(role("Untrusted", perm(1, "----", "Device."))).grant(path));
    }

    @Test
    void full_access_and_no_access_are_uniform_so_a_handler_may_skip_item_checks() {
        assertEquals(Optional.of(Grant.ALL), policy(FULL_ACCESS).uniformGrant());
        assertEquals(Optional.of(Grant.ALL), policy(role("F", perm(1, "rwxn", "Device"))).uniformGrant());
        assertEquals(Optional.of(Grant.NONE), AccessPolicy.denyAll().uniformGrant());
        assertEquals(Optional.of(Grant.NONE), policy(role("Untrusted", perm(1, "----", "Device."))).uniformGrant());
        assertEquals(Optional.empty(), policy(role("Admin",
                perm(1, "rwxn", "Device"), perm(2, "----", "Device.LocalAgent.ControllerTrust"))).uniformGrant());
        assertEquals(Optional.empty(), policy(role("Info", perm(1, "rwxn", "Device.DeviceInfo."))).uniformGrant());
        assertEquals(Optional.empty(), policy(role("Other", perm(1, "rwxn", "Other."))).uniformGrant());
    }

    @Test
    void a_path_no_target_covers_gets_nothing() {
        AccessPolicy p = policy(role("Info", perm(1, "rwxn", "Device.DeviceInfo.")));
        assertTrue(p.canReadParameter("Device.DeviceInfo.SoftwareVersion"));
        assertFalse(p.canReadParameter("Device.LocalAgent.EndpointID"));
        assertFalse(p.canReadObject("Device."));
        assertFalse(p.canReadObject("Device.WiFi."));
    }

    // ---- targets ----

    @ParameterizedTest(name = "target {0}: {1} covered={2}")
    @CsvSource(delimiter = '|', value = {
        // a Partial Path covers the object and everything below it
        "Device.LocalAgent.                    | Device.LocalAgent.                              | true",
        "Device.LocalAgent.                    | Device.LocalAgent.EndpointID                    | true",
        "Device.LocalAgent.                    | Device.LocalAgent.Controller.2.MTP.1.Enable     | true",
        "Device.LocalAgent.                    | Device.LocalAgent.Controller.{i}.MTP.{i}.Enable | true",
        "Device.LocalAgent.                    | Device.LocalAgent.AddCertificate()              | true",
        "Device.LocalAgent.                    | Device.                                         | false",
        "Device.LocalAgent.                    | Device.DeviceInfo.                              | false",
        // the same without the closing dot, as TR-369's examples write Targets
        "Device                                | Device.WiFi.Radio.1.Enable                      | true",
        "Device.LocalAgent.ControllerTrust     | Device.LocalAgent.ControllerTrust.Role.1.Name   | true",
        "Device.LocalAgent.ControllerTrust     | Device.LocalAgent.ControllerTrust.              | true",
        // whole segments only: a name is not a prefix of a longer name
        "Device.LocalAgent.Controller          | Device.LocalAgent.ControllerNumberOfEntries     | false",
        "Device.LocalAgent.Controller.         | Device.LocalAgent.ControllerNumberOfEntries     | false",
        // a target deeper than the path does not cover it
        "Device.LocalAgent.Controller.1.Enable | Device.LocalAgent.Controller.1.                 | false",
        "Device.LocalAgent.Controller.1.       | Device.LocalAgent.Controller.                   | false",
        // a parameter target covers the parameter only
        "Device.LocalAgent.Controller.1.Enable | Device.LocalAgent.Controller.1.Enable           | true",
        "Device.LocalAgent.Controller.1.Enable | Device.LocalAgent.Controller.1.EndpointID       | false",
        // an object instance covers the instance and all below it, no other instance
        "Device.LocalAgent.Controller.1.       | Device.LocalAgent.Controller.1.                 | true",
        "Device.LocalAgent.Controller.1.       | Device.LocalAgent.Controller.1                  | true",
        "Device.LocalAgent.Controller.1.       | Device.LocalAgent.Controller.1.MTP.3.Enable     | true",
        "Device.LocalAgent.Controller.1        | Device.LocalAgent.Controller.1.Enable           | true",
        "Device.LocalAgent.Controller.1.       | Device.LocalAgent.Controller.2.Enable           | false",
        "Device.LocalAgent.Controller.1.       | Device.LocalAgent.Controller.11.Enable          | false",
        // a wildcard covers every instance, and the supported path
        "Device.LocalAgent.Controller.*.Enable | Device.LocalAgent.Controller.7.Enable           | true",
        "Device.LocalAgent.Controller.*.Enable | Device.LocalAgent.Controller.{i}.Enable         | true",
        "Device.LocalAgent.Controller.*.Enable | Device.LocalAgent.Controller.7.Alias            | false",
        "Device.LocalAgent.Controller.*.       | Device.LocalAgent.Controller.                   | false",
        "Device.LocalAgent.Controller.{i}.     | Device.LocalAgent.Controller.4.Alias            | true",
        // commands and events: with or without their () and !
        "Device.Reboot()                       | Device.Reboot()                                 | true",
        "Device.Reboot                         | Device.Reboot()                                 | true",
        "Device.Reboot()                       | Device.Boot!                                    | false",
        "Device.Boot!                          | Device.Boot!                                    | true",
        "Device.LocalAgent.Controller.*.SendOnBoardRequest() | Device.LocalAgent.Controller.2.SendOnBoardRequest() | true",
    })
    void a_target_covers_its_path_and_what_is_below(String target, String path, boolean covered) {
        AccessPolicy p = policy(role("R", perm(1, "rwxn", target)));
        assertEquals(covered ? Grant.ALL : Grant.NONE, p.grant(path));
    }

    @Test
    void a_permission_with_several_targets_covers_each() {
        AccessPolicy p = policy(role("R", perm4(1, "r---", "----", "----", "----",
                "Device.DeviceInfo.", "Device.Time.CurrentLocalTime")));
        assertTrue(p.canReadParameter("Device.DeviceInfo.UpTime"));
        assertTrue(p.canReadParameter("Device.Time.CurrentLocalTime"));
        assertFalse(p.canReadParameter("Device.Time.Enable"));
    }

    // ---- Order ----

    @Test
    void tr369_example_higher_order_takes_controller_trust_away_from_full_access() {
        AccessPolicy p = policy(role("Admin",
                perm(1, "rwxn", "Device"),
                perm(2, "----", "Device.LocalAgent.ControllerTrust")));
        assertTrue(p.canWriteParameter("Device.LocalAgent.Controller.1.Enable"));
        assertFalse(p.canReadParameter("Device.LocalAgent.ControllerTrust.UntrustedRole"));
        assertFalse(p.canReadObject("Device.LocalAgent.ControllerTrust.Role.1."));
        assertFalse(p.canOperate("Device.LocalAgent.ControllerTrust.RequestChallenge()"));
        assertTrue(p.canReadObject("Device.LocalAgent."));
    }

    @Test
    void tr369_example_higher_order_takes_read_write_notify_of_one_parameter_away() {
        AccessPolicy p = policy(role("Admin",
                perm(1, "rwxn", "Device"),
                perm4(2, "----", "rwxn", "rwxn", "rwxn",
                        "Device.LocalAgent.ControllerTrust.Role.*.Permission.*.Order")));
        String order = "Device.LocalAgent.ControllerTrust.Role.1.Permission.3.Order";
        assertFalse(p.canReadParameter(order));
        assertFalse(p.canWriteParameter(order));
        assertFalse(p.canNotify(NotificationType.VALUE_CHANGE, order));
        assertFalse(p.canWriteParameter("Device.LocalAgent.ControllerTrust.Role.{i}.Permission.{i}.Order"));
        assertTrue(p.canWriteParameter("Device.LocalAgent.ControllerTrust.Role.1.Permission.3.Targets"));
        assertTrue(p.canAddInstance("Device.LocalAgent.ControllerTrust.Role.1.Permission."));
    }

    @Test
    void higher_order_wins_whichever_is_more_specific_and_whatever_the_list_order() {
        Permission broadHigh = perm(9, "r---", "Device.LocalAgent.");
        Permission narrowLow = perm(3, "rw--", "Device.LocalAgent.Controller.");
        for (List<Permission> list : List.of(List.of(broadHigh, narrowLow), List.of(narrowLow, broadHigh))) {
            AccessPolicy p = AccessPolicy.of(List.of(new Role("R", list)));
            assertTrue(p.canReadParameter("Device.LocalAgent.Controller.1.Enable"));
            assertFalse(p.canWriteParameter("Device.LocalAgent.Controller.1.Enable"), list.toString());
        }
    }

    @Test
    void the_winning_permission_applies_whole_not_letter_by_letter() {
        AccessPolicy p = policy(role("R",
                perm(1, "rwxn", "Device."),
                perm4(2, "r---", "----", "----", "----", "Device.WiFi.")));
        Grant g = p.grant("Device.WiFi.Radio.1.");
        assertEquals(new Grant(flags("r---"), Flags.NONE, Flags.NONE, Flags.NONE), g);
        assertFalse(p.canAddInstance("Device.WiFi.SSID."));
        assertFalse(p.canOperate("Device.WiFi.Reset()"));
    }

    @Test
    void permissions_of_equal_order_give_only_what_both_give() {
        AccessPolicy p = policy(role("R",
                perm(5, "rw--", "Device.X."),
                perm(5, "r--n", "Device.X.Y.")));
        assertEquals(flags("r---"), p.grant("Device.X.Y.Z").param());
        assertEquals(flags("rw--"), p.grant("Device.X.Z").param());
    }

    @Test
    void order_is_an_unsigned_int_up_to_4294967295() {
        AccessPolicy p = policy(role("R",
                perm(Permission.MAX_ORDER, "----", "Device.X."),
                perm(Permission.MAX_ORDER - 1, "rwxn", "Device.")));
        assertFalse(p.canReadParameter("Device.X.Y"));
        assertTrue(p.canReadParameter("Device.Z"));
    }

    // ---- what each string and letter governs ----

    @Test
    void param_obj_instantiated_obj_and_command_event_each_govern_their_own_checks() {
        AccessPolicy p = policy(role("R", perm4(1, "r---", "-w-n", "r--n", "--x-", "Device.LocalAgent.")));
        String param = "Device.LocalAgent.Controller.1.Enable";
        String table = "Device.LocalAgent.Controller.";
        String instance = "Device.LocalAgent.Controller.1.";
        String command = "Device.LocalAgent.Controller.1.SendOnBoardRequest()";
        String event = "Device.LocalAgent.TransferComplete!";
        assertAll(
                () -> assertTrue(p.canReadParameter(param), "Param r: Get, GetSupportedDM"),
                () -> assertFalse(p.canWriteParameter(param), "Param w: Set, Add"),
                () -> assertFalse(p.canNotify(NotificationType.VALUE_CHANGE, param), "Param n"),
                () -> assertFalse(p.canReadObject(table), "Obj r: Get resolves objects"),
                () -> assertTrue(p.canAddInstance(table), "Obj w: Add"),
                () -> assertTrue(p.canNotify(NotificationType.OBJECT_CREATION, table), "Obj n"),
                () -> assertTrue(p.canGetInstances(instance), "InstantiatedObj r: GetInstances"),
                () -> assertFalse(p.canDeleteInstance(instance), "InstantiatedObj w: Delete"),
                () -> assertTrue(p.canNotify(NotificationType.OBJECT_DELETION, instance), "InstantiatedObj n"),
                () -> assertFalse(p.canReadCommandOrEvent(command), "CommandEvent r: GetSupportedDM"),
                () -> assertTrue(p.canOperate(command), "CommandEvent x: Operate"),
                () -> assertFalse(p.canNotify(NotificationType.OPERATION_COMPLETE, command), "CommandEvent n"),
                () -> assertFalse(p.canNotify(NotificationType.EVENT, event), "CommandEvent n"));
    }

    @ParameterizedTest(name = "{0} allowed by the n of {1}")
    @CsvSource({
        "VALUE_CHANGE,       ---n, ----, ----, ----",
        "OBJECT_CREATION,    ----, ---n, ----, ----",
        "OBJECT_DELETION,    ----, ----, ---n, ----",
        "OPERATION_COMPLETE, ----, ----, ----, ---n",
        "EVENT,              ----, ----, ----, ---n",
    })
    void each_notification_type_is_allowed_by_one_notify_letter(NotificationType type, String param, String obj,
                                                                 String instantiatedObj, String commandEvent) {
        Grant only = new Grant(flags(param), flags(obj), flags(instantiatedObj), flags(commandEvent));
        assertTrue(type.allowedBy(only));
        for (NotificationType other : NotificationType.values()) {
            boolean sameLetter = (other == NotificationType.EVENT || other == NotificationType.OPERATION_COMPLETE)
                    && (type == NotificationType.EVENT || type == NotificationType.OPERATION_COMPLETE);
            if (other != type && !sameLetter) {
                assertFalse(other.allowedBy(only), other + " allowed by " + only);
            }
        }
    }

    // ---- instance numbers ----

    @Test
    void an_instance_number_target_governs_that_instance_only() {
        AccessPolicy p = policy(role("R",
                perm(1, "rwxn", "Device."),
                perm(2, "----", "Device.LocalAgent.Controller.2.")));
        assertTrue(p.canReadParameter("Device.LocalAgent.Controller.1.Enable"));
        assertFalse(p.canReadParameter("Device.LocalAgent.Controller.2.Enable"));
        assertFalse(p.canReadParameter("Device.LocalAgent.Controller.2.MTP.1.Enable"));
        assertFalse(p.canDeleteInstance("Device.LocalAgent.Controller.2."));
        assertTrue(p.canDeleteInstance("Device.LocalAgent.Controller.20."));
        assertTrue(p.canAddInstance("Device.LocalAgent.Controller."));
    }

    @Test
    void a_supported_path_is_allowed_only_what_every_instance_is_allowed() {
        AccessPolicy hidesOne = policy(role("R",
                perm(1, "rwxn", "Device."),
                perm(2, "----", "Device.LocalAgent.Controller.2.")));
        assertFalse(hidesOne.canReadParameter("Device.LocalAgent.Controller.{i}.Enable"));
        assertTrue(hidesOne.canReadParameter("Device.LocalAgent.MTP.{i}.Enable"));

        AccessPolicy showsOne = policy(role("R", perm(1, "r---", "Device.LocalAgent.Controller.2.")));
        assertTrue(showsOne.canReadParameter("Device.LocalAgent.Controller.2.Enable"));
        assertFalse(showsOne.canReadParameter("Device.LocalAgent.Controller.{i}.Enable"));
        assertFalse(showsOne.canReadParameter("Device.LocalAgent.Controller.*.Enable"));
    }

    @Test
    void many_instance_targets_beyond_the_step_cache_stay_exact() {
        List<Permission> perms = new ArrayList<>();
        perms.add(perm(0, "rwxn", "Device."));
        int n = AccessPolicy.MAX_CACHED_STEPS + 100;
        for (int i = 1; i <= n; i += 2) {
            perms.add(perm(i, "----", "Device.Hosts.Host." + i + "."));
        }
        AccessPolicy p = AccessPolicy.of(List.of(new Role("R", perms)));
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= n; i++) {
                assertEquals(i % 2 == 0, p.canReadParameter("Device.Hosts.Host." + i + ".PhysAddress"), "Host " + i);
            }
        }
    }

    // ---- several roles ----

    @Test
    void tr369_example_roles_a_and_b_give_the_union_of_their_winning_permissions() {
        Role a = role("A",
                perm4(3, "r---", "----", "----", "----", "Device.LocalAgent"),
                perm4(55, "r-xn", "----", "----", "----", "Device.LocalAgent.Controller"));
        Role b = role("B",
                perm4(20, "r---", "----", "----", "----", "Device.LocalAgent"),
                perm(78, "----", "Device.LocalAgent.Controller"));
        AccessPolicy p = policy(a, b);
        assertEquals(flags("r-xn"), p.grant("Device.LocalAgent.Controller.1.Enable").param());
        assertEquals(flags("r---"), p.grant("Device.LocalAgent.EndpointID").param());
    }

    @Test
    void tr369_example_read_from_one_role_and_notify_from_another_give_r__n() {
        AccessPolicy p = policy(
                role("Reader", perm(1, "r---", "Device.DeviceInfo.")),
                role("Watcher", perm(1, "---n", "Device.DeviceInfo.")));
        assertEquals(flags("r--n"), p.grant("Device.DeviceInfo.UpTime").param());
    }

    @Test
    void a_role_that_denies_does_not_take_away_what_another_role_grants() {
        AccessPolicy p = policy(FULL_ACCESS, role("Restricted", perm(100, "----", "Device.")));
        assertEquals(Grant.ALL, p.grant("Device.LocalAgent.Controller.1.Enable"));
    }

    // ---- targets that cannot be used ----

    @ParameterizedTest(name = "target \"{0}\"")
    @ValueSource(strings = {"Device..LocalAgent.", "Device.LocalAgent.Controller.1.Foo+.Bar", "", " ",
        "Device.[", "Device.LocalAgent.Controller.0.", ".Device."})
    void an_unusable_target_grants_nothing_and_still_takes_away(String bad) {
        AccessPolicy permissive = policy(role("R",
                perm4(1, "r---", "----", "----", "----", "Device.DeviceInfo."),
                perm(2, "rwxn", bad)));
        assertEquals(new Grant(flags("r---"), Flags.NONE, Flags.NONE, Flags.NONE),
                permissive.grant("Device.DeviceInfo.UpTime"));
        assertEquals(Grant.NONE, permissive.grant("Device.LocalAgent.EndpointID"));

        AccessPolicy restrictive = policy(role("R",
                perm(1, "rwxn", "Device."),
                perm(2, "-w--", bad)));
        assertEquals(new Grant(flags("-w--"), flags("-w--"), flags("-w--"), flags("-w--")),
                restrictive.grant("Device.DeviceInfo.UpTime"));
    }

    @Test
    void a_target_is_parsed_as_a_tr369_path_without_reference_following() {
        assertTrue(AccessPolicy.parseTarget("Device").isOk());
        assertTrue(AccessPolicy.parseTarget("Device.IP.Interface.[Name==\"wan\"].").isOk());
        assertEquals(ErrorCode.INVALID_PATH_SYNTAX, AccessPolicy.parseTarget("Device..X").error().code());
        assertEquals(ErrorCode.INVALID_VALUE, AccessPolicy.parseTarget("Device.X.Ref+.Y").error().code());
    }

    // ---- search expressions ----

    /** Interface 1 is named "wan", the others "lan"; counts the questions. */
    static final class Names implements SearchEvaluator {
        final Map<String, String> names = new HashMap<>(Map.of(
                "Device.IP.Interface.1.", "wan", "Device.IP.Interface.2.", "lan"));
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Match matches(String instancePath, Segment.Search expression) {
            asked.incrementAndGet();
            String name = names.get(instancePath);
            if (name == null) {
                return Match.UNKNOWN;
            }
            String wanted = expression.conditions().get(0).constant().value();
            return name.equals(wanted) ? Match.YES : Match.NO;
        }
    }

    @Test
    void a_search_path_target_covers_the_instances_that_match_now() {
        Names names = new Names();
        AccessPolicy p = AccessPolicy.of(List.of(role("R",
                perm(1, "rwxn", "Device."),
                perm(2, "----", "Device.IP.Interface.[Name==\"wan\"]."))), names);
        assertTrue(p.hasSearchTargets());
        assertFalse(p.canReadParameter("Device.IP.Interface.1.Enable"));
        assertTrue(p.canReadParameter("Device.IP.Interface.2.Enable"));

        names.names.put("Device.IP.Interface.1.", "lan");
        names.names.put("Device.IP.Interface.2.", "wan");
        assertTrue(p.canReadParameter("Device.IP.Interface.1.Enable"));
        assertFalse(p.canReadParameter("Device.IP.Interface.2.Enable"));
        assertTrue(names.asked.get() >= 4, "asked at every check, never cached");
        assertTrue(p.canReadParameter("Device.DeviceInfo.UpTime"));
    }

    @Test
    void a_search_that_cannot_be_decided_grants_nothing_and_still_takes_away() {
        Names names = new Names();
        AccessPolicy restrictive = AccessPolicy.of(List.of(role("R",
                perm(1, "rwxn", "Device."),
                perm(2, "----", "Device.IP.Interface.[Name==\"wan\"]."))), names);
        assertFalse(restrictive.canReadParameter("Device.IP.Interface.3.Enable"), "evaluator: unknown");
        assertFalse(restrictive.canReadParameter("Device.IP.Interface.{i}.Enable"), "supported path");
        assertFalse(restrictive.withSearchEvaluator(SearchEvaluator.NONE)
                .canReadParameter("Device.IP.Interface.2.Enable"), "no evaluator");
        assertTrue(restrictive.canReadParameter("Device.IP.Interface.2.Enable"));

        AccessPolicy permissive = AccessPolicy.of(List.of(role("R",
                perm(1, "r---", "Device.IP.Interface.[Name==\"wan\"]."))));
        assertFalse(permissive.canReadParameter("Device.IP.Interface.1.Enable"), "no evaluator");
        assertTrue(permissive.withSearchEvaluator(names).canReadParameter("Device.IP.Interface.1.Enable"));
        assertFalse(permissive.withSearchEvaluator(names).canReadParameter("Device.IP.Interface.2.Enable"));
    }

    // ---- the paths checked ----

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "Device..DeviceInfo.", ".Device.", "Device.DeviceInfo.[Name==\"x\"].",
        "Device.Hosts.Host.01.", "Device.Hosts.Host.0.", "Device.Hosts.Host.99999999999.", "Device.Ref+.X",
        "Device.Dev-ice.", "Device.X.Y()Z", "1.Device.", "*.Device.", "Device.DeviceInfo.Up Time",
        "Device.DeviceInfo.UpTime!!", "Device.Reboot()()", "Device.{i}x."})
    void a_path_that_is_neither_instantiated_nor_supported_gets_nothing(String path) {
        AccessPolicy p = policy(role("R", perm(1, "rwxn", "Device."),
                perm(2, "rwxn", "Device.Hosts.Host.5.", "Device.DeviceInfo.X.", "Device.X.Y.", "Device.Dev")));
        assertEquals(Grant.NONE, p.grant(path));
        assertEquals(Grant.NONE, policy(FULL_ACCESS).grant(path), "however much the roles grant");
        assertEquals(Grant.NONE, p.grant(null));
        assertEquals(Grant.NONE, p.grant("Device.X." + "A".repeat(AccessPolicy.MAX_PATH_LENGTH)));
    }

    // ---- per object ----

    @Test
    void object_access_answers_as_the_full_paths_do() {
        AccessPolicy p = policy(role("R",
                perm(1, "r---", "Device."),
                perm4(2, "rw--", "----", "----", "--x-", "Device.LocalAgent.Controller.*.Enable"),
                perm4(3, "----", "----", "----", "--x-", "Device.LocalAgent.Controller.2.SendOnBoardRequest()"),
                perm(4, "----", "Device.LocalAgent.Controller.*.ProvisioningCode")));
        for (String object : List.of("Device.LocalAgent.Controller.1.", "Device.LocalAgent.Controller.2.",
                "Device.LocalAgent.Controller.{i}.", "Device.DeviceInfo.")) {
            ObjectAccess access = p.object(object);
            assertEquals(p.grant(object), access.grant(), object);
            assertEquals(p.canReadObject(object), access.canReadObject(), object);
            for (String member : List.of("Enable", "Alias", "ProvisioningCode", "SendOnBoardRequest()")) {
                String path = object + member;
                assertEquals(p.grant(path), access.member(member), path);
                assertEquals(p.canReadParameter(path), access.canReadParameter(member), path);
                assertEquals(p.canWriteParameter(path), access.canWriteParameter(member), path);
                assertEquals(p.canOperate(path), access.canOperate(member), path);
            }
        }
        assertTrue(p.object("Device.LocalAgent.Controller.2.").canOperate("SendOnBoardRequest"));
        assertFalse(p.object("Device.LocalAgent.Controller.1.").canOperate("SendOnBoardRequest()"));
        assertEquals(Grant.NONE, p.object("Device.LocalAgent.").member("Bad-Name"));
        assertEquals(Grant.NONE, policy(FULL_ACCESS).object("Device.LocalAgent.").member("Bad-Name"));
        assertEquals(Grant.NONE, policy(FULL_ACCESS).object("Device.LocalAgent.").member("()"));
        assertEquals(Grant.ALL, policy(FULL_ACCESS).object("Device.LocalAgent.").member("Reboot()"));
        assertEquals(Grant.NONE, p.object("Device..").member("Enable"));
    }

    @Test
    void checks_agree_however_often_and_in_whatever_order_they_are_made() {
        AccessPolicy p = policy(role("R",
                perm(1, "r---", "Device."),
                perm(2, "rw--", "Device.LocalAgent.Controller.*.Enable"),
                perm(3, "----", "Device.LocalAgent.Controller.2.")));
        List<String> paths = new ArrayList<>(List.of(
                "Device.LocalAgent.Controller.1.Enable", "Device.LocalAgent.Controller.2.Enable",
                "Device.LocalAgent.Controller.{i}.Enable", "Device.LocalAgent.Controller.3.Alias",
                "Device.LocalAgent.EndpointID", "Device.LocalAgent.Controller.2."));
        Map<String, Grant> first = new HashMap<>();
        paths.forEach(path -> first.put(path, p.grant(path)));
        java.util.Collections.reverse(paths);
        AccessPolicy fresh = policy(role("R",
                perm(1, "r---", "Device."),
                perm(2, "rw--", "Device.LocalAgent.Controller.*.Enable"),
                perm(3, "----", "Device.LocalAgent.Controller.2.")));
        for (String path : paths) {
            assertEquals(first.get(path), p.grant(path), path);
            assertEquals(first.get(path), fresh.grant(path), path);
        }
        assertEquals(flags("rw--"), first.get("Device.LocalAgent.Controller.1.Enable").param());
        assertEquals(Flags.NONE, first.get("Device.LocalAgent.Controller.2.Enable").param());
        assertEquals(Flags.NONE, first.get("Device.LocalAgent.Controller.{i}.Enable").param());
        assertEquals(flags("r---"), first.get("Device.LocalAgent.Controller.3.Alias").param());
        assertEquals(Arrays.asList(Flags.NONE, Flags.NONE), Arrays.asList(
                first.get("Device.LocalAgent.Controller.2.").obj(),
                first.get("Device.LocalAgent.Controller.2.").instantiatedObj()));
    }

    @Test
    void a_policy_shared_by_threads_answers_each_as_it_answers_one() throws Exception {
        java.util.function.Supplier<AccessPolicy> make = () -> policy(role("R",
                perm(1, "r---", "Device."),
                perm(2, "rw--", "Device.Hosts.Host.*.Active"),
                perm(3, "----", "Device.Hosts.Host.7.", "Device.Hosts.Host.9.")));
        AccessPolicy reference = make.get();
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            paths.add("Device.Hosts.Host." + i + ".Active");
            paths.add("Device.Hosts.Host." + i + ".HostName");
        }
        Map<String, Grant> expected = new HashMap<>();
        paths.forEach(path -> expected.put(path, reference.grant(path)));

        AccessPolicy shared = make.get();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 37;
                results.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int k = 0; k < paths.size(); k++) {
                        String path = paths.get((k + offset) % paths.size());
                        if (!expected.get(path).equals(shared.grant(path))) {
                            wrong.add(path);
                        }
                    }
                    return wrong;
                }));
            }
            for (java.util.concurrent.Future<List<String>> r : results) {
                assertEquals(List.of(), r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Flags.NONE, expected.get("Device.Hosts.Host.7.Active").param());
        assertEquals(flags("rw--"), expected.get("Device.Hosts.Host.8.Active").param());
    }
}

package dev.demarc.core.usp;

import static dev.demarc.core.usp.AccessControlFixture.FULL_ACCESS_ROLE;
import static dev.demarc.core.usp.AccessControlFixture.NEWCOMER;
import static dev.demarc.core.usp.AccessControlFixture.PASSWORD;
import static dev.demarc.core.usp.AccessControlFixture.PASSWORD_VALUE;
import static dev.demarc.core.usp.AccessControlFixture.PRIMARY;
import static dev.demarc.core.usp.AccessControlFixture.TESTER;
import static dev.demarc.core.usp.AccessControlFixture.TESTER_ROLE;
import static dev.demarc.core.usp.AccessControlFixture.TRUST;
import static dev.demarc.core.usp.AccessControlFixture.UNTRUSTED_ROLE;
import static dev.demarc.core.usp.UspFixture.create;
import static dev.demarc.core.usp.UspFixture.error;
import static dev.demarc.core.usp.UspFixture.response;
import static dev.demarc.core.usp.UspFixture.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.acl.Grant;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspMsg.AddResp;
import dev.demarc.core.usp.proto.UspMsg.DeleteResp;
import dev.demarc.core.usp.proto.UspMsg.GetSupportedDMResp;
import dev.demarc.core.usp.proto.UspMsg.SetResp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a controller's role lets each message see and do (TR-369 "Roles (Access Control)"), after
 * the ControllerTrust cases of TP-469 section 2. As in TP-469, the controller under test
 * ({@link AccessControlFixture#TESTER}) first adds a permission to its own role, then sends the
 * message; the permissions get an explicit {@code Order} above the role's whole-tree
 * permission (Order 1), which TP-469 leaves to the test setup.
 */
class UspAccessControlTest {

    private static final String SUBS = "Device.LocalAgent.Subscription.";
    private static final String BOOT_3 = "Device.LocalAgent.Controller.3.BootParameter.";

    private final CopyOnWriteArrayList<UspCommand.Call> calls = new CopyOnWriteArrayList<>();
    private final UspFixture usp = AccessControlFixture.start(calls).actingAs(TESTER);

    @AfterEach
    void close() {
        usp.close();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Step 1 of most TP-469 section 2 cases: the controller under test adds a permission to its
     * own role ({@code Param}, {@code Obj}, {@code InstantiatedObj}, {@code CommandEvent} in
     * {@code strings}).
     */
    private void permit(int order, String targets, String... strings) {
        UspMsg.Msg reply = usp.actingAs(TESTER).add(false, create(TESTER_ROLE + ".Permission.",
                "Enable", "true", "", "Targets", targets, "", "Order", Integer.toString(order), "",
                "Param", strings[0], "", "Obj", strings[1], "", "InstantiatedObj", strings[2], "",
                "CommandEvent", strings[3], ""));
        AddResp.CreatedObjectResult r = response(reply).getAddResp().getCreatedObjResults(0);
        assertTrue(r.getOperStatus().hasOperSuccess(), r::toString);
        assertTrue(r.getOperStatus().getOperSuccess().getInstantiatedPath().startsWith(TESTER_ROLE + ".Permission."));
    }

    /** The same request as another controller; the tester speaks again afterwards. */
    private <T> T as(String controller, java.util.function.Supplier<T> request) {
        usp.actingAs(controller);
        try {
            return request.get();
        } finally {
            usp.actingAs(TESTER);
        }
    }

    private static Set<String> resolved(UspMsg.GetResp.RequestedPathResult r) {
        return r.getResolvedPathResultsList().stream().map(UspMsg.GetResp.ResolvedPathResult::getResolvedPath)
                .collect(Collectors.toSet());
    }

    private Set<String> instancesSeenByPrimary(String table) {
        UspMsg.GetInstancesResp r = as(PRIMARY, () -> getInstances(table, true));
        return r.getReqPathResults(0).getCurrInstsList().stream()
                .map(UspMsg.GetInstancesResp.CurrInstance::getInstantiatedObjPath).collect(Collectors.toSet());
    }

    private UspMsg.GetInstancesResp getInstances(String path, boolean firstLevelOnly) {
        return response(usp.request(UspMsg.Header.MsgType.GET_INSTANCES, UspMsg.Request.newBuilder()
                .setGetInstances(UspMsg.GetInstances.newBuilder().addObjPaths(path).setFirstLevelOnly(firstLevelOnly))
                .build())).getGetInstancesResp();
    }

    private UspMsg.Msg operate(String command) {
        return usp.request(UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder()
                .setOperate(UspMsg.Operate.newBuilder().setCommand(command).setSendResp(true)).build());
    }

    private GetSupportedDMResp.RequestedObjectResult supportedDm(String path) {
        return response(usp.request(UspMsg.Header.MsgType.GET_SUPPORTED_DM, UspMsg.Request.newBuilder()
                .setGetSupportedDm(UspMsg.GetSupportedDM.newBuilder().addObjPaths(path)
                        .setReturnParams(true).setReturnCommands(true).setReturnEvents(true))
                .build())).getGetSupportedDmResp().getReqObjResults(0);
    }

    private static Optional<GetSupportedDMResp.SupportedObjectResult> supportedObject(
            GetSupportedDMResp.RequestedObjectResult r, String path) {
        return r.getSupportedObjsList().stream().filter(o -> o.getSupportedObjPath().equals(path)).findFirst();
    }

    private String valueSeenByPrimary(String parameterPath) {
        UspMsg.GetResp r = as(PRIMARY, () -> usp.get(parameterPath));
        return r.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap().values().iterator().next();
    }

    // ------------------------------------------------------------------ roles

    @Test
    void a_controller_with_the_full_access_role_reads_everything() {
        UspMsg.GetResp.RequestedPathResult r = as(PRIMARY, () -> usp.get("Device.")).getReqPathResults(0);
        List<ObjectValues> model = usp.onModel(m -> m.get("Device.", 0).value());
        Map<String, Map<String, String>> seen = new HashMap<>();
        r.getResolvedPathResultsList().forEach(o -> seen.put(o.getResolvedPath(), o.getResultParamsMap()));
        Map<String, Map<String, String>> all = new HashMap<>();
        model.forEach(o -> all.put(o.path(), o.parameters()));
        assertEquals(all, seen);
        assertTrue(seen.containsKey(TRUST + "Role.1.Permission.1."));
    }

    @Test
    void the_full_access_role_is_uniform_so_messages_skip_the_checks_item_by_item() {
        Optional<Grant> uniform = usp.onModel(m -> usp.agent.access().policyFor(m, "Device.LocalAgent.Controller.1.")
                .uniformGrant());
        assertTrue(uniform.isPresent());
        assertTrue(uniform.get().param().read() && uniform.get().obj().read() && uniform.get().param().write());
    }

    @Test
    void without_controller_trust_in_the_data_model_every_controller_has_full_access() {
        try (UspFixture plain = new UspFixture()) {
            Optional<Grant> uniform = plain.onModel(m -> plain.agent.access()
                    .policyFor(m, "Device.LocalAgent.Controller.1.").uniformGrant());
            assertEquals(Optional.of(Grant.ALL), uniform);
        }
    }

    @Test // TP-469 2.9
    void tp469_2_9_a_controller_with_no_assigned_role_gets_the_untrusted_role() {
        UspMsg.GetResp r = as(NEWCOMER, () -> usp.get("Device.DeviceInfo.", "Device.LocalAgent.Subscription.*."));
        assertEquals(7026, r.getReqPathResults(0).getErrCode(), "the untrusted role has no permission at all");
        assertEquals(0, r.getReqPathResults(1).getErrCode());
        assertEquals(0, r.getReqPathResults(1).getResolvedPathResultsCount());

        assertEquals(UNTRUSTED_ROLE, valueSeenByPrimary("Device.LocalAgent.Controller.4.AssignedRole"),
                "the UntrustedRole is written to the controller's AssignedRole");
        assertEquals(UNTRUSTED_ROLE, valueSeenByPrimary(TRUST + "UntrustedRole"));
    }

    @Test
    void the_untrusted_role_grants_what_its_permissions_say() {
        as(NEWCOMER, () -> usp.get("Device.DeviceInfo."));
        UspMsg.Msg added = as(PRIMARY, () -> usp.add(false, create(UNTRUSTED_ROLE + ".Permission.",
                "Enable", "true", "", "Targets", "Device.DeviceInfo.", "", "Param", "r---", "", "Obj", "r---", "")));
        assertTrue(response(added).getAddResp().getCreatedObjResults(0).getOperStatus().hasOperSuccess());

        Map<String, String> info = as(NEWCOMER, () -> usp.values("Device.DeviceInfo."));
        assertEquals("2.1.0", info.get("SoftwareVersion"));
        UspMsg.Msg set = as(NEWCOMER, () -> usp.set(false, update("Device.DeviceInfo.", "FriendlyName", "mine", true)));
        assertEquals(7006, error(set).getErrCode());
    }

    @Test // TP-469 2.10
    void tp469_2_10_adding_a_role() {
        UspMsg.Msg reply = usp.add(false, create(TRUST + "Role.", "Enable", "true", "", "Name", "Trusted", ""));
        AddResp.CreatedObjectResult r = response(reply).getAddResp().getCreatedObjResults(0);
        assertEquals(TRUST + "Role.4.", r.getOperStatus().getOperSuccess().getInstantiatedPath());
    }

    @Test
    void a_role_assigned_by_another_controller_applies_from_the_next_message() {
        as(PRIMARY, () -> usp.add(false, create(TRUST + "Role.", "Enable", "true", "", "Name", "Trusted", "")));
        as(PRIMARY, () -> usp.add(false, create(TRUST + "Role.4.Permission.", "Enable", "true", "",
                "Targets", "Device.LocalAgent.", "", "Param", "r---", "", "Obj", "r---", "")));
        assertEquals(7026, as(NEWCOMER, () -> usp.get("Device.LocalAgent.EndpointID")).getReqPathResults(0).getErrCode());

        UspMsg.Msg set = as(PRIMARY, () -> usp.set(false,
                update("Device.LocalAgent.Controller.4.", "AssignedRole", TRUST + "Role.4", true)));
        assertTrue(response(set).hasSetResp());

        assertEquals(UspFixture.AGENT, as(NEWCOMER, () -> usp.values("Device.LocalAgent.")).get("EndpointID"));
        assertEquals(7026, as(NEWCOMER, () -> usp.get("Device.DeviceInfo.")).getReqPathResults(0).getErrCode());
    }

    @Test
    void changing_a_permission_takes_effect_for_the_next_message_of_the_other_controller() {
        assertEquals("2.1.0", usp.values("Device.DeviceInfo.").get("SoftwareVersion"));

        UspMsg.Msg set = as(PRIMARY, () -> usp.set(false, update(TESTER_ROLE + ".Permission.1.", "Param", "----", true)));
        assertTrue(response(set).hasSetResp());

        UspMsg.GetResp.RequestedPathResult r = usp.get("Device.DeviceInfo.SoftwareVersion").getReqPathResults(0);
        assertEquals(7026, r.getErrCode());
        assertEquals(0, usp.get("Device.").getReqPathResults(0).getResolvedPathResultsCount(),
                "objects are still readable, but none has a parameter the controller may read");
    }

    @Test
    void the_policy_is_built_once_and_again_only_after_a_change_of_the_roles() {
        usp.get("Device.");
        long built = usp.onModel(m -> usp.agent.access().builds());
        usp.get("Device.");
        usp.set(false, update("Device.DeviceInfo.", "FriendlyName", "lab", true));
        usp.get("Device.");
        assertEquals(built, (long) usp.onModel(m -> usp.agent.access().builds()), "no change of roles, no new policy");

        permit(2, "Device.DeviceInfo.", "r---", "r---", "r---", "r---");
        usp.get("Device.");
        assertEquals(built + 1, (long) usp.onModel(m -> usp.agent.access().builds()));
    }

    // ------------------------------------------------------------------ Get

    // ------------------------------------------------------------------ secured parameters

    @Test
    void a_secured_parameter_reads_empty_unless_one_of_the_controllers_roles_is_a_secured_role() {
        assertEquals("", valueSeenByPrimary(PASSWORD), "Role.1 is not in SecuredRoles");
        assertEquals("", usp.get(PASSWORD).getReqPathResults(0).getResolvedPathResults(0).getResultParamsOrThrow("Password"));

        UspMsg.Msg set = as(PRIMARY, () -> usp.set(false, update(TRUST, "SecuredRoles", FULL_ACCESS_ROLE, true)));
        assertTrue(response(set).getSetResp().getUpdatedObjResults(0).getOperStatus().hasOperSuccess(), set::toString);

        assertEquals(PASSWORD_VALUE, valueSeenByPrimary(PASSWORD), "from the next message on");
        Map<String, String> deviceInfo = as(PRIMARY, () -> usp.get("Device.")).getReqPathResults(0)
                .getResolvedPathResultsList().stream().filter(o -> o.getResolvedPath().equals("Device.DeviceInfo."))
                .findFirst().orElseThrow().getResultParamsMap();
        assertEquals(PASSWORD_VALUE, deviceInfo.get("Password"), "in a Get of the whole tree too");
        assertEquals("", usp.get(PASSWORD).getReqPathResults(0).getResolvedPathResults(0).getResultParamsOrThrow("Password"),
                "the tester's Role.3 is not a secured role");
        assertEquals("", usp.onModel(m -> m.read(PASSWORD).value()), "the engine's own reads stay empty");
    }

    @Test // TP-469 2.27
    void tp469_2_27_use_of_secured_role() {
        // The secondary controller (the tester) holds Role.3, which may read the password; Role.3
        // is not in SecuredRoles.
        UspMsg.GetResp.RequestedPathResult before = usp.get(PASSWORD).getReqPathResults(0);
        assertEquals(0, before.getErrCode(), before::toString);
        assertEquals(Map.of("Password", ""), before.getResolvedPathResults(0).getResultParamsMap(),
                "an empty string in place of the value");

        UspMsg.Msg set = as(PRIMARY, () -> usp.set(false, update(TRUST, "SecuredRoles", TESTER_ROLE, true)));
        assertTrue(response(set).getSetResp().getUpdatedObjResults(0).getOperStatus().hasOperSuccess(), set::toString);

        UspMsg.GetResp.RequestedPathResult after = usp.get(PASSWORD).getReqPathResults(0);
        assertEquals(Map.of("Password", PASSWORD_VALUE), after.getResolvedPathResults(0).getResultParamsMap());
    }

    @Test
    void a_secured_role_shows_only_the_secured_values_its_own_permissions_let_it_read() {
        // Role.4 "Secrets" may read FriendlyName only; the tester holds Role.3 (reads everything) and Role.4.
        String secrets = TRUST + "Role.4";
        UspMsg.Msg added = as(PRIMARY, () -> usp.add(false, create(TRUST + "Role.", "Name", "Secrets", "",
                "Enable", "true", "")));
        assertTrue(response(added).getAddResp().getCreatedObjResults(0).getOperStatus().hasOperSuccess(), added::toString);
        UspMsg.Msg permitted = as(PRIMARY, () -> usp.add(false, create(secrets + ".Permission.", "Enable", "true", "",
                "Order", "1", "", "Targets", "Device.DeviceInfo.FriendlyName", "", "Param", "r---", "")));
        assertTrue(response(permitted).getAddResp().getCreatedObjResults(0).getOperStatus().hasOperSuccess());
        as(PRIMARY, () -> usp.set(false, update("Device.LocalAgent.Controller.3.", "AssignedRole",
                TESTER_ROLE + "," + secrets, true), update(TRUST, "SecuredRoles", secrets, true)));

        assertEquals("", usp.get(PASSWORD).getReqPathResults(0).getResolvedPathResults(0).getResultParamsOrThrow("Password"),
                "Role.4 may not read the password");

        as(PRIMARY, () -> usp.set(false, update(secrets + ".Permission.1.", "Targets", "Device.DeviceInfo.", true)));
        assertEquals(PASSWORD_VALUE,
                usp.get(PASSWORD).getReqPathResults(0).getResolvedPathResults(0).getResultParamsOrThrow("Password"));
    }

    @Test
    void a_controller_holding_the_banned_role_is_not_answered() {
        assertEquals("2.1.0", usp.get("Device.DeviceInfo.SoftwareVersion").getReqPathResults(0)
                .getResolvedPathResults(0).getResultParamsOrThrow("SoftwareVersion"), "answered before the ban");
        UspMsg.Msg set = as(PRIMARY, () -> usp.set(false, update(TRUST, "BannedRole", TESTER_ROLE, true)));
        assertTrue(response(set).getSetResp().getUpdatedObjResults(0).getOperStatus().hasOperSuccess(), set::toString);

        byte[] get = UspFixture.record(TESTER, UspFixture.AGENT, UspFixture.msg("banned-1", UspMsg.Header.MsgType.GET,
                UspMsg.Request.newBuilder().setGet(UspMsg.Get.newBuilder().addParamPaths("Device.DeviceInfo.")).build())
                .toByteArray()).build().toByteArray();
        usp.actingAs(PRIMARY).assertNoAnswerTo(get);

        as(PRIMARY, () -> usp.set(false, update(TRUST, "BannedRole", "", true)));
        usp.actingAs(TESTER);
        assertEquals(0, usp.get("Device.DeviceInfo.").getReqPathResults(0).getErrCode(), "answered again once lifted");
    }

    @Test
    void a_get_of_device_leaves_out_what_the_role_may_not_read() {
        permit(2, "Device.DeviceInfo.", "----", "----", "----", "----");

        UspMsg.GetResp.RequestedPathResult all = usp.get("Device.").getReqPathResults(0);
        assertEquals(0, all.getErrCode());
        assertFalse(resolved(all).contains("Device.DeviceInfo."), resolved(all)::toString);
        assertTrue(resolved(all).contains("Device.LocalAgent."));

        UspMsg.GetResp direct = usp.get("Device.DeviceInfo.", "Device.DeviceInfo.FriendlyName", "Device.DeviceInfo.Nothing");
        assertEquals(7026, direct.getReqPathResults(0).getErrCode(), "treated as not in the supported model (R-GET.1)");
        assertEquals(7026, direct.getReqPathResults(1).getErrCode());
        assertEquals(7026, direct.getReqPathResults(2).getErrCode());
        UspMsg.GetResp.RequestedPathResult unsupported = usp.get("Device.NoSuchThing.").getReqPathResults(0);
        assertEquals(unsupported.getErrMsg().replace("NoSuchThing", "DeviceInfo"), direct.getReqPathResults(0).getErrMsg(),
                "the same words as for an object the agent does not have");
    }

    @Test
    void a_get_leaves_out_the_objects_without_obj_read_found_by_a_wildcard() {
        permit(2, SUBS + "2.", "rwxn", "----", "rwxn", "rwxn");
        UspMsg.GetResp.RequestedPathResult r = usp.get(SUBS + "*.ID").getReqPathResults(0);
        assertEquals(Set.of(SUBS + "1.", SUBS + "3."), resolved(r));
    }

    @Test // TP-469 2.21
    void tp469_2_21_overlapping_permissions_the_highest_order_applies() {
        permit(2, BOOT_3 + "1.", "----", "rwxn", "rwxn", "rwxn");
        permit(3, BOOT_3 + "1.", "rw--", "rwxn", "rwxn", "rwxn");
        UspMsg.GetResp.RequestedPathResult r = usp.get(BOOT_3).getReqPathResults(0);
        assertEquals(Set.of(BOOT_3 + "1."), resolved(r));
        assertEquals("Device.LocalAgent.EndpointID",
                r.getResolvedPathResults(0).getResultParamsMap().get("ParameterName"));

        permit(4, BOOT_3 + "1.", "----", "rwxn", "rwxn", "rwxn");
        r = usp.get(BOOT_3).getReqPathResults(0);
        assertEquals(0, r.getErrCode());
        assertEquals(Set.of(), resolved(r), "the instance is not in the answer");
    }

    @Test // TP-469 2.22
    void tp469_2_22_get_leaves_out_parameters_without_read_permission() {
        permit(2, BOOT_3 + "1.", "rw--", "rwxn", "rwxn", "rwxn");
        permit(3, BOOT_3 + "1.ParameterName", "----", "rwxn", "rwxn", "rwxn");
        UspMsg.GetResp.RequestedPathResult r = usp.get(BOOT_3 + "1.").getReqPathResults(0);
        Map<String, String> params = r.getResolvedPathResults(0).getResultParamsMap();
        assertEquals("true", params.get("Enable"));
        assertTrue(params.containsKey("Alias"));
        assertFalse(params.containsKey("ParameterName"), params::toString);
    }

    @Test
    void a_search_on_a_parameter_the_controller_may_not_read_matches_nothing() {
        permit(2, SUBS + "*.ID", "----", "rwxn", "rwxn", "rwxn");
        UspMsg.GetResp.RequestedPathResult r = usp.get(SUBS + "[ID==\"s1\"].Enable").getReqPathResults(0);
        assertEquals(0, r.getErrCode());
        assertEquals(0, r.getResolvedPathResultsCount());
        assertEquals(0, getInstances(SUBS + "[ID==\"s1\"].", true).getReqPathResults(0).getCurrInstsCount());

        UspMsg.Msg set = usp.set(false, update(SUBS + "[ID==\"s1\"].", "Enable", "false", true));
        assertEquals(0, response(set).getSetResp().getUpdatedObjResults(0).getOperStatus().getOperSuccess()
                .getUpdatedInstResultsCount());
        assertEquals("true", valueSeenByPrimary(SUBS + "1.Enable"), "nothing changed");
    }

    @Test
    void a_permission_whose_target_is_a_search_follows_the_values_at_each_message() {
        permit(2, SUBS + "[Enable==true].", "----", "rwxn", "rwxn", "rwxn");
        assertEquals(Set.of(SUBS + "2."), resolved(usp.get(SUBS + "*.ID").getReqPathResults(0)));

        as(PRIMARY, () -> usp.set(false, update(SUBS + "2.", "Enable", "true", true)));
        assertEquals(Set.of(), resolved(usp.get(SUBS + "*.ID").getReqPathResults(0)));
    }

    @Test
    void following_a_reference_the_controller_may_not_read_finds_nothing() {
        String followed = SUBS + "1.Recipient+.EndpointID";
        UspMsg.GetResp.RequestedPathResult before = usp.get(followed).getReqPathResults(0);
        assertEquals(Set.of("Device.LocalAgent.Controller.3."), resolved(before), before::toString);

        permit(2, SUBS + "*.Recipient", "----", "rwxn", "rwxn", "rwxn");
        UspMsg.GetResp.RequestedPathResult after = usp.get(followed).getReqPathResults(0);
        assertEquals(0, after.getErrCode());
        assertEquals(Set.of(), resolved(after));
    }

    // ------------------------------------------------------------------ GetInstances

    @Test
    void get_instances_lists_only_instances_with_instantiated_obj_read_and_only_readable_keys() {
        permit(2, SUBS + "2.", "rwxn", "rwxn", "----", "rwxn");
        permit(3, SUBS + "*.Alias", "----", "rwxn", "rwxn", "rwxn");
        UspMsg.GetInstancesResp.RequestedPathResult r = getInstances(SUBS, true).getReqPathResults(0);
        Map<String, Map<String, String>> seen = new HashMap<>();
        r.getCurrInstsList().forEach(i -> seen.put(i.getInstantiatedObjPath(), i.getUniqueKeysMap()));
        assertEquals(Set.of(SUBS + "1.", SUBS + "3."), seen.keySet(), "R-GIN.0");
        assertEquals(Set.of("Recipient", "ID"), seen.get(SUBS + "1.").keySet(), "R-GIN.1");
    }

    @Test
    void get_instances_through_an_instance_without_instantiated_obj_read_finds_no_object() {
        permit(2, "Device.LocalAgent.Controller.1.", "rwxn", "rwxn", "----", "rwxn");
        UspMsg.GetInstancesResp.RequestedPathResult r =
                getInstances("Device.LocalAgent.Controller.1.BootParameter.", true).getReqPathResults(0);
        assertEquals(7016, r.getErrCode());
        Set<String> below = getInstances("Device.LocalAgent.Controller.", false).getReqPathResults(0).getCurrInstsList()
                .stream().map(UspMsg.GetInstancesResp.CurrInstance::getInstantiatedObjPath).collect(Collectors.toSet());
        assertFalse(below.contains("Device.LocalAgent.Controller.1."));
        assertFalse(below.contains("Device.LocalAgent.Controller.1.BootParameter.1."), below::toString);
        assertTrue(below.contains(BOOT_3 + "1."));
    }

    // ------------------------------------------------------------------ GetSupportedDM

    @Test
    void get_supported_dm_leaves_out_what_the_controller_may_not_read() {
        permit(2, "Device.DeviceInfo.", "----", "----", "----", "----");
        permit(3, "Device.LocalAgent.EndpointID", "----", "rwxn", "rwxn", "rwxn");
        permit(4, "Device.Reboot()", "rwxn", "rwxn", "rwxn", "----");

        GetSupportedDMResp.RequestedObjectResult all = supportedDm("Device.");
        assertEquals(0, all.getErrCode());
        assertTrue(supportedObject(all, "Device.DeviceInfo.").isEmpty(), "R-GSP.0");
        GetSupportedDMResp.SupportedObjectResult device = supportedObject(all, "Device.").orElseThrow();
        assertEquals(List.of(), device.getSupportedCommandsList().stream()
                .map(GetSupportedDMResp.SupportedCommandResult::getCommandName).toList());
        assertEquals(List.of("Boot!"), device.getSupportedEventsList().stream()
                .map(GetSupportedDMResp.SupportedEventResult::getEventName).toList());
        GetSupportedDMResp.SupportedObjectResult agent = supportedObject(all, "Device.LocalAgent.").orElseThrow();
        assertFalse(agent.getSupportedParamsList().stream().anyMatch(p -> p.getParamName().equals("EndpointID")));

        assertEquals(7026, supportedDm("Device.DeviceInfo.").getErrCode());
        assertEquals(supportedDm("Device.NoSuchThing.").getErrMsg().replace("NoSuchThing", "DeviceInfo"),
                supportedDm("Device.DeviceInfo.").getErrMsg());
        assertEquals(7026, supportedDm("Device.Reboot()").getErrCode());
        assertEquals(7026, supportedDm("Device.LocalAgent.EndpointID").getErrCode());
        assertEquals(0, supportedDm("Device.Boot!").getErrCode());
    }

    @Test
    void get_supported_dm_reports_the_access_the_controller_has() {
        permit(2, SUBS, "rwxn", "r-xn", "rwxn", "rwxn");
        permit(3, SUBS + "*.Enable", "r---", "rwxn", "rwxn", "rwxn");
        GetSupportedDMResp.SupportedObjectResult subs = supportedObject(supportedDm(SUBS), SUBS + "{i}.").orElseThrow();
        assertEquals(GetSupportedDMResp.ObjAccessType.OBJ_DELETE_ONLY, subs.getAccess());
        Map<String, GetSupportedDMResp.ParamAccessType> params = subs.getSupportedParamsList().stream()
                .collect(Collectors.toMap(GetSupportedDMResp.SupportedParamResult::getParamName,
                        GetSupportedDMResp.SupportedParamResult::getAccess));
        assertEquals(GetSupportedDMResp.ParamAccessType.PARAM_READ_ONLY, params.get("Enable"));
        assertEquals(GetSupportedDMResp.ParamAccessType.PARAM_READ_WRITE, params.get("NotifType"));
    }

    // ------------------------------------------------------------------ Add

    @Test // TP-469 2.11
    void tp469_2_11_object_creation_allowed() {
        permit(2, SUBS, "rwxn", "rw--", "rwxn", "rwxn");
        AddResp.CreatedObjectResult r = response(usp.add(false, create(SUBS, "ID", "add211", "")))
                .getAddResp().getCreatedObjResults(0);
        assertTrue(r.getOperStatus().getOperSuccess().getInstantiatedPath().startsWith(SUBS), r::toString);
    }

    @Test // TP-469 2.12
    void tp469_2_12_object_creation_not_allowed_fails_with_7006() {
        permit(2, SUBS, "rwxn", "r---", "rwxn", "rwxn");
        Set<String> before = instancesSeenByPrimary(SUBS);

        UspMsg.Error e = error(usp.add(false, create(SUBS, "ID", "add212", "")));
        assertEquals(7006, e.getErrCode());
        assertEquals(SUBS, e.getParamErrs(0).getParamPath());
        assertEquals(7006, e.getParamErrs(0).getErrCode());

        AddResp.CreatedObjectResult partial = response(usp.add(true, create(SUBS, "ID", "add212", "")))
                .getAddResp().getCreatedObjResults(0);
        assertEquals(7006, partial.getOperStatus().getOperFailure().getErrCode());
        assertEquals(before, instancesSeenByPrimary(SUBS), "nothing was created");
    }

    @Test // TP-469 2.23
    void tp469_2_23_add_on_a_search_path_allow_partial_true_fails_only_where_required_parameters_may_not_be_written() {
        permit(2, BOOT_3, "rw--", "rwxn", "rwxn", "rwxn");
        permit(3, "Device.LocalAgent.Controller.1.BootParameter.", "r---", "rwxn", "rwxn", "rwxn");

        AddResp resp = response(usp.add(true, create("Device.LocalAgent.Controller.*.BootParameter.",
                "Enable", "false", "required"))).getAddResp();
        List<AddResp.CreatedObjectResult.OperationStatus> statuses = resp.getCreatedObjResultsList().stream()
                .map(AddResp.CreatedObjectResult::getOperStatus).toList();
        assertEquals(4, statuses.size(), resp::toString);
        List<Integer> failures = statuses.stream().filter(AddResp.CreatedObjectResult.OperationStatus::hasOperFailure)
                .map(s -> s.getOperFailure().getErrCode()).toList();
        assertEquals(List.of(7006), failures);
        Set<String> created = statuses.stream().filter(AddResp.CreatedObjectResult.OperationStatus::hasOperSuccess)
                .map(s -> s.getOperSuccess().getInstantiatedPath().replaceAll("BootParameter\\.\\d+\\.$", ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("Device.LocalAgent.Controller.2.", "Device.LocalAgent.Controller.3.",
                "Device.LocalAgent.Controller.4."), created);
        assertEquals(Set.of("Device.LocalAgent.Controller.1.BootParameter.1."),
                instancesSeenByPrimary("Device.LocalAgent.Controller.1.BootParameter."));
    }

    @Test // TP-469 2.24
    void tp469_2_24_add_on_a_search_path_allow_partial_false_fails_whole_with_7006() {
        permit(2, BOOT_3, "rw--", "rwxn", "rwxn", "rwxn");
        permit(3, "Device.LocalAgent.Controller.1.BootParameter.", "r---", "rwxn", "rwxn", "rwxn");
        Set<String> before = instancesSeenByPrimary("Device.LocalAgent.Controller.*.BootParameter.");

        UspMsg.Error e = error(usp.add(false, create("Device.LocalAgent.Controller.*.BootParameter.",
                "Enable", "false", "required")));
        assertEquals(7006, e.getErrCode());
        assertEquals(1, e.getParamErrsCount(), e::toString);
        assertTrue(e.getParamErrs(0).getParamPath().startsWith("Device.LocalAgent.Controller.1.BootParameter."));
        assertEquals(7006, e.getParamErrs(0).getErrCode());
        assertEquals(before, instancesSeenByPrimary("Device.LocalAgent.Controller.*.BootParameter."),
                "no BootParameter was created");
    }

    @Test // TP-469 2.25
    void tp469_2_25_a_parameter_the_controller_may_not_write_omitted_from_the_add_takes_its_default() {
        permit(2, SUBS + "*.Enable", "r---", "rwxn", "rwxn", "rwxn");
        AddResp.CreatedObjectResult r = response(usp.add(false, create(SUBS, "ID", "add1", "",
                "NotifType", "ValueChange", "", "ReferenceList", "Device.LocalAgent.EndpointID", "required")))
                .getAddResp().getCreatedObjResults(0);
        String path = r.getOperStatus().getOperSuccess().getInstantiatedPath();
        assertEquals(0, r.getOperStatus().getOperSuccess().getParamErrsCount());
        assertEquals(Map.of("Enable", "false"), usp.get(path + "Enable").getReqPathResults(0)
                .getResolvedPathResults(0).getResultParamsMap());
    }

    @Test // TP-469 2.26
    void tp469_2_26_a_required_parameter_the_controller_may_not_write_fails_the_add_with_7006() {
        permit(2, SUBS + "*.Enable", "r---", "rwxn", "rwxn", "rwxn");
        AddResp.CreatedObjectResult r = response(usp.add(true, create(SUBS, "ID", "add26", "",
                "NotifType", "ValueChange", "", "ReferenceList", "Device.LocalAgent.EndpointID", "required",
                "Enable", "true", "required"))).getAddResp().getCreatedObjResults(0);
        assertEquals(7006, r.getOperStatus().getOperFailure().getErrCode(), r::toString);
        Set<String> ids = as(PRIMARY, () -> usp.get(SUBS + "*.ID")).getReqPathResults(0).getResolvedPathResultsList()
                .stream().map(o -> o.getResultParamsMap().get("ID")).collect(Collectors.toSet());
        assertFalse(ids.contains("add26"), ids::toString);
    }

    @Test
    void a_parameter_the_controller_may_not_write_given_without_required_is_left_out_with_7006() {
        permit(2, SUBS + "*.Enable", "r---", "rwxn", "rwxn", "rwxn");
        AddResp.CreatedObjectResult.OperationStatus.OperationSuccess ok = response(usp.add(false, create(SUBS,
                "ID", "add-opt", "", "Enable", "true", ""))).getAddResp().getCreatedObjResults(0).getOperStatus()
                .getOperSuccess();
        assertEquals(1, ok.getParamErrsCount());
        assertEquals("Enable", ok.getParamErrs(0).getParam());
        assertEquals(7006, ok.getParamErrs(0).getErrCode());
        assertEquals("false", valueSeenByPrimary(ok.getInstantiatedPath() + "Enable"));
    }

    @Test
    void add_returns_only_the_unique_keys_the_controller_may_read() {
        permit(2, SUBS + "*.Alias", "-w--", "rwxn", "rwxn", "rwxn");
        AddResp.CreatedObjectResult.OperationStatus.OperationSuccess ok = response(usp.add(false,
                create(SUBS, "ID", "add-keys", ""))).getAddResp().getCreatedObjResults(0).getOperStatus().getOperSuccess();
        assertEquals(Set.of("Recipient", "ID"), ok.getUniqueKeysMap().keySet(), "R-ADD.6");
    }

    // ------------------------------------------------------------------ Delete

    @Test // TP-469 2.13
    void tp469_2_13_object_deletion_allowed() {
        permit(2, SUBS, "rwxn", "rwxn", "rw--", "rwxn");
        DeleteResp resp = response(usp.delete(false, SUBS + "2.")).getDeleteResp();
        assertEquals(List.of(SUBS + "2."), resp.getDeletedObjResults(0).getOperStatus().getOperSuccess().getAffectedPathsList());
        assertFalse(instancesSeenByPrimary(SUBS).contains(SUBS + "2."));
    }

    @Test // TP-469 2.14
    void tp469_2_14_object_deletion_not_allowed_fails_with_7006() {
        permit(2, SUBS, "rwxn", "rwxn", "r---", "rwxn");
        UspMsg.Error e = error(usp.delete(false, SUBS + "2."));
        assertEquals(7006, e.getErrCode());
        assertEquals(SUBS + "2.", e.getParamErrs(0).getParamPath());

        DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess partial = response(usp.delete(true, SUBS + "*."))
                .getDeleteResp().getDeletedObjResults(0).getOperStatus().getOperSuccess();
        assertEquals(List.of(), partial.getAffectedPathsList());
        assertEquals(Set.of(SUBS + "1.", SUBS + "2.", SUBS + "3."), partial.getUnaffectedPathErrsList().stream()
                .map(DeleteResp.UnaffectedPathError::getUnaffectedPath).collect(Collectors.toSet()));
        assertTrue(partial.getUnaffectedPathErrsList().stream().allMatch(u -> u.getErrCode() == 7006));
        assertEquals(Set.of(SUBS + "1.", SUBS + "2.", SUBS + "3."), instancesSeenByPrimary(SUBS));
    }

    @Test
    void delete_leaves_out_of_its_answer_the_instances_the_controller_may_not_read() {
        permit(2, SUBS + "2.", "rwxn", "----", "rw--", "rwxn");
        permit(3, SUBS + "3.", "rwxn", "----", "----", "rwxn");
        DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess ok = response(usp.delete(true, SUBS + "*."))
                .getDeleteResp().getDeletedObjResults(0).getOperStatus().getOperSuccess();
        assertEquals(List.of(SUBS + "1."), ok.getAffectedPathsList(), "R-DEL.2: 2 is deleted but not named");
        assertEquals(0, ok.getUnaffectedPathErrsCount(), "R-DEL.4: 3 is not deleted and not named");
        assertEquals(Set.of(SUBS + "3."), instancesSeenByPrimary(SUBS));
    }

    // ------------------------------------------------------------------ Set

    @Test // TP-469 2.15
    void tp469_2_15_parameter_update_allowed() {
        permit(2, SUBS + "2.", "rw--", "rwxn", "rwxn", "rwxn");
        SetResp resp = response(usp.set(false, update(SUBS + "2.", "Enable", "true", true))).getSetResp();
        SetResp.UpdatedInstanceResult r = resp.getUpdatedObjResults(0).getOperStatus().getOperSuccess().getUpdatedInstResults(0);
        assertEquals(SUBS + "2.", r.getAffectedPath());
        assertEquals(Map.of("Enable", "true"), r.getUpdatedParamsMap());
    }

    @Test // TP-469 2.16
    void tp469_2_16_parameter_update_not_allowed_fails_with_7006_and_changes_nothing() {
        permit(2, SUBS + "2.", "r---", "rwxn", "rwxn", "rwxn");
        UspMsg.Error e = error(usp.set(false, update(SUBS + "2.", "Enable", "true", true)));
        assertEquals(7006, e.getErrCode());
        assertEquals(SUBS + "2.Enable", e.getParamErrs(0).getParamPath());
        assertEquals(7006, e.getParamErrs(0).getErrCode());
        assertEquals("false", valueSeenByPrimary(SUBS + "2.Enable"));

        SetResp.UpdatedObjectResult.OperationStatus partial = response(usp.set(true,
                update(SUBS + "2.", "Enable", "true", true))).getSetResp().getUpdatedObjResults(0).getOperStatus();
        assertEquals(7006, partial.getOperFailure().getErrCode());

        SetResp.UpdatedInstanceResult optional = response(usp.set(false, update(SUBS + "2.", "Enable", "true", false)))
                .getSetResp().getUpdatedObjResults(0).getOperStatus().getOperSuccess().getUpdatedInstResults(0);
        assertEquals(7006, optional.getParamErrs(0).getErrCode());
        assertEquals(Map.of(), optional.getUpdatedParamsMap());
        assertEquals("false", valueSeenByPrimary(SUBS + "2.Enable"));
    }

    @Test
    void set_returns_only_the_updated_parameters_the_controller_may_read() {
        permit(2, SUBS + "2.Enable", "-w--", "rwxn", "rwxn", "rwxn");
        SetResp.UpdatedInstanceResult r = response(usp.set(false, update(SUBS + "2.", "Enable", "true", true)))
                .getSetResp().getUpdatedObjResults(0).getOperStatus().getOperSuccess().getUpdatedInstResults(0);
        assertEquals(Map.of(), r.getUpdatedParamsMap(), "R-SET.3");
        assertEquals("true", valueSeenByPrimary(SUBS + "2.Enable"));
    }

    // ------------------------------------------------------------------ Operate

    @Test // TP-469 2.17
    void tp469_2_17_operation_allowed() {
        permit(2, "Device.Reboot()", "rwxn", "rwxn", "rwxn", "r-x-");
        UspMsg.OperateResp.OperationResult r = response(operate("Device.Reboot()")).getOperateResp().getOperationResults(0);
        assertTrue(r.hasReqOutputArgs(), r::toString);
        assertEquals(1, calls.size());
    }

    @Test // TP-469 2.18
    void tp469_2_18_operation_not_allowed_fails_in_cmd_failure_with_7006() {
        permit(2, "Device.Reboot()", "rwxn", "rwxn", "rwxn", "r---");
        UspMsg.OperateResp.OperationResult r = response(operate("Device.Reboot()")).getOperateResp().getOperationResults(0);
        assertEquals(7006, r.getCmdFailure().getErrCode(), r::toString);
        assertEquals(List.of(), calls, "the command did not run");
    }

    @Test
    void operate_on_a_search_path_runs_the_commands_the_controller_may_run_and_refuses_the_others() {
        permit(2, "Device.LocalAgent.Controller.1.SendOnBoardRequest()", "rwxn", "rwxn", "rwxn", "r---");
        UspMsg.OperateResp resp = response(operate("Device.LocalAgent.Controller.*.SendOnBoardRequest()")).getOperateResp();
        Map<String, Integer> codes = resp.getOperationResultsList().stream().collect(Collectors.toMap(
                UspMsg.OperateResp.OperationResult::getExecutedCommand,
                o -> o.hasCmdFailure() ? o.getCmdFailure().getErrCode() : 0));
        assertEquals(7006, codes.get("Device.LocalAgent.Controller.1.SendOnBoardRequest()"));
        assertEquals(0, codes.get("Device.LocalAgent.Controller.3.SendOnBoardRequest()"));
        assertEquals(3, calls.size());
    }
}

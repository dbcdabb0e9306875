package dev.demarc.core.usp;

import static dev.demarc.core.usp.UspFixture.AGENT;
import static dev.demarc.core.usp.UspFixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspMsg.GetSupportedDMResp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Get, GetInstances, GetSupportedDM and GetSupportedProtocol, after TP-469 section 1. */
class UspReadMessagesTest {

    private final UspFixture usp = new UspFixture();

    @AfterEach
    void close() {
        usp.close();
    }

    private static Set<String> resolvedPaths(UspMsg.GetResp.RequestedPathResult r) {
        return r.getResolvedPathResultsList().stream().map(UspMsg.GetResp.ResolvedPathResult::getResolvedPath)
                .collect(Collectors.toSet());
    }

    // ------------------------------------------------------------------ Get

    @Test // TP-469 1.36
    void tp469_1_36_get_message_with_full_parameter_path() {
        UspMsg.GetResp r = usp.get("Device.LocalAgent.EndpointID");
        assertEquals(1, r.getReqPathResultsCount());
        UspMsg.GetResp.RequestedPathResult p = r.getReqPathResults(0);
        assertEquals(0, p.getErrCode());
        assertEquals("Device.LocalAgent.EndpointID", p.getRequestedPath());
        assertEquals(1, p.getResolvedPathResultsCount());
        assertEquals("Device.LocalAgent.", p.getResolvedPathResults(0).getResolvedPath());
        assertEquals(Map.of("EndpointID", AGENT), p.getResolvedPathResults(0).getResultParamsMap());
    }

    @Test // TP-469 1.37
    void tp469_1_37_get_message_with_multiple_full_parameter_paths_same_object() {
        UspMsg.GetResp r = usp.get("Device.LocalAgent.EndpointID", "Device.LocalAgent.SoftwareVersion");
        assertEquals(2, r.getReqPathResultsCount());
        assertEquals(Map.of("EndpointID", AGENT), r.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap());
        assertEquals("Device.LocalAgent.", r.getReqPathResults(1).getResolvedPathResults(0).getResolvedPath());
        assertEquals(Map.of("SoftwareVersion", "0.1.0"), r.getReqPathResults(1).getResolvedPathResults(0).getResultParamsMap());
    }

    @Test // TP-469 1.38
    void tp469_1_38_get_message_with_multiple_full_parameter_paths_different_objects() {
        UspMsg.GetResp r = usp.get("Device.LocalAgent.EndpointID", "Device.LocalAgent.Subscription.1.Enable");
        assertEquals("Device.LocalAgent.Subscription.1.", r.getReqPathResults(1).getResolvedPathResults(0).getResolvedPath());
        assertEquals(Map.of("Enable", "true"), r.getReqPathResults(1).getResolvedPathResults(0).getResultParamsMap());
    }

    @Test // TP-469 1.39
    void tp469_1_39_get_message_with_object_path_returns_each_sub_object_with_relative_keys() {
        UspMsg.GetResp.RequestedPathResult p = usp.get("Device.LocalAgent.").getReqPathResults(0);
        assertEquals(0, p.getErrCode());
        Set<String> paths = resolvedPaths(p);
        assertTrue(paths.containsAll(List.of("Device.LocalAgent.", "Device.LocalAgent.Controller.1.",
                "Device.LocalAgent.Controller.1.BootParameter.2.", "Device.LocalAgent.Subscription.3.")), paths::toString);
        for (UspMsg.GetResp.ResolvedPathResult o : p.getResolvedPathResultsList()) {
            for (String key : o.getResultParamsMap().keySet()) {
                assertFalse(key.contains("."), "relative parameter names: " + key);
            }
        }
        UspMsg.GetResp.ResolvedPathResult top = p.getResolvedPathResultsList().stream()
                .filter(o -> o.getResolvedPath().equals("Device.LocalAgent.")).findFirst().orElseThrow();
        assertEquals(AGENT, top.getResultParamsMap().get("EndpointID"));
        assertEquals("3", top.getResultParamsMap().get("SubscriptionNumberOfEntries"));
    }

    @Test // TP-469 1.40
    void tp469_1_40_get_message_with_object_instance_path() {
        UspMsg.GetResp.RequestedPathResult p = usp.get("Device.LocalAgent.Subscription.2.").getReqPathResults(0);
        assertEquals(1, p.getResolvedPathResultsCount());
        assertEquals("Device.LocalAgent.Subscription.2.", p.getResolvedPathResults(0).getResolvedPath());
        Map<String, String> v = p.getResolvedPathResults(0).getResultParamsMap();
        assertEquals("s2", v.get("ID"));
        assertEquals("20", v.get("NotifExpiration"));
        assertEquals("cpe-2", v.get("Alias"));
    }

    @Test // TP-469 1.41
    void tp469_1_41_get_message_with_invalid_parameter_is_7026_in_its_result() {
        UspMsg.GetResp.RequestedPathResult p = usp.get("Device.LocalAgent.InvalidParameter").getReqPathResults(0);
        assertEquals("Device.LocalAgent.InvalidParameter", p.getRequestedPath());
        assertEquals(7026, p.getErrCode());
        assertFalse(p.getErrMsg().isEmpty());
        assertEquals(0, p.getResolvedPathResultsCount());
    }

    @Test // TP-469 1.42
    void tp469_1_42_get_message_with_invalid_parameter_and_valid_parameter() {
        UspMsg.GetResp r = usp.get("Device.LocalAgent.EndpointID", "Device.LocalAgent.InvalidParameter");
        assertEquals(0, r.getReqPathResults(0).getErrCode());
        assertEquals(Map.of("EndpointID", AGENT), r.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap());
        assertEquals(7026, r.getReqPathResults(1).getErrCode());
    }

    @Test // TP-469 1.43
    void tp469_1_43_get_message_using_unique_key_addressing() {
        UspMsg.GetResp.RequestedPathResult p = usp.get(
                "Device.LocalAgent.Subscription.[Recipient==\"Device.LocalAgent.Controller.1\"&&ID==\"s2\"].Enable")
                .getReqPathResults(0);
        assertEquals(0, p.getErrCode());
        assertEquals("Device.LocalAgent.Subscription.2.", p.getResolvedPathResults(0).getResolvedPath());
        assertEquals(Map.of("Enable", "false"), p.getResolvedPathResults(0).getResultParamsMap());
    }

    @Test // TP-469 1.44
    void tp469_1_44_get_message_using_wildcard_search_path_on_full_parameter() {
        UspMsg.GetResp.RequestedPathResult p = usp.get("Device.LocalAgent.Subscription.*.Enable").getReqPathResults(0);
        assertEquals(Set.of("Device.LocalAgent.Subscription.1.", "Device.LocalAgent.Subscription.2.",
                "Device.LocalAgent.Subscription.3."), resolvedPaths(p));
        p.getResolvedPathResultsList().forEach(o -> assertEquals(Set.of("Enable"), o.getResultParamsMap().keySet()));
    }

    @Test // TP-469 1.45
    void tp469_1_45_get_message_using_wildcard_search_path_on_object_path() {
        UspMsg.GetResp.RequestedPathResult p = usp.get("Device.LocalAgent.Subscription.*.").getReqPathResults(0);
        assertEquals(3, p.getResolvedPathResultsCount());
        p.getResolvedPathResultsList().forEach(o -> assertTrue(o.getResultParamsMap().containsKey("NotifExpiration")));
    }

    private static final String SUBS = "Device.LocalAgent.Subscription.";

    /**
     * TP-469 1.46 to 1.51: a Get of {@code requested} (a search expression on the subscriptions)
     * answers one requested path without error, whose resolved paths are exactly the
     * subscriptions {@code matched} (by instance number), each with all its parameters, by
     * relative name, for which {@code condition} holds.
     */
    private void assertSearchFinds(String requested, Set<Integer> matched, Predicate<Map<String, String>> condition) {
        UspMsg.GetResp r = usp.get(requested);
        assertEquals(1, r.getReqPathResultsCount());
        UspMsg.GetResp.RequestedPathResult p = r.getReqPathResults(0);
        assertEquals(0, p.getErrCode(), p::toString);
        assertEquals(requested, p.getRequestedPath());
        assertEquals(matched.stream().map(n -> SUBS + n + ".").collect(Collectors.toSet()), resolvedPaths(p));
        for (UspMsg.GetResp.ResolvedPathResult o : p.getResolvedPathResultsList()) {
            Map<String, String> params = o.getResultParamsMap();
            assertEquals(Set.of("Alias", "Enable", "ID", "Recipient", "NotifType", "ReferenceList", "NotifRetry",
                    "NotifExpiration"), params.keySet(), "every parameter of the object, by its relative name");
            assertTrue(condition.test(params), () -> o.getResolvedPath() + " does not match: " + params);
        }
    }

    private static int expiration(Map<String, String> params) {
        return Integer.parseInt(params.get("NotifExpiration"));
    }

    // Subscriptions 1, 2, 3: Enable true, false, true; NotifExpiration 10, 20, 5.

    @Test // TP-469 1.46
    void tp469_1_46_get_message_using_search_expression_equivalence() {
        assertSearchFinds(SUBS + "[Enable==true].", Set.of(1, 3), p -> p.get("Enable").equals("true"));
    }

    @Test // TP-469 1.47
    void tp469_1_47_get_message_using_search_expression_non_equivalence() {
        assertSearchFinds(SUBS + "[Enable!=true].", Set.of(2), p -> p.get("Enable").equals("false"));
    }

    @Test // TP-469 1.48
    void tp469_1_48_get_message_using_search_expression_exclusive_greater_comparison() {
        assertSearchFinds(SUBS + "[NotifExpiration>10].", Set.of(2), p -> expiration(p) > 10);
    }

    @Test // TP-469 1.49
    void tp469_1_49_get_message_using_search_expression_exclusive_lesser_comparison() {
        assertSearchFinds(SUBS + "[NotifExpiration<10].", Set.of(3), p -> expiration(p) < 10);
    }

    @Test // TP-469 1.50
    void tp469_1_50_get_message_using_search_expression_inclusive_greater_comparison() {
        assertSearchFinds(SUBS + "[NotifExpiration>=10].", Set.of(1, 2), p -> expiration(p) >= 10);
    }

    @Test // TP-469 1.51
    void tp469_1_51_get_message_using_search_expression_inclusive_lesser_comparison() {
        assertSearchFinds(SUBS + "[NotifExpiration<=10].", Set.of(1, 3), p -> expiration(p) <= 10);
    }

    @Test // TP-469 1.82
    void tp469_1_82_get_message_with_unmatched_search_expression_is_an_empty_success() {
        usp.delete(false, SUBS + "*.");
        assertEquals(0, usp.get(SUBS).getReqPathResults(0).getResolvedPathResultsCount(), "no subscription left");
        UspMsg.GetResp r = usp.get(SUBS + "[Enable==true].");
        assertEquals(1, r.getReqPathResultsCount());
        UspMsg.GetResp.RequestedPathResult p = r.getReqPathResults(0);
        assertEquals(0, p.getErrCode(), p::toString);
        assertEquals(SUBS + "[Enable==true].", p.getRequestedPath());
        assertEquals(0, p.getResolvedPathResultsCount());
    }

    @Test // TP-469 1.86
    void tp469_1_86_get_message_with_unresolved_instances_using_a_search_path_is_an_empty_success() {
        UspMsg.Msg disabled = usp.set(false, UspFixture.update(SUBS + "[Enable==true].", "Enable", "false", true));
        assertEquals(UspMsg.Header.MsgType.SET_RESP, disabled.getHeader().getMsgType(), disabled::toString);
        assertEquals(3, usp.get(SUBS).getReqPathResults(0).getResolvedPathResultsCount(), "none enabled, all there");
        UspMsg.GetResp r = usp.get(SUBS + "[Enable==true].");
        assertEquals(1, r.getReqPathResultsCount());
        UspMsg.GetResp.RequestedPathResult p = r.getReqPathResults(0);
        assertEquals(0, p.getErrCode(), p::toString);
        assertEquals(0, p.getResolvedPathResultsCount());
    }

    @Test // TP-469 1.87
    void tp469_1_87_get_message_on_an_empty_table_is_an_empty_success() {
        usp.delete(false, "Device.LocalAgent.Subscription.*.");
        UspMsg.GetResp.RequestedPathResult p = usp.get("Device.LocalAgent.Subscription.").getReqPathResults(0);
        assertEquals(0, p.getErrCode());
        assertEquals(0, p.getResolvedPathResultsCount());
    }

    @Test // TP-469 1.89
    void tp469_1_89_get_message_using_max_depth() {
        assertEquals(Set.of("Device.LocalAgent."), resolvedPaths(usp.get(1, "Device.LocalAgent.").getReqPathResults(0)));
        Set<String> two = resolvedPaths(usp.get(2, "Device.LocalAgent.").getReqPathResults(0));
        assertTrue(two.contains("Device.LocalAgent.Controller.1."), two::toString);
        assertFalse(two.contains("Device.LocalAgent.Controller.1.BootParameter.1."), two::toString);
        Set<String> all = resolvedPaths(usp.get(0, "Device.LocalAgent.").getReqPathResults(0));
        assertTrue(all.contains("Device.LocalAgent.Controller.1.BootParameter.1."), all::toString);
    }

    @Test
    void get_with_bad_path_syntax_is_7008_in_its_result() {
        assertEquals(7008, usp.get("Device.LocalAgent.Subscription.[Enable==true.").getReqPathResults(0).getErrCode());
    }

    @Test
    void get_larger_than_the_response_limit_fails_with_7005() {
        try (UspFixture small = new UspFixture(UspAgent.Config.DEFAULT.withMaxResponseBytes(1024), UspCommands.none())) {
            String[] paths = new String[20];
            java.util.Arrays.fill(paths, "Device.");
            UspMsg.Msg reply = small.request(UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                    .setGet(UspMsg.Get.newBuilder().addAllParamPaths(List.of(paths))).build());
            assertEquals(7005, UspFixture.error(reply).getErrCode());
        }
    }

    // ------------------------------------------------------------------ GetInstances

    private UspMsg.GetInstancesResp instances(boolean firstLevelOnly, String... paths) {
        UspMsg.Msg reply = usp.request(UspMsg.Header.MsgType.GET_INSTANCES, UspMsg.Request.newBuilder()
                .setGetInstances(UspMsg.GetInstances.newBuilder().addAllObjPaths(List.of(paths)).setFirstLevelOnly(firstLevelOnly))
                .build());
        assertEquals(UspMsg.Header.MsgType.GET_INSTANCES_RESP, reply.getHeader().getMsgType());
        return response(reply).getGetInstancesResp();
    }

    private static List<String> instancePaths(UspMsg.GetInstancesResp.RequestedPathResult r) {
        return r.getCurrInstsList().stream().map(UspMsg.GetInstancesResp.CurrInstance::getInstantiatedObjPath).toList();
    }

    @Test // TP-469 1.66
    void tp469_1_66_get_instances_using_a_single_object_first_level_only_true() {
        UspMsg.GetInstancesResp.RequestedPathResult r = instances(true, "Device.LocalAgent.Controller.").getReqPathResults(0);
        assertEquals("Device.LocalAgent.Controller.", r.getRequestedPath());
        assertEquals(List.of("Device.LocalAgent.Controller.1.", "Device.LocalAgent.Controller.2."), instancePaths(r));
        assertEquals(Map.of("EndpointID", UspFixture.CONTROLLER, "Alias", "ctrl-1"), r.getCurrInsts(0).getUniqueKeysMap());
    }

    @Test // TP-469 1.67
    void tp469_1_67_get_instances_using_a_single_object_first_level_only_false() {
        List<String> paths = instancePaths(instances(false, "Device.LocalAgent.Controller.").getReqPathResults(0));
        assertTrue(paths.containsAll(List.of("Device.LocalAgent.Controller.1.", "Device.LocalAgent.Controller.1.BootParameter.1.",
                "Device.LocalAgent.Controller.1.BootParameter.2.", "Device.LocalAgent.Controller.1.MTP.1.",
                "Device.LocalAgent.Controller.2.")), paths::toString);
    }

    @Test // TP-469 1.68
    void tp469_1_68_get_instances_with_multiple_objects() {
        UspMsg.GetInstancesResp r = instances(true, "Device.LocalAgent.Controller.", "Device.LocalAgent.MTP.");
        assertEquals(2, r.getReqPathResultsCount());
        assertEquals("Device.LocalAgent.MTP.", r.getReqPathResults(1).getRequestedPath());
        assertEquals(List.of("Device.LocalAgent.MTP.1."), instancePaths(r.getReqPathResults(1)));
    }

    @Test // TP-469 1.70
    void tp469_1_70_get_instances_with_wildcard_search_path() {
        assertEquals(List.of("Device.LocalAgent.Controller.1.MTP.1."),
                instancePaths(instances(true, "Device.LocalAgent.Controller.*.MTP.").getReqPathResults(0)));
    }

    @Test // TP-469 1.71
    void tp469_1_71_get_instances_with_search_expression_search_path() {
        assertEquals(List.of("Device.LocalAgent.Controller.1.BootParameter.1.", "Device.LocalAgent.Controller.1.BootParameter.2."),
                instancePaths(instances(false, "Device.LocalAgent.Controller.[Alias==\"ctrl-1\"].BootParameter.")
                        .getReqPathResults(0)));
    }

    @Test // TP-469 1.83
    void tp469_1_83_get_instances_with_unmatched_search_expression_is_an_empty_success() {
        UspMsg.GetInstancesResp.RequestedPathResult r =
                instances(false, "Device.LocalAgent.Controller.[Alias==\"nobody\"].BootParameter.").getReqPathResults(0);
        assertEquals(0, r.getErrCode(), r::toString);
        assertEquals(0, r.getCurrInstsCount());
        UspMsg.GetResp.RequestedPathResult g = usp.get("Device.LocalAgent.Controller.[Alias==\"nobody\"].").getReqPathResults(0);
        assertEquals(0, g.getErrCode(), g::toString);
        assertEquals(0, g.getResolvedPathResultsCount());
    }

    @Test
    void get_instances_of_an_unknown_object_is_7026() {
        assertEquals(7026, instances(true, "Device.LocalAgent.Nothing.").getReqPathResults(0).getErrCode());
    }

    // ------------------------------------------------------------------ GetSupportedDM

    private GetSupportedDMResp supported(boolean firstLevelOnly, boolean all, String... paths) {
        UspMsg.Msg reply = usp.request(UspMsg.Header.MsgType.GET_SUPPORTED_DM, UspMsg.Request.newBuilder()
                .setGetSupportedDm(UspMsg.GetSupportedDM.newBuilder().addAllObjPaths(List.of(paths))
                        .setFirstLevelOnly(firstLevelOnly).setReturnCommands(all).setReturnEvents(all)
                        .setReturnParams(all).setReturnUniqueKeySets(all))
                .build());
        assertEquals(UspMsg.Header.MsgType.GET_SUPPORTED_DM_RESP, reply.getHeader().getMsgType());
        return response(reply).getGetSupportedDmResp();
    }

    private static GetSupportedDMResp.SupportedObjectResult object(GetSupportedDMResp.RequestedObjectResult r, String path) {
        return r.getSupportedObjsList().stream().filter(o -> o.getSupportedObjPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not reported in " + r));
    }

    @Test // TP-469 1.72
    void tp469_1_72_get_supported_dm_single_object_first_level_only_false_all_options() {
        GetSupportedDMResp.RequestedObjectResult r = supported(false, true, "Device.LocalAgent.").getReqObjResults(0);
        assertEquals(0, r.getErrCode());
        List<String> paths = r.getSupportedObjsList().stream().map(GetSupportedDMResp.SupportedObjectResult::getSupportedObjPath).toList();
        assertEquals(List.of("Device.LocalAgent.", "Device.LocalAgent.Controller.{i}.",
                "Device.LocalAgent.Controller.{i}.BootParameter.{i}.", "Device.LocalAgent.Controller.{i}.MTP.{i}.",
                "Device.LocalAgent.MTP.{i}.", "Device.LocalAgent.Subscription.{i}."), paths);
        GetSupportedDMResp.SupportedObjectResult controller = object(r, "Device.LocalAgent.Controller.{i}.");
        assertTrue(controller.getIsMultiInstance());
        assertEquals(GetSupportedDMResp.ObjAccessType.OBJ_ADD_DELETE, controller.getAccess());
        GetSupportedDMResp.SupportedParamResult enable = controller.getSupportedParamsList().stream()
                .filter(p -> p.getParamName().equals("Enable")).findFirst().orElseThrow();
        assertEquals(GetSupportedDMResp.ParamAccessType.PARAM_READ_WRITE, enable.getAccess());
        assertEquals(GetSupportedDMResp.ParamValueType.PARAM_BOOLEAN, enable.getValueType());
        assertEquals(GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_ALLOWED, enable.getValueChange());
        assertEquals("SendOnBoardRequest()", controller.getSupportedCommands(0).getCommandName());
        assertEquals(GetSupportedDMResp.CmdType.CMD_SYNC, controller.getSupportedCommands(0).getCommandType());
        assertEquals(List.of(List.of("EndpointID"), List.of("Alias")), controller.getUniqueKeySetsList().stream()
                .map(GetSupportedDMResp.SupportedUniqueKeySet::getKeyNamesList).toList());
        GetSupportedDMResp.SupportedParamResult endpoint = object(r, "Device.LocalAgent.").getSupportedParamsList().stream()
                .filter(p -> p.getParamName().equals("EndpointID")).findFirst().orElseThrow();
        assertEquals(GetSupportedDMResp.ParamAccessType.PARAM_READ_ONLY, endpoint.getAccess());
        assertEquals(GetSupportedDMResp.ParamValueType.PARAM_STRING, endpoint.getValueType());
    }

    @Test // TP-469 1.73
    void tp469_1_73_get_supported_dm_single_object_first_level_only_true_all_options() {
        GetSupportedDMResp.RequestedObjectResult r = supported(true, true, "Device.LocalAgent.").getReqObjResults(0);
        assertEquals(4, r.getSupportedObjsCount(), r::toString);
        assertTrue(object(r, "Device.LocalAgent.").getSupportedParamsCount() > 0);
        assertEquals(0, object(r, "Device.LocalAgent.").getUniqueKeySetsCount(), "a single object has no unique keys");
        GetSupportedDMResp.SupportedObjectResult child = object(r, "Device.LocalAgent.Controller.{i}.");
        assertEquals(0, child.getSupportedParamsCount());
        assertEquals(0, child.getSupportedCommandsCount());
        assertEquals(0, child.getSupportedEventsCount());
    }

    @Test // TP-469 1.74
    void tp469_1_74_get_supported_dm_single_object_first_level_only_true_no_options() {
        GetSupportedDMResp.RequestedObjectResult r = supported(true, false, "Device.LocalAgent.").getReqObjResults(0);
        assertEquals(4, r.getSupportedObjsCount());
        for (GetSupportedDMResp.SupportedObjectResult o : r.getSupportedObjsList()) {
            assertEquals(0, o.getSupportedParamsCount() + o.getSupportedCommandsCount() + o.getSupportedEventsCount()
                    + o.getUniqueKeySetsCount(), o::toString);
        }
    }

    @Test // TP-469 1.75
    void tp469_1_75_get_supported_dm_multiple_objects_first_level_only_true_all_options() {
        GetSupportedDMResp resp = supported(true, true, "Device.LocalAgent.Controller.", "Device.LocalAgent.MTP.");
        assertEquals(2, resp.getReqObjResultsCount());
        GetSupportedDMResp.RequestedObjectResult c = resp.getReqObjResults(0);
        assertEquals(3, c.getSupportedObjsCount());
        assertEquals(List.of("ParameterName"),
                object(c, "Device.LocalAgent.Controller.{i}.BootParameter.{i}.").getUniqueKeySets(0).getKeyNamesList());
        assertEquals(1, resp.getReqObjResults(1).getSupportedObjsCount());
        assertEquals("Device.LocalAgent.MTP.{i}.", resp.getReqObjResults(1).getSupportedObjs(0).getSupportedObjPath());
    }

    @Test // TP-469 1.76
    void tp469_1_76_get_supported_dm_on_root_object_all_options() {
        GetSupportedDMResp.RequestedObjectResult r = supported(false, true, "Device.").getReqObjResults(0);
        assertEquals(0, r.getErrCode());
        assertEquals(UspFixture.SCHEMA.objects().size(), r.getSupportedObjsCount(), "the whole supported data model");
        for (GetSupportedDMResp.SupportedObjectResult o : r.getSupportedObjsList()) {
            for (GetSupportedDMResp.SupportedParamResult p : o.getSupportedParamsList()) {
                assertFalse(p.getParamName().isEmpty() || p.getParamName().contains("."), p::toString);
                assertTrue(p.getValueType() != GetSupportedDMResp.ParamValueType.PARAM_UNKNOWN, p::toString);
                assertTrue(p.getValueChange() != GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_UNKNOWN, p::toString);
            }
            o.getSupportedCommandsList().forEach(c -> assertTrue(c.getCommandName().endsWith("()")
                    && c.getCommandType() != GetSupportedDMResp.CmdType.CMD_UNKNOWN, c::toString));
            o.getSupportedEventsList().forEach(e -> assertTrue(e.getEventName().endsWith("!"), e::toString));
            assertEquals(o.getIsMultiInstance(), o.getUniqueKeySetsCount() > 0, o::getSupportedObjPath);
            o.getUniqueKeySetsList().forEach(k -> assertTrue(k.getKeyNamesCount() > 0
                    && k.getKeyNamesList().stream().allMatch(n -> o.getSupportedParamsList().stream()
                            .anyMatch(p -> p.getParamName().equals(n))), k::toString));
        }
        GetSupportedDMResp.SupportedObjectResult root = object(r, "Device.");
        GetSupportedDMResp.SupportedCommandResult timer = root.getSupportedCommandsList().stream()
                .filter(c -> c.getCommandName().equals("ScheduleTimer()")).findFirst().orElseThrow();
        assertEquals(List.of("DelaySeconds"), timer.getInputArgNamesList());
        assertEquals(GetSupportedDMResp.CmdType.CMD_ASYNC, timer.getCommandType());
        assertEquals("Boot!", root.getSupportedEvents(0).getEventName());
        assertEquals(List.of("Cause", "CommandKey"), root.getSupportedEvents(0).getArgNamesList());
    }

    /** A GetSupportedDM of {@code Device.}, {@code first_level_only} false, returning only what {@code request} says. */
    private GetSupportedDMResp.RequestedObjectResult supportedRoot(UspMsg.GetSupportedDM.Builder request) {
        UspMsg.Msg reply = usp.request(UspMsg.Header.MsgType.GET_SUPPORTED_DM, UspMsg.Request.newBuilder()
                .setGetSupportedDm(request.addObjPaths("Device.").setFirstLevelOnly(false)).build());
        assertEquals(UspMsg.Header.MsgType.GET_SUPPORTED_DM_RESP, reply.getHeader().getMsgType());
        GetSupportedDMResp resp = response(reply).getGetSupportedDmResp();
        assertEquals(1, resp.getReqObjResultsCount());
        GetSupportedDMResp.RequestedObjectResult r = resp.getReqObjResults(0);
        assertEquals(0, r.getErrCode());
        assertEquals(UspFixture.SCHEMA.objects().size(), r.getSupportedObjsCount(), "the whole supported data model");
        return r;
    }

    @Test // TP-469 1.97
    void tp469_1_97_get_supported_dm_on_root_object_commands() {
        GetSupportedDMResp.RequestedObjectResult r = supportedRoot(UspMsg.GetSupportedDM.newBuilder().setReturnCommands(true));
        Map<String, GetSupportedDMResp.SupportedCommandResult> commands = new java.util.HashMap<>();
        for (GetSupportedDMResp.SupportedObjectResult o : r.getSupportedObjsList()) {
            assertEquals(0, o.getSupportedParamsCount() + o.getSupportedEventsCount() + o.getUniqueKeySetsCount(),
                    () -> "only commands: " + o);
            o.getSupportedCommandsList().forEach(c -> commands.put(o.getSupportedObjPath() + c.getCommandName(), c));
        }
        assertEquals(Set.of("Device.Reboot()", "Device.ScheduleTimer()",
                "Device.LocalAgent.Controller.{i}.SendOnBoardRequest()"), commands.keySet());
        for (GetSupportedDMResp.SupportedCommandResult c : commands.values()) {
            assertTrue(c.getCommandType() != GetSupportedDMResp.CmdType.CMD_UNKNOWN, c::toString);
            assertEquals(List.of(), c.getOutputArgNamesList(), "no command of this data model has output arguments");
            c.getInputArgNamesList().forEach(a -> assertFalse(a.isEmpty() || a.startsWith("Device."), a));
        }
        assertEquals(GetSupportedDMResp.CmdType.CMD_SYNC, commands.get("Device.Reboot()").getCommandType());
        GetSupportedDMResp.SupportedCommandResult timer = commands.get("Device.ScheduleTimer()");
        assertEquals(GetSupportedDMResp.CmdType.CMD_ASYNC, timer.getCommandType());
        assertEquals(List.of("DelaySeconds"), timer.getInputArgNamesList(), "a relative path");
    }

    @Test // TP-469 1.98
    void tp469_1_98_get_supported_dm_on_root_object_events() {
        GetSupportedDMResp.RequestedObjectResult r = supportedRoot(UspMsg.GetSupportedDM.newBuilder().setReturnEvents(true));
        Map<String, GetSupportedDMResp.SupportedEventResult> events = new java.util.HashMap<>();
        for (GetSupportedDMResp.SupportedObjectResult o : r.getSupportedObjsList()) {
            assertEquals(0, o.getSupportedParamsCount() + o.getSupportedCommandsCount() + o.getUniqueKeySetsCount(),
                    () -> "only events: " + o);
            o.getSupportedEventsList().forEach(e -> events.put(o.getSupportedObjPath() + e.getEventName(), e));
        }
        assertEquals(Set.of("Device.Boot!"), events.keySet());
        assertEquals(List.of("Cause", "CommandKey"), events.get("Device.Boot!").getArgNamesList(), "relative paths");
    }

    @Test // TP-469 1.77
    void tp469_1_77_get_supported_dm_on_unsupported_object_is_7026() {
        GetSupportedDMResp.RequestedObjectResult r = supported(false, true, "Device.LocalAgent.UnsupportedObject.").getReqObjResults(0);
        assertEquals(7026, r.getErrCode());
        assertEquals(0, r.getSupportedObjsCount());
    }

    @Test // TP-469 1.99
    void tp469_1_99_get_supported_dm_unique_key_sets_of_a_table_named_without_its_dot() {
        UspMsg.Msg reply = usp.request(UspMsg.Header.MsgType.GET_SUPPORTED_DM, UspMsg.Request.newBuilder()
                .setGetSupportedDm(UspMsg.GetSupportedDM.newBuilder().addObjPaths("Device.LocalAgent.Subscription")
                        .setReturnUniqueKeySets(true))
                .build());
        GetSupportedDMResp.RequestedObjectResult r = response(reply).getGetSupportedDmResp().getReqObjResults(0);
        assertEquals(1, r.getSupportedObjsCount());
        GetSupportedDMResp.SupportedObjectResult s = r.getSupportedObjs(0);
        assertEquals("Device.LocalAgent.Subscription.{i}.", s.getSupportedObjPath());
        assertEquals(List.of(List.of("Alias"), List.of("Recipient", "ID")),
                s.getUniqueKeySetsList().stream().map(GetSupportedDMResp.SupportedUniqueKeySet::getKeyNamesList).toList());
        assertEquals(0, s.getSupportedParamsCount());
    }

    /** TP-469 1.105 to 1.107: a GetSupportedDM of one path, all options, answers one object. */
    private GetSupportedDMResp.SupportedObjectResult supportedOnly(String path, String objectPath) {
        GetSupportedDMResp resp = supported(false, true, path);
        assertEquals(1, resp.getReqObjResultsCount());
        GetSupportedDMResp.RequestedObjectResult r = resp.getReqObjResults(0);
        assertEquals(0, r.getErrCode());
        assertEquals(path, r.getReqObjPath());
        assertEquals(1, r.getSupportedObjsCount(), r::toString);
        assertEquals(objectPath, r.getSupportedObjs(0).getSupportedObjPath());
        return r.getSupportedObjs(0);
    }

    @Test // TP-469 1.105
    void tp469_1_105_get_supported_dm_on_a_command_reports_only_it() {
        GetSupportedDMResp.SupportedObjectResult o = supportedOnly("Device.Reboot()", "Device.");
        assertEquals(List.of("Reboot()"), o.getSupportedCommandsList().stream()
                .map(GetSupportedDMResp.SupportedCommandResult::getCommandName).toList());
        assertEquals(0, o.getSupportedParamsCount() + o.getSupportedEventsCount() + o.getUniqueKeySetsCount(), o::toString);
    }

    @Test // TP-469 1.106
    void tp469_1_106_get_supported_dm_on_an_event_reports_only_it() {
        GetSupportedDMResp.SupportedObjectResult o = supportedOnly("Device.Boot!", "Device.");
        assertEquals(List.of("Boot!"), o.getSupportedEventsList().stream()
                .map(GetSupportedDMResp.SupportedEventResult::getEventName).toList());
        assertEquals(0, o.getSupportedParamsCount() + o.getSupportedCommandsCount() + o.getUniqueKeySetsCount(), o::toString);
    }

    @Test // TP-469 1.107
    void tp469_1_107_get_supported_dm_on_a_parameter_reports_only_it() {
        GetSupportedDMResp.SupportedObjectResult o = supportedOnly("Device.LocalAgent.EndpointID", "Device.LocalAgent.");
        assertEquals(List.of("EndpointID"), o.getSupportedParamsList().stream()
                .map(GetSupportedDMResp.SupportedParamResult::getParamName).toList());
        assertEquals(0, o.getSupportedCommandsCount() + o.getSupportedEventsCount() + o.getUniqueKeySetsCount(), o::toString);
    }

    @Test
    void get_supported_dm_takes_supported_and_instance_paths_of_existing_instances() {
        GetSupportedDMResp resp = supported(true, false, "Device.LocalAgent.Controller.{i}.MTP.{i}.",
                "Device.LocalAgent.Controller.1.MTP.", "Device.LocalAgent.Controller.9.MTP.",
                "Device.LocalAgent.Controller.BootParameter.");
        assertEquals("Device.LocalAgent.Controller.{i}.MTP.{i}.", resp.getReqObjResults(0).getSupportedObjs(0).getSupportedObjPath());
        assertEquals("Device.LocalAgent.Controller.{i}.MTP.{i}.", resp.getReqObjResults(1).getSupportedObjs(0).getSupportedObjPath());
        assertEquals(7016, resp.getReqObjResults(2).getErrCode());
        assertEquals(7026, resp.getReqObjResults(3).getErrCode());
    }

    // ------------------------------------------------------------------ GetSupportedProtocol

    @Test // TP-469 1.80
    void tp469_1_80_get_supported_protocol_lists_the_agents_versions() {
        UspMsg.Msg reply = usp.request(UspMsg.Header.MsgType.GET_SUPPORTED_PROTO, UspMsg.Request.newBuilder()
                .setGetSupportedProtocol(UspMsg.GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.3,1.4"))
                .build());
        assertEquals(UspMsg.Header.MsgType.GET_SUPPORTED_PROTO_RESP, reply.getHeader().getMsgType());
        assertEquals("1.2,1.3,1.4", response(reply).getGetSupportedProtocolResp().getAgentSupportedProtocolVersions());
    }
}

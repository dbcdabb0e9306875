package dev.demarc.core.usp;

import static dev.demarc.core.usp.UspFixture.create;
import static dev.demarc.core.usp.UspFixture.error;
import static dev.demarc.core.usp.UspFixture.response;
import static dev.demarc.core.usp.UspFixture.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspMsg.AddResp;
import dev.demarc.core.usp.proto.UspMsg.DeleteResp;
import dev.demarc.core.usp.proto.UspMsg.SetResp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Add, Set and Delete, after TP-469 section 1 and TR-369 "Using Allow Partial and Required Parameters". */
class UspWriteMessagesTest {

    private static final String SUBS = "Device.LocalAgent.Subscription.";

    private final UspFixture usp = new UspFixture();

    @AfterEach
    void close() {
        usp.close();
    }

    private Set<String> subscriptionIds() {
        UspMsg.GetResp r = usp.get(SUBS + "*.ID");
        return r.getReqPathResults(0).getResolvedPathResultsList().stream()
                .map(o -> o.getResultParamsMap().get("ID")).collect(Collectors.toSet());
    }

    private static UspMsg.Add.CreateObject subscription(String id, String enable, String enableRequired) {
        return subscription(id, enable, enableRequired, "Device.LocalAgent.SoftwareVersion");
    }

    private static UspMsg.Add.CreateObject subscription(String id, String enable, String enableRequired, String referenceList) {
        return create(SUBS, "Enable", enable, enableRequired, "ID", id, "", "NotifType", "ValueChange", "",
                "ReferenceList", referenceList, "required");
    }

    private static AddResp.CreatedObjectResult.OperationStatus.OperationSuccess success(AddResp.CreatedObjectResult r) {
        assertTrue(r.getOperStatus().hasOperSuccess(), r::toString);
        return r.getOperStatus().getOperSuccess();
    }

    /**
     * A created subscription as TP-469 1.1, 1.2 and 1.5 check it: no parameter error, the unique
     * keys Alias, Recipient and ID, and the values the Add gave (read back with a Get).
     */
    private void assertCreatedSubscription(AddResp.CreatedObjectResult r, String id, String referenceList) {
        assertEquals(SUBS, r.getRequestedPath());
        AddResp.CreatedObjectResult.OperationStatus.OperationSuccess ok = success(r);
        assertEquals(0, ok.getParamErrsCount(), ok::toString);
        assertEquals(Set.of("Alias", "Recipient", "ID"), ok.getUniqueKeysMap().keySet());
        assertEquals(id, ok.getUniqueKeysMap().get("ID"));
        assertEquals("Device.LocalAgent.Controller.1", ok.getUniqueKeysMap().get("Recipient"));
        Map<String, String> values = usp.values(ok.getInstantiatedPath());
        assertEquals("true", values.get("Enable"));
        assertEquals(id, values.get("ID"));
        assertEquals("ValueChange", values.get("NotifType"));
        assertEquals(referenceList, values.get("ReferenceList"));
        assertEquals(ok.getUniqueKeysMap().get("Alias"), values.get("Alias"));
    }

    private void addOfOneSubscriptionSucceeds(boolean allowPartial, String id) {
        UspMsg.Msg reply = usp.add(allowPartial, subscription(id, "true", ""));
        assertEquals(UspMsg.Header.MsgType.ADD_RESP, reply.getHeader().getMsgType());
        AddResp resp = response(reply).getAddResp();
        assertEquals(1, resp.getCreatedObjResultsCount());
        assertCreatedSubscription(resp.getCreatedObjResults(0), id, "Device.LocalAgent.SoftwareVersion");
        assertEquals(Set.of("s1", "s2", "s3", id), subscriptionIds());
    }

    // ------------------------------------------------------------------ Add

    @Test // TP-469 1.1
    void tp469_1_1_add_allow_partial_false_single_object_required_parameters_succeed() {
        addOfOneSubscriptionSucceeds(false, "add1");
    }

    @Test // TP-469 1.2
    void tp469_1_2_add_allow_partial_true_single_object_required_parameters_succeed() {
        addOfOneSubscriptionSucceeds(true, "add2");
    }

    @Test // TP-469 1.3
    void tp469_1_3_add_allow_partial_false_required_parameter_fails_is_an_error_naming_it() {
        UspMsg.Error e = error(usp.add(false, subscription("add3", "InvalidValue", "required")));
        assertEquals(7021, e.getErrCode());
        assertEquals(1, e.getParamErrsCount());
        assertEquals(SUBS + "Enable", e.getParamErrs(0).getParamPath());
        assertEquals(7011, e.getParamErrs(0).getErrCode());
        assertFalse(subscriptionIds().contains("add3"));
    }

    @Test // TP-469 1.4
    void tp469_1_4_add_allow_partial_false_single_invalid_object_is_an_error_naming_it() {
        UspMsg.Error e = error(usp.add(false, create("Device.LocalAgent.InvalidObject.", "Enable", "true", "",
                "ID", "add4", "", "NotifType", "ValueChange", "", "ReferenceList", "Device.LocalAgent.SoftwareVersion", "")));
        assertEquals(7026, e.getErrCode());
        assertEquals(1, e.getParamErrsCount());
        assertEquals("Device.LocalAgent.InvalidObject.", e.getParamErrs(0).getParamPath());
        assertEquals(7026, e.getParamErrs(0).getErrCode());
        assertEquals(Set.of("s1", "s2", "s3"), subscriptionIds());
    }

    @Test // TP-469 1.5
    void tp469_1_5_add_allow_partial_false_multiple_objects() {
        UspMsg.Msg reply = usp.add(false, subscription("add51", "true", ""),
                subscription("add52", "true", "", "Device.LocalAgent.EndpointID"));
        assertEquals(UspMsg.Header.MsgType.ADD_RESP, reply.getHeader().getMsgType());
        AddResp resp = response(reply).getAddResp();
        assertEquals(2, resp.getCreatedObjResultsCount());
        assertCreatedSubscription(resp.getCreatedObjResults(0), "add51", "Device.LocalAgent.SoftwareVersion");
        assertCreatedSubscription(resp.getCreatedObjResults(1), "add52", "Device.LocalAgent.EndpointID");
        assertEquals(Set.of("s1", "s2", "s3", "add51", "add52"), subscriptionIds());
    }

    @Test // TP-469 1.6
    void tp469_1_6_add_allow_partial_false_multiple_objects_with_an_invalid_object_creates_nothing() {
        UspMsg.Error e = error(usp.add(false, subscription("add61", "true", ""),
                create("Device.LocalAgent.InvalidObject.", "Enable", "true", "", "ID", "add62", "",
                        "NotifType", "ValueChange", "", "ReferenceList", "Device.LocalAgent.EndpointID", "required")));
        assertEquals(7026, e.getErrCode());
        assertEquals(1, e.getParamErrsCount());
        assertEquals("Device.LocalAgent.InvalidObject.", e.getParamErrs(0).getParamPath());
        assertEquals(7026, e.getParamErrs(0).getErrCode());
        assertEquals(Set.of("s1", "s2", "s3"), subscriptionIds());
    }

    @Test // TP-469 1.7
    void tp469_1_7_add_allow_partial_false_required_parameter_fails_in_one_of_several_objects() {
        UspMsg.Error e = error(usp.add(false, subscription("add71", "InvalidValue", "required"),
                subscription("add72", "true", "")));
        assertEquals(1, e.getParamErrsCount());
        assertEquals(SUBS + "Enable", e.getParamErrs(0).getParamPath());
        assertEquals(Set.of("s1", "s2", "s3"), subscriptionIds());
    }

    @Test // TP-469 1.8
    void tp469_1_8_add_allow_partial_true_required_parameter_fails_is_an_operation_failure() {
        AddResp resp = response(usp.add(true, subscription("add8", "InvalidValue", "required"))).getAddResp();
        AddResp.CreatedObjectResult.OperationStatus status = resp.getCreatedObjResults(0).getOperStatus();
        assertTrue(status.hasOperFailure(), status::toString);
        assertEquals(7021, status.getOperFailure().getErrCode());
        assertTrue(status.getOperFailure().getErrMsg().contains("Enable"), status::toString);
        assertFalse(subscriptionIds().contains("add8"));
    }

    @Test // TP-469 1.9
    void tp469_1_9_add_allow_partial_true_one_of_two_objects_fails() {
        UspMsg.Add.CreateObject bad = subscription("add92", "true", "").toBuilder()
                .addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder()
                        .setParam("InvalidParameter").setValue("IrrelevantValue").setRequired(true))
                .build();
        AddResp resp = response(usp.add(true, subscription("add91", "true", ""), bad)).getAddResp();
        assertEquals(2, resp.getCreatedObjResultsCount());
        assertEquals(0, success(resp.getCreatedObjResults(0)).getParamErrsCount());
        assertTrue(resp.getCreatedObjResults(1).getOperStatus().hasOperFailure());
        assertEquals(Set.of("s1", "s2", "s3", "add91"), subscriptionIds());
    }

    @Test // TP-469 1.10
    void tp469_1_10_add_with_unique_key_addressing_in_path() {
        AddResp resp = response(usp.add(false, create("Device.LocalAgent.Controller.[EndpointID==\"" + UspFixture.CONTROLLER
                + "\"&&Alias==\"ctrl-1\"].BootParameter.", "Enable", "true", "",
                "ParameterName", "Device.DeviceInfo.FriendlyName", ""))).getAddResp();
        AddResp.CreatedObjectResult.OperationStatus.OperationSuccess ok = success(resp.getCreatedObjResults(0));
        assertEquals("Device.LocalAgent.Controller.1.BootParameter.3.", ok.getInstantiatedPath());
        assertEquals(Map.of("ParameterName", "Device.DeviceInfo.FriendlyName", "Alias", "cpe-3"), ok.getUniqueKeysMap());
        assertEquals("true", usp.values(ok.getInstantiatedPath()).get("Enable"));
    }

    @Test // TP-469 1.88
    void tp469_1_88_add_with_an_invalid_unique_key_fails_even_when_not_required() {
        UspMsg.Error e = error(usp.add(false, create(SUBS, "Enable", "true", "", "Alias", "88InvalidAlias", "",
                "ID", "add88", "")));
        assertEquals(SUBS + "Alias", e.getParamErrs(0).getParamPath());
        assertFalse(subscriptionIds().contains("add88"));
    }

    @Test // TP-469 1.95
    void tp469_1_95_add_with_search_expression_adds_to_every_matched_table() {
        usp.set(false, update("Device.LocalAgent.Controller.2.", "Enable", "true", true));
        AddResp resp = response(usp.add(false, create("Device.LocalAgent.Controller.[Enable==true].BootParameter.",
                "Enable", "true", "", "ParameterName", "Device.DeviceInfo.FriendlyName", ""))).getAddResp();
        assertEquals(2, resp.getCreatedObjResultsCount());
        assertEquals(Set.of("Device.LocalAgent.Controller.1.BootParameter.3.", "Device.LocalAgent.Controller.2.BootParameter.1."),
                resp.getCreatedObjResultsList().stream().map(r -> success(r).getInstantiatedPath()).collect(Collectors.toSet()));
    }

    @Test // TP-469 1.81, R-ADD.5
    void tp469_1_81_add_assigns_the_unique_keys_the_controller_left_out() {
        UspMsg.Msg reply = usp.add(false,
                create(SUBS, "Enable", "true", "", "NotifType", "ValueChange", "",
                        "ReferenceList", "Device.LocalAgent.SoftwareVersion", ""),
                create(SUBS, "Enable", "true", "", "NotifType", "ValueChange", "",
                        "ReferenceList", "Device.LocalAgent.EndpointID", ""));
        assertEquals(UspMsg.Header.MsgType.ADD_RESP, reply.getHeader().getMsgType());
        AddResp resp = response(reply).getAddResp();
        assertEquals(2, resp.getCreatedObjResultsCount());
        AddResp.CreatedObjectResult.OperationStatus.OperationSuccess first = success(resp.getCreatedObjResults(0));
        AddResp.CreatedObjectResult.OperationStatus.OperationSuccess second = success(resp.getCreatedObjResults(1));
        for (AddResp.CreatedObjectResult.OperationStatus.OperationSuccess ok : List.of(first, second)) {
            assertEquals(0, ok.getParamErrsCount(), ok::toString);
            assertEquals(Set.of("Alias", "Recipient", "ID"), ok.getUniqueKeysMap().keySet());
            Map<String, String> values = usp.values(ok.getInstantiatedPath());
            for (String key : List.of("Alias", "Recipient", "ID")) {
                assertFalse(ok.getUniqueKeysMap().get(key).isEmpty(), key);
                assertEquals(ok.getUniqueKeysMap().get(key), values.get(key), key + " as the data model holds it");
            }
        }
        assertEquals("Device.LocalAgent.Subscription.4.", first.getInstantiatedPath());
        assertEquals("Device.LocalAgent.Subscription.5.", second.getInstantiatedPath());
        assertEquals("cpe-4", first.getUniqueKeysMap().get("Alias"));
        assertEquals("cpe-5", second.getUniqueKeysMap().get("Alias"));
        assertNotEquals(first.getUniqueKeysMap().get("Alias"), second.getUniqueKeysMap().get("Alias"));
        assertNotEquals(first.getUniqueKeysMap().get("ID"), second.getUniqueKeysMap().get("ID"));
        assertEquals(first.getUniqueKeysMap().get("Recipient"), second.getUniqueKeysMap().get("Recipient"));
    }

    @Test
    void add_optional_parameter_that_fails_is_reported_and_the_instance_created_without_it() {
        AddResp resp = response(usp.add(false, create(SUBS, "ID", "opt", "", "NotifRetry", "maybe", "",
                "Unknown", "x", ""))).getAddResp();
        AddResp.CreatedObjectResult.OperationStatus.OperationSuccess ok = success(resp.getCreatedObjResults(0));
        assertEquals(Set.of("NotifRetry", "Unknown"),
                ok.getParamErrsList().stream().map(AddResp.ParameterError::getParam).collect(Collectors.toSet()));
        assertEquals(7010, ok.getParamErrsList().stream().filter(p -> p.getParam().equals("Unknown")).findFirst()
                .orElseThrow().getErrCode());
        assertEquals("false", usp.values(ok.getInstantiatedPath()).get("NotifRetry"));
    }

    @Test
    void add_to_what_is_not_a_table_or_not_creatable_fails() {
        assertEquals(7018, error(usp.add(false, create("Device.LocalAgent.", "X", "1", ""))).getErrCode());
        assertEquals(7018, error(usp.add(false, create(SUBS + "1.", "Enable", "true", ""))).getErrCode());
    }

    @Test
    void add_with_a_duplicate_unique_key_fails_with_7025() {
        UspMsg.Error e = error(usp.add(false, create(SUBS, "ID", "s1", "", "Recipient", "Device.LocalAgent.Controller.1", "")));
        assertEquals(7025, e.getErrCode());
        AddResp resp = response(usp.add(true, create(SUBS, "ID", "s1", "", "Recipient", "Device.LocalAgent.Controller.1", "")))
                .getAddResp();
        assertEquals(7025, resp.getCreatedObjResults(0).getOperStatus().getOperFailure().getErrCode());
    }

    // ------------------------------------------------------------------ Set

    private static SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess setSuccess(SetResp.UpdatedObjectResult r) {
        assertTrue(r.getOperStatus().hasOperSuccess(), r::toString);
        return r.getOperStatus().getOperSuccess();
    }

    private void setOfOneRequiredParameterSucceeds(boolean allowPartial) {
        UspMsg.Msg reply = usp.set(allowPartial, update(SUBS + "1.", "NotifRetry", "true", true));
        assertEquals(UspMsg.Header.MsgType.SET_RESP, reply.getHeader().getMsgType());
        SetResp resp = response(reply).getSetResp();
        assertEquals(1, resp.getUpdatedObjResultsCount());
        SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess ok = setSuccess(resp.getUpdatedObjResults(0));
        assertEquals(1, ok.getUpdatedInstResultsCount());
        assertEquals(SUBS + "1.", ok.getUpdatedInstResults(0).getAffectedPath());
        assertEquals(Map.of("NotifRetry", "true"), ok.getUpdatedInstResults(0).getUpdatedParamsMap());
        UspMsg.GetResp.RequestedPathResult read = usp.get(SUBS + "1.NotifRetry").getReqPathResults(0);
        assertEquals(Map.of("NotifRetry", "true"), read.getResolvedPathResults(0).getResultParamsMap());
    }

    @Test // TP-469 1.11
    void tp469_1_11_set_allow_partial_false_required_parameters_pass() {
        setOfOneRequiredParameterSucceeds(false);
    }

    @Test // TP-469 1.12
    void tp469_1_12_set_allow_partial_true_required_parameters_pass() {
        setOfOneRequiredParameterSucceeds(true);
    }

    @Test // TP-469 1.13
    void tp469_1_13_set_allow_partial_false_multiple_objects() {
        SetResp resp = response(usp.set(false, update(SUBS + "1.", "NotifRetry", "true", true),
                update(SUBS + "2.", "NotifRetry", "true", true))).getSetResp();
        assertEquals(2, resp.getUpdatedObjResultsCount());
        assertEquals(SUBS + "2.", setSuccess(resp.getUpdatedObjResults(1)).getUpdatedInstResults(0).getAffectedPath());
        assertEquals("true", usp.values(SUBS + "1.").get("NotifRetry"));
        assertEquals("true", usp.values(SUBS + "2.").get("NotifRetry"));
    }

    @Test // TP-469 1.14
    void tp469_1_14_set_allow_partial_false_required_parameter_fails() {
        UspMsg.Error e = error(usp.set(false, update(SUBS + "1.", "InvalidParameter", "IrrelevantValue", true)));
        assertEquals(7021, e.getErrCode());
        assertEquals(1, e.getParamErrsCount());
        assertEquals(SUBS + "1.InvalidParameter", e.getParamErrs(0).getParamPath());
        assertEquals(7010, e.getParamErrs(0).getErrCode());
    }

    @Test // TP-469 1.15
    void tp469_1_15_set_allow_partial_false_required_parameter_fails_in_one_object_changes_nothing() {
        UspMsg.Error e = error(usp.set(false, update(SUBS + "1.", "NotifRetry", "true", true),
                update(SUBS + "2.", "InvalidParameter", "IrrelevantValue", true)));
        assertEquals(1, e.getParamErrsCount());
        assertEquals(SUBS + "2.InvalidParameter", e.getParamErrs(0).getParamPath());
        assertEquals("false", usp.values(SUBS + "1.").get("NotifRetry"));
    }

    @Test // TP-469 1.16
    void tp469_1_16_set_allow_partial_true_required_parameter_fails_in_one_of_two_objects() {
        SetResp resp = response(usp.set(true, update(SUBS + "1.", "NotifRetry", "true", true),
                update(SUBS + "2.", "InvalidParameter", "IrrelevantValue", true))).getSetResp();
        assertEquals(Map.of("NotifRetry", "true"),
                setSuccess(resp.getUpdatedObjResults(0)).getUpdatedInstResults(0).getUpdatedParamsMap());
        SetResp.UpdatedObjectResult.OperationStatus second = resp.getUpdatedObjResults(1).getOperStatus();
        assertTrue(second.hasOperFailure());
        assertEquals(7021, second.getOperFailure().getErrCode());
        assertEquals(1, second.getOperFailure().getUpdatedInstFailuresCount());
        SetResp.UpdatedInstanceFailure f = second.getOperFailure().getUpdatedInstFailures(0);
        assertEquals(SUBS + "2.", f.getAffectedPath());
        assertEquals(1, f.getParamErrsCount());
        assertEquals("InvalidParameter", f.getParamErrs(0).getParam());
        assertEquals(7010, f.getParamErrs(0).getErrCode());
        assertEquals("true", usp.values(SUBS + "1.").get("NotifRetry"));
    }

    @Test // TP-469 1.17
    void tp469_1_17_set_allow_partial_true_non_required_parameter_fails_the_others_are_set() {
        UspMsg.Set.UpdateObject u = UspMsg.Set.UpdateObject.newBuilder().setObjPath(SUBS + "1.")
                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder().setParam("NotifRetry").setValue("true"))
                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder().setParam("InvalidParameter").setValue("x"))
                .build();
        SetResp.UpdatedInstanceResult r = setSuccess(response(usp.set(true, u)).getSetResp().getUpdatedObjResults(0))
                .getUpdatedInstResults(0);
        assertEquals(SUBS + "1.", r.getAffectedPath());
        assertEquals(Map.of("NotifRetry", "true"), r.getUpdatedParamsMap());
        assertEquals(1, r.getParamErrsCount());
        assertEquals("InvalidParameter", r.getParamErrs(0).getParam());
        assertEquals("true", usp.values(SUBS + "1.").get("NotifRetry"));
    }

    @Test // TP-469 1.18
    void tp469_1_18_set_with_unique_key_addressing_reports_the_instance_number_path() {
        SetResp resp = response(usp.set(false, update(SUBS + "[Recipient==\"Device.LocalAgent.Controller.1\"&&ID==\"s3\"].",
                "NotifRetry", "true", true))).getSetResp();
        assertEquals(SUBS + "3.", setSuccess(resp.getUpdatedObjResults(0)).getUpdatedInstResults(0).getAffectedPath());
    }

    @Test // TP-469 1.19
    void tp469_1_19_set_with_wildcard_allow_partial_false_updates_every_instance() {
        SetResp resp = response(usp.set(false, update(SUBS + "*.", "NotifRetry", "true", true))).getSetResp();
        assertEquals(SUBS + "*.", resp.getUpdatedObjResults(0).getRequestedPath());
        assertEquals(3, setSuccess(resp.getUpdatedObjResults(0)).getUpdatedInstResultsCount());
        assertEquals("true", usp.values(SUBS + "2.").get("NotifRetry"));
    }

    @Test // TP-469 1.20
    void tp469_1_20_set_with_wildcard_allow_partial_false_required_parameter_fails() {
        UspMsg.Error e = error(usp.set(false, update(SUBS + "*.", "InvalidParameter", "x", true)));
        assertEquals(3, e.getParamErrsCount());
        assertEquals(SUBS + "1.InvalidParameter", e.getParamErrs(0).getParamPath());
    }

    @Test // TP-469 1.21, R-SET.2a
    void tp469_1_21_set_with_wildcard_allow_partial_true_one_failure_undoes_the_whole_path() {
        UspMsg.Set.UpdateObject u = UspMsg.Set.UpdateObject.newBuilder().setObjPath(SUBS + "*.")
                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder().setParam("NotifRetry").setValue("true"))
                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder().setParam("Enable").setValue("InvalidValue")
                        .setRequired(true))
                .build();
        SetResp.UpdatedObjectResult.OperationStatus status = response(usp.set(true, u)).getSetResp()
                .getUpdatedObjResults(0).getOperStatus();
        assertTrue(status.hasOperFailure());
        assertEquals(3, status.getOperFailure().getUpdatedInstFailuresCount());
        SetResp.UpdatedInstanceFailure f = status.getOperFailure().getUpdatedInstFailures(0);
        assertEquals(SUBS + "1.", f.getAffectedPath());
        assertEquals("Enable", f.getParamErrs(0).getParam());
        assertEquals(7011, f.getParamErrs(0).getErrCode());
        assertEquals("false", usp.values(SUBS + "1.").get("NotifRetry"), "nothing of the path was changed");
    }

    @Test // TP-469 1.22
    void tp469_1_22_set_with_search_expression() {
        SetResp resp = response(usp.set(false, update(SUBS + "[NotifExpiration>15].", "NotifRetry", "true", true)))
                .getSetResp();
        assertEquals(List.of(SUBS + "2."), setSuccess(resp.getUpdatedObjResults(0)).getUpdatedInstResultsList().stream()
                .map(SetResp.UpdatedInstanceResult::getAffectedPath).toList());
    }

    @Test // TP-469 1.23
    void tp469_1_23_set_with_path_that_matches_no_objects_is_an_empty_success() {
        SetResp resp = response(usp.set(true, update(SUBS + "[Recipient==\"InvalidValue\"].", "NotifRetry", "true", true)))
                .getSetResp();
        assertEquals(0, setSuccess(resp.getUpdatedObjResults(0)).getUpdatedInstResultsCount());
    }

    @Test // TP-469 1.96
    void tp469_1_96_a_non_functional_unique_key_cannot_be_changed() {
        UspMsg.Error e = error(usp.set(false, update(SUBS + "1.", "ID", "s1-NEW", true)));
        assertEquals(7013, e.getParamErrs(0).getErrCode());
        assertEquals("s1", usp.values(SUBS + "1.").get("ID"));
    }

    @Test // TP-469 1.104
    void tp469_1_104_set_on_a_write_once_read_only_parameter_fails() {
        String path = success(response(usp.add(false, create(SUBS, "Alias", "test-1-104", "", "ID", "t104", "")))
                .getAddResp().getCreatedObjResults(0)).getInstantiatedPath();
        UspMsg.Error e = error(usp.set(false, update(path, "Alias", "test-1-104-new-alias", true)));
        assertEquals(7021, e.getErrCode());
        assertEquals(7013, e.getParamErrs(0).getErrCode());
        assertEquals("test-1-104", usp.values(path).get("Alias"));
    }

    @Test
    void set_of_an_instance_that_does_not_exist_is_7016() {
        assertEquals(7016, error(usp.set(false, update(SUBS + "9.", "NotifRetry", "true", true))).getErrCode());
        assertEquals(7016, response(usp.set(true, update(SUBS + "9.", "NotifRetry", "true", true))).getSetResp()
                .getUpdatedObjResults(0).getOperStatus().getOperFailure().getErrCode());
    }

    @Test
    void set_reports_the_value_after_the_update_and_a_unique_key_clash_fails_with_7025() {
        SetResp resp = response(usp.set(false, update("Device.DeviceInfo.", "FriendlyName", "Home gateway", true))).getSetResp();
        assertEquals(Map.of("FriendlyName", "Home gateway"),
                setSuccess(resp.getUpdatedObjResults(0)).getUpdatedInstResults(0).getUpdatedParamsMap());
        assertEquals(7025, error(usp.set(false, update("Device.LocalAgent.Controller.2.", "EndpointID",
                UspFixture.CONTROLLER, true))).getErrCode());
        SetResp.UpdatedObjectResult.OperationStatus status = response(usp.set(true, update("Device.LocalAgent.Controller.2.",
                "EndpointID", UspFixture.CONTROLLER, true))).getSetResp().getUpdatedObjResults(0).getOperStatus();
        assertEquals(7025, status.getOperFailure().getErrCode());
        assertEquals("Device.LocalAgent.Controller.2.", status.getOperFailure().getUpdatedInstFailures(0).getAffectedPath());
    }

    // ------------------------------------------------------------------ Delete

    private static DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess deleted(DeleteResp.DeletedObjectResult r) {
        assertTrue(r.getOperStatus().hasOperSuccess(), r::toString);
        return r.getOperStatus().getOperSuccess();
    }

    @Test // TP-469 1.24
    void tp469_1_24_delete_allow_partial_false_valid_object_instance() {
        UspMsg.Msg reply = usp.delete(false, SUBS + "2.");
        assertEquals(UspMsg.Header.MsgType.DELETE_RESP, reply.getHeader().getMsgType());
        DeleteResp.DeletedObjectResult r = response(reply).getDeleteResp().getDeletedObjResults(0);
        assertEquals(SUBS + "2.", r.getRequestedPath());
        assertEquals(List.of(SUBS + "2."), deleted(r).getAffectedPathsList());
        assertEquals(Set.of("s1", "s3"), subscriptionIds());
    }

    /** TP-469 1.25 and 1.29: an instance that does not exist is an empty {@code oper_success} (R-DEL.2a). */
    private void deleteOfAnInstanceThatDoesNotExistIsAnEmptySuccess(boolean allowPartial) {
        UspMsg.Msg reply = usp.delete(allowPartial, SUBS + "99.");
        assertEquals(UspMsg.Header.MsgType.DELETE_RESP, reply.getHeader().getMsgType());
        DeleteResp resp = response(reply).getDeleteResp();
        assertEquals(1, resp.getDeletedObjResultsCount());
        assertEquals(SUBS + "99.", resp.getDeletedObjResults(0).getRequestedPath());
        assertEquals(DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.getDefaultInstance(),
                deleted(resp.getDeletedObjResults(0)), "oper_success{}");
        assertEquals(Set.of("s1", "s2", "s3"), subscriptionIds());
    }

    @Test // TP-469 1.25
    void tp469_1_25_delete_allow_partial_false_object_instance_does_not_exist_is_an_empty_success() {
        deleteOfAnInstanceThatDoesNotExistIsAnEmptySuccess(false);
    }

    @Test // TP-469 1.26
    void tp469_1_26_delete_allow_partial_false_invalid_object_is_an_error_naming_it() {
        UspMsg.Error e = error(usp.delete(false, "Device.LocalAgent.InvalidObject."));
        assertEquals(7026, e.getErrCode());
        assertEquals(1, e.getParamErrsCount());
        assertEquals("Device.LocalAgent.InvalidObject.", e.getParamErrs(0).getParamPath());
        assertEquals(7026, e.getParamErrs(0).getErrCode());
    }

    @Test // TP-469 1.27
    void tp469_1_27_delete_allow_partial_false_multiple_objects() {
        UspMsg.Msg reply = usp.delete(false, SUBS + "1.", SUBS + "3.");
        assertEquals(UspMsg.Header.MsgType.DELETE_RESP, reply.getHeader().getMsgType());
        DeleteResp resp = response(reply).getDeleteResp();
        assertEquals(2, resp.getDeletedObjResultsCount());
        assertEquals(SUBS + "1.", resp.getDeletedObjResults(0).getRequestedPath());
        assertEquals(List.of(SUBS + "1."), deleted(resp.getDeletedObjResults(0)).getAffectedPathsList());
        assertEquals(SUBS + "3.", resp.getDeletedObjResults(1).getRequestedPath());
        assertEquals(List.of(SUBS + "3."), deleted(resp.getDeletedObjResults(1)).getAffectedPathsList());
        assertEquals(Set.of("s2"), subscriptionIds());
    }

    @Test // TP-469 1.28
    void tp469_1_28_delete_allow_partial_false_multiple_objects_with_an_invalid_object_deletes_nothing() {
        UspMsg.Error e = error(usp.delete(false, SUBS + "1.", "Device.LocalAgent.InvalidObject."));
        assertEquals(7026, e.getErrCode());
        assertEquals(1, e.getParamErrsCount());
        assertEquals("Device.LocalAgent.InvalidObject.", e.getParamErrs(0).getParamPath());
        assertEquals(7026, e.getParamErrs(0).getErrCode());
        assertEquals(Set.of("s1", "s2", "s3"), subscriptionIds());
    }

    @Test // TP-469 1.29
    void tp469_1_29_delete_allow_partial_true_object_instance_does_not_exist_is_an_empty_success() {
        deleteOfAnInstanceThatDoesNotExistIsAnEmptySuccess(true);
    }

    @Test // TP-469 1.30
    void tp469_1_30_delete_allow_partial_true_invalid_object_is_an_operation_failure() {
        UspMsg.Msg reply = usp.delete(true, "Device.LocalAgent.InvalidObject.");
        assertEquals(UspMsg.Header.MsgType.DELETE_RESP, reply.getHeader().getMsgType());
        DeleteResp resp = response(reply).getDeleteResp();
        assertEquals(1, resp.getDeletedObjResultsCount());
        assertEquals("Device.LocalAgent.InvalidObject.", resp.getDeletedObjResults(0).getRequestedPath());
        DeleteResp.DeletedObjectResult.OperationStatus status = resp.getDeletedObjResults(0).getOperStatus();
        assertTrue(status.hasOperFailure(), status::toString);
        assertEquals(7026, status.getOperFailure().getErrCode());
    }

    @Test // TP-469 1.31
    void tp469_1_31_delete_allow_partial_true_multiple_objects_with_an_invalid_object() {
        UspMsg.Msg reply = usp.delete(true, SUBS + "1.", "Device.LocalAgent.InvalidObject.");
        assertEquals(UspMsg.Header.MsgType.DELETE_RESP, reply.getHeader().getMsgType());
        DeleteResp resp = response(reply).getDeleteResp();
        assertEquals(2, resp.getDeletedObjResultsCount());
        assertEquals(List.of(SUBS + "1."), deleted(resp.getDeletedObjResults(0)).getAffectedPathsList());
        DeleteResp.DeletedObjectResult.OperationStatus bad = resp.getDeletedObjResults(1).getOperStatus();
        assertTrue(bad.hasOperFailure(), bad::toString);
        assertEquals(7026, bad.getOperFailure().getErrCode());
        assertEquals(Set.of("s2", "s3"), subscriptionIds());
    }

    @Test // TP-469 1.32
    void tp469_1_32_delete_allow_partial_true_multiple_objects_one_does_not_exist() {
        UspMsg.Msg reply = usp.delete(true, SUBS + "1.", SUBS + "77.");
        assertEquals(UspMsg.Header.MsgType.DELETE_RESP, reply.getHeader().getMsgType());
        DeleteResp resp = response(reply).getDeleteResp();
        assertEquals(2, resp.getDeletedObjResultsCount());
        assertEquals(List.of(SUBS + "1."), deleted(resp.getDeletedObjResults(0)).getAffectedPathsList());
        assertEquals(SUBS + "77.", resp.getDeletedObjResults(1).getRequestedPath());
        assertEquals(DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.getDefaultInstance(),
                deleted(resp.getDeletedObjResults(1)), "oper_success{}");
        assertEquals(Set.of("s2", "s3"), subscriptionIds());
    }

    @Test // TP-469 1.33
    void tp469_1_33_delete_with_unique_key_addressing_reports_instance_numbers() {
        DeleteResp.DeletedObjectResult r = response(usp.delete(false, "Device.LocalAgent.Controller.[EndpointID==\""
                + UspFixture.CONTROLLER + "\"&&Alias==\"ctrl-1\"].BootParameter.1.")).getDeleteResp().getDeletedObjResults(0);
        assertEquals(List.of("Device.LocalAgent.Controller.1.BootParameter.1."), deleted(r).getAffectedPathsList());
    }

    @Test // TP-469 1.34
    void tp469_1_34_delete_with_wildcard_search_path() {
        DeleteResp.DeletedObjectResult r = response(usp.delete(false, SUBS + "*.")).getDeleteResp().getDeletedObjResults(0);
        assertEquals(SUBS + "*.", r.getRequestedPath());
        assertEquals(3, deleted(r).getAffectedPathsCount());
        assertEquals(Set.of(), subscriptionIds());
    }

    @Test // TP-469 1.35
    void tp469_1_35_delete_with_search_expression_deletes_only_the_matches() {
        DeleteResp.DeletedObjectResult r = response(usp.delete(false, "Device.LocalAgent.Controller.1.BootParameter.[Enable==true]."))
                .getDeleteResp().getDeletedObjResults(0);
        assertEquals(List.of("Device.LocalAgent.Controller.1.BootParameter.1."), deleted(r).getAffectedPathsList());
        UspMsg.GetResp left = usp.get("Device.LocalAgent.Controller.1.BootParameter.");
        assertEquals(List.of("Device.LocalAgent.Controller.1.BootParameter.2."), left.getReqPathResults(0)
                .getResolvedPathResultsList().stream().map(UspMsg.GetResp.ResolvedPathResult::getResolvedPath).toList());
    }

    @Test // TP-469 1.90
    void tp469_1_90_delete_with_search_expression_that_matches_nothing_is_an_empty_success() {
        DeleteResp.DeletedObjectResult r = response(usp.delete(false, SUBS + "[NotifExpiration>1000].")).getDeleteResp()
                .getDeletedObjResults(0);
        assertEquals(0, deleted(r).getAffectedPathsCount());
    }

    @Test
    void delete_of_a_table_or_a_single_object_is_refused() {
        assertEquals(7004, error(usp.delete(false, SUBS)).getErrCode());
        assertEquals(7018, error(usp.delete(false, "Device.LocalAgent.")).getErrCode());
        assertEquals(Set.of("s1", "s2", "s3"), subscriptionIds());
    }
}

package dev.demarc.core.usp;

import static dev.demarc.core.usp.UspFixture.error;
import static dev.demarc.core.usp.UspFixture.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Operate, and the messages an agent does not serve: Register, Deregister, Notify, unknown types. */
class UspOtherMessagesTest {

    private final List<UspCommand.Call> calls = new CopyOnWriteArrayList<>();
    private final UspFixture usp = new UspFixture(UspAgent.Config.DEFAULT, UspCommands.builder()
            .register("Device.Reboot()", (model, call) -> {
                calls.add(call);
                return Result.ok(Map.of());
            })
            .register("Device.LocalAgent.Controller.{i}.SendOnBoardRequest()", (model, call) -> {
                calls.add(call);
                return call.objectPath().endsWith(".2.")
                        ? Result.err(ErrorCode.COMMAND_FAILURE, "controller 2 is disabled")
                        : Result.ok(Map.of("Sent", "true"));
            })
            .build());

    @AfterEach
    void close() {
        usp.close();
    }

    private UspMsg.Msg operate(String command, boolean sendResp, Map<String, String> input) {
        return usp.request(UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder()
                .setOperate(UspMsg.Operate.newBuilder().setCommand(command).setCommandKey("key-1").setSendResp(sendResp)
                        .putAllInputArgs(input))
                .build());
    }

    private UspMsg.OperateResp.OperationResult onlyResult(UspMsg.Msg reply) {
        assertEquals(UspMsg.Header.MsgType.OPERATE_RESP, reply.getHeader().getMsgType());
        UspMsg.OperateResp resp = response(reply).getOperateResp();
        assertEquals(1, resp.getOperationResultsCount(), resp::toString);
        return resp.getOperationResults(0);
    }

    @Test // TP-469 1.61
    void tp469_1_61_operate_with_send_resp_true_answers_the_output_arguments() {
        UspMsg.OperateResp.OperationResult r = onlyResult(operate("Device.Reboot()", true, Map.of()));
        assertEquals("Device.Reboot()", r.getExecutedCommand());
        assertTrue(r.hasReqOutputArgs());
        assertEquals(0, r.getReqOutputArgs().getOutputArgsCount());
        assertEquals("key-1", calls.get(0).commandKey());
    }

    @Test // TP-469 1.62, R-OPR.4
    void tp469_1_62_operate_with_send_resp_false_runs_the_command_and_answers_nothing() {
        usp.deliver(UspFixture.record(UspFixture.CONTROLLER, UspFixture.AGENT, UspFixture.msg("op", UspMsg.Header.MsgType.OPERATE,
                UspMsg.Request.newBuilder().setOperate(UspMsg.Operate.newBuilder().setCommand("Device.Reboot()")).build())
                .toByteArray()).build().toByteArray());
        usp.assertNoAnswerTo(new byte[0]);
        assertEquals(1, calls.size());
    }

    @Test // R-OPR.1, R-OPR.6
    void operate_on_a_search_path_runs_each_match_and_reports_each_failure_in_its_result() {
        UspMsg.OperateResp resp = response(operate("Device.LocalAgent.Controller.*.SendOnBoardRequest()", true,
                Map.of("Unknown", "ignored"))).getOperateResp();
        assertEquals(2, resp.getOperationResultsCount());
        assertEquals("Device.LocalAgent.Controller.1.SendOnBoardRequest()", resp.getOperationResults(0).getExecutedCommand());
        assertEquals(Map.of("Sent", "true"), resp.getOperationResults(0).getReqOutputArgs().getOutputArgsMap());
        assertEquals(7022, resp.getOperationResults(1).getCmdFailure().getErrCode());
        assertEquals("controller 2 is disabled", resp.getOperationResults(1).getCmdFailure().getErrMsg());
        assertEquals(Map.of(), calls.get(0).inputArgs(), "unknown input arguments are ignored");
        assertEquals(UspFixture.CONTROLLER, calls.get(0).context().controllerEndpointId());
        assertEquals("Device.LocalAgent.Controller.1.", calls.get(0).context().controllerPath());
    }

    @Test // TP-469 1.100, R-OPR.5
    void tp469_1_100_a_missing_mandatory_input_argument_is_a_7027_command_failure() {
        UspMsg.OperateResp.OperationResult r = onlyResult(operate("Device.ScheduleTimer()", true, Map.of()));
        assertEquals("Device.ScheduleTimer()", r.getExecutedCommand());
        assertEquals(7027, r.getCmdFailure().getErrCode());
        assertEquals(7027, onlyResult(operate("Device.ScheduleTimer()", true, Map.of("DelaySeconds", "soon")))
                .getCmdFailure().getErrCode());
    }

    @Test
    void an_asynchronous_command_in_a_model_without_a_request_table_fails_with_7022() {
        UspMsg.OperateResp.OperationResult.CommandFailure f =
                onlyResult(operate("Device.ScheduleTimer()", true, Map.of("DelaySeconds", "30"))).getCmdFailure();
        assertEquals(7022, f.getErrCode());
        assertEquals("Device.ScheduleTimer() is asynchronous and this data model has no Device.LocalAgent.Request. "
                + "table to track it", f.getErrMsg());
    }

    @Test
    void a_command_without_an_implementation_fails_with_7022_and_an_unknown_one_is_an_error() {
        try (UspFixture bare = new UspFixture()) {
            UspMsg.Msg reply = bare.request(UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder()
                    .setOperate(UspMsg.Operate.newBuilder().setCommand("Device.Reboot()").setSendResp(true)).build());
            assertEquals(7022, response(reply).getOperateResp().getOperationResults(0).getCmdFailure().getErrCode());
        }
        assertEquals(7026, error(operate("Device.SelfDestruct()", true, Map.of())).getErrCode());
        assertEquals(7016, error(operate("Device.LocalAgent.Controller.9.SendOnBoardRequest()", true, Map.of())).getErrCode());
        assertEquals(7026, error(operate("Device.LocalAgent.", true, Map.of())).getErrCode());
    }

    @Test
    void register_and_deregister_get_error_7001_as_this_agent_is_no_broker() {
        UspMsg.Error e = error(usp.request(UspMsg.Header.MsgType.REGISTER, UspMsg.Request.newBuilder()
                .setRegister(UspMsg.Register.newBuilder().addRegPaths(
                        UspMsg.Register.RegistrationPath.newBuilder().setPath("Device.Services.")))
                .build()));
        assertEquals(7001, e.getErrCode());
        assertEquals(7001, error(usp.request(UspMsg.Header.MsgType.DEREGISTER, UspMsg.Request.newBuilder()
                .setDeregister(UspMsg.Deregister.newBuilder().addPaths("Device.Services.")).build())).getErrCode());
    }

    @Test
    void a_notify_request_from_a_controller_gets_error_7001() {
        assertEquals(7001, error(usp.request(UspMsg.Header.MsgType.NOTIFY, UspMsg.Request.newBuilder()
                .setNotify(UspMsg.Notify.newBuilder().setSubscriptionId("x")).build())).getErrCode());
    }

    @Test // R-MSG.1, R-ENC.5
    void an_unknown_request_type_gets_7001_and_an_empty_request_7004() throws Exception {
        UspMsg.Request unknown = UspMsg.Request.parseFrom(new byte[] {(byte) 0xa2, 0x06, 0x00}); // field 100, empty
        assertEquals(7001, error(usp.request(UspMsg.Header.MsgType.GET, unknown)).getErrCode());
        assertEquals(7004, error(usp.request(UspMsg.Header.MsgType.GET, UspMsg.Request.getDefaultInstance())).getErrCode());
    }

    @Test
    void a_notify_response_goes_to_the_events_and_other_responses_are_not_answered() {
        byte[] notifyResp = UspFixture.record(UspFixture.CONTROLLER, UspFixture.AGENT, UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId("n1").setMsgType(UspMsg.Header.MsgType.NOTIFY_RESP))
                .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder()
                        .setNotifyResp(UspMsg.NotifyResp.newBuilder().setSubscriptionId("sub-1"))))
                .build().toByteArray()).build().toByteArray();
        usp.assertNoAnswerTo(notifyResp);
        assertEquals(List.of(UspFixture.CONTROLLER + " n1 sub-1"), usp.notifyResponses);
        byte[] errorMsg = UspFixture.record(UspFixture.CONTROLLER, UspFixture.AGENT, UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId("e1").setMsgType(UspMsg.Header.MsgType.ERROR))
                .setBody(UspMsg.Body.newBuilder().setError(UspMsg.Error.newBuilder().setErrCode(7000)))
                .build().toByteArray()).build().toByteArray();
        usp.assertNoAnswerTo(errorMsg);
    }

    @Test
    void a_message_without_body_is_7004_when_its_header_names_a_request() {
        UspMsg.Msg noBody = UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId("b1").setMsgType(UspMsg.Header.MsgType.GET)).build();
        usp.deliver(UspFixture.record(UspFixture.CONTROLLER, UspFixture.AGENT, noBody.toByteArray()).build().toByteArray());
        UspMsg.Msg reply = UspFixture.replyMessage(usp.nextRecord());
        assertEquals("b1", reply.getHeader().getMsgId());
        assertEquals(7004, error(reply).getErrCode());
    }
}

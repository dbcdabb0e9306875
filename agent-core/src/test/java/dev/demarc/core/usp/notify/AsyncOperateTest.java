package dev.demarc.core.usp.notify;

import static dev.demarc.core.usp.notify.NotifyFixture.C1;
import static dev.demarc.core.usp.notify.NotifyFixture.C2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.usp.UspAsyncCommand;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.proto.UspMsg;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous Operate (TR-369 "Asynchronous Operations", R-OPR.0, R-OPR.2; TP-469 1.64, 1.65, 1.79, 1.91):
 * the Request instance, its Status, OperationComplete.
 */
class AsyncOperateTest {

    private static final String COMMAND = "Device.SelfTestDiagnostics()";
    private static final String TRACE_ROUTE = "Device.IP.Diagnostics.TraceRoute()";
    private static final String REQUESTS = "Device.LocalAgent.Request.";
    /** TR-181 {@code Device.ScheduleTimer()}: the agent's own {@link ScheduleTimerCommand}, on the manual clock. */
    private static final String SCHEDULE_TIMER = "Device.ScheduleTimer()";

    private final List<CompletableFuture<Result<Map<String, String>>>> running = new CopyOnWriteArrayList<>();
    private final List<UspCommand.Call> calls = new CopyOnWriteArrayList<>();
    private NotifyFixture usp = NotifyFixture.fresh(commands());

    private UspCommands commands() {
        UspAsyncCommand command = (model, call) -> {
            CompletableFuture<Result<Map<String, String>>> f = new CompletableFuture<>();
            calls.add(call);
            running.add(f);
            return f;
        };
        return UspCommands.builder().registerAsync(COMMAND, command).registerAsync(TRACE_ROUTE, command).build();
    }

    @AfterEach
    void close() {
        usp.close();
    }

    private void subscribeToCompletion(String from, String id) {
        usp.subscribe(from, "Enable", "true", "ID", id, "NotifType", "OperationComplete", "ReferenceList", COMMAND,
                "Persistent", "true", "NotifRetry", "true");
    }

    private UspMsg.OperateResp.OperationResult onlyResult(UspMsg.Msg reply) {
        assertEquals(UspMsg.Header.MsgType.OPERATE_RESP, reply.getHeader().getMsgType(), reply::toString);
        UspMsg.OperateResp r = reply.getBody().getResponse().getOperateResp();
        assertEquals(1, r.getOperationResultsCount());
        return r.getOperationResults(0);
    }

    @Test // TP-469 1.64
    void tp469_1_64_async_operate_answers_the_request_path_and_completes_with_operation_complete() {
        subscribeToCompletion(C1, "done");
        usp.subscribe(C2, "Enable", "true", "ID", "status", "NotifType", "ValueChange", "ReferenceList", REQUESTS + "*.Status");
        UspMsg.OperateResp.OperationResult r = onlyResult(usp.operate(C1, COMMAND, "test64", true));
        assertEquals(COMMAND, r.getExecutedCommand());
        assertEquals(REQUESTS + "1.", r.getReqObjPath());
        Map<String, String> row = usp.values(REQUESTS + "1.");
        assertEquals(C1, row.get("Originator"));
        assertEquals(COMMAND, row.get("Command"));
        assertEquals("test64", row.get("CommandKey"));
        assertEquals("Active", row.get("Status"));
        assertEquals("Active", usp.nextNotify(C2).getValueChange().getParamValue(), "Requested, then Active");
        assertEquals("test64", calls.get(0).commandKey());

        running.get(0).complete(Result.ok(Map.of("Results", "all good")));
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("done", n.getSubscriptionId());
        assertEquals("Device.", n.getOperComplete().getObjPath());
        assertEquals("SelfTestDiagnostics()", n.getOperComplete().getCommandName());
        assertEquals("test64", n.getOperComplete().getCommandKey());
        assertEquals(Map.of("Results", "all good"), n.getOperComplete().getReqOutputArgs().getOutputArgsMap());
        assertEquals("Success", usp.nextNotify(C2).getValueChange().getParamValue(), "Success before the instance goes");
        assertEquals(List.of(), usp.instances(REQUESTS), "R-OPR.0: removed when complete");
    }

    @Test // TP-469 1.65
    void tp469_1_65_async_operate_with_send_resp_false_answers_nothing_and_still_completes() {
        subscribeToCompletion(C1, "done");
        usp.operate(C1, COMMAND, "test65", false);
        assertEquals(0, usp.count(s -> s.msg().getBody().getResponse().hasOperateResp()), "R-OPR.4");
        assertEquals(List.of(REQUESTS + "1."), usp.instances(REQUESTS));
        running.get(0).complete(Result.ok(Map.of()));
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("test65", n.getOperComplete().getCommandKey());
        assertTrue(n.getOperComplete().hasReqOutputArgs());
    }

    @Test // TP-469 1.79
    void tp469_1_79_operate_with_input_arguments() {
        usp.subscribe(C1, "Enable", "true", "ID", "timer", "NotifType", "OperationComplete", "ReferenceList", SCHEDULE_TIMER);
        UspMsg.OperateResp.OperationResult r = onlyResult(usp.operate(C1, SCHEDULE_TIMER, "test79", true,
                Map.of("DelaySeconds", "30")));
        assertEquals(SCHEDULE_TIMER, r.getExecutedCommand());
        assertEquals(REQUESTS + "1.", r.getReqObjPath());
        Map<String, String> row = usp.values(REQUESTS + "1.");
        assertEquals(SCHEDULE_TIMER, row.get("Command"));
        assertEquals("test79", row.get("CommandKey"));

        usp.advance(Duration.ofSeconds(29));
        assertEquals(0, usp.notifyCount(C1), "the timer has not run out");
        usp.advance(Duration.ofSeconds(1));
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("timer", n.getSubscriptionId());
        assertTrue(n.hasOperComplete(), n::toString);
        assertEquals("ScheduleTimer()", n.getOperComplete().getCommandName());
        assertEquals("Device.", n.getOperComplete().getObjPath());
        assertEquals("test79", n.getOperComplete().getCommandKey());
        assertTrue(n.getOperComplete().hasReqOutputArgs(), n::toString);
        assertEquals(List.of(), usp.instances(REQUESTS), "R-OPR.0: removed when complete");
    }

    @Test // TP-469 1.91, R-OPR.6
    void tp469_1_91_unknown_arguments_in_an_operate_message_are_ignored() {
        UspMsg.OperateResp.OperationResult r = onlyResult(usp.operate(C1, SCHEDULE_TIMER, "", true,
                Map.of("DelaySeconds", "10", "InvalidArgument", "2")));
        assertEquals(SCHEDULE_TIMER, r.getExecutedCommand());
        assertFalse(r.hasCmdFailure(), r::toString);
        assertEquals(REQUESTS + "1.", r.getReqObjPath());
        assertEquals(Map.of("DelaySeconds", "10"), keptCall(REQUESTS + "1.").call().inputArgs(),
                "the unknown argument is left out");
    }

    @Test
    void an_asynchronous_command_without_an_implementation_fails_with_7022_and_tracks_nothing() {
        usp.close();
        usp = NotifyFixture.fresh(UspCommands.none());
        UspMsg.OperateResp.OperationResult.CommandFailure f = onlyResult(usp.operate(C1, COMMAND, "k", true))
                .getCmdFailure();
        assertEquals(7022, f.getErrCode());
        assertEquals(COMMAND + " is in the data model but this agent cannot run it", f.getErrMsg());
        assertEquals(List.of(), usp.instances(REQUESTS));
    }

    @Test
    void a_failed_command_completes_with_cmd_failure() {
        subscribeToCompletion(C2, "any");
        usp.operate(C1, COMMAND, "bad", true);
        usp.operate(C1, COMMAND, "worse", true);
        running.get(0).complete(Result.err(ErrorCode.COMMAND_FAILURE, "the self test found a fault"));
        UspMsg.Notify n = usp.nextNotify(C2);
        assertEquals("bad", n.getOperComplete().getCommandKey());
        assertEquals(7022, n.getOperComplete().getCmdFailure().getErrCode());
        assertEquals("the self test found a fault", n.getOperComplete().getCmdFailure().getErrMsg());
        running.get(1).completeExceptionally(new IllegalStateException("platform crashed"));
        assertEquals(7022, usp.nextNotify(C2).getOperComplete().getCmdFailure().getErrCode());
        assertEquals(List.of(), usp.instances(REQUESTS));
    }

    @Test // TR-369 "Concurrent Operations": deny with 7005
    void the_same_command_key_twice_or_more_commands_than_the_table_holds_are_refused_with_7005() {
        onlyResult(usp.operate(C1, COMMAND, "k", true));
        assertEquals(7005, onlyResult(usp.operate(C1, COMMAND, "k", true)).getCmdFailure().getErrCode());
        assertEquals(REQUESTS + "2.", onlyResult(usp.operate(C2, COMMAND, "k", true)).getReqObjPath(),
                "another originator may use the same key");
        assertEquals(7005, onlyResult(usp.operate(C1, COMMAND, "k3", true)).getCmdFailure().getErrCode(),
                "the test table holds two");
        assertEquals(2, running.size(), "refused commands never start");
    }

    @Test // TR-369 "Persistence of Asynchronous Operations"
    void a_command_running_at_a_restart_has_failed_and_its_request_is_removed() {
        subscribeToCompletion(C1, "done");
        usp.operate(C1, COMMAND, "interrupted", true);
        usp = usp.restart(Duration.ofSeconds(10), BootCause.localReboot(), true, commands());
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("interrupted", n.getOperComplete().getCommandKey());
        assertEquals(7022, n.getOperComplete().getCmdFailure().getErrCode());
        assertEquals(List.of(), usp.instances(REQUESTS));
    }

    @Test
    void operation_complete_covers_commands_below_an_object_path_and_not_others() {
        usp.subscribe(C1, "Enable", "true", "ID", "below", "NotifType", "OperationComplete", "ReferenceList", "Device.");
        usp.subscribe(C2, "Enable", "true", "ID", "elsewhere", "NotifType", "OperationComplete",
                "ReferenceList", "Device.LocalAgent.");
        usp.operate(C1, COMMAND, "k", false);
        running.get(0).complete(Result.ok(Map.of()));
        assertEquals("below", usp.nextNotify(C1).getSubscriptionId());
        assertEquals(0, usp.notifyCount(C2));
    }

    @Test // TP-469 1.92 (engine side): the data model's defaults of left-out input arguments
    void tp469_1_92_left_out_input_arguments_reach_the_command_with_their_defaults() {
        UspMsg.OperateResp.OperationResult r = onlyResult(usp.operate(C1, TRACE_ROUTE, "test92", true,
                Map.of("Host", "192.0.2.7", "ProtocolVersion", "Any")));
        assertEquals(TRACE_ROUTE, r.getExecutedCommand());
        assertEquals(REQUESTS + "1.", r.getReqObjPath());
        assertEquals(Map.of("Host", "192.0.2.7", "ProtocolVersion", "Any", "NumberOfTries", "3", "Timeout", "5000"),
                calls.get(0).inputArgs(), "DSCP has no default: it stays out");
        onlyResult(usp.operate(C1, TRACE_ROUTE, "given", true,
                Map.of("Host", "192.0.2.7", "ProtocolVersion", "IPv4", "NumberOfTries", "1", "DSCP", "10")));
        assertEquals(Map.of("Host", "192.0.2.7", "ProtocolVersion", "IPv4", "NumberOfTries", "1", "Timeout", "5000",
                "DSCP", "10"), calls.get(1).inputArgs(), "a given value wins over the default");
    }

    private UspMsg.OperateResp.OperationResult cancel(String from, String request) {
        return onlyResult(usp.operate(from, request + "Cancel()", "", true));
    }

    @Test // TR-181 Request.{i}.Cancel(), Status; TR-369 R-OPR.3, error 7023
    void cancel_stops_the_command_and_completes_it_with_7023() {
        subscribeToCompletion(C1, "done");
        usp.subscribe(C2, "Enable", "true", "ID", "status", "NotifType", "ValueChange", "ReferenceList", REQUESTS + "*.Status");
        String request = onlyResult(usp.operate(C1, COMMAND, "long", true)).getReqObjPath();
        assertEquals("Active", usp.nextNotify(C2).getValueChange().getParamValue());

        UspMsg.OperateResp.OperationResult r = cancel(C2, request);
        assertEquals(request + "Cancel()", r.getExecutedCommand());
        assertTrue(r.hasReqOutputArgs(), r::toString);
        assertTrue(running.get(0).isCancelled(), "the command's future is cancelled: it may stop its work");
        assertEquals("Canceling", usp.nextNotify(C2).getValueChange().getParamValue(), "at once");
        assertEquals("Canceled", usp.nextNotify(C2).getValueChange().getParamValue(), "when the cancellation is done");

        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("long", n.getOperComplete().getCommandKey());
        assertEquals(7023, n.getOperComplete().getCmdFailure().getErrCode());
        assertTrue(n.getOperComplete().getCmdFailure().getErrMsg().contains(C2), n::toString);
        assertEquals(List.of(), usp.instances(REQUESTS), "R-OPR.0: removed when complete");

        running.get(0).complete(Result.ok(Map.of("Results", "too late")));
        assertEquals(0, usp.notifyCount(C1), "completing it afterwards changes nothing");
    }

    @Test
    void cancel_of_a_command_that_has_completed_fails_with_7022_and_the_command_completes_as_it_did() {
        subscribeToCompletion(C1, "done");
        String request = onlyResult(usp.operate(C1, COMMAND, "quick", true)).getReqObjPath();
        Result<Map<String, String>> refused = usp.onModel(m -> {
            running.get(0).complete(Result.ok(Map.of("Results", "fine")));
            return usp.agent.notifications().asyncOperations().cancel(m, new UspCommand.Call(request + "Cancel()",
                    request, "", Map.of(), calls.get(0).context()));
        });
        assertEquals(ErrorCode.COMMAND_FAILURE, refused.error().code());
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals(Map.of("Results", "fine"), n.getOperComplete().getReqOutputArgs().getOutputArgsMap());
        assertEquals(List.of(), usp.instances(REQUESTS));
        assertEquals(7016, usp.operate(C1, request + "Cancel()", "", true).getBody().getError().getErrCode(),
                "the request is gone");
    }

    @Test // UspAsyncCommand: a stage without toCompletableFuture cannot be canceled, and still completes
    @SuppressWarnings("unchecked")
    void a_command_whose_stage_cannot_be_canceled_refuses_cancel_with_7022_and_completes() {
        CompletableFuture<Result<Map<String, String>>> inner = new CompletableFuture<>();
        CompletionStage<Result<Map<String, String>>> stage = (CompletionStage<Result<Map<String, String>>>)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CompletionStage.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("toCompletableFuture")) {
                                throw new UnsupportedOperationException("not offered");
                            }
                            return method.invoke(inner, args);
                        });
        usp.close();
        usp = NotifyFixture.fresh(UspCommands.builder().registerAsync(COMMAND, (model, call) -> stage).build());
        subscribeToCompletion(C1, "done");
        String request = onlyResult(usp.operate(C1, COMMAND, "uncancellable", true)).getReqObjPath();
        assertEquals(REQUESTS + "1.", request);

        assertEquals(7022, cancel(C1, request).getCmdFailure().getErrCode());
        inner.complete(Result.ok(Map.of("Results", "fine")));
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("uncancellable", n.getOperComplete().getCommandKey());
        assertEquals(Map.of("Results", "fine"), n.getOperComplete().getReqOutputArgs().getOutputArgsMap());
        assertEquals(List.of(), usp.instances(REQUESTS));
    }

    // ------------------------------------------------------------------ Device.ScheduleTimer() and restarts

    /** The call of a resumable command kept in the notification store for its Request instance. */
    private ResumableCall keptCall(String request) {
        String kept = usp.onModel(m -> usp.notifyStore.snapshot().get(AsyncOperations.KEY_PREFIX + request));
        assertTrue(kept != null, () -> "no kept call for " + request);
        return ResumableCall.decode(kept).value();
    }

    private List<String> keptCalls() {
        return usp.onModel(m -> usp.notifyStore.snapshot().keySet().stream()
                .filter(k -> k.startsWith(AsyncOperations.KEY_PREFIX)).sorted().toList());
    }

    private void subscribeToTimers(String from, String id) {
        usp.subscribe(from, "Enable", "true", "ID", id, "NotifType", "OperationComplete", "ReferenceList", SCHEDULE_TIMER,
                "Persistent", "true");
    }

    private String scheduleTimer(String from, String commandKey, long seconds) {
        UspMsg.OperateResp.OperationResult r = onlyResult(usp.operate(from, SCHEDULE_TIMER, commandKey, true,
                Map.of("DelaySeconds", Long.toString(seconds))));
        assertFalse(r.hasCmdFailure(), r::toString);
        return r.getReqObjPath();
    }

    @Test // TP-469 9.11
    void tp469_9_11_schedule_timer_completes_with_operation_complete_after_its_delay() {
        subscribeToTimers(C1, "timer");
        UspMsg.OperateResp.OperationResult r = onlyResult(usp.operate(C1, SCHEDULE_TIMER, "", true,
                Map.of("DelaySeconds", "60")));
        assertEquals(SCHEDULE_TIMER, r.getExecutedCommand(), "metric 1");
        assertEquals(REQUESTS + "1.", r.getReqObjPath());
        usp.advance(Duration.ofSeconds(59));
        assertEquals(0, usp.notifyCount(C1));
        usp.advance(Duration.ofSeconds(1));
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("ScheduleTimer()", n.getOperComplete().getCommandName(), "metric 2");
        assertEquals("Device.", n.getOperComplete().getObjPath());
        assertEquals(Map.of(), n.getOperComplete().getReqOutputArgs().getOutputArgsMap(), "it has no output arguments");
        assertEquals(List.of(), keptCalls(), "a completed timer is no longer kept");
    }

    @Test // TR-181: "A scheduled timer MUST persist across reboots"
    void a_scheduled_timer_survives_a_restart_and_completes_at_its_time_on_the_same_request() {
        subscribeToTimers(C1, "timer");
        String request = scheduleTimer(C1, "wake", 60);
        ResumableCall kept = keptCall(request);
        assertEquals(SCHEDULE_TIMER, kept.call().command());
        assertEquals("wake", kept.call().commandKey());
        assertEquals(C1, kept.call().context().controllerEndpointId());
        assertEquals(NotifyFixture.T0, kept.startedAt());
        usp.advance(Duration.ofSeconds(10));

        usp = usp.restart(Duration.ofSeconds(20), BootCause.localReboot(), true, commands());
        assertEquals(List.of(request), usp.instances(REQUESTS), "the Request instance stays");
        assertEquals("Active", usp.values(request).get("Status"));
        assertEquals("wake", usp.values(request).get("CommandKey"));
        usp.advance(Duration.ofSeconds(29));
        assertEquals(0, usp.notifyCount(C1), "60 s from its start have not passed: 10 before the restart, 20 down, 29 after");
        usp.advance(Duration.ofSeconds(1));
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("wake", n.getOperComplete().getCommandKey());
        assertTrue(n.getOperComplete().hasReqOutputArgs(), n::toString);
        assertEquals(List.of(), usp.instances(REQUESTS));
        assertEquals(List.of(), keptCalls());
    }

    @Test
    void a_timer_that_fell_due_while_the_agent_was_down_completes_at_start() {
        subscribeToTimers(C1, "timer");
        scheduleTimer(C1, "overdue", 30);
        usp = usp.restart(Duration.ofMinutes(5), BootCause.localReboot(), true, commands());
        usp.advance(Duration.ZERO);
        assertEquals("overdue", usp.nextNotify(C1).getOperComplete().getCommandKey());
        assertEquals(List.of(), usp.instances(REQUESTS));
    }

    @Test
    void after_a_restart_with_the_clock_set_back_the_whole_delay_counts_again_from_the_start() {
        subscribeToTimers(C1, "timer");
        scheduleTimer(C1, "unsynced", 30);
        usp = usp.restart(Duration.ofDays(-400), BootCause.localReboot(), true, commands());
        usp.advance(Duration.ofSeconds(29));
        assertEquals(0, usp.notifyCount(C1));
        usp.advance(Duration.ofSeconds(1));
        assertEquals("unsynced", usp.nextNotify(C1).getOperComplete().getCommandKey());
    }

    @Test
    void a_canceled_timer_completes_with_7023_never_fires_and_is_not_kept() {
        subscribeToTimers(C1, "timer");
        String request = scheduleTimer(C1, "stop me", 60);
        assertTrue(cancel(C1, request).hasReqOutputArgs());
        assertEquals(7023, usp.nextNotify(C1).getOperComplete().getCmdFailure().getErrCode());
        usp.advance(Duration.ofSeconds(120));
        assertEquals(0, usp.notifyCount(C1), "the timer was stopped");
        assertEquals(List.of(), keptCalls());
    }

    @Test // TP-469 1.100 on the agent's own command: nothing runs, nothing is kept
    void a_timer_without_delay_seconds_or_with_zero_is_refused_with_7027() {
        subscribeToTimers(C1, "timer");
        assertEquals(7027, onlyResult(usp.operate(C1, SCHEDULE_TIMER, "test100", true, Map.of()))
                .getCmdFailure().getErrCode());
        assertEquals(7027, onlyResult(usp.operate(C1, SCHEDULE_TIMER, "zero", true, Map.of("DelaySeconds", "0")))
                .getCmdFailure().getErrCode());
        usp.advance(Duration.ofSeconds(120));
        assertEquals(0, usp.notifyCount(C1));
        assertEquals(List.of(), usp.instances(REQUESTS));
        assertEquals(List.of(), keptCalls());
    }

    @Test
    void a_timer_that_cannot_be_kept_for_a_restart_does_not_start() {
        usp.onModel(m -> {
            usp.notifyStore.failNextCommit(new java.io.IOException("disk full"));
            return null;
        });
        UspMsg.OperateResp.OperationResult r = onlyResult(usp.operate(C1, SCHEDULE_TIMER, "k", true,
                Map.of("DelaySeconds", "5")));
        assertEquals(7022, r.getCmdFailure().getErrCode());
        assertTrue(r.getCmdFailure().getErrMsg().contains("disk full"), r::toString);
        assertEquals(List.of(), usp.instances(REQUESTS), "no Request instance is left behind");
    }

    @Test
    void an_unreadable_kept_call_fails_its_request_at_restart_and_a_kept_call_without_a_request_is_dropped() {
        subscribeToTimers(C1, "timer");
        String request = scheduleTimer(C1, "spoiled", 60);
        usp.onModel(m -> {
            try {
                usp.notifyStore.commit(Map.of(AsyncOperations.KEY_PREFIX + request, java.util.Optional.of("{\"format\":1"),
                        AsyncOperations.KEY_PREFIX + REQUESTS + "9.", java.util.Optional.of("{}")));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        usp = usp.restart(Duration.ofSeconds(1), BootCause.localReboot(), true, commands());
        UspMsg.Notify n = usp.nextNotify(C1);
        assertEquals("spoiled", n.getOperComplete().getCommandKey());
        assertEquals(7022, n.getOperComplete().getCmdFailure().getErrCode());
        assertEquals(List.of(), usp.instances(REQUESTS));
        assertEquals(List.of(), keptCalls());
    }

    @Test
    void kept_calls_round_trip_and_bad_ones_are_errors() {
        UspCommand.Call call = new UspCommand.Call("Device.ScheduleTimer()", "Device.", "k \"1\"",
                Map.of("DelaySeconds", "60"), new dev.demarc.core.usp.UspRequestContext(C1,
                        "Device.LocalAgent.Controller.1.", NotifyFixture.address(C1)));
        ResumableCall back = ResumableCall.decode(new ResumableCall(call, NotifyFixture.T0).encode()).value();
        assertEquals(call.command(), back.call().command());
        assertEquals(call.objectPath(), back.call().objectPath());
        assertEquals(call.commandKey(), back.call().commandKey());
        assertEquals(call.inputArgs(), back.call().inputArgs());
        assertEquals(call.context().controllerPath(), back.call().context().controllerPath());
        assertEquals(NotifyFixture.T0, back.startedAt());
        for (String bad : List.of("", "[]", "{\"format\":2}", "{\"format\":1,\"command\":\"Device.X()\"}",
                "{\"format\":1,\"command\":\"Device.X()\",\"objectPath\":\"Device.Y.\",\"commandKey\":\"\","
                        + "\"originator\":\"c\",\"controller\":\"\",\"startedAt\":0}",
                "{\"format\":1,\"command\":\"Device.X()\",\"objectPath\":\"Device.\",\"commandKey\":\"\","
                        + "\"originator\":\"c\",\"controller\":\"\",\"startedAt\":0,\"input\":{\"A\":1}}")) {
            assertFalse(ResumableCall.decode(bad).isOk(), bad);
        }
    }
}

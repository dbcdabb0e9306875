package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.linux.CommandDeviceControl;
import dev.demarc.tr181.platform.DeviceControl;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Diagnostics;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.SystemPlatform;
import dev.demarc.tr181.platform.SystemStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Device.Reboot()} and {@code Device.FactoryReset()} end to end: a controller over
 * WebSocket asks for them, the agent records the cause and runs the platform's command (here a
 * script writing a marker file), and the next start's {@code Boot!} says why, with the Operate's
 * command key; after a factory reset the agent starts from its factory defaults.
 */
class AgentRebootTest {

    private static final String CONTROLLER = "Device.LocalAgent.Controller.1.";
    private static final String AGENT_ID = "proto::agent-reboot";
    private static final String CONTROLLER_ID = "proto::controller-reboot";

    @TempDir
    Path tmp;

    private final ScheduledExecutorService pool = PlatformThreads.newPool("test-control");
    private RunningAgent agent;
    private WebSocketTestClient controller;
    /** The Boot! event's arguments of each start, in order. */
    private final List<Map<String, String>> boots = new ArrayList<>();

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (agent != null) {
            agent.close();
        }
        pool.shutdownNow();
    }

    /** A device whose reboot and factory reset append to its {@link #marker()} file. */
    private Platform device() {
        Path marker = marker();
        DeviceControl control = new CommandDeviceControl(Map.of(
                DeviceControl.Action.REBOOT, List.of("/bin/sh", "-c", "echo reboot >> '" + marker + "'"),
                DeviceControl.Action.FACTORY_RESET, List.of("/bin/sh", "-c", "echo factory-reset >> '" + marker + "'")),
                SystemCommandRunner.standard(), pool, Duration.ZERO);
        DeviceInfoPlatform info = new StaticDeviceInfo(DeviceIdentity.unknown());
        return new Platform() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public DeviceInfoPlatform deviceInfo() {
                return info;
            }

            @Override
            public SystemPlatform system() {
                return new SystemPlatform(SystemStatus.none(), Diagnostics.none(), control);
            }
        };
    }

    private Path defaults() throws Exception {
        return Files.write(tmp.resolve("defaults.txt"), List.of(
                CONTROLLER + "EndpointID = " + CONTROLLER_ID,
                CONTROLLER + "Enable = true",
                CONTROLLER + "AssignedRole = Device.LocalAgent.ControllerTrust.Role.1",
                CONTROLLER + "PeriodicNotifInterval = 60",
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.1.WebSocket.Path = /usp",
                "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = false",
                "Device.LocalAgent.Subscription.1.Enable = true",
                "Device.LocalAgent.Subscription.1.Recipient = Device.LocalAgent.Controller.1",
                "Device.LocalAgent.Subscription.1.ID = boot",
                "Device.LocalAgent.Subscription.1.NotifType = Event",
                "Device.LocalAgent.Subscription.1.ReferenceList = Device.Boot!",
                "Device.LocalAgent.Subscription.1.Persistent = true"));
    }

    /** Starts the agent on the test's data directory, connects the controller, and answers the Boot! it gets. */
    private Map<String, String> start(Platform platform) throws Exception {
        agent = RunningAgent.start(RunningAgent.Settings.builder(tmp.resolve("data"))
                .defaultsFile(defaults())
                .endpointId(AGENT_ID)
                .platform(platform)
                .webSocketPort(0)
                .build());
        int port = agent.router().webSocketServerPort("Device.LocalAgent.MTP.1").orElseThrow();
        controller = WebSocketTestClient.connect(port, "/usp", CONTROLLER_ID);
        UspRecord.Record connect = Usp.parse(controller.next());
        assertEquals(UspRecord.Record.RecordTypeCase.WEBSOCKET_CONNECT, connect.getRecordTypeCase());
        UspMsg.Msg boot = Usp.msg(Usp.parse(controller.next()));
        UspMsg.Notify.Event event = boot.getBody().getRequest().getNotify().getEvent();
        assertEquals("Boot!", event.getEventName(), boot::toString);
        return event.getParamsMap();
    }

    /** Stops the agent and starts it again on the same device, as after its reboot; adds the new Boot! to {@link #boots}. */
    private void restart() throws Exception {
        controller.close();
        controller = null;
        agent.close();
        agent = null;
        boots.add(start(device()));
    }

    private UspMsg.OperateResp.OperationResult operate(String command, String key, Map<String, String> input) {
        UspMsg.Msg msg = UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId("op-" + key).setMsgType(UspMsg.Header.MsgType.OPERATE))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                        .setOperate(UspMsg.Operate.newBuilder().setCommand(command).setCommandKey(key)
                                .setSendResp(true).putAllInputArgs(input))))
                .build();
        controller.send(Usp.record(CONTROLLER_ID, AGENT_ID, msg));
        UspMsg.Msg resp = Usp.msg(Usp.parse(controller.next()));
        assertTrue(resp.getBody().getResponse().hasOperateResp(), resp::toString);
        return resp.getBody().getResponse().getOperateResp().getOperationResults(0);
    }

    private Path marker() {
        return tmp.resolve("marker");
    }

    /** Waits until the device's reboot or factory reset command has written {@code line} to its marker. */
    private void waitFor(String line) throws Exception {
        Path marker = marker();
        long deadline = System.nanoTime() + Usp.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(marker) && Files.readAllLines(marker).contains(line)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the platform's command did not write " + line + " to " + marker);
    }

    @Test
    void the_next_boot_reports_the_remote_reboot_and_factory_reset_with_their_command_keys() throws Exception {
        boots.add(start(device()));
        assertEquals("LocalFactoryReset", boots.get(0).get("Cause"), "the first start");

        UspMsg.OperateResp.OperationResult reboot = operate("Device.Reboot()", "reboot-42", Map.of("Reason", "maintenance"));
        assertEquals("Device.Reboot()", reboot.getExecutedCommand());
        assertTrue(reboot.hasReqOutputArgs(), reboot::toString);
        waitFor("reboot");
        assertTrue(Files.exists(tmp.resolve("data").resolve(BootCauseFile.FILE_NAME)), "recorded before the command");
        restart();
        assertEquals("RemoteReboot", boots.get(1).get("Cause"));
        assertEquals("reboot-42", boots.get(1).get("CommandKey"));
        assertEquals("maintenance", boots.get(1).get("Reason"));
        assertFalse(Files.exists(tmp.resolve("data").resolve(BootCauseFile.FILE_NAME)), "reported: cleared");

        controller.send(Usp.record(CONTROLLER_ID, AGENT_ID, Usp.set("set-1", CONTROLLER, "PeriodicNotifInterval", "600")));
        assertTrue(Usp.msg(Usp.parse(controller.next())).getBody().getResponse().hasSetResp());
        UspMsg.OperateResp.OperationResult reset = operate("Device.FactoryReset()", "reset-7", Map.of());
        assertTrue(reset.hasReqOutputArgs(), reset::toString);
        waitFor("factory-reset");
        restart();
        assertEquals("RemoteFactoryReset", boots.get(2).get("Cause"));
        assertEquals("reset-7", boots.get(2).get("CommandKey"));
        assertEquals("Unknown", boots.get(2).get("Reason"), "TR-181: Unknown when the Operate gave none");
        controller.send(Usp.record(CONTROLLER_ID, AGENT_ID, Usp.get("get-1", CONTROLLER + "PeriodicNotifInterval")));
        assertEquals("60", Usp.getResp(Usp.msg(Usp.parse(controller.next())), CONTROLLER)
                .get("PeriodicNotifInterval"), "the factory defaults again");

        restart();
        assertEquals("LocalReboot", boots.get(3).get("Cause"), "nobody asked for this one");
        assertEquals("", boots.get(3).get("CommandKey"));
    }

    /**
     * TP-469 9.10 asks for Device.DeviceInfo.BootFirmwareImage as the boot parameter; this agent
     * has no firmware images yet, so another parameter of DeviceInfo stands for it.
     */
    @Test // TP-469 9.10
    void the_boot_event_after_a_remote_reboot_carries_the_boot_parameters_added_before_TP469_9_10() throws Exception {
        boots.add(start(device()));
        add(Usp.add("add-subscription", "Device.LocalAgent.Subscription.",
                Map.of("NotifType", "Event", "ReferenceList", "Device.Boot!", "Enable", "true")));
        add(Usp.add("add-boot-parameter", CONTROLLER + "BootParameter.",
                Map.of("Enable", "true", "ParameterName", "Device.DeviceInfo.SoftwareVersion")));

        operate("Device.Reboot()", "reboot-9-10", Map.of());
        waitFor("reboot");
        restart();

        assertEquals("RemoteReboot", boots.get(1).get("Cause"));
        assertTrue(boots.get(1).get("ParameterMap").contains("\"Device.DeviceInfo.SoftwareVersion\":"),
                boots.get(1)::toString);
        UspMsg.Notify second = Usp.msg(Usp.parse(controller.next())).getBody().getRequest().getNotify();
        assertEquals("Boot!", second.getEvent().getEventName(), "the subscription the controller added hears it too");
        assertEquals(boots.get(1).get("ParameterMap"), second.getEvent().getParamsMap().get("ParameterMap"));
    }

    /**
     * TP-469 9.11 on the agent's own {@code Device.ScheduleTimer()}, with a remote reboot while
     * the timer runs: TR-181 says a scheduled timer persists across reboots.
     */
    @Test // TP-469 9.11
    void tp469_9_11_a_timer_scheduled_before_a_remote_reboot_completes_after_it() throws Exception {
        boots.add(start(device()));
        add(Usp.add("add-subscription", "Device.LocalAgent.Subscription.", Map.of("NotifType",
                "OperationComplete", "ReferenceList", "Device.ScheduleTimer()", "Enable", "true", "Persistent", "true")));

        UspMsg.OperateResp.OperationResult timer = operate("Device.ScheduleTimer()", "test9-11",
                Map.of("DelaySeconds", "3"));
        assertEquals("Device.ScheduleTimer()", timer.getExecutedCommand(), "metric 1");
        assertEquals("Device.LocalAgent.Request.1.", timer.getReqObjPath(), timer::toString);
        operate("Device.Reboot()", "reboot-9-11", Map.of());
        waitFor("reboot");
        restart();
        assertEquals("RemoteReboot", boots.get(1).get("Cause"));

        UspMsg.Notify done = Usp.msg(Usp.parse(controller.next())).getBody().getRequest().getNotify();
        assertTrue(done.hasOperComplete(), done::toString);
        assertEquals("ScheduleTimer()", done.getOperComplete().getCommandName(), "metric 2");
        assertEquals("Device.", done.getOperComplete().getObjPath());
        assertEquals("test9-11", done.getOperComplete().getCommandKey());
        assertTrue(done.getOperComplete().hasReqOutputArgs(), done::toString);
        controller.send(Usp.record(CONTROLLER_ID, AGENT_ID, Usp.get("get-requests", "Device.LocalAgent.RequestNumberOfEntries")));
        UspMsg.Msg requests = Usp.msg(Usp.parse(controller.next()));
        assertEquals("0", Usp.getResp(requests, "Device.LocalAgent.").get("RequestNumberOfEntries"), requests::toString);
    }

    /** Sends the Add {@code request} and checks that its object was created. */
    private void add(UspMsg.Msg request) {
        controller.send(Usp.record(CONTROLLER_ID, AGENT_ID, request));
        UspMsg.Msg resp = Usp.msg(Usp.parse(controller.next()));
        assertTrue(resp.getBody().getResponse().hasAddResp(), resp::toString);
        assertTrue(resp.getBody().getResponse().getAddResp().getCreatedObjResults(0).getOperStatus().hasOperSuccess(),
                resp::toString);
    }

    @Test
    void without_a_reboot_command_reboot_fails_with_7022_and_nothing_is_recorded() throws Exception {
        start(Platform.of(new StaticDeviceInfo(DeviceIdentity.unknown())));
        UspMsg.OperateResp.OperationResult r = operate("Device.Reboot()", "k", Map.of());
        assertEquals(7022, r.getCmdFailure().getErrCode(), r::toString);
        assertTrue(r.getCmdFailure().getErrMsg().contains("--reboot-command"), r::toString);
        assertFalse(Files.exists(tmp.resolve("data").resolve(BootCauseFile.FILE_NAME)));
    }
}

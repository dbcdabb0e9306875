package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TR-369 "Challenges", end to end: a controller the agent does not trust (the built-in untrusted
 * role) sees the challenges, asks for one, answers it over WebSocket and holds the challenge's
 * role from its next message.
 */
class AgentChallengeTest {

    private static final String AGENT = "proto::agent";
    private static final String STRANGER = "proto::stranger";
    private static final String TRUST = "Device.LocalAgent.ControllerTrust.";
    private static final String CONTROLLER = "Device.LocalAgent.Controller.1.";

    @TempDir
    Path tmp;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static UspMsg.Msg operate(String msgId, String command, Map<String, String> input) {
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.OPERATE))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                        .setOperate(UspMsg.Operate.newBuilder().setCommand(command).setSendResp(true)
                                .putAllInputArgs(input))))
                .build();
    }

    private static UspMsg.OperateResp.OperationResult result(UspMsg.Msg answer) {
        assertTrue(answer.getBody().getResponse().hasOperateResp(), answer::toString);
        return answer.getBody().getResponse().getOperateResp().getOperationResults(0);
    }

    @Test
    void an_untrusted_controller_earns_full_access_by_answering_a_challenge() throws Exception {
        List<String> defaults = List.of(
                CONTROLLER + "EndpointID = " + STRANGER,
                CONTROLLER + "Enable = true",
                CONTROLLER + "AssignedRole = " + TRUST + "Role.2",
                TRUST + "Challenge.1.Enable = true",
                TRUST + "Challenge.1.Alias = admin",
                TRUST + "Challenge.1.Description = Administrator access",
                TRUST + "Challenge.1.Role = " + TRUST + "Role.1",
                TRUST + "Challenge.1.Value = " + base64("label-7731"),
                TRUST + "Challenge.1.Instruction = " + base64("Enter the code on the label under the gateway"),
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.1.WebSocket.Path = /usp",
                "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = false");
        RunningAgent agent = RunningAgent.start(RunningAgent.Settings.builder(tmp.resolve("data"))
                .defaultsFile(Files.write(tmp.resolve("defaults.txt"), defaults)).endpointId(AGENT).webSocketPort(0)
                .build());
        opened.add(agent);
        int port = agent.router().webSocketServerPort("Device.LocalAgent.MTP.1").orElseThrow();
        WebSocketTestClient c = WebSocketTestClient.connect(port, "/usp", STRANGER);
        opened.add(c);
        assertEquals(UspRecord.Record.RecordTypeCase.WEBSOCKET_CONNECT, Usp.parse(c.next()).getRecordTypeCase());

        c.send(Usp.record(STRANGER, AGENT, Usp.get("see", TRUST + "Challenge.", "Device.DeviceInfo.")));
        UspMsg.Msg seen = Usp.msg(Usp.parse(c.next()));
        assertEquals(Map.of("Alias", "admin", "Description", "Administrator access"),
                Usp.getResp(seen, TRUST + "Challenge.1."), "the untrusted role reads these two and nothing else");
        assertTrue(!seen.toString().contains("SerialNumber"), "nothing of DeviceInfo: " + seen);

        c.send(Usp.record(STRANGER, AGENT, operate("ask", TRUST + "RequestChallenge()",
                Map.of("ChallengeRef", TRUST + "Challenge.1"))));
        UspMsg.OperateResp.OperationResult asked = result(Usp.msg(Usp.parse(c.next())));
        Map<String, String> out = asked.getReqOutputArgs().getOutputArgsMap();
        assertEquals(base64("Enter the code on the label under the gateway"), out.get("Instruction"), asked::toString);
        assertEquals("text/plain", out.get("InstructionType"));
        String id = out.get("ChallengeID");

        c.send(Usp.record(STRANGER, AGENT, operate("wrong", TRUST + "ChallengeResponse()",
                Map.of("ChallengeID", id, "Value", base64("label-0000")))));
        UspMsg.OperateResp.OperationResult wrong = result(Usp.msg(Usp.parse(c.next())));
        assertEquals(7002, wrong.getCmdFailure().getErrCode(), wrong::toString);

        c.send(Usp.record(STRANGER, AGENT, operate("right", TRUST + "ChallengeResponse()",
                Map.of("ChallengeID", id, "Value", base64("label-7731")))));
        UspMsg.OperateResp.OperationResult right = result(Usp.msg(Usp.parse(c.next())));
        assertTrue(right.hasReqOutputArgs(), right::toString);

        c.send(Usp.record(STRANGER, AGENT, Usp.get("after", "Device.DeviceInfo.SerialNumber", CONTROLLER + "AssignedRole")));
        UspMsg.Msg after = Usp.msg(Usp.parse(c.next()));
        assertEquals(TRUST + "Role.1", Usp.getResp(after, CONTROLLER).get("AssignedRole"));
        assertTrue(Usp.getResp(after, "Device.DeviceInfo.").containsKey("SerialNumber"), after::toString);
    }
}

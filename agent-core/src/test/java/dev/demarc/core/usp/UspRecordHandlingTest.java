package dev.demarc.core.usp;

import static dev.demarc.core.usp.UspFixture.AGENT;
import static dev.demarc.core.usp.UspFixture.CONTROLLER;
import static dev.demarc.core.usp.UspFixture.DISABLED_CONTROLLER;
import static dev.demarc.core.usp.UspFixture.error;
import static dev.demarc.core.usp.UspFixture.msg;
import static dev.demarc.core.usp.UspFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the agent does with records: TR-369 "End to End Message Exchange", "USP Record Errors", TP-469 2.x and 3.x. */
class UspRecordHandlingTest {

    private final UspFixture usp = new UspFixture();

    @AfterEach
    void close() {
        usp.close();
    }

    private static byte[] getRecord(String msgId, String fromId, String toId) {
        return record(fromId, toId, getMsg(msgId).toByteArray()).build().toByteArray();
    }

    private static UspMsg.Msg getMsg(String msgId) {
        return msg(msgId, UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                .setGet(UspMsg.Get.newBuilder().addParamPaths("Device.LocalAgent.EndpointID")).build());
    }

    private UspMsg.Error errorAnswer(String expectedMsgId) {
        UspMsg.Msg reply = UspFixture.replyMessage(usp.nextRecord());
        assertEquals(expectedMsgId, reply.getHeader().getMsgId());
        return error(reply);
    }

    @Test
    void a_request_is_answered_in_a_no_session_context_record_to_the_sender() {
        usp.deliver(getRecord("m1", CONTROLLER, AGENT));
        UspRecord.Record r = usp.nextRecord();
        UspMsg.Msg reply = UspFixture.replyMessage(r);
        assertEquals("m1", reply.getHeader().getMsgId());
        assertEquals(UspMsg.Header.MsgType.GET_RESP, reply.getHeader().getMsgType());
    }

    @Test
    void answers_and_errors_are_handed_to_the_mtp_as_responses() throws Exception {
        usp.deliver(getRecord("m1", CONTROLLER, AGENT));
        assertEquals(UspAgent.Carried.RESPONSE, usp.nextSent().carried(), "a GetResp");
        usp.deliver(record(CONTROLLER, AGENT, msg("m2", UspMsg.Header.MsgType.REGISTER, UspMsg.Request.newBuilder()
                .setRegister(UspMsg.Register.getDefaultInstance()).build()).toByteArray()).build().toByteArray());
        UspFixture.FakeTransport.Sent sent = usp.nextSent();
        UspRecord.Record r = UspRecord.Record.parseFrom(sent.record());
        assertTrue(UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload()).getBody().hasError(), "an Error to Register");
        assertEquals(UspAgent.Carried.RESPONSE, sent.carried(), "an Error answering a request");
    }

    @Test // TP-469 2.1
    void tp469_2_1_agent_does_not_accept_messages_from_its_own_endpoint_id() {
        usp.assertNoAnswerTo(getRecord("m1", AGENT, AGENT));
        usp.assertNoAnswerTo(UspRecord.Record.newBuilder().setVersion("1.4").setFromId(AGENT).setToId(AGENT)
                .setSessionContext(UspRecord.SessionContextRecord.newBuilder().setSessionId(5).setSequenceId(1))
                .build().toByteArray());
    }

    @Test // TP-469 2.2, R-E2E.1
    void tp469_2_2_a_record_for_another_endpoint_is_dropped() {
        usp.assertNoAnswerTo(getRecord("m1", CONTROLLER, "os::someone-else"));
    }

    @Test
    void a_record_from_an_unknown_controller_is_dropped() {
        usp.assertNoAnswerTo(getRecord("m1", "proto::stranger", AGENT));
    }

    @Test
    void a_record_from_a_disabled_controller_is_dropped_until_it_is_enabled() {
        usp.assertNoAnswerTo(getRecord("m1", DISABLED_CONTROLLER, AGENT));
        usp.set(false, UspFixture.update("Device.LocalAgent.Controller.2.", "Enable", "true", true));
        usp.deliver(getRecord("m2", DISABLED_CONTROLLER, AGENT));
        UspRecord.Record r = usp.nextRecord();
        assertEquals(DISABLED_CONTROLLER, r.getToId());
    }

    @Test // TP-469 3.1
    void tp469_3_1_a_malformed_record_is_ignored_and_reported_to_the_transport() {
        usp.assertNoAnswerTo(new byte[] {(byte) 0xff, 0x13, 0x00, 0x42, 0x42, 0x42});
        assertEquals(1, usp.badRecords.size(), usp.badRecords::toString);
    }

    @Test // TP-469 3.1, R-MTP.5
    void tp469_3_1_a_record_that_does_not_parse_but_names_sender_and_request_gets_error_7100() {
        byte[] good = getRecord("m7", CONTROLLER, AGENT);
        byte[] broken = Arrays.copyOf(good, good.length + 3);
        broken[good.length] = 0x0a;      // field 1, length-delimited ...
        broken[good.length + 1] = 0x7f;  // ... of 127 bytes that are not there
        usp.deliver(broken);
        UspMsg.Error e = errorAnswer("m7");
        assertEquals(7100, e.getErrCode());
        assertEquals(1, usp.badRecords.size());
    }

    @Test
    void a_malformed_payload_with_a_readable_header_gets_error_7004() {
        UspMsg.Header header = UspMsg.Header.newBuilder().setMsgId("m8").setMsgType(UspMsg.Header.MsgType.GET).build();
        byte[] headerField = UspMsg.Msg.newBuilder().setHeader(header).build().toByteArray();
        byte[] payload = Arrays.copyOf(headerField, headerField.length + 3);
        payload[headerField.length] = 0x12;      // field 2 (body), length-delimited ...
        payload[headerField.length + 1] = 0x05;  // ... 5 bytes long
        payload[headerField.length + 2] = 0x0a;  // ... but only one is there
        usp.deliver(record(CONTROLLER, AGENT, payload).build().toByteArray());
        assertEquals(7004, errorAnswer("m8").getErrCode());
    }

    @Test
    void a_malformed_payload_without_a_message_id_is_dropped() {
        usp.assertNoAnswerTo(record(CONTROLLER, AGENT, new byte[] {0x12, 0x40, 0x01}).build().toByteArray());
    }

    @Test
    void an_oversized_record_gets_error_7005_without_being_decoded() {
        try (UspFixture small = new UspFixture(UspAgent.Config.DEFAULT.withMaxRecordBytes(4096), UspCommands.none())) {
            UspMsg.Msg big = msg("m9", UspMsg.Header.MsgType.SET, UspMsg.Request.newBuilder()
                    .setSet(UspMsg.Set.newBuilder().addUpdateObjs(UspFixture.update("Device.DeviceInfo.", "FriendlyName",
                            "x".repeat(5000), true))).build());
            small.deliver(record(CONTROLLER, AGENT, big.toByteArray()).build().toByteArray());
            UspMsg.Msg reply = UspFixture.replyMessage(small.nextRecord());
            assertEquals("m9", reply.getHeader().getMsgId());
            assertEquals(7005, error(reply).getErrCode());
            assertTrue(error(reply).getErrMsg().contains("4096"), error(reply)::getErrMsg);
            assertEquals("", small.values("Device.DeviceInfo.").get("FriendlyName"), "nothing was set");
        }
    }

    @Test
    void an_oversized_record_from_an_unknown_sender_is_dropped() {
        try (UspFixture small = new UspFixture(UspAgent.Config.DEFAULT.withMaxRecordBytes(1024), UspCommands.none())) {
            UspMsg.Msg big = msg("m9", UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                    .setGet(UspMsg.Get.newBuilder().addParamPaths("Device." + "x".repeat(2000))).build());
            small.assertNoAnswerTo(record("proto::stranger", AGENT, big.toByteArray()).build().toByteArray());
        }
    }

    /**
     * TP-469 3.8's procedure: a controller starts a session context with a Get. This agent does
     * not support session contexts (3.8 to 3.12, 3.14 and 3.15 do not apply), so TR-369
     * R-E2E.6a applies instead: a DisconnectRecord with reason code 7106, and no answer to the Get.
     */
    @Test // TP-469 3.8 (refused as R-E2E.6a requires)
    void tp469_3_8_a_record_starting_a_session_context_is_refused_with_a_disconnect_record_7106() {
        UspMsg.Msg get = msg("m1", UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                .setGet(UspMsg.Get.newBuilder().addParamPaths("Device.DeviceInfo.")).build());
        usp.deliver(UspRecord.Record.newBuilder().setVersion("1.4").setFromId(CONTROLLER).setToId(AGENT)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setSessionContext(UspRecord.SessionContextRecord.newBuilder().setSessionId(42).setSequenceId(1)
                        .setExpectedId(1).addPayload(ByteString.copyFrom(get.toByteArray())))
                .build().toByteArray());
        UspRecord.Record r = usp.nextRecord();
        assertEquals(CONTROLLER, r.getToId());
        assertEquals(AGENT, r.getFromId());
        assertTrue(r.hasDisconnect(), r::toString);
        assertEquals(7106, r.getDisconnect().getReasonCode());
        assertFalse(r.getDisconnect().getReason().isEmpty());
        usp.assertNoAnswerTo(new byte[0]);
    }

    @Test
    void a_tls12_payload_outside_a_session_context_is_dropped() {
        usp.assertNoAnswerTo(record(CONTROLLER, AGENT, getMsg("m1").toByteArray())
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.TLS12).build().toByteArray());
    }

    @Test
    void an_unknown_payload_security_or_a_bad_version_gets_error_7104() {
        usp.deliver(record(CONTROLLER, AGENT, getMsg("m1").toByteArray()).setPayloadSecurityValue(7).build().toByteArray());
        assertEquals(7104, errorAnswer("m1").getErrCode());
        usp.deliver(record(CONTROLLER, AGENT, getMsg("m2").toByteArray()).setVersion("one").build().toByteArray());
        assertEquals(7104, errorAnswer("m2").getErrCode());
    }

    @Test
    void a_record_of_a_later_version_is_served() {
        usp.deliver(record(CONTROLLER, AGENT, getMsg("m1").toByteArray()).setVersion("1.9").build().toByteArray());
        assertEquals(UspMsg.Header.MsgType.GET_RESP, UspFixture.replyMessage(usp.nextRecord()).getHeader().getMsgType());
    }

    @Test // R-E2E.26, R-ENC.4, R-MSG.8
    void records_without_payload_type_or_message_id_are_dropped() {
        usp.assertNoAnswerTo(record(CONTROLLER, AGENT, new byte[0]).build().toByteArray());
        usp.assertNoAnswerTo(UspRecord.Record.newBuilder().setVersion("1.4").setFromId(CONTROLLER).setToId(AGENT)
                .build().toByteArray());
        usp.assertNoAnswerTo(record(CONTROLLER, AGENT, getMsg("").toByteArray()).build().toByteArray());
    }

    @Test
    void connect_and_disconnect_records_from_a_controller_need_no_answer() {
        UspRecords controllerRecords = new UspRecords("1.4", CONTROLLER);
        usp.assertNoAnswerTo(controllerRecords.webSocketConnect(AGENT));
        usp.assertNoAnswerTo(controllerRecords.disconnect(AGENT, "bye", 0));
    }

    @Test
    void no_answer_is_sent_without_an_address_to_send_it_to() {
        usp.transport.listener.recordReceived(getRecord("m1", CONTROLLER, AGENT), new MtpAddress("MQTT", "", CONTROLLER));
        usp.assertNoAnswerTo(getRecord("m2", "proto::stranger", AGENT));
    }

    @Test
    void the_mtp_connect_and_disconnect_records_the_agent_sends() throws Exception {
        UspRecords records = usp.agent.records();
        UspRecord.Record mqtt = UspRecord.Record.parseFrom(records.mqttConnect(CONTROLLER, UspRecords.MqttVersion.V5,
                "/usp/agent/" + AGENT));
        assertEquals("1.4", mqtt.getVersion());
        assertEquals(AGENT, mqtt.getFromId());
        assertEquals(CONTROLLER, mqtt.getToId());
        assertEquals(UspRecord.MQTTConnectRecord.MQTTVersion.V5, mqtt.getMqttConnect().getVersion());
        assertEquals("/usp/agent/" + AGENT, mqtt.getMqttConnect().getSubscribedTopic());
        assertEquals(UspRecord.MQTTConnectRecord.MQTTVersion.V3_1_1, UspRecord.Record.parseFrom(
                records.mqttConnect(CONTROLLER, UspRecords.MqttVersion.V3_1_1, "t")).getMqttConnect().getVersion());
        assertTrue(UspRecord.Record.parseFrom(records.webSocketConnect(CONTROLLER)).hasWebsocketConnect());
        UspRecord.Record uds = UspRecord.Record.parseFrom(records.udsConnect(CONTROLLER));
        assertTrue(uds.hasUdsConnect());
        assertEquals(CONTROLLER, uds.getToId());
        assertEquals(AGENT, uds.getFromId());
        UspRecord.Record bye = UspRecord.Record.parseFrom(records.disconnect(CONTROLLER, "agent shutting down",
                UspRecordError.SESSION_CONTEXT_TERMINATED));
        assertEquals("agent shutting down", bye.getDisconnect().getReason());
        assertEquals(7105, bye.getDisconnect().getReasonCode());
    }

    /** Fixed bytes of a Get record, as any controller built from the standard's schema sends it. */
    @Test
    void decodes_a_get_record_from_fixed_bytes() {
        String hex = "0a03312e34" // version "1.4"
                + "1216" + hex(AGENT) // to_id
                + "1a13" + hex(CONTROLLER) // from_id
                + "3a30" // no_session_context, 48 bytes
                + "122e" // payload: the Msg, 46 bytes
                + "0a08" + "0a0461626364" + "1001" // header: msg_id "abcd", msg_type GET
                + "1222" + "0a20" + "0a1e" // body, request, get
                + "0a1c" + hex("Device.LocalAgent.EndpointID"); // param_paths
        usp.deliver(bytes(hex));
        UspMsg.Msg reply = UspFixture.replyMessage(usp.nextRecord());
        assertEquals("abcd", reply.getHeader().getMsgId());
        assertEquals(AGENT, reply.getBody().getResponse().getGetResp().getReqPathResults(0).getResolvedPathResults(0)
                .getResultParamsMap().get("EndpointID"));
    }

    private static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private static byte[] bytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test // what the wiring layer sends itself (connect and disconnect records) does not overtake answers
    void a_record_sent_after_the_answers_leaves_behind_the_answers_decided_before_it() {
        MtpAddress elsewhere = new MtpAddress("WebSocket", "ws:elsewhere", CONTROLLER);
        for (int i = 1; i <= 20; i++) {
            usp.deliver(getRecord("a" + i, CONTROLLER, AGENT));
        }
        usp.onModel(m -> usp.agent.afterAnswers(() -> usp.transport.send(elsewhere, new byte[] {1})));
        for (int i = 1; i <= 20; i++) {
            UspFixture.FakeTransport.Sent answer = usp.nextSent();
            assertEquals(usp.from, answer.to(), "answer " + i + " first");
        }
        assertEquals(elsewhere, usp.nextSent().to());
    }

    @Test
    void records_beyond_the_pending_limit_are_dropped_without_blocking_the_transport() throws Exception {
        try (UspFixture busy = new UspFixture(UspAgent.Config.DEFAULT.withMaxPendingRecords(2), UspCommands.none())) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<Object> blocked = busy.owner.call(m -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            for (int i = 1; i <= 5; i++) {
                busy.deliver(getRecord("p" + i, CONTROLLER, AGENT)); // returns although the owner thread is busy
            }
            release.countDown();
            blocked.join();
            assertEquals("p1", UspFixture.replyMessage(busy.nextRecord()).getHeader().getMsgId());
            assertEquals("p2", UspFixture.replyMessage(busy.nextRecord()).getHeader().getMsgId());
            busy.assertNoAnswerTo(getRecord("p6", "proto::stranger", AGENT));
        }
    }
}

package dev.demarc.core.usp;

import static dev.demarc.core.usp.UspFixture.AGENT;
import static dev.demarc.core.usp.UspFixture.CONTROLLER;
import static dev.demarc.core.usp.UspFixture.msg;
import static dev.demarc.core.usp.UspFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records and messages damaged in many ways, from a fixed seed: whatever arrives, the agent
 * answers with a record that parses, never fails inside (error 7003, "the agent failed"), and
 * goes on answering. TR-369 "USP Record Errors" and "Handling Other Errors"; the cases TP-469 3.1
 * names are in {@link UspRecordHandlingTest}.
 */
class UspMalformedInputTest {

    /** Damaged inputs per test; a few seconds on a loaded machine. */
    private static final int ROUNDS = 1_500;

    /** The most records one damaged input may cause before the probe's answer. */
    private static final int MAX_ANSWERS = 8;

    private final UspFixture usp = new UspFixture();
    private int probes;

    @AfterEach
    void close() {
        usp.close();
    }

    @Test
    void damaged_messages_in_a_sound_record_never_fail_the_agent() {
        SplittableRandom random = new SplittableRandom(0x5eed_0001L);
        List<byte[]> corpus = messages();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] payload = damage(corpus.get(random.nextInt(corpus.size())), corpus, random);
            byte[] input = record(CONTROLLER, AGENT, payload).build().toByteArray();
            deliverAndCheck(input, "message " + round);
        }
    }

    @Test
    void damaged_records_never_fail_the_agent() {
        SplittableRandom random = new SplittableRandom(0x5eed_0002L);
        List<byte[]> corpus = new ArrayList<>();
        for (byte[] m : messages()) {
            corpus.add(record(CONTROLLER, AGENT, m).build().toByteArray());
        }
        for (int round = 0; round < ROUNDS; round++) {
            deliverAndCheck(damage(corpus.get(random.nextInt(corpus.size())), corpus, random), "record " + round);
        }
    }

    @Test
    void lengths_far_beyond_the_input_are_refused_without_allocating_them() {
        // A length-delimited field claiming 2^32-1 bytes: in the record, in the payload, in a path.
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        for (int field : new int[] {1, 2, 3, 7}) {
            byte[] input = concat(new byte[] {(byte) (field << 3 | 2)}, huge, "abc".getBytes(StandardCharsets.US_ASCII));
            deliverAndCheck(input, "record field " + field);
        }
        byte[] payload = concat(new byte[] {0x12}, huge, new byte[] {0x0a, 0x00});
        deliverAndCheck(record(CONTROLLER, AGENT, payload).build().toByteArray(), "payload body");
        // Messages nested far deeper than any USP message: protobuf's recursion limit, not a stack overflow.
        byte[] deep = new byte[0];
        for (int i = 0; i < 200; i++) {
            deep = concat(new byte[] {0x12}, varint(deep.length), deep);
        }
        deliverAndCheck(record(CONTROLLER, AGENT, deep).build().toByteArray(), "deep nesting");
    }

    // ------------------------------------------------------------------ checks

    /**
     * Delivers {@code input}, then a GetSupportedProtocol, and checks every record the agent sent
     * until the probe's answer: each parses, goes to the controller, and no message in it says the
     * agent failed inside.
     */
    private void deliverAndCheck(byte[] input, String what) {
        usp.deliver(input);
        String probeId = "probe-" + ++probes;
        usp.deliver(record(CONTROLLER, AGENT, msg(probeId, UspMsg.Header.MsgType.GET_SUPPORTED_PROTO,
                UspMsg.Request.newBuilder().setGetSupportedProtocol(UspMsg.GetSupportedProtocol.newBuilder()
                        .setControllerSupportedProtocolVersions("1.4")).build()).toByteArray()).build().toByteArray());
        for (int answers = 0; answers <= MAX_ANSWERS; answers++) {
            UspFixture.FakeTransport.Sent sent = usp.nextSent();
            UspRecord.Record r;
            UspMsg.Msg m;
            try {
                r = UspRecord.Record.parseFrom(sent.record());
                assertEquals(AGENT, r.getFromId(), what);
                assertTrue(r.hasNoSessionContext() || r.hasDisconnect(), what + ": " + r);
                if (r.hasDisconnect()) {
                    continue;
                }
                m = UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(what + ": the agent sent a record that does not parse", e);
            }
            assertNoInternalFailure(m, r.getNoSessionContext().getPayload().toByteArray(), what, input);
            if (m.getHeader().getMsgId().equals(probeId)) {
                assertTrue(m.getBody().getResponse().hasGetSupportedProtocolResp(), what);
                return;
            }
        }
        fail(what + ": more than " + MAX_ANSWERS + " records before the probe's answer");
    }

    private static void assertNoInternalFailure(UspMsg.Msg m, byte[] bytes, String what, byte[] input) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String why = null;
        if (m.getBody().hasError() && m.getBody().getError().getErrCode() == 7003) {
            why = "error 7003: " + m.getBody().getError().getErrMsg();
        } else if (text.contains("the agent failed") || text.contains("Exception")) {
            why = "an answer names an exception";
        }
        if (why != null) {
            fail(what + ": " + why + "\n  input: " + HexFormat.of().formatHex(input) + "\n  answer: " + m);
        }
    }

    // ------------------------------------------------------------------ inputs

    /** One message of every kind a controller sends, with the paths and values TP-469 uses. */
    private static List<byte[]> messages() {
        List<UspMsg.Msg> msgs = List.of(
                msg("g1", UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder().setGet(UspMsg.Get.newBuilder()
                        .addParamPaths("Device.LocalAgent.").addParamPaths("Device.LocalAgent.Controller.[Enable==true].EndpointID")
                        .addParamPaths("Device.LocalAgent.Subscription.*.ID").setMaxDepth(2)).build()),
                msg("s1", UspMsg.Header.MsgType.SET, UspMsg.Request.newBuilder().setSet(UspMsg.Set.newBuilder()
                        .setAllowPartial(true)
                        .addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder().setObjPath("Device.DeviceInfo.")
                                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder().setParam("FriendlyName")
                                        .setValue("gateway").setRequired(true)))
                        .addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder()
                                .setObjPath("Device.LocalAgent.Subscription.[ID==\"s2\"].")
                                .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder().setParam("NotifExpiration")
                                        .setValue("30")))).build()),
                msg("a1", UspMsg.Header.MsgType.ADD, UspMsg.Request.newBuilder().setAdd(UspMsg.Add.newBuilder()
                        .setAllowPartial(false)
                        .addCreateObjs(UspMsg.Add.CreateObject.newBuilder().setObjPath("Device.LocalAgent.MTP.")
                                .addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam("Alias")
                                        .setValue("fuzz").setRequired(true))
                                .addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam("Protocol")
                                        .setValue("MQTT")))).build()),
                msg("d1", UspMsg.Header.MsgType.DELETE, UspMsg.Request.newBuilder().setDelete(UspMsg.Delete.newBuilder()
                        .setAllowPartial(true).addObjPaths("Device.LocalAgent.MTP.[Alias==\"fuzz\"].")
                        .addObjPaths("Device.LocalAgent.Controller.2.BootParameter.*.")).build()),
                msg("o1", UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder().setOperate(UspMsg.Operate.newBuilder()
                        .setCommand("Device.ScheduleTimer()").setCommandKey("k").setSendResp(true)
                        .putInputArgs("DelaySeconds", "3600")).build()),
                msg("o2", UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder().setOperate(UspMsg.Operate.newBuilder()
                        .setCommand("Device.LocalAgent.Controller.*.SendOnBoardRequest()").setSendResp(false)).build()),
                msg("dm", UspMsg.Header.MsgType.GET_SUPPORTED_DM, UspMsg.Request.newBuilder().setGetSupportedDm(
                        UspMsg.GetSupportedDM.newBuilder().addObjPaths("Device.LocalAgent.").setFirstLevelOnly(false)
                                .setReturnCommands(true).setReturnEvents(true).setReturnParams(true)
                                .setReturnUniqueKeySets(true)).build()),
                msg("gi", UspMsg.Header.MsgType.GET_INSTANCES, UspMsg.Request.newBuilder().setGetInstances(
                        UspMsg.GetInstances.newBuilder().addObjPaths("Device.LocalAgent.Controller.*.")
                                .setFirstLevelOnly(false)).build()),
                msg("nr", UspMsg.Header.MsgType.NOTIFY_RESP, UspMsg.Request.newBuilder().build()).toBuilder()
                        .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder().setNotifyResp(
                                UspMsg.NotifyResp.newBuilder().setSubscriptionId("s1")))).build(),
                msg("rg", UspMsg.Header.MsgType.REGISTER, UspMsg.Request.newBuilder().setRegister(
                        UspMsg.Register.newBuilder().addRegPaths(UspMsg.Register.RegistrationPath.newBuilder()
                                .setPath("Device.Fuzz."))).build()));
        List<byte[]> out = new ArrayList<>();
        for (UspMsg.Msg m : msgs) {
            out.add(m.toByteArray());
        }
        return out;
    }

    /** {@code good} damaged by one to three of the ways protobuf input goes wrong. */
    private static byte[] damage(byte[] good, List<byte[]> corpus, SplittableRandom random) {
        byte[] b = good;
        int times = 1 + random.nextInt(3);
        for (int t = 0; t < times && b.length > 0; t++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> {                                             // a bit flipped
                    b = b.clone();
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> {                                             // a byte replaced
                    b = b.clone();
                    b[at] = (byte) random.nextInt(256);
                }
                case 2 -> b = Arrays.copyOf(b, at);                     // cut short
                case 3 -> {                                             // bytes put in
                    byte[] noise = new byte[1 + random.nextInt(8)];
                    for (int i = 0; i < noise.length; i++) {
                        noise[i] = (byte) random.nextInt(256);
                    }
                    b = concat(Arrays.copyOf(b, at), noise, Arrays.copyOfRange(b, at, b.length));
                }
                case 4 -> {                                             // a piece repeated
                    int end = at + random.nextInt(b.length - at + 1);
                    b = concat(Arrays.copyOf(b, end), Arrays.copyOfRange(b, at, b.length));
                }
                case 5 -> {                                             // a piece removed
                    int end = at + random.nextInt(b.length - at + 1);
                    b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, end, b.length));
                }
                default -> {                                            // the start of one, the rest of another
                    byte[] other = corpus.get(random.nextInt(corpus.size()));
                    b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(other, random.nextInt(other.length), other.length));
                }
            }
        }
        return b;
    }

    private static byte[] varint(int value) {
        byte[] out = new byte[5];
        int n = 0;
        while ((value & ~0x7f) != 0) {
            out[n++] = (byte) (value & 0x7f | 0x80);
            value >>>= 7;
        }
        out[n++] = (byte) value;
        return Arrays.copyOf(out, n);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}

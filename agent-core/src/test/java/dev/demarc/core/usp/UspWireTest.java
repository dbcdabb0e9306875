package dev.demarc.core.usp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link UspWire} writes the bytes the generated protobuf classes write for the same record:
 * every case is compared byte for byte with them, so a controller decoding with any conforming
 * protobuf library reads what it would read from the generated code.
 */
class UspWireTest {

    private static final String AGENT = "os::012345-demarc-0001";
    private static final String CONTROLLER = "proto::controller-1";

    /** What the generated classes write for a GetResp answering {@code msgId}. */
    private static byte[] generated(String msgId, UspGetResp resp) {
        UspMsg.Msg msg = UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.GET_RESP))
                .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder().setGetResp(resp.toMessage())))
                .build();
        return record(msg.toByteArray());
    }

    private static byte[] record(byte[] msg) {
        return UspRecord.Record.newBuilder()
                .setVersion("1.4")
                .setToId(CONTROLLER)
                .setFromId(AGENT)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(ByteString.copyFrom(msg)))
                .build().toByteArray();
    }

    private static void assertSameAsGenerated(String msgId, UspGetResp resp) {
        UspWire.GetRespMsg written = UspWire.getResp(msgId, resp);
        byte[] expected = generated(msgId, resp);
        assertArrayEquals(expected, written.record("1.4", CONTROLLER, AGENT));
        UspMsg.Msg msg = UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.GET_RESP))
                .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder().setGetResp(resp.toMessage())))
                .build();
        assertEquals(msg.getSerializedSize(), written.size(), "the size is known before writing");
    }

    private static ObjectValues object(String path, String... nameValue) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            values.put(nameValue[i], nameValue[i + 1]);
        }
        return new ObjectValues(path, values);
    }

    @Test
    void a_get_resp_with_objects_and_parameters_is_written_as_the_generated_classes_write_it() {
        assertSameAsGenerated("get-1", new UspGetResp(List.of(UspGetResp.RequestedPathResult.found("Device.DeviceInfo.",
                List.of(object("Device.DeviceInfo.", "Manufacturer", "Demarc", "SerialNumber", "BENCH0001",
                        "UpTime", "12345"))))));
    }

    @Test
    void empty_values_paths_and_answers_are_written_as_the_generated_classes_write_them() {
        assertSameAsGenerated("", new UspGetResp(List.of()));
        assertSameAsGenerated("e", new UspGetResp(List.of(
                UspGetResp.RequestedPathResult.found("", List.of()),
                UspGetResp.RequestedPathResult.found("Device.", List.of(object("Device.X.", "", ""),
                        object("", "Empty", ""), object("Device.Y."))))));
    }

    @Test
    void a_path_in_error_carries_its_fixed32_code_and_message() {
        assertSameAsGenerated("err", new UspGetResp(List.of(
                UspGetResp.RequestedPathResult.failed("Device.Nothing.", 7026, "no such object or parameter"),
                UspGetResp.RequestedPathResult.failed("Device.[", 7008, ""),
                UspGetResp.RequestedPathResult.found("Device.DeviceInfo.", List.of(object("Device.DeviceInfo.", "A", "1"))))));
    }

    @Test
    void non_ascii_text_and_an_unpaired_surrogate_are_encoded_as_the_generated_classes_encode_them() {
        assertSameAsGenerated("ü-中-😀", new UspGetResp(List.of(UspGetResp.RequestedPathResult.found("Device.Ünïcode.",
                List.of(object("Device.Ünïcode.", "Name", "Wohnzimmer-Router", "Chinese", "路由器", "Emoji", "📡😀",
                        "Broken", "a\uD800b", "Trailing", "x\uDC00", "Latin1", "Müller-é\u00ff",
                        "Ascii", "plain"))))));
    }

    @Test
    void lengths_that_take_two_and_three_varint_bytes_are_written_right() {
        String v200 = "v".repeat(200);
        String v20000 = "w".repeat(20_000);
        List<ObjectValues> many = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            many.add(object("Device.Hosts.Host." + i + ".", "HostName", "host-" + i, "Long", v200));
        }
        assertSameAsGenerated("x".repeat(130), new UspGetResp(List.of(
                UspGetResp.RequestedPathResult.found("Device.Hosts.Host.", many),
                UspGetResp.RequestedPathResult.found("Device.Big.", List.of(object("Device.Big.", "Value", v20000))))));
    }

    @Test
    void strings_kept_from_an_earlier_answer_never_stand_in_for_others() {
        // "Aa" and "BB" have the same hash: they share a slot of the cache and take turns in it.
        UspWire.RecentUtf8 recent = new UspWire.RecentUtf8(4);
        String aa = "Aa";
        assertArrayEquals("Aa".getBytes(StandardCharsets.UTF_8), recent.utf8(aa));
        assertSame(recent.utf8(aa), recent.utf8(aa), "the same string found again");
        assertArrayEquals("BB".getBytes(StandardCharsets.UTF_8), recent.utf8("BB"));
        assertArrayEquals("Aa".getBytes(StandardCharsets.UTF_8), recent.utf8(aa));
        String equalCopy = new String("Aa".toCharArray());
        assertSame(recent.utf8(aa), recent.utf8(equalCopy), "an equal string finds the same bytes");
        assertArrayEquals("€".getBytes(StandardCharsets.UTF_8), recent.utf8("€"));
        assertThrows(IllegalArgumentException.class, () -> new UspWire.RecentUtf8(3));
        String longValue = "x".repeat(UspWire.RecentUtf8.MAX_LENGTH + 1);
        assertArrayEquals(longValue.getBytes(StandardCharsets.UTF_8), recent.utf8(longValue));
        assertNotSame(recent.utf8(longValue), recent.utf8(longValue), "a long string is encoded, not kept");

        // One answer written again, and one whose values changed in between, as the generated classes write them.
        UspGetResp first = new UspGetResp(List.of(UspGetResp.RequestedPathResult.found("Device.",
                List.of(object("Device.DeviceInfo.", "UpTime", "10", "Name", "gw")))));
        assertSameAsGenerated("m-1", first);
        assertSameAsGenerated("m-2", first);
        assertSameAsGenerated("m-3", new UspGetResp(List.of(UspGetResp.RequestedPathResult.found("Device.",
                List.of(object("Device.DeviceInfo.", "UpTime", "11", "Name", "gw-ü"))))));
    }

    @Test
    void an_object_kept_from_an_earlier_answer_stands_in_only_for_the_same_path_parameters_and_values() {
        UspWire.RecentObjects recent = new UspWire.RecentObjects(4, 1 << 20);
        byte[] written = {1, 2, 3, 4, 5};
        ObjectValues info = object("Device.DeviceInfo.", "UpTime", "10", "Name", "gw");
        recent.keep(info, written, 1, 4);
        assertArrayEquals(new byte[] {2, 3, 4}, recent.find(info));
        assertArrayEquals(new byte[] {2, 3, 4}, recent.find(object(new String("Device.DeviceInfo.".toCharArray()),
                "UpTime", new String("10".toCharArray()), "Name", "gw")), "equal copies of path and values");
        assertNull(recent.find(object("Device.DeviceInfo.", "UpTime", "11", "Name", "gw")), "a value changed");
        assertNull(recent.find(object("Device.DeviceInfo.", "UpTime", "10")), "a parameter fewer");
        assertNull(recent.find(object("Device.DeviceInfo.", "Name", "gw", "UpTime", "10")), "another order");
        assertNull(recent.find(object("Device.DeviceInfo.", "UpTime", "10", "Name", "")), "a secured value not shown");
        assertNull(recent.find(object("Device.Other.", "UpTime", "10", "Name", "gw")), "another path");

        recent.keep(info, written, 1, 4);
        recent.keep(info, new byte[UspWire.RecentObjects.MAX_BYTES + 1], 0, UspWire.RecentObjects.MAX_BYTES + 1);
        assertArrayEquals(new byte[] {2, 3, 4}, recent.find(info), "an object larger than the limit is not kept");
        assertThrows(IllegalArgumentException.class, () -> new UspWire.RecentObjects(6, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> new UspWire.RecentObjects(1, 1 << 20));
        assertEquals(3, recent.heldBytes(), "the bytes of what is kept, no more");

        // "AaAa.", "AaBB." and "BBAa." have the same hash: two of them share a pair of slots,
        // a third takes the first slot of the pair.
        recent = new UspWire.RecentObjects(64, 1 << 20);
        ObjectValues aa = object("AaAa.", "X", "1");
        ObjectValues bb = object("AaBB.", "X", "1");
        ObjectValues third = object("BBAa.", "X", "1");
        recent.keep(aa, written, 0, 1);
        assertNull(recent.find(bb));
        recent.keep(bb, written, 0, 2);
        assertArrayEquals(new byte[] {1}, recent.find(aa), "both kept");
        assertArrayEquals(new byte[] {1, 2}, recent.find(bb));
        recent.keep(bb, written, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, recent.find(bb), "kept again in its own slot");
        assertArrayEquals(new byte[] {1}, recent.find(aa), "the other one stays");
        recent.keep(third, written, 0, 1);
        assertNull(recent.find(aa), "the first slot of the pair given to a third path");
        assertArrayEquals(new byte[] {1}, recent.find(third));
        assertArrayEquals(new byte[] {1, 2, 3}, recent.find(bb));

        assertEquals(java.util.stream.Stream.of(aa, bb, third).map(recent::find).filter(java.util.Objects::nonNull)
                .mapToLong(bytes -> bytes.length).sum(), recent.heldBytes(), "the bytes of what is kept, no more");

        UspWire.RecentObjects small = new UspWire.RecentObjects(64, 10);
        ObjectValues a = object("A.", "X", "1");
        ObjectValues b = object("B.", "X", "1");
        small.keep(a, new byte[8], 0, 8);
        small.keep(b, new byte[8], 0, 8);
        assertArrayEquals(new byte[8], small.find(a));
        assertNull(small.find(b), "past the bytes held in all, nothing more is kept");
        small.keep(a, new byte[4], 0, 4);
        small.keep(b, new byte[6], 0, 6);
        assertArrayEquals(new byte[6], small.find(b), "room once a slot held less");
        assertEquals(10, small.heldBytes());
    }

    @Test
    void answers_reusing_objects_of_earlier_ones_are_written_as_the_generated_classes_write_them() {
        List<ObjectValues> hosts = new ArrayList<>();
        for (int i = 1; i <= 1500; i++) {
            hosts.add(object("Device.Hosts.Host." + i + ".", "HostName", "host-" + i, "Active", "true"));
        }
        String big = "b".repeat(UspWire.RecentObjects.MAX_BYTES);
        UspGetResp first = new UspGetResp(List.of(
                UspGetResp.RequestedPathResult.found("Device.Hosts.", hosts),
                UspGetResp.RequestedPathResult.found("Device.DeviceInfo.", List.of(
                        object("Device.DeviceInfo.", "UpTime", "10", "Password", "secret"),
                        object("Device.DeviceInfo.Big.", "Value", big)))));
        assertSameAsGenerated("r-1", first);
        assertSameAsGenerated("r-2", first);
        List<ObjectValues> changed = new ArrayList<>(hosts);
        changed.set(7, object("Device.Hosts.Host.8.", "HostName", "host-8", "Active", "false"));
        changed.remove(20);
        assertSameAsGenerated("r-3", new UspGetResp(List.of(
                UspGetResp.RequestedPathResult.found("Device.Hosts.", changed),
                UspGetResp.RequestedPathResult.failed("Device.Gone.", 7026, "no such object"),
                UspGetResp.RequestedPathResult.found("Device.DeviceInfo.", List.of(
                        object("Device.DeviceInfo.", "UpTime", "10", "Password", ""),
                        object("Device.DeviceInfo.Big.", "Value", big + "!"))))));
        assertSameAsGenerated("r-4", first);
    }

    @Test
    void a_record_around_a_message_is_written_as_the_generated_classes_write_it() {
        byte[] msg = UspMessages.error("m-1", UspError.of(dev.demarc.core.ErrorCode.INVALID_ARGUMENTS, "bad")).toByteArray();
        assertArrayEquals(record(msg), UspWire.noSessionContext("1.4", CONTROLLER, AGENT, msg));
        assertArrayEquals(record(new byte[0]), UspWire.noSessionContext("1.4", CONTROLLER, AGENT, new byte[0]));
        byte[] big = new byte[70_000];
        assertArrayEquals(record(big), UspWire.noSessionContext("1.4", CONTROLLER, AGENT, big));
    }

    @Test
    void the_minimum_size_is_never_more_than_the_size_on_the_wire() {
        UspGetResp.RequestedPathResult r = UspGetResp.RequestedPathResult.found("Device.", List.of(
                object("Device.DeviceInfo.", "Name", "路由器", "E", ""), object("Device.X.", "A", "😀")));
        long wire = r.requestedPath().length() == 0 ? 0 : new UspGetResp(List.of(r)).toMessage()
                .getReqPathResults(0).getSerializedSize();
        assertEquals(true, r.minimumSize() <= wire, r.minimumSize() + " > " + wire);
    }
}

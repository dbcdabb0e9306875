package dev.demarc.mtp.uds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdsFramesTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test // the binding's example: a Handshake naming os::00256D-0123456789
    void a_handshake_frame_is_the_usp_header_then_one_type_1_tlv() {
        byte[] frame = UdsFrames.handshake("os::00256D-0123456789");
        byte[] expected = hex("5f555350 0000001a 01 00000015"
                + HexFormat.of().formatHex("os::00256D-0123456789".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(expected, frame);
    }

    @Test
    void record_and_error_frames_carry_types_3_and_2() {
        byte[] record = {0x0a, 0x03, 0x31, 0x2e, 0x34};
        assertArrayEquals(hex("5f555350 0000000a 03 00000005 0a03312e34"), UdsFrames.record(record));
        assertArrayEquals(hex("5f555350 00000007 02 00000002 6e6f"), UdsFrames.error("no"));
    }

    @Test
    void the_header_gives_the_length_of_the_rest_of_the_frame() throws Exception {
        assertEquals(26, UdsFrames.bodyLength(ByteBuffer.wrap(hex("5f555350 0000001a")), 100));
    }

    @Test // R-UDS.24: frames that cannot be parsed
    void a_header_without_the_synchronization_bytes_or_with_a_bad_length_is_refused() {
        UdsFrames.FrameException sync = assertThrows(UdsFrames.FrameException.class,
                () -> UdsFrames.bodyLength(ByteBuffer.wrap(hex("5f555351 0000001a")), 100));
        assertTrue(sync.getMessage().contains("_USP"), sync.getMessage());
        assertThrows(UdsFrames.FrameException.class,
                () -> UdsFrames.bodyLength(ByteBuffer.wrap(hex("5f555350 00000004")), 100), "less than a TLV");
        UdsFrames.FrameException large = assertThrows(UdsFrames.FrameException.class,
                () -> UdsFrames.bodyLength(ByteBuffer.wrap(hex("5f555350 ffffffff")), 100));
        assertTrue(large.getMessage().contains("4294967295"), "read unsigned: " + large.getMessage());
    }

    @Test
    void a_body_may_hold_several_tlvs_of_any_type() throws Exception {
        List<UdsFrames.Tlv> tlvs = UdsFrames.parseBody(hex("01 00000002 6869 07 00000000 03 00000001 ff"));
        assertEquals(3, tlvs.size());
        assertEquals(1, tlvs.get(0).type());
        assertEquals("hi", tlvs.get(0).text().orElseThrow());
        assertEquals(7, tlvs.get(1).type(), "an unknown type is parsed; the receiver ignores it (R-UDS.15)");
        assertArrayEquals(new byte[] {(byte) 0xff}, tlvs.get(2).value());
        assertTrue(tlvs.get(2).text().isEmpty(), "0xff alone is not UTF-8");
    }

    @Test
    void a_tlv_cut_by_the_end_of_the_frame_is_refused() {
        assertThrows(UdsFrames.FrameException.class, () -> UdsFrames.parseBody(hex("03 00000005 0102")));
        assertThrows(UdsFrames.FrameException.class, () -> UdsFrames.parseBody(hex("03 0000")));
    }

    @Test
    void an_error_message_is_cut_without_splitting_a_character() throws Exception {
        String message = "x".repeat(UdsFrames.MAX_ERROR_BYTES - 1) + "é and more";
        byte[] frame = UdsFrames.error(message);
        UdsFrames.Tlv tlv = UdsFrames.parseBody(java.util.Arrays.copyOfRange(frame, UdsFrames.HEADER_LENGTH,
                frame.length)).get(0);
        assertEquals("x".repeat(UdsFrames.MAX_ERROR_BYTES - 1), tlv.text().orElseThrow());
    }

    @Test
    void an_empty_endpoint_id_cannot_be_sent() {
        assertThrows(IllegalArgumentException.class, () -> UdsFrames.handshake(""));
    }
}

package dev.demarc.mtp.uds;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The frames of TR-369's Unix domain socket MTP ("UNIX Domain Socket Binding", R-UDS.6 to
 * R-UDS.15): a header of 8 bytes, the synchronization bytes {@code 0x5f 0x55 0x53 0x50}
 * ({@code "_USP"}) and the length of the rest of the frame as a 4-byte unsigned integer in network
 * byte order, then one or more TLV fields of a 1-byte type, a 4-byte length in network byte order
 * and the value. The types are {@link #HANDSHAKE} (the sender's Endpoint ID, UTF-8),
 * {@link #ERROR} (a UTF-8 message about a communications failure) and {@link #RECORD} (a
 * protobuf-encoded USP Record); a receiver ignores other types (R-UDS.15).
 *
 * <p>This class builds frames of one TLV each, as the binding's examples do, and parses frames of
 * any number of TLVs, with a bound on the frame length given by the caller. Stateless; any thread.
 */
public final class UdsFrames {

    /** Bytes of the frame header: synchronization and length. */
    public static final int HEADER_LENGTH = 8;
    /** Bytes of a TLV's type and length. */
    public static final int TLV_HEADER_LENGTH = 5;
    /** TLV type 1: the sender's Endpoint ID (R-UDS.12, R-UDS.16, R-UDS.17). */
    public static final int HANDSHAKE = 1;
    /** TLV type 2: why the sender gives up on the connection (R-UDS.13, R-UDS.21, R-UDS.23 to R-UDS.25). */
    public static final int ERROR = 2;
    /** TLV type 3: one USP Record (R-UDS.14, R-UDS.22). */
    public static final int RECORD = 3;
    /** Longest Endpoint ID sent or taken in a Handshake, in UTF-8 bytes (TR-369 gives none). */
    public static final int MAX_ENDPOINT_ID_BYTES = 1024;
    /** Longest Error message sent; longer ones are cut (a received one is cut when shown). */
    public static final int MAX_ERROR_BYTES = 1024;

    private static final byte[] SYNC = {0x5f, 0x55, 0x53, 0x50};

    private UdsFrames() {
    }

    /** One TLV of a received frame; {@code value} is the receiver's own copy. */
    public record Tlv(int type, byte[] value) {
        public Tlv {
            Objects.requireNonNull(value, "value");
            if (type < 0 || type > 255) {
                throw new IllegalArgumentException("a TLV type is one byte: " + type);
            }
        }

        /** The value as UTF-8 text, or empty when it is not valid UTF-8. */
        public Optional<String> text() {
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value)).toString());
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
        }
    }

    /** A frame that cannot be parsed (R-UDS.24): wrong synchronization bytes, a bad length, a cut TLV. */
    public static final class FrameException extends Exception {
        private static final long serialVersionUID = 1L;

        public FrameException(String message) {
            super(message, null, false, false);
        }
    }

    /** A frame holding one TLV of {@code type} with {@code value}. */
    public static byte[] frame(int type, byte[] value) {
        Objects.requireNonNull(value, "value");
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("a TLV type is one byte: " + type);
        }
        if (value.length > Integer.MAX_VALUE - HEADER_LENGTH - TLV_HEADER_LENGTH) {
            throw new IllegalArgumentException("value too large for a frame: " + value.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + TLV_HEADER_LENGTH + value.length);
        b.put(SYNC).putInt(TLV_HEADER_LENGTH + value.length);
        b.put((byte) type).putInt(value.length).put(value);
        return b.array();
    }

    /** The Handshake frame naming {@code endpointId}. */
    public static byte[] handshake(String endpointId) {
        byte[] id = endpointId.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > MAX_ENDPOINT_ID_BYTES) {
            throw new IllegalArgumentException("an Endpoint ID has 1 to " + MAX_ENDPOINT_ID_BYTES + " bytes");
        }
        return frame(HANDSHAKE, id);
    }

    /** An Error frame with {@code message}, cut to {@link #MAX_ERROR_BYTES} bytes of UTF-8. */
    public static byte[] error(String message) {
        return frame(ERROR, cut(message.getBytes(StandardCharsets.UTF_8), MAX_ERROR_BYTES));
    }

    /** A USP Record frame. */
    public static byte[] record(byte[] record) {
        return frame(RECORD, record);
    }

    /**
     * The length of the frame body that {@code header} (its first {@value #HEADER_LENGTH} bytes
     * from its position, which this advances) announces.
     *
     * @throws FrameException when the synchronization bytes are wrong, or the length is less than
     *                        one TLV header or more than {@code maxBodyLength}
     */
    public static int bodyLength(ByteBuffer header, int maxBodyLength) throws FrameException {
        for (byte expected : SYNC) {
            if (header.get() != expected) {
                throw new FrameException("the frame does not start with the synchronization bytes _USP");
            }
        }
        long length = Integer.toUnsignedLong(header.getInt());
        if (length < TLV_HEADER_LENGTH) {
            throw new FrameException("a frame of " + length + " bytes holds no TLV");
        }
        if (length > maxBodyLength) {
            throw new FrameException("a frame of " + length + " bytes is larger than the " + maxBodyLength
                    + " this endpoint takes");
        }
        return (int) length;
    }

    /**
     * The TLVs of a frame body (everything after the header).
     *
     * @throws FrameException when a TLV's length runs past the end of the body
     */
    public static List<Tlv> parseBody(byte[] body) throws FrameException {
        List<Tlv> tlvs = new ArrayList<>(1);
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
            if (b.remaining() < TLV_HEADER_LENGTH) {
                throw new FrameException("the frame ends inside a TLV header");
            }
            int type = b.get() & 0xff;
            long length = Integer.toUnsignedLong(b.getInt());
            if (length > b.remaining()) {
                throw new FrameException("a TLV of type " + type + " announces " + length + " bytes, the frame has "
                        + b.remaining() + " left");
            }
            byte[] value = new byte[(int) length];
            b.get(value);
            tlvs.add(new Tlv(type, value));
        }
        return tlvs;
    }

    /** An Error TLV's message for a log line: valid UTF-8 cut to {@link #MAX_ERROR_BYTES}, control characters as '?'. */
    public static String printableError(Tlv error) {
        String text = error.text().orElse("(not UTF-8)");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < MAX_ERROR_BYTES; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    private static byte[] cut(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return bytes;
        }
        int end = max;
        // do not cut a UTF-8 sequence in two: back up to the start of the cut character
        while (end > 0 && (bytes[end] & 0xc0) == 0x80) {
            end--;
        }
        byte[] out = new byte[end];
        System.arraycopy(bytes, 0, out, 0, end);
        return out;
    }
}

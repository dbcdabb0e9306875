package dev.demarc.core.usp;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;

/**
 * Reads the few fields of a record that TR-369 needs to answer a record it cannot process
 * (R-MTP.5: the sender's and receiver's endpoint IDs, and the Message ID and type of the request
 * inside), without decoding the rest: used for a record too large to decode, or one that the
 * protobuf parser rejects; and where only these fields of an answer are wanted without loading
 * the classes of every message type (the class data sharing training). Reads until the data
 * ends or stops making sense, and keeps what it found until then. Nothing is copied but the
 * short strings.
 */
public final class UspPeek {

    private static final int LENGTH_DELIMITED = 2;
    private static final int VARINT = 0;
    /** Field numbers of the standard's Record, NoSessionContextRecord, Msg and Header. */
    private static final int RECORD_TO_ID = 2;
    private static final int RECORD_FROM_ID = 3;
    private static final int RECORD_NO_SESSION_CONTEXT = 7;
    private static final int NO_SESSION_PAYLOAD = 2;
    private static final int MSG_HEADER = 1;
    private static final int HEADER_MSG_ID = 1;
    private static final int HEADER_MSG_TYPE = 2;
    /** Longest endpoint ID or Message ID worth reading. */
    private static final int MAX_ID_BYTES = 1024;

    /** What could be read; empty strings and -1 for what could not. */
    public record Found(String toId, String fromId, String msgId, int msgType) {
        public boolean hasMessageId() {
            return !msgId.isEmpty();
        }
    }

    private String toId = "";
    private String fromId = "";
    private String msgId = "";
    private int msgType = -1;

    private UspPeek() {
    }

    /** Peeks into an encoded Record. */
    public static Found record(byte[] record) {
        UspPeek p = new UspPeek();
        try {
            p.readRecord(CodedInputStream.newInstance(record));
        } catch (IOException | RuntimeException e) {
            // Keep what was read before the data stopped making sense.
        }
        return p.found();
    }

    /** Peeks into an encoded Msg for its header. */
    static Found message(byte[] msg) {
        UspPeek p = new UspPeek();
        try {
            p.readMsg(CodedInputStream.newInstance(msg));
        } catch (IOException | RuntimeException e) {
            // As above.
        }
        return p.found();
    }

    private Found found() {
        return new Found(toId, fromId, msgId, msgType);
    }

    private void readRecord(CodedInputStream in) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == RECORD_TO_ID && wire == LENGTH_DELIMITED) {
                toId = shortString(in);
            } else if (field == RECORD_FROM_ID && wire == LENGTH_DELIMITED) {
                fromId = shortString(in);
            } else if (field == RECORD_NO_SESSION_CONTEXT && wire == LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                readNoSessionContext(in);
                in.skipRawBytes(in.getBytesUntilLimit());
                in.popLimit(limit);
            } else if (!in.skipField(tag)) {
                return;
            }
        }
    }

    private void readNoSessionContext(CodedInputStream in) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag >>> 3 == NO_SESSION_PAYLOAD && (tag & 7) == LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                readMsg(in);
                in.skipRawBytes(in.getBytesUntilLimit());
                in.popLimit(limit);
            } else if (!in.skipField(tag)) {
                return;
            }
        }
    }

    private void readMsg(CodedInputStream in) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag >>> 3 == MSG_HEADER && (tag & 7) == LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                readHeader(in);
                in.skipRawBytes(in.getBytesUntilLimit());
                in.popLimit(limit);
                return;
            } else if (!in.skipField(tag)) {
                return;
            }
        }
    }

    private void readHeader(CodedInputStream in) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == HEADER_MSG_ID && wire == LENGTH_DELIMITED) {
                msgId = shortString(in);
            } else if (field == HEADER_MSG_TYPE && wire == VARINT) {
                msgType = in.readEnum();
            } else if (!in.skipField(tag)) {
                return;
            }
        }
    }

    private static String shortString(CodedInputStream in) throws IOException {
        int length = in.readRawVarint32();
        if (length < 0 || length > MAX_ID_BYTES) {
            throw new IOException("identifier too long");
        }
        return new String(in.readRawBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }
}

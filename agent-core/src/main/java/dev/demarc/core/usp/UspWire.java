package dev.demarc.core.usp;

import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.model.ParameterValues;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the records the agent sends most, straight to protobuf bytes: a {@code
 * no_session_context} Record around an encoded Msg, and a Msg holding a GetResp from the values
 * of a {@link UspGetResp}. The bytes are those the generated classes write for the same content
 * (fields in ascending order, proto3 defaults left out, both key and value of every map entry
 * written), without building the generated messages: each string is encoded to UTF-8 once, the
 * size of every nested message computed once, and the record written into one array of its exact
 * size.
 *
 * <p>Field numbers and wire types are those of {@code usp-msg-1-4.proto} and {@code
 * usp-record-1-4.proto}. Any thread: its shared state, the UTF-8 of recent strings
 * ({@link RecentUtf8}) and the bytes of recent objects ({@link RecentObjects}), is safe to race
 * on.
 */
final class UspWire {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    // Record
    private static final int RECORD_VERSION = 1;
    private static final int RECORD_TO_ID = 2;
    private static final int RECORD_FROM_ID = 3;
    private static final int RECORD_NO_SESSION_CONTEXT = 7;
    private static final int NO_SESSION_CONTEXT_PAYLOAD = 2;
    // Msg, Header, Body, Response
    private static final int MSG_HEADER = 1;
    private static final int MSG_BODY = 2;
    private static final int HEADER_MSG_ID = 1;
    private static final int HEADER_MSG_TYPE = 2;
    private static final int MSG_TYPE_GET_RESP = 2;
    private static final int BODY_RESPONSE = 2;
    private static final int RESPONSE_GET_RESP = 1;
    // GetResp
    private static final int GET_RESP_REQ_PATH_RESULTS = 1;
    private static final int REQUESTED_PATH = 1;
    private static final int REQUESTED_ERR_CODE = 2;
    private static final int REQUESTED_ERR_MSG = 3;
    private static final int REQUESTED_RESOLVED_PATH_RESULTS = 4;
    private static final int RESOLVED_PATH = 1;
    private static final int RESOLVED_RESULT_PARAMS = 2;
    private static final int MAP_KEY = 1;
    private static final int MAP_VALUE = 2;

    /** The largest Msg written: far above any answer the agent sends (4 MiB by default), well below 2 GiB. */
    static final int MAX_SIZE = 1 << 30;

    private UspWire() {
    }

    /**
     * A plaintext {@code no_session_context} Record from {@code fromId} to {@code toId} carrying
     * the encoded Msg {@code msg}.
     */
    static byte[] noSessionContext(String version, String toId, String fromId, byte[] msg) {
        byte[] v = utf8(version);
        byte[] to = utf8(toId);
        byte[] from = utf8(fromId);
        int context = stringField(msg.length);
        Writer w = new Writer(stringField(v.length) + stringField(to.length) + stringField(from.length)
                + messageField(context));
        w.string(RECORD_VERSION, v);
        w.string(RECORD_TO_ID, to);
        w.string(RECORD_FROM_ID, from);
        w.messageHeader(RECORD_NO_SESSION_CONTEXT, context);
        w.string(NO_SESSION_CONTEXT_PAYLOAD, msg);
        return w.done();
    }

    /**
     * The Msg of a GetResp answering {@code msgId}, ready to write: every string encoded and every
     * size computed. Its {@link GetRespMsg#size()} is known before anything is written.
     */
    static GetRespMsg getResp(String msgId, UspGetResp resp) {
        int objects = 0;
        for (UspGetResp.RequestedPathResult r : resp.results()) {
            objects += r.resolved().size();
        }
        byte[][] reused = new byte[objects][];
        int sizes = 4;
        int strings = 1;
        int k = 0;
        for (UspGetResp.RequestedPathResult r : resp.results()) {
            sizes++;
            strings += 2;
            for (ObjectValues o : r.resolved()) {
                sizes++;
                byte[] earlier = reused[k++] = RECENT_OBJECTS.find(o);
                if (earlier == null) {
                    int n = o.parameters().size();
                    sizes += n;
                    strings += 1 + 2 * n;
                }
            }
        }
        return new GetRespMsg(msgId, resp, new int[sizes], new byte[strings][], reused);
    }

    /** A GetResp Msg prepared for writing by {@link #getResp}. */
    static final class GetRespMsg {
        private final UspGetResp resp;
        /** The size of each nested message, in the order they are written. */
        private final int[] sizes;
        /** Each string in UTF-8, in the order they are written (none for a reused object). */
        private final byte[][] strings;
        /**
         * For each object, in order: its bytes as an earlier answer wrote them, or null to write
         * it; found before the other arrays are made, which then hold only what is written.
         */
        private final byte[][] reused;
        private final long size;
        /** Set when a nested message would pass {@link #MAX_SIZE}: nothing is written then. */
        private boolean tooLarge;

        private GetRespMsg(String msgId, UspGetResp resp, int[] sizes, byte[][] strings, byte[][] reused) {
            this.resp = resp;
            this.sizes = sizes;
            this.strings = strings;
            this.reused = reused;
            int z = 0;
            int s = 0;
            int k = 0;
            byte[] id = utf8(msgId);
            strings[s++] = id;
            long header = stringField(id.length) + varintField(MSG_TYPE_GET_RESP);
            sizes[z++] = (int) header;
            int body = z++;
            int response = z++;
            int getResp = z++;
            long getRespSize = 0;
            for (UspGetResp.RequestedPathResult r : resp.results()) {
                int result = z++;
                byte[] path = utf8(r.requestedPath());
                strings[s++] = path;
                byte[] message = utf8(r.errMsg());
                strings[s++] = message;
                long resultSize = stringField(path.length) + (r.errCode() != 0 ? 1 + 4 : 0) + stringField(message.length);
                for (ObjectValues o : r.resolved()) {
                    int object = z++;
                    byte[] earlier = reused[k++];
                    if (earlier != null) {
                        sizes[object] = earlier.length;
                        resultSize += messageField(earlier.length);
                        continue;
                    }
                    byte[] objectPath = strings[s++] = RECENT.utf8(o.path());
                    long objectSize = stringField(objectPath.length);
                    ParameterValues parameters = o.parameters();
                    for (int i = 0; i < parameters.size(); i++) {
                        byte[] key = parameters.nameUtf8(i);
                        strings[s++] = key;
                        byte[] value = strings[s++] = RECENT.utf8(parameters.value(i));
                        int entry = checked(entryField(key.length) + entryField(value.length));
                        sizes[z++] = entry;
                        objectSize += messageField(entry);
                    }
                    sizes[object] = checked(objectSize);
                    resultSize += messageField(sizes[object]);
                }
                sizes[result] = checked(resultSize);
                getRespSize += messageField(sizes[result]);
            }
            sizes[getResp] = checked(getRespSize);
            sizes[response] = checked(messageField(sizes[getResp]));
            sizes[body] = checked(messageField(sizes[response]));
            this.size = tooLarge ? Long.MAX_VALUE : messageField(sizes[0]) + (long) messageField(sizes[body]);
        }

        private int checked(long nested) {
            if (nested > MAX_SIZE) {
                tooLarge = true;
                return 0;
            }
            return (int) nested;
        }

        /** The encoded Msg's size in bytes; {@link Long#MAX_VALUE} for one larger than {@link #MAX_SIZE}. */
        long size() {
            return size;
        }

        /** The plaintext {@code no_session_context} Record carrying this Msg. */
        byte[] record(String version, String toId, String fromId) {
            if (size > MAX_SIZE) {
                throw new IllegalStateException("a GetResp larger than " + MAX_SIZE + " bytes cannot be written");
            }
            int msg = (int) size;
            byte[] v = utf8(version);
            byte[] to = utf8(toId);
            byte[] from = utf8(fromId);
            int context = stringField(msg);
            Writer w = new Writer(stringField(v.length) + stringField(to.length) + stringField(from.length)
                    + messageField(context));
            w.string(RECORD_VERSION, v);
            w.string(RECORD_TO_ID, to);
            w.string(RECORD_FROM_ID, from);
            w.messageHeader(RECORD_NO_SESSION_CONTEXT, context);
            w.messageHeader(NO_SESSION_CONTEXT_PAYLOAD, msg);
            writeMsg(w);
            return w.done();
        }

        private void writeMsg(Writer w) {
            int z = 0;
            int s = 0;
            int k = 0;
            w.messageHeader(MSG_HEADER, sizes[z++]);
            w.string(HEADER_MSG_ID, strings[s++]);
            w.tag(HEADER_MSG_TYPE, VARINT);
            w.varint(MSG_TYPE_GET_RESP);
            w.messageHeader(MSG_BODY, sizes[z++]);
            w.messageHeader(BODY_RESPONSE, sizes[z++]);
            w.messageHeader(RESPONSE_GET_RESP, sizes[z++]);
            for (UspGetResp.RequestedPathResult r : resp.results()) {
                w.messageHeader(GET_RESP_REQ_PATH_RESULTS, sizes[z++]);
                w.string(REQUESTED_PATH, strings[s++]);
                if (r.errCode() != 0) {
                    w.tag(REQUESTED_ERR_CODE, FIXED32);
                    w.fixed32(r.errCode());
                }
                w.string(REQUESTED_ERR_MSG, strings[s++]);
                for (ObjectValues o : r.resolved()) {
                    w.messageHeader(REQUESTED_RESOLVED_PATH_RESULTS, sizes[z++]);
                    byte[] earlier = reused[k++];
                    if (earlier != null) {
                        w.raw(earlier);
                        continue;
                    }
                    int start = w.position;
                    w.string(RESOLVED_PATH, strings[s++]);
                    int n = o.parameters().size();
                    for (int i = 0; i < n; i++) {
                        w.messageHeader(RESOLVED_RESULT_PARAMS, sizes[z++]);
                        w.entry(MAP_KEY, strings[s++]);
                        w.entry(MAP_VALUE, strings[s++]);
                    }
                    RECENT_OBJECTS.keep(o, w.buffer, start, w.position);
                }
            }
        }
    }

    // ---------------------------------------------------------------- sizes

    /** A string or bytes field; left out (0 bytes) when empty, as proto3 does. */
    private static int stringField(int length) {
        return length == 0 ? 0 : 1 + varintSize(length) + length;
    }

    /** A map entry's key or value: written even when empty. Field numbers below 16 take one tag byte. */
    private static long entryField(int length) {
        return 1L + varintSize(length) + length;
    }

    /** A message field that is set: tag, length, content. */
    private static int messageField(int length) {
        return 1 + varintSize(length) + length;
    }

    private static int varintField(int value) {
        return value == 0 ? 0 : 1 + varintSize(value);
    }

    private static int varintSize(int value) {
        if ((value & ~0x7F) == 0) {
            return 1;
        }
        if ((value & ~0x3FFF) == 0) {
            return 2;
        }
        if ((value & ~0x1FFFFF) == 0) {
            return 3;
        }
        if ((value & ~0xFFFFFFF) == 0) {
            return 4;
        }
        return 5;
    }

    /**
     * The UTF-8 of the strings a GetResp wrote last: most paths and values of one Get are the
     * same {@code String} objects in the next (a platform snapshot's rows, an instance's path,
     * a literal), or equal ones, and are then found here instead of encoded again.
     */
    private static final RecentUtf8 RECENT = new RecentUtf8(4096);

    /**
     * A direct-mapped cache from a string, by identity, to its UTF-8: a slot keyed by the
     * string's hash (which a {@code String} keeps once computed) holds the last string that fell
     * in it. Any thread: a slot holds an immutable entry, so a race costs an encoding, never a
     * wrong answer. Only strings that go on the wire anyway are kept (a hidden value is empty),
     * and only short ones ({@value #MAX_LENGTH} characters at most): the cache holds at most
     * {@code size} of them, whatever the answers carry, and a long value costs little more to
     * encode per byte than to look up.
     */
    static final class RecentUtf8 {
        static final int MAX_LENGTH = 256;

        private record Entry(String string, byte[] utf8) {
        }

        private final Entry[] slots;

        RecentUtf8(int size) {
            if (Integer.bitCount(size) != 1 || size < 2) {
                throw new IllegalArgumentException("size must be a power of two, at least 2: " + size);
            }
            slots = new Entry[size];
        }

        byte[] utf8(String s) {
            if (s.length() > MAX_LENGTH) {
                return UspWire.utf8(s);
            }
            int h = s.hashCode();
            int slot = (h ^ h >>> 16) & (slots.length - 1);
            Entry e = slots[slot];
            // An equal string too: values of other objects ("0", "true") are equal strings of
            // their own, which would otherwise take turns in their slot.
            if (e != null && (e.string == s || e.string.equals(s))) {
                return e.utf8;
            }
            byte[] utf8 = UspWire.utf8(s);
            slots[slot] = new Entry(s, utf8);
            return utf8;
        }
    }

    /**
     * The bytes of the objects the GetResps wrote last: polled again, most objects of an answer
     * hold the values they held in the one before (the platform's snapshots are reused for a
     * while), and are then copied from here instead of written field by field.
     */
    private static final RecentObjects RECENT_OBJECTS = new RecentObjects(2048, 1 << 20);

    /**
     * A two-way cache from an object's path to the bytes of its {@code ResolvedPathResult}
     * (its {@code resolved_path} and {@code result_params}) as last written, with the values
     * they were written from: the path's hash names a pair of slots, either of which may hold
     * the object, and a slot gives its bytes only to an object with the same path and the same
     * parameters and values ({@link ParameterValues#sameAs}), whose bytes are then the same. An
     * object kept again takes its own slot of the pair, else an empty one, else the first. Bounded
     * twice: objects of at most {@value #MAX_BYTES} bytes, and at most {@code maxHeldBytes} of
     * them in all (past that, new objects are written but not kept until others leave their
     * slots). The slots are many more than the objects of a whole gateway's Get (a bench of
     * {@code Device.} with 145 objects in 512 slots missed 13 % of them for two paths sharing a
     * slot), and two paths whose hashes meet share a pair instead of taking turns in one slot
     * (141 objects of a Get of {@code Device.} in 2,048 slots: 8 of them in 4 shared ones). Any
     * thread: a slot holds an immutable entry, so a reader racing a writer costs a write, never
     * a wrong answer; writers take turns ({@link #keep} is synchronized, and runs only for an
     * object that was not found), so the count of bytes held is exact. A value a controller may
     * see and another may not (a secured parameter) is no risk: the other's answer carries
     * another value, so the bytes do not match.
     */
    static final class RecentObjects {
        static final int MAX_BYTES = 2048;

        private record Entry(String path, ParameterValues values, byte[] bytes) {
        }

        private final Entry[] slots;
        private final long maxHeldBytes;
        /** Guarded by this. */
        private long heldBytes;

        RecentObjects(int size, long maxHeldBytes) {
            if (Integer.bitCount(size) != 1 || size < 2) {
                throw new IllegalArgumentException("size must be a power of two, at least 2: " + size);
            }
            slots = new Entry[size];
            this.maxHeldBytes = maxHeldBytes;
        }

        /** What was written for an object with this path and these values; null when not kept. */
        byte[] find(ObjectValues o) {
            int slot = slot(o.path());
            Entry e = slots[slot];
            if (e == null || !e.path.equals(o.path())) {
                e = slots[slot ^ 1];
            }
            return e != null && e.path.equals(o.path()) && e.values.sameAs(o.parameters()) ? e.bytes : null;
        }

        /** Keeps {@code buffer[from, to)}, the bytes just written for {@code o}, if they fit. */
        synchronized void keep(ObjectValues o, byte[] buffer, int from, int to) {
            int length = to - from;
            int first = slot(o.path());
            int slot = first;
            if (!holds(first, o.path())
                    && (holds(first ^ 1, o.path()) || slots[first] != null && slots[first ^ 1] == null)) {
                slot = first ^ 1;
            }
            Entry before = slots[slot];
            long freed = before == null ? 0 : before.bytes.length;
            if (length > MAX_BYTES || heldBytes - freed + length > maxHeldBytes) {
                return;
            }
            slots[slot] = new Entry(o.path(), o.parameters(), Arrays.copyOfRange(buffer, from, to));
            heldBytes += length - freed;
        }

        /** The bytes the kept objects hold. */
        synchronized long heldBytes() {
            return heldBytes;
        }

        private boolean holds(int slot, String path) {
            return slots[slot] != null && slots[slot].path.equals(path);
        }

        private int slot(String path) {
            int h = path.hashCode();
            return (h ^ h >>> 16) & (slots.length - 1);
        }
    }

    /** UTF-8 as the generated classes write it (an unpaired surrogate becomes '?', as String.getBytes does). */
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes into an array of the exact size computed beforehand. */
    private static final class Writer {
        final byte[] buffer;
        int position;

        Writer(int size) {
            buffer = new byte[size];
        }

        void tag(int field, int wireType) {
            varint(field << 3 | wireType);
        }

        void varint(int value) {
            while ((value & ~0x7F) != 0) {
                buffer[position++] = (byte) (value & 0x7F | 0x80);
                value >>>= 7;
            }
            buffer[position++] = (byte) value;
        }

        void fixed32(int value) {
            buffer[position++] = (byte) value;
            buffer[position++] = (byte) (value >>> 8);
            buffer[position++] = (byte) (value >>> 16);
            buffer[position++] = (byte) (value >>> 24);
        }

        /** A string or bytes field, left out when empty. */
        void string(int field, byte[] utf8) {
            if (utf8.length > 0) {
                entry(field, utf8);
            }
        }

        /** A string field written even when empty (a map entry's key or value). */
        void entry(int field, byte[] utf8) {
            tag(field, LENGTH_DELIMITED);
            varint(utf8.length);
            System.arraycopy(utf8, 0, buffer, position, utf8.length);
            position += utf8.length;
        }

        /** Bytes already encoded. */
        void raw(byte[] bytes) {
            System.arraycopy(bytes, 0, buffer, position, bytes.length);
            position += bytes.length;
        }

        void messageHeader(int field, int length) {
            tag(field, LENGTH_DELIMITED);
            varint(length);
        }

        byte[] done() {
            if (position != buffer.length) {
                throw new IllegalStateException("wrote " + position + " bytes of " + buffer.length);
            }
            return buffer;
        }
    }
}

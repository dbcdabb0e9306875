package dev.demarc.core.store;

import dev.demarc.core.text.Utf8;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The byte layout of {@link FileStore}'s files; all integers big-endian, all strings UTF-8
 * preceded by their byte length as a 32-bit integer.
 *
 * <pre>
 * journal file   header:  magic "DMJ1" | version u32 | generation u64 | crc32c(previous 16 bytes)
 *                records: magic "REC1" | length u32 | crc32c(length, payload) | payload
 *                payload: count u32, then count times:
 *                         op u8 (1 put, 0 delete) | key | value (put only)
 * snapshot file  magic "DMS1" | version u32 | generation u64 | length u32
 *                | crc32c(magic .. length, payload) | payload
 *                payload: count u32, then count times: key | value
 * </pre>
 */
final class StoreFormat {

    static final int VERSION = 1;
    static final int JOURNAL_MAGIC = 0x444D4A31; // "DMJ1"
    static final int SNAPSHOT_MAGIC = 0x444D5331; // "DMS1"
    static final int RECORD_MAGIC = 0x52454331; // "REC1"
    static final int JOURNAL_HEADER_BYTES = 20;
    static final int SNAPSHOT_HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 12;
    static final byte OP_DELETE = 0;
    static final byte OP_PUT = 1;

    /** Bytes one entry adds to a snapshot payload beyond its key and value text. */
    static final int ENTRY_OVERHEAD_BYTES = 8;

    private StoreFormat() {
    }

    /** A file or record that does not follow this layout. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /** A decoded snapshot file. */
    record Snapshot(long generation, Map<String, String> content) {
    }

    // ----- strings

    /** Strict UTF-8: an unpaired surrogate is refused rather than silently replaced by '?'. */
    static byte[] utf8(String s, String what) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " cannot be stored: it is not valid UTF-16 text"
                    + " (unpaired surrogate)");
        }
    }

    /** The bytes one key/value pair occupies in a snapshot payload. */
    static long entryBytes(String key, String value) {
        return ENTRY_OVERHEAD_BYTES + Utf8.length(key) + Utf8.length(value);
    }

    private static String readString(ByteBuffer in, String what) throws FormatException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new FormatException(what + " length " + Integer.toUnsignedString(length)
                    + " exceeds the " + in.remaining() + " bytes left");
        }
        ByteBuffer slice = in.slice();
        slice.limit(length);
        in.position(in.position() + length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(what + " is not valid UTF-8");
        }
    }

    private static int readCount(ByteBuffer in, int minEntryBytes) throws FormatException {
        int count = in.getInt();
        if (count < 0 || (long) count * minEntryBytes > in.remaining()) {
            throw new FormatException("entry count " + Integer.toUnsignedString(count)
                    + " does not fit in the " + in.remaining() + " bytes left");
        }
        return count;
    }

    private static void expectEnd(ByteBuffer in) throws FormatException {
        if (in.hasRemaining()) {
            throw new FormatException(in.remaining() + " unexpected bytes after the last entry");
        }
    }

    // ----- journal

    static byte[] journalHeader(long generation) {
        ByteBuffer b = ByteBuffer.allocate(JOURNAL_HEADER_BYTES);
        b.putInt(JOURNAL_MAGIC).putInt(VERSION).putLong(generation);
        b.putInt(crc(b.array(), 0, 16));
        return b.array();
    }

    /** The generation of a journal header; {@code header} holds exactly its 20 bytes. */
    static long parseJournalHeader(ByteBuffer header) throws FormatException {
        int magic = header.getInt(0);
        if (magic != JOURNAL_MAGIC) {
            throw new FormatException("bad magic 0x" + Integer.toHexString(magic) + " in the journal header");
        }
        int version = header.getInt(4);
        if (version != VERSION) {
            throw new FormatException("unsupported journal version " + version);
        }
        byte[] first = new byte[16];
        header.get(0, first);
        if (crc(first, 0, 16) != header.getInt(16)) {
            throw new FormatException("the journal header fails its checksum");
        }
        return header.getLong(8);
    }

    /** Encodes one commit's change set as a record payload. */
    static byte[] encodeChanges(Map<String, Optional<String>> changes) {
        List<byte[]> parts = new ArrayList<>(changes.size() * 2);
        long size = 4;
        for (Map.Entry<String, Optional<String>> e : changes.entrySet()) {
            String key = java.util.Objects.requireNonNull(e.getKey(), "key");
            Optional<String> value = java.util.Objects.requireNonNull(e.getValue(), () -> "value of " + key);
            byte[] k = utf8(key, "key");
            parts.add(k);
            size += 1 + 4 + k.length;
            if (value.isPresent()) {
                byte[] v = utf8(value.get(), "value of " + key);
                parts.add(v);
                size += 4 + v.length;
            } else {
                parts.add(null);
            }
        }
        if (size > Integer.MAX_VALUE - RECORD_HEADER_BYTES) {
            throw new IllegalArgumentException("change set too large: " + size + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        b.putInt(changes.size());
        for (int i = 0; i < parts.size(); i += 2) {
            byte[] v = parts.get(i + 1);
            b.put(v == null ? OP_DELETE : OP_PUT);
            b.putInt(parts.get(i).length).put(parts.get(i));
            if (v != null) {
                b.putInt(v.length).put(v);
            }
        }
        return b.array();
    }

    /** Decodes a record payload; the map keeps the payload's order. */
    static Map<String, Optional<String>> decodeChanges(ByteBuffer payload) throws FormatException {
        try {
            int count = readCount(payload, 5);
            Map<String, Optional<String>> changes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                byte op = payload.get();
                if (op != OP_PUT && op != OP_DELETE) {
                    throw new FormatException("unknown operation " + op + " in entry " + (i + 1));
                }
                String key = readString(payload, "key of entry " + (i + 1));
                Optional<String> value = op == OP_PUT
                        ? Optional.of(readString(payload, "value of entry " + (i + 1)))
                        : Optional.empty();
                if (changes.put(key, value) != null) {
                    throw new FormatException("key of entry " + (i + 1) + " appears twice");
                }
            }
            expectEnd(payload);
            return Collections.unmodifiableMap(changes);
        } catch (BufferUnderflowException e) {
            throw new FormatException("payload ends in the middle of an entry");
        }
    }

    /** A complete journal record: header and payload. */
    static byte[] record(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(RECORD_HEADER_BYTES + payload.length);
        b.putInt(RECORD_MAGIC).putInt(payload.length).putInt(recordCrc(payload.length, ByteBuffer.wrap(payload)));
        b.put(payload);
        return b.array();
    }

    /** The checksum a record with this length field and payload carries. */
    static int recordCrc(int length, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    // ----- snapshot

    static byte[] encodeSnapshot(long generation, Map<String, String> content) {
        long size = 4;
        List<byte[]> parts = new ArrayList<>(content.size() * 2);
        for (Map.Entry<String, String> e : content.entrySet()) {
            byte[] k = utf8(e.getKey(), "key");
            byte[] v = utf8(e.getValue(), "value of " + e.getKey());
            parts.add(k);
            parts.add(v);
            size += ENTRY_OVERHEAD_BYTES + k.length + v.length;
        }
        if (size > Integer.MAX_VALUE - SNAPSHOT_HEADER_BYTES) {
            throw new IllegalArgumentException("content too large for one snapshot: " + size + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(SNAPSHOT_HEADER_BYTES + (int) size);
        b.putInt(SNAPSHOT_MAGIC).putInt(VERSION).putLong(generation).putInt((int) size).putInt(0);
        b.putInt(content.size());
        for (byte[] part : parts) {
            b.putInt(part.length).put(part);
        }
        b.putInt(20, snapshotCrc(b.array()));
        return b.array();
    }

    private static int snapshotCrc(byte[] file) {
        CRC32C crc = new CRC32C();
        crc.update(file, 0, 20);
        crc.update(file, SNAPSHOT_HEADER_BYTES, file.length - SNAPSHOT_HEADER_BYTES);
        return (int) crc.getValue();
    }

    /** Decodes a whole snapshot file. */
    static Snapshot decodeSnapshot(byte[] file) throws FormatException {
        if (file.length < SNAPSHOT_HEADER_BYTES) {
            throw new FormatException("file of " + file.length + " bytes is shorter than the "
                    + SNAPSHOT_HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int magic = b.getInt(0);
        if (magic != SNAPSHOT_MAGIC) {
            throw new FormatException("bad magic 0x" + Integer.toHexString(magic) + " in the snapshot header");
        }
        int version = b.getInt(4);
        if (version != VERSION) {
            throw new FormatException("unsupported snapshot version " + version);
        }
        long generation = b.getLong(8);
        int length = b.getInt(16);
        if (length != file.length - SNAPSHOT_HEADER_BYTES) {
            throw new FormatException("header announces " + Integer.toUnsignedString(length)
                    + " payload bytes but the file holds " + (file.length - SNAPSHOT_HEADER_BYTES));
        }
        if (snapshotCrc(file) != b.getInt(20)) {
            throw new FormatException("the snapshot fails its checksum");
        }
        ByteBuffer payload = ByteBuffer.wrap(file, SNAPSHOT_HEADER_BYTES, length).slice();
        try {
            int count = readCount(payload, ENTRY_OVERHEAD_BYTES);
            Map<String, String> content = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String key = readString(payload, "key of entry " + (i + 1));
                String value = readString(payload, "value of entry " + (i + 1));
                if (content.put(key, value) != null) {
                    throw new FormatException("key of entry " + (i + 1) + " appears twice");
                }
            }
            expectEnd(payload);
            return new Snapshot(generation, content);
        } catch (BufferUnderflowException e) {
            throw new FormatException("payload ends in the middle of an entry");
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}

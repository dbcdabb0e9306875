package dev.demarc.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} kept in a data directory: a snapshot file and an append-only journal.
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@code config.journal}: a header carrying a <em>generation</em> number, then one record
 *       per commit ({@code magic | length | CRC32C | payload}, the payload holding the whole change
 *       set). One commit is one record, so a commit is atomic; the journal is forced to disk
 *       ({@link FileChannel#force(boolean) force(true)}) before {@link #commit} returns.</li>
 *   <li>{@code config.snapshot}: the whole content at some point, with its generation number and
 *       a CRC32C over header and payload. Absent until the first compaction (generation 0).</li>
 *   <li>{@code lock}: held with an OS file lock while the store is open, so that two agents never
 *       share one directory.</li>
 * </ul>
 * The content is the snapshot with the journal's records applied in order, provided both carry
 * the same generation. The layout is described in {@code StoreFormat}.
 *
 * <h2>Compaction</h2>
 * When the journal has grown past {@link Options#compactionThresholdBytes()}, the next commit
 * first compacts: (1) write the content as a snapshot of generation g+1 to
 * {@code config.snapshot.tmp} and force it; (2) write a new empty journal of generation g+1 to
 * {@code config.journal.tmp} and force it; (3) rename the snapshot over {@code config.snapshot},
 * force the directory; (4) rename the journal over {@code config.journal}, force the directory.
 * A crash before (3) leaves the old pair; a crash between (3) and (4) leaves snapshot g+1 with
 * journal g, which opening recognises as stale (everything in it is already in the snapshot) and
 * replaces; a crash after (4) leaves the new pair. Nothing is lost or applied twice. Left-over
 * {@code .tmp} files are deleted on open. A failure in steps (1)-(3) is logged and the commit
 * goes on appending to the old journal; a failure in step (4) makes the store refuse further
 * commits (its files are consistent; reopen it).
 *
 * <h2>Crashes and corruption</h2>
 * An incomplete last record, or a last record failing its checksum that runs to the end of the
 * file (or is followed only by zero bytes, as a power loss can leave), is a commit that was never
 * acknowledged: it is truncated away and logged at INFO. Anything else that does not decode (a
 * bad record followed by more data, a length over {@link Options#maxRecordBytes()}, a payload
 * that does not decode despite a good checksum, a bad snapshot, generations that do not match)
 * is corruption: {@link #open} renames the store's files with a {@code .corrupt-<UTC timestamp>}
 * suffix (never deleting them), opens an empty store and says so in {@link Opened#recovery()}.
 *
 * <p>If writing a record fails, the journal is truncated back to the end of the last good record
 * and the store stays usable; if even that fails, it refuses further commits.
 *
 * <h2>Threads</h2>
 * Not thread-safe: one owner thread (the data-model engine's) opens, commits and closes it. The
 * maps returned by {@link #snapshot()} are immutable and may be shared.
 */
public final class FileStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

    static final String SNAPSHOT_FILE = "config.snapshot";
    static final String JOURNAL_FILE = "config.journal";
    static final String LOCK_FILE = "lock";
    static final String TMP_SUFFIX = ".tmp";

    private static final DateTimeFormatter CORRUPT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Bounds and settings of a {@link FileStore}; start from {@link #defaults()}.
     *
     * @param compactionThresholdBytes journal size from which the next commit compacts
     *     (default 1 MiB)
     * @param maxRecordBytes largest encoded change set of one commit, and largest record length
     *     accepted when reading; a longer length field is corruption (default 16 MiB)
     * @param maxContentBytes largest encoded content (sum over entries of key and value UTF-8
     *     bytes plus 8); also the largest snapshot accepted when reading (default 64 MiB)
     * @param clock clock for the timestamps of moved-aside files (default UTC system clock)
     */
    public record Options(long compactionThresholdBytes, int maxRecordBytes, long maxContentBytes, Clock clock) {

        public Options {
            if (compactionThresholdBytes < 1) {
                throw new IllegalArgumentException("compactionThresholdBytes must be positive");
            }
            if (maxRecordBytes < 64 || maxRecordBytes > Integer.MAX_VALUE - 64) {
                throw new IllegalArgumentException("maxRecordBytes out of range: " + maxRecordBytes);
            }
            if (maxContentBytes < 64 || maxContentBytes > Integer.MAX_VALUE - 64) {
                throw new IllegalArgumentException("maxContentBytes out of range: " + maxContentBytes);
            }
            Objects.requireNonNull(clock, "clock");
        }

        public static Options defaults() {
            return new Options(1L << 20, 16 << 20, 64L << 20, Clock.systemUTC());
        }

        public Options withCompactionThresholdBytes(long bytes) {
            return new Options(bytes, maxRecordBytes, maxContentBytes, clock);
        }

        public Options withMaxRecordBytes(int bytes) {
            return new Options(compactionThresholdBytes, bytes, maxContentBytes, clock);
        }

        public Options withMaxContentBytes(long bytes) {
            return new Options(compactionThresholdBytes, maxRecordBytes, bytes, clock);
        }

        public Options withClock(Clock newClock) {
            return new Options(compactionThresholdBytes, maxRecordBytes, maxContentBytes, newClock);
        }
    }

    /**
     * An opened store.
     *
     * @param store the store, to be closed by the caller
     * @param fresh true when the store is empty: on first start, after a corrupt store was moved
     *     aside, and also when a previous run died before its first commit. The caller then
     *     applies the factory defaults (in one commit, so that this stays true until they are
     *     all in).
     * @param recovery when the store was found corrupt: which file, what was wrong, where it was
     *     moved; empty otherwise
     */
    public record Opened(FileStore store, boolean fresh, Optional<String> recovery) {
        public Opened {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(recovery, "recovery");
        }
    }

    /** Thrown inside {@link #load} when a file is corrupt. */
    private static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;
        final Path file;

        Corrupt(Path file, String message) {
            super(message);
            this.file = file;
        }
    }

    private final Path dir;
    private final Options options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<String, String> content = new TreeMap<>();
    private long contentBytes;
    private Map<String, String> view;
    private FileChannel journal;
    private long journalEnd;
    private long generation;
    private long nextCompactionAt;
    private IOException broken;
    private boolean closed;

    private FileStore(Path dir, Options options, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) the store in {@code dataDir} with {@link Options#defaults()}. */
    public static Opened open(Path dataDir) throws IOException {
        return open(dataDir, Options.defaults());
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir}.
     *
     * @throws IOException when the directory is in use by another open store (in this or another
     *     process), or cannot be read or written
     */
    public static Opened open(Path dataDir, Options options) throws IOException {
        Objects.requireNonNull(options, "options");
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(LOCK_FILE);
        FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("data directory " + dir + " is in use by another agent (" + lockFile
                    + " is locked)");
        }
        FileStore store = new FileStore(dir, options, lockChannel, lock);
        try {
            Optional<String> recovery = store.load();
            return new Opened(store, store.content.isEmpty(), recovery);
        } catch (IOException | RuntimeException e) {
            try {
                store.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public Map<String, String> snapshot() {
        if (view == null) {
            view = Collections.unmodifiableMap(new TreeMap<>(content));
        }
        return view;
    }

    @Override
    public void commit(Map<String, Optional<String>> changes) throws IOException {
        if (closed) {
            throw new IllegalStateException("store " + dir + " is closed");
        }
        if (broken != null) {
            throw new IOException("store " + dir + " refuses commits after an earlier failure; reopen it", broken);
        }
        if (changes.isEmpty()) {
            return;
        }
        byte[] payload = StoreFormat.encodeChanges(changes);
        if (payload.length > options.maxRecordBytes()) {
            throw new StoreLimitException("change set of " + payload.length + " bytes is over the limit of "
                    + options.maxRecordBytes() + " bytes per commit");
        }
        long newContentBytes = contentBytes;
        for (Map.Entry<String, Optional<String>> e : changes.entrySet()) {
            String old = content.get(e.getKey());
            if (old != null) {
                newContentBytes -= StoreFormat.entryBytes(e.getKey(), old);
            }
            if (e.getValue().isPresent()) {
                newContentBytes += StoreFormat.entryBytes(e.getKey(), e.getValue().get());
            }
        }
        if (newContentBytes > options.maxContentBytes()) {
            throw new StoreLimitException("commit would grow the store to " + newContentBytes
                    + " bytes, over the limit of " + options.maxContentBytes() + " bytes");
        }
        if (journalEnd >= nextCompactionAt) {
            compact();
        }
        append(StoreFormat.record(payload));
        for (Map.Entry<String, Optional<String>> e : changes.entrySet()) {
            if (e.getValue().isPresent()) {
                content.put(e.getKey(), e.getValue().get());
            } else {
                content.remove(e.getKey());
            }
        }
        contentBytes = newContentBytes;
        view = null;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        try {
            lock.release();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The generation of the current journal; for tests. */
    long generation() {
        return generation;
    }

    /** The data directory, absolute. */
    public Path directory() {
        return dir;
    }

    @Override
    public String toString() {
        return "FileStore[" + dir + ", generation " + generation + ", " + content.size() + " keys]";
    }

    // ----- writing

    private void append(byte[] record) throws IOException {
        long start = journalEnd;
        try {
            writeFully(journal, ByteBuffer.wrap(record), start);
            journal.force(true);
            journalEnd = start + record.length;
        } catch (IOException e) {
            try {
                journal.truncate(start);
                journal.force(true);
                LOG.warn("store {}: commit failed and was rolled back: {}", dir, e.toString());
            } catch (IOException rollback) {
                e.addSuppressed(rollback);
                broken = e;
                LOG.error("store {}: commit failed and could not be rolled back; refusing further commits", dir, e);
            }
            throw e;
        }
    }

    private void compact() throws IOException {
        long newGeneration = generation + 1;
        Path snapshotTmp = dir.resolve(SNAPSHOT_FILE + TMP_SUFFIX);
        Path journalTmp = dir.resolve(JOURNAL_FILE + TMP_SUFFIX);
        FileChannel newJournal = null;
        try {
            byte[] snapshot = StoreFormat.encodeSnapshot(newGeneration, content);
            try (FileChannel ch = FileChannel.open(snapshotTmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                writeFully(ch, ByteBuffer.wrap(snapshot), 0);
                ch.force(true);
            }
            newJournal = FileChannel.open(journalTmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
            writeFully(newJournal, ByteBuffer.wrap(StoreFormat.journalHeader(newGeneration)), 0);
            newJournal.force(true);
            Files.move(snapshotTmp, dir.resolve(SNAPSHOT_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Nothing has replaced a live file yet: keep appending to the current journal.
            closeQuietly(newJournal);
            deleteQuietly(snapshotTmp);
            deleteQuietly(journalTmp);
            nextCompactionAt = journalEnd + options.compactionThresholdBytes();
            LOG.warn("store {}: compaction failed, continuing with the journal: {}", dir, e.toString());
            return;
        }
        try {
            forceDirectory(dir);
            Files.move(journalTmp, dir.resolve(JOURNAL_FILE), StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(dir);
        } catch (IOException e) {
            closeQuietly(newJournal);
            broken = e;
            LOG.error("store {}: compaction failed after replacing the snapshot; refusing further commits", dir, e);
            throw e;
        }
        closeQuietly(journal);
        journal = newJournal;
        journalEnd = StoreFormat.JOURNAL_HEADER_BYTES;
        generation = newGeneration;
        nextCompactionAt = options.compactionThresholdBytes();
        LOG.debug("store {}: compacted to generation {} ({} keys)", dir, newGeneration, content.size());
    }

    /** Replaces the journal with an empty one of {@code gen}, crash-safely. */
    private void startJournal(long gen) throws IOException {
        Path tmp = dir.resolve(JOURNAL_FILE + TMP_SUFFIX);
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            writeFully(ch, ByteBuffer.wrap(StoreFormat.journalHeader(gen)), 0);
            ch.force(true);
            Files.move(tmp, dir.resolve(JOURNAL_FILE), StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(dir);
        } catch (IOException e) {
            closeQuietly(ch);
            throw e;
        }
        journal = ch;
        journalEnd = StoreFormat.JOURNAL_HEADER_BYTES;
        generation = gen;
    }

    // ----- opening

    private Optional<String> load() throws IOException {
        deleteQuietly(dir.resolve(SNAPSHOT_FILE + TMP_SUFFIX));
        deleteQuietly(dir.resolve(JOURNAL_FILE + TMP_SUFFIX));
        Path snapshotFile = dir.resolve(SNAPSHOT_FILE);
        Path journalFile = dir.resolve(JOURNAL_FILE);
        Optional<String> recovery = Optional.empty();
        try {
            loadFiles(snapshotFile, journalFile);
        } catch (Corrupt c) {
            closeQuietly(journal);
            journal = null;
            content.clear();
            List<Path> moved = moveAside(List.of(snapshotFile, journalFile));
            String notice = "store " + c.file + ": " + c.getMessage() + "; moved aside to "
                    + String.join(" and ", moved.stream().map(Path::toString).toList())
                    + "; starting from factory defaults";
            LOG.error(notice);
            recovery = Optional.of(notice);
            startJournal(0);
        }
        contentBytes = 0;
        for (Map.Entry<String, String> e : content.entrySet()) {
            contentBytes += StoreFormat.entryBytes(e.getKey(), e.getValue());
        }
        nextCompactionAt = options.compactionThresholdBytes();
        return recovery;
    }

    private void loadFiles(Path snapshotFile, Path journalFile) throws IOException, Corrupt {
        long snapshotGeneration = 0;
        boolean haveSnapshot = Files.exists(snapshotFile);
        if (haveSnapshot) {
            long size = Files.size(snapshotFile);
            if (size > options.maxContentBytes() + StoreFormat.SNAPSHOT_HEADER_BYTES) {
                throw new Corrupt(snapshotFile, "file of " + size + " bytes is over the limit of "
                        + options.maxContentBytes() + " bytes");
            }
            try {
                StoreFormat.Snapshot s = StoreFormat.decodeSnapshot(Files.readAllBytes(snapshotFile));
                snapshotGeneration = s.generation();
                content.putAll(s.content());
            } catch (StoreFormat.FormatException e) {
                throw new Corrupt(snapshotFile, e.getMessage());
            }
        }
        if (!Files.exists(journalFile)) {
            if (haveSnapshot) {
                LOG.warn("store {}: journal {} is missing; continuing from the snapshot", dir, journalFile);
            }
            startJournal(snapshotGeneration);
            return;
        }
        FileChannel ch = FileChannel.open(journalFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        journal = ch;
        long size = ch.size();
        if (size < StoreFormat.JOURNAL_HEADER_BYTES) {
            throw new Corrupt(journalFile, "file of " + size + " bytes is shorter than the "
                    + StoreFormat.JOURNAL_HEADER_BYTES + "-byte header");
        }
        long journalGeneration;
        try {
            journalGeneration = StoreFormat.parseJournalHeader(read(ch, 0, StoreFormat.JOURNAL_HEADER_BYTES));
        } catch (StoreFormat.FormatException e) {
            throw new Corrupt(journalFile, e.getMessage());
        }
        if (journalGeneration < snapshotGeneration) {
            LOG.info("store {}: journal generation {} is already contained in snapshot generation {}"
                    + " (compaction was interrupted); starting a new journal", dir, journalGeneration,
                    snapshotGeneration);
            closeQuietly(ch);
            journal = null;
            startJournal(snapshotGeneration);
            return;
        }
        if (journalGeneration > snapshotGeneration) {
            throw new Corrupt(journalFile, "journal generation " + journalGeneration
                    + " is newer than the snapshot's (" + (haveSnapshot ? "generation " + snapshotGeneration
                    : "snapshot " + snapshotFile + " is missing") + ")");
        }
        generation = journalGeneration;
        journalEnd = replay(ch, journalFile, size);
    }

    /** Applies the journal's records; returns the end of the last good record. */
    private long replay(FileChannel ch, Path journalFile, long size) throws IOException, Corrupt {
        long pos = StoreFormat.JOURNAL_HEADER_BYTES;
        int index = 0;
        while (pos < size) {
            index++;
            String where = "record " + index + " at offset " + pos;
            long remaining = size - pos;
            if (remaining < StoreFormat.RECORD_HEADER_BYTES) {
                return truncateTornTail(ch, journalFile, pos, where + " has an incomplete header");
            }
            ByteBuffer header = read(ch, pos, StoreFormat.RECORD_HEADER_BYTES);
            int magic = header.getInt(0);
            int length = header.getInt(4);
            int crc = header.getInt(8);
            if (magic != StoreFormat.RECORD_MAGIC) {
                if (allZero(ch, pos, size)) {
                    return truncateTornTail(ch, journalFile, pos, where + " is zero bytes up to the end of the file");
                }
                throw new Corrupt(journalFile, where + " has bad magic 0x" + Integer.toHexString(magic));
            }
            if (length < 0 || length > options.maxRecordBytes()) {
                throw new Corrupt(journalFile, where + " has length " + Integer.toUnsignedString(length)
                        + ", over the limit of " + options.maxRecordBytes() + " bytes");
            }
            long end = pos + StoreFormat.RECORD_HEADER_BYTES + length;
            if (end > size) {
                return truncateTornTail(ch, journalFile, pos, where + " is incomplete (" + length
                        + " payload bytes announced, " + (remaining - StoreFormat.RECORD_HEADER_BYTES) + " present)");
            }
            ByteBuffer payload = read(ch, pos + StoreFormat.RECORD_HEADER_BYTES, length);
            if (StoreFormat.recordCrc(length, payload) != crc) {
                if (end == size || allZero(ch, end, size)) {
                    return truncateTornTail(ch, journalFile, pos, where + " fails its checksum");
                }
                throw new Corrupt(journalFile, where + " fails its checksum");
            }
            Map<String, Optional<String>> changes;
            try {
                changes = StoreFormat.decodeChanges(payload);
            } catch (StoreFormat.FormatException e) {
                throw new Corrupt(journalFile, where + " has a good checksum but does not decode: " + e.getMessage());
            }
            for (Map.Entry<String, Optional<String>> e : changes.entrySet()) {
                if (e.getValue().isPresent()) {
                    content.put(e.getKey(), e.getValue().get());
                } else {
                    content.remove(e.getKey());
                }
            }
            pos = end;
        }
        return pos;
    }

    private long truncateTornTail(FileChannel ch, Path journalFile, long pos, String what) throws IOException {
        LOG.info("store {}: discarding a commit that never completed ({}; nothing valid follows):"
                + " truncating {} bytes", journalFile, what, ch.size() - pos);
        ch.truncate(pos);
        ch.force(true);
        return pos;
    }

    private List<Path> moveAside(List<Path> files) throws IOException {
        String stamp = CORRUPT_STAMP.format(options.clock().instant());
        List<Path> moved = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
            for (int n = 2; Files.exists(target); n++) {
                target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + n);
            }
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            moved.add(target);
        }
        forceDirectory(dir);
        return moved;
    }

    // ----- file helpers

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = ch.read(b, position + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of file at offset " + (position + b.position()));
            }
        }
        return b.flip();
    }

    private static boolean allZero(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8192);
        long pos = from;
        while (pos < to) {
            b.clear().limit((int) Math.min(b.capacity(), to - pos));
            int n = ch.read(b, pos);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) != 0) {
                    return false;
                }
            }
            pos += n;
        }
        return true;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    /** Makes renames in {@code dir} durable (opening a directory for reading works on Linux). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing a store file failed", e);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.toString());
        }
    }
}

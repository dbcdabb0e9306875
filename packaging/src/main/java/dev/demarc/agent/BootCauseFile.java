package dev.demarc.agent;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.notify.BootCause;
import dev.demarc.tr181.BootCauseRecorder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot cause {@code Device.Reboot()} or {@code Device.FactoryReset()} left for the next
 * start, in the file {@value #FILE_NAME} of the data directory: one JSON object,
 * {@code {"cause":"RemoteReboot","commandKey":"k1","reason":"maintenance"}}, written atomically
 * (a temporary file flushed to disk, then renamed over the name) before the command runs.
 *
 * <p>At start the agent {@link #read}s it: a cause found there is the {@code Boot!} event's
 * (a factory reset one also makes the agent start afresh from its factory defaults), and the
 * file is {@link #clear}ed once that {@code Boot!} is on its way. If the command fails, the
 * device stays up and the cause is dropped ({@link #forget}). Called on the data model's owner
 * thread (the commands) and on the starting thread.
 */
final class BootCauseFile implements BootCauseRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(BootCauseFile.class);

    static final String FILE_NAME = "boot-cause";
    /** Longer content is not a file this agent wrote. */
    private static final int MAX_FILE_BYTES = 8 * 1024;

    private final Path dataDir;

    BootCauseFile(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    @Override
    public Optional<DmError> record(BootCause cause) {
        String json = new JsonWriter().beginObject()
                .name("cause").value(cause.cause().value())
                .name("commandKey").value(cause.commandKey())
                .name("reason").value(cause.reason())
                .endObject().toJson();
        try {
            AtomicFiles.write(dataDir.resolve(FILE_NAME), json + "\n");
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(DmError.of(ErrorCode.INTERNAL_ERROR, dataDir.resolve(FILE_NAME) + ": " + e.getMessage()));
        }
    }

    @Override
    public void forget(BootCause cause) {
        Optional<BootCause> kept = read();
        if (kept.isPresent() && kept.get().equals(cause)) {
            clear();
        }
    }

    /** The cause recorded for this start, if any; a file that cannot be read is logged and ignored. */
    Optional<BootCause> read() {
        Path file = dataDir.resolve(FILE_NAME);
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                LOG.warn("{} is larger than {} bytes: not a boot cause of this agent; ignored", file, MAX_FILE_BYTES);
                return Optional.empty();
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("the recorded boot cause in {} cannot be read: {}", file, e.getMessage());
            return Optional.empty();
        }
        Result<Optional<BootCause>> parsed = parse(file.toString(), text);
        if (!parsed.isOk()) {
            LOG.warn("the recorded boot cause is ignored: {}", parsed.error().message());
            return Optional.empty();
        }
        return parsed.value();
    }

    static Result<Optional<BootCause>> parse(String source, String text) {
        Result<JsonValue.Obj> doc = JsonReader.parseObject(source, text);
        if (!doc.isOk()) {
            return Result.err(doc.error());
        }
        String name = doc.value().string("cause", "");
        for (BootCause.Cause c : BootCause.Cause.values()) {
            if (c.value().equals(name)) {
                try {
                    return Result.ok(Optional.of(new BootCause(c, false, doc.value().string("commandKey", ""),
                            doc.value().string("reason", ""))));
                } catch (IllegalArgumentException e) {
                    return Result.err(ErrorCode.INVALID_VALUE, source + ": " + e.getMessage());
                }
            }
        }
        return Result.err(ErrorCode.INVALID_VALUE, source + ": not a boot cause: \"" + name + "\"");
    }

    /** Removes the file: its cause was reported. */
    void clear() {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException e) {
            LOG.warn("{} could not be removed: {}; the next start may report its cause again",
                    dataDir.resolve(FILE_NAME), e.getMessage());
        }
    }
}

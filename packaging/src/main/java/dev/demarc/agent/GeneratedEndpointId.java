package dev.demarc.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Endpoint ID the agent makes up for itself when it is given none and the device has no OUI
 * and serial number to build {@code os::<OUI>-<SerialNumber>} from: {@code self::demarc-<20 hex
 * digits>}, drawn once from a {@link SecureRandom} and kept in the file {@value #FILE_NAME} of the
 * data directory, so that it never changes (TR-369: an Endpoint ID that changes after it was used
 * makes controllers misbehave; the {@code self} scheme leaves uniqueness to the endpoint).
 *
 * <p>The file is written atomically (a temporary file, flushed to disk, renamed over the name,
 * then the directory flushed): a crash leaves either no file or the whole ID. It holds the ID on
 * one line. Called on the data model's owner thread while the agent starts, with the data
 * directory locked by the store.
 */
final class GeneratedEndpointId {

    static final String FILE_NAME = "endpoint-id";
    static final String PREFIX = "self::demarc-";
    /** Longer content is not an Endpoint ID this agent wrote. */
    private static final int MAX_FILE_BYTES = 1024;

    private GeneratedEndpointId() {
    }

    /**
     * The ID kept in {@code dataDir}, made and kept now if there is none.
     *
     * @param valid whether a value read back is an Endpoint ID
     * @throws IOException when the file cannot be read or written, or holds something else than
     *                     an Endpoint ID (it is then left as it is, for a person to look at)
     */
    static String readOrCreate(Path dataDir, Predicate<String> valid) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Optional<String> kept = read(file);
        if (kept.isPresent()) {
            if (!valid.test(kept.get())) {
                throw new IOException(file + " does not hold an Endpoint ID; remove it to let the agent make a new one"
                        + " (controllers that know the old one will not recognise the agent)");
            }
            return kept.get();
        }
        String made = PREFIX + HexFormat.of().formatHex(randomBytes(10));
        AtomicFiles.write(file, made + "\n");
        return made;
    }

    private static Optional<String> read(Path file) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes: not an Endpoint ID file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}

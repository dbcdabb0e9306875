package dev.demarc.hal.openwrt.wifi;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a uci option that holds a secret (a Wi-Fi passphrase, a PPP password) without putting it
 * on a command line, where any local user could read it in {@code /proc}: the value goes into a
 * batch file only the agent can read ({@code uci -f FILE batch}), deleted at once. Nothing is
 * committed here. An error never holds the value or the command line.
 */
public final class UciSecret {

    private static final Logger LOG = LoggerFactory.getLogger(UciSecret.class);

    private UciSecret() {
    }

    /**
     * {@code uci set <target>=<value>} through a batch file in {@code scratch} (created if
     * missing), a directory only the agent may read.
     */
    public static Optional<DmError> set(CommandRunner commands, Path scratch, String target, String value) {
        Path batch = null;
        try {
            Files.createDirectories(scratch);
            batch = Files.createTempFile(scratch, "demarc-uci-", ".batch");
            try {
                Files.setPosixFilePermissions(batch, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("no POSIX permissions on {}", scratch);
            }
            Files.writeString(batch, "set " + target + "=" + UciConfig.quote(value) + "\n", StandardCharsets.US_ASCII);
            Result<String> changed;
            try {
                changed = commands.run(List.of("uci", "-f", batch.toString(), "batch"));
            } catch (RuntimeException e) {
                changed = Result.err(ErrorCode.INTERNAL_ERROR, e.getClass().getSimpleName());
            }
            if (!changed.isOk()) {
                return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED,
                        "uci could not change " + target + " (uci batch failed)"));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED,
                    "could not write the batch file for " + target + " in " + scratch + ": "
                            + e.getClass().getSimpleName()));
        } finally {
            if (batch != null) {
                try {
                    Files.deleteIfExists(batch);
                } catch (IOException e) {
                    LOG.error("could not delete {}, which holds a secret; delete it", batch);
                }
            }
        }
    }
}

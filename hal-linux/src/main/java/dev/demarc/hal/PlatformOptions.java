package dev.demarc.hal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent's options tell the platform: the commands {@code Device.Reboot()} and
 * {@code Device.FactoryReset()} run ({@code demarc agent --reboot-command},
 * {@code --factory-reset-command}), each a shell command line run with {@code /bin/sh -c}. On
 * OpenWrt they replace the built-in {@code reboot} and {@code firstboot -y && reboot}; on
 * generic Linux and the simulated platform there is nothing without them (the commands then
 * fail with 7022 "not configured"). Immutable.
 *
 * @param rebootCommand       the reboot command line, if given
 * @param factoryResetCommand the factory reset command line, if given
 */
public record PlatformOptions(Optional<String> rebootCommand, Optional<String> factoryResetCommand) {

    /** The longest command line taken. */
    public static final int MAX_COMMAND = 4096;

    public PlatformOptions {
        Objects.requireNonNull(rebootCommand, "rebootCommand");
        Objects.requireNonNull(factoryResetCommand, "factoryResetCommand");
        for (Optional<String> c : List.of(rebootCommand, factoryResetCommand)) {
            if (c.isPresent() && (c.get().isBlank() || c.get().length() > MAX_COMMAND)) {
                throw new IllegalArgumentException("a command line has 1.." + MAX_COMMAND + " characters");
            }
        }
    }

    /** No commands given. */
    public static PlatformOptions none() {
        return new PlatformOptions(Optional.empty(), Optional.empty());
    }

    /** The argv running {@code line} through the shell. */
    public static List<String> shell(String line) {
        return List.of("/bin/sh", "-c", line);
    }
}

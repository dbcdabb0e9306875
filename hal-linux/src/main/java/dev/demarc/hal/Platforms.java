package dev.demarc.hal;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.hal.openwrt.OpenWrtPlatform;
import dev.demarc.hal.simulated.SimulatedPlatform;
import dev.demarc.tr181.platform.Platform;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the platform {@code demarc agent --platform} names: {@code openwrt}, {@code linux},
 * {@code simulated:FILE}, or {@code auto} (the default: OpenWrt when {@code /etc/openwrt_release}
 * exists, else generic Linux).
 */
public final class Platforms {

    /** The choice made when none is given. */
    public static final String AUTO = "auto";
    /** The prefix of a simulated platform's specification. */
    public static final String SIMULATED_PREFIX = "simulated:";

    private Platforms() {
    }

    /** The platform {@code spec} names, started; a bad spec or file is an error to show as is. */
    public static Result<Platform> open(String spec) {
        return open(spec, PlatformOptions.none());
    }

    /**
     * The platform {@code spec} names, started, with the agent's {@code options} (its reboot and
     * factory reset commands); a bad spec or file is an error to show as is.
     */
    public static Result<Platform> open(String spec, PlatformOptions options) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        SystemFiles files = SystemFiles.device();
        String chosen = AUTO.equals(spec) ? detect(files) : spec;
        if (chosen.equals("linux")) {
            return Result.ok(new LinuxPlatform(files, SystemCommandRunner.standard(), true, options));
        }
        if (chosen.equals("openwrt")) {
            return Result.ok(new OpenWrtPlatform(files, SystemCommandRunner.standard(), true, options));
        }
        if (chosen.startsWith(SIMULATED_PREFIX) && chosen.length() > SIMULATED_PREFIX.length()) {
            return SimulatedPlatform.open(Path.of(chosen.substring(SIMULATED_PREFIX.length())), options);
        }
        return Result.err(ErrorCode.INVALID_VALUE,
                "unknown platform '" + spec + "': expected auto, openwrt, linux or simulated:FILE");
    }

    /** {@code openwrt} when the files say OpenWrt, else {@code linux}. */
    public static String detect(SystemFiles files) {
        return files.exists(OpenWrtPlatform.RELEASE_FILE) ? "openwrt" : "linux";
    }
}

package dev.demarc.cli;

import dev.demarc.mtp.uds.UdsServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where the agent's local control socket is, for {@code demarc agent} (where to listen) and for the
 * commands that talk to it (where to look).
 *
 * <ul>
 *   <li>{@code --control-socket PATH}, else the environment variable {@value #ENV}, on both sides;</li>
 *   <li>else the agent listens on {@code /run/demarc/control.sock} when it can make or write
 *       {@code /run/demarc} (it runs as root, or the directory was made for its user), else
 *       {@code $XDG_RUNTIME_DIR/demarc/control.sock} when that variable names a directory (a user's
 *       session), else {@code control.sock} in its data directory;</li>
 *   <li>and the commands look in those three places, in that order, and use the first socket
 *       found there (the data directory being the default one, see {@link DataDirectory}).</li>
 * </ul>
 * A directory the agent makes for the socket gets mode 0700; the socket itself has 0600.
 */
final class ControlSocket {

    /** The environment variable that names the socket for the agent and the commands alike. */
    static final String ENV = "DEMARC_CONTROL_SOCKET";
    static final String FILE_NAME = "control.sock";
    static final Path SYSTEM_DIR = Path.of("/run/demarc");

    private ControlSocket() {
    }

    /** Where the agent listens unless told: see the class comment. */
    static Path agentDefault(Path dataDir) {
        return agentDefault(SYSTEM_DIR, System.getenv(), dataDir);
    }

    static Path agentDefault(Path systemDir, Map<String, String> env, Path dataDir) {
        String given = env.get(ENV);
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        if (usable(systemDir)) {
            return systemDir.resolve(FILE_NAME);
        }
        Path runtime = runtimeDir(env);
        if (runtime != null) {
            return runtime.resolve("demarc").resolve(FILE_NAME);
        }
        return dataDir.toAbsolutePath().resolve(FILE_NAME);
    }

    /** Where the commands look, in order, unless told: see the class comment. */
    static List<Path> candidates() {
        return candidates(SYSTEM_DIR, System.getenv(), DataDirectory.defaultPath());
    }

    static List<Path> candidates(Path systemDir, Map<String, String> env, Path defaultDataDir) {
        String given = env.get(ENV);
        if (given != null && !given.isBlank()) {
            return List.of(Path.of(given).toAbsolutePath());
        }
        LinkedHashSet<Path> all = new LinkedHashSet<>();
        all.add(systemDir.resolve(FILE_NAME));
        Path runtime = runtimeDir(env);
        if (runtime != null) {
            all.add(runtime.resolve("demarc").resolve(FILE_NAME));
        }
        all.add(defaultDataDir.toAbsolutePath().resolve(FILE_NAME));
        return new ArrayList<>(all);
    }

    /** Checks {@code path} can name a socket; the message says why not. */
    static void check(Path path) {
        UdsServerConfig.checkSocketPath(path.toAbsolutePath());
    }

    private static Path runtimeDir(Map<String, String> env) {
        String dir = env.get("XDG_RUNTIME_DIR");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path p = Path.of(dir);
        return p.isAbsolute() && Files.isDirectory(p) ? p : null;
    }

    /** The directory exists and is writable, or can be made (its parent is writable). */
    private static boolean usable(Path dir) {
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir);
        }
        Path parent = dir.toAbsolutePath().getParent();
        return !Files.exists(dir) && parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
    }
}

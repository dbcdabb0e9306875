package dev.demarc.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the agent keeps its state when {@code --data-dir} is not given. */
final class DataDirectory {

    static final Path SYSTEM = Path.of("/var/lib/demarc");

    private DataDirectory() {
    }

    /**
     * {@code /var/lib/demarc} when it can be used (it exists and is writable, or can be created),
     * else {@code $XDG_DATA_HOME/demarc}, else {@code ~/.local/share/demarc}.
     */
    static Path defaultPath() {
        return choose(SYSTEM, System.getenv("XDG_DATA_HOME"), System.getProperty("user.home"));
    }

    static Path choose(Path system, String xdgDataHome, String userHome) {
        if (usable(system)) {
            return system;
        }
        if (xdgDataHome != null && !xdgDataHome.isBlank() && Path.of(xdgDataHome).isAbsolute()) {
            return Path.of(xdgDataHome, "demarc");
        }
        return Path.of(userHome, ".local", "share", "demarc");
    }

    private static boolean usable(Path dir) {
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir);
        }
        Path parent = dir.toAbsolutePath().getParent();
        return !Files.exists(dir) && parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
    }
}

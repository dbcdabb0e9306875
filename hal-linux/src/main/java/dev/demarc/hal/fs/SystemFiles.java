package dev.demarc.hal.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files the platform reads ({@code /sys/class/net/eth0/operstate}, {@code /proc/meminfo},
 * {@code /etc/openwrt_release}), under a root: {@code /} on a device, a fixture tree in tests.
 * Paths are given absolute, as on the device. Reads are bounded ({@link #MAX_FILE_BYTES}) and
 * never throw: a missing or unreadable file is empty. Immutable; any thread (it blocks on I/O,
 * so not the data model's owner thread).
 */
public final class SystemFiles {

    /** The most read of one file: 1 MiB (procfs and sysfs files are far smaller). */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** The most names listed in one directory. */
    public static final int MAX_DIRECTORY_ENTRIES = 4096;

    private final Path root;

    public SystemFiles(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The device's own files. */
    public static SystemFiles device() {
        return new SystemFiles(Path.of("/"));
    }

    public Path root() {
        return root;
    }

    /** Where {@code absolutePath} of the device is under the root. */
    public Path resolve(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not absolute: " + absolutePath);
        }
        return root.resolve(absolutePath.substring(1));
    }

    /** The file's text (UTF-8, at most {@link #MAX_FILE_BYTES}); empty when it cannot be read. */
    public Optional<String> read(String absolutePath) {
        try (InputStream in = Files.newInputStream(resolve(absolutePath))) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES);
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The file's first line without its end, trimmed; empty when it cannot be read. */
    public Optional<String> readLine(String absolutePath) {
        return read(absolutePath).map(t -> t.lines().findFirst().orElse("").strip());
    }

    /** The file's content as a long (sysfs counters); empty when absent or not a number. */
    public Optional<Long> readLong(String absolutePath) {
        try {
            return readLine(absolutePath).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String absolutePath) {
        return Files.exists(resolve(absolutePath));
    }

    /** The names in a directory, sorted; empty when it is not one. */
    public List<String> list(String absoluteDirectory) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(resolve(absoluteDirectory))) {
            for (Path p : dir) {
                if (names.size() >= MAX_DIRECTORY_ENTRIES) {
                    break;
                }
                names.add(p.getFileName().toString());
            }
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    /** Where a symbolic link points, as its last path element ({@code /sys/class/net/eth0/master}); empty if none. */
    public Optional<String> linkName(String absolutePath) {
        try {
            Path target = Files.readSymbolicLink(resolve(absolutePath));
            Path name = target.getFileName();
            return name == null ? Optional.empty() : Optional.of(name.toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}

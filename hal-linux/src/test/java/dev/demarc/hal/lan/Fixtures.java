package dev.demarc.hal.lan;

import dev.demarc.hal.FixtureTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The names of the fixture trees ({@link FixtureTrees}) and the files in them. */
final class Fixtures {

    static final String OPENWRT = "openwrt-router";
    static final String DEBIAN = "debian-box";

    private Fixtures() {
    }

    static String text(String name, String absolutePath) {
        return FixtureTrees.files(name).read(absolutePath).orElseThrow(() -> new AssertionError("no " + absolutePath + " in " + name));
    }

    /** A copy of a tree that a test may change (the fake uci writes its files). */
    static Path copy(String name, Path into) {
        Path from = FixtureTrees.tree(name);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = into.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }
}

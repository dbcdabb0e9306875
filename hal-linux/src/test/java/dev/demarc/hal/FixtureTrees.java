package dev.demarc.hal;

import dev.demarc.hal.fs.SystemFiles;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The fixture trees of {@code src/test/resources/fixtures}, for the tests of every package. */
public final class FixtureTrees {

    private FixtureTrees() {
    }

    /** The root of the fixture tree {@code name} (e.g. {@code openwrt-router}). */
    public static Path tree(String name) {
        try {
            return Path.of(FixtureTrees.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files of the fixture tree {@code name}, read as a device's root. */
    public static SystemFiles files(String name) {
        return new SystemFiles(tree(name));
    }
}

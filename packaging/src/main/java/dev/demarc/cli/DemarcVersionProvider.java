package dev.demarc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version of this build of Demarc, as Maven wrote it into {@code demarc-version.properties}
 * (a filtered resource of the packaging module).
 *
 * <p>Thread-safe; the resource is read once, on first use.
 */
public final class DemarcVersionProvider implements IVersionProvider {

    static final String RESOURCE = "/demarc-version.properties";
    static final String UNKNOWN = "unknown";

    /** {@code demarc <version>}, the single line {@code demarc --version} prints. */
    @Override
    public String[] getVersion() {
        return new String[] {"demarc " + version()};
    }

    /**
     * The project version, e.g. {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}; {@code "unknown"} when
     * the classes run without the filtered resource (e.g. straight from an IDE's output folder).
     */
    public static String version() {
        return Holder.VERSION;
    }

    private static final class Holder {
        static final String VERSION = load();

        private static String load() {
            try (InputStream in = DemarcVersionProvider.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    return UNKNOWN;
                }
                Properties props = new Properties();
                props.load(in);
                String v = props.getProperty("version", "").strip();
                return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}

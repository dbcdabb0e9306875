package dev.demarc.hal.wan;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A command runner answering with a fixture's recorded outputs: {@code ip -j -4 route show table main}
 * is answered with {@code commands/ip -j -4 route show table main.txt} (named as the network
 * tests' runner names them). A command without a
 * recording fails as a missing tool would, unless {@code otherwise} answers it. Keeps every
 * command it was asked to run, in order.
 */
final class RecordedCommands implements CommandRunner {

    private final Path fixture;
    private final Function<List<String>, Result<String>> otherwise;
    private final List<List<String>> ran = java.util.Collections.synchronizedList(new ArrayList<>());

    RecordedCommands(Path fixture, Function<List<String>, Result<String>> otherwise) {
        this.fixture = fixture;
        this.otherwise = otherwise;
    }

    RecordedCommands(Path fixture) {
        this(fixture, argv -> Result.err(ErrorCode.INTERNAL_ERROR, String.join(" ", argv) + ": cannot run it: not recorded"));
    }

    static String fileName(List<String> argv) {
        return String.join(" ", argv) + ".txt";
    }

    @Override
    public Result<String> run(List<String> argv) {
        ran.add(List.copyOf(argv));
        Path recorded = fixture.resolve("commands").resolve(fileName(argv));
        if (Files.isRegularFile(recorded)) {
            try {
                return Result.ok(Files.readString(recorded, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return otherwise.apply(argv);
    }

    /** The commands asked for so far. */
    List<List<String>> ran() {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    /** The fixture tree of this name under the test resources. */
    static Path fixture(String name) {
        try {
            return Path.of(RecordedCommands.class.getResource("/fixtures/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.demarc.hal.system;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.FixtureTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Recorded command output of the fixture trees ({@link FixtureTrees}) and a command runner answering with it. */
final class Fixtures {

    private Fixtures() {
    }

    /** A recorded output of the tree's {@code commands/}. */
    static String recorded(String tree, String file) {
        try {
            return Files.readString(FixtureTrees.tree(tree).resolve("commands").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers each command line it knows with a recording; others fail as not installed. Keeps what ran. */
    static final class Recorded implements CommandRunner {
        final List<List<String>> ran = new CopyOnWriteArrayList<>();
        private final Map<List<String>, String> answers;

        Recorded(Map<List<String>, String> answers) {
            this.answers = Map.copyOf(answers);
        }

        @Override
        public Result<String> run(List<String> argv) {
            ran.add(List.copyOf(argv));
            String out = answers.get(argv);
            return out == null ? Result.err(ErrorCode.INTERNAL_ERROR, argv.get(0) + ": cannot run it: not found")
                    : Result.ok(out);
        }
    }
}

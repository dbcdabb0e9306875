package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated bash completion, run by a real bash as the shell would. */
class BashCompletionTest {

    @TempDir
    Path dir;

    /** What bash's completion function proposes for {@code words}, the last being completed. */
    private List<String> complete(String... words) throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "bash is not installed: completion not tested");
        Path script = dir.resolve("demarc");
        BashCompletion.main(new String[] {script.toString()});
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        String line = String.join(" ", words);
        String test = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=" + line.length() + "\n"
                + "_complete_demarc 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder(bash.toString(), "-c", test).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void the_script_is_written_where_asked_and_completes_demarc() throws Exception {
        Path file = dir.resolve("completion/demarc");
        BashCompletion.main(new String[] {file.toString()});
        String script = Files.readString(file);
        assertTrue(script.contains("complete -F _complete_demarc") || script.contains("_complete_demarc demarc"),
                script.substring(0, 200));
    }

    @Test
    void subcommands_complete() throws Exception {
        assertEquals(List.of("hal"), complete("demarc", "ha"));
        assertEquals(List.of("doctor"), complete("demarc", "doc"));
        assertTrue(complete("demarc", "").containsAll(List.of("agent", "doctor", "get", "hal", "schema")));
    }

    @Test
    void hal_parts_and_options_complete() throws Exception {
        assertEquals(List.copyOf(HalCommand.PARTS.keySet()), complete("demarc", "hal", ""));
        assertEquals(List.of("--platform"), complete("demarc", "hal", "--pla"));
        assertTrue(complete("demarc", "doctor", "--").containsAll(List.of("--defaults", "--json", "--tls-ca",
                "--probe-timeout", "--control-socket")));
    }
}

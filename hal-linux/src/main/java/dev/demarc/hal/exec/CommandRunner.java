package dev.demarc.hal.exec;

import dev.demarc.core.Result;
import java.util.List;

/**
 * Runs a short-lived command of the platform ({@code ip -j addr}, {@code ubus call ...},
 * {@code iw dev}) and gives its standard output, or why it could not: not installed, failed
 * (exit status and the first line of its standard error), timed out, or more output than the
 * bound. Never throws on a command's behaviour. {@link SystemCommandRunner} runs real
 * processes; tests give recorded outputs. Called on the platform's own threads, never on the
 * data model's owner thread (it blocks).
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs {@code argv} (no shell) and answers its standard output, decoded as UTF-8. */
    Result<String> run(List<String> argv);
}

package dev.demarc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * What every root of a {@code demarc} command line has: {@code --verbose} for all its
 * subcommands, and the usage help when run alone. {@link DemarcCommand} and its agent-only
 * root differ in their {@code @Command} only.
 */
abstract class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = ShortErrorHandler.VERBOSE_OPTION,
            scope = ScopeType.INHERIT,
            description = "On error, print the stack trace; log at DEBUG level.")
    boolean verbose;

    /** {@code demarc} alone prints the usage help. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}

package dev.demarc.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IExitCodeGenerator;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure of a {@code demarc} command into one line on stderr and an exit code.
 *
 * <ul>
 *   <li>Usage errors (unknown option or subcommand, bad value, and any {@link ParameterException}
 *       a command throws): {@code demarc: <problem>; see 'demarc <cmd> --help'}, exit code 2.
 *   <li>Anything a command throws: {@code demarc: <message>}, exit code 1 unless the exception
 *       is an {@link IExitCodeGenerator} or an {@link IExitCodeExceptionMapper} is installed.
 *       With {@code --verbose} (anywhere on the command line) the stack trace comes first.
 * </ul>
 *
 * <p>Called by picocli on the thread that runs {@link CommandLine#execute}.
 */
final class ShortErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    static final String PREFIX = "demarc: ";
    static final String VERBOSE_OPTION = "--verbose";
    private static final int MAX_SUGGESTIONS = 3;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        StringBuilder line = new StringBuilder(PREFIX).append(oneLine(ex.getMessage()));
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions().stream()
                    .filter(s -> !unmatched.getUnmatched().contains(s))
                    .toList();
            if (!suggestions.isEmpty()) {
                List<String> few = suggestions.subList(0, Math.min(MAX_SUGGESTIONS, suggestions.size()));
                line.append(" (did you mean ").append(String.join(" or ", few)).append("?)");
            }
        }
        line.append("; see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help'");
        print(cmd, line.toString());
        IExitCodeExceptionMapper mapper = cmd.getExitCodeExceptionMapper();
        return mapper != null ? mapper.getExitCode(ex) : cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (verbose(parseResult)) {
            PrintWriter err = cmd.getErr();
            ex.printStackTrace(err);
            err.flush();
        }
        print(cmd, PREFIX + describe(ex));
        if (ex instanceof IExitCodeGenerator generator) {
            return generator.getExitCode();
        }
        IExitCodeExceptionMapper mapper = cmd.getExitCodeExceptionMapper();
        return mapper != null ? mapper.getExitCode(ex) : cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    /** True if {@code --verbose} was given to the top-level command or to any subcommand. */
    static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption(VERBOSE_OPTION)) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, in words a user can act on, on one line. */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (ex instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof FileAlreadyExistsException e) {
            return "file already exists: " + e.getFile();
        }
        if (message == null || message.isBlank()) {
            if (ex.getCause() != null) {
                return describe(ex.getCause());
            }
            return "internal error: " + ex.getClass().getName() + " (run with --verbose for the stack trace)";
        }
        return oneLine(message);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void print(CommandLine cmd, String line) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText(line));
        err.flush();
    }
}

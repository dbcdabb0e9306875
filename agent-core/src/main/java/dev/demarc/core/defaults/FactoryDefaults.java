package dev.demarc.core.defaults;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.AsciiDigits;
import dev.demarc.core.text.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a factory-defaults file: the parameter values the agent stores on first start and after
 * a factory reset.
 *
 * <h2>Format</h2>
 * UTF-8 text (a byte-order mark at the start is skipped), lines ending in LF or CR LF:
 * <pre>
 * # comment: a line whose first non-blank character is '#'
 * Device.LocalAgent.Controller.1.EndpointID = proto::acs.example.com
 * Device.LocalAgent.Controller.1.Alias      = "  padded  "
 * Device.DeviceInfo.X_EXAMPLE_Banner        = ""
 * </pre>
 * <ul>
 *   <li>Each other non-blank line is {@code <path> = <value>}, split at the first {@code =}.
 *       Spaces and tabs around path and value are ignored.</li>
 *   <li>The path names one parameter with instance numbers: dot-separated segments, each a name
 *       ({@code [A-Za-z_][A-Za-z0-9_]*}) or an instance number ({@code [1-9][0-9]*}); the first
 *       and the last are names. No wildcards, search expressions, {@code {i}}, references,
 *       commands, events, or trailing dot. A path may be assigned only once.</li>
 *   <li>An unquoted value is taken as written, inner quotes, backslashes, {@code #} and {@code =}
 *       included; it must not be empty.</li>
 *   <li>A value starting with {@code "} is quoted: it ends at the next unescaped {@code "}, after
 *       which only spaces and tabs may follow. Inside, {@code \"} stands for {@code "} and
 *       {@code \\} for {@code \}; any other backslash is an error (there is no {@code \n}: a value
 *       cannot hold a line break). Quote a value that is empty or has leading or trailing
 *       spaces.</li>
 *   <li>Control characters other than tab are not allowed anywhere (nor, in text given to
 *       {@link #parse}, unpaired UTF-16 surrogates).</li>
 * </ul>
 * Bounds: {@value #MAX_FILE_BYTES} bytes per file, {@value #MAX_LINE_CHARS} characters per line,
 * {@value #MAX_ASSIGNMENTS} assignments.
 *
 * <p>Every problem is reported as {@link ErrorCode#INVALID_CONFIGURATION} with a message
 * starting with {@code <file>:<line>: } (or {@code <file>: } for the whole file); the first
 * problem found stops the parse. Stateless and thread-safe.
 */
public final class FactoryDefaults {

    public static final int MAX_FILE_BYTES = 1 << 20;
    public static final int MAX_LINE_CHARS = 8192;
    public static final int MAX_ASSIGNMENTS = 10_000;

    private static final int MAX_SHOWN_CHARS = 80;

    private FactoryDefaults() {
    }

    /** Reads and parses {@code file}; failing to read it is an error value naming the file. */
    public static Result<List<Assignment>> read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return fail(name + ": cannot read: no such file");
        } catch (AccessDeniedException e) {
            return fail(name + ": cannot read: permission denied");
        } catch (IOException e) {
            return fail(name + ": cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return fail(name + ": file is over the limit of " + MAX_FILE_BYTES + " bytes");
        }
        return decode(name, bytes).flatMap(text -> parse(name, text));
    }

    /** Parses the text of a defaults file; {@code fileName} is used in messages. */
    public static Result<List<Assignment>> parse(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        if (content.length() > MAX_FILE_BYTES || Utf8.length(content) > MAX_FILE_BYTES) {
            return fail(fileName + ": file is over the limit of " + MAX_FILE_BYTES + " bytes");
        }
        List<Assignment> assignments = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int start = content.startsWith("\uFEFF") ? 1 : 0;
        int lineNumber = 0;
        while (start < content.length()) {
            lineNumber++;
            int newline = content.indexOf('\n', start);
            int end = newline < 0 ? content.length() : newline;
            int next = newline < 0 ? content.length() : newline + 1;
            if (end > start && content.charAt(end - 1) == '\r') {
                end--;
            }
            String where = fileName + ":" + lineNumber + ": ";
            if (end - start > MAX_LINE_CHARS) {
                return fail(where + "line is longer than " + MAX_LINE_CHARS + " characters");
            }
            String line = content.substring(start, end);
            start = next;

            Optional<String> problem = characterProblem(line);
            if (problem.isPresent()) {
                return fail(where + problem.get());
            }
            String trimmed = trim(line);
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq < 0) {
                return fail(where + "missing '=' (expected <path> = <value>)");
            }
            String path = trim(trimmed.substring(0, eq));
            if (path.isEmpty()) {
                return fail(where + "empty parameter path before '='");
            }
            problem = pathProblem(path);
            if (problem.isPresent()) {
                return fail(where + "'" + shown(path) + "' is not a parameter path: " + problem.get());
            }
            Result<String> value = value(trim(trimmed.substring(eq + 1)));
            if (!value.isOk()) {
                return fail(where + value.error().message());
            }
            Integer earlier = firstLine.putIfAbsent(path, lineNumber);
            if (earlier != null) {
                return fail(where + shown(path) + " is assigned twice (first on line " + earlier + ")");
            }
            if (assignments.size() == MAX_ASSIGNMENTS) {
                return fail(where + "more than " + MAX_ASSIGNMENTS + " assignments");
            }
            assignments.add(new Assignment(path, value.value(), lineNumber));
        }
        return Result.ok(Collections.unmodifiableList(assignments));
    }

    /** The value after '=', already trimmed; errors carry the reason only. */
    private static Result<String> value(String raw) {
        if (raw.isEmpty()) {
            return Result.err(ErrorCode.INVALID_CONFIGURATION, "empty value (write \"\" for an empty string)");
        }
        if (raw.charAt(0) != '"') {
            return Result.ok(raw);
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                String rest = raw.substring(i + 1);
                if (!rest.isEmpty()) {
                    return Result.err(ErrorCode.INVALID_CONFIGURATION,
                            "text after the closing quote: '" + shown(rest) + "'");
                }
                return Result.ok(b.toString());
            }
            if (c == '\\') {
                if (i + 1 == raw.length()) {
                    break;
                }
                char escaped = raw.charAt(++i);
                if (escaped != '"' && escaped != '\\') {
                    return Result.err(ErrorCode.INVALID_CONFIGURATION, "unknown escape '\\" + escaped
                            + "' in a quoted value (only \\\" and \\\\ are allowed)");
                }
                b.append(escaped);
            } else {
                b.append(c);
            }
        }
        return Result.err(ErrorCode.INVALID_CONFIGURATION, "unterminated quoted value (missing closing '\"')");
    }

    /** Why {@code path} is not a parameter path with instance numbers, if it is not. */
    private static Optional<String> pathProblem(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            String reason = switch (c) {
                case '*' -> "wildcards ('*') are not allowed";
                case '[', ']' -> "search expressions ('[...]') are not allowed";
                case '{', '}' -> "'{i}' is not allowed; use instance numbers";
                case '+', '#' -> "reference following ('+', '#') is not allowed";
                case '(', ')' -> "commands ('()') are not allowed";
                case '!' -> "events ('!') are not allowed";
                case ' ', '\t' -> "it contains whitespace";
                default -> null;
            };
            if (reason != null) {
                return Optional.of(reason);
            }
        }
        if (path.endsWith(".")) {
            return Optional.of("it ends with '.', naming an object; assign parameters only");
        }
        String[] segments = path.split("\\.", -1);
        if (segments.length < 2) {
            return Optional.of("it needs an object and a parameter name, as in Device.Name");
        }
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty()) {
                return Optional.of("segment " + (i + 1) + " is empty");
            }
            boolean name = isName(s);
            if (!name && !isInstanceNumber(s)) {
                return Optional.of("segment " + (i + 1) + " '" + shown(s) + "' is neither a name"
                        + " ([A-Za-z_][A-Za-z0-9_]*) nor an instance number (1 to " + Integer.MAX_VALUE
                        + ", no leading zeros)");
            }
            if (!name && i == 0) {
                return Optional.of("it must start with an object name");
            }
            if (!name && i == segments.length - 1) {
                return Optional.of("it ends with an instance number, naming an object; assign parameters only");
            }
        }
        return Optional.empty();
    }

    private static boolean isName(String s) {
        char first = s.charAt(0);
        if (!(first == '_' || (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInstanceNumber(String s) {
        return s.length() <= 10 && AsciiDigits.only(s, 0, s.length()) && s.charAt(0) != '0'
                && Long.parseLong(s) <= Integer.MAX_VALUE;
    }

    /** A control character other than tab, or an unpaired surrogate (text not from UTF-8). */
    private static Optional<String> characterProblem(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return Optional.of(String.format("control character U+%04X at column %d (only tab is allowed)",
                        (int) c, i + 1));
            }
            if (Character.isHighSurrogate(c) && i + 1 < line.length() && Character.isLowSurrogate(line.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format("unpaired surrogate U+%04X at column %d", (int) c, i + 1));
            }
        }
        return Optional.empty();
    }

    /** Strict UTF-8 decoding; a bad byte is reported with its line and offset. */
    private static Result<String> decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            return fail(String.format("%s:%d: invalid UTF-8 (byte 0x%02X at offset %d)", name, line,
                    bytes[offset] & 0xFF, offset));
        }
        return Result.ok(out.flip().toString());
    }

    /** Spaces and tabs removed from both ends. */
    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    /** Text for a message, cut short when long. */
    private static String shown(String s) {
        return s.length() <= MAX_SHOWN_CHARS ? s : s.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    private static <T> Result<T> fail(String message) {
        return Result.err(DmError.of(ErrorCode.INVALID_CONFIGURATION, message));
    }
}

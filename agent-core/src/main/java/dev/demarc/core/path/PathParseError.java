package dev.demarc.core.path;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import java.util.Objects;

/**
 * Why {@link PathParser} rejected a path, with the place it happened.
 *
 * <p>{@code code} is {@link ErrorCode#INVALID_PATH_SYNTAX} (7008) when the text breaks the
 * grammar and {@link ErrorCode#RESOURCES_EXCEEDED} (7005) when it breaks one of the
 * {@link PathParser.Limits}. {@code position} is the 0-based index of the character where the
 * parser gave up; it equals the text length when the path ended too early.
 */
public record PathParseError(ErrorCode code, int position, String reason) {

    /** Longest path text echoed back in {@link DmError#path()}; longer text is cut. */
    static final int MAX_ECHOED_PATH = 256;

    public PathParseError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        if (code != ErrorCode.INVALID_PATH_SYNTAX && code != ErrorCode.RESOURCES_EXCEEDED) {
            throw new IllegalArgumentException("a path parse error is 7008 or 7005, not " + code);
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0: " + position);
        }
    }

    static PathParseError syntax(int position, String reason) {
        return new PathParseError(ErrorCode.INVALID_PATH_SYNTAX, position, reason);
    }

    static PathParseError limit(int position, String reason) {
        return new PathParseError(ErrorCode.RESOURCES_EXCEEDED, position, reason);
    }

    /** The message a controller sees: {@code position 21: expected a name after '.'}. */
    public String message() {
        return "position " + position + ": " + reason;
    }

    /**
     * The error as a value for a USP response, naming {@code text} (cut to
     * {@value #MAX_ECHOED_PATH} characters followed by {@code ...}; empty for {@code null}).
     */
    public DmError toDmError(String text) {
        return DmError.at(echo(text), code, message());
    }

    static String echo(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= MAX_ECHOED_PATH) {
            return text;
        }
        int end = MAX_ECHOED_PATH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}

package dev.demarc.core.path;

import dev.demarc.core.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses TR-369 path names into {@link PathName}s, and renders them back.
 *
 * <h2>Instantiated data model ({@link #parse})</h2>
 *
 * The grammar of TR-369 section "Data Model Path Grammar" ({@code idmpath}): names separated
 * by dots; after a (non-first) name an instance identifier (instance number, {@code *} or a
 * search expression {@code [a==1&&b.c!="x"]}) or a reference-following decorator ({@code +},
 * {@code #n+}, {@code #*+}); the path ends in {@code .} (object), a name (parameter),
 * {@code name()} (command) or {@code name!} (event). Where the BNF is narrower than the
 * specification's own prose and examples, this parser follows the prose:
 * <ul>
 *   <li>an Object Instance Path may end without the closing dot ({@code Device.IP.Interface.3},
 *       {@code Device.IP.Interface.[Name=="eth0"]}, the form reference values use); it parses
 *       as {@link PathName.Kind#OBJECT};</li>
 *   <li>after a reference follow and its dot the path goes on like any path
 *       ({@code Ref+.Table.2.Param}, {@code Ref+.Other+.Param}) or ends there
 *       ({@code Ref+.}, an object path of the referenced object);</li>
 *   <li>a constant is a quoted string or an unquoted run of {@code [A-Za-z0-9+\-.:_]}
 *       ({@code true}, {@code -5}, {@code 08}, {@code 2021-06-06T08:00:00Z}); its type is checked
 *       later, by the engine, against the parameter;</li>
 *   <li>blanks (space, tab) on either side of an expression operator are tolerated (R-ARC.9a);
 *       nowhere else, not even around {@code &&} or inside the brackets' edges.</li>
 * </ul>
 * In a quoted string {@code %22} and {@code %25} are decoded to {@code "} and {@code %}; these
 * are the only escapes TR-369 defines, so any other {@code %} is an error. Quoted strings may
 * hold any character except control characters and unpaired surrogates (an SSID may be
 * {@code "Café"}); everywhere else only the ASCII characters of the grammar are valid.
 * A condition's parameter path holds names and follows only: TR-369 forbids descending
 * through a child table inside an expression.
 *
 * <h2>Supported data model ({@link #parseSupported})</h2>
 *
 * {@code sdmpath ::= name '.' ( name '.' ( ( posnum | '{i}' ) '.' )? )* name?}, plus a final
 * {@code ()} or {@code !} after a name. {@code {i}} becomes {@link Segment.Wildcard}.
 *
 * <h2>Errors</h2>
 *
 * Parsing is total: any text, {@code null} included, gives a value or an error; nothing is
 * thrown (only a {@code null} {@link Limits}, a programming error, is refused with an exception). A grammar violation is {@code 7008 INVALID_PATH_SYNTAX}, an input beyond
 * {@link Limits} is {@code 7005 RESOURCES_EXCEEDED}; the message reads
 * {@code position 21: expected a name after '.', found '.'} with a 0-based character position.
 * {@link #analyze} and {@link #analyzeSupported} give the same answer with the position as a
 * field ({@link PathParseError}) for callers that want it structurally.
 *
 * <p>Stateless and thread-safe: any thread may call any method.
 */
public final class PathParser {

    /**
     * Bounds on one path (STYLE habit 7). Defaults ({@link #DEFAULT}): 4096 characters,
     * 64 segments (a {@link Segment.Follow} counts as one; each condition's parameter path is
     * bounded by the same number), 16 conditions per search expression, 1024 characters per
     * constant (counted as written, before percent-decoding).
     */
    public record Limits(int maxLength, int maxSegments, int maxConditions, int maxConstantLength) {

        public static final Limits DEFAULT = new Limits(4096, 64, 16, 1024);

        public Limits {
            requirePositive(maxLength, "maxLength");
            requirePositive(maxSegments, "maxSegments");
            requirePositive(maxConditions, "maxConditions");
            requirePositive(maxConstantLength, "maxConstantLength");
        }

        public Limits withMaxLength(int value) {
            return new Limits(value, maxSegments, maxConditions, maxConstantLength);
        }

        public Limits withMaxSegments(int value) {
            return new Limits(maxLength, value, maxConditions, maxConstantLength);
        }

        public Limits withMaxConditions(int value) {
            return new Limits(maxLength, maxSegments, value, maxConstantLength);
        }

        public Limits withMaxConstantLength(int value) {
            return new Limits(maxLength, maxSegments, maxConditions, value);
        }

        private static void requirePositive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1: " + value);
            }
        }
    }

    /** What {@link #analyze} found: a path, or the reason and place it was rejected. */
    public sealed interface Outcome permits Outcome.Parsed, Outcome.Rejected {

        record Parsed(PathName path) implements Outcome {
            public Parsed {
                Objects.requireNonNull(path, "path");
            }
        }

        /** {@code text} is the rejected input as given (possibly {@code null}). */
        record Rejected(String text, PathParseError error) implements Outcome {
            public Rejected {
                Objects.requireNonNull(error, "error");
            }
        }

        /** The same outcome as a {@link Result}; a rejection becomes its {@link dev.demarc.core.DmError}. */
        default Result<PathName> toResult() {
            if (this instanceof Parsed parsed) {
                return Result.ok(parsed.path());
            }
            Rejected rejected = (Rejected) this;
            return Result.err(rejected.error().toDmError(rejected.text()));
        }
    }

    private PathParser() {
    }

    /** Parses an instantiated data model path with {@link Limits#DEFAULT}. */
    public static Result<PathName> parse(String text) {
        return parse(text, Limits.DEFAULT);
    }

    /** Parses an instantiated data model path ({@code idmpath}). */
    public static Result<PathName> parse(String text, Limits limits) {
        return analyze(text, limits).toResult();
    }

    /** Parses a supported data model path ({@code sdmpath}) with {@link Limits#DEFAULT}. */
    public static Result<PathName> parseSupported(String text) {
        return parseSupported(text, Limits.DEFAULT);
    }

    /** Parses a supported data model path ({@code sdmpath}). */
    public static Result<PathName> parseSupported(String text, Limits limits) {
        return analyzeSupported(text, limits).toResult();
    }

    /** As {@link #parse(String, Limits)}, with a rejection's position as a field. */
    public static Outcome analyze(String text, Limits limits) {
        return run(text, limits, false);
    }

    /** As {@link #parseSupported(String, Limits)}, with a rejection's position as a field. */
    public static Outcome analyzeSupported(String text, Limits limits) {
        return run(text, limits, true);
    }

    /**
     * Canonical text of an instantiated data model path: no blanks, {@code +} for item 1,
     * quoted strings with {@code "} and {@code %} percent-escaped. {@code parse(render(p))} has
     * the segments and kind of {@code p}. An object instance path gets its closing dot.
     */
    public static String render(PathName path) {
        return render(path, false);
    }

    /** Canonical text of a supported data model path: {@link Segment.Wildcard} is {@code {i}}. */
    public static String renderSupported(PathName path) {
        return render(path, true);
    }

    private static String render(PathName path, boolean supported) {
        Objects.requireNonNull(path, "path");
        StringBuilder sb = new StringBuilder();
        List<Segment> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (i > 0 && !(s instanceof Segment.Follow)) {
                sb.append('.');
            }
            sb.append(supported && s instanceof Segment.Wildcard ? "{i}" : s.toString());
        }
        switch (path.kind()) {
            case OBJECT -> sb.append('.');
            case COMMAND -> sb.append("()");
            case EVENT -> sb.append('!');
            case PARAMETER -> { }
        }
        return sb.toString();
    }

    private static Outcome run(String text, Limits limits, boolean supported) {
        Objects.requireNonNull(limits, "limits");
        if (text == null) {
            return new Outcome.Rejected(null, PathParseError.syntax(0, "no path given"));
        }
        if (text.length() > limits.maxLength()) {
            return new Outcome.Rejected(text, PathParseError.limit(limits.maxLength(),
                    "path is longer than " + limits.maxLength() + " characters (limit maxLength)"));
        }
        try {
            return new Outcome.Parsed(new Parser(text, limits, supported).path());
        } catch (Failure f) {
            return new Outcome.Rejected(text, f.error);
        }
    }

    /** Thrown inside one parse only, caught in {@link #run}; never escapes. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient PathParseError error;

        Failure(PathParseError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** What the last segment before a dot was; decides what may come after the dot. */
    private enum Prev { FIRST_NAME, NAME, INSTANCE, FOLLOW }

    private static final String BLANK_RULE =
            "whitespace (allowed only on either side of an operator in a search expression)";
    private static final String OPERATORS = "==, !=, ~=, <, >, <= or >=";

    /** One parse of one text; single use, confined to the calling thread. */
    private static final class Parser {
        private final String text;
        private final Limits limits;
        private final boolean supported;
        private int pos;

        Parser(String text, Limits limits, boolean supported) {
            this.text = text;
            this.limits = limits;
            this.supported = supported;
        }

        PathName path() {
            List<Segment> segments = new ArrayList<>();
            if (atEnd()) {
                throw syntax(pos, "empty path; expected a name such as 'Device'");
            }
            if (!isNameStart(peek())) {
                throw syntax(pos, "a path must start with a name, found " + describe(pos));
            }
            String first = name();
            add(segments, new Segment.Name(first), 0);
            if (!atEnd() && (peek() == '+' || peek() == '#') && !supported) {
                throw syntax(pos, "reference following is not valid on the first name");
            }
            if (atEnd() || peek() != '.') {
                throw syntax(pos, "expected '.' after '" + first + "', found " + describeOrEnd(pos));
            }
            pos++;
            Prev prev = Prev.FIRST_NAME;
            while (true) {
                if (atEnd()) {
                    return done(segments, PathName.Kind.OBJECT);
                }
                char c = peek();
                int start = pos;
                if (isNameStart(c)) {
                    String n = name();
                    add(segments, new Segment.Name(n), start);
                    if (atEnd()) {
                        return done(segments, PathName.Kind.PARAMETER);
                    }
                    switch (peek()) {
                        case '.' -> {
                            pos++;
                            prev = Prev.NAME;
                        }
                        case '(' -> {
                            if (!text.startsWith("()", pos)) {
                                throw syntax(pos + 1, "expected ')' after '(', found " + describeOrEnd(pos + 1));
                            }
                            pos += 2;
                            expectEnd("'()'");
                            return done(segments, PathName.Kind.COMMAND);
                        }
                        case '!' -> {
                            pos++;
                            expectEnd("'!'");
                            return done(segments, PathName.Kind.EVENT);
                        }
                        case '+', '#' -> {
                            if (supported) {
                                throw syntax(pos, "reference following is not valid in a supported data model path");
                            }
                            if (prev == Prev.FIRST_NAME) {
                                throw syntax(pos, "reference following is not valid on the first name");
                            }
                            int followStart = pos;
                            add(segments, follow(), followStart);
                            if (atEnd() || peek() != '.') {
                                throw syntax(pos, "expected '.' after reference following, found " + describeOrEnd(pos));
                            }
                            pos++;
                            prev = Prev.FOLLOW;
                        }
                        default -> throw syntax(pos, "expected '.', " + (supported ? "" : "a reference follow, ")
                                + "'()', '!' or the end after '" + n + "', found " + describe(pos));
                    }
                    continue;
                }
                if (c == '.') {
                    throw syntax(pos, "expected a name after '.', found '.' (empty name)");
                }
                if (!isDigit(c) && c != '*' && c != '[' && c != '{') {
                    throw syntax(pos, "expected a name after '.', found " + describe(pos));
                }
                if (prev != Prev.NAME) {
                    throw syntax(pos, switch (prev) {
                        case FIRST_NAME -> "an instance identifier may not follow the first name";
                        case INSTANCE -> "an instance identifier must follow a table name, not another instance identifier";
                        default -> "an instance identifier may not follow a reference; name the object first";
                    });
                }
                add(segments, supported ? supportedInstance() : instance(), start);
                if (atEnd()) {
                    if (supported) {
                        throw syntax(pos, "expected '.' after the instance identifier, found the end of the path");
                    }
                    // An Object Instance Path without its closing dot, as in reference values.
                    return done(segments, PathName.Kind.OBJECT);
                }
                if (peek() != '.') {
                    throw syntax(pos, "expected '.' after the instance identifier, found " + describe(pos));
                }
                pos++;
                prev = Prev.INSTANCE;
            }
        }

        private PathName done(List<Segment> segments, PathName.Kind kind) {
            return new PathName(text, segments, kind);
        }

        private Segment instance() {
            char c = peek();
            if (isDigit(c)) {
                return new Segment.Instance(posnum("instance number"));
            }
            if (c == '*') {
                pos++;
                return new Segment.Wildcard();
            }
            if (c == '[') {
                return search();
            }
            if (text.startsWith("{i}", pos)) {
                throw syntax(pos, "'{i}' is valid only in a supported data model path; "
                        + "use an instance number, '*' or a search expression");
            }
            throw syntax(pos, "curly brackets are not valid here; a search expression is enclosed in '[' and ']'");
        }

        private Segment supportedInstance() {
            char c = peek();
            if (isDigit(c)) {
                return new Segment.Instance(posnum("instance number"));
            }
            if (text.startsWith("{i}", pos)) {
                pos += 3;
                return new Segment.Wildcard();
            }
            if (c == '{') {
                throw syntax(pos, "expected '{i}'");
            }
            throw syntax(pos, (c == '*' ? "'*'" : "a search expression")
                    + " is not valid in a supported data model path; use '{i}'");
        }

        private Segment.Search search() {
            int open = pos;
            pos++;
            if (!atEnd() && peek() == ']') {
                throw syntax(pos, "empty search expression");
            }
            List<Segment.Condition> conditions = new ArrayList<>();
            while (true) {
                if (conditions.size() == limits.maxConditions()) {
                    throw limit(pos, "search expression has more than " + limits.maxConditions()
                            + " conditions (limit maxConditions)");
                }
                conditions.add(condition());
                if (atEnd()) {
                    throw syntax(pos, "unterminated search expression: expected ']' to close the '[' at position " + open);
                }
                if (peek() == ']') {
                    pos++;
                    return new Segment.Search(conditions);
                }
                if (text.startsWith("&&", pos)) {
                    pos += 2;
                    continue;
                }
                throw syntax(pos, "expected '&&' or ']' after a condition, found " + describe(pos));
            }
        }

        private Segment.Condition condition() {
            List<Segment> parameter = new ArrayList<>();
            conditionName(parameter, false);
            while (!atEnd()) {
                char c = peek();
                if (c == '+' || c == '#') {
                    int followStart = pos;
                    Segment.Follow follow = follow();
                    room(parameter, followStart);
                    parameter.add(follow);
                    if (atEnd() || peek() != '.') {
                        throw syntax(pos, "expected '.' and a parameter name after reference following, found "
                                + describeOrEnd(pos));
                    }
                    pos++;
                    conditionName(parameter, true);
                } else if (c == '.') {
                    pos++;
                    conditionName(parameter, true);
                } else {
                    break;
                }
            }
            skipBlanks();
            Operator operator = operator();
            skipBlanks();
            return new Segment.Condition(parameter, operator, constant());
        }

        private void conditionName(List<Segment> parameter, boolean afterDot) {
            if (atEnd()) {
                throw syntax(pos, "expected a parameter name, found the end of the path");
            }
            char c = peek();
            if (isNameStart(c)) {
                int start = pos;
                String n = name();
                room(parameter, start);
                parameter.add(new Segment.Name(n));
                return;
            }
            if (afterDot && (isDigit(c) || c == '*' || c == '[' || c == '{')) {
                throw syntax(pos, "a search expression may not descend through an instance identifier; "
                        + "give each table its own expression");
            }
            throw syntax(pos, "expected a parameter name" + (afterDot ? " after '.'" : "")
                    + ", found " + describe(pos));
        }

        private Operator operator() {
            if (atEnd()) {
                throw syntax(pos, "expected an operator (" + OPERATORS + "), found the end of the path");
            }
            if (pos + 2 <= text.length()) {
                Operator two = switch (text.substring(pos, pos + 2)) {
                    case "==" -> Operator.EQ;
                    case "!=" -> Operator.NE;
                    case "~=" -> Operator.CONTAINS;
                    case "<=" -> Operator.LE;
                    case ">=" -> Operator.GE;
                    default -> null;
                };
                if (two != null) {
                    pos += 2;
                    return two;
                }
            }
            char c = peek();
            if (c == '<' || c == '>') {
                pos++;
                return c == '<' ? Operator.LT : Operator.GT;
            }
            throw syntax(pos, "expected an operator (" + OPERATORS + "), found " + describe(pos));
        }

        private Segment.Constant constant() {
            if (atEnd()) {
                throw syntax(pos, "expected a constant, found the end of the path");
            }
            if (peek() == '"') {
                return quoted();
            }
            int start = pos;
            while (!atEnd() && isUnquotedChar(peek())) {
                pos++;
            }
            if (pos == start) {
                throw syntax(pos, "expected a constant (a quoted string, or a number, boolean or date-time), found "
                        + describe(pos));
            }
            checkConstantLength(start, pos);
            return new Segment.Constant(text.substring(start, pos), false);
        }

        private Segment.Constant quoted() {
            int open = pos;
            pos++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw syntax(pos, "unterminated string: expected '\"' to close the one at position " + open);
                }
                char c = peek();
                if (c == '"') {
                    checkConstantLength(open + 1, pos);
                    pos++;
                    return new Segment.Constant(value.toString(), true);
                }
                if (c == '%') {
                    if (text.startsWith("%22", pos)) {
                        value.append('"');
                    } else if (text.startsWith("%25", pos)) {
                        value.append('%');
                    } else {
                        throw syntax(pos, "unsupported percent-escape in a string: only %22 (\") and %25 (%) are defined");
                    }
                    pos += 3;
                } else if (c < 0x20 || c == 0x7f) {
                    throw syntax(pos, String.format("control character U+%04X in a string", (int) c));
                } else if (Character.isHighSurrogate(c) && pos + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(pos + 1))) {
                    value.append(c).append(text.charAt(pos + 1));
                    pos += 2;
                } else if (Character.isSurrogate(c)) {
                    throw syntax(pos, String.format("unpaired surrogate U+%04X in a string", (int) c));
                } else {
                    value.append(c);
                    pos++;
                }
            }
        }

        private void checkConstantLength(int start, int end) {
            if (end - start > limits.maxConstantLength()) {
                throw limit(start, "constant is longer than " + limits.maxConstantLength()
                        + " characters (limit maxConstantLength)");
            }
        }

        private Segment.Follow follow() {
            if (peek() == '+') {
                pos++;
                return new Segment.Follow(1);
            }
            pos++; // '#'
            int item;
            if (!atEnd() && peek() == '*') {
                pos++;
                item = Segment.Follow.ALL_ITEMS;
            } else if (!atEnd() && isDigit(peek())) {
                item = posnum("list item number");
            } else {
                throw syntax(pos, "expected a list item number or '*' after '#', found " + describeOrEnd(pos));
            }
            if (atEnd() || peek() != '+') {
                throw syntax(pos, "expected '+' to end the reference following, found " + describeOrEnd(pos));
            }
            pos++;
            return new Segment.Follow(item);
        }

        private int posnum(String what) {
            int start = pos;
            if (peek() == '0') {
                if (pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
                    throw syntax(start, "leading zero in " + what);
                }
                throw syntax(start, what + " 0 is not valid; numbering starts at 1");
            }
            long value = 0;
            while (!atEnd() && isDigit(peek())) {
                value = value * 10 + (peek() - '0');
                if (value > Integer.MAX_VALUE) {
                    throw syntax(start, what + " is larger than " + Integer.MAX_VALUE);
                }
                pos++;
            }
            return (int) value;
        }

        private String name() {
            int start = pos;
            pos++;
            while (!atEnd() && isNameChar(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void add(List<Segment> segments, Segment segment, int start) {
            room(segments, start);
            segments.add(segment);
        }

        private void room(List<Segment> segments, int start) {
            if (segments.size() >= limits.maxSegments()) {
                throw limit(start, "path has more than " + limits.maxSegments() + " segments (limit maxSegments)");
            }
        }

        private void expectEnd(String what) {
            if (!atEnd()) {
                throw syntax(pos, what + " must end the path, found " + describe(pos) + " after it");
            }
        }

        private void skipBlanks() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            return text.charAt(pos);
        }

        private String describeOrEnd(int at) {
            return at >= text.length() ? "the end of the path" : describe(at);
        }

        private String describe(int at) {
            char c = text.charAt(at);
            if (c == ' ' || c == '\t') {
                return BLANK_RULE;
            }
            if (c < 0x20 || c == 0x7f) {
                return String.format("control character U+%04X", (int) c);
            }
            if (c > 0x7e) {
                return String.format("non-ASCII character U+%04X", text.codePointAt(at));
            }
            return "'" + c + "'";
        }

        private static Failure syntax(int position, String reason) {
            return new Failure(PathParseError.syntax(position, reason));
        }

        private static Failure limit(int position, String reason) {
            return new Failure(PathParseError.limit(position, reason));
        }
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUnquotedChar(char c) {
        return isNameChar(c) || c == '+' || c == '-' || c == '.' || c == ':';
    }
}

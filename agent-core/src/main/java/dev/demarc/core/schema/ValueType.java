package dev.demarc.core.schema;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.path.Operator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The type of a parameter value as TR-106 defines it: a {@link BaseType}, optionally a name
 * (the TR-106/TR-181 named data types such as {@code IPv4Address}, see {@link DataTypes}), and
 * facets: lengths, ranges, enumerations, patterns, and for a comma-separated list the type of
 * its items and how many there may be.
 *
 * <p>Immutable and safe to share between threads; any thread may call any method. Built
 * fluently, each call returning a new instance:
 *
 * <pre>{@code
 * ValueType.string().maxLength(64).enumeration("Up", "Down")
 * ValueType.unsignedInt().range(0, 65535)
 * ValueType.listOf(ValueType.string().maxLength(256)).maxItems(8)
 * ValueType.named("Port", ValueType.unsignedInt().range(1, 65535))
 * }</pre>
 *
 * <p>Facet rules, following TR-106:
 * <ul>
 *   <li>Lengths apply to string (characters, i.e. code points), base64 and hexBinary (bytes of
 *       the decoded value) and to a list (characters of the whole list text).</li>
 *   <li>A value must lie in at least one of the ranges, when there are ranges.</li>
 *   <li>A string must be one of the enumerations, when there are enumerations.</li>
 *   <li>A value must match (as a whole, Java regex) at least one of the patterns, when there
 *       are patterns. Patterns added by {@link #pattern} are alternatives to each other.</li>
 *   <li>A list's text is split at commas; each item, trimmed of surrounding whitespace, must be
 *       a valid value of the item type. The empty text is the empty list.</li>
 *   <li>No value longer than {@link #MAX_VALUE_LENGTH} characters is accepted at all.</li>
 * </ul>
 *
 * <p>A list has base {@link BaseType#STRING}, since that is what its value is on the wire;
 * {@link #itemType()} gives the type of its items.
 */
public final class ValueType {

    /** Hard cap on the length of any value text, in characters; longer values are refused. */
    public static final int MAX_VALUE_LENGTH = 65_536;

    private static final int NONE = -1;
    private static final int SHOWN_ENUMERATIONS = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final BaseType base;
    private final String name;
    private final int minLength;
    private final int maxLength;
    private final List<Range> ranges;
    private final List<String> enumerations;
    private final List<String> patternTexts;
    private final List<Pattern> patterns;
    private final AddressSyntax syntax;
    private final ValueType item;
    private final int minItems;
    private final int maxItems;
    /**
     * Values this type found valid lately, for types whose check costs more than a look-up
     * (patterns, address syntax, ranges, dateTime, lists...); null for the others. A platform
     * value is checked at every read of it, and mostly it is a value already checked. Slot by
     * the value's hash; a slot holds one value that passed, replaced by the next one. Shared by
     * every thread: a slot is one reference, read and written whole, and a value only ever
     * enters it after passing, so a race costs a check again, never a wrong answer.
     */
    private final String[] recentlyValid;
    private static final int RECENTLY_VALID_SLOTS = 32;
    private static final int RECENTLY_VALID_MAX_LENGTH = 256;

    private ValueType(Draft d) {
        this.base = Objects.requireNonNull(d.base, "base");
        this.name = d.name;
        this.minLength = d.minLength;
        this.maxLength = d.maxLength;
        this.ranges = List.copyOf(d.ranges);
        this.enumerations = List.copyOf(new LinkedHashSet<>(d.enumerations));
        this.patternTexts = List.copyOf(new LinkedHashSet<>(d.patterns));
        this.syntax = d.syntax;
        this.item = d.item;
        this.minItems = d.minItems;
        this.maxItems = d.maxItems;
        boolean costly = item != null || !d.patterns.isEmpty() || syntax != null || !ranges.isEmpty()
                || base == BaseType.DATE_TIME || base == BaseType.DECIMAL || base.isBinary();
        this.recentlyValid = costly ? new String[RECENTLY_VALID_SLOTS] : null;

        if (name != null && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a data type name: " + name);
        }
        boolean list = item != null;
        if (list && (item.isList() || base != BaseType.STRING)) {
            throw new IllegalArgumentException("a list's items cannot be lists: " + item);
        }
        if ((minLength != NONE || maxLength != NONE)
                && !(list || base == BaseType.STRING || base.isBinary())) {
            throw facetMisuse("length", "string, base64, hexBinary and lists");
        }
        if (minLength < NONE || maxLength < NONE
                || (minLength != NONE && maxLength != NONE && minLength > maxLength)) {
            throw new IllegalArgumentException("bad length bounds " + minLength + ":" + maxLength);
        }
        if (!ranges.isEmpty()) {
            if (list || !base.isNumeric()) {
                throw facetMisuse("range", "int, unsignedInt, long, unsignedLong and decimal");
            }
            for (Range r : ranges) {
                if (base.isInteger() && !r.isIntegral()) {
                    throw new IllegalArgumentException("range " + r + " is not whole for " + base.xmlName());
                }
            }
        }
        if (!enumerations.isEmpty() && (list || base != BaseType.STRING)) {
            throw facetMisuse("enumeration", "string");
        }
        if (!patternTexts.isEmpty() && list) {
            throw facetMisuse("pattern", "single values (put it on the item type)");
        }
        List<Pattern> compiled = new ArrayList<>(patternTexts.size());
        for (String p : patternTexts) {
            try {
                compiled.add(Pattern.compile(Objects.requireNonNull(p, "pattern")));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad pattern " + p + ": " + e.getDescription(), e);
            }
        }
        this.patterns = List.copyOf(compiled);
        if (syntax != null && (list || base != BaseType.STRING)) {
            throw facetMisuse("address syntax", "string");
        }
        if ((minItems != NONE || maxItems != NONE) && !list) {
            throw facetMisuse("item count", "lists");
        }
        if (minItems < NONE || maxItems < NONE
                || (minItems != NONE && maxItems != NONE && minItems > maxItems)) {
            throw new IllegalArgumentException("bad item count bounds " + minItems + ":" + maxItems);
        }
    }

    private IllegalStateException facetMisuse(String facet, String appliesTo) {
        return new IllegalStateException("a " + facet + " facet applies to " + appliesTo
                + ", not to " + (item != null ? "list<" + item.name() + ">" : base.xmlName()));
    }

    // ---------------------------------------------------------------- factories

    /** A type of the given base with no facets. */
    public static ValueType of(BaseType base) {
        Draft d = new Draft();
        d.base = Objects.requireNonNull(base, "base");
        return new ValueType(d);
    }

    public static ValueType string() {
        return of(BaseType.STRING);
    }

    /** TR-106 {@code boolean}. */
    public static ValueType bool() {
        return of(BaseType.BOOLEAN);
    }

    /** TR-106 {@code int}: 32-bit signed. */
    public static ValueType int32() {
        return of(BaseType.INT);
    }

    public static ValueType unsignedInt() {
        return of(BaseType.UNSIGNED_INT);
    }

    /** TR-106 {@code long}: 64-bit signed. */
    public static ValueType int64() {
        return of(BaseType.LONG);
    }

    public static ValueType unsignedLong() {
        return of(BaseType.UNSIGNED_LONG);
    }

    public static ValueType dateTime() {
        return of(BaseType.DATE_TIME);
    }

    public static ValueType base64() {
        return of(BaseType.BASE64);
    }

    public static ValueType hexBinary() {
        return of(BaseType.HEX_BINARY);
    }

    public static ValueType decimal() {
        return of(BaseType.DECIMAL);
    }

    /** A comma-separated list whose items are of {@code itemType} (itself not a list). */
    public static ValueType listOf(ValueType itemType) {
        Draft d = new Draft();
        d.base = BaseType.STRING;
        d.item = Objects.requireNonNull(itemType, "itemType");
        return new ValueType(d);
    }

    /** {@code type} under a data type name, e.g. {@code named("IPv4Address", ...)}. */
    public static ValueType named(String name, ValueType type) {
        return type.named(name);
    }

    // ---------------------------------------------------------------- fluent facets

    /** This type under a data type name ({@code [A-Za-z_][A-Za-z0-9_]*}). */
    public ValueType named(String newName) {
        Draft d = draft();
        d.name = Objects.requireNonNull(newName, "name");
        return new ValueType(d);
    }

    /** Least length: characters for string and list, decoded bytes for base64/hexBinary. */
    public ValueType minLength(int min) {
        Draft d = draft();
        d.minLength = requireCount(min, "minLength");
        return new ValueType(d);
    }

    /** Greatest length: characters for string and list, decoded bytes for base64/hexBinary. */
    public ValueType maxLength(int max) {
        Draft d = draft();
        d.maxLength = requireCount(max, "maxLength");
        return new ValueType(d);
    }

    /** Both length bounds at once; {@code length(36, 36)} for exactly 36. */
    public ValueType length(int min, int max) {
        Draft d = draft();
        d.minLength = requireCount(min, "minLength");
        d.maxLength = requireCount(max, "maxLength");
        return new ValueType(d);
    }

    /** Adds the inclusive range {@code [min:max]}; a value must be in at least one range. */
    public ValueType range(long min, long max) {
        return range(Range.between(min, max));
    }

    /** Adds a range; a value must be in at least one range. */
    public ValueType range(Range r) {
        Draft d = draft();
        d.ranges.add(Objects.requireNonNull(r, "range"));
        return new ValueType(d);
    }

    /** Adds allowed string values. */
    public ValueType enumeration(String... values) {
        Draft d = draft();
        d.enumerations.addAll(Arrays.asList(values));
        return new ValueType(d);
    }

    /**
     * Adds patterns (Java regex, matched against the whole value); a value must match at least
     * one. The empty pattern {@code ""} admits the empty value, as in TR-106's address types.
     */
    public ValueType pattern(String... regexes) {
        Draft d = draft();
        d.patterns.addAll(Arrays.asList(regexes));
        return new ValueType(d);
    }

    /** Least number of items of a list. */
    public ValueType minItems(int min) {
        Draft d = draft();
        d.minItems = requireCount(min, "minItems");
        return new ValueType(d);
    }

    /** Greatest number of items of a list. */
    public ValueType maxItems(int max) {
        Draft d = draft();
        d.maxItems = requireCount(max, "maxItems");
        return new ValueType(d);
    }

    /** The address syntax the named type must follow (for {@link DataTypes}). */
    ValueType syntax(AddressSyntax s) {
        Draft d = draft();
        d.syntax = Objects.requireNonNull(s, "syntax");
        return new ValueType(d);
    }

    private static int requireCount(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + n);
        }
        return n;
    }

    // ---------------------------------------------------------------- accessors

    /** The base type; {@link BaseType#STRING} for a list. */
    public BaseType base() {
        return base;
    }

    /** The data type name if this type has one (e.g. {@code MACAddress}), else the base's. */
    public String name() {
        return name != null ? name : base.xmlName();
    }

    /** Whether this type carries a data type name of its own. */
    public boolean isNamed() {
        return name != null;
    }

    public boolean isList() {
        return item != null;
    }

    /** The type of a list's items; empty for a single value. */
    public Optional<ValueType> itemType() {
        return Optional.ofNullable(item);
    }

    /**
     * The type as an export (e.g. the supported data model) names it: {@code list<unsignedInt>}
     * for a list, else {@link #name()}.
     */
    public String exportName() {
        return item != null ? "list<" + item.name() + ">" : name();
    }

    public OptionalInt minLength() {
        return minLength == NONE ? OptionalInt.empty() : OptionalInt.of(minLength);
    }

    public OptionalInt maxLength() {
        return maxLength == NONE ? OptionalInt.empty() : OptionalInt.of(maxLength);
    }

    public List<Range> ranges() {
        return ranges;
    }

    public List<String> enumerations() {
        return enumerations;
    }

    /** The pattern texts, in the order added. */
    public List<String> patterns() {
        return patternTexts;
    }

    public OptionalInt minItems() {
        return minItems == NONE ? OptionalInt.empty() : OptionalInt.of(minItems);
    }

    public OptionalInt maxItems() {
        return maxItems == NONE ? OptionalInt.empty() : OptionalInt.of(maxItems);
    }

    // ---------------------------------------------------------------- validation

    /**
     * Checks a value against this type. Empty when valid; otherwise
     * {@link ErrorCode#INVALID_TYPE} (7011) when the text cannot be read as the type at all
     * (null, {@code abc} for an int, {@code -1} or {@code 4294967296} for an unsignedInt,
     * {@code yes} for a boolean, a bad dateTime or base64) and {@link ErrorCode#INVALID_VALUE}
     * (7012) when it can but a facet refuses it (range, length, enumeration, pattern, item
     * count, named-type syntax, or longer than {@link #MAX_VALUE_LENGTH}). The error's path is
     * empty; the caller names the parameter with {@link DmError#withPath}.
     */
    public Optional<DmError> check(String value) {
        if (value == null) {
            return fail(ErrorCode.INVALID_TYPE, "no value given for " + Lexical.withArticle(name()));
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return fail(ErrorCode.INVALID_VALUE, "value is " + value.length()
                    + " characters long; no value may be longer than " + MAX_VALUE_LENGTH);
        }
        int slot = 0;
        if (recentlyValid != null) {
            slot = value.hashCode() & (RECENTLY_VALID_SLOTS - 1);
            String known = recentlyValid[slot];
            if (known != null && known.equals(value)) {
                return Optional.empty();
            }
        }
        Optional<DmError> checked = item != null ? checkList(value) : checkSingle(value);
        if (checked.isEmpty() && recentlyValid != null && value.length() <= RECENTLY_VALID_MAX_LENGTH) {
            recentlyValid[slot] = value;
        }
        return checked;
    }

    /** Whether {@link #check} finds {@code value} valid. */
    public boolean isValid(String value) {
        return check(value).isEmpty();
    }

    private Optional<DmError> checkSingle(String value) {
        Result<Object> read = Lexical.read(base, value);
        if (!read.isOk()) {
            return Optional.of(read.error());
        }
        Object v = read.value();
        if (minLength != NONE || maxLength != NONE) {
            long length = v instanceof Lexical.Binary b ? b.bytes() : value.codePointCount(0, value.length());
            if (!within(length, minLength, maxLength)) {
                String unit = base.isBinary() ? "byte" : "character";
                return fail(ErrorCode.INVALID_VALUE, Lexical.show(value) + " is " + plural(length, unit)
                        + (base.isBinary() ? " decoded" : " long") + "; " + bounds(minLength, maxLength, unit));
            }
        }
        if (!enumerations.isEmpty() && !enumerations.contains(value)) {
            return fail(ErrorCode.INVALID_VALUE, Lexical.show(value) + " is not one of: " + enumerationList());
        }
        if (!patterns.isEmpty() && !anyPatternMatches(value)) {
            return fail(ErrorCode.INVALID_VALUE, Lexical.show(value)
                    + (name != null ? " is not a valid " + name + ": it must " : " must ") + patternRule());
        }
        if (syntax != null && !syntax.accepts(value)) {
            return fail(ErrorCode.INVALID_VALUE, Lexical.show(value) + " is not a valid " + name());
        }
        if (!ranges.isEmpty()) {
            BigDecimal number = (BigDecimal) v;
            if (ranges.stream().noneMatch(r -> r.contains(number))) {
                return fail(ErrorCode.INVALID_VALUE, "value " + shortText(value) + " is out of range"
                        + (ranges.size() == 1 ? " " : "s ") + rangeList());
            }
        }
        return Optional.empty();
    }

    private boolean anyPatternMatches(String value) {
        for (Pattern p : patterns) {
            if (p.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private Optional<DmError> checkList(String value) {
        int length = value.codePointCount(0, value.length());
        if (!within(length, minLength, maxLength)) {
            return fail(ErrorCode.INVALID_VALUE, "list is " + plural(length, "character") + " long; "
                    + bounds(minLength, maxLength, "character"));
        }
        List<String> items = split(value);
        if (!within(items.size(), minItems, maxItems)) {
            return fail(ErrorCode.INVALID_VALUE, "list has " + plural(items.size(), "item") + "; "
                    + bounds(minItems, maxItems, "item"));
        }
        for (int i = 0; i < items.size(); i++) {
            Optional<DmError> bad = item.check(items.get(i));
            if (bad.isPresent()) {
                DmError e = bad.get();
                return fail(e.code(), "item " + (i + 1) + ": " + e.message());
            }
        }
        return Optional.empty();
    }

    /** A list's items, trimmed; the empty text is the empty list. */
    private static List<String> split(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        String[] parts = value.split(",", -1);
        List<String> items = new ArrayList<>(parts.length);
        for (String p : parts) {
            items.add(p.strip());
        }
        return items;
    }

    private static boolean within(long n, int min, int max) {
        return (min == NONE || n >= min) && (max == NONE || n <= max);
    }

    private static String bounds(int min, int max, String unit) {
        if (min != NONE && max != NONE) {
            return min == max ? "must be exactly " + plural(min, unit)
                    : "must be " + min + " to " + plural(max, unit);
        }
        return min != NONE ? "must be at least " + plural(min, unit) : "must be at most " + plural(max, unit);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private String enumerationList() {
        if (enumerations.size() <= SHOWN_ENUMERATIONS) {
            return String.join(", ", enumerations);
        }
        return String.join(", ", enumerations.subList(0, SHOWN_ENUMERATIONS))
                + ", ... (" + enumerations.size() + " values)";
    }

    /** "be empty or match "P1" or "P2"". */
    private String patternRule() {
        StringBuilder sb = new StringBuilder();
        boolean emptyAllowed = patternTexts.contains("");
        for (String p : patternTexts) {
            if (!p.isEmpty()) {
                sb.append(sb.length() == 0 ? "match \"" : " or \"").append(p).append('"');
            }
        }
        if (sb.length() == 0) {
            return "be empty";
        }
        return emptyAllowed ? "be empty or " + sb : sb.toString();
    }

    private String rangeList() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(r);
        }
        return sb.toString();
    }

    private static String shortText(String value) {
        return value.length() <= Lexical.SHOWN_CHARS ? value : Lexical.show(value);
    }

    private static Optional<DmError> fail(ErrorCode code, String message) {
        return Optional.of(DmError.of(code, message));
    }

    // ---------------------------------------------------------------- normal form

    /**
     * The canonical text of a valid value: boolean as {@code true}/{@code false}; integers
     * without sign {@code +} or leading zeros ({@code +0123} is {@code 123}, {@code -0} is
     * {@code 0}); decimal likewise and without trailing fraction zeros ({@code 01.50} is
     * {@code 1.5}); a list as its normalized items joined by {@code ,} with no whitespace. Every
     * other value, dateTime included, is returned as given: a dateTime without a time zone
     * cannot be converted to UTC, and keeping the given offset loses nothing.
     *
     * @throws IllegalArgumentException if {@link #check} does not find the value valid (a bug
     *                                  in the caller)
     */
    public String normalize(String valid) {
        check(valid).ifPresent(e -> {
            throw new IllegalArgumentException("cannot normalize an invalid value: " + e.message());
        });
        if (item != null) {
            List<String> items = split(valid);
            List<String> normal = new ArrayList<>(items.size());
            for (String i : items) {
                normal.add(item.normalize(i));
            }
            return String.join(",", normal);
        }
        Object v = Lexical.read(base, valid).value();
        if (base == BaseType.BOOLEAN) {
            return ((Boolean) v) ? "true" : "false";
        }
        if (base.isNumeric()) {
            BigDecimal d = (BigDecimal) v;
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return valid;
    }

    // ---------------------------------------------------------------- search expressions

    /**
     * Evaluates one search-expression component {@code actual <op> constant} (TR-369 "Searching
     * with Expressions"), where {@code actual} is a parameter's value and {@code constant} the
     * expression constant, percent-escapes already decoded.
     *
     * <ul>
     *   <li>string types (named ones such as {@code IPAddress} included), boolean, base64 and
     *       hexBinary allow {@code ==} and {@code !=} only; numbers and dateTime allow all of
     *       {@code == != < > <= >=}; a dateTime constant that is the Unknown Time
     *       ({@code 0001-01-01T00:00:00Z}) allows {@code ==} and {@code !=} only, and an
     *       Unknown Time value never satisfies {@code < > <= >=};</li>
     *   <li>{@code ~=} is valid for lists only and holds when some item equals the constant;
     *       a list also allows {@code ==} and {@code !=}, comparing item by item;</li>
     *   <li>a string constant (and a whole-list constant) must be quoted, any other constant
     *       must not be: {@code [Enable=="true"]} is invalid for a boolean;</li>
     *   <li>values compare by meaning: {@code 123}, {@code +123} and {@code 0123} are equal, as
     *       are boolean {@code 1} and {@code true}, and dateTimes naming the same instant (one
     *       without a time zone is taken as UTC); strings compare exactly;</li>
     *   <li>the constant must be readable as the type, but facets (ranges, enumerations,
     *       lengths, patterns) are not applied to it: {@code [Status=="Foo"]} is valid and
     *       simply matches nothing.</li>
     * </ul>
     *
     * <p>An operator or constant not valid for the type gives {@link ErrorCode#INVALID_PATH_SYNTAX}
     * (7008): TR-369 names no code for it, and the fault lies in the search path. When
     * {@code actual} cannot be read as the type (e.g. an empty value of an int parameter), the
     * result is {@code false} for every operator, not an error.
     */
    public Result<Boolean> evaluate(String actual, Operator op, String constant, boolean constantQuoted) {
        return condition(op, constant, constantQuoted).map(test -> test.test(actual));
    }

    /**
     * A search-expression component compiled once: checks the operator and the constant
     * against this type (the same errors as {@link #evaluate}) and answers a test of actual
     * values, which is false for a value that is not valid for the type. Immutable; any thread.
     */
    public Result<Predicate<String>> condition(Operator op, String constant, boolean constantQuoted) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(constant, "constant");
        if (constant.length() > MAX_VALUE_LENGTH) {
            return badExpression("the constant is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return item != null
                ? listCondition(op, constant, constantQuoted)
                : singleCondition(op, constant, constantQuoted);
    }

    private Result<Predicate<String>> singleCondition(Operator op, String constant, boolean quoted) {
        if (op == Operator.CONTAINS) {
            return badExpression("operator ~= is only valid for list parameters, not for "
                    + Lexical.withArticle(name()));
        }
        boolean ordered = base.isNumeric() || base == BaseType.DATE_TIME;
        if (!ordered && op != Operator.EQ && op != Operator.NE) {
            return badExpression("operator " + op.symbol() + " is not valid for "
                    + Lexical.withArticle(name()) + "; only == and != are");
        }
        Optional<String> quoting = quotingProblem(base == BaseType.STRING, quoted, constant);
        if (quoting.isPresent()) {
            return badExpression(quoting.get());
        }
        Result<Object> c = Lexical.read(base, constant);
        if (!c.isOk()) {
            return badExpression("constant " + c.error().message());
        }
        boolean unknownTime = base == BaseType.DATE_TIME && isUnknownTime(c.value());
        if (unknownTime && op != Operator.EQ && op != Operator.NE) {
            return badExpression("the Unknown Time " + constant + " can only be compared with == and !=");
        }
        Object wanted = c.value();
        return Result.ok(actual -> {
            if (actual == null || actual.length() > MAX_VALUE_LENGTH) {
                return false;
            }
            Result<Object> a = Lexical.read(base, actual);
            return a.isOk() && compare(a.value(), op, wanted);
        });
    }

    private Result<Predicate<String>> listCondition(Operator op, String constant, boolean quoted) {
        if (op == Operator.CONTAINS) {
            Optional<String> quoting = quotingProblem(item.base == BaseType.STRING, quoted, constant);
            if (quoting.isPresent()) {
                return badExpression(quoting.get() + " (it is compared with the list's items)");
            }
            Result<Object> c = Lexical.read(item.base, constant);
            if (!c.isOk()) {
                return badExpression("constant " + c.error().message());
            }
            Object wanted = c.value();
            return Result.ok(actual -> {
                Optional<List<Object>> items = readItems(actual);
                return items.isPresent() && items.get().stream().anyMatch(v -> Lexical.same(v, wanted));
            });
        }
        if (op != Operator.EQ && op != Operator.NE) {
            return badExpression("operator " + op.symbol() + " is not valid for a list; only ==, != and ~= are");
        }
        Optional<String> quoting = quotingProblem(true, quoted, constant);
        if (quoting.isPresent()) {
            return badExpression(quoting.get());
        }
        Optional<List<Object>> parsed = readItems(constant);
        if (parsed.isEmpty()) {
            return badExpression("constant " + Lexical.show(constant) + " is not a list of " + item.name());
        }
        List<Object> wanted = parsed.get();
        return Result.ok(actual -> {
            Optional<List<Object>> items = readItems(actual);
            if (items.isEmpty()) {
                return false;
            }
            boolean equal = items.get().size() == wanted.size();
            for (int i = 0; equal && i < wanted.size(); i++) {
                equal = Lexical.same(items.get().get(i), wanted.get(i));
            }
            return op == Operator.EQ ? equal : !equal;
        });
    }

    /** The list's items read by the item base type; empty if any cannot be read. */
    private Optional<List<Object>> readItems(String listText) {
        if (listText == null || listText.length() > MAX_VALUE_LENGTH) {
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        for (String s : split(listText)) {
            Result<Object> r = Lexical.read(item.base, s);
            if (!r.isOk()) {
                return Optional.empty();
            }
            values.add(r.value());
        }
        return Optional.of(values);
    }

    private Optional<String> quotingProblem(boolean stringType, boolean quoted, String constant) {
        if (stringType && !quoted) {
            return Optional.of("a string constant must be in double quotes: " + constant);
        }
        if (!stringType && quoted) {
            String type = item != null ? item.name() : name();
            return Optional.of("the constant " + Lexical.show(constant) + " is quoted but "
                    + Lexical.withArticle(type) + " constant must not be");
        }
        return Optional.empty();
    }

    private static boolean isUnknownTime(Object v) {
        return ((BigDecimal) v).compareTo(Lexical.UNKNOWN_TIME) == 0;
    }

    private boolean compare(Object a, Operator op, Object c) {
        if (op == Operator.EQ) {
            return Lexical.same(a, c);
        }
        if (op == Operator.NE) {
            return !Lexical.same(a, c);
        }
        if (base == BaseType.DATE_TIME && isUnknownTime(a)) {
            return false;
        }
        int cmp = ((BigDecimal) a).compareTo((BigDecimal) c);
        return switch (op) {
            case LT -> cmp < 0;
            case GT -> cmp > 0;
            case LE -> cmp <= 0;
            case GE -> cmp >= 0;
            default -> throw new IllegalStateException("unexpected operator " + op);
        };
    }

    private static <T> Result<T> badExpression(String message) {
        return Result.err(ErrorCode.INVALID_PATH_SYNTAX, message);
    }

    // ---------------------------------------------------------------- object methods

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueType t
                && base == t.base
                && Objects.equals(name, t.name)
                && minLength == t.minLength
                && maxLength == t.maxLength
                && ranges.equals(t.ranges)
                && enumerations.equals(t.enumerations)
                && patternTexts.equals(t.patternTexts)
                && syntax == t.syntax
                && Objects.equals(item, t.item)
                && minItems == t.minItems
                && maxItems == t.maxItems;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, name, minLength, maxLength, ranges, enumerations, patternTexts,
                syntax, item, minItems, maxItems);
    }

    /**
     * Short and readable: {@code string(64)}, {@code unsignedInt[0:65535]},
     * {@code string{Up, Down}}, {@code MACAddress(17) 2 patterns},
     * {@code list<unsignedInt[1:]>(256) items(:8)}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (item != null) {
            sb.append(name != null ? name + " " : "").append("list<").append(item).append('>');
        } else {
            sb.append(name());
        }
        if (minLength != NONE || maxLength != NONE) {
            sb.append('(');
            if (minLength != NONE) {
                sb.append(minLength).append(':');
            }
            if (maxLength != NONE) {
                sb.append(maxLength);
            }
            sb.append(')');
        }
        for (Range r : ranges) {
            sb.append(r);
        }
        if (!enumerations.isEmpty()) {
            sb.append('{').append(enumerationList()).append('}');
        }
        if (!patternTexts.isEmpty()) {
            sb.append(' ').append(patternTexts.size()).append(patternTexts.size() == 1 ? " pattern" : " patterns");
        }
        if (minItems != NONE || maxItems != NONE) {
            sb.append(" items(").append(minItems == NONE ? "" : minItems).append(':')
                    .append(maxItems == NONE ? "" : maxItems).append(')');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- building

    private Draft draft() {
        Draft d = new Draft();
        d.base = base;
        d.name = name;
        d.minLength = minLength;
        d.maxLength = maxLength;
        d.ranges.addAll(ranges);
        d.enumerations.addAll(enumerations);
        d.patterns.addAll(patternTexts);
        d.syntax = syntax;
        d.item = item;
        d.minItems = minItems;
        d.maxItems = maxItems;
        return d;
    }

    /** Mutable scratch copy used only while deriving a new instance. */
    private static final class Draft {
        BaseType base;
        String name;
        int minLength = NONE;
        int maxLength = NONE;
        final List<Range> ranges = new ArrayList<>();
        final List<String> enumerations = new ArrayList<>();
        final List<String> patterns = new ArrayList<>();
        AddressSyntax syntax;
        ValueType item;
        int minItems = NONE;
        int maxItems = NONE;
    }
}

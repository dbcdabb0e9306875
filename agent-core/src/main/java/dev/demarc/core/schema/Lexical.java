package dev.demarc.core.schema;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the literal text of a TR-106 base type (section 3.2, which follows XML Schema Part 2)
 * into a value that compares by meaning: {@link String} for string, {@link Boolean} for
 * boolean, {@link BigDecimal} for the numbers, {@link BigDecimal} seconds since the epoch for
 * dateTime, and {@link Binary} for base64 and hexBinary. Text that is not a literal of the type
 * gives {@link ErrorCode#INVALID_TYPE}. Literals are taken strictly: no surrounding whitespace
 * (except inside base64, which XML Schema allows), boolean only as {@code true}, {@code false},
 * {@code 1}, {@code 0} in that case.
 */
final class Lexical {

    /** Messages show at most this many characters of a value. */
    static final int SHOWN_CHARS = 64;

    /** The Unknown Time of TR-106 section 3.2.1, 0001-01-01T00:00:00Z, as epoch seconds. */
    static final BigDecimal UNKNOWN_TIME =
            BigDecimal.valueOf(LocalDateTime.of(1, 1, 1, 0, 0, 0).toEpochSecond(ZoneOffset.UTC));

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("([+-]?)([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern DATE_TIME = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?"
                    + "(Z|[+-][0-9]{2}:[0-9]{2})?");
    private static final String BASE64_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger UINT_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * A base64 or hexBinary value: its canonical text (base64 without whitespace, hexBinary in
     * upper case), which is unique per byte sequence, and its decoded length in bytes.
     */
    record Binary(String canonical, long bytes) {
    }

    private Lexical() {
    }

    static Result<Object> read(BaseType base, String text) {
        return switch (base) {
            case STRING -> Result.ok(text);
            case BOOLEAN -> readBoolean(text);
            case INT -> readInteger(base, text, INT_MIN, INT_MAX);
            case UNSIGNED_INT -> readInteger(base, text, BigInteger.ZERO, UINT_MAX);
            case LONG -> readInteger(base, text, LONG_MIN, LONG_MAX);
            case UNSIGNED_LONG -> readInteger(base, text, BigInteger.ZERO, ULONG_MAX);
            case DECIMAL -> readDecimal(text);
            case DATE_TIME -> readDateTime(text);
            case BASE64 -> readBase64(text);
            case HEX_BINARY -> readHexBinary(text);
        };
    }

    /** Whether two values read by {@link #read} for the same base type are equal. */
    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    /** A value for a message: quoted, and cut short when long. */
    static String show(String value) {
        if (value.length() <= SHOWN_CHARS) {
            return '"' + value + '"';
        }
        return '"' + value.substring(0, SHOWN_CHARS) + "...\" (" + value.length() + " characters)";
    }

    /** "an int", "a boolean": the type name with its article. */
    static String withArticle(String typeName) {
        char c = typeName.isEmpty() ? 'x' : Character.toLowerCase(typeName.charAt(0));
        return ("aeiou".indexOf(c) >= 0 ? "an " : "a ") + typeName;
    }

    private static Result<Object> readBoolean(String text) {
        return switch (text) {
            case "true", "1" -> Result.ok(Boolean.TRUE);
            case "false", "0" -> Result.ok(Boolean.FALSE);
            default -> notA(text, "boolean", "true, false, 1 or 0");
        };
    }

    private static Result<Object> readInteger(BaseType base, String text, BigInteger min, BigInteger max) {
        long fast = smallInteger(text);
        if (fast != NOT_SMALL && fast >= min.longValue() && (max.bitLength() > 63 || fast <= max.longValue())) {
            return Result.ok(BigDecimal.valueOf(fast));
        }
        String hint = "a whole number from " + min + " to " + max;
        if (!INTEGER.matcher(text).matches()) {
            return notA(text, base.xmlName(), hint);
        }
        int first = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        while (first < text.length() - 1 && text.charAt(first) == '0') {
            first++;
        }
        if (text.length() - first > 20) {
            return notA(text, base.xmlName(), hint);
        }
        BigInteger v = new BigInteger(text);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            return notA(text, base.xmlName(), hint);
        }
        return Result.ok(new BigDecimal(v));
    }

    /** What {@link #smallInteger} gives for text it does not read. */
    private static final long NOT_SMALL = Long.MIN_VALUE;

    /**
     * The value of an integer literal of at most 18 digits (which any long holds), read without
     * a pattern or a BigInteger: the common case of every counter and index; {@link #NOT_SMALL}
     * for anything else, which the general path then reads or refuses.
     */
    private static long smallInteger(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (i == length || length - i > 18) {
            return NOT_SMALL;
        }
        long v = 0;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_SMALL;
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    private static Result<Object> readDecimal(String text) {
        Matcher m = DECIMAL.matcher(text);
        if (!m.matches()) {
            return notA(text, "decimal", "digits with an optional sign and decimal point, e.g. -12.5");
        }
        String digits = m.group(2);
        if (digits.startsWith(".")) {
            digits = "0" + digits;
        }
        if (digits.endsWith(".")) {
            digits = digits + "0";
        }
        return Result.ok(new BigDecimal(m.group(1) + digits));
    }

    private static Result<Object> readDateTime(String text) {
        String hint = "e.g. 2024-01-02T03:04:05Z";
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            return notA(text, "dateTime", hint);
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            return notA(text, "dateTime", "no such date or time of day");
        }
        ZoneOffset offset = ZoneOffset.UTC;
        String zone = m.group(8);
        if (zone != null && !zone.equals("Z")) {
            int zh = Integer.parseInt(zone.substring(1, 3));
            int zm = Integer.parseInt(zone.substring(4, 6));
            if (zh > 14 || zm > 59 || (zh == 14 && zm != 0)) {
                return notA(text, "dateTime", "time zone offsets run from -14:00 to +14:00");
            }
            int sign = zone.charAt(0) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * zh, sign * zm);
            } catch (DateTimeException e) {
                return notA(text, "dateTime", hint);
            }
        }
        long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(offset);
        BigDecimal seconds = BigDecimal.valueOf(epochSecond);
        String fraction = m.group(7);
        if (fraction != null) {
            seconds = seconds.add(new BigDecimal("0" + fraction));
        }
        return Result.ok(seconds);
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static Result<Object> readBase64(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        String s = sb.toString();
        String hint = "groups of 4 characters from A-Z a-z 0-9 + /, padded with =";
        if (s.length() % 4 != 0) {
            return notA(text, "base64", hint);
        }
        int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        for (int i = 0; i < s.length() - pad; i++) {
            if (BASE64_ALPHABET.indexOf(s.charAt(i)) < 0) {
                return notA(text, "base64", hint);
            }
        }
        if (pad > 0) {
            // XML Schema requires the unused bits before the padding to be zero.
            char last = s.charAt(s.length() - pad - 1);
            String allowed = pad == 2 ? "AQgw" : "AEIMQUYcgkosw048";
            if (allowed.indexOf(last) < 0) {
                return notA(text, "base64", "the bits before the = padding must be zero");
            }
        }
        return Result.ok(new Binary(s, (long) s.length() / 4 * 3 - pad));
    }

    private static Result<Object> readHexBinary(String text) {
        String hint = "an even number of hex digits";
        if (text.length() % 2 != 0) {
            return notA(text, "hexBinary", hint);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return notA(text, "hexBinary", hint);
            }
        }
        return Result.ok(new Binary(text.toUpperCase(java.util.Locale.ROOT), text.length() / 2));
    }

    private static Result<Object> notA(String text, String typeName, String hint) {
        return Result.err(ErrorCode.INVALID_TYPE,
                show(text) + " is not " + withArticle(typeName) + " (" + hint + ")");
    }
}

package dev.demarc.tr181;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * TR-106 dateTime values of platform times. A Get of the whole tree formats the same few times
 * (connection times, the local time) at every read: each kind keeps the text of the last time
 * it formatted and gives it again while the same time is asked (an immutable pair in a volatile
 * field, so any thread may call).
 */
final class DateTimes {

    /** TR-106's Unknown Time. */
    static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";

    private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** A time and its text: seconds since the epoch, then the nanoseconds or the zone offset. */
    private record Formatted(long seconds, int rest, String text) {
    }

    private static final Formatted NONE = new Formatted(Long.MIN_VALUE, 0, "");
    private static volatile Formatted lastMicros = NONE;
    private static volatile Formatted lastSeconds = NONE;
    private static volatile Formatted lastLocal = NONE;

    private DateTimes() {
    }

    /** {@code 2025-04-23T10:00:00.123456Z}; whole seconds without a fraction. */
    static String format(Instant t) {
        int micros = t.getNano() / 1000;
        Formatted last = lastMicros;
        if (last.seconds == t.getEpochSecond() && last.rest == micros) {
            return last.text;
        }
        String text = DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MICROS));
        lastMicros = new Formatted(t.getEpochSecond(), micros, text);
        return text;
    }

    /** The time, or the Unknown Time when there is none. */
    static String format(Optional<Instant> t) {
        return t.map(DateTimes::format).orElse(UNKNOWN_TIME);
    }

    /** {@code 2025-04-23T10:00:00Z}: UTC, to the second. */
    static String formatSeconds(Instant t) {
        Formatted last = lastSeconds;
        if (last.seconds == t.getEpochSecond()) {
            return last.text;
        }
        String text = DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
        lastSeconds = new Formatted(t.getEpochSecond(), 0, text);
        return text;
    }

    /** {@code 2025-04-23T12:00:00+02:00}: a local time with its offset, to the second. */
    static String formatLocalSeconds(ZonedDateTime t) {
        long seconds = t.toEpochSecond();
        int offset = t.getOffset().getTotalSeconds();
        Formatted last = lastLocal;
        if (last.seconds == seconds && last.rest == offset) {
            return last.text;
        }
        String text = LOCAL_SECONDS.format(t.truncatedTo(ChronoUnit.SECONDS));
        lastLocal = new Formatted(seconds, offset, text);
        return text;
    }
}

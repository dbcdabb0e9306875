package dev.demarc.tr181;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** TR-106 dateTime values of platform times: UTC, to the microsecond. */
final class DateTimes {

    /** TR-106's Unknown Time. */
    static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";

    private DateTimes() {
    }

    /** {@code 2025-04-23T10:00:00.123456Z}; whole seconds without a fraction. */
    static String format(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** The time, or the Unknown Time when there is none. */
    static String format(Optional<Instant> t) {
        return t.map(DateTimes::format).orElse(UNKNOWN_TIME);
    }
}

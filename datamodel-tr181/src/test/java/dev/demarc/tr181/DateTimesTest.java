package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TR-106 dateTime texts, and that the last one kept is never given for another time. */
class DateTimesTest {

    private static final Instant T = Instant.parse("2026-11-21T10:15:30.123456789Z");

    @Test
    void utc_times_to_the_microsecond_and_to_the_second() {
        assertEquals("2026-11-21T10:15:30.123456Z", DateTimes.format(T));
        assertEquals("2026-11-21T10:15:30.123456Z", DateTimes.format(T.plusNanos(100)), "the same microsecond");
        assertEquals("2026-11-21T10:15:30.123457Z", DateTimes.format(T.plusNanos(1000)));
        assertEquals("2026-11-21T10:15:31.123456Z", DateTimes.format(T.plusSeconds(1)), "same fraction, next second");
        assertEquals("2026-11-21T10:15:30Z", DateTimes.format(Instant.parse("2026-11-21T10:15:30Z")));
        assertEquals(DateTimes.UNKNOWN_TIME, DateTimes.format(Optional.empty()));

        assertEquals("2026-11-21T10:15:30Z", DateTimes.formatSeconds(T));
        assertEquals("2026-11-21T10:15:30Z", DateTimes.formatSeconds(T.plusMillis(500)));
        assertEquals("2026-11-21T10:15:31Z", DateTimes.formatSeconds(T.plusSeconds(1)));
        assertEquals("2026-11-21T10:15:30Z", DateTimes.formatSeconds(T), "back to an earlier time");
    }

    @Test
    void local_times_carry_their_offset_and_the_same_instant_in_another_zone_is_written_anew() {
        ZonedDateTime paris = T.atZone(ZoneId.of("Europe/Paris"));
        assertEquals("2026-11-21T11:15:30+01:00", DateTimes.formatLocalSeconds(paris));
        assertEquals("2026-11-21T11:15:30+01:00", DateTimes.formatLocalSeconds(paris.plusNanos(1000)));
        assertEquals("2026-11-21T10:15:30Z", DateTimes.formatLocalSeconds(T.atZone(ZoneOffset.UTC)));
        assertEquals("2026-11-21T05:15:30-05:00", DateTimes.formatLocalSeconds(T.atZone(ZoneOffset.ofHours(-5))));
        assertEquals("2026-11-21T11:15:31+01:00", DateTimes.formatLocalSeconds(paris.plusSeconds(1)));
    }
}

package dev.demarc.tr181.platform;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device's time service at one moment ({@code Device.Time.}). Immutable.
 *
 * @param enable        whether the device keeps its clock right by NTP
 * @param status        whether it has
 * @param localTimeZone the time zone as a POSIX TZ string ({@code CET-1CEST,M3.5.0,M10.5.0/3}), as
 *                      TR-181 wants it; empty when not known (at most 256 characters)
 * @param zoneName      the time zone's name in the tz database ({@code Europe/Paris}), empty when not known
 * @param clients       the NTP clients, keys unique (at most {@link #MAX_CLIENTS})
 */
public record TimeSnapshot(boolean enable, NtpClient.NtpStatus status, String localTimeZone, String zoneName,
                           List<NtpClient> clients) {

    public static final int MAX_CLIENTS = 8;
    /** No time service known: disabled, zone unknown. */
    public static final TimeSnapshot UNKNOWN = new TimeSnapshot(false, NtpClient.NtpStatus.DISABLED, "", "", List.of());

    /** A POSIX TZ without daylight saving: a name of 3+ letters (or {@code <...>}) and an offset. */
    private static final Pattern FIXED_TZ = Pattern.compile("([A-Za-z]{3,}|<[^>]{1,16}>)([+-]?)(\\d{1,2})(?::(\\d{2}))?");

    public TimeSnapshot {
        Objects.requireNonNull(status, "status");
        Checks.text("localTimeZone", localTimeZone, 256);
        Checks.text("zoneName", zoneName, 64);
        clients = Checks.list("clients", clients, MAX_CLIENTS, c -> c);
        if (clients.stream().map(NtpClient::key).distinct().count() != clients.size()) {
            throw new IllegalArgumentException("two NTP clients have the same key");
        }
    }

    /** The zone the last snapshot asked for, by its two names: the local time is read at every Get. */
    private record KnownZone(String zoneName, String localTimeZone, ZoneId zone) {
    }

    private static volatile KnownZone lastZone = new KnownZone("", "", ZoneOffset.UTC);

    /**
     * The zone to tell the local time in: {@link #zoneName} when Java knows it, else the fixed
     * offset of a POSIX TZ without daylight saving ({@code UTC0}, {@code <+03>-3}), else UTC.
     */
    public ZoneId zone() {
        KnownZone last = lastZone;
        if (last.zoneName.equals(zoneName) && last.localTimeZone.equals(localTimeZone)) {
            return last.zone;
        }
        ZoneId zone = findZone();
        lastZone = new KnownZone(zoneName, localTimeZone, zone);
        return zone;
    }

    private ZoneId findZone() {
        if (!zoneName.isEmpty()) {
            try {
                return ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                // Not in Java's database: fall back on the TZ string.
            }
        }
        Matcher m = FIXED_TZ.matcher(localTimeZone);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(3));
            int minutes = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            if (hours <= 18 && minutes < 60) {
                // POSIX offsets are west-positive: UTC+3 is written -3.
                int seconds = (hours * 3600 + minutes * 60) * ("-".equals(m.group(2)) ? 1 : -1);
                return ZoneOffset.ofTotalSeconds(seconds);
            }
        }
        return ZoneOffset.UTC;
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof TimeSnapshot o
                && enable == o.enable
                && Objects.equals(status, o.status)
                && Objects.equals(localTimeZone, o.localTimeZone)
                && Objects.equals(zoneName, o.zoneName)
                && Objects.equals(clients, o.clients);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enable, status, localTimeZone, zoneName, clients);
    }
}

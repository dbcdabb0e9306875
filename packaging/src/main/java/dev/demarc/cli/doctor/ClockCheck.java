package dev.demarc.cli.doctor;

import dev.demarc.tr181.platform.NtpClient;
import dev.demarc.tr181.platform.TimeSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The step "the clock": a sane year, and whether NTP keeps the clock synchronized (from the
 * platform's time part). A wrong clock makes TLS fail (certificates not valid yet, or expired)
 * and logs useless.
 *
 * <p>Pure: any thread.
 */
public final class ClockCheck {

    public static final String STEP = "clock";
    public static final String NAME = "Clock";
    /** Before this year the clock is certainly wrong: this software did not exist. */
    public static final int MIN_YEAR = 2025;
    /** From this year on the clock is certainly wrong too. */
    public static final int MAX_YEAR = 2100;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ClockCheck() {
    }

    /**
     * @param now  the gateway's clock
     * @param time what the platform says of its time service; {@link TimeSnapshot#UNKNOWN} when it says nothing
     */
    public static CheckResult check(Instant now, TimeSnapshot time) {
        int year = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).getYear();
        List<String> parts = new ArrayList<>();
        parts.add(TIME.format(now));
        if (!time.zoneName().isEmpty() || !time.localTimeZone().isEmpty()) {
            parts.add("zone " + (time.zoneName().isEmpty() ? time.localTimeZone() : time.zoneName()));
        }
        boolean known = !time.equals(TimeSnapshot.UNKNOWN);
        if (known) {
            parts.add("NTP " + time.status().standardName());
            List<String> servers = new ArrayList<>();
            for (NtpClient c : time.clients()) {
                if (c.enable()) {
                    servers.addAll(c.servers());
                }
            }
            if (!servers.isEmpty()) {
                parts.add("servers " + String.join(" ", servers.subList(0, Math.min(4, servers.size()))));
            }
        } else {
            parts.add("the platform does not say whether NTP synchronized it");
        }
        String measured = String.join(", ", parts);
        if (year < MIN_YEAR || year >= MAX_YEAR) {
            return CheckResult.fail(STEP, NAME, measured,
                    "the clock is wrong by years: servers' certificates look not valid yet (or expired), so the"
                            + " agent cannot connect over TLS",
                    "NTP must set it: it needs the WAN and DNS (steps above) and UDP port 123 open; check the NTP"
                            + " servers (Device.Time.Client.{i}.Servers; OpenWrt: /etc/config/system, sysntpd)",
                    Side.GATEWAY);
        }
        if (!known) {
            return CheckResult.pass(STEP, NAME, measured);
        }
        return switch (time.status()) {
            case SYNCHRONIZED -> CheckResult.pass(STEP, NAME, measured);
            case DISABLED -> CheckResult.warn(STEP, NAME, measured,
                    "NTP is off: nothing keeps the clock right, and after a power cut it may start far off",
                    "turn NTP on (Device.Time.Enable; OpenWrt: /etc/config/system, 'ntp' section)", Side.GATEWAY);
            case UNSYNCHRONIZED -> CheckResult.warn(STEP, NAME, measured,
                    "NTP has not synchronized the clock yet (normal for a few minutes after start)",
                    "if it stays so, check that the NTP servers resolve and answer (UDP port 123)", Side.GATEWAY);
            case ERROR_FAILED_TO_SYNCHRONIZE, ERROR -> CheckResult.fail(STEP, NAME, measured,
                    "NTP cannot synchronize the clock: it drifts, and certificates may be judged at the wrong time",
                    "check that the NTP servers resolve and answer (UDP port 123 may be blocked on the way);"
                            + " the system log tells what the NTP client tried",
                    Side.GATEWAY);
        };
    }
}

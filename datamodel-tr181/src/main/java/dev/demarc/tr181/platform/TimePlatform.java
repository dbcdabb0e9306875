package dev.demarc.tr181.platform;

import dev.demarc.core.DmError;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The device's clock and time service ({@code Device.Time.}). Threads and writes as for
 * {@link LanPlatform}: {@link #snapshot} answers from memory on the owner thread; the writes
 * change it at once and are applied on the platform's threads right after.
 */
public interface TimePlatform {

    TimeSnapshot snapshot();

    /** Calls {@code onChange} each time the snapshot changes. */
    void watch(Runnable onChange);

    /** The time now, in the device's zone ({@link TimeSnapshot#zone()}). */
    default ZonedDateTime currentLocalTime() {
        return ZonedDateTime.now(Clock.system(snapshot().zone()));
    }

    default TimeWrites writes() {
        return TimeWrites.NONE;
    }

    /** Turns NTP on or off. */
    default Optional<DmError> setEnable(boolean enable) {
        return LanPlatform.unsupported();
    }

    /** Sets the time zone, a POSIX TZ string. */
    default Optional<DmError> setLocalTimeZone(String posixTz) {
        return LanPlatform.unsupported();
    }

    /** Adds a client (a new key) or replaces the one with its key. */
    default Optional<DmError> putClient(NtpClient client) {
        return LanPlatform.unsupported();
    }

    /** Removes the client with this key. */
    default Optional<DmError> deleteClient(String key) {
        return LanPlatform.unsupported();
    }

    /** A key for a client a controller adds, unused by any client and by any key given before. */
    default Optional<String> newClientKey() {
        return Optional.empty();
    }

    /** No time service known: zone UTC, no clients, no writes. */
    static TimePlatform none() {
        return new TimePlatform() {
            @Override
            public TimeSnapshot snapshot() {
                return TimeSnapshot.UNKNOWN;
            }

            @Override
            public void watch(Runnable onChange) {
            }
        };
    }
}

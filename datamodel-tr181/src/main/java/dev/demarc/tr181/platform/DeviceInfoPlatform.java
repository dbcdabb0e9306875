package dev.demarc.tr181.platform;

/**
 * What the platform tells {@code Device.DeviceInfo.}: the device's identity, how long it has been
 * up, and when it was first used.
 *
 * <p>Called on the data model's owner thread each time a controller reads one of these values:
 * an implementation must answer at once, from memory (read files once, or keep a snapshot
 * fresh on a thread of its own).
 */
public interface DeviceInfoPlatform {

    /** Maker, model, serial number and versions; empty values are unknown. */
    DeviceIdentity identity();

    /** Seconds since the device booted ({@code DeviceInfo.UpTime}). */
    long upTimeSeconds();

    /**
     * When the device was first used ({@code DeviceInfo.FirstUseDate}), a TR-106 dateTime such as
     * {@code 2025-04-23T10:00:00Z}; the Unknown Time {@code 0001-01-01T00:00:00Z} when not known.
     */
    String firstUseDate();
}

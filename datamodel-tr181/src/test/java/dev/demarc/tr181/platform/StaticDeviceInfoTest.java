package dev.demarc.tr181.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StaticDeviceInfoTest {

    @Test
    void up_time_counts_from_construction_in_whole_seconds() {
        AtomicLong nanos = new AtomicLong(-7_000_000_000L);
        StaticDeviceInfo info = new StaticDeviceInfo(DeviceIdentity.unknown(), StaticDeviceInfo.UNKNOWN_TIME, nanos::get);
        assertEquals(0, info.upTimeSeconds());
        nanos.addAndGet(2_999_999_999L);
        assertEquals(2, info.upTimeSeconds());
        nanos.addAndGet(1);
        assertEquals(3, info.upTimeSeconds());
    }

    @Test
    void first_use_date_must_be_a_date_time() {
        assertThrows(IllegalArgumentException.class,
                () -> new StaticDeviceInfo(DeviceIdentity.unknown(), "yesterday", System::nanoTime));
        assertEquals("0001-01-01T00:00:00Z", new StaticDeviceInfo(DeviceIdentity.unknown()).firstUseDate());
    }

    @Test
    void identity_values_are_bounded() {
        assertThrows(IllegalArgumentException.class,
                () -> new DeviceIdentity("x".repeat(257), "", "", "", "", "", "", ""));
        assertThrows(NullPointerException.class, () -> new DeviceIdentity(null, "", "", "", "", "", "", ""));
    }
}

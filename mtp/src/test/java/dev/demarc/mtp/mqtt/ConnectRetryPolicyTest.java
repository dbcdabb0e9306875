package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** TR-181 {@code Device.MQTT.Client.{i}.ConnectRetryTime}: the n-th retry waits a random time in its window. */
class ConnectRetryPolicyTest {

    /** A "random" generator always giving the same fraction of the window. */
    private static RandomGenerator fixed(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    @Test
    void defaults_give_windows_5_to_10_then_10_to_20_seconds_and_so_on() {
        ConnectRetryPolicy p = ConnectRetryPolicy.DEFAULT;

        assertEquals(Duration.ofSeconds(5), p.lowerBound(1));
        assertEquals(Duration.ofSeconds(10), p.upperBound(1));
        assertEquals(Duration.ofSeconds(10), p.lowerBound(2));
        assertEquals(Duration.ofSeconds(20), p.upperBound(2));
        assertEquals(Duration.ofSeconds(5 * 512), p.lowerBound(10));
        assertEquals(Duration.ofSeconds(5 * 1024), p.upperBound(10));
    }

    @Test
    void the_exponent_stops_growing_at_the_tenth_retry() {
        ConnectRetryPolicy p = ConnectRetryPolicy.DEFAULT;

        assertEquals(p.lowerBound(10), p.lowerBound(11));
        assertEquals(p.upperBound(10), p.upperBound(500));
    }

    @Test
    void the_wait_is_drawn_within_the_window() {
        ConnectRetryPolicy p = ConnectRetryPolicy.DEFAULT;

        assertEquals(Duration.ofSeconds(5), p.delay(1, fixed(0.0)));
        assertEquals(Duration.ofMillis(7500), p.delay(1, fixed(0.5)));
        assertEquals(Duration.ofSeconds(15), p.delay(2, fixed(0.5)));
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 1; n <= 12; n++) {
            for (int i = 0; i < 200; i++) {
                Duration d = p.delay(n, random);
                assertTrue(d.compareTo(p.lowerBound(n)) >= 0 && d.compareTo(p.upperBound(n)) <= 0, n + ": " + d);
            }
        }
    }

    @Test
    void a_wait_over_the_maximum_interval_is_the_maximum_interval() {
        ConnectRetryPolicy p = ConnectRetryPolicy.ofTr181(5, 2000, 60);

        assertEquals(Duration.ofSeconds(40), p.delay(3, fixed(1.0)));
        assertEquals(Duration.ofSeconds(60), p.delay(4, fixed(1.0)));
        assertEquals(Duration.ofSeconds(60), p.delay(10, fixed(0.0)));
    }

    @Test
    void the_largest_multiplier_does_not_overflow() {
        ConnectRetryPolicy p = ConnectRetryPolicy.ofTr181(4294967295L, 65535, 4294967295L);

        assertEquals(Duration.ofSeconds(4294967295L), p.delay(10, fixed(1.0)));
    }

    @Test
    void a_multiplier_of_1000_keeps_the_wait_constant() {
        ConnectRetryPolicy p = ConnectRetryPolicy.ofTr181(3, 1000, 30720);

        assertEquals(Duration.ofSeconds(3), p.delay(1, fixed(0.7)));
        assertEquals(Duration.ofSeconds(3), p.delay(9, fixed(0.2)));
    }

    @Test
    void tr181_ranges_are_enforced() {
        assertThrows(IllegalArgumentException.class, () -> ConnectRetryPolicy.ofTr181(0, 2000, 30720));
        assertThrows(IllegalArgumentException.class, () -> ConnectRetryPolicy.ofTr181(5, 999, 30720));
        assertThrows(IllegalArgumentException.class, () -> ConnectRetryPolicy.ofTr181(5, 65536, 30720));
        assertThrows(IllegalArgumentException.class, () -> ConnectRetryPolicy.ofTr181(5, 2000, 0));
        assertThrows(IllegalArgumentException.class, () -> ConnectRetryPolicy.DEFAULT.delay(0, fixed(0)));
    }
}

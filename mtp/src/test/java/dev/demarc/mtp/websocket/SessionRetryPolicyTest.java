package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** TR-369 "WebSocket Session Retry" (R-WS.19), table by table. */
class SessionRetryPolicyTest {

    @ParameterizedTest(name = "retry #{0}: {1}-{2} s")
    @CsvSource({
        "1, 5, 10",
        "2, 10, 20",
        "3, 20, 40",
        "4, 40, 80",
        "5, 80, 160",
        "6, 160, 320",
        "7, 320, 640",
        "8, 640, 1280",
        "9, 1280, 2560",
        "10, 2560, 5120",
        "11, 2560, 5120",
        "1000, 2560, 5120",
    })
    void default_wait_interval_ranges_are_those_of_the_spec_table(int retry, long min, long max) {
        SessionRetryPolicy defaults = SessionRetryPolicy.DEFAULT;
        assertEquals(Duration.ofSeconds(min), defaults.minimumWait(retry));
        assertEquals(Duration.ofSeconds(max), defaults.maximumWait(retry));
    }

    @Test
    void factory_defaults_are_5_seconds_and_2000() {
        assertEquals(new SessionRetryPolicy(Duration.ofSeconds(5), 2000), SessionRetryPolicy.DEFAULT);
        assertEquals(SessionRetryPolicy.DEFAULT, SessionRetryPolicy.ofTr181(5, 2000));
    }

    @Test
    void actual_ranges_follow_m_times_k_over_1000_to_the_power_n() {
        SessionRetryPolicy p = SessionRetryPolicy.ofTr181(10, 1500); // m = 10 s, k/1000 = 1.5
        assertEquals(Duration.ofSeconds(10), p.minimumWait(1));
        assertEquals(Duration.ofSeconds(15), p.maximumWait(1));
        assertEquals(Duration.ofMillis(22_500), p.maximumWait(2));
        assertEquals(Duration.ofMillis(33_750), p.maximumWait(3));
    }

    @Test
    void random_waits_fall_inside_the_range_and_spread_over_it() {
        SessionRetryPolicy p = SessionRetryPolicy.DEFAULT;
        SplittableRandom random = new SplittableRandom(369);
        for (int retry = 1; retry <= 12; retry++) {
            Duration low = Duration.ofDays(1);
            Duration high = Duration.ZERO;
            for (int i = 0; i < 500; i++) {
                Duration wait = p.waitBefore(retry, random);
                assertTrue(wait.compareTo(p.minimumWait(retry)) >= 0, wait + " below the range of retry " + retry);
                assertTrue(wait.compareTo(p.maximumWait(retry)) <= 0, wait + " above the range of retry " + retry);
                low = wait.compareTo(low) < 0 ? wait : low;
                high = wait.compareTo(high) > 0 ? wait : high;
            }
            Duration span = p.maximumWait(retry).minus(p.minimumWait(retry));
            assertTrue(high.minus(low).compareTo(span.dividedBy(2)) > 0, "waits are randomised over the range");
        }
    }

    @Test
    void multiplier_1000_waits_the_minimum_every_time() {
        SessionRetryPolicy p = SessionRetryPolicy.ofTr181(7, 1000);
        SplittableRandom random = new SplittableRandom(1);
        for (int retry = 1; retry <= 15; retry++) {
            assertEquals(Duration.ofSeconds(7), p.waitBefore(retry, random));
        }
    }

    @Test
    void the_largest_parameters_do_not_overflow() {
        SessionRetryPolicy p = SessionRetryPolicy.ofTr181(65535, 65535);
        assertEquals(SessionRetryPolicy.MAX_WAIT, p.maximumWait(10));
        assertEquals(SessionRetryPolicy.MAX_WAIT, p.waitBefore(10, new SplittableRandom(2)));
    }

    @Test
    void parameters_outside_their_tr181_ranges_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> SessionRetryPolicy.ofTr181(0, 2000));
        assertThrows(IllegalArgumentException.class, () -> SessionRetryPolicy.ofTr181(65536, 2000));
        assertThrows(IllegalArgumentException.class, () -> SessionRetryPolicy.ofTr181(5, 999));
        assertThrows(IllegalArgumentException.class, () -> SessionRetryPolicy.ofTr181(5, 65536));
        assertThrows(IllegalArgumentException.class, () -> SessionRetryPolicy.DEFAULT.minimumWait(0));
    }
}

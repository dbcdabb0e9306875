package dev.demarc.core.usp.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** TR-369 R-NOT.1, R-NOT.2: the table of retry wait intervals. */
class RetryPolicyTest {

    /** Always draws {@code value} in [0, 1). */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static final RandomGenerator LOWEST = fixed(0.0);
    private static final RandomGenerator HIGHEST = fixed(Math.nextDown(1.0));

    @Test // R-NOT.1 with the defaults m = 5, k = 2000
    void default_ranges_double_from_5_10_seconds() {
        long low = 5;
        for (int retry = 1; retry <= 10; retry++) {
            assertEquals(Duration.ofSeconds(low), RetryPolicy.waitBefore(retry, 5, 2000, LOWEST), "retry " + retry);
            assertEquals(Duration.ofSeconds(2 * low), RetryPolicy.waitBefore(retry, 5, 2000, HIGHEST), "retry " + retry);
            low *= 2;
        }
    }

    @Test // R-NOT.2
    void from_the_tenth_retry_on_the_range_stays_2560_5120() {
        for (int retry : new int[] {10, 11, 50, Integer.MAX_VALUE}) {
            assertEquals(Duration.ofSeconds(2560), RetryPolicy.waitBefore(retry, 5, 2000, LOWEST));
            assertEquals(Duration.ofSeconds(5120), RetryPolicy.waitBefore(retry, 5, 2000, HIGHEST));
        }
    }

    @Test
    void other_parameters_give_their_own_ranges() {
        assertEquals(Duration.ofSeconds(30), RetryPolicy.waitBefore(3, 30, 1000, HIGHEST), "k = 1000: a constant wait");
        assertEquals(Duration.ofMillis(15_000), RetryPolicy.waitBefore(2, 10, 1500, LOWEST));
        assertEquals(Duration.ofMillis(22_500), RetryPolicy.waitBefore(2, 10, 1500, HIGHEST));
        assertEquals(Duration.ofMillis(18_750), RetryPolicy.waitBefore(2, 10, 1500, fixed(0.5)));
    }

    @Test
    void the_largest_parameters_are_capped_at_30_days() {
        assertEquals(RetryPolicy.MAX_WAIT, RetryPolicy.waitBefore(10, 65535, 65535, HIGHEST));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.waitBefore(0, 5, 2000, LOWEST));
    }
}

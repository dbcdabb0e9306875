package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.demarc.tr181.platform.LinkStats;
import org.junit.jupiter.api.Test;

/**
 * A counter of a Stats object reads as the very same string while it does not change, whether
 * the platform gives the same counters or new ones with the same value; a new value reads anew.
 */
class InterfaceStatsCounterTextsTest {

    private static final String ETH0 = "Device.Ethernet.Interface.1.Stats.";
    private static final String ETH1 = "Device.Ethernet.Interface.2.Stats.";

    private final InterfaceStatsObject.CounterTexts bytesSent = new InterfaceStatsObject.CounterTexts(
            new InterfaceStatsObject.Counter("BytesSent", false, LinkStats::bytesSent));
    private final InterfaceStatsObject.CounterTexts errorsSent = new InterfaceStatsObject.CounterTexts(
            new InterfaceStatsObject.Counter("ErrorsSent", true, LinkStats::errorsSent));

    private static LinkStats sent(long bytes, long errors) {
        return new LinkStats(bytes, 0, 0, 0, errors, 0, 0, 0, 0, 0);
    }

    @Test
    void the_same_counters_give_the_same_string() {
        LinkStats s = sent(1500, 0);
        String first = bytesSent.of(ETH0, s);
        assertEquals("1500", first);
        assertSame(first, bytesSent.of(ETH0, s));
    }

    @Test
    void new_counters_with_the_same_value_give_the_same_string_and_a_new_value_a_new_one() {
        String first = bytesSent.of(ETH0, sent(1500, 0));
        assertSame(first, bytesSent.of(ETH0, sent(1500, 7)), "BytesSent did not change");
        String next = bytesSent.of(ETH0, sent(3000, 7));
        assertEquals("3000", next);
        assertSame(next, bytesSent.of(ETH0, sent(3000, 9)));
    }

    @Test
    void each_stats_object_has_its_own_text() {
        assertEquals("1", bytesSent.of(ETH0, sent(1, 0)));
        assertEquals("2", bytesSent.of(ETH1, sent(2, 0)));
        assertEquals("1", bytesSent.of(ETH0, sent(1, 0)));
        assertNotEquals(bytesSent.of(ETH0, sent(5, 0)), bytesSent.of(ETH1, sent(2, 0)));
    }

    @Test
    void thirty_two_bit_counters_wrap_and_sixty_four_bit_ones_do_not() {
        assertEquals("5", errorsSent.of(ETH0, sent(0, (1L << 32) + 5)));
        assertEquals("9223372036854775807", bytesSent.of(ETH0, sent(Long.MAX_VALUE, 0)));
    }

    @Test
    void past_the_bound_the_texts_are_forgotten_and_still_right() {
        for (int i = 0; i < InterfaceStatsObject.CounterTexts.MAX_OBJECTS + 10; i++) {
            assertEquals(Integer.toString(i), bytesSent.of("Device.IP.Interface." + i + ".Stats.", sent(i, 0)));
        }
        assertEquals("3", bytesSent.of("Device.IP.Interface.3.Stats.", sent(3, 0)));
    }
}

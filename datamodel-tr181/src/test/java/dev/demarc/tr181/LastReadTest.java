package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The last value read is handed out again only for the same stamp (by reference) and the same path. */
class LastReadTest {

    private final List<String> reads = new ArrayList<>();
    private final BiFunction<Object, String, String> read = (stamp, from) -> {
        reads.add(from);
        return "value of " + from + " #" + reads.size();
    };
    private final LastRead<Object, String, String> last = new LastRead<>();

    @Test
    void readsOnceWhileTheStampAndThePathAreTheSame() {
        Object snapshot = new Object();
        assertEquals("value of a #1", last.get(snapshot, "Device.IP.Interface.1.Stats.", "a", read));
        assertEquals("value of a #1", last.get(snapshot, new String("Device.IP.Interface.1.Stats."), "a", read),
                "a path equal to the last");
        assertEquals(List.of("a"), reads);
    }

    @Test
    void readsAgainForANewStampOrAnotherPath() {
        Object snapshot = new Object();
        last.get(snapshot, "Device.IP.Interface.1.Stats.", "a", read);
        assertEquals("value of b #2", last.get(snapshot, "Device.IP.Interface.2.Stats.", "b", read));
        assertEquals("value of a #3", last.get(snapshot, "Device.IP.Interface.1.Stats.", "a", read),
                "only the last read is kept");
        Object next = new Object();
        assertEquals("value of a #4", last.get(next, "Device.IP.Interface.1.Stats.", "a", read));
        String stamp = "stamp";
        last.get(stamp, "Device.IP.Interface.1.Stats.", "a", read);
        assertEquals("value of a #6", last.get(new String(stamp), "Device.IP.Interface.1.Stats.", "a", read),
                "a stamp is the same by reference, not by equality");
    }
}

package dev.demarc.hal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.hal.exec.LineMonitor;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LineMonitorTest {

    @Test
    void lines_are_handed_on_and_a_command_that_ends_is_started_again() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CountDownLatch restarted = new CountDownLatch(1);
        try (LineMonitor m = LineMonitor.start(List.of("sh", "-c", "echo one; echo two"), lines::add, restarted::countDown)) {
            assertTrue("one".equals(lines.poll(10, TimeUnit.SECONDS)));
            assertTrue("two".equals(lines.poll(10, TimeUnit.SECONDS)));
            assertTrue(restarted.await(10, TimeUnit.SECONDS), "started again after it ended");
            assertTrue("one".equals(lines.poll(10, TimeUnit.SECONDS)));
        }
    }
}

package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport's own {@code orTimeout}: a step of the MQTT session that the broker never answers. */
class MqttTransportWithinTest {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    MqttTransportWithinTest() {
        timer.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aStepNeverAnsweredFailsWithATimeout() {
        CompletableFuture<String> step = new CompletableFuture<>();
        assertSame(step, MqttTransport.within(timer, step, 1));
        ExecutionException e = assertThrows(ExecutionException.class, () -> step.get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals("no answer within 1 s", e.getCause().getMessage());
    }

    @Test
    void aStepAnsweredInTimeKeepsItsAnswerAndCancelsItsTimer() throws Exception {
        CompletableFuture<String> step = new CompletableFuture<>();
        MqttTransport.within(timer, step, 3600);
        assertEquals(1, timer.getQueue().size());
        step.complete("SUBACK");
        assertEquals("SUBACK", step.get());
        assertTrue(timer.getQueue().isEmpty(), "the timer is cancelled and removed");
    }

    @Test
    void aClosedTimerLeavesTheStepUntimed() {
        timer.shutdown();
        CompletableFuture<String> step = new CompletableFuture<>();
        assertSame(step, MqttTransport.within(timer, step, 1));
        step.complete("CONNACK");
        assertEquals("CONNACK", step.join());
    }
}

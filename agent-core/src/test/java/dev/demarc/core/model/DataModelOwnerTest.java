package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.store.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Timed work on the owner thread: one thread for everything that touches the model. */
class DataModelOwnerTest {

    private static DataModelOwner start() {
        return DataModelOwner.start(() -> TestModel.open(Bindings.none(), new InMemoryStore(), true, List.of(),
                new TestModel.FakeClock())).join();
    }

    @Test
    void scheduled_work_runs_on_the_owner_thread_with_the_model() throws Exception {
        try (DataModelOwner owner = start()) {
            String ownerThread = owner.call(m -> Thread.currentThread().getName()).join();
            CompletableFuture<String> ran = new CompletableFuture<>();
            owner.schedule(Duration.ofMillis(1), m -> ran.complete(Thread.currentThread().getName()
                    + (m.schema() == TestModel.SCHEMA ? "" : " (another model)")));
            assertEquals(ownerThread, ran.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancelled_work_and_work_not_due_at_close_never_run() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        DataModelOwner owner = start();
        ScheduledFuture<?> cancelled = owner.schedule(Duration.ofMillis(50), m -> ran.countDown());
        cancelled.cancel(false);
        owner.schedule(Duration.ofHours(1), m -> ran.countDown());
        owner.close();
        assertTrue(cancelled.isCancelled());
        assertEquals(1, ran.getCount(), "the owner thread has stopped; nothing more can run");
    }

    @Test
    void a_failing_timed_job_does_not_stop_the_owner() throws Exception {
        try (DataModelOwner owner = start()) {
            owner.schedule(Duration.ZERO, m -> {
                throw new IllegalStateException("boom");
            });
            CompletableFuture<Boolean> after = new CompletableFuture<>();
            owner.schedule(Duration.ofMillis(1), m -> after.complete(true));
            assertTrue(after.get(10, TimeUnit.SECONDS));
        }
    }
}

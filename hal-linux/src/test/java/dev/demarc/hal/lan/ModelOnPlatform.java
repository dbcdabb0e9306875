package dev.demarc.hal.lan;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The TR-181 model on the real engine over a platform, as the running agent has it: the test's
 * thread is the owner thread, and what the platform pushes (from its own threads) waits in a
 * queue until {@link #drain} hands it to the model, as the agent's owner thread would.
 */
final class ModelOnPlatform {

    final DataModel model;
    final LinkedBlockingQueue<String> pushed = new LinkedBlockingQueue<>();
    final List<ModelEvent> events = new ArrayList<>();

    ModelOnPlatform(Platform platform) {
        Schema schema = Tr181Model.schema(platform);
        LocalAgentInfo agent = new LocalAgentInfo("os::000000-test", "0.1.0", () -> 0L, List.of());
        model = DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent, new MtpStatusRegistry(), pushed::add),
                new InMemoryStore(), true, List.of(), "test").value();
        model.addListener(events::addAll);
    }

    /** Hands the pushed changes to the model; answers how many. */
    int drain() {
        List<String> paths = new ArrayList<>();
        pushed.drainTo(paths);
        paths.forEach(model::platformChanged);
        return paths.size();
    }

    /** Waits (up to 20 s) until a push arrives, hands it and any others to the model. */
    void awaitPush() throws InterruptedException {
        String first = pushed.poll(20, TimeUnit.SECONDS);
        if (first == null) {
            throw new AssertionError("the platform pushed nothing within 20 s");
        }
        model.platformChanged(first);
        drain();
    }

    String read(String path) {
        Result<String> r = model.read(path);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }

    /**
     * Runs {@code work} in a transaction and commits it: the commit's error, or none. What the
     * platform pushed meanwhile is handed to the model after it, as the owner thread would.
     */
    Optional<DmError> transaction(java.util.function.Function<Transaction, Optional<DmError>> work) {
        Transaction tx = model.begin();
        Optional<DmError> failed = work.apply(tx);
        if (failed.isPresent()) {
            tx.rollback();
            return failed;
        }
        Result<List<ModelEvent>> committed = tx.commit();
        drain();
        return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
    }

    Optional<DmError> set(String path, String value) {
        return transaction(tx -> tx.set(path, value));
    }

    Result<String> add(String table, Map<String, String> values) {
        Transaction tx = model.begin();
        Result<String> added = tx.add(table, values);
        if (!added.isOk()) {
            tx.rollback();
            return added;
        }
        Result<List<ModelEvent>> committed = tx.commit();
        drain();
        return committed.isOk() ? added : Result.err(committed.error());
    }

    /** Polls {@code condition} every 20 ms for up to 20 s. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}

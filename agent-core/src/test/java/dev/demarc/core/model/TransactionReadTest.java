package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.store.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A value written to a platform-provided parameter reads as written while its transaction is open. */
class TransactionReadTest {

    private final TestModel.FakeClock clock = new TestModel.FakeClock();
    /** What the platform holds; the hook writes it at commit. */
    private final AtomicReference<String> platformValue = new AtomicReference<>("old");

    private final DataModel model = TestModel.open(Bindings.builder(TestModel.SCHEMA)
            .parameter("Device.Info.ProvisioningCode", o -> Result.ok(platformValue.get()), Duration.ZERO)
            .hook("Device.Info.", new WriteHook() {
                @Override
                public Optional<DmError> apply(Change change) {
                    platformValue.set(((Change.ValueSet) change).newValue());
                    return Optional.empty();
                }

                @Override
                public void revert(Change change) {
                    platformValue.set(((Change.ValueSet) change).oldValue());
                }
            })
            .build(), new InMemoryStore(), true, List.of(), clock);

    @Test
    void a_written_value_reads_back_in_its_transaction_however_long_it_takes() {
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.set("Device.Info.", "ProvisioningCode", "new"));
        clock.advanceSeconds(5);
        assertEquals("new", model.read("Device.Info.ProvisioningCode").value(), "as a SetResp reports it");
        tx.rollback();
        assertEquals("old", model.read("Device.Info.ProvisioningCode").value());
    }

    @Test
    void a_value_cached_in_one_transaction_is_not_read_in_the_next() {
        Transaction first = model.begin();
        assertEquals("old", model.read("Device.Info.ProvisioningCode").value());
        first.rollback();
        platformValue.set("changed by the platform");
        Transaction second = model.begin();
        clock.advanceSeconds(1);
        assertEquals("changed by the platform", model.read("Device.Info.ProvisioningCode").value());
        second.rollback();
        assertTrue(model.read("Device.Info.ProvisioningCode").isOk());
    }
}

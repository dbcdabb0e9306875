package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.store.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A Get hands out the values an earlier Get read of an object again, the same instance, while
 * they are the same: what an encoder recognizes by reference. A provider's value read anew and
 * equal to the last one counts as the same; anything that changed (a write, a provider's new
 * value, a hidden value revealed) makes new ones.
 */
class GetReuseTest {

    private final TestModel.FakeClock clock = new TestModel.FakeClock();
    private final AtomicLong upTime = new AtomicLong(7);
    private final DataModel model = TestModel.open(Bindings.builder(TestModel.SCHEMA)
            .parameter("Device.Info.UpTime", o -> Result.ok(Long.toString(upTime.get())), Duration.ofSeconds(10))
            .build(), new InMemoryStore(), true, List.of(), clock);

    private ObjectValues object(String path, List<ObjectValues> got) {
        return got.stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
    }

    private ObjectValues get(String object) {
        return object(object, model.get(object, 1).value());
    }

    @Test
    void anUnchangedObjectIsTheSameValuesAgain() {
        Transaction tx = model.begin();
        String thing = tx.add("Device.Thing.", Map.of("Name", "one")).value();
        assertTrue(tx.commit().isOk());
        ObjectValues first = get(thing);
        assertSame(first, get(thing));
        assertSame(first, object(thing, model.get("Device.", 0).value()), "whatever the Get's path");

        tx = model.begin();
        tx.set(thing + "Port", "8080");
        assertTrue(tx.commit().isOk());
        ObjectValues written = get(thing);
        assertNotSame(first, written);
        assertEquals("8080", written.parameters().get("Port"));
        assertEquals("80", first.parameters().get("Port"), "what was handed out does not change");
        assertSame(written, get(thing));
    }

    @Test
    void aValueReadAnewThatDidNotChangeIsTheStringOfTheLastRead() {
        ObjectValues first = get("Device.Info.");
        assertSame(first, get("Device.Info."), "UpTime kept for its time to live");
        clock.advanceSeconds(11);
        ObjectValues reread = get("Device.Info.");
        assertSame(first, reread, "UpTime read again from the provider, a new string equal to the last");
        upTime.set(8);
        clock.advanceSeconds(11);
        ObjectValues changed = get("Device.Info.");
        assertNotSame(first, changed);
        assertEquals("8", changed.parameters().get("UpTime"));
        assertEquals("7", first.parameters().get("UpTime"), "what was handed out does not change");
        clock.advanceSeconds(11);
        assertSame(changed, get("Device.Info."));
    }

    @Test
    void aHiddenValueRevealedIsNotTheValuesOfOneHidden() {
        Transaction tx = model.begin();
        tx.set("Device.Info.Secret", "s3cret");
        assertTrue(tx.commit().isOk());
        ObjectValues hidden = get("Device.Info.");
        assertEquals("", hidden.parameters().get("Secret"));
        ObjectValues revealed = object("Device.Info.", model.get("Device.Info.", 1, path -> true).value());
        assertEquals("s3cret", revealed.parameters().get("Secret"));
        assertNotSame(hidden, revealed);
        assertEquals("", get("Device.Info.").parameters().get("Secret"));
    }

    @Test
    void aProviderThatReadsTheDataModelDuringAGetLeavesTheObjectBeingReadWhole() {
        AtomicReference<DataModel> self = new AtomicReference<>();
        DataModel reading = TestModel.open(Bindings.builder(TestModel.SCHEMA)
                .parameter("Device.Info.UpTime", o -> {
                    // reads a whole object (three values) in the middle of reading Info's
                    ObjectValues device = self.get().get("Device.", 1).value().get(0);
                    return Result.ok("up " + device.parameters().get("ThingNumberOfEntries"));
                }, Duration.ZERO)
                .build(), new InMemoryStore(), true, List.of(), clock);
        self.set(reading);
        Transaction tx = reading.begin();
        tx.set("Device.Info.ProvisioningCode", "pc-1");
        tx.set("Device.Info.Secret", "s3cret");
        assertTrue(tx.commit().isOk());

        for (int i = 0; i < 3; i++) {
            ObjectValues info = object("Device.Info.", reading.get("Device.Info.", 1).value());
            assertEquals(Map.of("ProvisioningCode", "pc-1", "UpTime", "up 0", "Secret", ""), Map.copyOf(info.parameters()));
            assertEquals(List.of("ProvisioningCode", "UpTime", "Secret"), List.copyOf(info.parameters().keySet()));
        }
    }

    @Test
    void anObjectWithAValueLeftOutIsTheSameValuesAgain() {
        AtomicLong reads = new AtomicLong();
        DataModel failing = TestModel.open(Bindings.builder(TestModel.SCHEMA)
                .parameter("Device.Info.UpTime", o -> {
                    reads.incrementAndGet();
                    return Result.err(dev.demarc.core.DmError.at(o.path() + "UpTime",
                            dev.demarc.core.ErrorCode.INTERNAL_ERROR, "not readable"));
                }, Duration.ZERO)
                .build(), new InMemoryStore(), true, List.of(), clock);
        ObjectValues first = object("Device.Info.", failing.get("Device.Info.", 1).value());
        assertEquals(List.of("ProvisioningCode", "Secret"), List.copyOf(first.parameters().keySet()));
        assertSame(first, object("Device.Info.", failing.get("Device.Info.", 1).value()));
        assertEquals(2, reads.get(), "the provider is asked at each Get");
    }
}

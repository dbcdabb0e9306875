package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.store.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How often a read goes to the platform: a table re-read at every sync (time to live zero) is
 * read once per Get however many references point into it, and rows the provider gives again as
 * the same list are taken as unchanged without being compared.
 */
class PlatformReadTest {

    private static final Schema SCHEMA = Schema.of(ObjectDef.single("Device")
            .object(ObjectDef.single("WiFi")
                    .tableWithCount(ObjectDef.table("SSID").uniqueKey("Name")
                            .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(16))))
                    .tableWithCount(ObjectDef.table("AccessPoint").creatable().uniqueKey("SSIDReference")
                            .param(ParameterDef.readOnly("SSIDReference", ValueType.string().maxLength(256)))))
            .buildRoot());

    private final TestModel.FakeClock clock = new TestModel.FakeClock();
    private final AtomicInteger ssidReads = new AtomicInteger();
    private final AtomicInteger apReads = new AtomicInteger();
    /** The platform's snapshot of the SSIDs: replaced (a new list) when the platform reads again. */
    private List<TableProvider.Row> ssids = rows("wlan0", "wlan1");
    private final List<String> accessPoints = new ArrayList<>(List.of("wlan0", "wlan1", "wlan0", "wlan1"));

    private static List<TableProvider.Row> rows(String... names) {
        return java.util.Arrays.stream(names).map(n -> new TableProvider.Row(n, Map.of("Name", n))).toList();
    }

    private final DataModel model = DataModel.open(SCHEMA, Bindings.builder(SCHEMA)
                    .table("Device.WiFi.SSID.{i}.", parent -> {
                        ssidReads.incrementAndGet();
                        return Result.ok(ssids);
                    }, Duration.ZERO)
                    .table("Device.WiFi.AccessPoint.{i}.", parent -> {
                        apReads.incrementAndGet();
                        List<TableProvider.Row> rows = new ArrayList<>();
                        for (int i = 0; i < accessPoints.size(); i++) {
                            rows.add(new TableProvider.Row("ap" + i, Map.of(), Map.of("SSIDReference",
                                    List.of(KeyReference.of("Device.WiFi.SSID.{i}.", accessPoints.get(i))))));
                        }
                        return Result.ok(rows);
                    }, Duration.ZERO)
                    .hook("Device.WiFi.AccessPoint.{i}.", new WriteHook() {
                        @Override
                        public Optional<DmError> apply(Change change) {
                            return Optional.empty();
                        }

                        @Override
                        public void revert(Change change) {
                        }
                    })
                    .build(),
            new InMemoryStore(), true, List.of(), "test", DataModel.Limits.DEFAULT, clock::nanos).value();

    @Test
    void a_zero_ttl_table_is_read_once_per_get_however_often_it_is_referenced() {
        model.get("Device.", 0);
        ssidReads.set(0);
        apReads.set(0);

        List<ObjectValues> got = model.get("Device.", 0).value();

        // Four access points reference the SSIDs, the count reads the table too: still one read each.
        assertEquals(1, ssidReads.get());
        assertEquals(1, apReads.get());
        assertEquals("Device.WiFi.SSID.2", got.stream().filter(o -> o.path().equals("Device.WiFi.AccessPoint.4."))
                .findFirst().orElseThrow().parameters().get("SSIDReference"));
        // Outside a Get, a table with no time to live is read at every read, as before.
        model.read("Device.WiFi.SSIDNumberOfEntries");
        model.read("Device.WiFi.SSIDNumberOfEntries");
        assertEquals(3, ssidReads.get());
    }

    @Test
    void the_same_rows_again_are_not_compared_and_new_rows_are() {
        model.get("Device.", 0);
        List<ModelEvent> heard = new ArrayList<>();
        model.addListener(heard::addAll);

        model.get("Device.WiFi.SSID.", 0);
        assertTrue(heard.isEmpty());

        ssids = rows("wlan1");
        model.get("Device.WiFi.SSID.", 0);
        assertEquals(List.of(new ModelEvent.ObjectDeleted("Device.WiFi.SSID.1.")), heard);
    }

    @Test
    void an_instance_the_engine_deleted_is_compared_again_even_with_the_same_rows() {
        model.get("Device.", 0);
        Transaction tx = model.begin();
        assertTrue(tx.delete("Device.WiFi.AccessPoint.1.").isEmpty());
        assertTrue(tx.commit().isOk());

        // The platform still lists the row: it comes back (as before the rows were kept), with a new number.
        List<ObjectValues> got = model.get("Device.WiFi.AccessPoint.", 0).value();
        assertEquals(4, got.size());
        assertEquals("Device.WiFi.AccessPoint.5.", got.get(3).path());
    }

    @Test
    void an_object_reached_twice_through_references_is_answered_once() {
        List<ObjectValues> got = model.get("Device.WiFi.AccessPoint.*.SSIDReference+.", 0).value();
        assertEquals(List.of("Device.WiFi.SSID.1.", "Device.WiFi.SSID.2."), got.stream().map(ObjectValues::path).toList());
        assertEquals("wlan0", got.get(0).parameters().get("Name"));
    }
}

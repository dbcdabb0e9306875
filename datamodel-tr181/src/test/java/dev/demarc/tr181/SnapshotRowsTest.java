package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.TableProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotRowsTest {

    private List<String> snapshot = List.of("eth0", "eth1");
    private final AtomicInteger built = new AtomicInteger();

    private List<TableProvider.Row> rows(List<String> names) {
        built.incrementAndGet();
        return names.stream().map(n -> new TableProvider.Row(n, Map.of("Name", n))).toList();
    }

    @Test
    void the_same_snapshot_gives_the_same_rows_without_building_them_again() {
        SnapshotRows<List<String>> provider = SnapshotRows.of(() -> snapshot, this::rows);
        InstanceRef device = new InstanceRef("Device.", List.of());
        List<TableProvider.Row> first = provider.rows(device).value();
        assertSame(first, provider.rows(device).value());
        assertEquals(1, built.get());

        snapshot = List.of("eth0");
        List<TableProvider.Row> second = provider.rows(device).value();
        assertNotSame(first, second);
        assertEquals(List.of("eth0"), second.stream().map(TableProvider.Row::key).toList());
        assertEquals(2, built.get());
    }

    @Test
    void a_table_inside_instances_keeps_rows_per_parent() {
        SnapshotRows<List<String>> provider = SnapshotRows.perParent(() -> snapshot,
                (s, parent) -> rows(s.stream().map(n -> parent.rowKey() + "/" + n).toList()));
        InstanceRef ap1 = new InstanceRef("Device.WiFi.AccessPoint.1.", List.of("wl0"));
        InstanceRef ap2 = new InstanceRef("Device.WiFi.AccessPoint.2.", List.of("wl1"));
        assertEquals("wl0/eth0", provider.rows(ap1).value().get(0).key());
        assertEquals("wl1/eth0", provider.rows(ap2).value().get(0).key());
        provider.rows(ap1);
        provider.rows(ap2);
        assertEquals(2, built.get());
    }
}

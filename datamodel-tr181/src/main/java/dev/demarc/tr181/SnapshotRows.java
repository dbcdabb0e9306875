package dev.demarc.tr181;

import dev.demarc.core.Result;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.TableProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A table provider whose rows are built once per platform snapshot. While the platform gives
 * the same snapshot object (its snapshots are immutable and replaced when it reads the device
 * again), the same row list is given again, which the engine takes as "nothing changed" without
 * comparing a value; a Get that reads a table and follows a hundred references to its rows
 * builds them once. Rows that depend on the clock as well as on the snapshot (a lease's
 * {@code Active}) must not be built this way. Used on the data model's owner thread only.
 *
 * @param <S> the snapshot the rows are built from
 */
final class SnapshotRows<S> implements TableProvider {

    /** Tables inside platform instances keep rows per parent; past this many parents the kept rows are dropped. */
    static final int MAX_PARENTS = 1024;

    private final Supplier<S> snapshot;
    private final BiFunction<S, InstanceRef, List<Row>> rows;
    private final Map<String, Kept<S>> byParent = new HashMap<>();

    private record Kept<S>(S snapshot, Result<List<Row>> rows) {
    }

    private SnapshotRows(Supplier<S> snapshot, BiFunction<S, InstanceRef, List<Row>> rows) {
        this.snapshot = snapshot;
        this.rows = rows;
    }

    /** Rows of a table outside any platform instance ({@code Device.WiFi.SSID.}). */
    static <S> SnapshotRows<S> of(Supplier<S> snapshot, Function<S, List<Row>> rows) {
        return new SnapshotRows<>(snapshot, (s, parent) -> rows.apply(s));
    }

    /** Rows of a table inside a platform instance ({@code ...AccessPoint.{i}.AssociatedDevice.}), per parent. */
    static <S> SnapshotRows<S> perParent(Supplier<S> snapshot, BiFunction<S, InstanceRef, List<Row>> rows) {
        return new SnapshotRows<>(snapshot, rows);
    }

    @Override
    public Result<List<Row>> rows(InstanceRef parent) {
        S now = snapshot.get();
        Kept<S> kept = byParent.get(parent.path());
        if (kept != null && kept.snapshot() == now) {
            return kept.rows();
        }
        Result<List<Row>> built = Result.ok(List.copyOf(rows.apply(now, parent)));
        if (byParent.size() >= MAX_PARENTS) {
            byParent.clear();
        }
        byParent.put(parent.path(), new Kept<>(now, built));
        return built;
    }
}

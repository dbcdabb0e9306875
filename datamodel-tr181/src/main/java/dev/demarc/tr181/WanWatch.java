package dev.demarc.tr181;

import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Pushes a WAN table to the data model when its part of the {@link WanState} changed, and only
 * then: each TR-181 object of the WAN side watches the part it maps. Called on the platform's
 * threads.
 */
final class WanWatch {

    private WanWatch() {
    }

    /**
     * Watches {@code part} of the platform's snapshots; when it differs from what was last seen,
     * reports each of {@code paths} to {@code changes}.
     */
    static void watch(WanPlatform wan, Function<WanState, ?> part, PlatformChanges changes, List<String> paths) {
        Objects.requireNonNull(changes, "changes");
        List<String> pushed = List.copyOf(paths);
        AtomicReference<Object> last = new AtomicReference<>(part.apply(wan.state()));
        wan.watch(() -> {
            Object now = part.apply(wan.state());
            Object before = last.getAndSet(now);
            if (!Objects.equals(before, now)) {
                pushed.forEach(changes::changed);
            }
        });
    }
}

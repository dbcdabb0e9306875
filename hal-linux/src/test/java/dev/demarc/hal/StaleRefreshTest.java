package dev.demarc.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.RefreshingSnapshot;
import dev.demarc.hal.exec.StaleRefreshGate;
import dev.demarc.hal.linux.wifi.RefreshingWiFi;
import dev.demarc.hal.net.RefreshedNetwork;
import dev.demarc.tr181.platform.NetworkCapabilities;
import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiSetting;
import dev.demarc.tr181.platform.WiFiState;
import dev.demarc.tr181.platform.WiFiUndo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A snapshot found too old by a read is read again once, however many reads come while that
 * refresh waits and runs: a Get of {@code Device.} reads a snapshot hundreds of times, and each
 * read of a device costs processes ({@code ip}, {@code iw}). The clocks are the tests' own; the
 * slow device read is a reader held on a latch.
 */
class StaleRefreshTest {

    private static final long SECOND = 1_000_000_000L;

    /** One thread, so that a task submitted after the refreshes runs after them. */
    private final ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void the_gate_lets_one_stale_read_ask_per_maximum_age() {
        StaleRefreshGate gate = new StaleRefreshGate(Duration.ofSeconds(5), 0);
        assertFalse(gate.shouldAsk(0, 5 * SECOND), "not older than the maximum age");
        assertTrue(gate.shouldAsk(0, 6 * SECOND), "older: the first read asks");
        assertFalse(gate.shouldAsk(0, 6 * SECOND + 1), "a refresh is asked for already");
        assertFalse(gate.shouldAsk(0, 11 * SECOND), "still within the maximum age of the ask");
        assertTrue(gate.shouldAsk(0, 11 * SECOND + 1), "the refresh never came: ask again");
        assertFalse(gate.shouldAsk(12 * SECOND, 13 * SECOND), "a fresh snapshot");
        assertTrue(gate.shouldAsk(12 * SECOND, 17 * SECOND + 2), "old again");
    }

    @Test
    void reads_of_an_old_snapshot_while_its_refresh_runs_cause_one_refresh() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RefreshingSnapshot<Integer> snapshot = new RefreshingSnapshot<>("test", 0, previous -> {
            if (reads.incrementAndGet() > 1) {
                reading.countDown();
                await(release);
            }
            return previous + 1;
        }, pool, Duration.ofSeconds(5), now::get);
        snapshot.start(Duration.ofHours(1));
        assertEquals(1, reads.get(), "read at start");

        now.set(6 * SECOND);
        snapshot.current();
        assertTrue(reading.await(20, TimeUnit.SECONDS), "the old snapshot is read again");
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(1000);
            snapshot.current();
        }
        release.countDown();
        pool.submit(() -> { }).get(20, TimeUnit.SECONDS);
        assertEquals(2, reads.get(), "one refresh for the reads of the old snapshot");
        assertEquals(2, snapshot.current());
        snapshot.close();
    }

    @Test
    void reads_of_old_network_counters_while_their_refresh_runs_cause_one_refresh() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RefreshedNetwork network = new RefreshedNetwork(pool, Duration.ofSeconds(5), now::get) {
            @Override
            protected Result<NetworkSnapshot> read() {
                if (reads.incrementAndGet() > 1) {
                    reading.countDown();
                    await(release);
                }
                return Result.ok(NetworkSnapshot.EMPTY);
            }

            @Override
            public NetworkCapabilities capabilities() {
                return NetworkCapabilities.NONE;
            }

            @Override
            public Optional<DmError> setLinkEnabled(String link, boolean enable) {
                return Optional.empty();
            }

            @Override
            public Optional<DmError> setIpInterfaceEnabled(String ipInterface, boolean enable) {
                return Optional.empty();
            }

            @Override
            public Optional<DmError> restartIpInterface(String ipInterface) {
                return Optional.empty();
            }
        };
        network.refreshNow();
        assertEquals(1, reads.get());

        now.set(6 * SECOND);
        network.snapshot();
        assertTrue(reading.await(20, TimeUnit.SECONDS), "the old counters are read again");
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(1000);
            network.snapshot();
        }
        release.countDown();
        // After any refresh asked meanwhile would have waited its EVENT_DELAY and run.
        pool.schedule(() -> { }, RefreshedNetwork.EVENT_DELAY.toMillis() * 3, TimeUnit.MILLISECONDS)
                .get(20, TimeUnit.SECONDS);
        assertEquals(2, reads.get(), "one refresh for the reads of the old counters");
        network.close();
    }

    @Test
    void reads_of_an_old_wifi_state_while_its_refresh_runs_cause_one_refresh() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RefreshingWiFi wifi = new RefreshingWiFi("test", pool,
                new RefreshingWiFi.Timing(Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO), now::get) {
            @Override
            protected WiFiState read() {
                if (reads.incrementAndGet() > 1) {
                    reading.countDown();
                    await(release);
                }
                return WiFiState.EMPTY;
            }

            @Override
            public Set<WiFiSetting.Kind> writable() {
                return Set.of();
            }

            @Override
            public Result<WiFiUndo> apply(WiFiSetting setting) {
                return Result.err(ErrorCode.PARAMETER_ACTION_FAILED, "read-only");
            }

            @Override
            protected Result<List<WiFiNeighbor>> scan(WiFiState state) {
                return Result.ok(List.of());
            }
        };
        wifi.start();
        assertEquals(1, reads.get(), "read at start");

        now.set(6 * SECOND);
        wifi.state();
        assertTrue(reading.await(20, TimeUnit.SECONDS), "the old state is read again");
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(1000);
            wifi.state();
        }
        release.countDown();
        pool.submit(() -> { }).get(20, TimeUnit.SECONDS);
        assertEquals(2, reads.get(), "one refresh for the reads of the old state");
        wifi.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

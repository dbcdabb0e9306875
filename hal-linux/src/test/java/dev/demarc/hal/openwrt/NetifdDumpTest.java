package dev.demarc.hal.openwrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One run of netifd's dump for the network and WAN parts: again after an event, a write or its age. */
class NetifdDumpTest {

    private final List<List<String>> runs = new ArrayList<>();
    private boolean failing;
    private long nanos = 1_000;
    private final NetifdDump netifd = new NetifdDump(argv -> {
        runs.add(argv);
        return failing ? Result.err(ErrorCode.INTERNAL_ERROR, "ubus: not found") : Result.ok("{\"interface\": [" + runs.size() + "]}");
    }, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), () -> nanos);

    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    @Test
    void one_run_serves_both_parts_until_netifd_changes_something() {
        NetifdDump.Output network = netifd.read(MAX_AGE).value();
        NetifdDump.Output wan = netifd.read(MAX_AGE).value();
        assertSame(network, wan);
        assertEquals(List.of(NetifdDump.COMMAND), runs);
        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), wan.readAt());

        netifd.changed();
        NetifdDump.Output after = netifd.read(MAX_AGE).value();
        assertEquals("{\"interface\": [2]}", after.json());
        assertSame(after, netifd.read(MAX_AGE).value());
        assertEquals(2, runs.size());
    }

    @Test
    void an_output_older_than_asked_is_read_again_and_zero_always_runs() {
        netifd.read(MAX_AGE);
        nanos += TimeUnit.SECONDS.toNanos(10);
        netifd.read(MAX_AGE);
        assertEquals(1, runs.size(), "10 s old is young enough");
        netifd.read(Duration.ofSeconds(5));
        assertEquals(2, runs.size(), "too old for a part that accepts 5 s");
        netifd.read(Duration.ZERO);
        netifd.read(Duration.ZERO);
        assertEquals(4, runs.size());
    }

    @Test
    void a_failed_run_is_not_kept() {
        failing = true;
        assertFalse(netifd.read(MAX_AGE).isOk());
        failing = false;
        assertTrue(netifd.read(MAX_AGE).isOk());
        assertEquals(2, runs.size());
    }
}

package dev.demarc.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");
    private static final CheckResult PASS = CheckResult.pass("wan.carrier", "WAN link carrier", "eth1: carrier up");
    private static final CheckResult WARN = CheckResult.warn("gateway.ping", "Default gateway", "3 sent, 2 answered",
            "some lost", "watch it", Side.PROVIDER);
    private static final CheckResult FAIL = CheckResult.fail("clock", "Clock", "1970-01-01 00:00:00 UTC",
            "the clock is wrong", "NTP", Side.GATEWAY);
    private static final CheckResult LATER = CheckResult.fail("endpoint", "MQTT broker a:1883", "refused",
            "nothing listens", "ask", Side.PROVIDER);
    private static final CheckResult SKIP = CheckResult.skip("agent.controllers", "Agent's controllers", "no agent");

    @Test
    void the_first_failure_names_its_side_and_the_exit_code_is_1() {
        DoctorReport r = new DoctorReport("simulated:x", AT, "defaults x", List.of(PASS, WARN, FAIL, LATER, SKIP));
        assertEquals(1, r.exitCode());
        assertEquals(FAIL, r.firstFailure().orElseThrow());
        assertEquals("The first failure, Clock, lies " + Side.GATEWAY.where() + ".", r.verdict());
        assertEquals("1 passed, 1 warning, 2 failed, 1 skipped", r.counts());
    }

    @Test
    void without_failure_the_exit_code_is_0_and_the_customers_side_is_named() {
        DoctorReport r = new DoctorReport("linux", AT, "none", List.of(PASS, WARN, SKIP));
        assertEquals(0, r.exitCode());
        assertTrue(r.verdict().contains(Side.CUSTOMER.where()), r.verdict());
    }

    @Test
    void json_reads_back_with_each_step_and_the_summary() {
        DoctorReport r = new DoctorReport("linux", AT, "the factory defaults f", List.of(PASS, FAIL, SKIP));
        JsonValue.Obj o = JsonReader.parseObject("doctor", r.toJson()).value();
        assertEquals("linux", o.string("platform").orElseThrow());
        assertEquals("2026-11-21T12:00:00Z", o.string("time").orElseThrow());
        List<JsonValue.Obj> checks = o.array("checks").objects();
        assertEquals(List.of("pass", "fail", "skip"), checks.stream().map(c -> c.string("status").orElseThrow()).toList());
        assertEquals("gateway", checks.get(1).string("side").orElseThrow());
        assertEquals(JsonValue.NULL, checks.get(0).get("side").orElseThrow());
        assertEquals("the clock is wrong", checks.get(1).string("meaning").orElseThrow());
        JsonValue.Obj summary = o.object("summary").orElseThrow();
        assertEquals(1, summary.number("failed").getAsLong());
        assertEquals("clock", summary.object("firstFailure").orElseThrow().string("step").orElseThrow());
        assertEquals("gateway", summary.object("firstFailure").orElseThrow().string("side").orElseThrow());
    }

    @Test
    void text_has_one_line_per_step_and_the_failures_explained() {
        DoctorReport r = new DoctorReport("linux", AT, "the running agent", List.of(PASS, FAIL));
        StringWriter out = new StringWriter();
        r.printText(new PrintWriter(out));
        String text = out.toString();
        assertTrue(text.startsWith("demarc doctor: platform linux, 2026-11-21 12:00:00 UTC\n"
                + "configured servers: the running agent\n\n"), text);
        assertTrue(text.contains("PASS  WAN link carrier  eth1: carrier up\n"), text);
        assertTrue(text.contains("FAIL  Clock             1970-01-01 00:00:00 UTC\n"
                + "        means: the clock is wrong\n        next:  NTP\n        side:  the gateway\n"), text);
        assertTrue(text.endsWith("Summary: 1 passed, 0 warnings, 1 failed, 0 skipped.\n" + r.verdict() + "\n"), text);
    }

    @Test
    void a_failure_must_say_what_it_means_where_to_look_and_its_side() {
        assertThrows(IllegalArgumentException.class,
                () -> new CheckResult("x", "X", CheckStatus.FAIL, "m", "", "next", java.util.Optional.of(Side.GATEWAY)));
        assertThrows(IllegalArgumentException.class,
                () -> new CheckResult("x", "X", CheckStatus.WARN, "m", "means", "next", java.util.Optional.empty()));
    }
}

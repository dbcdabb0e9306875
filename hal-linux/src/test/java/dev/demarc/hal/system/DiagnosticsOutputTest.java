package dev.demarc.hal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.demarc.hal.diagnostics.PingOutput;
import dev.demarc.hal.diagnostics.ToolRunner;
import dev.demarc.hal.diagnostics.TraceRouteOutput;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.PingResult;
import dev.demarc.tr181.platform.RouteHop;
import dev.demarc.tr181.platform.TraceRouteResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What ping and traceroute print, from iputils, the Linux traceroute and busybox, read back. */
class DiagnosticsOutputTest {

    @Test
    void busybox_ping_with_a_loss_and_a_duplicate() {
        PingResult r = PingOutput.parse(4, new ToolRunner.Completed(1,
                Fixtures.recorded("openwrt-router", "ping_busybox.txt"), ""), "192.168.1.2");
        assertEquals(new PingResult(DiagnosticsStatus.COMPLETE, "192.168.1.2", 3, 1, 887, 611, 1204), r,
                "seq 1 lost; the duplicate of seq 2 not counted");
    }

    @Test
    void iputils_ping_with_an_unreachable_reply() {
        PingResult r = PingOutput.parse(5, new ToolRunner.Completed(1,
                Fixtures.recorded("debian-box", "ping_iputils.txt"), ""), "192.0.2.10");
        assertEquals(new PingResult(DiagnosticsStatus.COMPLETE, "192.0.2.10", 3, 2, 2137, 1930, 2410), r);
    }

    @Test
    void a_ping_without_a_route() {
        PingResult r = PingOutput.parse(3, new ToolRunner.Completed(2, "",
                Fixtures.recorded("debian-box", "ping_iputils_unreachable.txt")), "");
        assertEquals(PingResult.failed(DiagnosticsStatus.NO_ROUTE_TO_HOST, ""), r);
        assertEquals(PingResult.failed(DiagnosticsStatus.OTHER, ""),
                PingOutput.parse(3, new ToolRunner.Completed(2, "", "ping: bad option"), ""));
        assertEquals(new PingResult(DiagnosticsStatus.COMPLETE, "", 0, 3, 0, 0, 0),
                PingOutput.parse(3, new ToolRunner.Completed(1, "PING x\n--- x ping statistics ---\n", ""), ""),
                "no reply at all is a complete test with three failures");
    }

    @Test
    void busybox_traceroute_reaching_its_host() {
        TraceRouteResult r = TraceRouteOutput.parse(new ToolRunner.Completed(0,
                Fixtures.recorded("openwrt-router", "traceroute_busybox.txt"), ""), "9.9.9.9", 3, 30, "192.168.1.2");
        assertEquals(new TraceRouteResult(DiagnosticsStatus.COMPLETE, "192.168.1.2", 13, List.of(
                new RouteHop("192.168.1.1", "", 0, List.of(1L, 1L, 1L)),
                new RouteHop("", "", 0, List.of(0L, 0L, 0L)),
                new RouteHop("100.64.12.1", "", 0, List.of(9L, 8L, 9L)),
                new RouteHop("9.9.9.9", "", 0, List.of(13L, 13L, 13L)))), r);
    }

    @Test
    void linux_traceroute_with_several_answering_addresses_lost_probes_and_an_annotation() {
        TraceRouteResult r = TraceRouteOutput.parse(new ToolRunner.Completed(0,
                Fixtures.recorded("debian-box", "traceroute_linux.txt"), ""), "198.51.100.7", 3, 30, "");
        assertEquals(List.of(
                new RouteHop("192.168.10.1", "", 0, List.of(1L, 1L, 1L)),
                new RouteHop("10.20.0.2", "", 0, List.of(4L, 4L, 5L)),
                new RouteHop("203.0.113.9", "", 0, List.of(0L, 12L, 0L)),
                new RouteHop("198.51.100.7", "", 1, List.of(15L, 14L, 1L))), r.hops());
        assertEquals(DiagnosticsStatus.COMPLETE, r.status());
        assertEquals(10, r.responseTimeMillis());
    }

    @Test
    void a_route_that_never_reaches_its_host() {
        TraceRouteResult r = TraceRouteOutput.parse(new ToolRunner.Completed(0,
                Fixtures.recorded("openwrt-router", "traceroute_busybox.txt"), ""), "203.0.113.50", 3, 4, "");
        assertEquals(DiagnosticsStatus.MAX_HOP_COUNT_EXCEEDED, r.status());
        assertEquals(0, r.responseTimeMillis());
        assertEquals(DiagnosticsStatus.NO_ROUTE_TO_HOST, TraceRouteOutput.parse(new ToolRunner.Completed(1, "",
                "connect: Network is unreachable"), "10.0.0.1", 3, 30, "").status());
    }
}

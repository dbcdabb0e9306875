package dev.demarc.cli.doctor;

import static dev.demarc.cli.doctor.WanFixtures.state;
import static dev.demarc.cli.doctor.WanFixtures.wan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.Platforms;
import dev.demarc.tr181.platform.Diagnostics;
import dev.demarc.tr181.platform.DiagnosticsCapabilities;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.PingRequest;
import dev.demarc.tr181.platform.PingResult;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.TraceRouteRequest;
import dev.demarc.tr181.platform.TraceRouteResult;
import dev.demarc.tr181.platform.TransferRequest;
import dev.demarc.tr181.platform.TransferResult;
import dev.demarc.tr181.platform.WanState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The default gateway step with answers given by the test, and with this machine's real ping of 127.0.0.1. */
class GatewayPingCheckTest {

    /** Diagnostics answering every ping with {@code result}, keeping the request. */
    static final class GivenPing implements Diagnostics {
        final AtomicReference<PingRequest> asked = new AtomicReference<>();
        private final Result<PingResult> result;
        private final boolean canPing;

        GivenPing(Result<PingResult> result, boolean canPing) {
            this.result = result;
            this.canPing = canPing;
        }

        GivenPing canNot() {
            return new GivenPing(result, false);
        }

        @Override
        public DiagnosticsCapabilities capabilities() {
            return new DiagnosticsCapabilities(canPing, false, false, false, false, false);
        }

        @Override
        public CompletionStage<Result<PingResult>> ping(PingRequest request) {
            asked.set(request);
            return CompletableFuture.completedFuture(result);
        }

        @Override
        public CompletionStage<Result<TraceRouteResult>> traceRoute(TraceRouteRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Result<TransferResult>> transfer(TransferRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    private static GivenPing answering(int ok, int lost) {
        return new GivenPing(Result.ok(new PingResult(DiagnosticsStatus.COMPLETE, "203.0.113.45", ok, lost,
                ok == 0 ? 0 : 1100, ok == 0 ? 0 : 900, ok == 0 ? 0 : 1300)), true);
    }

    @Test
    void every_reply_passes_with_loss_and_round_trip_times() {
        GivenPing ping = answering(3, 0);
        CheckResult r = GatewayPingCheck.check(WanFixtures.healthy(), ping, 3);
        assertEquals(CheckStatus.PASS, r.status(), r.toString());
        assertEquals("203.0.113.1: 3 sent, 3 answered, 0% loss, round trip min/avg/max 0.9/1.1/1.3 ms, from "
                + "203.0.113.45", r.measured());
        assertEquals("203.0.113.1", ping.asked.get().host());
        assertEquals(3, ping.asked.get().repetitions());
    }

    @Test
    void some_loss_warns_and_total_loss_fails_on_the_providers_side() {
        CheckResult some = GatewayPingCheck.check(WanFixtures.healthy(), answering(2, 1), 3);
        assertEquals(CheckStatus.WARN, some.status());
        assertTrue(some.measured().contains("33% loss"), some.measured());
        CheckResult all = GatewayPingCheck.check(WanFixtures.healthy(), answering(0, 3), 3);
        assertEquals(CheckStatus.FAIL, all.status());
        assertEquals(Optional.of(Side.PROVIDER), all.side());
        assertEquals("203.0.113.1: 3 sent, 0 answered, 100% loss, from 203.0.113.45", all.measured());
        CheckResult noResponse = GatewayPingCheck.check(WanFixtures.healthy(), new GivenPing(Result.ok(
                PingResult.failed(DiagnosticsStatus.NO_RESPONSE, "")), true), 3);
        assertEquals(CheckStatus.FAIL, noResponse.status());
    }

    @Test
    void no_gateway_fails_and_a_ppp_peer_stands_in_for_it() {
        WanState none = state(wan("eth1", "203.0.113.45", ""), List.of(), List.of(), List.of());
        CheckResult r = GatewayPingCheck.check(none, answering(3, 0), 3);
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals("wan: no default gateway", r.measured());
        WanState ppp = state(wan("pppoe-wan", "198.51.100.7", ""), List.of(),
                List.of(WanFixtures.ppp(true, dev.demarc.tr181.platform.PppInterfaceState.ConnectionStatus.CONNECTED,
                        "198.51.100.7")), List.of());
        GivenPing ping = answering(3, 0);
        assertEquals(CheckStatus.PASS, GatewayPingCheck.check(ppp, ping, 3).status());
        assertEquals("203.0.113.1", ping.asked.get().host());
    }

    @Test
    void a_platform_that_cannot_ping_skips_the_step() {
        assertEquals(CheckStatus.SKIP, GatewayPingCheck.check(WanFixtures.healthy(), answering(3, 0).canNot(), 3)
                .status());
        assertEquals(CheckStatus.SKIP, GatewayPingCheck.check(WanFixtures.healthy(), new GivenPing(
                Result.err(ErrorCode.COMMAND_FAILURE, "ping is not installed"), true), 3).status());
        assertEquals(CheckStatus.SKIP, GatewayPingCheck.check(WanState.EMPTY, answering(3, 0), 3).status());
    }

    @Test
    void this_machines_ping_of_the_loopback_passes() {
        try (Platform linux = Platforms.open("linux").value()) {
            Assumptions.assumeTrue(linux.system().diagnostics().capabilities().ipv4Ping(), "no ping installed");
            WanState loopback = state(wan("lo", "127.0.0.1", "127.0.0.1"), List.of(), List.of(), List.of());
            CheckResult r = GatewayPingCheck.check(loopback, linux.system().diagnostics(), 2);
            assertEquals(CheckStatus.PASS, r.status(), r.toString());
            assertTrue(r.measured().startsWith("127.0.0.1: 2 sent, 2 answered, 0% loss, round trip"), r.measured());
        }
    }
}

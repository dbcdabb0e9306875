package dev.demarc.cli.doctor;

import dev.demarc.core.Result;
import dev.demarc.tr181.platform.Diagnostics;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.IpVersion;
import dev.demarc.tr181.platform.PingRequest;
import dev.demarc.tr181.platform.PingResult;
import dev.demarc.tr181.platform.PppInterfaceState;
import dev.demarc.tr181.platform.WanInterface;
import dev.demarc.tr181.platform.WanState;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The step "default gateway reachable": pings the WAN's default gateway (a PPP session's peer
 * when the route has no gateway) with the platform's own IP diagnostics (what
 * {@code Device.IP.Diagnostics.IPPing()} runs), and reports loss and round-trip times.
 *
 * <p>Called on the thread that runs the doctor; waits for the ping, at most the time its
 * requests take plus a margin.
 */
public final class GatewayPingCheck {

    public static final String STEP = "gateway.ping";
    public static final String NAME = "Default gateway";
    /** How long to wait for each reply. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(2);
    /** Added to the ping's own time before giving up on the platform. */
    private static final Duration MARGIN = Duration.ofSeconds(20);

    private GatewayPingCheck() {
    }

    /** Pings the gateway {@code count} times. */
    public static CheckResult check(WanState wan, Diagnostics diagnostics, int count) {
        WanInterface w = wan.wan();
        if (!w.present()) {
            return CheckResult.skip(STEP, NAME, "no WAN interface (see above)");
        }
        String gateway = w.gateway();
        if (gateway.isEmpty()) {
            gateway = wan.pppInterface(w.key())
                    .filter(p -> p.connection() == PppInterfaceState.ConnectionStatus.CONNECTED)
                    .map(PppInterfaceState::remoteAddress).orElse("");
        }
        if (gateway.isEmpty()) {
            boolean dhcp = wan.dhcpClient(w.key()).map(c -> !c.ipAddress().isEmpty()).orElse(false);
            return CheckResult.fail(STEP, NAME, w.key() + ": no default gateway",
                    "the gateway has no route to the Internet: it does not know where to send what is not local",
                    dhcp ? "the DHCP lease gave no router (option 3): ask the provider; 'ip route' shows the routes"
                            : "configure the gateway the provider gave ('ip route'; OpenWrt: option gateway in"
                            + " /etc/config/network)",
                    dhcp ? Side.PROVIDER : Side.GATEWAY);
        }
        if (!diagnostics.capabilities().ipv4Ping()) {
            return CheckResult.skip(STEP, NAME, "this platform cannot ping (no ping tool): gateway " + gateway
                    + " not tested");
        }
        PingRequest request = new PingRequest(gateway, "", IpVersion.IPV4, count, REPLY_TIMEOUT, 56, 0);
        Result<PingResult> r;
        CompletableFuture<Result<PingResult>> f = diagnostics.ping(request).toCompletableFuture();
        try {
            r = f.get(REPLY_TIMEOUT.multipliedBy(count).plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return CheckResult.skip(STEP, NAME, "the platform's ping of " + gateway + " did not end in time");
        } catch (ExecutionException e) {
            return CheckResult.skip(STEP, NAME, "the platform's ping of " + gateway + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return CheckResult.skip(STEP, NAME, "interrupted");
        }
        if (!r.isOk()) {
            return CheckResult.skip(STEP, NAME, "the platform could not ping " + gateway + ": " + r.error().message());
        }
        return result(gateway, count, r.value());
    }

    /** The result of a ping of {@code gateway} that ran. */
    static CheckResult result(String gateway, int count, PingResult p) {
        String meaningLost = "the provider's first router does not answer: the link beyond the modem is down, or"
                + " that router does not answer pings (some do not: if the DNS and server steps below pass, this"
                + " does not matter)";
        String nextLost = "check the modem/ONT and the provider's service status; a trace route "
                + "(Device.IP.Diagnostics.TraceRoute()) shows how far packets go";
        if (p.status() != DiagnosticsStatus.COMPLETE) {
            if (p.status() == DiagnosticsStatus.NO_RESPONSE) {
                return CheckResult.fail(STEP, NAME, gateway + ": " + count + " sent, none answered", meaningLost,
                        nextLost, Side.PROVIDER);
            }
            if (p.status() == DiagnosticsStatus.NO_ROUTE_TO_HOST) {
                return CheckResult.fail(STEP, NAME, gateway + ": no route to it (" + p.status().value() + ")",
                        "the gateway's address is not on the WAN's network: the routes or the WAN's address are"
                                + " wrong",
                        "compare 'ip route' and 'ip addr' with what the provider gave", Side.GATEWAY);
            }
            return CheckResult.fail(STEP, NAME, gateway + ": the ping ended with " + p.status().value(),
                    "the ping could not be made", "see the system log; try 'ping " + gateway + "' by hand",
                    Side.GATEWAY);
        }
        int sent = p.successCount() + p.failureCount();
        long lossPercent = sent == 0 ? 100 : Math.round(100.0 * p.failureCount() / sent);
        String measured = gateway + ": " + sent + " sent, " + p.successCount() + " answered, " + lossPercent
                + "% loss" + (p.successCount() > 0 ? ", round trip min/avg/max " + ms(p.minimumMicros()) + "/"
                + ms(p.averageMicros()) + "/" + ms(p.maximumMicros()) + " ms" : "")
                + (p.addressUsed().isEmpty() ? "" : ", from " + p.addressUsed());
        if (p.successCount() == 0) {
            return CheckResult.fail(STEP, NAME, measured, meaningLost, nextLost, Side.PROVIDER);
        }
        if (p.failureCount() > 0) {
            return CheckResult.warn(STEP, NAME, measured,
                    "some packets to the provider's first router are lost: the line is unstable or overloaded",
                    "watch it again in a few minutes; check the modem's line statistics (errors, resyncs)",
                    Side.PROVIDER);
        }
        return CheckResult.pass(STEP, NAME, measured);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }
}

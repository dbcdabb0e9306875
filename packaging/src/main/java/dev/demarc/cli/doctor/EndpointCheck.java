package dev.demarc.cli.doctor;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The step "each configured broker, controller or ACS reachable": turns what
 * {@link EndpointProbe} measured of one server into a result, with the certificate's validity and
 * the days left before it expires. A certificate that expires within {@code warnDays} is a
 * warning.
 *
 * <p>Pure: any thread.
 */
public final class EndpointCheck {

    public static final String STEP = "endpoint";
    /** Doctor's default warning time before a certificate expires. */
    public static final int DEFAULT_WARN_DAYS = 30;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private EndpointCheck() {
    }

    /** The result for {@code endpoint}, from {@code outcome} measured at {@code now}. */
    public static CheckResult check(Endpoint endpoint, ProbeOutcome outcome, Instant now, int warnDays) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(now, "now");
        String name = endpoint.describe();
        String measured = measured(endpoint, outcome, now);
        String where = endpoint.path();
        String host = endpoint.host();
        return switch (outcome.failure()) {
            case NONE -> succeeded(endpoint, outcome, now, warnDays, name, measured);
            case UNRESOLVED -> CheckResult.fail(STEP, name, measured,
                    "the DNS says the name " + host + " does not exist, so the agent cannot reach the server",
                    "check the host name in " + where + " (a typing error?); if it is right, the operator's DNS"
                            + " lacks it",
                    Side.GATEWAY);
            case NO_RESOLVER_ANSWER -> CheckResult.fail(STEP, name, measured,
                    "the gateway's resolver does not answer, so the agent cannot find the server",
                    "see the DNS step; check /etc/resolv.conf (OpenWrt: dnsmasq and /tmp/resolv.conf.d)",
                    Side.PROVIDER);
            case REFUSED -> CheckResult.fail(STEP, name, measured,
                    "the server's host answers, but nothing listens on port " + endpoint.port()
                            + ": the " + endpoint.kind().words() + " is down, or the port is wrong",
                    "check the port in " + where + "; ask the operator whether the "
                            + endpoint.kind().words() + " runs",
                    Side.PROVIDER);
            case TIMEOUT -> CheckResult.fail(STEP, name, measured,
                    "no answer from the server: a firewall on the way drops the connection, or the server is down",
                    "check the gateway's firewall for outgoing TCP port " + endpoint.port() + "; trace the route to "
                            + host + " (Device.IP.Diagnostics.TraceRoute()); ask the operator",
                    Side.PROVIDER);
            case UNREACHABLE -> CheckResult.fail(STEP, name, measured,
                    "no route to the server: the network on the way does not reach it",
                    "see the default gateway step; check the routes ('ip route'); ask the provider",
                    Side.PROVIDER);
            case TLS_EXPIRED -> CheckResult.fail(STEP, name, measured,
                    "the server's certificate has expired, so the agent refuses the connection",
                    "the operator must renew the certificate of " + host + " (unless the gateway's clock is"
                            + " ahead: see the clock step)",
                    Side.PROVIDER);
            case TLS_NOT_YET_VALID -> CheckResult.fail(STEP, name, measured,
                    "the server's certificate is not valid yet at the gateway's time: the gateway's clock is"
                            + " most likely behind",
                    "see the clock step: NTP must set the clock (it needs the WAN and DNS)",
                    Side.GATEWAY);
            case TLS_UNTRUSTED -> CheckResult.fail(STEP, name, measured,
                    "the server's certificate does not chain to a CA the gateway trusts, so the agent refuses it",
                    "give the operator's CA with --tls-ca, as to 'demarc agent'; or the server sends an"
                            + " incomplete or wrong chain (ask the operator)",
                    Side.GATEWAY);
            case TLS_HOST_MISMATCH -> CheckResult.fail(STEP, name, measured,
                    "the server's certificate does not name " + host + ", so the agent refuses it",
                    "compare the host name in " + where + " with the certificate's names; else the server"
                            + " presents another server's certificate (ask the operator)",
                    Side.GATEWAY);
            case TLS_HANDSHAKE -> handshakeFailed(endpoint, outcome, name, measured);
        };
    }

    private static CheckResult succeeded(Endpoint endpoint, ProbeOutcome outcome, Instant now, int warnDays,
                                         String name, String measured) {
        if (!endpoint.tls() || outcome.certificate().isEmpty()) {
            return CheckResult.pass(STEP, name, measured);
        }
        CertificateInfo soonest = outcome.chain().stream()
                .min((a, b) -> a.notAfter().compareTo(b.notAfter())).orElseThrow();
        long days = soonest.daysLeft(now);
        if (days < warnDays) {
            String which = soonest == outcome.chain().get(0) ? "the server's certificate"
                    : "a certificate of the server's chain (" + soonest.subject() + ")";
            return CheckResult.warn(STEP, name, measured,
                    which + " expires in " + days + " day" + (days == 1 ? "" : "s") + " ("
                            + DAY.format(soonest.notAfter()) + "); after that the agent will refuse it",
                    "the operator must renew the certificate of " + endpoint.host() + " before then",
                    Side.PROVIDER);
        }
        return CheckResult.pass(STEP, name, measured);
    }

    private static CheckResult handshakeFailed(Endpoint endpoint, ProbeOutcome outcome, String name,
                                               String measured) {
        String d = outcome.detail().toLowerCase(Locale.ROOT);
        if (d.contains("bad_certificate") || d.contains("certificate_required") || d.contains("unknown_ca")
                || d.contains("certificate_unknown") || d.contains("asked for a client certificate")) {
            return CheckResult.fail(STEP, name, measured,
                    "the server refused the gateway's client certificate, or wanted one and got none",
                    "give the agent's certificate with --tls-cert and --tls-key, as to 'demarc agent'; check that"
                            + " the operator knows it",
                    Side.GATEWAY);
        }
        return CheckResult.fail(STEP, name, measured,
                "the TLS handshake failed: the server does not speak TLS on port " + endpoint.port()
                        + ", or it shares no protocol version or cipher with the gateway",
                "check that " + endpoint.path() + " names the TLS port; ask the operator what the server accepts",
                Side.PROVIDER);
    }

    /** {@code Device.MQTT.Client.1.: 203.0.113.7, TCP connect 23 ms, TLSv1.3 ..., certificate ...}. */
    static String measured(Endpoint endpoint, ProbeOutcome o, Instant now) {
        List<String> parts = new ArrayList<>();
        parts.add("from " + endpoint.path());
        if (!o.addresses().isEmpty() && !(o.addresses().size() == 1 && o.addresses().get(0).equals(endpoint.host()))) {
            parts.add(endpoint.host() + " is " + String.join(" ", o.addresses()));
        }
        if (o.connectMillis() >= 0) {
            parts.add("TCP connect to " + o.connectedTo() + " in " + o.connectMillis() + " ms");
        }
        o.tls().ifPresent(t -> parts.add(t.protocol() + " " + t.cipherSuite() + " in " + t.handshakeMillis() + " ms"));
        o.certificate().ifPresent(c -> {
            long days = c.daysLeft(now);
            String validity = c.expiredAt(now) ? "expired " + DAY.format(c.notAfter()) + " (" + -days + " days ago)"
                    : c.notYetValidAt(now) ? "valid only from " + DAY.format(c.notBefore())
                    : "valid until " + DAY.format(c.notAfter()) + " (" + days + " days left)";
            parts.add("certificate " + c.subject() + (c.names().isEmpty() ? "" : " " + c.names()) + ", issued by "
                    + c.issuer() + ", " + validity);
        });
        if (endpoint.tls() && o.tls().isEmpty() && o.connectMillis() >= 0 && o.certificate().isEmpty()) {
            parts.add("no certificate received");
        }
        if (!endpoint.tls() && o.failure() == ProbeOutcome.Failure.NONE) {
            parts.add("no TLS configured");
        }
        if (!o.detail().isEmpty()) {
            parts.add(o.detail());
        }
        return String.join("; ", parts);
    }
}

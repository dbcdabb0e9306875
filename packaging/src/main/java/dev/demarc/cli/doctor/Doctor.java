package dev.demarc.cli.doctor;

import dev.demarc.tr181.platform.NetworkSnapshot;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WanState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the steps of {@code demarc doctor} in order, from the line up to the agent, each on what
 * {@link Settings} gives it:
 * <ol>
 *   <li>{@link WanCarrierCheck}: the WAN link's carrier (platform WAN and network parts);</li>
 *   <li>{@link WanAddressCheck}: the WAN address, its lease and the time left (WAN part);</li>
 *   <li>{@link GatewayPingCheck}: the default gateway answers pings (WAN part, the platform's IP diagnostics);</li>
 *   <li>{@link DnsCheck}: each DNS server resolves the names the agent needs (WAN part, {@link DnsProbe});</li>
 *   <li>{@link ClockCheck}: the clock (a {@link Clock}, the platform's time part);</li>
 *   <li>{@link EndpointCheck}: each configured broker, controller, ACS (the {@link ConfiguredEndpoints},
 *       {@link EndpointProbe});</li>
 *   <li>{@link ControllerConnectionsCheck}: the running agent's controller connections ({@link AgentState}).</li>
 * </ol>
 * Every step runs whatever the ones before found, so that the report shows everything measured;
 * the summary names the first failure.
 *
 * <p>Called on the thread that runs the command; blocks while the network steps run (each
 * bounded by {@link Settings#probeTimeout}).
 */
public final class Doctor {

    private Doctor() {
    }

    /** What the steps read and measure with. Built with {@link #builder(Platform)}; immutable. */
    public static final class Settings {
        private final Platform platform;
        private final ConfiguredEndpoints endpoints;
        private final AgentState agent;
        private final Clock clock;
        private final DnsProbe dns;
        private final int dnsPort;
        private final List<String> dnsNames;
        private final EndpointProbe endpointProbe;
        private final Duration probeTimeout;
        private final int pingCount;
        private final int warnDays;
        private final String ownEndpointId;

        private Settings(Builder b) {
            this.platform = b.platform;
            this.endpoints = b.endpoints;
            this.agent = b.agent;
            this.clock = b.clock;
            this.dns = b.dns;
            this.dnsPort = b.dnsPort;
            this.dnsNames = List.copyOf(b.dnsNames);
            this.endpointProbe = b.endpointProbe;
            this.probeTimeout = b.probeTimeout;
            this.pingCount = b.pingCount;
            this.warnDays = b.warnDays;
            this.ownEndpointId = b.ownEndpointId;
        }

        public Duration probeTimeout() {
            return probeTimeout;
        }
    }

    /** Settings for {@code platform}; the defaults are documented on each setter. */
    public static Builder builder(Platform platform) {
        return new Builder(platform);
    }

    /** Builds {@link Settings}. */
    public static final class Builder {
        /** The most pings sent to the gateway. */
        public static final int MAX_PING_COUNT = 100;
        /** The longest wait for one network answer. */
        public static final Duration MAX_PROBE_TIMEOUT = Duration.ofSeconds(60);

        private final Platform platform;
        private ConfiguredEndpoints endpoints = ConfiguredEndpoints.none("no configuration given");
        private AgentState agent = AgentState.notRunning("not looked for");
        private Clock clock = Clock.systemUTC();
        private DnsProbe dns = new UdpDnsProbe();
        private int dnsPort = DnsCheck.PORT;
        private List<String> dnsNames = List.of();
        private EndpointProbe endpointProbe;
        private Duration probeTimeout = Duration.ofSeconds(5);
        private int pingCount = 3;
        private int warnDays = EndpointCheck.DEFAULT_WARN_DAYS;
        private String ownEndpointId = "";

        private Builder(Platform platform) {
            this.platform = Objects.requireNonNull(platform, "platform");
        }

        /** The servers to reach (default: none). */
        public Builder endpoints(ConfiguredEndpoints value) {
            endpoints = Objects.requireNonNull(value, "endpoints");
            return this;
        }

        /** The running agent, as found (default: not running). */
        public Builder agent(AgentState value) {
            agent = Objects.requireNonNull(value, "agent");
            return this;
        }

        /** The clock checked and used for certificate validity (default: the system's). */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How DNS servers are asked (default: {@link UdpDnsProbe}). */
        public Builder dnsProbe(DnsProbe value) {
            dns = Objects.requireNonNull(value, "dnsProbe");
            return this;
        }

        /** The port DNS servers are asked on (default 53; tests use their own server's). */
        public Builder dnsPort(int value) {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("DNS port out of 1..65535: " + value);
            }
            dnsPort = value;
            return this;
        }

        /** The names to resolve (default: the configured servers' host names, else the root). */
        public Builder dnsNames(List<String> value) {
            if (value.size() > DnsCheck.MAX_NAMES) {
                throw new IllegalArgumentException("at most " + DnsCheck.MAX_NAMES + " names");
            }
            dnsNames = List.copyOf(value);
            return this;
        }

        /** How servers are reached (required when there are endpoints). */
        public Builder endpointProbe(EndpointProbe value) {
            endpointProbe = Objects.requireNonNull(value, "endpointProbe");
            return this;
        }

        /** The longest wait for one network answer (default 5 s). */
        public Builder probeTimeout(Duration value) {
            if (value.isNegative() || value.isZero() || value.compareTo(MAX_PROBE_TIMEOUT) > 0) {
                throw new IllegalArgumentException("the probe timeout is more than 0 and at most "
                        + MAX_PROBE_TIMEOUT.toSeconds() + " s: " + value);
            }
            probeTimeout = value;
            return this;
        }

        /** How many pings the gateway gets (default 3). */
        public Builder pingCount(int value) {
            if (value < 1 || value > MAX_PING_COUNT) {
                throw new IllegalArgumentException("the ping count is 1.." + MAX_PING_COUNT + ": " + value);
            }
            pingCount = value;
            return this;
        }

        /** A certificate expiring within this many days is a warning (default 30). */
        public Builder warnDays(int value) {
            if (value < 0 || value > 3650) {
                throw new IllegalArgumentException("warn days 0..3650: " + value);
            }
            warnDays = value;
            return this;
        }

        /** The Endpoint ID of doctor's own connection to the agent, not reported as one of its controllers. */
        public Builder ownEndpointId(String value) {
            ownEndpointId = Objects.requireNonNull(value, "ownEndpointId");
            return this;
        }

        public Settings build() {
            if (endpointProbe == null && !endpoints.endpoints().isEmpty()) {
                throw new IllegalStateException("endpoints to check need an endpoint probe");
            }
            return new Settings(this);
        }
    }

    /** Runs every step; the report holds their results in order. */
    public static DoctorReport run(Settings s) {
        java.time.Instant at = s.clock.instant();
        Platform p = s.platform;
        WanState wan = p.wan().state();
        NetworkSnapshot network = p.network().snapshot();
        List<CheckResult> results = new ArrayList<>();
        results.add(WanCarrierCheck.check(wan, network));
        results.add(WanAddressCheck.check(wan, s.clock.instant()));
        results.add(GatewayPingCheck.check(wan, p.system().diagnostics(), s.pingCount));
        results.add(DnsCheck.check(wan, DnsCheck.names(s.dnsNames, s.endpoints), s.dns, s.dnsPort, s.probeTimeout));
        results.add(ClockCheck.check(s.clock.instant(), p.time().snapshot()));
        if (s.endpoints.endpoints().isEmpty()) {
            results.add(CheckResult.skip(EndpointCheck.STEP, "Configured servers", s.endpoints.read()
                    ? "no broker, controller or ACS configured in " + s.endpoints.source()
                    : "nothing to check: " + s.endpoints.source()));
        }
        for (Endpoint e : s.endpoints.endpoints()) {
            ProbeOutcome o = s.endpointProbe.probe(e, s.probeTimeout);
            results.add(EndpointCheck.check(e, o, s.clock.instant(), s.warnDays));
        }
        for (String note : s.endpoints.notes()) {
            results.add(CheckResult.skip(EndpointCheck.STEP, "Configured server", note));
        }
        results.addAll(ControllerConnectionsCheck.check(s.agent, s.ownEndpointId));
        List<CheckResult> bounded = results.size() <= DoctorReport.MAX_RESULTS ? results
                : results.subList(0, DoctorReport.MAX_RESULTS);
        return new DoctorReport(p.name(), at, s.endpoints.source(), bounded);
    }
}

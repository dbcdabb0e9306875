package dev.demarc.cli;

import dev.demarc.agent.AgentTls;
import dev.demarc.agent.LocalControl;
import dev.demarc.cli.doctor.AgentState;
import dev.demarc.cli.doctor.ConfiguredEndpoints;
import dev.demarc.cli.doctor.ControllerConnection;
import dev.demarc.cli.doctor.DnsCheck;
import dev.demarc.cli.doctor.Doctor;
import dev.demarc.cli.doctor.DoctorReport;
import dev.demarc.cli.doctor.EndpointCheck;
import dev.demarc.cli.doctor.SocketEndpointProbe;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.defaults.FactoryDefaults;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.hal.Platforms;
import dev.demarc.tr181.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demarc doctor}: diagnoses the line step by step, from the WAN cable to the agent's
 * controllers, and says on which side of the demarcation point the first failure lies. Works with
 * or without a running agent: the device is read through the platform layer (as
 * {@code demarc agent --platform} would), the servers to reach come from the running agent's
 * configuration, else from {@code --defaults FILE}. The steps are {@link Doctor}'s.
 *
 * <p>Called by picocli on the thread that runs the command line.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Diagnose the line step by step: WAN link carrier; WAN address and lease; default gateway (ping); DNS "
                    + "through the configured servers; the clock; each configured MQTT broker, controller and ACS "
                    + "(TCP, TLS, certificate); the running agent's controller connections. Each failure says what it "
                    + "means and where to look next; the summary says on which side of the demarcation point the "
                    + "first failure lies.",
            "The servers come from the running agent (over its control socket), else from --defaults FILE.",
            "Exit codes: 0 no step failed (warnings and skipped steps allowed), 1 a step failed, 2 usage error."
        })
final class DoctorCommand implements Callable<Integer> {

    /** The parameters read from a running agent: its servers and its controllers' connections. */
    static final List<String> AGENT_PATHS = List.of("Device.MQTT.Client.", "Device.LocalAgent.Controller.");

    /** How {@link AgentClient} starts its message when no agent answers. */
    private static final String NO_AGENT = "no agent reachable: ";

    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions agent = new AgentOptions();

    @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = Platforms.AUTO,
            description = "The device, as for 'demarc agent': openwrt, linux, simulated:FILE or auto (default).")
    String platformSpec = Platforms.AUTO;

    @Option(names = {"--defaults", "--factory-defaults"}, paramLabel = "FILE",
            description = "Without a running agent: the factory-defaults file whose brokers and controllers to check.")
    Path defaults;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM CA certificates servers must chain to, as for 'demarc agent' (default: the JVM's).")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "The agent's certificate chain (PEM), presented when a server asks; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The private key of --tls-cert (PKCS#8 PEM).")
    Path tlsKey;

    @Option(names = "--dns-name", paramLabel = "NAME",
            description = "A name to resolve through each DNS server (repeatable, at most " + DnsCheck.MAX_NAMES
                    + "; default: the configured servers' host names, else the root's name servers).")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "--probe-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long to wait for each network answer (default: ${DEFAULT-VALUE}).")
    int probeTimeoutSeconds = 5;

    @Option(names = "--ping-count", paramLabel = "N", defaultValue = "3",
            description = "How many pings the default gateway gets (default: ${DEFAULT-VALUE}).")
    int pingCount = 3;

    @Option(names = "--warn-days", paramLabel = "DAYS", defaultValue = "30",
            description = "Warn about a server certificate expiring within DAYS (default: ${DEFAULT-VALUE}).")
    int warnDays = EndpointCheck.DEFAULT_WARN_DAYS;

    /** The DNS servers' port: 53; tests point it at their own server. */
    @Option(names = "--dns-port", hidden = true, defaultValue = "53")
    int dnsPort = DnsCheck.PORT;

    @Override
    public Integer call() {
        if (agent.timeoutSeconds < 1 || agent.timeoutSeconds > AgentOptions.MAX_TIMEOUT_SECONDS) {
            throw usage("--timeout must be 1.." + AgentOptions.MAX_TIMEOUT_SECONDS + ": " + agent.timeoutSeconds);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw usage("--tls-cert and --tls-key go together: give both or neither");
        }
        AgentTls tls;
        try {
            tls = AgentTls.load(tlsCa, tlsCert, tlsKey);
        } catch (AgentTls.BadFileException e) {
            throw usage(e.getMessage());
        }
        Doctor.Builder settings;
        Result<Platform> opened = Platforms.open(platformSpec);
        if (!opened.isOk()) {
            throw new IllegalStateException(opened.error().message());
        }
        try (Platform platform = opened.value();
             SocketEndpointProbe probe = new SocketEndpointProbe(tls.trust(), tls.keyManagers())) {
            try {
                settings = Doctor.builder(platform)
                        .dnsNames(dnsNames)
                        .dnsPort(dnsPort)
                        .probeTimeout(Duration.ofSeconds(probeTimeoutSeconds))
                        .pingCount(pingCount)
                        .warnDays(warnDays)
                        .endpointProbe(probe)
                        .ownEndpointId(LocalControl.CLI_ENDPOINT_ID);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            readConfiguration(settings);
            DoctorReport report = Doctor.run(settings.build());
            if (agent.json) {
                spec.commandLine().getOut().println(report.toJson());
                spec.commandLine().getOut().flush();
            } else {
                report.printText(spec.commandLine().getOut());
            }
            return report.exitCode();
        }
    }

    /** The servers and the agent's state: from the running agent, else from --defaults. */
    private void readConfiguration(Doctor.Builder settings) {
        AgentClient client;
        try {
            client = AgentClient.connect(agent);
        } catch (CliFailure e) {
            if (e.getExitCode() != CliFailure.UNREACHABLE) {
                settings.agent(AgentState.failed(String.valueOf(agent.controlSocket), e.getMessage()));
            } else {
                String why = e.getMessage() == null ? "" : e.getMessage();
                settings.agent(AgentState.notRunning(why.startsWith(NO_AGENT) ? why.substring(NO_AGENT.length()) : why));
            }
            settings.endpoints(fromDefaults());
            return;
        }
        try (client) {
            String where = "the running agent " + client.agentEndpointId() + " on " + client.socket();
            Map<String, String> values = new LinkedHashMap<>();
            UspMsg.Msg answer = client.call(UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                    .setGet(UspMsg.Get.newBuilder().addAllParamPaths(AGENT_PATHS)).build());
            UspMsg.GetResp resp = AgentCall.response(answer).getGetResp();
            for (UspMsg.GetResp.RequestedPathResult r : resp.getReqPathResultsList()) {
                for (UspMsg.GetResp.ResolvedPathResult resolved : r.getResolvedPathResultsList()) {
                    resolved.getResultParamsMap().forEach((name, value) ->
                            values.put(resolved.getResolvedPath() + name, value));
                }
            }
            settings.agent(AgentState.of(client.socket().toString(), ControllerConnection.fromParameters(values)));
            settings.endpoints(ConfiguredEndpoints.fromParameters(where
                    + (defaults == null ? "" : " (--defaults " + defaults + " not used: the agent's configuration"
                    + " is what counts)"), values));
        } catch (CliFailure e) {
            settings.agent(AgentState.failed(String.valueOf(client.socket()), e.getMessage()));
            settings.endpoints(fromDefaults());
        }
    }

    private ConfiguredEndpoints fromDefaults() {
        if (defaults == null) {
            return ConfiguredEndpoints.none("no agent running, and no --defaults FILE given");
        }
        Result<List<Assignment>> read = FactoryDefaults.read(defaults);
        if (!read.isOk()) {
            throw usage("--defaults: " + read.error().message());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Assignment a : read.value()) {
            values.put(a.path(), a.value());
        }
        return ConfiguredEndpoints.fromParameters("the factory defaults " + defaults, values);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}

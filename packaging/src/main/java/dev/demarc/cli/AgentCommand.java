package dev.demarc.cli;

import dev.demarc.agent.AgentTls;
import dev.demarc.agent.RunningAgent;
import dev.demarc.core.Result;
import dev.demarc.logging.Logging;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.hal.PlatformOptions;
import dev.demarc.hal.Platforms;
import dev.demarc.tr181.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demarc agent}: runs the agent in the foreground until SIGTERM or SIGINT.
 *
 * <p>Called on the thread that runs the command line; it blocks there while the agent runs.
 * {@link #stop()} (any thread) and the JVM's shutdown (a signal) end it; either way the
 * controllers are sent DisconnectRecords, the MTPs closed, the data model's thread stopped and the
 * store closed before {@link #call()} returns.
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Run the Demarc USP agent in the foreground until SIGTERM or SIGINT.",
            "It keeps its configuration in the data directory; on first start (or after a corrupt store "
                    + "was moved aside) it applies the factory defaults. Controllers reach it over the MTPs the "
                    + "data model configures (Device.LocalAgent.MTP.{i}., Device.MQTT.Client.{i}., "
                    + "Device.LocalAgent.Controller.{i}.MTP.{i}.): MQTT 5.0 and 3.1.1, WebSocket as server "
                    + "and as client.",
            "Without --defaults it starts on embedded defaults: a WebSocket server on ws://127.0.0.1:"
                    + RunningAgent.EMBEDDED_WEBSOCKET_PORT + "/usp, without TLS.",
            "TLS (MQTT with TransportProtocol TLS, WebSocket with EnableEncryption true) verifies peers against "
                    + "--tls-ca and presents the agent's --tls-cert; a WebSocket server MTP with TLS needs "
                    + "--tls-cert and requires a client certificate of every controller.",
            "The demarc commands (get, set, ...) reach it on its local control socket (--control-socket)."
        })
final class AgentCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the agent keeps its state (default: /var/lib/demarc when it can write there, "
                    + "else $XDG_DATA_HOME/demarc, else ~/.local/share/demarc). One agent per directory.")
    Path dataDir;

    @Option(names = {"--defaults", "--factory-defaults"}, paramLabel = "FILE",
            description = "Parameter values applied on first start and on factory reset, one "
                    + "'Device.Path.Name = value' per line, after the built-in roles (default: the embedded "
                    + "defaults, a WebSocket server MTP on port " + RunningAgent.EMBEDDED_WEBSOCKET_PORT + ").")
    Path factoryDefaults;

    @Option(names = "--endpoint-id", paramLabel = "ID",
            description = "The agent's USP Endpoint ID, e.g. os::00D09E-SN1234 (default: the "
                    + "Device.LocalAgent.EndpointID the factory defaults set, else os::OUI-SERIAL made of "
                    + "Device.DeviceInfo.ManufacturerOUI and SerialNumber, else a self::demarc-... ID the agent "
                    + "makes once and keeps in the data directory).")
    String endpointId;

    @Option(names = "--listen-address", paramLabel = "ADDRESS", defaultValue = RunningAgent.DEFAULT_LISTEN_ADDRESS,
            description = "The address WebSocket server MTPs with an empty WebSocket.Interfaces listen on "
                    + "(default: ${DEFAULT-VALUE}; 0.0.0.0 or :: for every interface). Servers whose Interfaces names "
                    + "IP interfaces listen on their addresses.")
    String listenAddress = RunningAgent.DEFAULT_LISTEN_ADDRESS;

    @Option(names = "--websocket-port", paramLabel = "PORT",
            description = "Listen on PORT instead of the configured WebSocket.Port of the first WebSocket server "
                    + "MTP (0: any free port; the log names it). For development and tests.")
    Integer webSocketPort;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM file of the CA certificates MQTT brokers and WebSocket controllers must chain to "
                    + "(and the controllers' client certificates, for a WebSocket server MTP with TLS) "
                    + "(default: the JVM's trusted CAs).")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM file of the agent's certificate chain, its own certificate first: the client "
                    + "certificate it presents to MQTT brokers and WebSocket controllers, and the certificate of "
                    + "WebSocket server MTPs with EnableEncryption true. Needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM file of the private key of --tls-cert, unencrypted PKCS#8 "
                    + "(\"BEGIN PRIVATE KEY\"); keep it readable by the agent only.")
    Path tlsKey;

    @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = Platforms.AUTO,
            description = "The device the agent manages: openwrt (ubus, uci, iwinfo), linux (sysfs, procfs, "
                    + "iproute2, iw), simulated:FILE (a device described in a JSON file, for development "
                    + "without hardware), or auto (default: openwrt when /etc/openwrt_release exists, else linux).")
    String platformSpec = Platforms.AUTO;

    @Option(names = "--reboot-command", paramLabel = "COMMAND",
            description = "The shell command Device.Reboot() runs (with /bin/sh -c), e.g. 'systemctl reboot'. "
                    + "Default: /sbin/reboot on OpenWrt; none elsewhere (Reboot() then fails with 7022, not "
                    + "configured). The agent records the cause first, so that its next start's Boot! reports it.")
    String rebootCommand;

    @Option(names = "--factory-reset-command", paramLabel = "COMMAND",
            description = "The shell command Device.FactoryReset() runs (with /bin/sh -c). Default: "
                    + "'/sbin/firstboot -y && /sbin/reboot' on OpenWrt; none elsewhere (FactoryReset() then fails "
                    + "with 7022, not configured). The next start drops the agent's stored configuration and "
                    + "applies the factory defaults.")
    String factoryResetCommand;

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "The local control socket the demarc commands use, a Unix domain socket of mode 0600 "
                    + "(default: $" + ControlSocket.ENV + ", else /run/demarc/control.sock when the agent can "
                    + "write there, else $XDG_RUNTIME_DIR/demarc/control.sock, else control.sock in the data "
                    + "directory).")
    Path controlSocket;

    /** Counted down when the agent is ready; for tests. */
    final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile RunningAgent running;

    @Override
    public Integer call() {
        String problem = usageProblem();
        if (problem != null) {
            // No spec when run without picocli by a caller that did not ask usageProblem() first.
            throw spec != null
                    ? new ParameterException(spec.commandLine(), problem)
                    : new IllegalArgumentException(problem);
        }
        Path dir = dataDir();
        AgentTls tls;
        try {
            tls = AgentTls.load(tlsCa, tlsCert, tlsKey);
        } catch (AgentTls.BadFileException e) {
            throw new RunningAgent.StartupException(e.getMessage());
        }
        Path socket = controlSocket(dir);
        Result<Platform> opened = Platforms.open(platformSpec, platformOptions());
        if (!opened.isOk()) {
            throw new RunningAgent.StartupException(opened.error().message());
        }
        try (Platform platform = opened.value()) {
            makeDirectory(socket.getParent());
            return run(dir, tls, platform, socket);
        }
    }

    /**
     * What is wrong with the options as given, a usage error ({@code call()} throws it as a
     * {@link ParameterException}); null when nothing is. Looks at the options only: files are
     * read, and the platform opened, by {@code call()}.
     */
    String usageProblem() {
        if (webSocketPort != null && (webSocketPort < 0 || webSocketPort > 65535)) {
            return "--websocket-port must be 0..65535: " + webSocketPort;
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            return "--tls-cert and --tls-key go together: give both or neither";
        }
        try {
            ControlSocket.check(controlSocket(dataDir()));
        } catch (IllegalArgumentException e) {
            return "--control-socket: " + e.getMessage();
        }
        try {
            platformOptions();
        } catch (IllegalArgumentException e) {
            return "--reboot-command, --factory-reset-command: " + e.getMessage();
        }
        return null;
    }

    private Path dataDir() {
        return dataDir != null ? dataDir : DataDirectory.defaultPath();
    }

    private Path controlSocket(Path dir) {
        return controlSocket != null ? controlSocket.toAbsolutePath() : ControlSocket.agentDefault(dir);
    }

    private PlatformOptions platformOptions() {
        return new PlatformOptions(Optional.ofNullable(rebootCommand), Optional.ofNullable(factoryResetCommand));
    }

    private Integer run(Path dir, AgentTls tls, Platform platform, Path socket) {
        RunningAgent agent = RunningAgent.start(RunningAgent.Settings.builder(dir)
                .defaultsFile(factoryDefaults)
                .endpointId(endpointId)
                .platform(platform)
                .softwareVersion(DemarcVersionProvider.version())
                .listenAddress(listenAddress)
                .webSocketPort(webSocketPort)
                .tls(tls)
                .controlSocket(socket)
                .logLevel(Logging.levelControl())
                .build());
        running = agent;
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            agent.close();
        }, "demarc-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LOG.info("Demarc {} ready on platform {}: Endpoint ID {}, data model Device:{}, {} controller(s)"
                    + " configured, MTPs {}, data in {}, control socket {}", DemarcVersionProvider.version(),
                    platform.name(), agent.endpointId(),
                    Tr181Model.ROOT_DATA_MODEL_VERSION, controllers(agent), agent.router().protocols(),
                    agent.dataDir(), socket);
            ready.countDown();
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it closes the agent too
            }
            agent.close();
        }
        return ExitCode.OK;
    }

    /** The control socket's directory, made with mode 0700 when it is missing. */
    private static void makeDirectory(Path dir) {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw new RunningAgent.StartupException("cannot make the directory of the control socket " + dir + ": "
                        + ShortErrorHandler.describe(e) + " (choose another with --control-socket)");
            }
        }
    }

    /** Ends {@link #call()}: the agent stops as on SIGTERM. Any thread. */
    void stop() {
        stopRequested.countDown();
    }

    /** The agent while {@link #call()} runs it; for tests. */
    RunningAgent running() {
        return running;
    }

    private static String controllers(RunningAgent agent) {
        try {
            Result<String> n = agent.owner().call(m -> m.read("Device.LocalAgent.ControllerNumberOfEntries"))
                    .get(10, TimeUnit.SECONDS);
            return n.isOk() ? n.value() : "?";
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "?";
        }
    }
}

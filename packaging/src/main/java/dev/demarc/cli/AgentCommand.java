package dev.demarc.cli;

import dev.demarc.agent.AgentTls;
import dev.demarc.agent.RunningAgent;
import dev.demarc.core.Result;
import dev.demarc.logging.Logging;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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
 * store closed before {@link #call()} returns. A {@code Device.FactoryReset()} restarts the agent
 * on its factory defaults in the same process.
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
            description = "The address WebSocket server MTPs listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 or :: "
                    + "for every interface). TR-181's WebSocket.Interfaces is not used yet.")
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

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "The local control socket the demarc commands use, a Unix domain socket of mode 0600 "
                    + "(default: $" + ControlSocket.ENV + ", else /run/demarc/control.sock when the agent can "
                    + "write there, else $XDG_RUNTIME_DIR/demarc/control.sock, else control.sock in the data "
                    + "directory).")
    Path controlSocket;

    /** Counted down when the agent is ready; for tests. */
    final CountDownLatch ready = new CountDownLatch(1);
    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    private final Object lifecycle = new Object();
    private volatile RunningAgent running;

    @Override
    public Integer call() {
        Path dir = dataDir != null ? dataDir : DataDirectory.defaultPath();
        if (webSocketPort != null && (webSocketPort < 0 || webSocketPort > 65535)) {
            throw new ParameterException(spec.commandLine(), "--websocket-port must be 0..65535: " + webSocketPort);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together: give both or neither");
        }
        AgentTls tls;
        try {
            tls = AgentTls.load(tlsCa, tlsCert, tlsKey);
        } catch (AgentTls.BadFileException e) {
            throw new RunningAgent.StartupException(e.getMessage());
        }
        Path socket = controlSocket != null ? controlSocket.toAbsolutePath() : ControlSocket.agentDefault(dir);
        try {
            ControlSocket.check(socket);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--control-socket: " + e.getMessage());
        }
        makeDirectory(socket.getParent());
        RunningAgent agent = RunningAgent.start(RunningAgent.Settings.builder(dir)
                .defaultsFile(factoryDefaults)
                .endpointId(endpointId)
                .platform(new StaticDeviceInfo(DeviceIdentity.unknown()))
                .softwareVersion(DemarcVersionProvider.version())
                .listenAddress(listenAddress)
                .webSocketPort(webSocketPort)
                .tls(tls)
                .controlSocket(socket)
                .logLevel(Logging.levelControl())
                .build());
        running = agent;
        Thread hook = new Thread(() -> {
            synchronized (lifecycle) {
                stopRequested.complete(null);
                running.close();
            }
        }, "demarc-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            logReady(agent, "ready");
            ready.countDown();
            while (true) {
                CompletableFuture.anyOf(stopRequested, agent.restartRequested()).get();
                synchronized (lifecycle) {
                    if (stopRequested.isDone()) {
                        break;
                    }
                    agent = agent.restartWithFactoryDefaults(agent.restartRequested().join());
                    running = agent;
                }
                logReady(agent, "ready again after a factory reset");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the agent failed: " + e.getCause(), e.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it closes the agent too
            }
            running.close();
        }
        return ExitCode.OK;
    }

    private static void logReady(RunningAgent agent, String what) {
        LOG.info("Demarc {} {}: Endpoint ID {}, data model Device:{}, {} controller(s) configured, MTPs {},"
                + " data in {}, control socket {}", DemarcVersionProvider.version(), what, agent.endpointId(),
                Tr181Model.ROOT_DATA_MODEL_VERSION, controllers(agent), agent.router().protocols(), agent.dataDir(),
                agent.settings().controlSocket().map(Path::toString).orElse("none"));
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
        stopRequested.complete(null);
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

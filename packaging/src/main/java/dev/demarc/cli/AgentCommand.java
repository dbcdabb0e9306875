package dev.demarc.cli;

import dev.demarc.core.Result;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code demarc agent}: runs the agent in the foreground until SIGTERM or SIGINT.
 *
 * <p>Called on the thread that runs the command line; it blocks there while the agent runs.
 * {@link #stop()} (any thread) and the JVM's shutdown (a signal) end it; either way the data
 * model's thread is stopped and the store closed before {@link #call()} returns.
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Run the Demarc agent in the foreground until SIGTERM or SIGINT.",
            "It keeps its configuration in the data directory; on first start (or after a corrupt store "
                    + "was moved aside) it applies the factory defaults.",
            "Not yet: no USP message transport (MQTT, WebSocket) exists in this release, so no controller "
                    + "can connect; the agent serves the TR-181 data model of 'demarc schema'."
        })
final class AgentCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the agent keeps its state (default: /var/lib/demarc when it can write there, "
                    + "else $XDG_DATA_HOME/demarc, else ~/.local/share/demarc). One agent per directory.")
    Path dataDir;

    @Option(names = "--factory-defaults", paramLabel = "FILE",
            description = "Parameter values applied on first start and on factory reset, one "
                    + "'Device.Path.Name = value' per line (default: none).")
    Path factoryDefaults;

    @Option(names = "--endpoint-id", paramLabel = "ID",
            description = "The agent's USP Endpoint ID, e.g. os::00D09E-SN1234 (default: the "
                    + "Device.LocalAgent.EndpointID the factory defaults set, else os::OUI-SERIAL made of "
                    + "Device.DeviceInfo.ManufacturerOUI and SerialNumber).")
    String endpointId;

    /** Counted down when the agent is ready; for tests. */
    final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile RunningAgent running;

    @Override
    public Integer call() {
        Path dir = dataDir != null ? dataDir : DataDirectory.defaultPath();
        RunningAgent agent = RunningAgent.start(new RunningAgent.Settings(dir, Optional.ofNullable(factoryDefaults),
                Optional.ofNullable(endpointId), new StaticDeviceInfo(DeviceIdentity.unknown()),
                DemarcVersionProvider.version(), System::nanoTime));
        running = agent;
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            agent.close();
        }, "demarc-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LOG.info("Demarc {} ready: Endpoint ID {}, data model Device:{}, {} controller(s) configured, data in {}",
                    DemarcVersionProvider.version(), agent.endpointId(), Tr181Model.ROOT_DATA_MODEL_VERSION,
                    controllers(agent), agent.dataDir());
            LOG.info("no USP message transport exists yet (MQTT and WebSocket come in a later release):"
                    + " no controller can connect to this agent");
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

package dev.demarc.cli;

import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.defaults.FactoryDefaults;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.FileStore;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent while it runs: its store in the data directory and the data model on its owner
 * thread. {@link #start} opens both; {@link #close} stops the owner thread, then closes the store.
 * Owns both.
 */
final class RunningAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningAgent.class);

    /**
     * How to start.
     *
     * @param dataDir          where the store lives (created if missing)
     * @param factoryDefaults  the factory-defaults file, if any
     * @param endpointId       the Endpoint ID to use; when empty, {@code os::<OUI>-<SerialNumber>}
     *                         from {@code Device.DeviceInfo.}
     * @param platform         where {@code Device.DeviceInfo.} values come from
     * @param softwareVersion  the agent's version, for {@code Device.LocalAgent.SoftwareVersion}
     * @param nanoClock        monotonic clock for the agent's up time
     */
    record Settings(Path dataDir, Optional<Path> factoryDefaults, Optional<String> endpointId,
                    DeviceInfoPlatform platform, String softwareVersion, LongSupplier nanoClock) {
        Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(factoryDefaults, "factoryDefaults");
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(softwareVersion, "softwareVersion");
            Objects.requireNonNull(nanoClock, "nanoClock");
        }
    }

    /** The agent cannot start, for a reason its message gives on one line. */
    static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartupException(String message) {
            super(message);
        }

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DataModelOwner owner;
    private final FileStore store;
    private final String endpointId;
    private boolean closed;

    private RunningAgent(DataModelOwner owner, FileStore store, String endpointId) {
        this.owner = owner;
        this.store = store;
        this.endpointId = endpointId;
    }

    /**
     * Reads the factory defaults, opens the store and the data model; called on the thread that
     * runs the command, waits until the data model is ready.
     *
     * @throws StartupException with a one-line reason, e.g. {@code defaults.txt:3: ...}
     */
    static RunningAgent start(Settings settings) {
        List<Assignment> defaults = List.of();
        String defaultsName = "(no factory defaults)";
        if (settings.factoryDefaults().isPresent()) {
            Path file = settings.factoryDefaults().get();
            defaultsName = file.toString();
            Result<List<Assignment>> read = FactoryDefaults.read(file);
            if (!read.isOk()) {
                throw new StartupException(read.error().message());
            }
            defaults = read.value();
        }
        List<Assignment> factoryDefaults = defaults;
        String name = defaultsName;
        AtomicReference<OpenedModel> opened = new AtomicReference<>();
        DataModelOwner owner;
        try {
            owner = DataModelOwner.start(() -> {
                OpenedModel m = open(settings, factoryDefaults, name);
                opened.set(m);
                return m.model();
            }).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof StartupException s) {
                throw s;
            }
            throw new StartupException("the data model could not start: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting");
        }
        return new RunningAgent(owner, opened.get().store(), opened.get().endpointId());
    }

    /** What the owner thread opened, handed to the starting thread through the owner's future. */
    private record OpenedModel(FileStore store, DataModel model, String endpointId) {
    }

    /** On the owner thread: store, then the model, with the Endpoint ID worked out between. */
    private static OpenedModel open(Settings settings, List<Assignment> defaults, String defaultsName) {
        FileStore.Opened fs;
        try {
            fs = FileStore.open(settings.dataDir());
        } catch (IOException e) {
            throw new StartupException("cannot open the data directory " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        FileStore store = fs.store();
        try {
            fs.recovery().ifPresent(notice -> LOG.warn("stored configuration lost, corrupt: {}", notice));
            Schema schema = Tr181Model.schema();
            // First the device's identity alone, on a copy of the store so that nothing is written
            // before the agent can start: the defaults may set it, and it gives the Endpoint ID.
            DataModel identity = orFail(DataModel.open(schema, Tr181Model.identityBindings(schema, settings.platform()),
                    new InMemoryStore(store.snapshot()), fs.fresh(), defaults, defaultsName));
            String endpointId = endpointId(settings.endpointId(), identity);
            long start = settings.nanoClock().getAsLong();
            LongSupplier clock = settings.nanoClock();
            LocalAgentInfo info;
            try {
                info = new LocalAgentInfo(endpointId, settings.softwareVersion(),
                        () -> (clock.getAsLong() - start) / 1_000_000_000L, List.of());
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage());
            }
            DataModel model = orFail(DataModel.open(schema, Tr181Model.bindings(schema, settings.platform(), info),
                    store, fs.fresh(), defaults, defaultsName));
            return new OpenedModel(store, model, endpointId);
        } catch (RuntimeException e) {
            try {
                store.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * {@code --endpoint-id}; else {@code Device.LocalAgent.EndpointID} as the factory defaults
     * pinned it; else {@code os::<OUI>-<SerialNumber>}. An option that contradicts a pinned value
     * is refused: the stored value would win and the option be silently ignored.
     */
    private static String endpointId(Optional<String> option, DataModel identity) {
        Result<String> read = identity.read("Device.LocalAgent.EndpointID");
        String pinned = read.isOk() ? read.value() : "";
        if (option.isPresent()) {
            if (!pinned.isEmpty() && !pinned.equals(option.get())) {
                throw new StartupException("--endpoint-id " + option.get() + " conflicts with Device.LocalAgent.EndpointID "
                        + pinned + " set by the factory defaults");
            }
            return option.get();
        }
        return pinned.isEmpty() ? osEndpointId(identity) : pinned;
    }

    private static String osEndpointId(DataModel identity) {
        Result<String> oui = identity.read("Device.DeviceInfo.ManufacturerOUI");
        Result<String> serial = identity.read("Device.DeviceInfo.SerialNumber");
        return LocalAgentInfo.osEndpointId(oui.isOk() ? oui.value() : "", serial.isOk() ? serial.value() : "")
                .orElseThrow(() -> new StartupException("no Endpoint ID: give --endpoint-id, or set "
                        + "Device.DeviceInfo.ManufacturerOUI and Device.DeviceInfo.SerialNumber in the factory "
                        + "defaults (the agent then is os::<OUI>-<SerialNumber>)"));
    }

    private static DataModel orFail(Result<DataModel> opened) {
        if (!opened.isOk()) {
            throw new StartupException(opened.error().message());
        }
        return opened.value();
    }

    DataModelOwner owner() {
        return owner;
    }

    String endpointId() {
        return endpointId;
    }

    Path dataDir() {
        return store.directory();
    }

    /** Stops the data model's thread, then closes the store; again does nothing. Any thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        owner.close();
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the store in " + store.directory(), e);
        }
        LOG.info("agent stopped");
    }
}

package dev.demarc.agent;

import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.defaults.FactoryDefaults;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.ModelListener;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.FileStore;
import dev.demarc.core.usp.UspAgent;
import dev.demarc.core.usp.notify.BootCause;
import dev.demarc.core.usp.notify.NotifyConfig;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.LogLevelControl;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.PlatformChanges;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent while it runs: its store in the data directory, the data model on its owner thread,
 * the USP agent core, and the MTPs the data model configures ({@link MtpSettings}, run by an
 * {@link MtpRouter}). {@link #start} opens and starts all of it; {@link #close} stops the
 * notifications, sends the DisconnectRecords, closes the MTPs, stops the owner thread and closes
 * the stores. Owns all of it.
 *
 * <p><b>Factory defaults.</b> {@link Tr181Model#builtInDefaults()} (the predefined roles), then the
 * lines of the defaults file, or, without one, of the embedded defaults
 * ({@value #EMBEDDED_DEFAULTS}, a resource of this module): a WebSocket server MTP on port
 * {@value #EMBEDDED_WEBSOCKET_PORT}, path {@code /usp}, without TLS, on the listen address
 * (127.0.0.1 unless told otherwise). They are applied when the data directory holds no
 * configuration yet.
 *
 * <p><b>Endpoint ID</b>: {@code --endpoint-id}; else the {@code Device.LocalAgent.EndpointID} the
 * factory defaults stored; else {@code os::<OUI>-<SerialNumber>} from {@code Device.DeviceInfo.};
 * else one the agent makes up once and keeps in the data directory ({@link GeneratedEndpointId}).
 *
 * <p><b>Notifications</b> (the core's {@code dev.demarc.core.usp.notify}) start once the MTPs
 * run: {@code Boot!} with the cause {@code Device.Reboot()} or {@code FactoryReset()} recorded
 * in the data directory before the device went down ({@link BootCauseFile}: Cause, CommandKey,
 * Reason), else {@code LocalFactoryReset} on a new data directory, else {@code LocalReboot};
 * they reach controllers through {@link MtpRouter#addressOf}, and those of persistent
 * subscriptions wait across restarts in {@code <data-dir>/notifications}.
 *
 * <p><b>Factory reset.</b> A start after {@code Device.FactoryReset()} (its cause recorded)
 * drops the stored configuration and applies the factory defaults, as on a first start, even
 * when the platform's reset left the data directory in place; the Endpoint ID the agent made
 * for itself is kept.
 *
 * <p><b>Live values.</b> {@code Device.MQTT.Client.{i}.Status} and {@code ResponseInformation},
 * {@code Device.LocalAgent.MTP.{i}.Status} and {@code MQTT.ResponseTopicDiscovered} read what the
 * MTPs are doing ({@link MtpStatusRegistry}, kept by the {@link MtpRouter}); their changes are
 * pushed to the data model, so a ValueChange subscription on them is notified without polling.
 *
 * <p><b>Configuration changes at run time.</b> When a controller (or anyone) changes
 * {@code Device.LocalAgent.MTP.}, {@code Device.MQTT.} or {@code Device.LocalAgent.Controller.},
 * the MTPs are read again and the transports whose configuration changed are restarted (after a
 * DisconnectRecord), on the router's thread; {@code SupportedProtocols} follows.
 *
 * <p><b>Local control socket</b> ({@link Settings#controlSocket()}): a Unix domain socket MTP
 * where the {@code demarc} commands are a controller of their own ({@link LocalControl}).
 *
 * <p>Threads: {@link #start} and {@link #close} on any thread but the owner thread; they block.
 */
public final class RunningAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningAgent.class);

    /** The resource holding the embedded defaults, next to this class. */
    public static final String EMBEDDED_DEFAULTS = "embedded-defaults.txt";
    /** The WebSocket port of the embedded defaults. */
    public static final int EMBEDDED_WEBSOCKET_PORT = 9080;
    /** Where WebSocket servers listen unless told otherwise. */
    public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";

    private static final String ENDPOINT_ID = "Device.LocalAgent.EndpointID";
    private static final String SUPPORTED_PROTOCOLS = "Device.LocalAgent.SupportedProtocols";
    private static final List<String> MTP_CONFIGURATION = List.of(
            "Device.LocalAgent.MTP.", "Device.MQTT.", "Device.LocalAgent.Controller.");
    private static final long WAIT_SECONDS = 30;
    /** The directory, inside the data directory, of the notifications store. */
    static final String NOTIFICATIONS_DIR = "notifications";

    /**
     * How to start. Build with {@link #builder(Path)}.
     *
     * @param dataDir         where the store lives (created if missing)
     * @param defaultsFile    the factory-defaults file; when empty, the embedded defaults
     * @param endpointId      the Endpoint ID to use; when empty, see {@link RunningAgent}
     * @param platform        the device: where {@code Device.DeviceInfo.} and the other platform
     *                        values come from, and where their writes and commands go; the
     *                        caller opened it and closes it after the agent
     * @param softwareVersion the agent's version, for {@code Device.LocalAgent.SoftwareVersion}
     * @param nanoClock       monotonic clock for the agent's up time
     * @param listenAddress   where WebSocket server MTPs with an empty {@code WebSocket.Interfaces} listen
     * @param webSocketPort   when present, the port the first WebSocket server MTP listens on
     *                        instead of the configured one (0: any free port)
     * @param tls             the CAs the MTPs' peers must chain to and the agent's certificate
     * @param controlSocket   the local control socket ({@link LocalControl}); empty: none
     * @param logLevel        what {@code Device.LocalAgent.X_DEMARC_DEV_LogLevel} reads and sets
     */
    public record Settings(Path dataDir, Optional<Path> defaultsFile, Optional<String> endpointId,
                           Platform platform, String softwareVersion, LongSupplier nanoClock,
                           String listenAddress, OptionalInt webSocketPort, AgentTls tls,
                           Optional<Path> controlSocket, LogLevelControl logLevel) {
        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(defaultsFile, "defaultsFile");
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(softwareVersion, "softwareVersion");
            Objects.requireNonNull(nanoClock, "nanoClock");
            Objects.requireNonNull(listenAddress, "listenAddress");
            Objects.requireNonNull(webSocketPort, "webSocketPort");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(controlSocket, "controlSocket");
            Objects.requireNonNull(logLevel, "logLevel");
            if (listenAddress.isBlank()) {
                throw new IllegalArgumentException("the listen address is empty");
            }
            if (webSocketPort.isPresent() && (webSocketPort.getAsInt() < 0 || webSocketPort.getAsInt() > 65535)) {
                throw new IllegalArgumentException("the WebSocket port must be 0..65535: " + webSocketPort.getAsInt());
            }
        }

        /**
         * Settings with the defaults: the embedded factory defaults, no Endpoint ID given, a
         * device of unknown identity, software version "unknown", the system's monotonic clock,
         * WebSocket servers on {@value #DEFAULT_LISTEN_ADDRESS} on their configured ports, no TLS
         * files ({@link AgentTls#none()}), no control socket, a log level that cannot change
         * (Info).
         */
        public static Builder builder(Path dataDir) {
            return new Builder(dataDir);
        }

        /** Builds {@link Settings}. */
        public static final class Builder {
            private final Path dataDir;
            private Optional<Path> defaultsFile = Optional.empty();
            private Optional<String> endpointId = Optional.empty();
            private Platform platform = Platform.of(new StaticDeviceInfo(DeviceIdentity.unknown()));
            private String softwareVersion = "unknown";
            private LongSupplier nanoClock = System::nanoTime;
            private String listenAddress = DEFAULT_LISTEN_ADDRESS;
            private OptionalInt webSocketPort = OptionalInt.empty();
            private AgentTls tls = AgentTls.none();
            private Optional<Path> controlSocket = Optional.empty();
            private LogLevelControl logLevel = LogLevelControl.fixed("Info",
                    "this agent's logging cannot change levels while it runs");

            private Builder(Path dataDir) {
                this.dataDir = dataDir;
            }

            public Builder defaultsFile(Path file) {
                this.defaultsFile = Optional.ofNullable(file);
                return this;
            }

            public Builder endpointId(String id) {
                this.endpointId = Optional.ofNullable(id);
                return this;
            }

            public Builder platform(Platform value) {
                this.platform = value;
                return this;
            }

            /** A platform of only this device identity (tests, tools). */
            public Builder platform(DeviceInfoPlatform value) {
                this.platform = Platform.of(value);
                return this;
            }

            public Builder softwareVersion(String value) {
                this.softwareVersion = value;
                return this;
            }

            public Builder nanoClock(LongSupplier value) {
                this.nanoClock = value;
                return this;
            }

            public Builder listenAddress(String value) {
                this.listenAddress = value;
                return this;
            }

            public Builder webSocketPort(Integer port) {
                this.webSocketPort = port == null ? OptionalInt.empty() : OptionalInt.of(port);
                return this;
            }

            public Builder tls(AgentTls value) {
                this.tls = value;
                return this;
            }

            public Builder controlSocket(Path value) {
                this.controlSocket = Optional.ofNullable(value);
                return this;
            }

            public Builder logLevel(LogLevelControl value) {
                this.logLevel = value;
                return this;
            }

            public Settings build() {
                return new Settings(dataDir, defaultsFile, endpointId, platform, softwareVersion, nanoClock,
                        listenAddress, webSocketPort, tls, controlSocket, logLevel);
            }
        }
    }

    /** The agent cannot start, for a reason its message gives on one line. */
    public static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StartupException(String message) {
            super(message);
        }

        public StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DataModelOwner owner;
    private final FileStore store;
    private final FileStore notifyStore;
    /** Owner thread only. */
    private final DataModel model;
    private final boolean fresh;
    private final String endpointId;
    private final AtomicReference<LocalAgentInfo> info;
    private final MtpSettings.Options mtpOptions;
    private final MtpRouter router;
    private final UspAgent usp;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private final ModelListener mtpWatcher = this::modelChanged;
    private final Settings settings;
    private final MtpStatusRegistry mtpStatus;
    private boolean closed;
    private volatile boolean closing;

    private RunningAgent(DataModelOwner owner, Opened opened, FileStore notifyStore, AtomicReference<LocalAgentInfo> info,
                         Settings settings) {
        this.owner = owner;
        this.store = opened.store();
        this.notifyStore = notifyStore;
        this.model = opened.model();
        this.fresh = opened.fresh();
        this.endpointId = opened.endpointId();
        this.info = info;
        this.mtpOptions = new MtpSettings.Options(endpointId, settings.listenAddress(), settings.webSocketPort(),
                settings.tls());
        this.settings = settings;
        this.mtpStatus = opened.mtpStatus();
        KnownControllers controllers = new KnownControllers();
        this.router = new MtpRouter(owner, opened.mtpStatus(), controllers, MtpRouter::transportFor);
        this.usp = UspAgent.builder()
                .endpointId(endpointId)
                .owner(owner)
                .sender(router)
                .controllers(controllers)
                .routes(controllerEndpointId -> router.addressOf(model, controllerEndpointId))
                .notifyStore(notifyStore)
                // The MTPs' live values are pushed as they change: never polled.
                .notifyConfig(NotifyConfig.DEFAULT.withPushedParameters(Tr181Model.pushedParameters()))
                .commands(Tr181Model.commands(settings.platform(), new BootCauseFile(store.directory())))
                .events(new UspAgent.Events() {
                    @Override
                    public void badRecord(MtpAddress from, String why) {
                        router.badRecord(from, why);
                    }
                })
                .build();
        router.attach(usp);
        mtpStatus.setWaitingNotifications(path -> usp.notifications().pendingCount(path));
    }

    /**
     * Reads the factory defaults, opens the store and the data model, and starts the MTPs; called
     * on the thread that runs the command, waits until all of it is up. An MTP that cannot start
     * is logged and left out: the agent starts without it.
     *
     * @throws StartupException with a one-line reason, e.g. {@code defaults.txt:3: ...}
     */
    public static RunningAgent start(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        settings.endpointId().ifPresent(RunningAgent::checkEndpointId);
        List<Assignment> defaults = new ArrayList<>(Tr181Model.builtInDefaults());
        String defaultsName;
        Result<List<Assignment>> read;
        if (settings.defaultsFile().isPresent()) {
            defaultsName = settings.defaultsFile().get().toString();
            read = FactoryDefaults.read(settings.defaultsFile().get());
        } else {
            defaultsName = "the embedded defaults (" + EMBEDDED_DEFAULTS + ")";
            read = FactoryDefaults.parse(defaultsName, embeddedDefaults());
        }
        if (!read.isOk()) {
            throw new StartupException(read.error().message());
        }
        // The built-ins first, the file's lines after them (a file may change a built-in value);
        // the file's lines keep their numbers, so that a bad one is named by its own line.
        defaults.addAll(read.value());
        AtomicReference<LocalAgentInfo> info = new AtomicReference<>();
        AtomicReference<Opened> opened = new AtomicReference<>();
        // The platform's pushes reach the owner thread once it runs; before, the first reads see them.
        AtomicReference<DataModelOwner> started = new AtomicReference<>();
        PlatformChanges changes = path -> {
            DataModelOwner o = started.get();
            if (o != null) {
                try {
                    o.platformChanged(path);
                } catch (RejectedExecutionException stopping) {
                    LOG.debug("platform change at {} after the data model stopped", path);
                }
            }
        };
        DataModelOwner owner;
        try {
            owner = DataModelOwner.start(() -> {
                Opened o = open(settings, List.copyOf(defaults), defaultsName, info, changes);
                opened.set(o);
                return o.model();
            }).get();
            started.set(owner);
        } catch (ExecutionException e) {
            throw startupFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting");
        }
        FileStore notifyStore;
        try {
            notifyStore = openNotifyStore(settings.dataDir(), opened.get().fresh());
        } catch (StartupException e) {
            owner.close();
            closeQuietly(opened.get().store(), e);
            throw e;
        }
        RunningAgent agent = null;
        try {
            agent = new RunningAgent(owner, opened.get(), notifyStore, info, settings);
            agent.startMtps();
            BootCause cause = opened.get().recorded()
                    .orElse(agent.fresh ? BootCause.firstStart() : BootCause.localReboot());
            agent.usp.start(cause).get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (opened.get().recorded().isPresent()) {
                new BootCauseFile(agent.dataDir()).clear();
            }
            LOG.info("Boot! cause {}{}", cause.cause().value(),
                    cause.commandKey().isEmpty() ? "" : " (command key " + cause.commandKey() + ")");
            return agent;
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            if (agent != null) {
                agent.close();
            } else {
                owner.close();
                StartupException failure = new StartupException("the agent could not start: " + e, e);
                closeQuietly(notifyStore, failure);
                closeQuietly(opened.get().store(), failure);
            }
            throw e instanceof StartupException s ? s : new StartupException("the agent could not start: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.close();
            throw new StartupException("interrupted while starting");
        }
    }

    private static StartupException startupFailure(ExecutionException e) {
        Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                ? c.getCause() : e.getCause();
        if (cause instanceof StartupException s) {
            return s;
        }
        return new StartupException("the data model could not start: " + cause, cause);
    }

    private static String embeddedDefaults() {
        try (InputStream in = RunningAgent.class.getResourceAsStream(EMBEDDED_DEFAULTS)) {
            if (in == null) {
                throw new StartupException("the embedded defaults " + EMBEDDED_DEFAULTS + " are missing from this build");
            }
            return new String(in.readNBytes(FactoryDefaults.MAX_FILE_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded defaults", e);
        }
    }

    /** What the owner thread opened, handed to the starting thread through the owner's future. */
    private record Opened(FileStore store, DataModel model, boolean fresh, String endpointId,
                          MtpStatusRegistry mtpStatus, Optional<BootCause> recorded) {
    }

    /**
     * The store of notifications waiting for their controllers across a restart, in
     * {@value #NOTIFICATIONS_DIR} of the data directory. A new data model (first start, or a
     * corrupt store replaced by the factory defaults) starts with none: its subscriptions are new.
     */
    private static FileStore openNotifyStore(Path dataDir, boolean fresh) {
        Path dir = dataDir.resolve(NOTIFICATIONS_DIR);
        try {
            FileStore.Opened opened = FileStore.open(dir);
            opened.recovery().ifPresent(notice -> LOG.warn("stored notifications lost, corrupt: {}", notice));
            if (fresh && !opened.fresh() && !opened.store().snapshot().isEmpty()) {
                Map<String, Optional<String>> dropAll = new LinkedHashMap<>();
                opened.store().snapshot().keySet().forEach(k -> dropAll.put(k, Optional.empty()));
                opened.store().commit(dropAll);
                LOG.info("notifications of the previous configuration dropped: the data model starts afresh");
            }
            return opened.store();
        } catch (IOException e) {
            throw new StartupException("cannot open the notification store " + dir + ": " + e.getMessage(), e);
        }
    }

    /** On the owner thread: the store, then the model; then the Endpoint ID, which may depend on it. */
    private static Opened open(Settings settings, List<Assignment> defaults, String defaultsName,
                               AtomicReference<LocalAgentInfo> info, PlatformChanges changes) {
        FileStore.Opened fs;
        try {
            fs = FileStore.open(settings.dataDir());
        } catch (IOException e) {
            throw new StartupException("cannot open the data directory " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        FileStore store = fs.store();
        try {
            fs.recovery().ifPresent(notice -> LOG.warn("stored configuration lost, corrupt: {}", notice));
            Optional<BootCause> recorded = new BootCauseFile(store.directory()).read();
            boolean fresh = fs.fresh();
            if (!fresh && recorded.isPresent() && recorded.get().cause().isFactoryReset()) {
                dropConfiguration(store);
                fresh = true;
            }
            if (!fresh && settings.defaultsFile().isPresent()) {
                LOG.info("{} holds a configuration already: the factory defaults of {} are not applied (they are"
                        + " applied to a new data directory and on factory reset)", store.directory(),
                        settings.defaultsFile().get());
            }
            Schema schema = Tr181Model.schema(settings.platform());
            // Device.LocalAgent.'s own values read from `info`, set once the Endpoint ID is known.
            Supplier<LocalAgentInfo> agentInfo = info::get;
            MtpStatusRegistry mtpStatus = new MtpStatusRegistry();
            settings.controlSocket().ifPresent(p -> mtpStatus.setUnixDomainSockets(List.of(LocalControl.socket(p))));
            Result<DataModel> model = DataModel.open(schema,
                    Tr181Model.bindings(schema, settings.platform(), agentInfo, mtpStatus, changes, settings.logLevel()),
                    store, fresh, defaults, defaultsName);
            if (!model.isOk()) {
                throw new StartupException(model.error().message());
            }
            String endpointId = endpointId(settings, model.value(), store.directory());
            long start = settings.nanoClock().getAsLong();
            LongSupplier clock = settings.nanoClock();
            info.set(new LocalAgentInfo(endpointId, settings.softwareVersion(),
                    () -> (clock.getAsLong() - start) / 1_000_000_000L, List.of()));
            return new Opened(store, model.value(), fresh, endpointId, mtpStatus, recorded);
        } catch (RuntimeException e) {
            closeQuietly(store, e);
            throw e instanceof IllegalArgumentException ? new StartupException(e.getMessage(), e) : e;
        }
    }

    /** After a factory reset: the stored configuration goes, so that the factory defaults apply. */
    private static void dropConfiguration(FileStore store) {
        Map<String, Optional<String>> dropAll = new LinkedHashMap<>();
        store.snapshot().keySet().forEach(k -> dropAll.put(k, Optional.empty()));
        try {
            store.commit(dropAll);
        } catch (IOException e) {
            throw new StartupException("cannot drop the configuration in " + store.directory()
                    + " after the factory reset: " + e.getMessage(), e);
        }
        LOG.warn("factory reset: the stored configuration in {} is dropped and the factory defaults applied",
                store.directory());
    }

    private static void closeQuietly(FileStore store, RuntimeException failure) {
        try {
            store.close();
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    private static void checkEndpointId(String id) {
        try {
            new LocalAgentInfo(id, "", () -> 0, List.of());
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private static boolean isEndpointId(String id) {
        try {
            checkEndpointId(id);
            return true;
        } catch (StartupException e) {
            return false;
        }
    }

    /**
     * {@code --endpoint-id}; else {@code Device.LocalAgent.EndpointID} as the factory defaults
     * stored it (while the agent's own value is unset, only a stored one reads); else
     * {@code os::<OUI>-<SerialNumber>}; else the generated one. An option that contradicts a
     * stored value is refused: the stored value would win and the option be silently ignored.
     */
    private static String endpointId(Settings settings, DataModel model, Path dataDir) {
        Result<String> read = model.read(ENDPOINT_ID);
        String pinned = read.isOk() ? read.value() : "";
        Optional<String> option = settings.endpointId();
        if (option.isPresent()) {
            if (!pinned.isEmpty() && !pinned.equals(option.get())) {
                throw new StartupException("--endpoint-id " + option.get() + " conflicts with " + ENDPOINT_ID + " "
                        + pinned + " set by the factory defaults");
            }
            return option.get();
        }
        if (!pinned.isEmpty()) {
            return pinned;
        }
        Result<String> oui = model.read("Device.DeviceInfo.ManufacturerOUI");
        Result<String> serial = model.read("Device.DeviceInfo.SerialNumber");
        Optional<String> os = LocalAgentInfo.osEndpointId(oui.isOk() ? oui.value() : "", serial.isOk() ? serial.value() : "");
        if (os.isPresent()) {
            return os.get();
        }
        try {
            String generated = GeneratedEndpointId.readOrCreate(dataDir, RunningAgent::isEndpointId);
            LOG.info("Endpoint ID {} (kept in {}): no --endpoint-id was given, and neither Device.LocalAgent.EndpointID"
                    + " nor Device.DeviceInfo.ManufacturerOUI and SerialNumber are set", generated,
                    dataDir.resolve(GeneratedEndpointId.FILE_NAME));
            return generated;
        } catch (IOException e) {
            throw new StartupException("no Endpoint ID: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ MTPs

    private void startMtps() {
        LOG.info("TLS of the MTPs: {}", mtpOptions.tls().describe());
        MtpSettings settings = onOwner(model -> {
            this.settings.controlSocket().ifPresent(socket -> LocalControl.ensure(model, socket));
            router.controllersChanged(model);
            return MtpSettings.read(model, mtpOptions);
        });
        setProtocols(router.apply(settings));
        onOwner(model -> {
            model.addListener(mtpWatcher);
            return null;
        });
    }

    /** Owner thread: a change to the MTPs' configuration has them read and applied again. */
    private void modelChanged(List<ModelEvent> events) {
        boolean relevant = events.stream().anyMatch(e -> isMtpConfiguration(e.path()));
        if (!relevant || !reloadPending.compareAndSet(false, true)) {
            return;
        }
        owner.call(model -> {
            reloadPending.set(false);
            router.controllersChanged(model);
            return MtpSettings.read(model, mtpOptions);
        }).thenCompose(router::applyLater).whenComplete((protocols, failure) -> {
            if (failure == null) {
                setProtocols(protocols);
            } else if (!closing) {
                LOG.error("the MTPs could not be restarted after a configuration change", failure);
            }
        });
    }

    /**
     * Whether a change at {@code path} may change the MTPs to run: configuration under
     * {@link #MTP_CONFIGURATION}, not the live values the MTPs report there themselves; the IP
     * addresses WebSocket servers may listen on.
     */
    private static boolean isMtpConfiguration(String path) {
        return MTP_CONFIGURATION.stream().anyMatch(path::startsWith)
                && !MtpStatusRegistry.PARAMETERS.contains(Schema.supportedPathOf(path))
                || MtpSettings.isListenAddressChange(path);
    }

    private void setProtocols(List<String> protocols) {
        LocalAgentInfo before = info.get();
        if (closing || before.supportedProtocols().equals(protocols)) {
            return;
        }
        info.set(new LocalAgentInfo(before.endpointId(), before.softwareVersion(), before.upTimeSeconds(), protocols));
        try {
            owner.platformChanged(SUPPORTED_PROTOCOLS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("SupportedProtocols changed as the agent stopped");
        }
    }

    private <T> T onOwner(Function<DataModel, T> work) {
        try {
            return owner.call(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            throw new StartupException("the data model failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new StartupException("the data model did not answer in " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
    }

    // ------------------------------------------------------------------ access

    public DataModelOwner owner() {
        return owner;
    }

    public String endpointId() {
        return endpointId;
    }

    public Path dataDir() {
        return store.directory();
    }

    /** The MTPs and where records go. */
    public MtpRouter router() {
        return router;
    }

    /** The USP protocol core. */
    public UspAgent usp() {
        return usp;
    }

    /** The settings it was started with. */
    public Settings settings() {
        return settings;
    }

    /**
     * Sends DisconnectRecords and closes the MTPs, stops the data model's thread, then closes the
     * store; again does nothing. Any thread but the owner thread.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        try {
            owner.call(model -> {
                model.removeListener(mtpWatcher);
                return null;
            }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("the data model did not answer while stopping: {}", e.toString());
        }
        try {
            usp.stop().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("notifications did not stop cleanly: {}", e.toString());
        }
        router.close();
        owner.close();
        IOException failed = null;
        for (FileStore s : List.of(notifyStore, store)) {
            try {
                s.close();
            } catch (IOException e) {
                failed = e;
                LOG.error("could not close the store in {}: {}", s.directory(), e.getMessage());
            }
        }
        if (failed != null) {
            throw new UncheckedIOException("could not close the stores in " + store.directory(), failed);
        }
        LOG.info("agent stopped");
    }
}

package dev.demarc.agent;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.mtp.MessageTransport;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import dev.demarc.core.usp.UspAgent;
import dev.demarc.core.usp.UspControllers;
import dev.demarc.core.usp.UspRecords;
import dev.demarc.mtp.mqtt.MqttClientStatus;
import dev.demarc.mtp.mqtt.MqttConnectionInfo;
import dev.demarc.mtp.mqtt.MqttTransport;
import dev.demarc.mtp.mqtt.MqttVersion;
import dev.demarc.mtp.uds.UdsServerTransport;
import dev.demarc.mtp.websocket.WebSocketClientTransport;
import dev.demarc.mtp.websocket.WebSocketServerTransport;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's MTPs as one {@link UspAgent.Sender}: it starts and stops the transports
 * {@link MtpSettings} names, and sends each record through the transport that reaches its
 * address.
 *
 * <p><b>Routing.</b> Every address a record arrived from is remembered with its transport (the
 * last {@value #MAX_REMEMBERED} of them), so that an answer goes back the way the request came.
 * Other addresses: a WebSocket one goes to the client transport that connects to it, or to the
 * server transport holding a session with it; an MQTT topic goes through the MQTT transport of
 * the agent MTP the controller's {@code MQTT.AgentMTPReference} names, else the first connected
 * one. Connect and disconnect records to a controller with an {@code AgentMTPReference} go
 * through that MTP only.
 *
 * <p><b>Connect and disconnect records</b> (TR-369 R-MTP.6, R-MTP.7, R-MTP.8). When an MQTT
 * transport is connected and subscribed, every enabled controller with an MQTT topic is sent an
 * MQTTConnectRecord naming the agent's "reply to" topic; when a WebSocket session opens with an
 * enabled controller (either way), it is sent a WebSocketConnectRecord; when a UDS connection
 * with an enabled controller has done its Handshake, a UDSConnectRecord. All are handed over on
 * the data model's owner thread before any record received afterwards is handled, and leave
 * through the agent's encoder thread in that order ({@link UspAgent#afterAnswers}), so they go
 * out before any answer to such a record. Before a transport is stopped, the answers decided
 * before are let out through it; then, before it is closed ({@link #close}, or a
 * configuration change), each controller it reaches is sent a DisconnectRecord, waiting at most
 * {@link #DISCONNECT_WAIT} for them to leave.
 *
 * <p><b>Live values</b> ({@link MtpStatusRegistry}): {@code Device.MQTT.Client.{i}.Status} and
 * {@code ResponseInformation} follow each MQTT transport's connection info as it changes;
 * {@code Device.LocalAgent.MTP.{i}.Status} is {@code Up} while its MQTT client is connected or
 * its WebSocket server listens, {@code Error} when its configuration cannot be used (its client
 * {@code Error_Misconfigured}) or its server cannot listen, else {@code Down}. Each change is made
 * on the owner thread, in the order the changes happened, and pushed with
 * {@code DataModel.platformChanged}, so that ValueChange subscriptions hear of it at once.
 *
 * <p><b>Controllers' connections</b> ({@link MtpStatusRegistry#controllerConnected} and the
 * others, which the vendor parameters {@code Controller.{i}.X_DEMARC_DEV_Connected}... read): a
 * WebSocket or UDS session with an Endpoint ID counts as a connection of that controller over
 * its protocol, an MQTTConnectRecord sent counts as one over MQTT until that transport loses its
 * broker; a failed send is the controller's last error.
 *
 * <p><b>Unprocessable records</b> on WebSocket close the session with status 1003 (R-WS.16), on
 * UDS with an Error frame (R-UDS.23): after the Error answering the record when there is one
 * (R-MTP.5), else a moment later.
 *
 * <p><b>Threads.</b> {@link #send} and {@link #badRecord} are called on any thread (the owner
 * thread, transport threads); the transports' listener calls come on their own threads and are
 * handed on to the {@link UspAgent}. {@link #apply} and {@link #close} block (transports start
 * and stop) and must not run on the owner thread; {@link #applyLater} runs {@link #apply} on the
 * router's own thread ({@code demarc-mtp}), which it owns, with the transports.
 */
public final class MtpRouter implements UspAgent.Sender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MtpRouter.class);

    /** How long DisconnectRecords may take to leave before their transports are closed. */
    static final Duration DISCONNECT_WAIT = Duration.ofSeconds(2);
    /** How long after a bad record without answer its WebSocket session is closed. */
    static final Duration BAD_RECORD_CLOSE_DELAY = Duration.ofMillis(500);
    static final int MAX_REMEMBERED = 1024;
    private static final Duration OWNER_WAIT = Duration.ofSeconds(10);
    private static final String MQTT_CLIENT_TABLE = "Device.MQTT.Client.";
    private static final MtpStatusRegistry.MtpState MTP_UP = new MtpStatusRegistry.MtpState("Up", "");
    private static final MtpStatusRegistry.MtpState MTP_ERROR = new MtpStatusRegistry.MtpState("Error", "");
    private static final MtpStatusRegistry.MqttClientState CLIENT_MISCONFIGURED =
            new MtpStatusRegistry.MqttClientState(MqttClientStatus.ERROR_MISCONFIGURED.tr181Name(), "");

    private final DataModelOwner owner;
    private final MtpStatusRegistry status;
    private final UspControllers controllers;
    private final UspControllers quietControllers = UspControllers.fromDataModel();
    private final Function<MtpSettings.Mtp, MessageTransport> transports;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledThreadPoolExecutor thread;
    private final Object lifecycle = new Object();
    private final Map<String, Running> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Running> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private final Map<String, String> closeAfterAnswer = new ConcurrentHashMap<>();
    private volatile UspAgent agent;
    private volatile List<Running> running = List.of();
    /** The controllers reached over MQTT, as {@link #controllersChanged} last read them. */
    private volatile List<MtpSettings.ControllerTopic> controllerTopics = List.of();
    private boolean closed;
    /** The problems and notes last logged; under the lifecycle lock. */
    private List<MtpSettings.Problem> lastReport = List.of();

    /**
     * A router with no transport yet.
     *
     * @param owner       the data model's owner thread, where the controllers to send connect
     *                    records to are looked up
     * @param status      where the MTPs' live values go: the registry the data model's bindings
     *                    read ({@link dev.demarc.tr181.Tr181Model#bindings})
     * @param controllers which controllers are enabled (a WebSocket session from any other gets no
     *                    connect record)
     * @param transports  makes the transport of an MTP; {@link #transportFor} makes the real ones
     */
    public MtpRouter(DataModelOwner owner, MtpStatusRegistry status, UspControllers controllers,
                     Function<MtpSettings.Mtp, MessageTransport> transports) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.status = Objects.requireNonNull(status, "status");
        this.controllers = Objects.requireNonNull(controllers, "controllers");
        this.transports = Objects.requireNonNull(transports, "transports");
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "demarc-mtp");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        status.setMqttClientStats(this::mqttClientStats);
    }

    /** Device.MQTT.Client.{i}.Stats. of {@code clientInstance} (with its dot): its running transport's counts. */
    private MtpStatusRegistry.MqttClientStats mqttClientStats(String clientInstance) {
        for (Running r : running) {
            if (r.mtp instanceof MtpSettings.MqttClientMtp m && isWithDot(clientInstance, m.clientPath())
                    && r.transport instanceof MqttTransport mqtt) {
                MqttTransport.Stats s = mqtt.stats();
                return new MtpStatusRegistry.MqttClientStats(s.connectionEstablished(), s.messagesSent(),
                        s.messagesReceived(), s.connectionErrors());
            }
        }
        return null;
    }

    /** Whether {@code pathWithDot} is {@code path} and a dot; read for each counter at every Get, so without a new string. */
    private static boolean isWithDot(String pathWithDot, String path) {
        return pathWithDot.length() == path.length() + 1 && pathWithDot.startsWith(path) && pathWithDot.endsWith(".");
    }

    /** The transport of an MTP, not started. */
    public static MessageTransport transportFor(MtpSettings.Mtp mtp) {
        if (mtp instanceof MtpSettings.MqttClientMtp m) {
            return new MqttTransport(m.config());
        }
        if (mtp instanceof MtpSettings.WebSocketServerMtp s) {
            return new WebSocketServerTransport(s.config());
        }
        if (mtp instanceof MtpSettings.UdsServerMtp u) {
            return new UdsServerTransport(u.config());
        }
        return new WebSocketClientTransport(((MtpSettings.WebSocketClientMtp) mtp).config());
    }

    /**
     * The agent the transports' records and connection changes go to, and whose records builder
     * makes the connect and disconnect records; before the first {@link #apply}.
     */
    public void attach(UspAgent uspAgent) {
        this.agent = Objects.requireNonNull(uspAgent, "uspAgent");
    }

    // ------------------------------------------------------------------ transports

    /**
     * Runs the MTPs of {@code settings}: transports whose MTP is gone or changed are sent their
     * DisconnectRecords and closed, new and changed ones are started; the others go on
     * untouched, but for an MQTT MTP whose client's subscriptions alone changed, which are
     * changed on its running connection. An MTP that fails to start (a port in use) is logged and left out. Answers the
     * protocols now running, as {@code Device.LocalAgent.SupportedProtocols} lists them. Blocks;
     * never on the owner thread.
     */
    public List<String> apply(MtpSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (agent == null) {
            throw new IllegalStateException("attach the agent first");
        }
        synchronized (lifecycle) {
            if (closed) {
                return List.of();
            }
            List<MtpSettings.Problem> report = new ArrayList<>(settings.problems());
            report.addAll(settings.notes());
            if (!report.equals(lastReport)) {
                // Once per change of what is wrong, not at every reading of the configuration.
                settings.problems().forEach(p -> LOG.error("MTP not started: {}", p));
                settings.notes().forEach(p -> LOG.info("{}", p));
                lastReport = List.copyOf(report);
            }
            Map<String, MtpSettings.Mtp> wanted = new LinkedHashMap<>();
            settings.mtps().forEach(m -> wanted.put(m.path(), m));
            List<Running> kept = new ArrayList<>();
            List<Running> stopping = new ArrayList<>();
            for (Running r : running) {
                MtpSettings.Mtp w = asRunning(r, wanted.get(r.mtp.path()));
                if (w != null && r.mtp.sameAs(w)) {
                    kept.add(r);
                } else if (w instanceof MtpSettings.MqttClientMtp m
                        && r.mtp instanceof MtpSettings.MqttClientMtp before && before.sameButSubscriptions(m)
                        && r.transport instanceof MqttTransport mqtt) {
                    // Subscription.{i} changed: SUBSCRIBE and UNSUBSCRIBE on the same connection (R-MQTT.34).
                    LOG.info("{}: its client's subscriptions changed", r.mtp.describe());
                    mqtt.changeSubscriptions(m.config());
                    r.mtp = m;
                    kept.add(r);
                } else {
                    stopping.add(r);
                }
            }
            if (!stopping.isEmpty()) {
                awaitAnswers();
                stopping.forEach(Running::deactivate);
                running = List.copyOf(kept);
                stopping.forEach(r -> LOG.info("stopping {}: its configuration changed", r.mtp.describe()));
                disconnectAndClose(stopping, "the agent restarts this MTP after a change of its configuration");
            }
            List<Running> next = new ArrayList<>();
            for (MtpSettings.Mtp m : settings.mtps()) {
                Optional<Running> same = kept.stream().filter(r -> r.mtp.path().equals(m.path())).findFirst();
                if (same.isPresent()) {
                    next.add(same.get());
                    continue;
                }
                Running created = create(m);
                if (created == null) {
                    continue;
                }
                // Routable before it starts: a record may arrive, and be answered, at once.
                next.add(created);
                running = List.copyOf(next);
                if (!start(created)) {
                    next.remove(created);
                    running = List.copyOf(next);
                }
            }
            running = List.copyOf(next);
            publishConfiguredStatus(settings, next);
            if (next.isEmpty()) {
                LOG.warn("no MTP is running: no controller can reach this agent (configure Device.LocalAgent.MTP.{i}."
                        + " or a controller's MTP.{i}.)");
            }
            return protocols();
        }
    }

    /**
     * {@code w}, the configuration read for {@code r}'s MTP, as {@code r} runs it: where they
     * differ only in that {@code w} has the Client Identifier the broker assigned to {@code r}'s
     * client and {@code r} was started without one, {@code w} with none. The agent saves an
     * assigned identifier in the data model itself (R-MQTT.9, {@link #saveAssignedClientId}), and a
     * configuration read before or after that saving, applied later on this thread, is the same
     * MTP: it must not restart it. {@code w} may be null.
     */
    private static MtpSettings.Mtp asRunning(Running r, MtpSettings.Mtp w) {
        if (w instanceof MtpSettings.MqttClientMtp m && r.mtp instanceof MtpSettings.MqttClientMtp now
                && r.transport instanceof MqttTransport mqtt && now.config().clientId().isEmpty()
                && !m.config().clientId().isEmpty() && m.config().clientId().equals(mqtt.connectionInfo().clientId())) {
            return new MtpSettings.MqttClientMtp(m.path(), m.clientPath(), m.config().toBuilder().clientId("").build());
        }
        return w;
    }

    /** {@link #apply} on the router's thread; fails once the router is closed. */
    public CompletableFuture<List<String>> applyLater(MtpSettings settings) {
        try {
            return CompletableFuture.supplyAsync(() -> apply(settings), thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the MTPs are closed"));
        }
    }

    /** Completes once what was handed to the router's thread before this call is done; for tests. */
    CompletableFuture<Void> idle() {
        try {
            return CompletableFuture.runAsync(() -> { }, thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private Running create(MtpSettings.Mtp m) {
        try {
            Running r = new Running(m, transports.apply(m));
            if (r.transport instanceof MqttTransport mqtt) {
                mqtt.onConnectionInfo(r::connectionInfoChanged);
            }
            return r;
        } catch (RuntimeException e) {
            LOG.error("MTP not started: {}: {}", m.describe(), e.getMessage());
            return null;
        }
    }

    private boolean start(Running r) {
        try {
            r.transport.start(r);
        } catch (RuntimeException e) {
            LOG.error("MTP not started: {}: {}", r.mtp.describe(), e.getMessage());
            r.deactivate();
            r.transport.close();
            return false;
        }
        LOG.info("MTP started: {}", describe(r));
        return true;
    }

    private static String describe(Running r) {
        if (r.transport instanceof WebSocketServerTransport s && r.mtp instanceof MtpSettings.WebSocketServerMtp m) {
            return "WebSocket server " + m.path() + " on " + MtpSettings.listening(m.config(), s.port());
        }
        return r.mtp.describe();
    }

    /** The protocols of the running MTPs, in the order of {@link LocalAgentInfo#PROTOCOLS}. */
    public List<String> protocols() {
        List<Running> now = running;
        return LocalAgentInfo.PROTOCOLS.stream()
                .filter(p -> now.stream().anyMatch(r -> r.mtp.protocol().equals(p)))
                .toList();
    }

    /** The running MTPs, in the order of their configuration. */
    public List<MtpSettings.Mtp> mtps() {
        return running.stream().map(r -> r.mtp).toList();
    }

    /** The port the WebSocket server of {@code mtpPath} listens on, if it runs. */
    public OptionalInt webSocketServerPort(String mtpPath) {
        for (Running r : running) {
            if (r.mtp.path().equals(mtpPath) && r.transport instanceof WebSocketServerTransport s) {
                return OptionalInt.of(s.port());
            }
        }
        return OptionalInt.empty();
    }

    /** The transport running for {@code mtpPath}, if any; for tests and the CLI. */
    Optional<MessageTransport> transport(String mtpPath) {
        return running.stream().filter(r -> r.mtp.path().equals(mtpPath)).map(r -> r.transport).findFirst();
    }

    /**
     * Sends DisconnectRecords to the controllers the transports reach, waits at most
     * {@link #DISCONNECT_WAIT} for them, closes every transport and stops the router's thread.
     * Again does nothing. Blocks; call it while the owner thread still runs.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            awaitAnswers();
            List<Running> all = running;
            all.forEach(Running::deactivate);
            running = List.of();
            disconnectAndClose(all, "the agent is shutting down");
        }
        thread.shutdownNow();
    }

    /**
     * Waits until what the owner thread has decided to send so far (the answer to the Set that
     * changed an MTP, say) is handed to the transports: the agent sends it on its encoder thread,
     * routed when it leaves, so a transport must stay routable until then. Blocks at most
     * {@link #OWNER_WAIT}; never on the owner thread.
     */
    private void awaitAnswers() {
        try {
            owner.call(model -> null).thenCompose(v -> agent.flushed()).get(OWNER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.debug("answers not awaited before the MTPs change: {}", e.toString());
        }
    }

    private void disconnectAndClose(List<Running> stopping, String reason) {
        List<CompletableFuture<Void>> sent = List.of();
        try {
            sent = owner.call(model -> disconnect(model, stopping, reason))
                    .get(OWNER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("no DisconnectRecord sent: the data model did not answer ({})", e.toString());
        }
        if (!sent.isEmpty()) {
            try {
                CompletableFuture.allOf(sent.stream().map(f -> f.exceptionally(failure -> null))
                        .toArray(CompletableFuture[]::new)).get(DISCONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.info("DisconnectRecords still on their way after {} ms; closing anyway", DISCONNECT_WAIT.toMillis());
            }
        }
        for (Running r : stopping) {
            try {
                r.transport.close();
            } catch (RuntimeException e) {
                LOG.warn("{} did not close cleanly: {}", r.mtp.describe(), e.toString());
            }
            forgetAll(r);
        }
    }

    /** On the owner thread: a DisconnectRecord to each enabled controller each transport reaches. */
    private List<CompletableFuture<Void>> disconnect(DataModel model, List<Running> stopping, String reason) {
        UspRecords records = agent.records();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        List<MtpSettings.ControllerTopic> topics = MtpSettings.controllerTopics(model);
        for (Running r : stopping) {
            for (MtpAddress to : reached(model, r, topics)) {
                LOG.info("sending a DisconnectRecord to {} via {}", to.endpointId(), r.mtp.path());
                sent.add(sendLogged(r, to, records.disconnect(to.endpointId(), reason, 0), "DisconnectRecord"));
            }
        }
        return sent;
    }

    /** The enabled controllers {@code r} has a channel to now. Owner thread. */
    private List<MtpAddress> reached(DataModel model, Running r, List<MtpSettings.ControllerTopic> topics) {
        List<MtpAddress> out = new ArrayList<>();
        if (r.transport instanceof MqttTransport mqtt) {
            if (mqtt.connectionInfo().status() == MqttClientStatus.CONNECTED) {
                for (MtpSettings.ControllerTopic t : topics) {
                    if (t.reachableThrough(r.mtp.path())) {
                        out.add(new MtpAddress(MtpSettings.MQTT, t.topic(), t.endpointId()));
                    }
                }
            }
        } else if (r.transport instanceof WebSocketServerTransport server) {
            for (MtpAddress session : server.sessions()) {
                if (!session.endpointId().isEmpty() && quietControllers.enabled(model, session.endpointId()).isPresent()) {
                    out.add(session);
                }
            }
        } else if (r.transport instanceof WebSocketClientTransport client) {
            MtpAddress peer = client.peer();
            if (client.isConnected() && !peer.endpointId().isEmpty()
                    && quietControllers.enabled(model, peer.endpointId()).isPresent()) {
                out.add(peer);
            }
        } else if (r.transport instanceof UdsServerTransport uds) {
            for (MtpAddress session : uds.sessions()) {
                if (quietControllers.enabled(model, session.endpointId()).isPresent()) {
                    out.add(session);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ live values

    /**
     * After {@link #apply}: the live values the configuration decides. Misconfigured MTPs read
     * {@code Error} and their clients {@code Error_Misconfigured}; WebSocket servers {@code Up}
     * when listening, else {@code Error}; MQTT MTPs are left to their transports' reports; every
     * other instance reads as not running. Router thread, under the lifecycle lock.
     */
    private void publishConfiguredStatus(MtpSettings settings, List<Running> now) {
        Map<String, MtpStatusRegistry.MtpState> mtps = new LinkedHashMap<>();
        Map<String, MtpStatusRegistry.MqttClientState> clients = new LinkedHashMap<>();
        Set<String> keep = new HashSet<>();
        for (String path : settings.misconfigured()) {
            if (path.startsWith(MQTT_CLIENT_TABLE)) {
                clients.put(path, CLIENT_MISCONFIGURED);
            } else {
                mtps.put(path, MTP_ERROR);
            }
        }
        for (MtpSettings.Mtp m : settings.mtps()) {
            Optional<Running> r = now.stream().filter(x -> x.mtp.path().equals(m.path())).findFirst();
            if (m instanceof MtpSettings.WebSocketServerMtp || m instanceof MtpSettings.UdsServerMtp) {
                mtps.put(m.path(), r.isPresent() ? MTP_UP : MTP_ERROR);
            } else if (m instanceof MtpSettings.MqttClientMtp mqtt && r.isPresent()) {
                keep.add(mqtt.path());
                keep.add(mqtt.clientPath());
            }
        }
        keep.addAll(mtps.keySet());
        keep.addAll(clients.keySet());
        publish(registry -> {
            List<String> changed = new ArrayList<>(registry.retain(keep));
            mtps.forEach((path, state) -> changed.addAll(registry.setMtp(path, state)));
            clients.forEach((path, state) -> changed.addAll(registry.setMqttClient(path, state)));
            return changed;
        });
    }

    /**
     * Applies {@code change} to the registry on the owner thread, after every change handed over
     * before it, and pushes the parameters it changed to the data model. Any thread; does not
     * block. Nothing happens once the data model is stopped.
     */
    private void publish(Function<MtpStatusRegistry, List<String>> change) {
        try {
            owner.call(model -> {
                for (String path : change.apply(status)) {
                    // An instance deleted meanwhile has nothing to push.
                    if (model.read(path).isOk()) {
                        model.platformChanged(path);
                    }
                }
                return null;
            }).exceptionally(failure -> {
                LOG.error("the MTPs' status could not be updated", failure);
                return null;
            });
        } catch (RejectedExecutionException stopped) {
            LOG.debug("MTP status not updated: the data model is stopped");
        }
    }

    /** {@code Device.LocalAgent.MTP.{i}.Status} of an MQTT MTP whose client is in {@code client}. */
    static String mtpStatusOf(MqttClientStatus client) {
        return switch (client) {
            case CONNECTED -> "Up";
            case ERROR_MISCONFIGURED -> "Error";
            default -> MtpStatusRegistry.MTP_DOWN;
        };
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends {@code record} through the transport that reaches {@code to}; over MQTT with RETAIN
     * if the controller's MTP asks for it for what the record carries. Any thread; does not block.
     */
    @Override
    public CompletableFuture<Void> send(MtpAddress to, byte[] record, UspAgent.Carried carried) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(carried, "carried");
        Optional<Running> r = route(to);
        if (r.isEmpty()) {
            return CompletableFuture.failedFuture(new IOException("no running MTP reaches " + to.protocol() + " "
                    + to.address()));
        }
        CompletableFuture<Void> sent = r.get().transport instanceof MqttTransport mqtt
                ? mqtt.send(to, record, MtpSettings.retained(controllerTopics, to, carried))
                : r.get().transport.send(to, record);
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                linkError(to, failure);
            }
        });
        String closeReason = closeAfterAnswer.remove(key(to));
        if (closeReason != null) {
            sent.whenComplete((ok, failure) -> closeUnprocessable(r.get(), to, closeReason));
        }
        return sent;
    }

    /** The transport that reaches {@code to}, if one does. */
    Optional<Running> route(MtpAddress to) {
        List<Running> now = running;
        Running known;
        synchronized (remembered) {
            known = remembered.get(key(to));
        }
        if (known != null && now.contains(known)) {
            return Optional.of(known);
        }
        for (Running r : now) {
            if (r.transport instanceof WebSocketClientTransport c && c.peer().address().equals(to.address())
                    && MtpSettings.WEBSOCKET.equals(to.protocol())) {
                return Optional.of(r);
            }
            if (r.transport instanceof WebSocketServerTransport s && MtpSettings.WEBSOCKET.equals(to.protocol())
                    && s.sessions().stream().anyMatch(a -> a.address().equals(to.address()))) {
                return Optional.of(r);
            }
            if (r.transport instanceof UdsServerTransport u && u.reaches(to)) {
                return Optional.of(r);
            }
        }
        if (MtpSettings.MQTT.equals(to.protocol())) {
            Optional<Running> connected = now.stream().filter(MtpRouter::isConnectedMqtt).findFirst();
            return connected.isPresent() ? connected
                    : now.stream().filter(r -> r.transport instanceof MqttTransport).findFirst();
        }
        return Optional.empty();
    }

    /**
     * Whether a session's end is worth keeping as the controller's last error: not the peer
     * closing it or the agent stopping.
     */
    static boolean abnormal(String reason) {
        return !(reason.contains("closed the connection") // UDS: the peer closed it
                || reason.startsWith("closed by the peer with 1000") || reason.startsWith("closed by the peer with 1001")
                || reason.contains("shutting down") || reason.contains("restarts this MTP"));
    }

    private static boolean isConnectedMqtt(Running r) {
        return r.transport instanceof MqttTransport m && m.connectionInfo().status() == MqttClientStatus.CONNECTED;
    }

    /**
     * Where to send a record to the enabled controller {@code controllerEndpointId} that did not
     * ask for it (a notification; the agent core's {@code ControllerRoutes}): its WebSocket
     * session if one is open and its WebSocketConnectRecord is handed over (so that the connect
     * record goes first, R-MTP.8), else its MQTT topic if an MQTT transport that may carry it (its
     * {@code MQTT.AgentMTPReference}) is connected; empty if no running MTP reaches it now (the
     * notification then waits for the next connect). Owner thread; does not block.
     */
    public Optional<MtpAddress> addressOf(DataModel model, String controllerEndpointId) {
        Objects.requireNonNull(controllerEndpointId, "controllerEndpointId");
        List<Running> now = running;
        for (Running r : now) {
            if (r.transport instanceof WebSocketClientTransport c && c.isConnected()
                    && c.peer().endpointId().equals(controllerEndpointId) && r.greeted.contains(key(c.peer()))) {
                return Optional.of(c.peer());
            }
            if (r.transport instanceof WebSocketServerTransport s) {
                Optional<MtpAddress> session = s.sessions().stream()
                        .filter(a -> a.endpointId().equals(controllerEndpointId) && r.greeted.contains(key(a)))
                        .findFirst();
                if (session.isPresent()) {
                    return session;
                }
            }
            if (r.transport instanceof UdsServerTransport u) {
                MtpAddress every = UdsServerTransport.endpointAddress(controllerEndpointId);
                if (u.reaches(every)) {
                    // each connection of the controller gets it: several demarc commands may run at once
                    return Optional.of(every);
                }
            }
        }
        if (now.stream().noneMatch(MtpRouter::isConnectedMqtt)) {
            return Optional.empty();
        }
        for (MtpSettings.ControllerTopic t : MtpSettings.controllerTopics(model)) {
            if (!t.endpointId().equals(controllerEndpointId)) {
                continue;
            }
            for (Running r : now) {
                if (isConnectedMqtt(r) && t.reachableThrough(r.mtp.path())) {
                    MtpAddress to = new MtpAddress(MtpSettings.MQTT, t.topic(), t.endpointId());
                    if (!t.agentMtp().isEmpty()) {
                        remember(to, r);   // route() sends it through the MTP its AgentMTPReference names
                    }
                    return Optional.of(to);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A connect or disconnect record through {@code r}, behind the answers and notifications the
     * agent's owner thread decided before it (they leave on the agent's encoder thread). Any thread.
     */
    private CompletableFuture<Void> sendLogged(Running r, MtpAddress to, byte[] record, String what) {
        return agent.afterAnswers(() -> r.transport.send(to, record)).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("{} to {} via {} not sent: {}", what, to.endpointId(), r.mtp.path(), failure.getMessage());
            }
        });
    }

    // ------------------------------------------------------------------ bad records

    /**
     * A record from {@code from} could not be processed ({@link UspAgent.Events#badRecord}): a
     * WebSocket session is closed with 1003 (R-WS.16), a UDS connection with an Error frame
     * (R-UDS.23), once the Error answering it, if any, is on its way. MQTT has no session to
     * close. Any thread.
     */
    public void badRecord(MtpAddress from, String why) {
        if (!MtpSettings.WEBSOCKET.equals(from.protocol()) && !MtpSettings.UDS.equals(from.protocol())) {
            return;
        }
        Optional<Running> r = route(from);
        if (r.isEmpty()) {
            return;
        }
        String key = key(from);
        String reason = why.length() <= 100 ? why : why.substring(0, 100);
        closeAfterAnswer.put(key, reason);
        try {
            thread.schedule(() -> {
                if (closeAfterAnswer.remove(key, reason)) {
                    closeUnprocessable(r.get(), from, reason);
                }
            }, BAD_RECORD_CLOSE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            closeAfterAnswer.remove(key);
        }
    }

    private static void closeUnprocessable(Running r, MtpAddress peer, String reason) {
        LOG.info("closing the {} session with {}: a record could not be processed ({})", peer.protocol(),
                KnownControllers.printable(peer.address()), reason);
        if (r.transport instanceof WebSocketServerTransport s) {
            s.closeForUnprocessableRecord(peer, reason);
        } else if (r.transport instanceof WebSocketClientTransport c) {
            c.closeForUnprocessableRecord(reason);
        } else if (r.transport instanceof UdsServerTransport u) {
            u.closeForUnprocessableRecord(peer, reason);
        }
    }

    // ------------------------------------------------------------------ addresses

    private static String key(MtpAddress a) {
        return a.protocol() + "\n" + a.address();
    }

    private void remember(MtpAddress a, Running r) {
        if (a.address().isEmpty()) {
            return;
        }
        synchronized (remembered) {
            remembered.put(key(a), r);
        }
    }

    private void forget(MtpAddress a, Running r) {
        synchronized (remembered) {
            remembered.remove(key(a), r);
        }
    }

    private void forgetAll(Running r) {
        synchronized (remembered) {
            remembered.values().removeIf(v -> v == r);
        }
    }

    // ------------------------------------------------------------------ connect records

    /** On the owner thread, ahead of any record received after this: the MTP's connect record. */
    private void sendConnectRecords(Running r, MtpAddress peer) {
        UspRecords records = agent.records();
        try {
            if (r.transport instanceof MqttTransport mqtt) {
                owner.call(model -> {
                    saveAssignedClientId(model, r, mqtt);
                    forgetAnnounced(r, "");
                    announce(r, mqtt, MtpSettings.controllerTopics(model));
                    r.announced = true;
                    return null;
                });
            } else if (!peer.endpointId().isEmpty()) {
                boolean uds = MtpSettings.UDS.equals(peer.protocol());
                owner.call(model -> {
                    if (controllers.enabled(model, peer.endpointId()).isPresent()) {
                        if (uds) {
                            sendLogged(r, peer, records.udsConnect(peer.endpointId()), "UDSConnectRecord");
                        } else {
                            sendLogged(r, peer, records.webSocketConnect(peer.endpointId()), "WebSocketConnectRecord");
                        }
                    }
                    // From now on a notification may take this session: it leaves after the connect record.
                    r.greeted.add(key(peer));
                    if (r.transport instanceof UdsServerTransport u) {
                        u.ready(peer);
                    }
                    return null;
                });
            } else {
                LOG.info("WebSocket session {} named no Endpoint ID: no WebSocketConnectRecord sent",
                        KnownControllers.printable(peer.address()));
            }
        } catch (RejectedExecutionException stopping) {
            LOG.debug("no connect record to {}: the data model is stopped", peer);
        }
    }

    /**
     * The controllers reached over MQTT may have changed (one added, enabled, or given a topic):
     * each connected MQTT transport sends an MQTTConnectRecord to those it has not announced
     * itself to since it connected (R-MTP.6), and what they ask to be published with RETAIN is
     * read again. Owner thread; also once before the MTPs start.
     */
    public void controllersChanged(DataModel model) {
        status.setControllers(MtpSettings.controllerInstances(model));
        List<MtpSettings.ControllerTopic> topics = MtpSettings.controllerTopics(model);
        controllerTopics = topics;
        for (Running r : running) {
            if (r.transport instanceof MqttTransport mqtt && isConnectedMqtt(r) && r.announced) {
                announce(r, mqtt, topics);
            }
        }
    }

    /** Owner thread: the MQTTConnectRecord to each of {@code topics} {@code r} has not announced itself to. */
    private void announce(Running r, MqttTransport mqtt, List<MtpSettings.ControllerTopic> topics) {
        UspRecords.MqttVersion version = mqtt.config().protocolVersion() == MqttVersion.V5_0
                ? UspRecords.MqttVersion.V5 : UspRecords.MqttVersion.V3_1_1;
        String replyTo = mqtt.connectionInfo().replyToTopic();
        List<String> now = new ArrayList<>();
        for (MtpSettings.ControllerTopic t : topics) {
            if (!t.reachableThrough(r.mtp.path())) {
                continue;   // its MQTT.AgentMTPReference names another MTP of the agent
            }
            String key = t.endpointId() + "\n" + t.topic();
            now.add(key);
            if (r.announcedTo.add(key)) {
                MtpAddress to = new MtpAddress(MtpSettings.MQTT, t.topic(), t.endpointId());
                sendLogged(r, to, agent.records().mqttConnect(t.endpointId(), version, replyTo), "MQTTConnectRecord");
                status.controllerConnected(t.endpointId(), MtpSettings.MQTT, clock.instant());
            }
        }
        for (String gone : List.copyOf(r.announcedTo)) {
            if (!now.contains(gone)) {
                r.announcedTo.remove(gone);
                status.controllerDisconnected(gone.substring(0, gone.indexOf('\n')), MtpSettings.MQTT, clock.instant(),
                        "");
            }
        }
    }

    /**
     * R-MQTT.9: the Client Identifier an MQTT 5.0 broker assigned is saved in the client's
     * {@code ClientID} for the next connections. The change this makes to {@code Device.MQTT.}
     * does not restart the MTP ({@link #asRunning}). Owner thread.
     */
    private static void saveAssignedClientId(DataModel model, Running r, MqttTransport mqtt) {
        if (!(r.mtp instanceof MtpSettings.MqttClientMtp m) || !m.config().clientId().isEmpty()) {
            return;
        }
        String assigned = mqtt.connectionInfo().clientId();
        String path = m.clientPath() + ".ClientID";
        Result<String> saved = model.read(path);
        if (assigned.isEmpty() || saved.isOk() && saved.value().equals(assigned)) {
            return;   // none, or saved at an earlier connection of the same client
        }
        Transaction tx = model.beginForAgent();
        Optional<DmError> failed = tx.set(path, assigned);
        if (failed.isEmpty()) {
            Result<?> committed = tx.commit();
            if (committed.isOk()) {
                LOG.info("{} = {}, as the broker assigned it (R-MQTT.9)", path, assigned);
                return;
            }
            failed = Optional.of(committed.error());
        } else {
            tx.rollback();
        }
        LOG.warn("the Client Identifier the broker assigned could not be saved in {}: {}", path,
                failed.get().message());
    }

    /**
     * Owner thread: {@code r}'s MQTTConnectRecords no longer hold (it lost its broker, or connects
     * again): those controllers are no longer connected over it.
     */
    private void forgetAnnounced(Running r, String reason) {
        for (String key : r.announcedTo) {
            status.controllerDisconnected(key.substring(0, key.indexOf('\n')), MtpSettings.MQTT, clock.instant(),
                    reason);
        }
        r.announcedTo.clear();
    }

    /** A send to {@code to} failed: the controller's last error, if it is a controller. Any thread. */
    private void linkError(MtpAddress to, Throwable failure) {
        if (!to.endpointId().isEmpty() && LocalAgentInfo.PROTOCOLS.contains(to.protocol())) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : failure;
            status.controllerError(to.endpointId(), to.protocol(), clock.instant(),
                    "send failed: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        }
    }

    /** One running MTP; it hears its own transport and passes everything on to the agent. */
    private final class Running implements TransportListener {
        /** Replaced when only its MQTT client's subscriptions change (the connection goes on). */
        volatile MtpSettings.Mtp mtp;
        final MessageTransport transport;
        /** MQTT: the controllers sent an MQTTConnectRecord since the connection came up. Owner thread. */
        final Set<String> announcedTo = new HashSet<>();
        /**
         * MQTT: the connection that is up has had its MQTTConnectRecords sent ({@link
         * #sendConnectRecords}); until then {@link #controllersChanged} leaves them to it, which
         * would otherwise send them a second time. Owner thread.
         */
        boolean announced;
        /**
         * WebSocket and UDS: the sessions ({@link #key}) whose connect record is handed over (or
         * that get none), which {@link #addressOf} may give to notifications (R-MTP.8). Added on
         * the owner thread, removed on the transport's.
         */
        final Set<String> greeted = ConcurrentHashMap.newKeySet();
        /** False once the router stops the transport: its reports no longer reach the registry. Under this. */
        private boolean active = true;

        Running(MtpSettings.Mtp mtp, MessageTransport transport) {
            this.mtp = mtp;
            this.transport = transport;
        }

        synchronized void deactivate() {
            active = false;
        }

        /**
         * The MQTT transport's connection info changed: its client's and its MTP's live values
         * follow. On the transport's thread; hands the change to the owner thread at once.
         */
        void connectionInfoChanged(MqttConnectionInfo info) {
            if (!(mtp instanceof MtpSettings.MqttClientMtp m)) {
                return;
            }
            MtpStatusRegistry.MqttClientState client =
                    new MtpStatusRegistry.MqttClientState(info.status().tr181Name(), info.responseInformation());
            MtpStatusRegistry.MtpState state = new MtpStatusRegistry.MtpState(mtpStatusOf(info.status()),
                    info.responseInformation());
            synchronized (this) {
                // Checked and handed over under the lock: nothing of a stopped transport is queued
                // after what the router publishes once it stopped it.
                if (active) {
                    publish(registry -> {
                        List<String> changed = new ArrayList<>(registry.setMqttClient(m.clientPath(), client));
                        changed.addAll(registry.setMtp(m.path(), state));
                        return changed;
                    });
                }
            }
        }

        @Override
        public void recordReceived(byte[] record, MtpAddress from) {
            remember(from, this);
            agent.recordReceived(record, from);
        }

        @Override
        public void connected(MtpAddress peer) {
            if (MtpSettings.WEBSOCKET.equals(peer.protocol()) || MtpSettings.UDS.equals(peer.protocol())) {
                remember(peer, this);
                if (!peer.endpointId().isEmpty()) {
                    status.controllerConnected(peer.endpointId(), peer.protocol(), clock.instant());
                }
            }
            // First in the owner's queue: the connect record goes out before the notifications
            // that waited for this route, which the agent sends when told (R-MTP.8).
            sendConnectRecords(this, peer);
            agent.connected(peer);
        }

        @Override
        public void disconnected(MtpAddress peer, String reason) {
            if (MtpSettings.WEBSOCKET.equals(peer.protocol()) || MtpSettings.UDS.equals(peer.protocol())) {
                forget(peer, this);
                greeted.remove(key(peer));
                if (!peer.endpointId().isEmpty()) {
                    status.controllerDisconnected(peer.endpointId(), peer.protocol(), clock.instant(),
                            abnormal(reason) ? reason : "");
                }
            } else if (transport instanceof MqttTransport) {
                try {
                    owner.call(model -> {
                        forgetAnnounced(this, reason);
                        announced = false;
                        return null;
                    });
                } catch (RejectedExecutionException stopped) {
                    LOG.debug("MQTT disconnection after the data model stopped");
                }
            }
            agent.disconnected(peer, reason);
        }
    }
}

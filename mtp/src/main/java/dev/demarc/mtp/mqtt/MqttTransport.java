package dev.demarc.mtp.mqtt;

import dev.demarc.core.mtp.MessageTransport;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT MTP (TR-369 "MQTT Binding") as an MQTT client of one broker, on Eclipse Paho, for
 * MQTT 5.0 and 3.1.1.
 *
 * <p>What it does on the wire:
 * <ul>
 *   <li>CONNECT with the configured client identifier (for 3.1.1 the Endpoint ID when none is
 *       configured; for 5.0 an empty one the broker assigns, kept for every later connection:
 *       R-MQTT.8, R-MQTT.9, R-MQTT.11), user name and password (R-MQTT.7), keep-alive
 *       (R-MQTT.14; PINGREQs then follow a 5.0 CONNACK's Server Keep Alive if it gives one),
 *       Clean Start / Clean Session as configured, and for 5.0 Request Response Information
 *       (R-MQTT.12) and the {@code usp-endpoint-id} user property (R-MQTT.13).</li>
 *   <li>SUBSCRIBE, in one packet, to the configured topic filters, the CONNACK "subscribe-topic"
 *       user properties, and the agent's "reply to" topic unless a filter already covers it: the
 *       CONNACK Response Information, else the configured response topic (for 3.1.1 as the
 *       filter {@code topic/#}, to receive the "/reply-to=" topic names) (R-MQTT.15). With
 *       nothing to subscribe to it disconnects and stays disabled (R-MQTT.16); if the broker
 *       refuses every filter it sends DISCONNECT and retries (R-MQTT.17). A configured filter
 *       is subscribed at its own QoS ({@code Subscription.{i}.QoS}), the others at the
 *       configured subscription QoS. {@link #changeSubscriptions} subscribes to configured
 *       filters added and unsubscribes from those removed on the running connection
 *       (R-MQTT.34).</li>
 *   <li>PUBLISH of each record at the configured QoS (1 by default; lowered to the broker's
 *       Maximum QoS), never retained; for 5.0 with Content Type {@code usp.msg}, the "reply to"
 *       topic as Response Topic and the {@code usp-endpoint-id} user property (R-MQTT.23,
 *       R-MQTT.27); for 3.1.1 to {@code topic/reply-to=replyTo} with "/" written "%2F"
 *       (R-MQTT.24).</li>
 *   <li>On a received PUBLISH, the reply address is the Response Topic (5.0, R-MQTT.26) or what
 *       follows the last "/reply-to=" (3.1.1, R-MQTT.25; also tried for 5.0 when there is no
 *       Response Topic), empty if neither; the sender's Endpoint ID is the {@code
 *       usp-endpoint-id} user property, empty if absent. A 5.0 PUBLISH whose Content Type is
 *       neither {@code usp.msg} nor {@code application/vnd.bbf.usp.msg} is dropped (R-MQTT.27a);
 *       one without Content Type is accepted.</li>
 *   <li>After a failed attempt or a lost connection it retries with the ConnectRetry back-off
 *       ({@link ConnectRetryPolicy}, R-MQTT.10, R-MQTT.33) until closed. Paho's own automatic
 *       reconnection is off; every attempt uses a fresh Paho client with memory persistence.</li>
 *   <li>{@link #close()} sends DISCONNECT (R-MQTT.35) after Paho's quiesce time for records
 *       awaiting acknowledgement.</li>
 * </ul>
 *
 * <p>Threads: one owner thread ({@code demarc-mqtt-NAME}) runs the connection state machine and
 * calls {@link TransportListener#connected} and {@link TransportListener#disconnected}; Paho's
 * threads ({@code demarc-mqtt-NAME-paho-N}, renamed by Paho while it uses them) run the network
 * and call {@link TransportListener#recordReceived} directly, with the transport's own copy of
 * the bytes. All are daemon threads, owned by the transport and ended by {@link #close()}.
 * {@link #send} may be called from any thread; its future completes on a Paho or owner thread.
 *
 * <p>A record larger than {@link MqttClientConfig#maxRecordSize()} is refused by {@link #send}
 * and dropped (with a log line) when received; MQTT 5.0 brokers are also told the maximum packet
 * size so they drop such records themselves.
 */
public final class MqttTransport implements MessageTransport {

    private static final Logger LOG = LoggerFactory.getLogger(MqttTransport.class);

    static {
        PahoLogging.install();   // before any Paho client exists: its log joins the agent's
    }

    /** {@code Device.LocalAgent.MTP.{i}.Protocol} of this MTP, and the protocol of its addresses. */
    public static final String PROTOCOL = "MQTT";
    /** Content Type of a PUBLISH carrying a USP Record (R-MQTT.27). */
    public static final String CONTENT_TYPE = "usp.msg";
    /** The registered MIME type of a USP Record, also accepted on receipt (R-MQTT.27a). */
    public static final String CONTENT_TYPE_REGISTERED = "application/vnd.bbf.usp.msg";
    /** User property carrying the sender's USP Endpoint ID (R-MQTT.13). */
    public static final String ENDPOINT_ID_PROPERTY = "usp-endpoint-id";
    /** CONNACK user property naming a topic filter to subscribe to (R-MQTT.15). */
    public static final String SUBSCRIBE_TOPIC_PROPERTY = "subscribe-topic";

    /** How long {@link #close()} lets records in flight finish before DISCONNECT. */
    static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long {@link #close()} waits for the transport's threads. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Threads Paho may use at once (receiver, sender, callback, connect, disconnect). */
    private static final int PAHO_THREADS = 10;
    /** How long one of Paho's threads may stay idle before it ends. */
    static final Duration PAHO_THREAD_IDLE = Duration.ofSeconds(30);

    private final MqttClientConfig config;
    private final RandomGenerator random;
    private final MtpAddress brokerAddress;
    private final ScheduledThreadPoolExecutor owner;
    private final ScheduledThreadPoolExecutor pahoPool;
    private final Executor onOwner;
    private final Set<CompletableFuture<Void>> inflight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread ownerThread;
    private volatile TransportListener listener;
    private volatile MqttConnectionInfo info;
    private volatile Consumer<MqttConnectionInfo> infoObserver = changed -> { };
    /** Set while connected and subscribed: what {@link #send} publishes through. */
    private volatile Session session;
    /** Generation of the link whose received messages are delivered; -1 for none. */
    private volatile long liveGeneration = -1;

    // Owner thread only.
    private long generation;
    private PahoLink link;
    private int retryNumber;
    private ScheduledFuture<?> retryTask;
    private String clientId;
    /** The configured topic filters and their QoS: {@link #config}'s until {@link #changeSubscriptions}. */
    private MqttClientConfig subscriptionConfig;
    /** The "subscribe-topic" user properties of the last CONNACK. */
    private List<String> connackSubscribeTopics = List.of();
    /**
     * The filters of this connection and their QoS, as asked for in SUBSCRIBE and UNSUBSCRIBE:
     * an entry is added when its SUBSCRIBE is sent (removed again if refused) and removed when
     * its UNSUBSCRIBE is sent, so that changes in quick succession reach the broker in order.
     */
    private final Map<String, Integer> subscribed = new LinkedHashMap<>();
    /** The configured filters changed while the first SUBSCRIBE of a connection was on its way. */
    private boolean subscriptionsChanged;

    /** A connection records go out on: its "reply to" topic, QoS, and whether the broker takes RETAIN. */
    private record Session(long generation, PahoLink link, String replyTo, int publishQos, boolean retainAvailable) {
    }

    /**
     * What the transport counted since it was made ({@code Device.MQTT.Client.{i}.Stats.}).
     *
     * @param connectionEstablished when the broker connection was last established (CONNACK and
     *                              SUBACK), empty if never
     * @param messagesSent          PUBLISH packets sent and completed (acknowledged for QoS 1 and 2)
     * @param messagesReceived      PUBLISH packets received, those then dropped included
     * @param connectionErrors      connection attempts that failed and connections that ended
     *                              without {@link #close()}
     */
    public record Stats(Optional<Instant> connectionEstablished, long messagesSent, long messagesReceived,
                        long connectionErrors) {
        public Stats {
            Objects.requireNonNull(connectionEstablished, "connectionEstablished");
        }
    }

    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong connectionErrors = new AtomicLong();
    private volatile Instant connectionEstablished;

    /** A transport for {@code config}; nothing happens until {@link #start}. */
    public MqttTransport(MqttClientConfig config) {
        this(config, new SplittableRandom());   // not RandomGenerator.getDefault(): it loads all of jdk.random
    }

    /** As {@link #MqttTransport(MqttClientConfig)}, drawing the retry waits from {@code random}. */
    public MqttTransport(MqttClientConfig config, RandomGenerator random) {
        this(config, random, PAHO_THREAD_IDLE);
    }

    /** As {@link #MqttTransport(MqttClientConfig, RandomGenerator)}; Paho's idle threads end after {@code pahoThreadIdle}. */
    MqttTransport(MqttClientConfig config, RandomGenerator random, Duration pahoThreadIdle) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.brokerAddress = new MtpAddress(PROTOCOL, config.serverUri(), "");
        this.clientId = config.connectClientId();
        this.subscriptionConfig = config;
        this.info = MqttConnectionInfo.initial(clientId);
        String base = "demarc-mqtt-" + config.name();
        this.owner = new ScheduledThreadPoolExecutor(1, daemonThreads(base, false));
        this.owner.setRemoveOnCancelPolicy(true);
        this.owner.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.pahoPool = new ScheduledThreadPoolExecutor(PAHO_THREADS, daemonThreads(base + "-paho-", true));
        // Idle threads end, so the pool schedules nothing for later: a task waiting for its time
        // could be left with no thread to run it, as the receiver, sender and callback hold theirs
        // for the whole connection. Paho's keep-alive pings are scheduled on the owner thread.
        this.pahoPool.setKeepAliveTime(pahoThreadIdle.toMillis(), TimeUnit.MILLISECONDS);
        this.pahoPool.allowCoreThreadTimeOut(true);
        this.pahoPool.setRemoveOnCancelPolicy(true);
        this.pahoPool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.onOwner = task -> {
            try {
                owner.execute(task);
            } catch (RejectedExecutionException closedAlready) {
                LOG.debug("{}: event after close ignored", config.name());
            }
        };
    }

    private ThreadFactory daemonThreads(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, numbered ? name + count.incrementAndGet() : name);
            t.setDaemon(true);
            if (!numbered) {
                ownerThread = t;
            }
            return t;
        };
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    /** The configuration this transport was made with. */
    public MqttClientConfig config() {
        return config;
    }

    /** What the transport knows now of its connection; any thread. */
    public MqttConnectionInfo connectionInfo() {
        return info;
    }

    /** What the transport counted so far; any thread, does not block. */
    public Stats stats() {
        return new Stats(Optional.ofNullable(connectionEstablished), messagesSent.get(), messagesReceived.get(),
                connectionErrors.get());
    }

    /**
     * Has {@code observer} told each new {@link #connectionInfo()} (a change of its status,
     * client identifier, Response Information, "reply to" topic, subscriptions or last error), in
     * the order the changes happen: for {@code Device.MQTT.Client.{i}.Status} and the other live
     * values of the data model. Called on the transport's owner thread, which it must not block
     * (copy and hand off). Set it before {@link #start}; it replaces any earlier observer.
     */
    public void onConnectionInfo(Consumer<MqttConnectionInfo> observer) {
        this.infoObserver = Objects.requireNonNull(observer, "observer");
    }

    /** Owner thread: the new connection info, told to the observer if it changed. */
    private void setInfo(MqttConnectionInfo next) {
        MqttConnectionInfo before = info;
        info = next;
        if (!next.equals(before)) {
            try {
                infoObserver.accept(next);
            } catch (RuntimeException e) {
                LOG.error("{}: the connection info observer failed", config.name(), e);
            }
        }
    }

    /**
     * Starts connecting, on the owner thread; returns at once.
     *
     * @throws IllegalStateException if already started or closed
     */
    @Override
    public void start(TransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw new IllegalStateException("the MQTT transport " + config.name() + " is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the MQTT transport " + config.name() + " is already started");
        }
        this.listener = listener;
        LOG.info("{}: starting, {}", config.name(), config);
        onOwner.execute(this::attempt);
    }

    // ---- Connection state machine, on the owner thread ----

    private void attempt() {
        retryTask = null;
        if (closed.get()) {
            return;
        }
        long g = ++generation;
        setInfo(new MqttConnectionInfo(MqttClientStatus.CONNECTING, clientId, "", "", List.of(), info.lastError()));
        SSLSocketFactory tls = null;
        if (config.transportProtocol() == MqttTransportProtocol.TLS) {
            try {
                tls = TlsSocketFactories.create(config.tls());
            } catch (IOException | GeneralSecurityException e) {
                retryLater(MqttClientStatus.ERROR_MISCONFIGURED, "TLS setup failed: " + e);
                return;
            }
        }
        SocketFactory sockets = new MqttSockets(tls, config.tls().hostnameVerification(),
                (int) config.connectTimeout().toMillis());
        PahoLink.Events events = new PahoLink.Events() {
            @Override
            public void arrived(PahoLink.Inbound message) {
                onArrived(g, message);
            }

            @Override
            public void lost(String reason) {
                onOwner.execute(() -> onLost(g, reason));
            }
        };
        try {
            link = config.protocolVersion() == MqttVersion.V5_0
                    ? new Paho5Link(config, clientId, sockets, pahoPool, owner, events)
                    : new Paho3Link(config, clientId, sockets, pahoPool, owner, events);
        } catch (Exception e) {
            retryLater(MqttClientStatus.ERROR_MISCONFIGURED, "cannot make the MQTT client: " + Paho5Link.describe(e));
            return;
        }
        liveGeneration = g;
        LOG.debug("{}: connecting to {} as '{}'", config.name(), config.serverUri(), clientId);
        within(owner, link.connect(), config.connectTimeout().toSeconds() + 5)
                .whenCompleteAsync((ack, error) -> onConnack(g, ack, error), onOwner);
    }

    /**
     * {@code step}, failed with a {@link TimeoutException} if it has not completed within
     * {@code seconds} ({@code orTimeout}), timed on {@code timer}: the JDK's {@code orTimeout}
     * would start a thread of its own that stays for the rest of the process. When the step
     * completes, its timer is cancelled; a timer that no longer takes tasks leaves it untimed.
     */
    static <T> CompletableFuture<T> within(ScheduledExecutorService timer, CompletableFuture<T> step, long seconds) {
        try {
            ScheduledFuture<?> timeout = timer.schedule(() -> step.completeExceptionally(new TimeoutException(
                    "no answer within " + seconds + " s")), seconds, TimeUnit.SECONDS);
            step.whenComplete((v, e) -> timeout.cancel(false));
        } catch (RejectedExecutionException e) {
            // Closed: nothing waits for the step any more.
        }
        return step;
    }

    private boolean isCurrent(long g) {
        return g == generation && link != null && !closed.get();
    }

    private void onConnack(long g, PahoLink.ConnAck ack, Throwable error) {
        if (!isCurrent(g)) {
            return;
        }
        if (error != null) {
            Throwable cause = unwrap(error);
            retryLater(classify(cause), "connection to " + config.serverUri() + " failed: " + Paho5Link.describe(cause));
            return;
        }
        // `demarc bench` reads this line's time: process start to CONNACK.
        LOG.debug("{}: CONNACK from {}", config.name(), config.serverUri());
        if (!ack.assignedClientId().isEmpty() && !ack.assignedClientId().equals(clientId)) {
            LOG.info("{}: the broker assigned client identifier '{}'; it is used from now on",
                    config.name(), ack.assignedClientId());
            clientId = ack.assignedClientId();
        }
        String responseInformation = ack.responseInformation();
        if (!responseInformation.isEmpty() && MqttTopics.checkTopicName(responseInformation).isPresent()) {
            LOG.warn("{}: ignoring the broker's Response Information '{}': {}", config.name(), responseInformation,
                    MqttTopics.checkTopicName(responseInformation).get());
            responseInformation = "";
        }
        String replyTo = responseInformation.isEmpty() ? config.responseTopic() : responseInformation;
        connackSubscribeTopics = ack.subscribeTopics();
        subscriptionsChanged = false;
        List<String> filters = subscriptionFilters(ack.subscribeTopics(), replyTo);
        setInfo(new MqttConnectionInfo(MqttClientStatus.CONNECTING, clientId, responseInformation, replyTo,
                List.of(), info.lastError()));
        if (filters.isEmpty() || replyTo.isEmpty()) {
            disable(filters.isEmpty()
                    ? "nothing to subscribe to: no configured topic, no subscribe-topic and no response topic (R-MQTT.16)"
                    : "no \"reply to\" topic: configure ResponseTopicConfigured or use a broker giving Response Information");
            return;
        }
        final String reply = replyTo;
        final int qos = Math.min(config.publishQos(), ack.maximumQos());
        final boolean retainAvailable = ack.retainAvailable();
        List<Integer> subscribeQos = filters.stream().map(subscriptionConfig::qosOf).toList();
        within(owner, link.subscribe(filters, subscribeQos), config.connectTimeout().toSeconds() + 5)
                .whenCompleteAsync((accepted, e) -> onSuback(g, filters, subscribeQos, reply, qos, retainAvailable,
                        accepted, e), onOwner);
    }

    private List<String> subscriptionFilters(List<String> subscribeTopics, String replyTo) {
        Set<String> filters = new LinkedHashSet<>(subscriptionConfig.subscriptions());
        for (String topic : subscribeTopics) {
            Optional<String> bad = MqttTopics.checkTopicFilter(topic);
            if (bad.isPresent()) {
                LOG.warn("{}: ignoring the broker's subscribe-topic '{}': {}", config.name(), topic, bad.get());
            } else {
                filters.add(topic);
            }
        }
        if (!replyTo.isEmpty()) {
            boolean v3 = config.protocolVersion() == MqttVersion.V3_1_1;
            String arriving = v3 ? MqttTopics.withReplyTo(replyTo, "controller") : replyTo;
            boolean covered = filters.stream().anyMatch(f -> MqttTopics.matches(f, arriving));
            if (!covered) {
                filters.add(v3 ? replyTo + "/#" : replyTo);
            }
        }
        return new ArrayList<>(filters);
    }

    private void onSuback(long g, List<String> filters, List<Integer> subscribeQos, String replyTo, int qos,
                          boolean retainAvailable, List<Boolean> accepted, Throwable error) {
        if (!isCurrent(g)) {
            return;
        }
        if (error != null) {
            Throwable cause = unwrap(error);
            retryLater(MqttClientStatus.ERROR, "SUBSCRIBE failed: " + Paho5Link.describe(cause));
            return;
        }
        subscribed.clear();
        for (int i = 0; i < filters.size(); i++) {
            if (accepted.get(i)) {
                subscribed.put(filters.get(i), subscribeQos.get(i));
            } else {
                LOG.warn("{}: the broker refused the subscription to '{}'", config.name(), filters.get(i));
            }
        }
        if (subscribed.isEmpty()) {
            // R-MQTT.17: no record is published, and the connection ends with DISCONNECT.
            dropLink(true);
            retryLater(MqttClientStatus.ERROR, "the broker refused every subscription " + filters + " (R-MQTT.17)");
            return;
        }
        session = new Session(g, link, replyTo, qos, retainAvailable);
        retryNumber = 0;
        connectionEstablished = Instant.now();
        setInfo(new MqttConnectionInfo(MqttClientStatus.CONNECTED, clientId, info.responseInformation(), replyTo,
                List.copyOf(subscribed.keySet()), ""));
        LOG.info("{}: connected to {} as '{}', subscribed to {}, reply-to topic '{}'",
                config.name(), config.serverUri(), clientId, subscribed.keySet(), replyTo);
        tell(l -> l.connected(brokerAddress));
        if (subscriptionsChanged) {
            subscriptionsChanged = false;
            resubscribe();
        }
    }

    // ---- Changing the configured subscriptions while connected (R-MQTT.15, R-MQTT.34) ----

    /**
     * Takes the topic filters of {@code changed} ({@link MqttClientConfig#subscriptions()} and
     * their {@link MqttClientConfig#qosOf QoS}) as the configured ones from now on; the rest of
     * {@code changed} is not looked at. While connected, the transport sends SUBSCRIBE for each
     * filter added (or whose QoS changed) and UNSUBSCRIBE for each one no longer wanted, on the
     * same connection; the "reply to" topic and the CONNACK's "subscribe-topic" filters stay
     * subscribed (and the "reply to" topic is subscribed once no filter covers it any more).
     * Otherwise the next connection subscribes to them. Any thread; returns at once.
     */
    public void changeSubscriptions(MqttClientConfig changed) {
        Objects.requireNonNull(changed, "changed");
        onOwner.execute(() -> {
            subscriptionConfig = changed;
            if (session != null) {
                resubscribe();
            } else if (link != null) {
                subscriptionsChanged = true;
            }
        });
    }

    /** Owner thread, connected: SUBSCRIBE and UNSUBSCRIBE for what the configured filters changed. */
    private void resubscribe() {
        Session s = session;
        List<String> wanted = subscriptionFilters(connackSubscribeTopics, s.replyTo());
        List<String> gone = subscribed.keySet().stream().filter(f -> !wanted.contains(f)).toList();
        List<String> added = wanted.stream()
                .filter(f -> !Integer.valueOf(subscriptionConfig.qosOf(f)).equals(subscribed.get(f))).toList();
        long timeout = config.connectTimeout().toSeconds() + 5;
        // SUBSCRIBE first: a "reply to" topic a removed filter covered is never left without one.
        if (!added.isEmpty()) {
            List<Integer> qos = added.stream().map(subscriptionConfig::qosOf).toList();
            LOG.info("{}: subscribing to {} at QoS {}", config.name(), added, qos);
            for (int i = 0; i < added.size(); i++) {
                subscribed.put(added.get(i), qos.get(i));
            }
            within(owner, s.link().subscribe(added, qos), timeout)
                    .whenCompleteAsync((accepted, e) -> onLaterSuback(s, added, qos, accepted, e), onOwner);
        }
        if (!gone.isEmpty()) {
            LOG.info("{}: unsubscribing from {}", config.name(), gone);
            gone.forEach(subscribed::remove);
            within(owner, s.link().unsubscribe(gone), timeout)
                    .whenCompleteAsync((done, e) -> onUnsuback(s, gone, e), onOwner);
        }
    }

    private void onUnsuback(Session s, List<String> gone, Throwable error) {
        if (session != s) {
            return;
        }
        if (error != null) {
            LOG.warn("{}: UNSUBSCRIBE from {} failed: {}", config.name(), gone, Paho5Link.describe(unwrap(error)));
        }
        tellSubscriptions();
    }

    private void onLaterSuback(Session s, List<String> added, List<Integer> qos, List<Boolean> accepted,
                               Throwable error) {
        if (session != s) {
            return;
        }
        for (int i = 0; i < added.size(); i++) {
            if (error != null || !accepted.get(i)) {
                LOG.warn("{}: the broker refused the subscription to '{}'{}", config.name(), added.get(i),
                        error == null ? "" : ": " + Paho5Link.describe(unwrap(error)));
                subscribed.remove(added.get(i), qos.get(i));
            }
        }
        tellSubscriptions();
    }

    private void tellSubscriptions() {
        MqttConnectionInfo now = info;
        setInfo(new MqttConnectionInfo(now.status(), now.clientId(), now.responseInformation(), now.replyToTopic(),
                List.copyOf(subscribed.keySet()), now.lastError()));
    }

    private void onLost(long g, String reason) {
        if (!isCurrent(g)) {
            return;
        }
        Session s = session;
        session = null;
        failInflight("the connection to the broker was lost: " + reason);
        if (s != null && s.generation() == g) {
            tell(l -> l.disconnected(brokerAddress, reason));
        }
        retryLater(MqttClientStatus.ERROR_BROKER_UNREACHABLE, "connection lost: " + reason);
    }

    /** Ends the current attempt or connection and schedules the next attempt. */
    private void retryLater(MqttClientStatus status, String reason) {
        connectionErrors.incrementAndGet();
        dropLink(false);
        retryNumber++;
        Duration wait = config.connectRetry().delay(retryNumber, random);
        setInfo(info.withStatus(status, reason));
        if (retryNumber == 1) {
            LOG.warn("{}: {}; retrying in {} ms", config.name(), reason, wait.toMillis());
        } else {
            LOG.info("{}: {}; retry {} in {} ms", config.name(), reason, retryNumber, wait.toMillis());
        }
        try {
            retryTask = owner.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("{}: no retry, closing", config.name());
        }
    }

    /** R-MQTT.16: disconnects and stays disabled until closed. */
    private void disable(String reason) {
        connectionErrors.incrementAndGet();
        dropLink(true);
        setInfo(info.withStatus(MqttClientStatus.ERROR_MISCONFIGURED, reason));
        LOG.error("{}: {}; the MTP is disabled", config.name(), reason);
    }

    private void dropLink(boolean sendDisconnect) {
        PahoLink l = link;
        link = null;
        session = null;
        liveGeneration = -1;
        if (l != null) {
            if (sendDisconnect) {
                l.disconnectAndClose(DISCONNECT_TIMEOUT);
            } else {
                l.closeForcibly();
            }
        }
        failInflight("the connection to the broker ended");
    }

    // ---- Receiving, on Paho's callback thread ----

    private void onArrived(long g, PahoLink.Inbound message) {
        if (g != liveGeneration || closed.get()) {
            return;
        }
        messagesReceived.incrementAndGet();
        byte[] payload = message.payload();
        int size = payload == null ? 0 : payload.length;
        if (size > config.maxRecordSize()) {
            LOG.warn("{}: dropped a record of {} bytes on '{}': more than the maximum of {} bytes",
                    config.name(), size, message.topic(), config.maxRecordSize());
            return;
        }
        String contentType = message.contentType();
        if (contentType != null && !CONTENT_TYPE.equals(contentType) && !CONTENT_TYPE_REGISTERED.equals(contentType)) {
            LOG.warn("{}: dropped a PUBLISH on '{}' with Content Type '{}': not a USP Record",
                    config.name(), message.topic(), contentType);
            return;
        }
        String replyTo = message.responseTopic() != null && !message.responseTopic().isEmpty()
                ? message.responseTopic()
                : MqttTopics.replyToOf(message.topic()).orElse("");
        if (!replyTo.isEmpty() && MqttTopics.checkTopicName(replyTo).isPresent()) {
            LOG.warn("{}: the \"reply to\" topic of a record on '{}' is unusable: {}", config.name(), message.topic(),
                    MqttTopics.checkTopicName(replyTo).get());
            replyTo = "";
        }
        if (replyTo.isEmpty()) {
            // The agent says so once per controller, for the requests it then does not process.
            LOG.debug("{}: a record on '{}' names no \"reply to\" topic", config.name(), message.topic());
        }
        String endpointId = message.endpointId() == null ? "" : message.endpointId();
        byte[] record = size == 0 ? new byte[0] : payload.clone();
        MtpAddress from = new MtpAddress(PROTOCOL, replyTo, endpointId);
        TransportListener l = listener;
        try {
            l.recordReceived(record, from);
        } catch (RuntimeException e) {
            LOG.error("{}: the listener failed on a received record", config.name(), e);
        }
    }

    // ---- Sending, on any thread ----

    /**
     * Publishes {@code record} to topic {@code to.address()}. The future fails at once with
     * {@link IllegalArgumentException} for an address that is not an MQTT topic name or a record
     * over {@link MqttClientConfig#maxRecordSize()}, with {@link IllegalStateException} when not
     * connected, closed, or with {@link MqttClientConfig#maxInflight()} records already awaiting
     * their PUBACK; and later with {@link IOException} if the broker refuses the record or the
     * connection ends before its PUBACK. The bytes are copied before this returns. RETAIN is not
     * set.
     */
    @Override
    public CompletableFuture<Void> send(MtpAddress to, byte[] record) {
        return send(to, record, false);
    }

    /**
     * {@link #send(MtpAddress, byte[])} with the RETAIN flag set if {@code retain}, as a
     * controller's {@code MQTT.PublishRetainResponse} or {@code MQTT.PublishRetainNotify} asks;
     * but never when the broker said Retain Available = 0 in its CONNACK (MQTT 5.0).
     */
    public CompletableFuture<Void> send(MtpAddress to, byte[] record, boolean retain) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(record, "record");
        if (!PROTOCOL.equals(to.protocol())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "not an MQTT address: " + to.protocol() + " " + to.address()));
        }
        Optional<String> badTopic = MqttTopics.checkTopicName(to.address());
        if (badTopic.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "cannot publish to '" + to.address() + "': " + badTopic.get()));
        }
        if (record.length > config.maxRecordSize()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "the record is " + record.length + " bytes, more than the maximum record size of "
                            + config.maxRecordSize() + " bytes"));
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the MQTT transport " + config.name() + " is closed"));
        }
        Session s = session;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "not connected to the broker " + config.serverUri() + " (" + info.status().tr181Name()
                            + (info.lastError().isEmpty() ? "" : ": " + info.lastError()) + ")"));
        }
        if (inflight.size() >= config.maxInflight()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    config.maxInflight() + " records already await their PUBACK"));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        inflight.add(result);
        result.whenComplete((v, e) -> inflight.remove(result));
        boolean retained = retain && s.retainAvailable();
        s.link().publish(to.address(), record, s.publishQos(), s.replyTo(), retained).whenComplete((v, e) -> {
            if (e == null) {
                messagesSent.incrementAndGet();
                result.complete(null);
            } else {
                Throwable cause = unwrap(e);
                result.completeExceptionally(new IOException(
                        "publishing to '" + to.address() + "' failed: " + Paho5Link.describe(cause), cause));
            }
        });
        return result;
    }

    private void failInflight(String reason) {
        for (CompletableFuture<Void> f : List.copyOf(inflight)) {
            f.completeExceptionally(new IOException(reason + "; the record may not have reached the broker"));
        }
    }

    // ---- Closing ----

    /**
     * Sends DISCONNECT if connected, fails what still awaits a PUBACK, and stops the transport's
     * threads, waiting for them at most {@link #CLOSE_TIMEOUT}. Idempotent; any thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() == ownerThread) {
            shutdownOnOwner();
        } else {
            try {
                Future<?> done = owner.submit(this::shutdownOnOwner);
                done.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
                LOG.warn("{}: closing did not finish cleanly: {}", config.name(), e.toString());
            }
        }
        owner.shutdown();
        pahoPool.shutdown();
        if (Thread.currentThread() != ownerThread) {
            awaitOrForce(owner);
        }
        awaitOrForce(pahoPool);
        LOG.info("{}: closed", config.name());
    }

    private void shutdownOnOwner() {
        if (retryTask != null) {
            retryTask.cancel(false);
            retryTask = null;
        }
        generation++;
        Session s = session;
        PahoLink l = link;
        link = null;
        session = null;
        liveGeneration = -1;
        if (l != null) {
            if (s != null) {
                l.disconnectAndClose(DISCONNECT_TIMEOUT);
            } else {
                l.closeForcibly();
            }
        }
        failInflight("the MQTT transport was closed");
        setInfo(info.withStatus(MqttClientStatus.DISABLED, ""));
        if (s != null) {
            tell(t -> t.disconnected(brokerAddress, "the MQTT transport was closed"));
        }
    }

    private void awaitOrForce(ScheduledThreadPoolExecutor executor) {
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                LOG.warn("{}: threads still running after {}", config.name(), CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ---- Helpers ----

    private void tell(Consumer<TransportListener> call) {
        TransportListener l = listener;
        if (l == null) {
            return;
        }
        try {
            call.accept(l);
        } catch (RuntimeException e) {
            LOG.error("{}: the transport listener failed", config.name(), e);
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The TR-181 status a failed attempt leaves, from its cause. */
    static MqttClientStatus classify(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return MqttClientStatus.ERROR_MISCONFIGURED;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return MqttClientStatus.ERROR_BROKER_UNREACHABLE;
            }
            if (t instanceof org.eclipse.paho.client.mqttv3.MqttSecurityException
                    || t instanceof org.eclipse.paho.mqttv5.common.MqttSecurityException) {
                return MqttClientStatus.ERROR_MISCONFIGURED;
            }
            if (t instanceof org.eclipse.paho.mqttv5.common.MqttException m) {
                int code = m.getReasonCode();
                if (code == 0x84 || code == 0x85 || code == 0x86 || code == 0x87 || code == 0x8C) {
                    return MqttClientStatus.ERROR_MISCONFIGURED;
                }
                if (code == 32103 || code == 32000) {
                    return MqttClientStatus.ERROR_BROKER_UNREACHABLE;
                }
            }
            if (t instanceof org.eclipse.paho.client.mqttv3.MqttException m) {
                int code = m.getReasonCode();
                if (code >= 1 && code <= 5) {
                    return MqttClientStatus.ERROR_MISCONFIGURED;
                }
                if (code == 32103 || code == 32000) {
                    return MqttClientStatus.ERROR_BROKER_UNREACHABLE;
                }
            }
        }
        return MqttClientStatus.ERROR;
    }
}

package dev.demarc.core.usp;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.mtp.TransportListener;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.store.Store;
import dev.demarc.core.usp.message.UspAdd;
import dev.demarc.core.usp.message.UspDelete;
import dev.demarc.core.usp.message.UspGet;
import dev.demarc.core.usp.message.UspGetInstances;
import dev.demarc.core.usp.message.UspGetSupportedDm;
import dev.demarc.core.usp.message.UspOperate;
import dev.demarc.core.usp.message.UspSet;
import dev.demarc.core.usp.notify.BootCause;
import dev.demarc.core.usp.notify.ControllerRoutes;
import dev.demarc.core.usp.notify.Notifications;
import dev.demarc.core.usp.notify.NotifyConfig;
import dev.demarc.core.usp.notify.OwnerScheduler;
import dev.demarc.core.usp.notify.ScheduleTimerCommand;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The USP agent's protocol core: takes the records the MTPs receive, checks them as TR-369 says,
 * answers the requests inside from the data model, and sends each answer back to the address
 * the request came from.
 *
 * <p><b>Threads.</b> {@link #recordReceived} is called on a transport's thread: it only queues
 * the record for the data model's owner thread and returns. Decoding, checking and answering run
 * on the owner thread, which reads the data model into immutable values ({@link UspGetResp},
 * built messages) and hands them on: encoding the answer's Msg and Record and handing it to the
 * {@link Sender} run on the agent's encoder thread ({@code demarc-usp-encoder}), so that the owner
 * thread never waits for them and they never touch the data model. Records received and not
 * yet answered, on either thread, are at most {@link Config#maxPendingRecords()}; more are
 * dropped and logged. The encoder takes the answers and the notifications in the order the owner
 * thread handed them over, so each controller gets its messages in that order. The sender must
 * not block (a {@code MessageTransport.send} returns a future). The {@link Events} are called on
 * the owner thread and must hand off too.
 *
 * <p><b>Records</b> (TR-369 "End to End Message Exchange", "USP Record Errors"):
 * <ul>
 *   <li>a record whose {@code to_id} is not this agent, whose {@code from_id} is this agent, or
 *   that comes from an endpoint that is not an enabled controller is dropped and logged
 *   (R-E2E.1; TP-469 2.1, 2.2);</li>
 *   <li>a record that cannot be parsed, or is larger than {@link Config#maxRecordBytes()}, is
 *   answered with an Error (7100 Record could not be parsed, 7005 Resources exceeded) when the
 *   sender, receiver, Message ID and request type can still be read from it, and dropped
 *   otherwise (R-MTP.5); {@link Events#badRecord} is told either way (WebSocket closes the
 *   connection with 1003, R-WS.16);</li>
 *   <li>an invalid {@code version} or an unknown {@code payload_security} is answered with
 *   7104 Invalid Record value; a {@code TLS12} payload (which needs a session context) and a
 *   {@code no_session_context} record without payload are dropped (no Message ID can be read);</li>
 *   <li><b>E2E session contexts are not supported</b>: a {@code session_context} record from a
 *   controller is answered with a DisconnectRecord with reason code 7106 Session Context not
 *   allowed (R-E2E.6a);</li>
 *   <li>connect and disconnect records from a controller are logged and need no answer; a
 *   record with no record type is discarded (R-ENC.4).</li>
 * </ul>
 *
 * <p><b>Messages</b>: Get, Set, Add, Delete, GetInstances, GetSupportedDM, GetSupportedProtocol
 * and Operate (synchronous commands, see {@link UspCommands}) are served; Notify, Register and
 * Deregister requests get Error 7001 Message not supported (an agent sends Notify, and this one
 * is no USP Broker); an unknown request type gets 7001 and an empty request 7004 (R-ENC.5). A
 * NotifyResp goes to the {@link Notifications} and to {@link Events#notifyResponse}; other
 * responses and errors from a controller are logged. Every answer carries the request's Message
 * ID (R-MSG.9) and goes in a {@code no_session_context} record (R-MSG.0a).
 *
 * <p><b>Notifications</b> ({@link Notifications}) start with {@link #start(BootCause)}: the
 * agent then sends Notify messages for the subscriptions, {@code Boot!}, {@code Periodic!},
 * OnBoardRequest and OperationComplete, to the address {@link ControllerRoutes} gives for each
 * controller, and what waits for a controller is sent when a transport reports
 * {@link #connected}. An Add of a subscription gets its {@code Recipient} from the agent in any
 * case. {@link #stop()} stops the timers.
 *
 * <p><b>Access control</b>: each request is answered within what the sending controller's
 * roles allow ({@link UspAccess}; TR-369 "Roles (Access Control)", R-SEC.1): the handlers leave
 * out what it may not read and refuse with 7006 what it may not do.
 *
 * <p>Owns one thread, the encoder, started when there is something to send and ended after
 * {@value #ENCODER_IDLE_SECONDS} s without work, so that an agent needs no closing (answers may
 * still go out after {@link #stop()}). The {@link DataModelOwner} and the transports belong to the
 * caller.
 */
public final class UspAgent implements TransportListener {

    private static final Logger LOG = LoggerFactory.getLogger(UspAgent.class);

    /** How long the encoder thread waits for work before it ends (a new one starts when needed). */
    static final int ENCODER_IDLE_SECONDS = 10;

    /** The command the agent runs itself unless the wiring layer gives one. */
    static final String SEND_ON_BOARD_REQUEST = "Device.LocalAgent.Controller.{i}.SendOnBoardRequest()";
    /** The command the agent runs itself to cancel an asynchronous command, unless the wiring layer gives one. */
    static final String CANCEL_REQUEST = "Device.LocalAgent.Request.{i}.Cancel()";

    /**
     * Limits and versions.
     *
     * @param maxRecordBytes    largest record accepted (default 256 KiB: a Set may carry a
     *                          parameter value of up to 64 KiB); a larger one gets 7005
     * @param maxResponseBytes  largest answer built (default 4 MiB); a larger one is replaced by
     *                          an Error 7005 asking for less
     * @param maxPendingRecords records received and not yet answered (waiting for the owner
     *                          thread or the encoder thread) before more are dropped (default
     *                          256)
     * @param protocolVersion   the {@code version} of the records this agent sends (default
     *                          {@code 1.4})
     * @param supportedVersions what GetSupportedProtocol answers (default {@code 1.2,1.3,1.4}:
     *                          the versions whose Get semantics, one result per object and
     *                          {@code max_depth}, this agent follows; records of any version are
     *                          accepted)
     * @param dataModelUri      the {@code data_model_inst_uri} of GetSupportedDM (default empty)
     */
    public record Config(int maxRecordBytes, int maxResponseBytes, int maxPendingRecords,
                         String protocolVersion, String supportedVersions, String dataModelUri) {

        public static final Config DEFAULT = new Config(256 * 1024, 4 * 1024 * 1024, 256, "1.4", "1.2,1.3,1.4", "");

        public Config {
            if (maxRecordBytes < 1024 || maxResponseBytes < 1024 || maxPendingRecords < 1) {
                throw new IllegalArgumentException("limits too small: record " + maxRecordBytes + ", response "
                        + maxResponseBytes + ", pending " + maxPendingRecords);
            }
            Objects.requireNonNull(protocolVersion, "protocolVersion");
            if (!UspRecords.VERSION.matcher(protocolVersion).matches()) {
                throw new IllegalArgumentException("not a major.minor version: " + protocolVersion);
            }
            Objects.requireNonNull(supportedVersions, "supportedVersions");
            Objects.requireNonNull(dataModelUri, "dataModelUri");
        }

        public Config withMaxRecordBytes(int value) {
            return new Config(value, maxResponseBytes, maxPendingRecords, protocolVersion, supportedVersions, dataModelUri);
        }

        public Config withMaxResponseBytes(int value) {
            return new Config(maxRecordBytes, value, maxPendingRecords, protocolVersion, supportedVersions, dataModelUri);
        }

        public Config withMaxPendingRecords(int value) {
            return new Config(maxRecordBytes, maxResponseBytes, value, protocolVersion, supportedVersions, dataModelUri);
        }

        public Config withDataModelUri(String value) {
            return new Config(maxRecordBytes, maxResponseBytes, maxPendingRecords, protocolVersion, supportedVersions, value);
        }
    }

    /**
     * What a record to send carries, for an MTP that sends records differently by it: an MQTT MTP
     * sets RETAIN as the controller's {@code MQTT.PublishRetainResponse} and {@code
     * MQTT.PublishRetainNotify} say.
     */
    public enum Carried {
        /** A Response, or an Error answering a request: the answer to what a controller sent. */
        RESPONSE,
        /** A Notify request. */
        NOTIFY,
        /** No Msg: an MTP connect record or a DisconnectRecord. */
        NO_MSG
    }

    /** Sends one record, which carries {@code carried}. Must not block. */
    @FunctionalInterface
    public interface Sender {
        CompletableFuture<Void> send(MtpAddress to, byte[] record, Carried carried);
    }

    /** What the wiring layer may want to hear; every method does nothing by default. */
    public interface Events {
        /**
         * A transport reached {@code peer}: time to send the MTP's connect record. Transport
         * thread. Hand the connect record to the transport before returning: notifications that
         * waited for a route are sent after this, on the owner thread.
         */
        default void connected(MtpAddress peer) {
        }

        /** A transport lost {@code peer}. Transport thread. */
        default void disconnected(MtpAddress peer, String reason) {
        }

        /** A record from {@code from} could not be processed (WebSocket: close with 1003). Owner thread. */
        default void badRecord(MtpAddress from, String why) {
        }

        /** A controller answered a Notify sent with {@code send_resp}. Owner thread. */
        default void notifyResponse(String controllerEndpointId, String msgId, String subscriptionId) {
        }
    }

    /** A record to send, which carries {@code carried}. */
    public record Outbound(MtpAddress to, byte[] record, Carried carried) {
        public Outbound {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(carried, "carried");
        }
    }

    private final String endpointId;
    private final DataModelOwner owner;
    private final Sender sender;
    private final Config config;
    private final UspCommands commands;
    private final UspControllers controllers;
    private final ControllerRoutes routes;
    /**
     * The controllers whose requests came without an address to answer to, logged once until
     * one of theirs comes with one. Owner thread; at most {@link #MAX_WITHOUT_RETURN_PATH}
     * (past that it starts afresh, and each is logged once more).
     */
    private final Set<String> withoutReturnPath = new HashSet<>();
    static final int MAX_WITHOUT_RETURN_PATH = 64;
    private final Events events;
    private final UspRecords records;
    private final Notifications notifications;
    private final AtomicInteger pending = new AtomicInteger();
    private final UspAccess access = new UspAccess();
    /** Encodes answers and hands them and the notifications to the sender, in order. */
    private final ThreadPoolExecutor encoder;

    private UspAgent(Builder b) {
        this.endpointId = Objects.requireNonNull(b.endpointId, "endpointId");
        this.owner = Objects.requireNonNull(b.owner, "owner");
        this.sender = Objects.requireNonNull(b.sender, "sender");
        this.config = b.config;
        this.controllers = b.controllers;
        this.routes = b.routes;
        this.events = b.events;
        this.records = new UspRecords(config.protocolVersion(), endpointId);
        this.encoder = new ThreadPoolExecutor(1, 1, ENCODER_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, "demarc-usp-encoder");
                    t.setDaemon(true);
                    return t;
                });
        this.encoder.allowCoreThreadTimeOut(true);
        OwnerScheduler scheduler = b.scheduler != null ? b.scheduler : OwnerScheduler.of(owner, Clock.systemUTC());
        this.notifications = new Notifications(new Notifications.Parts(owner, scheduler, records, this::sendInOrder,
                b.routes, b.notifyStore, b.notifyConfig, config.supportedVersions(), config.maxResponseBytes(), b.random,
                Notifications.Permissions.of(access::policyFor)));
        this.commands = b.commands.orElse(SEND_ON_BOARD_REQUEST, notifications::sendOnBoardRequest)
                .orElse(CANCEL_REQUEST, notifications.asyncOperations()::cancel)
                .orElseAsync(ScheduleTimerCommand.PATH, new ScheduleTimerCommand(scheduler));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String endpointId() {
        return endpointId;
    }

    /**
     * What each controller may see and do, from {@code Device.LocalAgent.ControllerTrust.}:
     * every request is checked against it, and so must every Notify (the {@code n} letters).
     * Owner thread.
     */
    public UspAccess access() {
        return access;
    }

    /** The record builder for this agent, for the connect and disconnect records. */
    public UspRecords records() {
        return records;
    }

    // ------------------------------------------------------------------ notifications

    /**
     * Starts notifications on the owner thread: raises {@code Boot!} with {@code boot}, takes back
     * the persisted notifications of the last run, starts periodic events, polling and
     * subscription lifetimes. Call once, when the agent starts (before or after the transports:
     * what cannot be sent yet waits for {@link #connected}). Any thread.
     */
    public CompletableFuture<Void> start(BootCause boot) {
        Objects.requireNonNull(boot, "boot");
        return owner.call(model -> {
            notifications.start(model, boot, commands);
            return null;
        });
    }

    /**
     * Stops the notification timers, on the owner thread; persisted notifications stay stored.
     * Completes once what the owner thread had decided to send by then is handed to the sender,
     * so that the wiring layer may send DisconnectRecords after it. Records received later are
     * still answered. Any thread.
     */
    public CompletableFuture<Void> stop() {
        try {
            return owner.call(model -> {
                notifications.stop();
                return null;
            }).thenCompose(v -> flushed());
        } catch (RejectedExecutionException e) {
            return flushed();
        }
    }

    /**
     * The platform raised an event of the data model, e.g. {@code ("Device.WiFi.Radio.1.",
     * "Changed!", args)}: an Event notification to each subscription that covers it. Any thread.
     */
    public void event(String objectPath, String eventName, Map<String, String> arguments) {
        Objects.requireNonNull(objectPath, "objectPath");
        Objects.requireNonNull(eventName, "eventName");
        Map<String, String> copy = Map.copyOf(arguments);
        try {
            owner.call(model -> {
                notifications.event(objectPath, eventName, copy);
                return null;
            }).exceptionally(e -> {
                LOG.error("event {}{} could not be raised", objectPath, eventName, e);
                return null;
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("event {}{} dropped: the data model is stopped", objectPath, eventName);
        }
    }

    /** The notifications, for the owner thread (tests, the CLI's status). */
    public Notifications notifications() {
        return notifications;
    }

    // ------------------------------------------------------------------ TransportListener

    /** Queues the record for the owner thread and returns at once. Transport thread. */
    @Override
    public void recordReceived(byte[] record, MtpAddress from) {
        if (pending.incrementAndGet() > config.maxPendingRecords()) {
            pending.decrementAndGet();
            LOG.warn("record of {} bytes from {} dropped: {} records are already waiting", record.length, from,
                    config.maxPendingRecords());
            return;
        }
        CompletableFuture<List<Reply>> handled;
        try {
            handled = owner.call(model -> handle(model, record, from));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            LOG.warn("record from {} dropped: the data model is stopped", from);
            return;
        }
        // On the owner thread, which completes the future (here, if it is done already): hands
        // the answer to the encoder and goes on.
        handled.whenComplete((replies, failure) -> {
            if (failure != null) {
                pending.decrementAndGet();
                LOG.error("record from {} could not be handled", from, failure);
                return;
            }
            if (replies.isEmpty()) {
                pending.decrementAndGet();
                return;
            }
            onEncoder(() -> {
                List<Outbound> out = new ArrayList<>(replies.size());
                try {
                    for (Reply r : replies) {
                        out.add(encode(r));
                    }
                } finally {
                    // Before sending: once its answer has gone out, a record counts no more.
                    pending.decrementAndGet();
                }
                out.forEach(this::send);
            });
        });
    }

    /**
     * Completes once every answer and notification handed to the encoder before this call has
     * been handed to the sender: for {@link #stop()} and tests. Any thread.
     */
    public CompletableFuture<Void> flushed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onEncoder(() -> done.complete(null));
        return done;
    }

    /** Runs {@code task} on the encoder thread after what was handed to it before. */
    private void onEncoder(Runnable task) {
        Runnable logged = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("an answer could not be encoded or sent", e);
            }
        };
        try {
            encoder.execute(logged);
        } catch (RejectedExecutionException e) {
            // Not shut down by anyone; should the JVM refuse a thread, answer on this thread.
            LOG.warn("encoder thread unavailable ({}); encoding on {}", e.toString(), Thread.currentThread().getName());
            logged.run();
        }
    }

    /**
     * The sender of the notifications: through the encoder thread, so that a notification and an
     * answer to the same controller leave in the order the owner thread decided them.
     */
    private CompletableFuture<Void> sendInOrder(MtpAddress to, byte[] record, Carried carried) {
        return afterAnswers(() -> sender.send(to, record, carried));
    }

    /**
     * Runs {@code send} on the encoder thread after every answer and notification handed to it
     * before, and completes as the future it returns: for the records the wiring layer sends
     * itself through a transport of its choice (connect and disconnect records), which must not
     * overtake the answers the owner thread decided before them. {@code send} must not block.
     * Any thread.
     */
    public CompletableFuture<Void> afterAnswers(Supplier<CompletableFuture<Void>> send) {
        Objects.requireNonNull(send, "send");
        CompletableFuture<Void> result = new CompletableFuture<>();
        onEncoder(() -> {
            CompletableFuture<Void> sent;
            try {
                sent = send.get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((ok, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(null);
                }
            });
        });
        return result;
    }

    @Override
    public void connected(MtpAddress peer) {
        LOG.info("MTP {} connected to {}", peer.protocol(), peer.address());
        events.connected(peer);
        try {
            owner.call(model -> {
                notifications.connected();
                return null;
            }).exceptionally(e -> {
                LOG.error("notifications waiting for {} could not be sent", peer, e);
                return null;
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("connection to {} reported after the data model stopped", peer);
        }
    }

    @Override
    public void disconnected(MtpAddress peer, String reason) {
        LOG.info("MTP {} lost {}: {}", peer.protocol(), peer.address(), reason);
        events.disconnected(peer, reason);
    }

    private void send(Outbound o) {
        CompletableFuture<Void> sent;
        try {
            sent = sender.send(o.to(), o.record(), o.carried());
        } catch (RuntimeException e) {
            LOG.warn("could not send {} bytes to {}: {}", o.record().length, o.to(), e.toString());
            return;
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("could not send {} bytes to {}: {}", o.record().length, o.to(), failure.toString());
            }
        });
    }

    // ------------------------------------------------------------------ records

    /**
     * Handles one received record and answers what to send back (nothing, or one record), encoded
     * on the calling thread. Owner thread; {@link #recordReceived} does the same with the
     * encoding on the encoder thread.
     */
    public List<Outbound> receive(DataModel model, byte[] bytes, MtpAddress from) {
        List<Reply> replies = handle(model, bytes, from);
        List<Outbound> out = new ArrayList<>(replies.size());
        for (Reply r : replies) {
            out.add(encode(r));
        }
        return out;
    }

    /** Handles one received record: what to answer, not yet encoded. Owner thread. */
    private List<Reply> handle(DataModel model, byte[] bytes, MtpAddress from) {
        if (bytes.length > config.maxRecordBytes()) {
            String why = "the record has " + bytes.length + " bytes; this agent takes at most " + config.maxRecordBytes();
            events.badRecord(from, why);
            return answerBadRecord(model, UspPeek.record(bytes), from, ErrorCode.RESOURCES_EXCEEDED.code(), why);
        }
        UspRecord.Record record;
        try {
            record = UspRecord.Record.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            String why = "the record could not be parsed: " + e.getMessage();
            events.badRecord(from, why);
            return answerBadRecord(model, UspPeek.record(bytes), from, UspRecordError.RECORD_NOT_PARSED.code(), why);
        }
        if (!record.getToId().equals(endpointId)) {
            LOG.info("record to {} from {} via {} dropped: not for this agent ({})",
                    shorten(record.getToId()), shorten(record.getFromId()), from, endpointId);
            return List.of();
        }
        if (record.getFromId().equals(endpointId)) {
            LOG.warn("record via {} dropped: it claims to come from this agent", from);
            return List.of();
        }
        Optional<UspControllers.Controller> controller = controllers.enabled(model, record.getFromId());
        if (controller.isEmpty()) {
            LOG.warn("record from {} via {} dropped: not an enabled controller of this agent",
                    shorten(record.getFromId()), from);
            return List.of();
        }
        if (access.banned(model, controller.get().path())) {
            LOG.warn("record from {} via {} dropped: {} holds the BannedRole", shorten(record.getFromId()), from,
                    controller.get().path());
            return List.of();
        }
        UspRequestContext context = new UspRequestContext(record.getFromId(), controller.get().path(), from);
        switch (record.getRecordTypeCase()) {
            case NO_SESSION_CONTEXT -> {
                return noSessionContext(model, record, context);
            }
            case SESSION_CONTEXT -> {
                LOG.info("session context record from {} refused: this agent does not support E2E session contexts",
                        record.getFromId());
                return List.of(new RecordReply(from, records.disconnect(record.getFromId(),
                        "this agent does not support E2E session contexts; use no_session_context records",
                        UspRecordError.SESSION_CONTEXT_NOT_ALLOWED)));
            }
            case DISCONNECT -> {
                UspRecord.DisconnectRecord d = record.getDisconnect();
                LOG.info("controller {} disconnects: {} {}", record.getFromId(), d.getReasonCode(), shorten(d.getReason()));
                return List.of();
            }
            case WEBSOCKET_CONNECT, MQTT_CONNECT, STOMP_CONNECT, UDS_CONNECT -> {
                LOG.debug("{} record from controller {}", record.getRecordTypeCase(), record.getFromId());
                return List.of();
            }
            default -> {
                LOG.warn("record from {} discarded: it has no record type", record.getFromId());
                return List.of();
            }
        }
    }

    private List<Reply> noSessionContext(DataModel model, UspRecord.Record record, UspRequestContext context) {
        // Parsed from an array: protobuf-lite's fast path (from a ByteString it takes its general
        // reader, slower, and the JIT compiler needs megabytes to compile it).
        byte[] payload = record.getNoSessionContext().getPayload().toByteArray();
        if (payload.length == 0) {
            LOG.warn("record from {} dropped: its no_session_context has no payload", context.controllerEndpointId());
            return List.of();
        }
        if (record.getPayloadSecurity() == UspRecord.Record.PayloadSecurity.TLS12) {
            LOG.warn("record from {} dropped: a TLS12 payload needs an E2E session context, which this agent does not support",
                    context.controllerEndpointId());
            return List.of();
        }
        if (record.getPayloadSecurity() != UspRecord.Record.PayloadSecurity.PLAINTEXT) {
            return answerMessageHeader(UspPeek.message(payload), context,
                    UspRecordError.INVALID_RECORD_VALUE.code(),
                    "unknown payload_security " + record.getPayloadSecurityValue());
        }
        if (!UspRecords.VERSION.matcher(record.getVersion()).matches()) {
            return answerMessageHeader(UspPeek.message(payload), context,
                    UspRecordError.INVALID_RECORD_VALUE.code(), "the record's version must be major.minor, e.g. 1.4");
        }
        UspMsg.Msg msg;
        try {
            msg = UspMsg.Msg.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            events.badRecord(context.from(), "the message could not be parsed");
            return answerMessageHeader(UspPeek.message(payload), context, ErrorCode.INVALID_ARGUMENTS.code(),
                    "the message could not be parsed: " + e.getMessage());
        }
        return message(model, msg, context);
    }

    /** R-MTP.5 for a record that could not be processed: an Error if it can be delivered. */
    private List<Reply> answerBadRecord(DataModel model, UspPeek.Found found, MtpAddress from, int code, String why) {
        if (!found.toId().equals(endpointId) || found.fromId().equals(endpointId)) {
            LOG.warn("bad record via {} dropped ({}): not addressed to this agent", from, why);
            return List.of();
        }
        Optional<UspControllers.Controller> controller = controllers.enabled(model, found.fromId());
        if (controller.isEmpty() || access.banned(model, controller.get().path())) {
            LOG.warn("bad record via {} dropped ({}): not from an enabled controller", from, why);
            return List.of();
        }
        return answerMessageHeader(found, new UspRequestContext(found.fromId(), controller.get().path(), from), code, why);
    }

    private List<Reply> answerMessageHeader(UspPeek.Found header, UspRequestContext context, int code, String why) {
        if (!header.hasMessageId() || !UspMessages.isRequestType(header.msgType())) {
            LOG.warn("bad record from {} dropped ({}): no request with a Message ID in it", context.controllerEndpointId(), why);
            return List.of();
        }
        LOG.warn("bad record from {} answered with error {}: {}", context.controllerEndpointId(), code, why);
        return answer(context, UspMessages.error(header.msgId(), new UspError(code, why, List.of())));
    }

    // ------------------------------------------------------------------ messages

    private List<Reply> message(DataModel model, UspMsg.Msg msg, UspRequestContext context) {
        String msgId = msg.getHeader().getMsgId();
        if (msgId.isEmpty()) {
            LOG.warn("message from {} dropped: it has no Message ID", context.controllerEndpointId());
            return List.of();
        }
        switch (msg.getBody().getMsgBodyCase()) {
            case REQUEST -> {
                if (context.from().address().isEmpty()) {
                    return refuseWithoutReturnPath(msgId, context);
                }
                if (!withoutReturnPath.isEmpty() && withoutReturnPath.remove(context.controllerEndpointId())) {
                    LOG.info("requests from {} name an address to answer to again: they are processed",
                            context.controllerEndpointId());
                }
                UspOutcome outcome;
                try {
                    outcome = request(model, msg.getBody().getRequest(), context);
                } catch (RuntimeException e) {
                    LOG.error("request {} from {} failed", msgId, context.controllerEndpointId(), e);
                    outcome = UspOutcome.fail(UspError.of(ErrorCode.INTERNAL_ERROR, "the agent failed: " + e));
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {} from {}: {}", msg.getBody().getRequest().getReqTypeCase(), msgId,
                            context.controllerEndpointId(), outcome.getClass().getSimpleName());
                }
                if (outcome instanceof UspOutcome.GetReply g) {
                    return answer(context, new GetRespReply(context.from(), context.controllerEndpointId(), msgId,
                            g.getResp()));
                }
                if (outcome instanceof UspOutcome.Reply r) {
                    return answer(context, UspMessages.response(msgId, r.response()));
                }
                if (outcome instanceof UspOutcome.Failure f) {
                    return answer(context, UspMessages.error(msgId, f.error()));
                }
                LOG.debug("no answer to {}: {}", msgId, ((UspOutcome.Silent) outcome).why());
                return List.of();
            }
            case RESPONSE -> {
                UspMsg.Response r = msg.getBody().getResponse();
                if (r.hasNotifyResp()) {
                    notifications.notifyResponse(context.controllerEndpointId(), msgId);
                    events.notifyResponse(context.controllerEndpointId(), msgId, r.getNotifyResp().getSubscriptionId());
                } else {
                    LOG.info("unexpected {} {} from {} ignored", r.getRespTypeCase(), msgId, context.controllerEndpointId());
                }
                return List.of();
            }
            case ERROR -> {
                UspMsg.Error e = msg.getBody().getError();
                LOG.info("controller {} answered {} with error {}: {}", context.controllerEndpointId(), msgId,
                        e.getErrCode(), shorten(e.getErrMsg()));
                return List.of();
            }
            default -> {
                if (UspMessages.isRequestType(msg.getHeader().getMsgTypeValue())) {
                    return answer(context, UspMessages.error(msgId, UspError.of(ErrorCode.INVALID_ARGUMENTS,
                            "the message has no body")));
                }
                LOG.warn("message {} from {} dropped: it has no body", msgId, context.controllerEndpointId());
                return List.of();
            }
        }
    }

    /**
     * A request whose MTP gave no address to answer to: over MQTT, a PUBLISH without a "reply
     * to" topic (R-MQTT.22), which for MQTT 3.1.1 means a version mismatch between brokers
     * (R-MQTT.26a). It is not processed, so that nothing changes that its sender cannot learn
     * of; when the controller's own address on that MTP is known (its configured MQTT topic),
     * an Error there says why (R-MTP.5). Logged once per controller until it sends a request
     * the agent can answer.
     */
    private List<Reply> refuseWithoutReturnPath(String msgId, UspRequestContext context) {
        String controller = context.controllerEndpointId();
        Optional<MtpAddress> known = routes.routeTo(controller)
                .filter(a -> a.protocol().equals(context.from().protocol()) && !a.address().isEmpty());
        if (withoutReturnPath.size() >= MAX_WITHOUT_RETURN_PATH && !withoutReturnPath.contains(controller)) {
            withoutReturnPath.clear();
        }
        if (withoutReturnPath.add(controller)) {
            LOG.warn("requests from {} via {} are not processed: they name no address to answer to (over MQTT, "
                    + "no \"reply to\" topic); {}", controller, context.from().protocol(),
                    known.map(a -> "each gets an Error on " + a.address()).orElse("no address of it is known to tell it"));
        } else {
            LOG.debug("request {} from {} not processed: no address to answer to", msgId, controller);
        }
        if (known.isEmpty()) {
            return List.of();
        }
        return List.of(new MsgReply(known.get(), controller, UspMessages.error(msgId, UspError.of(
                ErrorCode.MESSAGE_FAILED, "the request was not processed: its record came with no address to answer "
                        + "to (over MQTT, a Response Topic or a topic name ending in /reply-to=<topic>, "
                        + "TR-369 R-MQTT.22)"))));
    }

    private UspOutcome request(DataModel model, UspMsg.Request request, UspRequestContext context) {
        int max = config.maxResponseBytes();
        AccessPolicy policy = access.policyFor(model, context.controllerPath());
        return switch (request.getReqTypeCase()) {
            case GET -> UspGet.respond(model, request.getGet(), policy,
                    access.securedPolicyFor(model, context.controllerPath()), max);
            case GET_INSTANCES -> UspGetInstances.respond(model, request.getGetInstances(), policy, max);
            case GET_SUPPORTED_DM -> UspGetSupportedDm.respond(model, request.getGetSupportedDm(), policy,
                    config.dataModelUri(), max);
            case GET_SUPPORTED_PROTOCOL -> UspOutcome.reply(UspMsg.Response.newBuilder()
                    .setGetSupportedProtocolResp(UspMsg.GetSupportedProtocolResp.newBuilder()
                            .setAgentSupportedProtocolVersions(config.supportedVersions()))
                    .build());
            case SET -> UspSet.respond(model, request.getSet(), policy);
            case ADD -> UspAdd.respond(model, request.getAdd(), policy, table -> notifications.addedByAgent(table, context));
            case DELETE -> UspDelete.respond(model, request.getDelete(), policy);
            case OPERATE -> UspOperate.respond(model, request.getOperate(), commands, context, policy,
                    notifications.asyncOperations());
            case NOTIFY -> UspOutcome.fail(UspError.of(ErrorCode.MESSAGE_NOT_SUPPORTED,
                    "an agent does not take Notify requests; it sends them"));
            case REGISTER, DEREGISTER -> UspOutcome.fail(UspError.of(ErrorCode.MESSAGE_NOT_SUPPORTED,
                    "this agent is not a USP Broker: it takes no " + request.getReqTypeCase()));
            case REQTYPE_NOT_SET -> request.getSerializedSize() > 0
                    ? UspOutcome.fail(UspError.of(ErrorCode.MESSAGE_NOT_SUPPORTED,
                            "this agent does not know the request type of this message"))
                    : UspOutcome.fail(UspError.of(ErrorCode.INVALID_ARGUMENTS, "the request is empty"));
        };
    }

    /** An answer to the controller, back where the request came from. Owner thread. */
    private List<Reply> answer(UspRequestContext context, UspMsg.Msg msg) {
        return answer(context, new MsgReply(context.from(), context.controllerEndpointId(), msg));
    }

    private List<Reply> answer(UspRequestContext context, Reply reply) {
        if (context.from().address().isEmpty()) {
            LOG.warn("no answer to {} from {}: the MTP gave no address to answer to",
                    reply.msgId(), context.controllerEndpointId());
            return List.of();
        }
        return List.of(reply);
    }

    // ------------------------------------------------------------------ encoding

    /**
     * What the owner thread decided to send, as immutable values: encoded and sent on the
     * encoder thread ({@link #encode}), which never touches the data model.
     */
    private sealed interface Reply permits RecordReply, MsgReply, GetRespReply {
        MtpAddress to();

        /** The Message ID answered, for the log; empty for a record without message. */
        String msgId();
    }

    /** A record already encoded (a DisconnectRecord). */
    private record RecordReply(MtpAddress to, byte[] record) implements Reply {
        @Override
        public String msgId() {
            return "";
        }
    }

    /** A built message to {@code toId}. */
    private record MsgReply(MtpAddress to, String toId, UspMsg.Msg msg) implements Reply {
        @Override
        public String msgId() {
            return msg.getHeader().getMsgId();
        }
    }

    /** A GetResp as values, written straight to the wire. */
    private record GetRespReply(MtpAddress to, String toId, String msgId, UspGetResp getResp) implements Reply {
    }

    /**
     * The record of an answer; an Error 7005 instead when its Msg is larger than {@link
     * Config#maxResponseBytes()}. Any thread; the encoder thread for received records.
     */
    private Outbound encode(Reply reply) {
        if (reply instanceof RecordReply r) {
            return new Outbound(r.to(), r.record(), Carried.NO_MSG);
        }
        if (reply instanceof GetRespReply g) {
            UspWire.GetRespMsg msg = UspWire.getResp(g.msgId(), g.getResp());
            MtpAddress to = naming(g.to(), g.toId());
            if (msg.size() <= Math.min(config.maxResponseBytes(), UspWire.MAX_SIZE)) {
                return new Outbound(to, msg.record(records.version(), g.toId(), endpointId), Carried.RESPONSE);
            }
            return new Outbound(to, records.noSessionContext(g.toId(), tooLarge(g.msgId(), msg.size()).toByteArray()),
                    Carried.RESPONSE);
        }
        MsgReply m = (MsgReply) reply;
        UspMsg.Msg out = m.msg();
        int size = out.getSerializedSize();
        if (size > config.maxResponseBytes()) {
            out = tooLarge(m.msgId(), size);
        }
        return new Outbound(naming(m.to(), m.toId()), records.noSessionContext(m.toId(), out.toByteArray()),
                Carried.RESPONSE);
    }

    /**
     * {@code to} with the Endpoint ID of the controller answered, where the MTP did not tell it
     * (MQTT 3.1.1 has no {@code usp-endpoint-id} property): the sender finds that controller's
     * MTP settings by it.
     */
    private static MtpAddress naming(MtpAddress to, String controllerEndpointId) {
        return to.endpointId().isEmpty() ? new MtpAddress(to.protocol(), to.address(), controllerEndpointId) : to;
    }

    private UspMsg.Msg tooLarge(String msgId, long size) {
        return UspMessages.error(msgId, UspError.of(ErrorCode.RESOURCES_EXCEEDED,
                "the answer would be " + (size > UspWire.MAX_SIZE ? "over " + UspWire.MAX_SIZE : size)
                        + " bytes, more than this agent sends ("
                        + config.maxResponseBytes() + "); ask for less"));
    }

    /** Endpoint IDs and reasons from the wire, cut short for the log. */
    private static String shorten(String s) {
        return s.length() <= 128 ? s : s.substring(0, 128) + "...";
    }

    /** Builds a {@link UspAgent}. */
    public static final class Builder {
        private String endpointId;
        private DataModelOwner owner;
        private Sender sender;
        private Config config = Config.DEFAULT;
        private UspCommands commands = UspCommands.none();
        private UspControllers controllers = UspControllers.fromDataModel();
        private Events events = new Events() {
        };
        private ControllerRoutes routes = ControllerRoutes.none();
        private Store notifyStore = new InMemoryStore();
        private NotifyConfig notifyConfig = NotifyConfig.DEFAULT;
        private OwnerScheduler scheduler;
        // Not RandomGenerator.getDefault(): its factory loads every algorithm of jdk.random.
        private RandomGenerator random = new SplittableRandom();

        private Builder() {
        }

        /**
         * How to reach each controller for notifications; {@link ControllerRoutes#none()} (all
         * wait) when not given.
         */
        public Builder routes(ControllerRoutes value) {
            this.routes = Objects.requireNonNull(value, "routes");
            return this;
        }

        /**
         * Where notifications of persistent subscriptions wait across a restart: a store of its
         * own (e.g. a {@code FileStore} in {@code <data-dir>/notifications}), never the data
         * model's. In memory when not given (nothing survives a restart). Owned by the caller.
         */
        public Builder notifyStore(Store value) {
            this.notifyStore = Objects.requireNonNull(value, "notifyStore");
            return this;
        }

        /** Notification bounds and polling; {@link NotifyConfig#DEFAULT} when not given. */
        public Builder notifyConfig(NotifyConfig value) {
            this.notifyConfig = Objects.requireNonNull(value, "notifyConfig");
            return this;
        }

        /** Clock and timers of notifications; the owner thread and the system clock when not given. */
        public Builder scheduler(OwnerScheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** Randomness of retry waits and Message IDs; the default generator when not given. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** This agent's endpoint ID (required). */
        public Builder endpointId(String value) {
            this.endpointId = value;
            return this;
        }

        /** The data model's owner thread (required). */
        public Builder owner(DataModelOwner value) {
            this.owner = value;
            return this;
        }

        /** Where answers go (required); e.g. a dispatcher over the MTPs' {@code send}. */
        public Builder sender(Sender value) {
            this.sender = value;
            return this;
        }

        /** Limits and versions; {@link Config#DEFAULT} when not given. */
        public Builder config(Config value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * The commands the agent runs, synchronous and asynchronous; none when not given. The
         * agent adds its own {@code Device.LocalAgent.Controller.{i}.SendOnBoardRequest()} and
         * {@code Device.LocalAgent.Request.{i}.Cancel()} unless one is given.
         */
        public Builder commands(UspCommands value) {
            this.commands = Objects.requireNonNull(value, "commands");
            return this;
        }

        /** Who may talk to the agent; {@link UspControllers#fromDataModel()} when not given. */
        public Builder controllers(UspControllers value) {
            this.controllers = Objects.requireNonNull(value, "controllers");
            return this;
        }

        public Builder events(Events value) {
            this.events = Objects.requireNonNull(value, "events");
            return this;
        }

        public UspAgent build() {
            new UspRecords(config.protocolVersion(), Objects.requireNonNull(endpointId, "endpointId"));
            return new UspAgent(this);
        }
    }
}

package dev.demarc.core.usp.notify;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.store.Store;
import dev.demarc.core.usp.UspAgent;
import dev.demarc.core.usp.UspRecords;
import dev.demarc.core.usp.proto.UspMsg;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Notify messages on their way to controllers: sent when the controller is reachable,
 * kept while it is not, retried until a NotifyResp when sent with {@code send_resp}, dropped
 * when {@code NotifExpiration} passes (TR-369 "Responses to Notifications and Notification
 * Retry").
 *
 * <ul>
 *   <li>A notification goes to the controller's endpoint through {@link ControllerRoutes}. With
 *   no route, or a disabled controller, it waits; {@link #flush} (a transport connected, the
 *   controller was enabled) sends what waits.</li>
 *   <li>With retry, the message keeps its Message ID; retry {@code n} follows
 *   {@link RetryPolicy} with the controller's retry parameters as they are at that moment. A
 *   send the transport fails counts as an attempt and the message also waits for the next
 *   {@link #flush}.</li>
 *   <li>Without retry, the message is done once handed to the transport (a failed hand-over puts
 *   it back to wait).</li>
 *   <li>Each controller has at most {@link NotifyConfig#maxPendingPerController()} messages;
 *   past it the oldest is dropped and logged.</li>
 *   <li>Messages marked persisted (of a {@code Persistent} subscription with {@code
 *   NotifRetry}) are kept in the {@link Store} under {@value #KEY_PREFIX}{@code <msgId>} until
 *   answered, expired or dropped, and {@link #restore}d at the next start with their retry count
 *   back at zero (R-NOT.4).</li>
 * </ul>
 * Owner thread, except where said.
 */
final class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    /** Store keys of persisted notifications: not TR-181 paths. */
    static final String KEY_PREFIX = "#notify:";
    private static final String FORMAT = "1";

    enum Kind { NOTIFY, ON_BOARD }

    /** One message on its way. */
    static final class Pending {
        final String msgId;
        final String controllerPath;
        final String subscriptionPath;
        final UspMsg.Msg msg;
        final boolean retry;
        final Instant createdAt;
        final Optional<Instant> expiresAt;
        final boolean persisted;
        final Kind kind;
        int attempts;
        boolean waiting;
        OwnerScheduler.Timer timer;

        Pending(String controllerPath, String subscriptionPath, UspMsg.Msg msg, boolean retry, Instant createdAt,
                Optional<Instant> expiresAt, boolean persisted, Kind kind) {
            this.msgId = msg.getHeader().getMsgId();
            this.controllerPath = Objects.requireNonNull(controllerPath, "controllerPath");
            this.subscriptionPath = Objects.requireNonNull(subscriptionPath, "subscriptionPath");
            this.msg = msg;
            this.retry = retry;
            this.createdAt = createdAt;
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            this.persisted = persisted;
            this.kind = kind;
        }

        boolean expired(Instant now) {
            return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
        }
    }

    private final OwnerScheduler scheduler;
    private final UspRecords records;
    private final UspAgent.Sender sender;
    private final ControllerRoutes routes;
    private final Store store;
    private final Executor ownerThread;
    private final RandomGenerator random;
    private final int maxPerController;
    private final Map<String, LinkedHashMap<String, Pending>> byController = new HashMap<>();
    private final Map<String, Pending> byMsgId = new HashMap<>();
    private DataModel model;

    Deliveries(OwnerScheduler scheduler, UspRecords records, UspAgent.Sender sender, ControllerRoutes routes,
               Store store, Executor ownerThread, RandomGenerator random, int maxPerController) {
        this.scheduler = scheduler;
        this.records = records;
        this.sender = sender;
        this.routes = routes;
        this.store = store;
        this.ownerThread = ownerThread;
        this.random = random;
        this.maxPerController = maxPerController;
    }

    /** Binds the data model the timers act on. Owner thread, before anything else. */
    void attach(DataModel value) {
        this.model = value;
    }

    int pendingCount() {
        return byMsgId.size();
    }

    /** The messages waiting for the controller at {@code controllerPath} (with its trailing dot). */
    int pendingCount(String controllerPath) {
        LinkedHashMap<String, Pending> queue = byController.get(controllerPath);
        return queue == null ? 0 : queue.size();
    }

    /** Takes a message on and tries to send it at once. */
    void enqueue(Pending p) {
        LinkedHashMap<String, Pending> queue = byController.computeIfAbsent(p.controllerPath, k -> new LinkedHashMap<>());
        while (queue.size() >= maxPerController) {
            Pending oldest = queue.values().iterator().next();
            LOG.warn("{} notifications wait for {}; the oldest, {}, is dropped", queue.size(), p.controllerPath,
                    oldest.msgId);
            remove(oldest);
        }
        queue.put(p.msgId, p);
        byMsgId.put(p.msgId, p);
        if (p.persisted) {
            persist(p);
        }
        attempt(p);
    }

    /**
     * A NotifyResp from {@code endpointId} for {@code msgId}: the message is delivered and
     * answered; empty when no such message waits for that controller.
     */
    Optional<Pending> acknowledge(String endpointId, String msgId) {
        Pending p = byMsgId.get(msgId);
        if (p == null) {
            LOG.debug("NotifyResp {} from {} matches no notification waiting for one", msgId, endpointId);
            return Optional.empty();
        }
        Optional<ControllerInfo> c = ControllerInfo.read(model, p.controllerPath);
        if (c.isEmpty() || !c.get().endpointId().equals(endpointId)) {
            LOG.warn("NotifyResp {} from {} ignored: the notification went to another controller", msgId, endpointId);
            return Optional.empty();
        }
        LOG.debug("notification {} to {} answered after {} attempt(s)", msgId, endpointId, p.attempts);
        remove(p);
        return Optional.of(p);
    }

    /** Sends what waits for a route, to every controller. */
    void flush() {
        for (LinkedHashMap<String, Pending> queue : List.copyOf(byController.values())) {
            flushQueue(queue);
        }
    }

    /** Sends what waits for a route to one controller. */
    void flush(String controllerPath) {
        LinkedHashMap<String, Pending> queue = byController.get(controllerPath);
        if (queue != null) {
            flushQueue(queue);
        }
    }

    private void flushQueue(LinkedHashMap<String, Pending> queue) {
        for (Pending p : List.copyOf(queue.values())) {
            if (p.waiting && byMsgId.get(p.msgId) == p) {
                attempt(p);
            }
        }
    }

    /** Drops what a subscription is still owed (it was deleted). */
    void dropSubscription(String subscriptionPath) {
        for (Pending p : List.copyOf(byMsgId.values())) {
            if (p.subscriptionPath.equals(subscriptionPath)) {
                LOG.debug("notification {} dropped: subscription {} is gone", p.msgId, subscriptionPath);
                remove(p);
            }
        }
    }

    /** Drops everything for a controller (its instance was deleted). */
    void dropController(String controllerPath) {
        LinkedHashMap<String, Pending> queue = byController.get(controllerPath);
        if (queue != null) {
            for (Pending p : List.copyOf(queue.values())) {
                remove(p);
            }
        }
    }

    /** The messages of this kind waiting for a controller. */
    boolean hasPending(String controllerPath, Kind kind) {
        LinkedHashMap<String, Pending> queue = byController.get(controllerPath);
        return queue != null && queue.values().stream().anyMatch(p -> p.kind == kind);
    }

    /**
     * Takes back the persisted messages of the last run still owed ({@code owed} says so of
     * their subscription and controller); the others, and those expired or unreadable, are
     * removed from the store. They are sent when their controller is reachable.
     */
    void restore(Predicate<Pending> owed) {
        Map<String, Optional<String>> drop = new LinkedHashMap<>();
        List<Pending> back = new ArrayList<>();
        Instant now = scheduler.now();
        for (Map.Entry<String, String> e : store.snapshot().entrySet()) {
            if (!e.getKey().startsWith(KEY_PREFIX)) {
                continue;
            }
            Optional<Pending> p = decode(e.getValue());
            if (p.isEmpty() || !p.get().msgId.equals(e.getKey().substring(KEY_PREFIX.length()))) {
                LOG.warn("stored notification {} cannot be read; dropped", e.getKey());
                drop.put(e.getKey(), Optional.empty());
            } else if (p.get().expired(now)) {
                LOG.info("stored notification {} expired while the agent was down; dropped", p.get().msgId);
                drop.put(e.getKey(), Optional.empty());
            } else if (!owed.test(p.get())) {
                LOG.info("stored notification {} is owed to nobody now; dropped", p.get().msgId);
                drop.put(e.getKey(), Optional.empty());
            } else {
                back.add(p.get());
            }
        }
        commit(drop);
        back.sort((a, b) -> a.createdAt.compareTo(b.createdAt));
        for (Pending p : back) {
            LinkedHashMap<String, Pending> queue = byController.computeIfAbsent(p.controllerPath, k -> new LinkedHashMap<>());
            if (queue.size() >= maxPerController) {
                LOG.warn("stored notification {} dropped: {} already wait for {}", p.msgId, queue.size(), p.controllerPath);
                commit(Map.of(KEY_PREFIX + p.msgId, Optional.empty()));
                continue;
            }
            queue.put(p.msgId, p);
            byMsgId.put(p.msgId, p);
            p.waiting = true;
        }
        if (!back.isEmpty()) {
            LOG.info("{} notification(s) of persistent subscriptions taken back from the last run", back.size());
        }
        flush();
    }

    /** Cancels every timer; persisted messages stay in the store for the next start. */
    void stop() {
        for (Pending p : byMsgId.values()) {
            cancelTimer(p);
        }
    }

    // ------------------------------------------------------------------ sending

    private void attempt(Pending p) {
        cancelTimer(p);
        Instant now = scheduler.now();
        if (p.expired(now)) {
            LOG.info("notification {} to {} expired after {} attempt(s) without a NotifyResp", p.msgId,
                    p.controllerPath, p.attempts);
            remove(p);
            return;
        }
        Optional<ControllerInfo> controller = ControllerInfo.read(model, p.controllerPath);
        if (controller.isEmpty()) {
            LOG.info("notification {} dropped: controller {} is gone", p.msgId, p.controllerPath);
            remove(p);
            return;
        }
        ControllerInfo c = controller.get();
        Optional<MtpAddress> to = c.enabled() && !c.endpointId().isEmpty() ? routes.routeTo(c.endpointId()) : Optional.empty();
        if (to.isEmpty()) {
            if (!p.waiting) {
                LOG.debug("notification {} waits: {} is {}", p.msgId, c.endpointId(), c.enabled() ? "unreachable" : "disabled");
            }
            p.waiting = true;
            armExpiry(p, now);
            return;
        }
        p.waiting = false;
        p.attempts++;
        byte[] record = records.noSessionContext(c.endpointId(), p.msg.toByteArray());
        handOver(to.get(), record, p);
        if (p.retry) {
            Duration wait = RetryPolicy.waitBefore(p.attempts, c.retryMinimumWait(), c.retryMultiplier(), random);
            if (p.expiresAt.isPresent() && Duration.between(now, p.expiresAt.get()).compareTo(wait) < 0) {
                wait = Duration.between(now, p.expiresAt.get());
            }
            p.timer = scheduler.schedule(wait, () -> {
                p.timer = null;
                if (byMsgId.get(p.msgId) == p) {
                    LOG.debug("no NotifyResp for {} after {} attempt(s)", p.msgId, p.attempts);
                    attempt(p);
                }
            });
        } else {
            remove(p);
        }
    }

    private void handOver(MtpAddress to, byte[] record, Pending p) {
        CompletableFuture<Void> sent;
        try {
            sent = sender.send(to, record, UspAgent.Carried.NOTIFY);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                return;
            }
            LOG.warn("notification {} to {} not handed over: {}", p.msgId, to, failure.toString());
            ownerThread.execute(() -> handOverFailed(p));
        });
    }

    private void handOverFailed(Pending p) {
        if (byMsgId.get(p.msgId) == p) {
            p.waiting = true;
        } else if (!p.retry && !p.expired(scheduler.now())) {
            LinkedHashMap<String, Pending> queue = byController.computeIfAbsent(p.controllerPath, k -> new LinkedHashMap<>());
            if (queue.size() < maxPerController) {
                p.waiting = true;
                queue.put(p.msgId, p);
                byMsgId.put(p.msgId, p);
            }
        }
    }

    private void armExpiry(Pending p, Instant now) {
        if (p.expiresAt.isPresent()) {
            p.timer = scheduler.schedule(Duration.between(now, p.expiresAt.get()), () -> {
                p.timer = null;
                if (byMsgId.get(p.msgId) == p) {
                    attempt(p);
                }
            });
        }
    }

    private void remove(Pending p) {
        cancelTimer(p);
        if (byMsgId.remove(p.msgId, p)) {
            LinkedHashMap<String, Pending> queue = byController.get(p.controllerPath);
            if (queue != null) {
                queue.remove(p.msgId);
                if (queue.isEmpty()) {
                    byController.remove(p.controllerPath);
                }
            }
            if (p.persisted) {
                commit(Map.of(KEY_PREFIX + p.msgId, Optional.empty()));
            }
        }
    }

    private static void cancelTimer(Pending p) {
        if (p.timer != null) {
            p.timer.cancel();
            p.timer = null;
        }
    }

    // ------------------------------------------------------------------ the store

    private void persist(Pending p) {
        commit(Map.of(KEY_PREFIX + p.msgId, Optional.of(encode(p))));
    }

    private void commit(Map<String, Optional<String>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            store.commit(changes);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not store pending notifications; they are kept in memory only: {}", e.toString());
        }
    }

    /** {@code 1 <controller path> <subscription path or -> <created ms> <expires ms or 0> <base64 Msg>}. */
    static String encode(Pending p) {
        return FORMAT + ' ' + p.controllerPath + ' ' + (p.subscriptionPath.isEmpty() ? "-" : p.subscriptionPath)
                + ' ' + p.createdAt.toEpochMilli() + ' ' + p.expiresAt.map(Instant::toEpochMilli).orElse(0L)
                + ' ' + Base64.getEncoder().encodeToString(p.msg.toByteArray());
    }

    static Optional<Pending> decode(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 6 || !f[0].equals(FORMAT) || f[1].isEmpty() || !f[1].endsWith(".")) {
            return Optional.empty();
        }
        try {
            UspMsg.Msg msg = UspMsg.Msg.parseFrom(Base64.getDecoder().decode(f[5]));
            if (msg.getHeader().getMsgId().isEmpty() || !msg.getBody().getRequest().hasNotify()) {
                return Optional.empty();
            }
            long expires = Long.parseLong(f[4]);
            return Optional.of(new Pending(f[1], f[2].equals("-") ? "" : f[2], msg, true,
                    Instant.ofEpochMilli(Long.parseLong(f[3])),
                    expires == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires)), true, Kind.NOTIFY));
        } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}

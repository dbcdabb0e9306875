package dev.demarc.core.usp.notify;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.acl.NotificationType;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.ModelListener;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.path.PathName;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.Store;
import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.UspAgent;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.UspRecords;
import dev.demarc.core.usp.UspRequestContext;
import dev.demarc.core.usp.proto.UspMsg;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the agent sends on its own: Notify messages for the subscriptions of
 * {@code Device.LocalAgent.Subscription.{i}.} (ValueChange, ObjectCreation, ObjectDeletion,
 * OperationComplete, Event), the {@code Boot!} and {@code Periodic!} events, and OnBoardRequest
 * (TR-369 "Notifications and Subscription Mechanism", TR-181 {@code LocalAgent.}).
 *
 * <ul>
 *   <li><b>Changes</b> are heard from the data model's {@link ModelListener} events: what a
 *   transaction committed and what the platform pushed. Parameters the platform provides without
 *   pushing are read again every {@link NotifyConfig#pollInterval()}, only those a ValueChange
 *   subscription names ({@link #poll}).</li>
 *   <li>A subscription made by a change does not hear that change; it is active from the next
 *   one. A ValueChange is sent for every change of a covered parameter, whoever made it, except
 *   for the parameters the schema marks {@link ParameterDef#valueChangeIgnored()} (up times,
 *   counters), which are never notified nor polled: GetSupportedDM reports them
 *   {@code VALUE_CHANGE_WILL_IGNORE}.</li>
 *   <li><b>TriggerAction</b> (TR-181 2.16; TP-469 1.93, 1.94): a subscription with
 *   {@code Notify} (the default) sends the notification; with {@code Config} it sends nothing
 *   and applies its {@link TriggerConfigSettings} instead; with {@code NotifyAndConfig} it does
 *   both. The settings are applied once per firing, right after the change or event that fired
 *   it has been handled, in one transaction with a controller's rights, and only within what the
 *   roles of the subscription's own controller (its {@code Recipient}) allow it to write (so a
 *   subscription cannot write what its controller may not) and only when those roles allow it
 *   to be notified of what fired (the {@code n} letter, as for the notification). When a
 *   setting cannot be applied (permission, a missing instance, a refused value) the failure is
 *   logged and nothing changes. A change made by these settings is notified as any other but
 *   fires no Config of its own, so triggers cannot loop.</li>
 *   <li><b>Subscriptions</b>: a controller's Add gets {@code Recipient} (and {@code CreationDate}
 *   when the data model has it) from the agent in the same transaction ({@link #addedByAgent});
 *   {@code TimeToLive} deletes the instance when it has passed since creation; the
 *   subscriptions of a deleted controller are deleted (TR-181 strong reference, TP-469 1.78);
 *   at a start that is not a factory reset, those not {@code Persistent} are deleted, after the
 *   {@code Boot!} event was matched against them.</li>
 *   <li>A notification goes only where the recipient's roles grant the {@code n} permission on
 *   what it tells of ({@link Permissions}; the parameter, the table of a created instance, the
 *   deleted instance, the command, the event).</li>
 *   <li><b>Delivery</b> is {@link Deliveries}': retry, expiration, waiting for a route, the
 *   persisted notifications of persistent subscriptions.</li>
 *   <li><b>Boot!</b> ({@code Device.Boot!}) is raised at {@link #start}; its
 *   {@code ParameterMap} holds, for each recipient, the values its controller's enabled
 *   {@code BootParameter.{i}.ParameterName} patterns name, as a JSON object. Only the arguments
 *   the schema declares for the event are sent.</li>
 *   <li><b>Periodic!</b> ({@code Device.LocalAgent.Periodic!}) is raised for each enabled
 *   controller every {@code PeriodicNotifInterval} seconds in the phase of
 *   {@code PeriodicNotifTime} (the agent's start when unknown), to that controller's
 *   subscriptions only.</li>
 *   <li><b>OnBoardRequest</b> goes to a controller, with {@code send_resp} and retried until
 *   answered, whatever its expiration: when {@code SendOnBoardRequest()} runs on it (which sets
 *   {@code OnBoardingComplete} false), and once per run when an enabled controller with a
 *   {@code ProvisioningCode} and {@code OnBoardingComplete} not true is first reachable. After
 *   the NotifyResp, while {@code OnBoardingComplete} stays false, it is sent again every
 *   {@code OnBoardingRestartTime} seconds (0: never).</li>
 * </ul>
 *
 * <p><b>Threads.</b> Everything runs on the data model's owner thread: the listener, the timers
 * of the {@link OwnerScheduler}, and the methods here (the {@link UspAgent} calls them there).
 * A batch of events that arrives while one is handled (a read that synced a platform table) is
 * handled right after it.
 */
public final class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    /**
     * What the roles of a subscription's controller allow it (TR-181
     * {@code ControllerTrust.Role.{i}.Permission.{i}.}). Owner thread.
     */
    public interface Permissions {
        Permissions ALL = new Permissions() {
            @Override
            public boolean mayNotify(DataModel model, String controllerPath, NotificationType type, String path) {
                return true;
            }

            @Override
            public boolean mayWrite(DataModel model, String controllerPath, String parameterPath) {
                return true;
            }
        };

        /**
         * Whether the controller at {@code controllerPath} may be told of {@code path} by a
         * notification of {@code type}: the {@code n} letter of its roles.
         */
        boolean mayNotify(DataModel model, String controllerPath, NotificationType type, String path);

        /**
         * Whether the controller at {@code controllerPath} may write the parameter
         * {@code parameterPath} ({@code Param} {@code w}): what a subscription of its may apply
         * with {@code TriggerConfigSettings}.
         */
        boolean mayWrite(DataModel model, String controllerPath, String parameterPath);

        /** Both from the {@link AccessPolicy} {@code policies} gives each controller. */
        static Permissions of(BiFunction<DataModel, String, AccessPolicy> policies) {
            Objects.requireNonNull(policies, "policies");
            return new Permissions() {
                @Override
                public boolean mayNotify(DataModel model, String controllerPath, NotificationType type, String path) {
                    return policies.apply(model, controllerPath).canNotify(type, path);
                }

                @Override
                public boolean mayWrite(DataModel model, String controllerPath, String parameterPath) {
                    return policies.apply(model, controllerPath).canWriteParameter(parameterPath);
                }
            };
        }
    }

    /** The parts a {@link Notifications} works with; the {@link UspAgent} builds it. */
    public record Parts(DataModelOwner owner, OwnerScheduler scheduler, UspRecords records, UspAgent.Sender sender,
                        ControllerRoutes routes, Store store, NotifyConfig config, String supportedVersions,
                        int maxMessageBytes, RandomGenerator random, Permissions permissions) {
        public Parts {
            Objects.requireNonNull(permissions, "permissions");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(records, "records");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(routes, "routes");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(supportedVersions, "supportedVersions");
            Objects.requireNonNull(random, "random");
        }
    }

    private final Parts parts;
    private final OwnerScheduler scheduler;
    private final Deliveries deliveries;
    private final AsyncOperations async;
    private final String bootToken;
    private final ModelListener listener = this::modelChanged;
    private long nextMsg;

    private DataModel model;
    private SubscriptionManager subscriptions;
    private String root;
    private boolean started;
    private boolean handling;
    private final List<ModelEvent> queued = new ArrayList<>();
    /** Subscriptions deleted by the agent at start: what they are owed is still sent. */
    private boolean keepPendingOfDeleted;

    private final Map<String, OwnerScheduler.Timer> timeToLive = new HashMap<>();
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<String, OwnerScheduler.Timer> periodic = new HashMap<>();
    private final Map<String, OwnerScheduler.Timer> onBoardRestart = new HashMap<>();
    private final Set<String> onBoarded = new HashSet<>();
    /** Values of polled parameters as last seen, by path. */
    private final Map<String, String> lastSeen = new HashMap<>();
    private OwnerScheduler.Timer pollTimer;
    private Instant startedAt;
    /** Supported paths of the parameters whose changes are never notified. */
    private Set<String> valueChangeIgnored = Set.of();
    /** Subscriptions that fired with a Config action, by path, to apply once each after what runs now. */
    private final Map<String, Subscription> triggered = new LinkedHashMap<>();
    /** True while the settings of a trigger are committed: its changes trigger no Config. */
    private boolean applyingTriggers;

    public Notifications(Parts parts) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.scheduler = parts.scheduler();
        Executor ownerThread = task -> {
            try {
                parts.owner().call(m -> {
                    task.run();
                    return null;
                }).exceptionally(e -> {
                    LOG.error("notification bookkeeping failed", e);
                    return null;
                });
            } catch (RejectedExecutionException e) {
                LOG.debug("the data model is stopped; a notification's hand-over result is dropped");
            }
        };
        this.deliveries = new Deliveries(scheduler, parts.records(), parts.sender(), parts.routes(), parts.store(),
                ownerThread, parts.random(), parts.config().maxPendingPerController());
        this.async = new AsyncOperations(parts.owner(), scheduler, parts.store(), this::operationComplete);
        this.bootToken = Long.toString(parts.random().nextLong() & 0xffffffffL, 36);
    }

    /** The asynchronous commands, for Operate. */
    public AsyncOperations asyncOperations() {
        return async;
    }

    /** Notifications waiting for a route or a NotifyResp. Owner thread. */
    public int pendingCount() {
        return deliveries.pendingCount();
    }

    /**
     * Notifications waiting for a route or a NotifyResp of the controller at
     * {@code controllerPath} ({@code Device.LocalAgent.Controller.1.}, the trailing dot optional).
     * Owner thread.
     */
    public int pendingCount(String controllerPath) {
        Objects.requireNonNull(controllerPath, "controllerPath");
        return deliveries.pendingCount(controllerPath.endsWith(".") ? controllerPath : controllerPath + ".");
    }

    // ------------------------------------------------------------------ start and stop

    /**
     * Starts: reads the subscriptions, takes back the persisted notifications of the last run,
     * raises {@code Boot!}, deletes the subscriptions that do not survive a restart, resumes the
     * resumable commands of the last run ({@code commands}) and removes the Request instances of
     * those that did not survive, and starts the timers. Owner thread, once.
     */
    public void start(DataModel dataModel, BootCause boot, UspCommands commands) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        this.model = Objects.requireNonNull(dataModel, "dataModel");
        this.root = model.schema().root().name();
        this.startedAt = scheduler.now();
        this.subscriptions = new SubscriptionManager(root + ".LocalAgent.Subscription.");
        this.valueChangeIgnored = ignoredParameters(model.schema());
        deliveries.attach(model);
        subscriptions.load(model);
        model.addListener(listener);
        started = true;
        deliveries.restore(this::stillOwed);
        raiseBoot(boot);
        if (!boot.cause().isFactoryReset()) {
            removeNotPersistent();
        }
        fillCreationDates();
        for (Subscription s : subscriptions.all()) {
            scheduleTimeToLive(s);
        }
        async.resumeAfterRestart(model, commands);
        for (ControllerInfo c : ControllerInfo.all(model)) {
            schedulePeriodic(c.path(), Optional.empty());
        }
        poll(true);
        schedulePoll();
        checkOnBoarding();
        LOG.info("notifications started ({} {})", boot.cause().value(), boot.commandKey().isEmpty() ? ""
                : "command key " + boot.commandKey());
    }

    /** Stops the timers; persisted notifications stay stored for the next start. Owner thread. */
    public void stop() {
        if (!started) {
            return;
        }
        started = false;
        model.removeListener(listener);
        deliveries.stop();
        cancelAll(timeToLive);
        cancelAll(periodic);
        cancelAll(onBoardRestart);
        triggered.clear();
        if (pollTimer != null) {
            pollTimer.cancel();
            pollTimer = null;
        }
    }

    private static void cancelAll(Map<String, OwnerScheduler.Timer> timers) {
        timers.values().forEach(OwnerScheduler.Timer::cancel);
        timers.clear();
    }

    private boolean stillOwed(Deliveries.Pending p) {
        Optional<Subscription> s = subscriptions.get(p.subscriptionPath);
        return s.isPresent() && s.get().recipient().equals(p.controllerPath) && s.get().enabled();
    }

    // ------------------------------------------------------------------ what the agent hears

    /** A transport reached a peer: what waits for a route is sent, OnBoardRequests are due. Owner thread. */
    public void connected() {
        if (!started) {
            return;
        }
        deliveries.flush();
        checkOnBoarding();
    }

    /** A controller answered a Notify. Owner thread. */
    public void notifyResponse(String controllerEndpointId, String msgId) {
        if (!started) {
            return;
        }
        Optional<Deliveries.Pending> answered = deliveries.acknowledge(controllerEndpointId, msgId);
        if (answered.isPresent() && answered.get().kind == Deliveries.Kind.ON_BOARD) {
            scheduleOnBoardRestart(answered.get().controllerPath);
        }
    }

    /**
     * Values the agent gives an instance a controller adds, in the Add's own transaction: for
     * {@code Device.LocalAgent.Subscription.{i}.}, {@code Recipient} (the controller's path,
     * without its trailing dot) and {@code CreationDate} when the data model has it. Owner thread;
     * needs no {@link #start}.
     */
    public Map<String, String> addedByAgent(ObjectDef table, UspRequestContext context) {
        String subscriptionTable = table.path();
        if (!subscriptionTable.endsWith(".LocalAgent.Subscription.{i}.") || subscriptionTable.indexOf('.')
                != subscriptionTable.length() - ".LocalAgent.Subscription.{i}.".length()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        String controller = context.controllerPath();
        if (table.parameter("Recipient").isPresent() && !controller.isEmpty()) {
            values.put("Recipient", controller.endsWith(".") ? controller.substring(0, controller.length() - 1) : controller);
        }
        if (table.parameter("CreationDate").isPresent()) {
            values.put("CreationDate", dateTime(scheduler.now()));
        }
        return values;
    }

    private static String dateTime(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The data model's events; handled at once, or right after the batch being handled. */
    private void modelChanged(List<ModelEvent> events) {
        if (!started) {
            return;
        }
        if (handling) {
            queued.addAll(events);
            return;
        }
        handling = true;
        try {
            List<ModelEvent> batch = events;
            while (batch != null) {
                handle(batch);
                if (queued.isEmpty()) {
                    batch = null;
                } else {
                    batch = List.copyOf(queued);
                    queued.clear();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("notifications could not handle a change of the data model", e);
        } finally {
            handling = false;
        }
    }

    private void handle(List<ModelEvent> events) {
        SubscriptionManager.Changes changes = subscriptions.apply(model, events);
        for (String path : changes.deleted()) {
            cancel(timeToLive, path);
            firstSeen.remove(path);
            if (!keepPendingOfDeleted) {
                deliveries.dropSubscription(path);
            }
        }
        for (String path : changes.created()) {
            firstSeen.put(path, scheduler.now());
        }
        Set<String> renewed = new HashSet<>(changes.created());
        renewed.addAll(changes.changed());
        for (String path : renewed) {
            Optional<Subscription> s = subscriptions.get(path);
            if (s.isPresent()) {
                scheduleTimeToLive(s.get());
                if (s.get().active() && s.get().is(NotifType.VALUE_CHANGE)) {
                    baseline(s.get());
                }
            }
        }
        if (!changes.created().isEmpty()) {
            deferFillCreationDates(changes.created());
        }
        controllerChanges(events);
        Predicate<Subscription> notNew = s -> !changes.created().contains(s.path());
        SubscriptionManager.Resolutions resolutions = new SubscriptionManager.Resolutions(model);
        for (ModelEvent e : events) {
            if (e instanceof ModelEvent.ValueChanged v) {
                if (isValueChangeIgnored(v.path())) {
                    continue;
                }
                String seen = lastSeen.get(v.path());
                if (seen != null) {
                    if (seen.equals(v.value())) {
                        continue;
                    }
                    lastSeen.put(v.path(), v.value());
                }
                for (Subscription s : subscriptions.valueChange(resolutions, v.path(), notNew)) {
                    send(s, NotificationType.VALUE_CHANGE, v.path(), UspMsg.Notify.newBuilder()
                            .setValueChange(UspMsg.Notify.ValueChange.newBuilder()
                                    .setParamPath(v.path()).setParamValue(v.value())));
                }
            } else if (e instanceof ModelEvent.ObjectCreated c) {
                String table = SubscriptionManager.tableOf(c.path());
                for (Subscription s : subscriptions.objectCreation(resolutions, c.path(), notNew)) {
                    send(s, NotificationType.OBJECT_CREATION, table, UspMsg.Notify.newBuilder()
                            .setObjCreation(UspMsg.Notify.ObjectCreation.newBuilder()
                                    .setObjPath(c.path()).putAllUniqueKeys(c.uniqueKeys())));
                }
            } else if (e instanceof ModelEvent.ObjectDeleted d) {
                for (Subscription s : subscriptions.objectDeletion(d.path(), notNew)) {
                    send(s, NotificationType.OBJECT_DELETION, d.path(), UspMsg.Notify.newBuilder()
                            .setObjDeletion(UspMsg.Notify.ObjectDeletion.newBuilder().setObjPath(d.path())));
                }
            }
        }
        subscriptions.refreshDeletionWatches(model, events);
    }

    /** Controllers created, deleted, enabled, reconfigured. */
    private void controllerChanges(List<ModelEvent> events) {
        String table = root + ".LocalAgent.Controller.";
        Set<String> reschedule = new HashSet<>();
        Set<String> flush = new HashSet<>();
        for (ModelEvent e : events) {
            if (!e.path().startsWith(table)) {
                continue;
            }
            int dot = e.path().indexOf('.', table.length());
            if (dot < 0) {
                continue;
            }
            String controller = e.path().substring(0, dot + 1);
            String rest = e.path().substring(dot + 1);
            if (e instanceof ModelEvent.ObjectDeleted && rest.isEmpty()) {
                LOG.info("controller {} deleted: its notifications and subscriptions go too", controller);
                deliveries.dropController(controller);
                cancel(periodic, controller);
                cancel(onBoardRestart, controller);
                onBoarded.remove(controller);
                reschedule.remove(controller);
                flush.remove(controller);
                deferDeleteSubscriptionsOf(controller);
            } else if (e instanceof ModelEvent.ObjectCreated && rest.isEmpty()) {
                reschedule.add(controller);
            } else if (e instanceof ModelEvent.ValueChanged) {
                switch (rest) {
                    case "PeriodicNotifInterval", "PeriodicNotifTime" -> reschedule.add(controller);
                    case "Enable", "EndpointID" -> {
                        reschedule.add(controller);
                        flush.add(controller);
                    }
                    case "OnBoardingComplete" -> {
                        if (Subscription.bool(((ModelEvent.ValueChanged) e).value())) {
                            cancel(onBoardRestart, controller);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        for (String c : reschedule) {
            schedulePeriodic(c, Optional.empty());
        }
        for (String c : flush) {
            deliveries.flush(c);
        }
        if (!flush.isEmpty()) {
            checkOnBoarding();
        }
    }

    private static void cancel(Map<String, OwnerScheduler.Timer> timers, String key) {
        OwnerScheduler.Timer t = timers.remove(key);
        if (t != null) {
            t.cancel();
        }
    }

    // ------------------------------------------------------------------ sending

    private String nextMsgId() {
        return "notify-" + bootToken + "-" + (++nextMsg);
    }

    /** A notification of {@code s} about {@code path}, if its recipient's roles allow it. */
    private void send(Subscription s, NotificationType type, String path, UspMsg.Notify.Builder body) {
        boolean allowed;
        try {
            allowed = parts.permissions().mayNotify(model, s.recipient(), type, path);
        } catch (RuntimeException e) {
            LOG.error("permissions of {} could not be read; no notification of {}", s.recipient(), path, e);
            allowed = false;
        }
        if (!allowed) {
            LOG.debug("{} of {} not sent for {}: the roles of {} do not allow it", type, path, s.path(), s.recipient());
            return;
        }
        if (s.triggerAction().configures()) {
            trigger(s, path);
        }
        if (!s.triggerAction().notifies()) {
            return;
        }
        body.setSubscriptionId(s.id()).setSendResp(s.notifRetry());
        Instant now = scheduler.now();
        Optional<Instant> expires = s.notifRetry() && s.notifExpiration() > 0
                ? Optional.of(now.plusSeconds(s.notifExpiration())) : Optional.empty();
        enqueue(new Deliveries.Pending(s.recipient(), s.path(), notify(body), s.notifRetry(), now, expires,
                s.persistent() && s.notifRetry(), Deliveries.Kind.NOTIFY));
    }

    private UspMsg.Msg notify(UspMsg.Notify.Builder body) {
        return UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(nextMsgId()).setMsgType(UspMsg.Header.MsgType.NOTIFY))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder().setNotify(body)))
                .build();
    }

    private void enqueue(Deliveries.Pending p) {
        if (p.msg.getSerializedSize() > parts.maxMessageBytes()) {
            LOG.warn("notification {} for {} dropped: {} bytes, more than this agent sends ({})", p.msgId,
                    p.controllerPath, p.msg.getSerializedSize(), parts.maxMessageBytes());
            return;
        }
        deliveries.enqueue(p);
    }

    // ------------------------------------------------------------------ TriggerAction Config

    /**
     * Subscription {@code s} fired (about {@code path}) with a Config action: its settings are
     * applied once, after what runs now (never inside a commit's listeners), whatever else it
     * fires for meanwhile.
     */
    private void trigger(Subscription s, String path) {
        if (applyingTriggers) {
            LOG.info("subscription {} ({}) fired for {}, a change made by TriggerConfigSettings: its own settings are "
                    + "not applied (a trigger's change triggers no configuration, so triggers cannot loop)",
                    s.path(), s.id(), path);
            return;
        }
        if (triggered.isEmpty()) {
            later(this::applyTriggers);
        }
        triggered.putIfAbsent(s.path(), s);
    }

    private void applyTriggers() {
        List<Subscription> due = List.copyOf(triggered.values());
        triggered.clear();
        for (Subscription s : due) {
            applyTrigger(s);
        }
    }

    /**
     * Applies the {@code TriggerConfigSettings} of {@code s} as it was when it fired: in one
     * transaction with a controller's rights (no read-only parameter), each setting within what
     * the roles of the subscription's recipient, the controller that owns it, allow it to write.
     * Anything wrong (a setting that no longer fits the data model, an instance that does not
     * exist, a value refused, a permission missing) is logged and nothing changes.
     */
    private void applyTrigger(Subscription s) {
        Result<List<TriggerConfigSettings.Setting>> settings =
                TriggerConfigSettings.parse(model.schema(), s.triggerConfigSettings());
        if (!settings.isOk()) {
            LOG.warn("subscription {} ({}) fired; its TriggerConfigSettings are not applied: {}", s.path(), s.id(),
                    settings.error().message());
            return;
        }
        if (settings.value().isEmpty()) {
            LOG.info("subscription {} ({}) fired with TriggerAction {} and no TriggerConfigSettings: nothing to apply",
                    s.path(), s.id(), s.triggerAction().value());
            return;
        }
        for (TriggerConfigSettings.Setting setting : settings.value()) {
            boolean allowed;
            try {
                allowed = parts.permissions().mayWrite(model, s.recipient(), setting.parameterPath());
            } catch (RuntimeException e) {
                LOG.error("permissions of {} could not be read; TriggerConfigSettings of {} not applied", s.recipient(),
                        s.path(), e);
                return;
            }
            if (!allowed) {
                LOG.warn("subscription {} ({}) fired; its TriggerConfigSettings are not applied: the roles of {} do not "
                        + "allow writing {}", s.path(), s.id(), s.recipient(), setting.parameterPath());
                return;
            }
        }
        Transaction tx;
        try {
            tx = model.begin();
        } catch (IllegalStateException busy) {
            LOG.warn("subscription {} ({}) fired; its TriggerConfigSettings are not applied: {}", s.path(), s.id(),
                    busy.getMessage());
            return;
        }
        applyingTriggers = true;
        try {
            for (TriggerConfigSettings.Setting setting : settings.value()) {
                Optional<DmError> failed = tx.set(setting.parameterPath(), setting.value());
                if (failed.isPresent()) {
                    LOG.warn("subscription {} ({}) fired; its TriggerConfigSettings are not applied: {}: {}", s.path(),
                            s.id(), setting.parameterPath(), failed.get().message());
                    return;
                }
            }
            Result<List<ModelEvent>> committed = tx.commit();
            if (!committed.isOk()) {
                LOG.warn("subscription {} ({}) fired; its TriggerConfigSettings are not applied: {}", s.path(), s.id(),
                        committed.error().message());
                return;
            }
            LOG.info("subscription {} ({}) of {} fired: {} TriggerConfigSettings applied", s.path(), s.id(),
                    s.recipient(), settings.value().size());
        } finally {
            applyingTriggers = false;
            tx.rollback();
        }
    }

    // ------------------------------------------------------------------ parameters never notified

    private static Set<String> ignoredParameters(Schema schema) {
        Set<String> ignored = new HashSet<>();
        for (ObjectDef o : schema.objects()) {
            for (ParameterDef p : o.parameters()) {
                if (p.valueChangeIgnored()) {
                    ignored.add(o.path() + p.name());
                }
            }
        }
        return Set.copyOf(ignored);
    }

    /** A parameter whose changes are never notified ({@link ParameterDef#valueChangeIgnored()}), nor polled. */
    private boolean isValueChangeIgnored(String parameterPath) {
        return !valueChangeIgnored.isEmpty() && valueChangeIgnored.contains(Schema.supportedPathOf(parameterPath));
    }

    // ------------------------------------------------------------------ events and commands

    /**
     * The platform raised event {@code eventName} ({@code Boot!} or {@code Boot}) of object
     * {@code objectPath} ({@code Device.}) with these arguments: an Event notification to each
     * subscription that covers it. Owner thread.
     */
    public void event(String objectPath, String eventName, Map<String, String> arguments) {
        if (!started) {
            LOG.debug("event {}{} before notifications started: not sent", objectPath, eventName);
            return;
        }
        String name = eventName.endsWith("!") ? eventName.substring(0, eventName.length() - 1) : eventName;
        raise(objectPath, name, s -> true, s -> arguments);
    }

    private void raise(String objectPath, String name, Predicate<Subscription> to,
                       Function<Subscription, Map<String, String>> arguments) {
        SubscriptionManager.Resolutions resolutions = new SubscriptionManager.Resolutions(model);
        for (Subscription s : subscriptions.member(resolutions, NotifType.EVENT, objectPath, name, to)) {
            send(s, NotificationType.EVENT, objectPath + name + "!", UspMsg.Notify.newBuilder()
                    .setEvent(UspMsg.Notify.Event.newBuilder()
                            .setObjPath(objectPath).setEventName(name + "!").putAllParams(arguments.apply(s))));
        }
    }

    /** An asynchronous command completed: OperationComplete to the subscriptions that cover it. */
    private void operationComplete(DataModel m, String commandPath, String commandKey, Result<Map<String, String>> outcome) {
        if (!started) {
            return;
        }
        String withoutParens = commandPath.substring(0, commandPath.length() - 2);
        int dot = withoutParens.lastIndexOf('.');
        String objectPath = withoutParens.substring(0, dot + 1);
        String name = withoutParens.substring(dot + 1);
        SubscriptionManager.Resolutions resolutions = new SubscriptionManager.Resolutions(model);
        for (Subscription s : subscriptions.member(resolutions, NotifType.OPERATION_COMPLETE, objectPath, name, x -> true)) {
            UspMsg.Notify.OperationComplete.Builder op = UspMsg.Notify.OperationComplete.newBuilder()
                    .setObjPath(objectPath).setCommandName(name + "()").setCommandKey(commandKey);
            if (outcome.isOk()) {
                op.setReqOutputArgs(UspMsg.Notify.OperationComplete.OutputArgs.newBuilder().putAllOutputArgs(outcome.value()));
            } else {
                op.setCmdFailure(UspMsg.Notify.OperationComplete.CommandFailure.newBuilder()
                        .setErrCode(outcome.error().code().code()).setErrMsg(outcome.error().message()));
            }
            send(s, NotificationType.OPERATION_COMPLETE, commandPath, UspMsg.Notify.newBuilder().setOperComplete(op));
        }
    }

    private void raiseBoot(BootCause boot) {
        Optional<EventDef> def = model.schema().root().event("Boot");
        if (def.isEmpty()) {
            return;
        }
        Set<String> declared = new HashSet<>();
        def.get().arguments().forEach(a -> declared.add(a.name()));
        Map<String, String> common = new LinkedHashMap<>();
        common.put("Cause", boot.cause().value());
        common.put("CommandKey", boot.commandKey());
        common.put("Reason", boot.reason().isEmpty() ? "Unknown" : boot.reason());
        common.put("FirmwareUpdated", Boolean.toString(boot.firmwareUpdated()));
        common.keySet().retainAll(declared);
        boolean parameterMap = declared.contains("ParameterMap");
        raise(root + ".", "Boot", s -> true, s -> {
            if (!parameterMap) {
                return common;
            }
            Map<String, String> args = new LinkedHashMap<>(common);
            args.put("ParameterMap", bootParameters(s.recipient()));
            return args;
        });
    }

    /** The JSON object of the values the enabled boot parameters of a controller name. */
    private String bootParameters(String controllerPath) {
        Map<String, String> values = new LinkedHashMap<>();
        Result<List<ObjectValues>> params = model.get(controllerPath + "BootParameter.*.", 1);
        if (params.isOk()) {
            for (ObjectValues bp : params.value()) {
                String pattern = bp.parameters().getOrDefault("ParameterName", "");
                if (!Subscription.bool(bp.parameters().get("Enable")) || pattern.isEmpty() || pattern.endsWith(".")) {
                    continue;
                }
                Result<List<ObjectValues>> got = model.get(pattern, 0);
                if (!got.isOk()) {
                    LOG.debug("boot parameter {} of {} matches nothing: {}", pattern, controllerPath, got.error().message());
                    continue;
                }
                for (ObjectValues o : got.value()) {
                    o.parameters().forEach((name, value) -> values.put(o.path() + name, value));
                }
            }
        }
        JsonWriter json = new JsonWriter().beginObject();
        values.forEach((name, value) -> json.name(name).value(value));
        return json.endObject().toJson();
    }

    // ------------------------------------------------------------------ OnBoardRequest

    /**
     * {@code Device.LocalAgent.Controller.{i}.SendOnBoardRequest()}: an OnBoardRequest to that
     * controller, which must be enabled (R-NOT.5); sets {@code OnBoardingComplete} false. Owner
     * thread.
     */
    public Result<Map<String, String>> sendOnBoardRequest(DataModel m, UspCommand.Call call) {
        if (!started) {
            return Result.err(ErrorCode.COMMAND_FAILURE, "the agent sends no notifications yet");
        }
        Optional<ControllerInfo> c = ControllerInfo.read(m, call.objectPath());
        if (c.isEmpty()) {
            return Result.err(ErrorCode.OBJECT_DOES_NOT_EXIST, call.objectPath() + " is not a controller");
        }
        if (!c.get().enabled()) {
            return Result.err(ErrorCode.COMMAND_FAILURE, call.objectPath() + " is disabled: enable it first");
        }
        if (c.get().onBoardingComplete().isPresent()) {
            setAsAgent(call.objectPath() + "OnBoardingComplete", "false");
        }
        cancel(onBoardRestart, c.get().path());
        onBoarded.add(c.get().path());
        queueOnBoardRequest(c.get().path());
        return Result.ok(Map.of());
    }

    /** At start and when transports connect: controllers that should get an OnBoardRequest now. */
    private void checkOnBoarding() {
        for (ControllerInfo c : ControllerInfo.all(model)) {
            if (c.enabled() && !c.provisioningCode().isEmpty() && !c.onBoardingComplete().orElse(false)
                    && !onBoarded.contains(c.path()) && !c.endpointId().isEmpty()
                    && parts.routes().routeTo(c.endpointId()).isPresent()) {
                LOG.info("controller {} ({}) has a provisioning code and is reachable: OnBoardRequest", c.path(),
                        c.endpointId());
                onBoarded.add(c.path());
                queueOnBoardRequest(c.path());
            }
        }
    }

    private void queueOnBoardRequest(String controllerPath) {
        UspMsg.Notify.Builder body = UspMsg.Notify.newBuilder().setSubscriptionId("").setSendResp(true)
                .setOnBoardReq(UspMsg.Notify.OnBoardRequest.newBuilder()
                        .setOui(deviceInfo("ManufacturerOUI"))
                        .setProductClass(deviceInfo("ProductClass"))
                        .setSerialNumber(deviceInfo("SerialNumber"))
                        .setAgentSupportedProtocolVersions(parts.supportedVersions()));
        enqueue(new Deliveries.Pending(controllerPath, "", notify(body), true, scheduler.now(), Optional.empty(),
                false, Deliveries.Kind.ON_BOARD));
    }

    private String deviceInfo(String parameter) {
        Result<String> v = model.read(root + ".DeviceInfo." + parameter);
        return v.isOk() ? v.value() : "";
    }

    /** TP-469 1.102: after the answer, again every OnBoardingRestartTime while OnBoardingComplete stays false. */
    private void scheduleOnBoardRestart(String controllerPath) {
        cancel(onBoardRestart, controllerPath);
        Optional<ControllerInfo> c = ControllerInfo.read(model, controllerPath);
        if (c.isEmpty() || c.get().onBoardingComplete().isEmpty() || c.get().onBoardingComplete().get()
                || c.get().onBoardingRestartTime() == 0) {
            return;
        }
        onBoardRestart.put(controllerPath, scheduler.schedule(Duration.ofSeconds(c.get().onBoardingRestartTime()), () -> {
            onBoardRestart.remove(controllerPath);
            Optional<ControllerInfo> now = ControllerInfo.read(model, controllerPath);
            if (now.isPresent() && now.get().enabled() && now.get().onBoardingComplete().equals(Optional.of(false))) {
                LOG.info("controller {} has not completed its onboarding: OnBoardRequest again", controllerPath);
                queueOnBoardRequest(controllerPath);
            }
        }));
    }

    // ------------------------------------------------------------------ Periodic!

    /** Plans the next {@code Periodic!} of a controller, strictly after {@code after} (now when empty). */
    private void schedulePeriodic(String controllerPath, Optional<Instant> after) {
        cancel(periodic, controllerPath);
        ObjectDef localAgent = model.schema().object(root + ".LocalAgent.").orElse(null);
        if (localAgent == null || localAgent.event("Periodic").isEmpty()) {
            return;
        }
        Optional<ControllerInfo> c = ControllerInfo.read(model, controllerPath);
        if (c.isEmpty() || !c.get().enabled() || c.get().periodicInterval() == 0) {
            return;
        }
        Instant now = scheduler.now();
        Instant from = after.filter(a -> a.isAfter(now)).orElse(now);
        long interval = c.get().periodicInterval() * 1000;
        Instant phase = c.get().periodicTime().orElse(startedAt);
        long elapsed = from.toEpochMilli() - phase.toEpochMilli();
        Instant next = phase.plusMillis((Math.floorDiv(elapsed, interval) + 1) * interval);
        periodic.put(controllerPath, scheduler.schedule(Duration.between(now, next), () -> {
            periodic.remove(controllerPath);
            raise(root + ".LocalAgent.", "Periodic", s -> s.recipient().equals(controllerPath), s -> Map.of());
            schedulePeriodic(controllerPath, Optional.of(next));
        }));
    }

    // ------------------------------------------------------------------ TimeToLive and the agent's writes

    private void scheduleTimeToLive(Subscription s) {
        cancel(timeToLive, s.path());
        if (s.timeToLive() == 0) {
            return;
        }
        Instant created = s.created().orElseGet(() -> firstSeen.computeIfAbsent(s.path(), p -> scheduler.now()));
        Instant end = created.plusSeconds(s.timeToLive());
        Duration left = Duration.between(scheduler.now(), end);
        timeToLive.put(s.path(), scheduler.schedule(left.isNegative() ? Duration.ZERO : left, () -> {
            timeToLive.remove(s.path());
            LOG.info("subscription {} ({}) reached its TimeToLive of {} s: deleted", s.path(), s.id(), s.timeToLive());
            delete(s.path());
        }));
    }

    private void removeNotPersistent() {
        keepPendingOfDeleted = true;
        try {
            for (Subscription s : subscriptions.all()) {
                if (!s.persistent()) {
                    LOG.info("subscription {} ({}) is not persistent: deleted at this restart", s.path(), s.id());
                    delete(s.path());
                }
            }
        } finally {
            keepPendingOfDeleted = false;
        }
    }

    private void deferDeleteSubscriptionsOf(String controllerPath) {
        later(() -> {
            for (Subscription s : subscriptions.all()) {
                if (s.recipient().equals(controllerPath)) {
                    LOG.info("subscription {} ({}) deleted with its controller {}", s.path(), s.id(), controllerPath);
                    delete(s.path());
                }
            }
        });
    }

    private void fillCreationDates() {
        fillCreationDates(subscriptions.all().stream().map(Subscription::path).toList());
    }

    private void deferFillCreationDates(Set<String> paths) {
        Set<String> copy = Set.copyOf(paths);
        later(() -> fillCreationDates(copy));
    }

    /** Subscriptions made other than by a controller's Add (factory defaults) get a CreationDate too. */
    private void fillCreationDates(java.util.Collection<String> paths) {
        Optional<ObjectDef> table = model.schema().object(subscriptions.tablePath() + "{i}.");
        Optional<ParameterDef> p = table.flatMap(t -> t.parameter("CreationDate"));
        if (p.isEmpty()) {
            return;
        }
        for (String path : paths) {
            Optional<Subscription> s = subscriptions.get(path);
            if (s.isPresent() && s.get().created().isEmpty()) {
                Instant created = firstSeen.getOrDefault(path, scheduler.now());
                setAsAgent(path + "CreationDate", dateTime(created));
            }
        }
    }

    /** Runs {@code work} on the owner thread after what runs now (never inside a commit's listeners). */
    private void later(Runnable work) {
        try {
            parts.owner().call(m -> {
                if (started) {
                    work.run();
                }
                return null;
            }).exceptionally(e -> {
                LOG.error("notification bookkeeping failed", e);
                return null;
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("the data model is stopped; bookkeeping dropped");
        }
    }

    private void delete(String instancePath) {
        Transaction tx = model.beginForAgent();
        try {
            Optional<DmError> failed = tx.delete(instancePath);
            Result<?> done = failed.isEmpty() ? tx.commit() : Result.err(failed.get());
            if (!done.isOk()) {
                LOG.warn("could not delete {}: {}", instancePath, done.error().message());
            }
        } finally {
            tx.rollback();
        }
    }

    private void setAsAgent(String parameterPath, String value) {
        Transaction tx = model.beginForAgent();
        try {
            Optional<DmError> failed = tx.set(parameterPath, value);
            Result<?> done = failed.isEmpty() ? tx.commit() : Result.err(failed.get());
            if (!done.isOk()) {
                LOG.warn("could not set {}: {}", parameterPath, done.error().message());
            }
        } finally {
            tx.rollback();
        }
    }

    // ------------------------------------------------------------------ polling

    private void schedulePoll() {
        pollTimer = scheduler.schedule(parts.config().pollInterval(), () -> {
            pollTimer = null;
            if (!started) {
                return;
            }
            poll(false);
            schedulePoll();
        });
    }

    /**
     * Reads again the parameters ValueChange subscriptions name that the platform provides and
     * does not push, and the tables ObjectCreation and ObjectDeletion subscriptions name (reading
     * a platform table brings its instances up to date, and the engine reports what changed).
     * {@code baselineOnly}: remember the values, report nothing.
     */
    private void poll(boolean baselineOnly) {
        Set<String> polled = new HashSet<>();
        List<ModelEvent> changed = new ArrayList<>();
        for (Subscription s : subscriptions.all()) {
            if (!s.active()) {
                continue;
            }
            if (s.is(NotifType.VALUE_CHANGE)) {
                readPolled(s, polled, baselineOnly ? null : changed);
            } else if (s.is(NotifType.OBJECT_CREATION) || s.is(NotifType.OBJECT_DELETION)) {
                for (Reference r : s.references()) {
                    if (r.valid()) {
                        model.resolve(r.path());
                    }
                }
            }
        }
        lastSeen.keySet().retainAll(polled);
        if (!changed.isEmpty()) {
            modelChanged(changed);
        }
    }

    /** A new or changed ValueChange subscription: what it starts from. */
    private void baseline(Subscription s) {
        readPolled(s, new HashSet<>(), null);
    }

    private void readPolled(Subscription s, Set<String> polled, List<ModelEvent> changed) {
        for (Reference r : s.references()) {
            if (!r.valid() || r.path().kind() == PathName.Kind.COMMAND || r.path().kind() == PathName.Kind.EVENT) {
                continue;
            }
            Result<List<ObjectValues>> got = model.get(r.text(), 0);
            if (!got.isOk()) {
                continue;
            }
            for (ObjectValues o : got.value()) {
                for (Map.Entry<String, String> p : o.parameters().entrySet()) {
                    String path = o.path() + p.getKey();
                    if (polled.contains(path) || isValueChangeIgnored(path) || !model.providedByPlatform(path)
                            || parts.config().pushedParameters().contains(Schema.supportedPathOf(path))) {
                        continue;
                    }
                    if (polled.size() >= parts.config().maxPolledParameters()) {
                        LOG.warn("more than {} parameters to poll; the rest are not watched",
                                parts.config().maxPolledParameters());
                        return;
                    }
                    polled.add(path);
                    String before = lastSeen.putIfAbsent(path, p.getValue());
                    if (changed != null && before != null && !before.equals(p.getValue())) {
                        changed.add(new ModelEvent.ValueChanged(path, p.getValue()));
                    }
                }
            }
        }
    }
}

package dev.demarc.core.usp.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Range;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.usp.UspAgent;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A real agent on a real owner thread with notifications started, a manual clock, an in-memory
 * MTP, and two test controllers.
 *
 * <p>The data model holds what notifications use, declared as TR-181 does:
 * <pre>
 * Device.
 *   DeviceInfo. ManufacturerOUI, ProductClass, SerialNumber, SoftwareVersion,
 *               Temperature (provided, polled), FanSpeed (provided, pushed),
 *               UpTime (provided, value changes ignored)
 *   LocalAgent. EndpointID
 *     Controller.{i}. Alias, EndpointID, Enable, ProvisioningCode, PeriodicNotifInterval,
 *       PeriodicNotifTime, USPNotifRetryMinimumWaitInterval, USPNotifRetryIntervalMultiplier,
 *       OnBoardingComplete, OnBoardingRestartTime, BootParameter.{i}. (Alias, Enable, ParameterName),
 *       SendOnBoardRequest()
 *     Subscription.{i}. Alias, Enable, Recipient (read-only), TriggerAction, TriggerConfigSettings
 *       (checked when written), ID, CreationDate (read-only), NotifType, ReferenceList, Persistent,
 *       TimeToLive, NotifRetry, NotifExpiration
 *     Request.{i}. (not creatable) Alias, Originator, Command, CommandKey, Status, Cancel()
 *     Periodic!
 *   IP.Diagnostics. TraceRoute() async, input Host and ProtocolVersion (mandatory), NumberOfTries
 *     (default 3), Timeout (default 5000), DSCP (no default); output Status
 *   SelfTestDiagnostics() async, output Results
 *   ScheduleTimer() async, input DelaySeconds (mandatory)
 *   Boot!(CommandKey, Cause, Reason, FirmwareUpdated, ParameterMap)
 * </pre>
 * Controllers 1 and 2 ({@link #C1}, {@link #C2}) are enabled, controller 1 has completed its
 * onboarding (so that setting its ProvisioningCode, as TP-469 does, does not make it due for an
 * OnBoardRequest) and has boot parameters
 * {@code Device.LocalAgent.EndpointID} (enabled), {@code Device.DeviceInfo.SoftwareVersion}
 * (disabled) and {@code Device.LocalAgent.Controller.*.Enable} (enabled).
 */
final class NotifyFixture implements AutoCloseable {

    static final String AGENT = "os::012345-demarc-0001";
    static final String C1 = "proto::controller-1";
    static final String C2 = "proto::controller-2";
    static final String SUBS = "Device.LocalAgent.Subscription.";
    static final Instant T0 = Instant.parse("2024-03-01T10:00:30Z");

    static final ValueType BOOL = ValueType.bool();

    static final Schema SCHEMA = schema(false);

    /** {@link #SCHEMA}, with {@code roles}: {@code Controller.{i}.AssignedRole} and {@code ControllerTrust.Role.{i}.Permission.{i}.}. */
    static Schema schema(boolean roles) {
        ObjectDef.Builder controller = ObjectDef.table("Controller").creatable().uniqueKey("EndpointID").uniqueKey("Alias");
        ObjectDef.Builder localAgent = ObjectDef.single("LocalAgent");
        if (roles) {
            controller.param(ParameterDef.readWrite("AssignedRole", ValueType.listOf(ValueType.string())))
                    .param(ParameterDef.readOnly("InheritedRole", ValueType.listOf(ValueType.string())));
            ValueType permission = ValueType.string().maxLength(4);
            localAgent.object(ObjectDef.single("ControllerTrust")
                    .param(ParameterDef.readWrite("UntrustedRole", ValueType.listOf(ValueType.string())))
                    .tableWithCount(ObjectDef.table("Role").creatable().uniqueKey("Alias")
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readWrite("Enable", BOOL).withDefault("false"))
                            .param(ParameterDef.readWrite("Name", ValueType.string().maxLength(64)))
                            .tableWithCount(ObjectDef.table("Permission").creatable().uniqueKey("Order").uniqueKey("Alias")
                                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                                    .param(ParameterDef.readWrite("Enable", BOOL).withDefault("false"))
                                    .param(ParameterDef.readWrite("Order", ValueType.unsignedInt()).withDefault("0"))
                                    .param(ParameterDef.readWrite("Targets", ValueType.listOf(ValueType.string())))
                                    .param(ParameterDef.readWrite("Param", permission).withDefault("----"))
                                    .param(ParameterDef.readWrite("Obj", permission).withDefault("----"))
                                    .param(ParameterDef.readWrite("InstantiatedObj", permission).withDefault("----"))
                                    .param(ParameterDef.readWrite("CommandEvent", permission).withDefault("----")))));
        }
        return Schema.of(ObjectDef.single("Device")
            .object(ObjectDef.single("DeviceInfo")
                    .param(ParameterDef.readOnly("ManufacturerOUI", ValueType.string().maxLength(6)).withDefault("012345"))
                    .param(ParameterDef.readOnly("ProductClass", ValueType.string().maxLength(64)).withDefault("Gateway"))
                    .param(ParameterDef.readOnly("SerialNumber", ValueType.string().maxLength(64)).withDefault("SN0001"))
                    .param(ParameterDef.readOnly("SoftwareVersion", ValueType.string().maxLength(64)).withDefault("2.1.0"))
                    .param(ParameterDef.readOnly("Temperature", ValueType.int32()))
                    .param(ParameterDef.readOnly("FanSpeed", ValueType.unsignedInt()))
                    .param(ParameterDef.readOnly("UpTime", ValueType.unsignedInt()).ignoringValueChange()))
            .object(localAgent
                    .param(ParameterDef.readOnly("EndpointID", ValueType.string().maxLength(256)))
                    .tableWithCount(controller
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readWrite("EndpointID", ValueType.string().maxLength(256)))
                            .param(ParameterDef.readWrite("Enable", BOOL).withDefault("false"))
                            .param(ParameterDef.readWrite("ProvisioningCode", ValueType.string().maxLength(64)))
                            .param(ParameterDef.readWrite("PeriodicNotifInterval",
                                    ValueType.unsignedInt().range(Range.atLeast(1))).withDefault("86400"))
                            .param(ParameterDef.readWrite("PeriodicNotifTime", ValueType.dateTime())
                                    .withDefault("0001-01-01T00:00:00Z"))
                            .param(ParameterDef.readWrite("USPNotifRetryMinimumWaitInterval",
                                    ValueType.unsignedInt().range(1, 65535)).withDefault("5"))
                            .param(ParameterDef.readWrite("USPNotifRetryIntervalMultiplier",
                                    ValueType.unsignedInt().range(1000, 65535)).withDefault("2000"))
                            .param(ParameterDef.readWrite("OnBoardingComplete", BOOL).withDefault("false"))
                            .param(ParameterDef.readWrite("OnBoardingRestartTime", ValueType.unsignedInt()).withDefault("0"))
                            .tableWithCount(ObjectDef.table("BootParameter").creatable()
                                    .uniqueKey("ParameterName").uniqueKey("Alias")
                                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                                    .param(ParameterDef.readWrite("Enable", BOOL).withDefault("false"))
                                    .param(ParameterDef.readWrite("ParameterName", ValueType.string().maxLength(256))))
                            .command(new CommandDef("SendOnBoardRequest", false, List.of(), List.of())))
                    .tableWithCount(ObjectDef.table("Subscription").creatable().maxEntries(64)
                            .uniqueKey("Alias").uniqueKey("Recipient", "ID")
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readWrite("Enable", BOOL).withDefault("false"))
                            .param(ParameterDef.readOnly("Recipient", ValueType.string()))
                            .param(ParameterDef.readWrite("TriggerAction", ValueType.string()
                                    .enumeration("Notify", "Config", "NotifyAndConfig")).withDefault("Notify"))
                            .param(ParameterDef.readWrite("TriggerConfigSettings",
                                    ValueType.listOf(ValueType.string()).maxItems(16)))
                            .param(ParameterDef.readWrite("ID", ValueType.string().length(1, 64)))
                            .param(ParameterDef.readOnly("CreationDate", ValueType.dateTime()))
                            .param(ParameterDef.readWrite("NotifType", ValueType.string().enumeration(
                                    "ValueChange", "ObjectCreation", "ObjectDeletion", "OperationComplete", "Event")))
                            .param(ParameterDef.readWrite("ReferenceList", ValueType.listOf(ValueType.string().maxLength(256))))
                            .param(ParameterDef.readWrite("Persistent", BOOL).withDefault("false"))
                            .param(ParameterDef.readWrite("TimeToLive", ValueType.unsignedInt()).withDefault("0"))
                            .param(ParameterDef.readWrite("NotifRetry", BOOL).withDefault("false"))
                            .param(ParameterDef.readWrite("NotifExpiration", ValueType.unsignedInt()).withDefault("0")))
                    .tableWithCount(ObjectDef.table("Request").maxEntries(2)
                            .uniqueKey("Originator", "Command", "CommandKey").uniqueKey("Alias")
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readOnly("Originator", ValueType.string()))
                            .param(ParameterDef.readOnly("Command", ValueType.string()))
                            .param(ParameterDef.readOnly("CommandKey", ValueType.string()))
                            .param(ParameterDef.readOnly("Status", ValueType.string().enumeration(
                                    "Requested", "Active", "Canceling", "Canceled", "Success", "Error")))
                            .command(new CommandDef("Cancel", false, List.of(), List.of())))
                    .event(new EventDef("Periodic", List.of())))
            .object(ObjectDef.single("IP").object(ObjectDef.single("Diagnostics")
                    .command(new CommandDef("TraceRoute", true, List.of(
                            ArgumentDef.mandatory("Host", ValueType.string().maxLength(256)),
                            ArgumentDef.mandatory("ProtocolVersion", ValueType.string().enumeration("Any", "IPv4", "IPv6")),
                            ArgumentDef.optional("NumberOfTries", ValueType.unsignedInt().range(1, 3)).withDefault("3"),
                            ArgumentDef.optional("Timeout", ValueType.unsignedInt().range(Range.atLeast(1)))
                                    .withDefault("5000"),
                            ArgumentDef.optional("DSCP", ValueType.unsignedInt().range(0, 63))),
                            List.of(ArgumentDef.optional("Status", ValueType.string()))))))
            .command(new CommandDef("SelfTestDiagnostics", true, List.of(),
                    List.of(ArgumentDef.optional("Results", ValueType.string()))))
            .command(ScheduleTimerCommand.DEFINITION)
            .event(new EventDef("Boot", List.of(
                    ArgumentDef.optional("CommandKey", ValueType.string()),
                    ArgumentDef.optional("Cause", ValueType.string()),
                    ArgumentDef.optional("Reason", ValueType.string()),
                    ArgumentDef.optional("FirmwareUpdated", BOOL),
                    ArgumentDef.optional("ParameterMap", ValueType.string()))))
            .buildRoot());
    }

    static final List<String> DEFAULTS = List.of(
            "Device.LocalAgent.EndpointID=" + AGENT,
            "Device.LocalAgent.Controller.1.EndpointID=" + C1,
            "Device.LocalAgent.Controller.1.Enable=true",
            "Device.LocalAgent.Controller.1.OnBoardingComplete=true",
            "Device.LocalAgent.Controller.1.BootParameter.1.ParameterName=Device.LocalAgent.EndpointID",
            "Device.LocalAgent.Controller.1.BootParameter.1.Enable=true",
            "Device.LocalAgent.Controller.1.BootParameter.2.ParameterName=Device.DeviceInfo.SoftwareVersion",
            "Device.LocalAgent.Controller.1.BootParameter.2.Enable=false",
            "Device.LocalAgent.Controller.1.BootParameter.3.ParameterName=Device.LocalAgent.Controller.*.Enable",
            "Device.LocalAgent.Controller.1.BootParameter.3.Enable=true",
            "Device.LocalAgent.Controller.2.EndpointID=" + C2,
            "Device.LocalAgent.Controller.2.Enable=true");

    /**
     * With {@link #schema(boolean) roles}: controller 1 may do and hear everything; controller
     * 2 may do everything but hear nothing of {@code Controller.1.ProvisioningCode} nor of
     * created instances, and may read but not write {@code Controller.1.Enable}.
     */
    static final List<String> ROLES = List.of(
            "Device.LocalAgent.Controller.1.AssignedRole=Device.LocalAgent.ControllerTrust.Role.1",
            "Device.LocalAgent.Controller.2.AssignedRole=Device.LocalAgent.ControllerTrust.Role.2",
            "Device.LocalAgent.ControllerTrust.Role.1.Enable=true",
            "Device.LocalAgent.ControllerTrust.Role.1.Permission.1.Enable=true",
            "Device.LocalAgent.ControllerTrust.Role.1.Permission.1.Order=1",
            "Device.LocalAgent.ControllerTrust.Role.1.Permission.1.Targets=Device.",
            "Device.LocalAgent.ControllerTrust.Role.1.Permission.1.Param=rw-n",
            "Device.LocalAgent.ControllerTrust.Role.1.Permission.1.Obj=rw-n",
            "Device.LocalAgent.ControllerTrust.Role.1.Permission.1.InstantiatedObj=rw-n",
            "Device.LocalAgent.ControllerTrust.Role.1.Permission.1.CommandEvent=r-xn",
            "Device.LocalAgent.ControllerTrust.Role.2.Enable=true",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.1.Enable=true",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.1.Order=1",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.1.Targets=Device.",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.1.Param=rw-n",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.1.Obj=rw--",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.1.InstantiatedObj=rw-n",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.1.CommandEvent=r-xn",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.2.Enable=true",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.2.Order=2",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.2.Targets=Device.LocalAgent.Controller.1.ProvisioningCode",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.2.Param=rw--",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.3.Enable=true",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.3.Order=3",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.3.Targets=Device.LocalAgent.Controller.1.Enable",
            "Device.LocalAgent.ControllerTrust.Role.2.Permission.3.Param=r--n");

    /** A clock whose time the test moves; timers run on the owner thread when it is moved there. */
    static final class ManualScheduler implements OwnerScheduler {
        private record Task(Instant at, long seq, Runnable run, boolean[] cancelled) {
        }

        private final PriorityQueue<Task> tasks = new PriorityQueue<>(
                Comparator.comparing(Task::at).thenComparingLong(Task::seq));
        private Instant now;
        private long seq;

        ManualScheduler(Instant start) {
            this.now = start;
        }

        @Override
        public synchronized Instant now() {
            return now;
        }

        @Override
        public synchronized Timer schedule(Duration delay, Runnable task) {
            boolean[] cancelled = {false};
            tasks.add(new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task, cancelled));
            return () -> {
                synchronized (ManualScheduler.this) {
                    cancelled[0] = true;
                }
            };
        }

        /** Moves time on, running each task when its time comes. Owner thread. */
        void advance(Duration d) {
            Instant target;
            synchronized (this) {
                target = now.plus(d);
            }
            while (true) {
                Task next;
                synchronized (this) {
                    next = tasks.peek();
                    if (next == null || next.at().isAfter(target)) {
                        now = target;
                        return;
                    }
                    tasks.poll();
                    if (next.cancelled()[0]) {
                        continue;
                    }
                    now = next.at();
                }
                next.run().run();
            }
        }
    }

    /** One record the agent sent, decoded. */
    record Sent(MtpAddress to, UspRecord.Record record, UspMsg.Msg msg) {
    }

    final InMemoryStore modelStore;
    final InMemoryStore notifyStore;
    final ManualScheduler clock;
    final Map<String, MtpAddress> routes = new ConcurrentHashMap<>();
    final DataModelOwner owner;
    final UspAgent agent;
    final AtomicReference<Integer> temperature = new AtomicReference<>(40);
    final AtomicReference<Integer> fanSpeed = new AtomicReference<>(1000);
    final AtomicReference<Integer> upTime = new AtomicReference<>(100);
    private final List<Sent> inbox = new ArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    static MtpAddress address(String controller) {
        return new MtpAddress("WebSocket", "ws:" + controller, controller);
    }

    /** A fresh agent (factory defaults, first start) with both controllers reachable. */
    static NotifyFixture fresh(UspCommands commands) {
        return new NotifyFixture(SCHEMA, List.of(), new InMemoryStore(), new InMemoryStore(), new ManualScheduler(T0), true,
                BootCause.firstStart(), commands, NotifyConfig.DEFAULT, true);
    }

    static NotifyFixture fresh() {
        return fresh(UspCommands.none());
    }

    /** A fresh agent whose data model has roles ({@link #ROLES}). */
    static NotifyFixture withRoles() {
        return new NotifyFixture(schema(true), ROLES, new InMemoryStore(), new InMemoryStore(), new ManualScheduler(T0),
                true, BootCause.firstStart(), UspCommands.none(), NotifyConfig.DEFAULT, true);
    }

    /** A fresh agent with its own notification bounds. */
    static NotifyFixture fresh(NotifyConfig config, boolean reachable) {
        return new NotifyFixture(SCHEMA, List.of(), new InMemoryStore(), new InMemoryStore(), new ManualScheduler(T0), true,
                BootCause.firstStart(), UspCommands.none(), config, reachable);
    }

    /**
     * This agent stopped and started again on the same stores after {@code down} has passed,
     * for {@code boot}; controllers reachable when {@code reachable}.
     */
    NotifyFixture restart(Duration down, BootCause boot, boolean reachable) {
        return restart(down, boot, reachable, UspCommands.none());
    }

    NotifyFixture restart(Duration down, BootCause boot, boolean reachable, UspCommands commands) {
        close();
        return new NotifyFixture(SCHEMA, List.of(), modelStore, notifyStore, new ManualScheduler(clock.now().plus(down)),
                false, boot,
                commands, NotifyConfig.DEFAULT, reachable);
    }

    private NotifyFixture(Schema schema, List<String> extraDefaults, InMemoryStore modelStore, InMemoryStore notifyStore,
                          ManualScheduler clock, boolean fresh, BootCause boot, UspCommands commands, NotifyConfig config,
                          boolean reachable) {
        this.modelStore = modelStore;
        this.notifyStore = notifyStore;
        this.clock = clock;
        if (reachable) {
            routes.put(C1, address(C1));
            routes.put(C2, address(C2));
        }
        List<Assignment> defaults = new ArrayList<>();
        List<String> lines = new ArrayList<>(DEFAULTS);
        lines.addAll(extraDefaults);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int eq = line.indexOf('=');
            defaults.add(new Assignment(line.substring(0, eq), line.substring(eq + 1), i + 1));
        }
        Bindings bindings = Bindings.builder(schema)
                .parameter("Device.DeviceInfo.Temperature", o -> Result.ok(Integer.toString(temperature.get())), Duration.ZERO)
                .parameter("Device.DeviceInfo.FanSpeed", o -> Result.ok(Integer.toString(fanSpeed.get())), Duration.ZERO)
                .parameter("Device.DeviceInfo.UpTime", o -> Result.ok(Integer.toString(upTime.get())), Duration.ZERO)
                .hook("Device.LocalAgent.Subscription.{i}.", TriggerConfigSettings.writeHook(schema))
                .build();
        owner = DataModelOwner.start(() -> {
            Result<DataModel> r = DataModel.open(schema, bindings, modelStore, fresh, defaults, "test.defaults");
            if (!r.isOk()) {
                throw new IllegalStateException(r.error().toString());
            }
            return r.value();
        }).join();
        agent = UspAgent.builder()
                .endpointId(AGENT)
                .owner(owner)
                .sender(this::send)
                .commands(commands)
                .routes(id -> java.util.Optional.ofNullable(routes.get(id)))
                .notifyStore(notifyStore)
                .notifyConfig(config.withPushedParameters(java.util.Set.of("Device.DeviceInfo.FanSpeed")))
                .scheduler(clock)
                .random(new SplittableRandom(7))
                .build();
        agent.start(boot).join();
    }

    private synchronized CompletableFuture<Void> send(MtpAddress to, byte[] bytes, UspAgent.Carried carried) {
        try {
            UspRecord.Record r = UspRecord.Record.parseFrom(bytes);
            UspMsg.Msg m = UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload());
            UspAgent.Carried expected = m.getBody().hasRequest() && m.getBody().getRequest().hasNotify()
                    ? UspAgent.Carried.NOTIFY : UspAgent.Carried.RESPONSE;
            if (carried != expected) {
                throw new AssertionError("a " + m.getHeader().getMsgType() + " was sent as " + carried);
            }
            inbox.add(new Sent(to, r, m));
            notifyAll();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the agent sent a record that does not parse", e);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        try {
            agent.stop().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the owner may be stopped already
        }
        owner.close();
    }

    <T> T onModel(Function<DataModel, T> work) {
        return owner.call(work).join();
    }

    /** Moves the clock on by {@code d}, running what falls due, on the owner thread. */
    void advance(Duration d) {
        onModel(m -> {
            clock.advance(d);
            return null;
        });
    }

    /**
     * Waits until the owner thread has done everything queued so far, and the agent's encoder
     * has handed to {@link #send} everything the owner thread gave it.
     */
    void sync() {
        onModel(m -> null);
        onModel(m -> null);
        agent.flushed().join();
    }

    /** A transport came up: what waited is sent. */
    void connected(String controller) {
        agent.connected(address(controller));
        sync();
    }

    // ------------------------------------------------------------------ the test controllers

    synchronized Sent take(String what, java.util.function.Predicate<Sent> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (Iterator<Sent> it = inbox.iterator(); it.hasNext(); ) {
                Sent s = it.next();
                if (wanted.test(s)) {
                    it.remove();
                    return s;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the agent sent no " + what + "; it sent " + inbox);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The next Notify the agent sent to {@code controller}, after checking its envelope. */
    UspMsg.Notify nextNotify(String controller) {
        Sent s = nextNotifyMessage(controller);
        return s.msg().getBody().getRequest().getNotify();
    }

    Sent nextNotifyMessage(String controller) {
        Sent s = take("Notify to " + controller, x -> x.record().getToId().equals(controller)
                && x.msg().getBody().getRequest().hasNotify());
        assertEquals(address(controller), s.to(), "a Notify goes over the route of its controller");
        assertEquals(AGENT, s.record().getFromId());
        assertEquals(UspMsg.Header.MsgType.NOTIFY, s.msg().getHeader().getMsgType());
        assertTrue(s.record().hasNoSessionContext());
        return s;
    }

    /** How many Notify messages wait in the inbox of {@code controller}, after the owner thread is idle. */
    int notifyCount(String controller) {
        sync();
        synchronized (this) {
            return (int) inbox.stream().filter(x -> x.record().getToId().equals(controller)
                    && x.msg().getBody().getRequest().hasNotify()).count();
        }
    }

    /** How many messages the agent sent that match, after the owner thread is idle. */
    int count(java.util.function.Predicate<Sent> which) {
        sync();
        synchronized (this) {
            return (int) inbox.stream().filter(which).count();
        }
    }

    /** The first {@code n} messages in the inbox, in the order the agent sent them, once there are that many. */
    synchronized List<Sent> firstSent(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inbox.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the agent sent " + inbox.size() + " messages, not " + n + ": " + inbox);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return List.copyOf(inbox.subList(0, n));
    }

    synchronized void clearInbox() {
        inbox.clear();
    }

    String newMsgId() {
        return "test-" + nextId.getAndIncrement();
    }

    void deliver(String from, UspMsg.Msg msg) {
        deliver(from, msg, address(from));
    }

    /** Delivers {@code msg} from {@code from} as if it came {@code via} that address. */
    void deliver(String from, UspMsg.Msg msg, MtpAddress via) {
        byte[] record = UspRecord.Record.newBuilder()
                .setVersion("1.4").setFromId(from).setToId(AGENT)
                .setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(msg.toByteString()))
                .build().toByteArray();
        agent.recordReceived(record, via);
    }

    /** Sends a request from {@code from} and answers the agent's reply. */
    UspMsg.Msg request(String from, UspMsg.Header.MsgType type, UspMsg.Request request) {
        String id = newMsgId();
        deliver(from, UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(id).setMsgType(type))
                .setBody(UspMsg.Body.newBuilder().setRequest(request)).build());
        Sent reply = take("answer to " + id, x -> x.msg().getHeader().getMsgId().equals(id));
        assertEquals(from, reply.record().getToId());
        return reply.msg();
    }

    /** The controller answers a Notify with a NotifyResp of the same Message ID and subscription ID. */
    void notifyResp(String from, Sent notify) {
        deliver(from, UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(notify.msg().getHeader().getMsgId())
                        .setMsgType(UspMsg.Header.MsgType.NOTIFY_RESP))
                .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder()
                        .setNotifyResp(UspMsg.NotifyResp.newBuilder()
                                .setSubscriptionId(notify.msg().getBody().getRequest().getNotify().getSubscriptionId()))))
                .build());
        sync();
    }

    UspMsg.AddResp add(String from, String table, String... settings) {
        UspMsg.Add.CreateObject.Builder c = UspMsg.Add.CreateObject.newBuilder().setObjPath(table);
        for (int i = 0; i < settings.length; i += 2) {
            c.addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam(settings[i]).setValue(settings[i + 1]));
        }
        UspMsg.Msg reply = request(from, UspMsg.Header.MsgType.ADD, UspMsg.Request.newBuilder()
                .setAdd(UspMsg.Add.newBuilder().setAllowPartial(false).addCreateObjs(c)).build());
        assertTrue(reply.getBody().getResponse().hasAddResp(), reply::toString);
        return reply.getBody().getResponse().getAddResp();
    }

    /** Adds a subscription for {@code from}; answers its instance path. */
    String subscribe(String from, String... settings) {
        UspMsg.AddResp r = add(from, SUBS, settings);
        UspMsg.AddResp.CreatedObjectResult.OperationStatus status = r.getCreatedObjResults(0).getOperStatus();
        assertTrue(status.hasOperSuccess(), r::toString);
        return status.getOperSuccess().getInstantiatedPath();
    }

    void set(String from, String objectPath, String param, String value) {
        UspMsg.Msg reply = request(from, UspMsg.Header.MsgType.SET, UspMsg.Request.newBuilder()
                .setSet(UspMsg.Set.newBuilder().setAllowPartial(false).addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder()
                        .setObjPath(objectPath).addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                                .setParam(param).setValue(value).setRequired(true))))
                .build());
        assertTrue(reply.getBody().getResponse().hasSetResp(), reply::toString);
    }

    void delete(String from, String path) {
        UspMsg.Msg reply = request(from, UspMsg.Header.MsgType.DELETE, UspMsg.Request.newBuilder()
                .setDelete(UspMsg.Delete.newBuilder().setAllowPartial(false).addObjPaths(path)).build());
        assertTrue(reply.getBody().getResponse().hasDeleteResp(), reply::toString);
    }

    /** The parameters of one object, read on the owner thread. */
    Map<String, String> values(String objectPath) {
        return onModel(m -> {
            var got = m.get(objectPath, 1);
            assertTrue(got.isOk(), () -> got.error().toString());
            assertEquals(1, got.value().size());
            return got.value().get(0).parameters();
        });
    }

    /** The instances of a table. */
    List<String> instances(String tablePath) {
        return onModel(m -> m.instances(tablePath, true).value().stream().map(i -> i.path()).toList());
    }

    UspMsg.Msg operate(String from, String command, String commandKey, boolean sendResp) {
        return operate(from, command, commandKey, sendResp, Map.of());
    }

    UspMsg.Msg operate(String from, String command, String commandKey, boolean sendResp, Map<String, String> input) {
        String id = newMsgId();
        deliver(from, UspMsg.Msg.newBuilder()
                .setHeader(UspMsg.Header.newBuilder().setMsgId(id).setMsgType(UspMsg.Header.MsgType.OPERATE))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder()
                        .setOperate(UspMsg.Operate.newBuilder().setCommand(command).setCommandKey(commandKey)
                                .setSendResp(sendResp).putAllInputArgs(input))))
                .build());
        if (!sendResp) {
            sync();
            return null;
        }
        Sent reply = take("answer to " + id, x -> x.msg().getHeader().getMsgId().equals(id));
        return reply.msg();
    }
}

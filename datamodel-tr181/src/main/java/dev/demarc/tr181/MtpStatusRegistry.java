package dev.demarc.tr181;

import dev.demarc.core.text.AsciiDigits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The live values of the agent's MTPs that TR-181 reports and no one configures:
 * {@code Device.MQTT.Client.{i}.Status} and {@code ResponseInformation}, and
 * {@code Device.LocalAgent.MTP.{i}.Status} and {@code MQTT.ResponseTopicDiscovered}. The running
 * agent keeps it (its MTP router, as transports start, connect, fail and stop); the data model
 * reads it through the providers {@link Tr181Model#bindings} binds, so these parameters read as
 * the agent's MTPs are, not as anything stored.
 *
 * <p>An instance the registry holds nothing for reads as one that does not run: a client
 * {@value #CLIENT_DISABLED}, an MTP {@value #MTP_DOWN}, the topics empty. So a disabled client,
 * or one no enabled MTP uses, reads {@value #CLIENT_DISABLED}.
 *
 * <p>It also holds what the agent's MTPs know of the rest of the agent's live state:
 * <ul>
 *   <li>the Unix domain sockets its MTPs use, the rows of
 *       {@code Device.UnixDomainSockets.UnixDomainSocket.{i}.} ({@link #setUnixDomainSockets});</li>
 *   <li>each controller's connections, per protocol ({@link #controllerConnected},
 *       {@link #controllerDisconnected}, {@link #controllerError}), which the vendor parameters
 *       {@code Controller.{i}.X_DEMARC_DEV_Connected} and the others of
 *       {@link LocalAgentControllerObject} read; and the notifications waiting for each
 *       controller ({@link #setWaitingNotifications}).</li>
 * </ul>
 *
 * <p>Threads: safe for any thread. The agent changes it on the data model's owner thread and
 * pushes what each change answers with {@code platformChanged}, so that reads, and the
 * ValueChange notifications the pushes cause, follow the changes in order. Holds one entry per
 * instance the agent runs; the agent drops the others ({@link #retain}). The controllers'
 * connections are not pushed: a ValueChange subscription on them is polled.
 */
public final class MtpStatusRegistry {

    /** {@code Device.MQTT.Client.{i}.Status} of a client that does not run. */
    public static final String CLIENT_DISABLED = "Disabled";
    /** The values of {@code Device.MQTT.Client.{i}.Status} (TR-181 Device:2.19). */
    public static final List<String> MQTT_CLIENT_STATUSES = List.of(CLIENT_DISABLED, "Connecting", "Connected",
            "Error_Misconfigured", "Error_BrokerUnreachable", "Error");
    /**
     * {@code Device.MQTT.Client.{i}.Stats.}: what a running client counted since it started
     * (the agent starts a client again when its configuration changes).
     *
     * @param brokerConnectionEstablished when its broker connection was last established, empty if never
     * @param mqttMessagesSent            PUBLISH packets (MQTT Application Messages) it sent
     * @param mqttMessagesReceived        PUBLISH packets it received
     * @param connectionErrors            connection attempts that failed and connections that ended
     *                                    without the agent's asking
     */
    public record MqttClientStats(Optional<Instant> brokerConnectionEstablished, long mqttMessagesSent,
                                  long mqttMessagesReceived, long connectionErrors) {
        /** A client that does not run. */
        public static final MqttClientStats NONE = new MqttClientStats(Optional.empty(), 0, 0, 0);

        public MqttClientStats {
            Objects.requireNonNull(brokerConnectionEstablished, "brokerConnectionEstablished");
        }
    }

    /** {@code Device.LocalAgent.MTP.{i}.Status} of an MTP that does not run or cannot communicate. */
    public static final String MTP_DOWN = "Down";
    /** The values of {@code Device.LocalAgent.MTP.{i}.Status}: Error means misconfigured. */
    public static final List<String> MTP_STATUSES = List.of("Up", MTP_DOWN, "Error");

    /**
     * The supported paths of the parameters the registry gives: their changes are pushed, never
     * polled ({@code NotifyConfig.pushedParameters}).
     */
    public static final Set<String> PARAMETERS = Set.of("Device.MQTT.Client.{i}.Status",
            "Device.MQTT.Client.{i}.ResponseInformation", "Device.LocalAgent.MTP.{i}.Status",
            "Device.LocalAgent.MTP.{i}.MQTT.ResponseTopicDiscovered");

    private static final String CLIENT_TABLE = "Device.MQTT.Client.";
    private static final String MTP_TABLE = "Device.LocalAgent.MTP.";
    /** Longest value kept (the standard's maxLength of the topic parameters). */
    static final int MAX_VALUE_LENGTH = 65535;

    /**
     * The live values of one {@code Device.MQTT.Client.{i}.}.
     *
     * @param status              one of {@link #MQTT_CLIENT_STATUSES}
     * @param responseInformation the CONNACK Response Information of the connection (MQTT 5.0), else empty
     */
    public record MqttClientState(String status, String responseInformation) {
        /** A client that does not run. */
        public static final MqttClientState DISABLED = new MqttClientState(CLIENT_DISABLED, "");

        public MqttClientState {
            if (!MQTT_CLIENT_STATUSES.contains(status)) {
                throw new IllegalArgumentException("not a Device.MQTT.Client.{i}.Status: " + status);
            }
            checkLength(responseInformation);
        }

        // equals and hashCode by hand: the generated ones go through method handles that the JVM
        // compiles into classes of their own, which the class data sharing archive cannot hold.
        @Override
        public boolean equals(Object other) {
            return other instanceof MqttClientState o
                    && Objects.equals(status, o.status)
                    && Objects.equals(responseInformation, o.responseInformation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, responseInformation);
        }
    }

    /**
     * The live values of one {@code Device.LocalAgent.MTP.{i}.}.
     *
     * @param status                  one of {@link #MTP_STATUSES}
     * @param responseTopicDiscovered the Response Information of its MQTT client's connection, else empty
     */
    public record MtpState(String status, String responseTopicDiscovered) {
        /** An MTP that does not run. */
        public static final MtpState DOWN = new MtpState(MTP_DOWN, "");

        public MtpState {
            if (!MTP_STATUSES.contains(status)) {
                throw new IllegalArgumentException("not a Device.LocalAgent.MTP.{i}.Status: " + status);
            }
            checkLength(responseTopicDiscovered);
        }

        // equals and hashCode by hand: the generated ones go through method handles that the JVM
        // compiles into classes of their own, which the class data sharing archive cannot hold.
        @Override
        public boolean equals(Object other) {
            return other instanceof MtpState o
                    && Objects.equals(status, o.status)
                    && Objects.equals(responseTopicDiscovered, o.responseTopicDiscovered);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, responseTopicDiscovered);
        }
    }

    private static void checkLength(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_VALUE_LENGTH + " characters");
        }
    }

    /** {@code Device.UnixDomainSockets.UnixDomainSocket.{i}.Mode} of a server's socket. */
    public static final String UDS_LISTEN = "Listen";
    /** {@code Device.UnixDomainSockets.UnixDomainSocket.{i}.Mode} of a client's socket. */
    public static final String UDS_CONNECT = "Connect";
    /** TR-106's Unknown Time: the dateTime of something that has not happened. */
    public static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";
    /** Longest error kept for a controller's connection. */
    static final int MAX_ERROR_LENGTH = 1024;
    /** Demarc's bound on the controllers whose connections are kept. */
    static final int MAX_CONTROLLERS = 1024;

    /**
     * One Unix domain socket of the agent's MTPs, a row of
     * {@code Device.UnixDomainSockets.UnixDomainSocket.{i}.}.
     *
     * @param name what the socket is for, e.g. {@code control}: the row's key, which keeps its
     *             instance number across restarts even when its path changes (an MTP's
     *             {@code UnixDomainSocketRef} to it stays right)
     * @param mode {@value #UDS_LISTEN} (the agent is the server) or {@value #UDS_CONNECT}
     * @param path the socket file
     */
    public record UnixDomainSocket(String name, String mode, String path) {
        public UnixDomainSocket {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a socket's name is not empty");
            }
            if (!UDS_LISTEN.equals(mode) && !UDS_CONNECT.equals(mode)) {
                throw new IllegalArgumentException("not a UnixDomainSocket Mode: " + mode);
            }
            Objects.requireNonNull(path, "path");
            if (path.isEmpty() || path.length() > UnixDomainSocketsObject.MAX_PATH_LENGTH) {
                throw new IllegalArgumentException("a socket path has 1 to " + UnixDomainSocketsObject.MAX_PATH_LENGTH
                        + " characters");
            }
        }
    }

    /**
     * What the agent knows of its connections with one controller over one protocol, or over all.
     *
     * @param connected     whether the agent has a channel to it now (a WebSocket or UDS session,
     *                      an MQTT connection to the broker it was announced on)
     * @param protocols     the protocols of those channels, in {@link LocalAgentInfo#PROTOCOLS} order
     * @param lastChange    when {@code connected} last changed, if it did while the agent runs
     * @param lastError     the last failure to reach it or to send to it, or empty
     * @param lastErrorTime when that was
     */
    public record ControllerLink(boolean connected, List<String> protocols, Optional<Instant> lastChange,
                                 String lastError, Optional<Instant> lastErrorTime) {
        /** A controller the agent never had a channel to while it runs. */
        public static final ControllerLink NEVER = new ControllerLink(false, List.of(), Optional.empty(), "",
                Optional.empty());

        public ControllerLink {
            protocols = List.copyOf(protocols);
            Objects.requireNonNull(lastChange, "lastChange");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(lastErrorTime, "lastErrorTime");
        }
    }

    /** A controller, or one of its MTPs, as the vendor parameters of its instance see it. */
    public record ControllerInstance(String endpointId, Optional<String> protocol) {
        public ControllerInstance {
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** Mutable state of one controller's channels over one protocol; under {@code links}. */
    private static final class Link {
        int open;
        Instant lastChange;
        String lastError = "";
        Instant lastErrorTime;
    }

    private final Map<String, MqttClientState> clients = new ConcurrentHashMap<>();
    private final Map<String, MtpState> mtps = new ConcurrentHashMap<>();
    private volatile List<UnixDomainSocket> sockets = List.of();
    /** By Endpoint ID, then protocol. Guarded by itself. */
    private final Map<String, Map<String, Link>> links = new HashMap<>();
    /** Controller and controller MTP instances (with trailing dot) to what they are. */
    private volatile Map<String, ControllerInstance> controllers = Map.of();
    /** The Endpoint IDs of {@link #controllers}: only their channels are kept. Under {@code links}. */
    private Set<String> knownEndpointIds = Set.of();
    /** Replaced at every change of {@link #controllers} or {@link #links}: see {@link #controllersStamp()}. */
    private volatile Object controllersStamp = new Object();
    private volatile ToIntFunction<String> waitingNotifications = path -> 0;
    private volatile Function<String, MqttClientStats> mqttClientStats = path -> MqttClientStats.NONE;

    /** The values of the client {@code Device.MQTT.Client.1} (with or without the trailing dot). */
    public MqttClientState mqttClient(String clientPath) {
        return clients.getOrDefault(instance(CLIENT_TABLE, clientPath), MqttClientState.DISABLED);
    }

    /**
     * What counts the traffic of clients: from the instance path of a client such as
     * {@code Device.MQTT.Client.1.} to its {@code Stats.}, or null for a client that does not
     * run. Called on the data model's owner thread; must not block.
     */
    public void setMqttClientStats(Function<String, MqttClientStats> value) {
        mqttClientStats = Objects.requireNonNull(value, "value");
    }

    /** The {@code Stats.} of the client {@code Device.MQTT.Client.1} (with or without the trailing dot). */
    public MqttClientStats mqttClientStats(String clientPath) {
        MqttClientStats stats = mqttClientStats.apply(instance(CLIENT_TABLE, clientPath));
        return stats == null ? MqttClientStats.NONE : stats;
    }

    /** The values of the MTP {@code Device.LocalAgent.MTP.1} (with or without the trailing dot). */
    public MtpState mtp(String mtpPath) {
        return mtps.getOrDefault(instance(MTP_TABLE, mtpPath), MtpState.DOWN);
    }

    /**
     * Sets the values of a client; answers the paths of the parameters whose value this changed
     * ({@code Device.MQTT.Client.1.Status}), for {@code platformChanged}.
     */
    public List<String> setMqttClient(String clientPath, MqttClientState state) {
        Objects.requireNonNull(state, "state");
        String path = instance(CLIENT_TABLE, clientPath);
        MqttClientState before = state.equals(MqttClientState.DISABLED) ? clients.remove(path) : clients.put(path, state);
        return changed(path, before == null ? MqttClientState.DISABLED : before, state);
    }

    /**
     * Sets the values of an MTP; answers the paths of the parameters whose value this changed
     * ({@code Device.LocalAgent.MTP.1.Status}), for {@code platformChanged}.
     */
    public List<String> setMtp(String mtpPath, MtpState state) {
        Objects.requireNonNull(state, "state");
        String path = instance(MTP_TABLE, mtpPath);
        MtpState before = state.equals(MtpState.DOWN) ? mtps.remove(path) : mtps.put(path, state);
        return changed(path, before == null ? MtpState.DOWN : before, state);
    }

    /**
     * Forgets every client and MTP but those of {@code instancePaths} (with or without trailing
     * dots; other paths are ignored): they read as not running again. Answers the paths of the
     * parameters whose value this changed.
     */
    public List<String> retain(Collection<String> instancePaths) {
        Set<String> keep = instancePaths.stream().map(p -> p.endsWith(".") ? p : p + ".").collect(Collectors.toSet());
        List<String> changed = new ArrayList<>();
        for (String path : List.copyOf(clients.keySet())) {
            if (!keep.contains(path)) {
                changed.addAll(setMqttClient(path, MqttClientState.DISABLED));
            }
        }
        for (String path : List.copyOf(mtps.keySet())) {
            if (!keep.contains(path)) {
                changed.addAll(setMtp(path, MtpState.DOWN));
            }
        }
        return changed;
    }

    private static List<String> changed(String path, MqttClientState before, MqttClientState after) {
        List<String> out = new ArrayList<>(2);
        if (!before.status().equals(after.status())) {
            out.add(path + "Status");
        }
        if (!before.responseInformation().equals(after.responseInformation())) {
            out.add(path + "ResponseInformation");
        }
        return out;
    }

    private static List<String> changed(String path, MtpState before, MtpState after) {
        List<String> out = new ArrayList<>(2);
        if (!before.status().equals(after.status())) {
            out.add(path + "Status");
        }
        if (!before.responseTopicDiscovered().equals(after.responseTopicDiscovered())) {
            out.add(path + "MQTT.ResponseTopicDiscovered");
        }
        return out;
    }

    /** {@code table} + instance number + ".", or IllegalArgumentException. */
    private static String instance(String table, String path) {
        Objects.requireNonNull(path, "path");
        String withDot = path.endsWith(".") ? path : path + ".";
        if (!withDot.startsWith(table) || !isInstanceNumber(withDot, table.length(), withDot.length() - 1)) {
            throw new IllegalArgumentException("not an instance of " + table + ": " + path);
        }
        return withDot;
    }

    /**
     * Whether {@code s[from, to)} is an instance number: 1 to 10 digits, the first not 0. Written
     * out rather than a regular expression: the data model asks at every read of a status.
     */
    private static boolean isInstanceNumber(String s, int from, int to) {
        return to - from <= 10 && AsciiDigits.only(s, from, to) && s.charAt(from) != '0';
    }

    // ------------------------------------------------------------------ Unix domain sockets

    /** The rows of {@code Device.UnixDomainSockets.UnixDomainSocket.{i}.}; distinct names and paths. */
    public void setUnixDomainSockets(List<UnixDomainSocket> value) {
        List<UnixDomainSocket> copy = List.copyOf(value);
        if (copy.stream().map(UnixDomainSocket::path).distinct().count() != copy.size()
                || copy.stream().map(UnixDomainSocket::name).distinct().count() != copy.size()) {
            throw new IllegalArgumentException("a socket path or name is given twice: " + copy);
        }
        if (copy.size() > UnixDomainSocketsObject.MAX_SOCKETS) {
            throw new IllegalArgumentException("more than " + UnixDomainSocketsObject.MAX_SOCKETS + " sockets");
        }
        sockets = copy;
    }

    public List<UnixDomainSocket> unixDomainSockets() {
        return sockets;
    }

    // ------------------------------------------------------------------ controllers

    /**
     * The controller instances ({@code Device.LocalAgent.Controller.1.}) and their MTP instances
     * ({@code Device.LocalAgent.Controller.1.MTP.2.}), each with the controller's Endpoint ID and,
     * for an MTP, its {@code Protocol}: what the vendor parameters of that instance read. The
     * agent sets it whenever {@code Device.LocalAgent.Controller.} changes. Owner thread.
     */
    public void setControllers(Map<String, ControllerInstance> value) {
        Map<String, ControllerInstance> copy = Map.copyOf(value);
        Set<String> known = copy.values().stream().map(ControllerInstance::endpointId).collect(Collectors.toSet());
        synchronized (links) {
            controllers = copy;
            knownEndpointIds = Set.copyOf(known);
            links.keySet().retainAll(known);
            controllersStamp = new Object();
        }
    }

    /**
     * Stands for the controllers' instances and channels as they are: a new object after every
     * change ({@link #setControllers}, a channel opened or closed, an error), so that what was
     * read of them may be handed out again while the stamp is the same ({@link LastRead}). Any
     * thread.
     */
    public Object controllersStamp() {
        return controllersStamp;
    }

    /** What the instance at {@code instancePath} (with its trailing dot) is, if it is known. */
    public Optional<ControllerInstance> controllerInstance(String instancePath) {
        return Optional.ofNullable(controllers.get(instancePath));
    }

    /**
     * How many notifications wait for the controller at a path such as
     * {@code Device.LocalAgent.Controller.1.}; called on the data model's owner thread.
     */
    public void setWaitingNotifications(ToIntFunction<String> value) {
        waitingNotifications = Objects.requireNonNull(value, "value");
    }

    /** The notifications waiting for the controller at {@code controllerPath}. Owner thread. */
    public int waitingNotifications(String controllerPath) {
        return Math.max(0, waitingNotifications.applyAsInt(controllerPath));
    }

    /**
     * A channel to the controller {@code endpointId} over {@code protocol} opened at {@code at}.
     * Channels of Endpoint IDs that are no controller ({@link #setControllers}) are not kept.
     */
    public void controllerConnected(String endpointId, String protocol, Instant at) {
        synchronized (links) {
            Link l = link(endpointId, protocol);
            if (l == null) {
                return;
            }
            if (l.open++ == 0) {
                l.lastChange = at;
            }
            controllersStamp = new Object();
        }
    }

    /**
     * A channel to the controller {@code endpointId} over {@code protocol} closed at {@code at};
     * when {@code error} is not empty, it is the controller's last error too.
     */
    public void controllerDisconnected(String endpointId, String protocol, Instant at, String error) {
        synchronized (links) {
            Link l = link(endpointId, protocol);
            if (l == null) {
                return;
            }
            if (l.open > 0 && --l.open == 0) {
                l.lastChange = at;
            }
            if (!error.isEmpty()) {
                l.lastError = shorten(error);
                l.lastErrorTime = at;
            }
            controllersStamp = new Object();
        }
    }

    /** Something failed with the controller {@code endpointId} over {@code protocol}: a send, a connection. */
    public void controllerError(String endpointId, String protocol, Instant at, String error) {
        synchronized (links) {
            Link l = link(endpointId, protocol);
            if (l != null) {
                l.lastError = shorten(error);
                l.lastErrorTime = at;
                controllersStamp = new Object();
            }
        }
    }

    /** The controller's channels over {@code protocol}. */
    public ControllerLink controllerLink(String endpointId, String protocol) {
        synchronized (links) {
            Link l = links.getOrDefault(endpointId, Map.of()).get(protocol);
            return l == null ? ControllerLink.NEVER : view(List.of(Map.entry(protocol, l)));
        }
    }

    /** The controller's channels over every protocol: connected over any, the latest change and error. */
    public ControllerLink controllerLink(String endpointId) {
        synchronized (links) {
            Map<String, Link> byProtocol = links.getOrDefault(endpointId, Map.of());
            List<Map.Entry<String, Link>> ordered = new ArrayList<>();
            for (String p : LocalAgentInfo.PROTOCOLS) {
                Link l = byProtocol.get(p);
                if (l != null) {
                    ordered.add(Map.entry(p, l));
                }
            }
            return view(ordered);
        }
    }

    private static ControllerLink view(List<Map.Entry<String, Link>> entries) {
        Set<String> open = new LinkedHashSet<>();
        Instant lastChange = null;
        Instant lastErrorTime = null;
        String lastError = "";
        for (Map.Entry<String, Link> e : entries) {
            Link l = e.getValue();
            if (l.open > 0) {
                open.add(e.getKey());
            }
            if (l.lastChange != null && (lastChange == null || l.lastChange.isAfter(lastChange))) {
                lastChange = l.lastChange;
            }
            if (l.lastErrorTime != null && (lastErrorTime == null || l.lastErrorTime.isAfter(lastErrorTime))) {
                lastErrorTime = l.lastErrorTime;
                lastError = l.lastError;
            }
        }
        return new ControllerLink(!open.isEmpty(), List.copyOf(open), Optional.ofNullable(lastChange), lastError,
                Optional.ofNullable(lastErrorTime));
    }

    /**
     * Under {@code links}; null for an Endpoint ID that is no controller of the data model (its
     * records are dropped anyway, and anyone may make up Endpoint IDs) or past the bound.
     */
    private Link link(String endpointId, String protocol) {
        Objects.requireNonNull(endpointId, "endpointId");
        if (!LocalAgentInfo.PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("not an MTP protocol: " + protocol);
        }
        if (!knownEndpointIds.contains(endpointId)) {
            return null;
        }
        Map<String, Link> byProtocol = links.get(endpointId);
        if (byProtocol == null) {
            if (links.size() >= MAX_CONTROLLERS) {
                return null;
            }
            byProtocol = new HashMap<>();
            links.put(endpointId, byProtocol);
        }
        return byProtocol.computeIfAbsent(protocol, p -> new Link());
    }

    private static String shorten(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public String toString() {
        return "MtpStatusRegistry[clients=" + clients + ", mtps=" + mtps + ", sockets=" + sockets + "]";
    }
}

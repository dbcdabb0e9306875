package dev.demarc.tr181;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
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
 * <p>Threads: safe for any thread. The agent changes it on the data model's owner thread and
 * pushes what each change answers with {@code platformChanged}, so that reads, and the
 * ValueChange notifications the pushes cause, follow the changes in order. Holds one entry per
 * instance the agent runs; the agent drops the others ({@link #retain}).
 */
public final class MtpStatusRegistry {

    /** {@code Device.MQTT.Client.{i}.Status} of a client that does not run. */
    public static final String CLIENT_DISABLED = "Disabled";
    /** The values of {@code Device.MQTT.Client.{i}.Status} (TR-181 Device:2.19). */
    public static final List<String> MQTT_CLIENT_STATUSES = List.of(CLIENT_DISABLED, "Connecting", "Connected",
            "Error_Misconfigured", "Error_BrokerUnreachable", "Error");
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
    private static final Pattern INSTANCE = Pattern.compile("[1-9][0-9]{0,9}\\.");
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
    }

    private static void checkLength(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_VALUE_LENGTH + " characters");
        }
    }

    private final Map<String, MqttClientState> clients = new ConcurrentHashMap<>();
    private final Map<String, MtpState> mtps = new ConcurrentHashMap<>();

    /** The values of the client {@code Device.MQTT.Client.1} (with or without the trailing dot). */
    public MqttClientState mqttClient(String clientPath) {
        return clients.getOrDefault(instance(CLIENT_TABLE, clientPath), MqttClientState.DISABLED);
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
        if (!withDot.startsWith(table) || !INSTANCE.matcher(withDot.substring(table.length())).matches()) {
            throw new IllegalArgumentException("not an instance of " + table + ": " + path);
        }
        return withDot;
    }

    @Override
    public String toString() {
        return "MtpStatusRegistry[clients=" + clients + ", mtps=" + mtps + "]";
    }
}

package dev.demarc.cli.doctor;

import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.Tr181Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the running agent says of its connection to one controller, read from
 * {@code Device.LocalAgent.Controller.{i}.} and its vendor parameters ({@code X_DEMARC_DEV_Connected}
 * and the others). Immutable.
 *
 * @param path       {@code Device.LocalAgent.Controller.1.}
 * @param endpointId its {@code EndpointID}
 * @param enabled    its {@code Enable}
 * @param connected  whether the agent has a channel to it now
 * @param protocols  the MTPs it is connected over ({@code MQTT}, {@code WebSocket})
 * @param since      when the connection state last changed, empty when not known
 * @param lastError  the last failure to reach it, empty when none
 * @param mtps       its enabled MTPs and how each stands ({@code MTP.1. MQTT: not connected, Device.MQTT.Client.1.Status
 *                   Error_BrokerUnreachable}), one entry each
 */
public record ControllerConnection(String path, String endpointId, boolean enabled, boolean connected, String protocols,
                                   String since, String lastError, List<String> mtps) {

    /** The most controllers read. */
    public static final int MAX_CONTROLLERS = 32;
    private static final Pattern CONTROLLER = Pattern.compile("(Device\\.LocalAgent\\.Controller\\.\\d+\\.)EndpointID");
    private static final Pattern MTP = Pattern.compile("(Device\\.LocalAgent\\.Controller\\.\\d+\\.)(MTP\\.\\d+\\.)Enable");
    private static final Pattern MQTT_STATUS = Pattern.compile("(Device\\.MQTT\\.Client\\.\\d+\\.)Status");

    public ControllerConnection {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(protocols, "protocols");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastError, "lastError");
        mtps = List.copyOf(mtps);
    }

    /** The controllers {@code parameters} (a Get of {@code Device.LocalAgent.Controller.}) describe, in path order. */
    public static List<ControllerConnection> fromParameters(Map<String, String> parameters) {
        String x = Tr181Model.VENDOR_PREFIX;
        List<ControllerConnection> out = new ArrayList<>();
        for (String key : new TreeSet<>(parameters.keySet())) {
            Matcher m = CONTROLLER.matcher(key);
            if (!m.matches() || out.size() == MAX_CONTROLLERS) {
                continue;
            }
            String p = m.group(1);
            out.add(new ControllerConnection(p, parameters.get(key), "true".equals(parameters.get(p + "Enable")),
                    "true".equals(parameters.get(p + x + "Connected")),
                    parameters.getOrDefault(p + x + "ConnectedProtocols", ""),
                    time(parameters.get(p + x + "LastChange")),
                    parameters.getOrDefault(p + x + "LastError", ""), mtps(p, parameters)));
        }
        return out;
    }

    /** Each enabled MTP of the controller at {@code p}: protocol, connected or not, its last error, the MQTT clients' status. */
    private static List<String> mtps(String p, Map<String, String> parameters) {
        String x = Tr181Model.VENDOR_PREFIX;
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(parameters.keySet())) {
            Matcher m = MTP.matcher(key);
            if (!m.matches() || !m.group(1).equals(p) || !"true".equals(parameters.get(key))
                    || out.size() == MAX_CONTROLLERS) {
                continue;
            }
            String mtp = p + m.group(2);
            String protocol = parameters.getOrDefault(mtp + "Protocol", "");
            StringBuilder b = new StringBuilder(m.group(2)).append(' ').append(protocol).append(": ")
                    .append("true".equals(parameters.get(mtp + x + "Connected")) ? "connected" : "not connected");
            String error = parameters.getOrDefault(mtp + x + "LastError", "");
            if (!error.isEmpty()) {
                b.append(", last error ").append(error);
            }
            if (protocol.equals("MQTT")) {
                for (String k : new TreeSet<>(parameters.keySet())) {
                    Matcher c = MQTT_STATUS.matcher(k);
                    if (c.matches() && "true".equals(parameters.get(c.group(1) + "Enable"))
                            && !"Connected".equals(parameters.get(k))) {
                        b.append(", ").append(k).append(' ').append(parameters.get(k));
                    }
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    private static String time(String t) {
        return t == null || t.equals(MtpStatusRegistry.UNKNOWN_TIME) ? "" : t;
    }
}

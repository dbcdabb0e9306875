package dev.demarc.cli.doctor;

import dev.demarc.tr181.LocalAgentControllerObject;
import dev.demarc.tr181.MqttClientObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servers the agent is configured to reach, and where that configuration was read: the
 * running agent's data model, or a factory-defaults file. Immutable.
 *
 * @param source   where the configuration was read, in words ({@code the running agent on
 *                 /run/demarc/control.sock}, {@code the factory defaults /etc/demarc/defaults}), or
 *                 why none was ({@code no agent running, and no --defaults FILE given})
 * @param read     whether a configuration was read
 * @param endpoints the enabled servers, at most {@link #MAX_ENDPOINTS}, in path order
 * @param notes    what was configured but not taken (a bad port), one line each, at most
 *                 {@link #MAX_ENDPOINTS}
 */
public record ConfiguredEndpoints(String source, boolean read, List<Endpoint> endpoints, List<String> notes) {

    /** The most servers doctor checks. */
    public static final int MAX_ENDPOINTS = 32;

    /** The default {@code Device.MQTT.Client.{i}.BrokerPort} of the data model. */
    static final String DEFAULT_BROKER_PORT = "1883";

    private static final Pattern MQTT_CLIENT = Pattern.compile("(Device\\.MQTT\\.Client\\.\\d+\\.)BrokerAddress");
    private static final Pattern CONTROLLER_MTP = Pattern.compile(
            "(Device\\.LocalAgent\\.Controller\\.\\d+\\.)(MTP\\.\\d+\\.)WebSocket\\.Host");
    private static final String ACS_URL = "Device.ManagementServer.URL";

    public ConfiguredEndpoints {
        Objects.requireNonNull(source, "source");
        endpoints = List.copyOf(endpoints);
        notes = List.copyOf(notes);
        if (endpoints.size() > MAX_ENDPOINTS || notes.size() > MAX_ENDPOINTS) {
            throw new IllegalArgumentException("more than " + MAX_ENDPOINTS + " endpoints or notes");
        }
    }

    /** No configuration read; {@code why} says why (no agent, no defaults file). */
    public static ConfiguredEndpoints none(String why) {
        return new ConfiguredEndpoints(why, false, List.of(), List.of());
    }

    /**
     * The servers that {@code parameters} (full parameter paths with instance numbers and their
     * values, as a Get of the running agent or a factory-defaults file gives them) configure:
     * <ul>
     *   <li>each enabled {@code Device.MQTT.Client.{i}.} with a {@code BrokerAddress}, on
     *       {@code BrokerPort}, TLS when {@code TransportProtocol} is {@code TLS};</li>
     *   <li>each enabled WebSocket {@code MTP.{i}.} of an enabled
     *       {@code Device.LocalAgent.Controller.{i}.}, on {@code WebSocket.Host} and {@code Port},
     *       TLS when {@code EnableEncryption};</li>
     *   <li>the ACS of {@code Device.ManagementServer.URL}, when there is one.</li>
     * </ul>
     * A parameter left out takes the data model's default.
     */
    public static ConfiguredEndpoints fromParameters(String source, Map<String, String> parameters) {
        List<Endpoint> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String path : new TreeSet<>(parameters.keySet())) {
            Matcher m = MQTT_CLIENT.matcher(path);
            if (m.matches()) {
                mqtt(m.group(1), parameters, found, notes);
                continue;
            }
            m = CONTROLLER_MTP.matcher(path);
            if (m.matches()) {
                controller(m.group(1), m.group(1) + m.group(2), parameters, found, notes);
                continue;
            }
            if (path.equals(ACS_URL)) {
                acs(parameters.get(path), found, notes);
            }
        }
        return new ConfiguredEndpoints(source, true, bounded(found), bounded(notes));
    }

    private static void mqtt(String client, Map<String, String> p, List<Endpoint> found, List<String> notes) {
        String host = p.getOrDefault(client + "BrokerAddress", "").trim();
        if (!bool(p.getOrDefault(client + "Enable", MqttClientObject.DEFAULT_ENABLE)) || host.isEmpty()) {
            return;
        }
        boolean tls = "TLS".equals(p.getOrDefault(client + "TransportProtocol", "TCP/IP"));
        add(Endpoint.Kind.MQTT_BROKER, client, host, p.getOrDefault(client + "BrokerPort", DEFAULT_BROKER_PORT), tls,
                found, notes);
    }

    private static void controller(String controller, String mtp, Map<String, String> p, List<Endpoint> found,
                                   List<String> notes) {
        String host = p.getOrDefault(mtp + "WebSocket.Host", "").trim();
        if (!bool(p.getOrDefault(controller + "Enable", "false")) || !bool(p.getOrDefault(mtp + "Enable", "false"))
                || !"WebSocket".equals(p.get(mtp + "Protocol")) || host.isEmpty()) {
            return;
        }
        boolean tls = bool(p.getOrDefault(mtp + "WebSocket.EnableEncryption", "true"));
        add(Endpoint.Kind.USP_CONTROLLER, mtp, host,
                p.getOrDefault(mtp + "WebSocket.Port", LocalAgentControllerObject.DEFAULT_WEBSOCKET_PORT), tls,
                found, notes);
    }

    private static void acs(String url, List<Endpoint> found, List<String> notes) {
        if (url == null || url.isBlank()) {
            return;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                notes.add(ACS_URL + ": not an http or https URL: " + url);
                return;
            }
            boolean tls = scheme.equals("https");
            int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            add(Endpoint.Kind.ACS, "Device.ManagementServer.", host, Integer.toString(port), tls, found, notes);
        } catch (URISyntaxException e) {
            notes.add(ACS_URL + ": not a URL: " + e.getMessage());
        }
    }

    private static void add(Endpoint.Kind kind, String path, String host, String port, boolean tls,
                            List<Endpoint> found, List<String> notes) {
        try {
            found.add(new Endpoint(kind, path, host, Integer.parseInt(port.trim()), tls));
        } catch (IllegalArgumentException e) {
            notes.add(path + ": " + kind.words() + " not checked: " + e.getMessage());
        }
    }

    private static boolean bool(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static <T> List<T> bounded(List<T> list) {
        return list.size() <= MAX_ENDPOINTS ? list : list.subList(0, MAX_ENDPOINTS);
    }
}

package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.tr181.LocalAgentControllerObject;
import dev.demarc.tr181.MtpStatusRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;

/**
 * {@code demarc controllers}: each controller of the running agent and each of its MTPs, with what
 * the agent knows of the connection: connected or not, since when, the last error, the
 * notifications waiting. Read with a Get of {@code Device.LocalAgent.Controller.}, whose vendor
 * parameters ({@code X_DEMARC_DEV_Connected} and the others, see {@link LocalAgentControllerObject})
 * carry what TR-181 does not.
 */
@Command(
        name = "controllers",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "List the controllers of the running agent and their MTPs: Endpoint ID, enabled, role, connected "
                    + "or not and since when, the last error, the notifications waiting for each.",
            "Exit codes: 0 done, 1 the agent reported an error, 2 usage error, 3 no agent reachable."
        })
final class ListControllersCommand extends AgentCall {

    static final String TABLE = "Device.LocalAgent.Controller.";
    private static final Pattern CONTROLLER = Pattern.compile("Device\\.LocalAgent\\.Controller\\.\\d+\\.");
    private static final Pattern MTP = Pattern.compile("Device\\.LocalAgent\\.Controller\\.\\d+\\.MTP\\.\\d+\\.");
    private static final String X = dev.demarc.tr181.Tr181Model.VENDOR_PREFIX;

    /** One controller and its MTPs, as read. */
    private record Controller(String path, Map<String, String> values, List<Map.Entry<String, Map<String, String>>> mtps) {
    }

    @Override
    int run(AgentClient client) {
        Map<String, Controller> controllers = new LinkedHashMap<>();
        for (var o : ListSubscriptionsCommand.objects(client, TABLE)) {
            String path = o.getKey();
            if (CONTROLLER.matcher(path).matches()) {
                controllers.put(path, new Controller(path, o.getValue(), new ArrayList<>()));
            } else if (MTP.matcher(path).matches()) {
                Controller c = controllers.get(path.substring(0, path.indexOf(".MTP.") + 1));
                if (c != null) {
                    c.mtps().add(o);
                }
            }
        }
        if (agent.json) {
            JsonWriter w = new JsonWriter().beginObject().name("controllers").beginArray();
            for (Controller c : controllers.values()) {
                Map<String, String> v = c.values();
                w.beginObject().name("path").value(c.path())
                        .name("endpointId").value(v.getOrDefault("EndpointID", ""))
                        .name("enabled").value("true".equals(v.get("Enable")))
                        .name("assignedRole").value(v.getOrDefault("AssignedRole", ""));
                link(w, v);
                w.name("protocols").beginArray();
                for (String p : v.getOrDefault(X + "ConnectedProtocols", "").split(",")) {
                    if (!p.isEmpty()) {
                        w.value(p);
                    }
                }
                w.endArray();
                w.name("notificationsWaiting").value(number(v.get(X + "NotificationsWaiting")));
                w.name("mtps").beginArray();
                for (var m : c.mtps()) {
                    Map<String, String> mv = m.getValue();
                    w.beginObject().name("path").value(m.getKey())
                            .name("protocol").value(mv.getOrDefault("Protocol", ""))
                            .name("enabled").value("true".equals(mv.get("Enable")));
                    link(w, mv);
                    w.endObject();
                }
                w.endArray().endObject();
            }
            out().println(w.endArray().endObject().toJson());
        } else if (controllers.isEmpty()) {
            out().println("no controllers");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("CONTROLLER", "ENDPOINT ID / PROTOCOL", "ENABLE", "CONNECTED", "SINCE", "WAITING",
                    "ROLE", "LAST ERROR"));
            for (Controller c : controllers.values()) {
                Map<String, String> v = c.values();
                String protocols = v.getOrDefault(X + "ConnectedProtocols", "");
                rows.add(List.of(c.path(), v.getOrDefault("EndpointID", ""), v.getOrDefault("Enable", ""),
                        connected(v) + (protocols.isEmpty() ? "" : " (" + protocols + ")"), since(v),
                        v.getOrDefault(X + "NotificationsWaiting", ""), role(v.getOrDefault("AssignedRole", "")),
                        lastError(v)));
                for (var m : c.mtps()) {
                    Map<String, String> mv = m.getValue();
                    rows.add(List.of("  " + m.getKey().substring(c.path().length()), mv.getOrDefault("Protocol", ""),
                            mv.getOrDefault("Enable", ""), connected(mv), since(mv), "", "", lastError(mv)));
                }
            }
            table(out(), rows);
        }
        out().flush();
        return 0;
    }

    private static void link(JsonWriter w, Map<String, String> v) {
        w.name("connected").value("true".equals(v.get(X + "Connected")));
        w.name("since").value(timeOrEmpty(v.get(X + "LastChange")));
        w.name("lastError").value(v.getOrDefault(X + "LastError", ""));
        w.name("lastErrorTime").value(timeOrEmpty(v.get(X + "LastErrorTime")));
    }

    private static String connected(Map<String, String> v) {
        String c = v.get(X + "Connected");
        return c == null ? "?" : "true".equals(c) ? "yes" : "no";
    }

    private static String since(Map<String, String> v) {
        String t = timeOrEmpty(v.get(X + "LastChange"));
        return t.isEmpty() ? "-" : t;
    }

    private static String lastError(Map<String, String> v) {
        String e = v.getOrDefault(X + "LastError", "");
        return e.isEmpty() ? "-" : timeOrEmpty(v.get(X + "LastErrorTime")) + " " + e;
    }

    private static String timeOrEmpty(String t) {
        return t == null || t.equals(MtpStatusRegistry.UNKNOWN_TIME) ? "" : t;
    }

    /** {@code Device.LocalAgent.ControllerTrust.Role.1} as {@code Role.1}. */
    private static String role(String roles) {
        return roles.replace("Device.LocalAgent.ControllerTrust.", "");
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.demarc.cli;

import dev.demarc.core.schema.SchemaExport;
import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code demarc events [PATH...]}: follows the running agent's notifications until Ctrl-C. It adds
 * one subscription per notification type for itself ({@code Device.LocalAgent.Subscription.{i}.},
 * {@code Persistent} false, {@code NotifRetry} false, IDs {@code demarc-cli-<pid>-<type>}; for
 * ObjectCreation and ObjectDeletion, whose references TR-369 wants to be tables, the tables the
 * agent supports below each PATH, found with GetSupportedDM), prints
 * every Notify of those as it comes, one a line, and deletes them when it ends (Ctrl-C, or
 * {@link #stop()}). Killed without a chance to clean up, it leaves them until the agent restarts
 * (they are not persistent) or someone deletes them ({@code demarc subscriptions}).
 */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Follow the running agent's notifications until Ctrl-C: one line per notification (time, type, path, "
                    + "value or arguments). It subscribes for itself (non-persistent subscriptions) and unsubscribes "
                    + "when it ends.",
            "Without PATH: objects created and deleted, events and completed operations anywhere (Device.); "
                    + "with PATHs, value changes of the parameters they name too.",
            "Exit codes: 0 stopped, 1 the agent refused the subscriptions, 2 usage error, 3 no agent reachable "
                    + "(or it went away)."
        })
final class FollowEventsCommand extends AgentCall {

    /** The notification types of {@code Device.LocalAgent.Subscription.{i}.NotifType} this command takes. */
    static final List<String> TYPES = List.of("ValueChange", "ObjectCreation", "ObjectDeletion", "Event",
            "OperationComplete");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long CLEANUP_WAIT_SECONDS = 10;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "What to watch (default: Device.).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", split = ",", description = "Notification types to follow: "
            + "ValueChange, ObjectCreation, ObjectDeletion, Event, OperationComplete (default: all, but ValueChange "
            + "only with PATHs).")
    List<String> types = new ArrayList<>();

    private volatile boolean stopping;
    /** Counted down once the subscriptions are deleted (or could not be) and the connection closed. */
    final CountDownLatch finished = new CountDownLatch(1);
    /** Counted down once the subscriptions are in place; for tests. */
    final CountDownLatch following = new CountDownLatch(1);

    @Override
    void checkArguments() {
        if (paths.size() > GetValuesCommand.MAX_PATHS) {
            throw new ParameterException(spec.commandLine(), "at most " + GetValuesCommand.MAX_PATHS + " paths");
        }
        List<String> checked = new ArrayList<>();
        for (String t : types) {
            String known = TYPES.stream().filter(x -> x.equalsIgnoreCase(t)).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "'" + t + "' is not one of " + TYPES));
            if (!checked.contains(known)) {
                checked.add(known);
            }
        }
        types = checked;
    }

    /** Ends the command as Ctrl-C does: its subscriptions are deleted first. Any thread. */
    void stop() {
        stopping = true;
    }

    @Override
    int run(AgentClient client) {
        List<String> refs = paths.isEmpty() ? List.of("Device.") : paths;
        List<String> wanted = !types.isEmpty() ? types
                : paths.isEmpty() ? TYPES.subList(1, TYPES.size()) : TYPES;
        String prefix = "demarc-cli-" + ProcessHandle.current().pid() + "-";
        Map<String, List<String>> references = new LinkedHashMap<>();
        List<String> tables = null;
        for (String type : wanted) {
            if (type.equals("ObjectCreation") || type.equals("ObjectDeletion")) {
                if (tables == null) {
                    tables = tablesBelow(client, refs);
                }
                if (!tables.isEmpty()) {
                    references.put(type, tables);
                }
            } else {
                references.put(type, refs);
            }
        }
        if (references.isEmpty()) {
            throw new CliFailure(CliFailure.AGENT_ERROR, "nothing to follow: the agent supports no table below "
                    + String.join(", ", refs));
        }
        wanted = List.copyOf(references.keySet());
        Map<String, String> created = CliSubscriptions.add(client, references, prefix, spec.commandLine().getErr());
        Thread hook = new Thread(() -> {
            stopping = true;
            try {
                finished.await(CLEANUP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demarc-events-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter err = spec.commandLine().getErr();
        err.println("following " + String.join(", ", wanted) + " on " + String.join(", ", refs) + " from "
                + client.agentEndpointId() + " (Ctrl-C to stop)");
        err.flush();
        following.countDown();
        boolean agentGone = false;
        try {
            while (!stopping) {
                Optional<UspMsg.Msg> m = client.nextNotify(POLL);
                if (m.isPresent()) {
                    UspMsg.Notify n = m.get().getBody().getRequest().getNotify();
                    if (created.containsKey(n.getSubscriptionId())) {
                        print(n);
                    }
                }
            }
            return 0;
        } catch (CliFailure e) {
            agentGone = e.getExitCode() == CliFailure.UNREACHABLE;
            throw e;
        } finally {
            if (!agentGone) {
                CliSubscriptions.delete(client, created, spec.commandLine().getErr());
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook waits for this
            }
            finished.countDown();
        }
    }

    /**
     * The tables the agent supports at or below the object paths among {@code refs}, as references
     * with the instances of {@code refs} and {@code *} for the others
     * ({@code Device.} gives {@code Device.LocalAgent.Controller.} and
     * {@code Device.LocalAgent.Controller.*.MTP.}...); an instance path stays as it is.
     */
    static List<String> tablesBelow(AgentClient client, List<String> refs) {
        List<String> supportedTables = new ArrayList<>();
        for (SchemaExport.Item item : SchemaCommand.fromAgent(client, List.of("Device."))) {
            if (item instanceof SchemaExport.ObjectItem o && o.table()) {
                supportedTables.add(o.path());
            }
        }
        List<String> out = new ArrayList<>();
        for (String ref : refs) {
            if (!ref.endsWith(".")) {
                continue;
            }
            String supported = supportedForm(ref);
            if (supported.endsWith("{i}.")) {
                out.add(ref);
            }
            for (String table : supportedTables) {
                if (table.startsWith(supported) && table.length() > supported.length()) {
                    String below = table.substring(supported.length(), table.length() - "{i}.".length());
                    out.add(ref + below.replace("{i}.", "*."));
                }
            }
        }
        return out.stream().distinct().toList();
    }

    /** {@code Device.A.1.B.[K=="v"].} as {@code Device.A.{i}.B.{i}.}. */
    static String supportedForm(String path) {
        StringBuilder b = new StringBuilder();
        for (String segment : path.replaceAll("\\[[^\\]]*\\]", "{i}").split("\\.")) {
            if (segment.isEmpty()) {
                continue;
            }
            b.append(segment.equals("*") || segment.chars().allMatch(Character::isDigit) ? "{i}" : segment).append('.');
        }
        return b.toString();
    }

    private void print(UspMsg.Notify n) {
        String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        JsonWriter w = new JsonWriter().beginObject().name("time").value(time)
                .name("subscription").value(n.getSubscriptionId());
        List<String> row = new ArrayList<>(List.of(time));
        switch (n.getNotificationCase()) {
            case VALUE_CHANGE -> {
                var v = n.getValueChange();
                w.name("type").value("ValueChange").name("path").value(v.getParamPath()).name("value")
                        .value(v.getParamValue());
                row.addAll(List.of("ValueChange", v.getParamPath(), v.getParamValue()));
            }
            case OBJ_CREATION -> {
                var c = n.getObjCreation();
                w.name("type").value("ObjectCreation").name("path").value(c.getObjPath());
                object(w.name("uniqueKeys"), c.getUniqueKeysMap());
                row.addAll(List.of("ObjectCreation", c.getObjPath(), keyValues(c.getUniqueKeysMap())));
            }
            case OBJ_DELETION -> {
                w.name("type").value("ObjectDeletion").name("path").value(n.getObjDeletion().getObjPath());
                row.addAll(List.of("ObjectDeletion", n.getObjDeletion().getObjPath(), ""));
            }
            case EVENT -> {
                var e = n.getEvent();
                String path = e.getObjPath() + e.getEventName();
                w.name("type").value("Event").name("path").value(path);
                object(w.name("arguments"), e.getParamsMap());
                row.addAll(List.of("Event", path, keyValues(e.getParamsMap())));
            }
            case OPER_COMPLETE -> {
                var o = n.getOperComplete();
                String path = o.getObjPath() + o.getCommandName();
                w.name("type").value("OperationComplete").name("path").value(path).name("commandKey")
                        .value(o.getCommandKey());
                if (o.hasCmdFailure()) {
                    w.name("error").beginObject().name("code").value(o.getCmdFailure().getErrCode())
                            .name("message").value(o.getCmdFailure().getErrMsg()).endObject();
                    row.addAll(List.of("OperationComplete", path, CliFailure.describe("", o.getCmdFailure().getErrCode(),
                            o.getCmdFailure().getErrMsg())));
                } else {
                    Map<String, String> out = new TreeMap<>(o.getReqOutputArgs().getOutputArgsMap());
                    object(w.name("outputArgs"), out);
                    row.addAll(List.of("OperationComplete", path, keyValues(out)));
                }
            }
            default -> {
                return;
            }
        }
        PrintWriter out = out();
        if (agent.json) {
            out.println(w.endObject().toJson());
        } else {
            StringBuilder line = new StringBuilder();
            for (String cell : row) {
                if (line.length() > 0) {
                    line.append("  ");
                }
                line.append(printable(cell));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}

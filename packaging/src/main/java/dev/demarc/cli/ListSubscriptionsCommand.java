package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code demarc subscriptions}: the running agent's {@code Device.LocalAgent.Subscription.{i}.}, one
 * line each: instance, ID, enabled, type, recipient, persistent, what it watches.
 */
@Command(
        name = "subscriptions",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "List the subscriptions of the running agent (Device.LocalAgent.Subscription.{i}.): instance, ID, "
                    + "enabled, notification type, recipient, persistent, reference list.",
            "Exit codes: 0 done, 1 the agent reported an error, 2 usage error, 3 no agent reachable."
        })
final class ListSubscriptionsCommand extends AgentCall {

    static final String TABLE = "Device.LocalAgent.Subscription.";

    @Override
    int run(AgentClient client) {
        List<Map.Entry<String, Map<String, String>>> subscriptions = objects(client, TABLE);
        if (agent.json) {
            JsonWriter w = new JsonWriter().beginObject().name("subscriptions").beginArray();
            for (var s : subscriptions) {
                w.beginObject().name("path").value(s.getKey());
                object(w.name("parameters"), s.getValue()).endObject();
            }
            out().println(w.endArray().endObject().toJson());
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SUBSCRIPTION", "ID", "ENABLE", "TYPE", "RECIPIENT", "PERSISTENT", "REFERENCES"));
            for (var s : subscriptions) {
                Map<String, String> p = s.getValue();
                rows.add(List.of(s.getKey(), p.getOrDefault("ID", ""), p.getOrDefault("Enable", ""),
                        p.getOrDefault("NotifType", ""), p.getOrDefault("Recipient", ""),
                        p.getOrDefault("Persistent", ""), p.getOrDefault("ReferenceList", "")));
            }
            if (subscriptions.isEmpty()) {
                out().println("no subscriptions");
            } else {
                table(out(), rows);
            }
        }
        out().flush();
        return 0;
    }

    /**
     * The objects below {@code table} as the agent's Get answers them (every instance and
     * sub-object, in its order), each with its parameters; an error is a {@link CliFailure}.
     */
    static List<Map.Entry<String, Map<String, String>>> objects(AgentClient client, String table) {
        UspMsg.GetResp resp = response(client.call(UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                .setGet(UspMsg.Get.newBuilder().addParamPaths(table)).build())).getGetResp();
        List<Map.Entry<String, Map<String, String>>> out = new ArrayList<>();
        for (UspMsg.GetResp.RequestedPathResult r : resp.getReqPathResultsList()) {
            if (r.getErrCode() != 0) {
                throw CliFailure.agentError(r.getRequestedPath(), r.getErrCode(), r.getErrMsg());
            }
            for (UspMsg.GetResp.ResolvedPathResult o : r.getResolvedPathResultsList()) {
                out.add(Map.entry(o.getResolvedPath(), o.getResultParamsMap()));
            }
        }
        return out;
    }
}

package dev.demarc.cli;

import dev.demarc.core.usp.proto.UspMsg;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions a command adds for itself in {@code Device.LocalAgent.Subscription.{i}.}
 * ({@code Persistent} false, {@code NotifRetry} false, so that a command killed without cleaning
 * up leaves nothing past the agent's next restart) and deletes when it ends.
 */
final class CliSubscriptions {

    private CliSubscriptions() {
    }

    /**
     * Adds one enabled subscription per notification type of {@code referencesByType}, with ID
     * {@code idPrefix + type}; answers their instance paths by ID. If the agent refuses one, those
     * added are deleted (see {@link #delete} for {@code err}) and the refusal is a {@link CliFailure}.
     */
    static Map<String, String> add(AgentClient client, Map<String, List<String>> referencesByType, String idPrefix,
                                   PrintWriter err) {
        UspMsg.Add.Builder add = UspMsg.Add.newBuilder().setAllowPartial(false);
        List<String> types = List.copyOf(referencesByType.keySet());
        for (String type : types) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("ID", idPrefix + type);
            params.put("NotifType", type);
            params.put("ReferenceList", String.join(",", referencesByType.get(type)));
            params.put("Persistent", "false");
            params.put("NotifRetry", "false");
            params.put("Enable", "true");
            UspMsg.Add.CreateObject.Builder o = UspMsg.Add.CreateObject.newBuilder()
                    .setObjPath(ListSubscriptionsCommand.TABLE);
            params.forEach((k, v) -> o.addParamSettings(UspMsg.Add.CreateParamSetting.newBuilder().setParam(k)
                    .setValue(v).setRequired(true)));
            add.addCreateObjs(o);
        }
        UspMsg.AddResp resp = AgentCall.response(client.call(UspMsg.Header.MsgType.ADD,
                UspMsg.Request.newBuilder().setAdd(add).build())).getAddResp();
        Map<String, String> created = new LinkedHashMap<>();
        for (int i = 0; i < resp.getCreatedObjResultsCount(); i++) {
            var status = resp.getCreatedObjResults(i).getOperStatus();
            if (status.hasOperFailure()) {
                delete(client, created, err);
                throw CliFailure.agentError(ListSubscriptionsCommand.TABLE, status.getOperFailure().getErrCode(),
                        "subscription not added: " + status.getOperFailure().getErrMsg());
            }
            created.put(idPrefix + types.get(i), status.getOperSuccess().getInstantiatedPath());
        }
        return created;
    }

    /** Deletes the subscriptions {@link #add} made; if that fails, says so on {@code err} and goes on. */
    static void delete(AgentClient client, Map<String, String> created, PrintWriter err) {
        if (created.isEmpty()) {
            return;
        }
        try {
            client.call(UspMsg.Header.MsgType.DELETE, UspMsg.Request.newBuilder().setDelete(UspMsg.Delete.newBuilder()
                    .setAllowPartial(true).addAllObjPaths(created.values())).build());
        } catch (CliFailure e) {
            err.println(ShortErrorHandler.PREFIX + "the subscriptions " + String.join(", ", created.values())
                    + " could not be deleted: " + e.getMessage());
        }
    }
}

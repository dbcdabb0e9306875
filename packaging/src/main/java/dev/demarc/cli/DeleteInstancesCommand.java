package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code demarc delete INSTANCE...}: a USP Delete of the running agent; prints the instances deleted. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Delete instances of the running agent (USP Delete): all of them or none (unless --allow-partial). "
                    + "An INSTANCE may use search expressions or '*' (every instance it matches is deleted).",
            "Exit codes: 0 done, 1 the agent refused, 2 usage error, 3 no agent reachable."
        })
final class DeleteInstancesCommand extends AgentCall {

    @Parameters(paramLabel = "INSTANCE", arity = "1..*", description = "Instances, ending in '.', e.g. "
            + "Device.LocalAgent.Controller.2.")
    List<String> instances = new ArrayList<>();

    @Option(names = "--allow-partial", description = "Delete what can be deleted when some cannot (USP allow_partial).")
    boolean allowPartial;

    @Override
    void checkArguments() {
        if (instances.size() > GetValuesCommand.MAX_PATHS) {
            throw new ParameterException(spec.commandLine(), "at most " + GetValuesCommand.MAX_PATHS + " instances");
        }
        for (String i : instances) {
            if (!i.endsWith(".")) {
                throw new ParameterException(spec.commandLine(), "an INSTANCE ends in '.': " + i + ".");
            }
        }
    }

    @Override
    int run(AgentClient client) {
        UspMsg.DeleteResp resp = response(client.call(UspMsg.Header.MsgType.DELETE, UspMsg.Request.newBuilder()
                .setDelete(UspMsg.Delete.newBuilder().setAllowPartial(allowPartial).addAllObjPaths(instances))
                .build())).getDeleteResp();
        List<String> deleted = new ArrayList<>();
        List<PathError> errors = new ArrayList<>();
        for (UspMsg.DeleteResp.DeletedObjectResult r : resp.getDeletedObjResultsList()) {
            var status = r.getOperStatus();
            if (status.hasOperFailure()) {
                errors.add(new PathError(r.getRequestedPath(), status.getOperFailure().getErrCode(),
                        status.getOperFailure().getErrMsg()));
                continue;
            }
            deleted.addAll(status.getOperSuccess().getAffectedPathsList());
            for (var u : status.getOperSuccess().getUnaffectedPathErrsList()) {
                errors.add(new PathError(u.getUnaffectedPath(), u.getErrCode(), u.getErrMsg()));
            }
        }
        if (agent.json) {
            JsonWriter w = new JsonWriter().beginObject().name("deleted").beginArray();
            deleted.forEach(w::value);
            w.endArray();
            errors(w.name("errors"), errors).endObject();
            out().println(w.toJson());
        } else {
            deleted.forEach(out()::println);
        }
        return report(errors);
    }
}

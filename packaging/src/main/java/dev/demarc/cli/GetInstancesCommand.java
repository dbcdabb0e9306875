package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code demarc instances OBJECT...}: a USP GetInstances of the running agent; one line per instance with its unique keys. */
@Command(
        name = "instances",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "List the instances of tables of the running agent with their unique keys (USP GetInstances), "
                    + "e.g. demarc instances Device.LocalAgent.",
            "Exit codes: 0 done, 1 the agent reported an error, 2 usage error, 3 no agent reachable."
        })
final class GetInstancesCommand extends AgentCall {

    @Parameters(paramLabel = "OBJECT", arity = "1..*", description = "Objects or tables, ending in '.'.")
    List<String> objects = new ArrayList<>();

    @Option(names = "--first-level", description = "Only the instances of the tables OBJECT names, not those below.")
    boolean firstLevel;

    @Override
    void checkArguments() {
        if (objects.size() > GetValuesCommand.MAX_PATHS) {
            throw new ParameterException(spec.commandLine(), "at most " + GetValuesCommand.MAX_PATHS + " objects");
        }
        for (String o : objects) {
            if (!o.endsWith(".")) {
                throw new ParameterException(spec.commandLine(), "an OBJECT ends in '.': " + o + ".");
            }
        }
    }

    @Override
    int run(AgentClient client) {
        UspMsg.GetInstancesResp resp = response(client.call(UspMsg.Header.MsgType.GET_INSTANCES,
                UspMsg.Request.newBuilder().setGetInstances(UspMsg.GetInstances.newBuilder().addAllObjPaths(objects)
                        .setFirstLevelOnly(firstLevel)).build())).getGetInstancesResp();
        List<PathError> errors = new ArrayList<>();
        List<UspMsg.GetInstancesResp.CurrInstance> found = new ArrayList<>();
        for (UspMsg.GetInstancesResp.RequestedPathResult r : resp.getReqPathResultsList()) {
            if (r.getErrCode() != 0) {
                errors.add(new PathError(r.getRequestedPath(), r.getErrCode(), r.getErrMsg()));
            } else {
                found.addAll(r.getCurrInstsList());
            }
        }
        if (agent.json) {
            JsonWriter w = new JsonWriter().beginObject().name("instances").beginArray();
            for (var i : found) {
                w.beginObject().name("path").value(i.getInstantiatedObjPath());
                object(w.name("uniqueKeys"), i.getUniqueKeysMap()).endObject();
            }
            w.endArray();
            errors(w.name("errors"), errors).endObject();
            out().println(w.toJson());
        } else {
            List<List<String>> rows = new ArrayList<>();
            found.forEach(i -> rows.add(List.of(i.getInstantiatedObjPath(), keyValues(i.getUniqueKeysMap()))));
            table(out(), rows);
        }
        return report(errors);
    }
}

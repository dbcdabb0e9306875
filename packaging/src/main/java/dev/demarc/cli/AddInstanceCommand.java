package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code demarc add TABLE. [NAME=VALUE...]}: a USP Add of one instance of the running agent, with
 * these parameters (names relative to the new instance, every one required). Prints the new
 * instance and its unique keys.
 */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Create an instance in a table of the running agent (USP Add), e.g. "
                    + "demarc add Device.LocalAgent.Controller. EndpointID=proto::c2 Enable=true",
            "Exit codes: 0 done, 1 the agent refused, 2 usage error, 3 no agent reachable."
        })
final class AddInstanceCommand extends AgentCall {

    @Parameters(index = "0", paramLabel = "TABLE", description = "The table, ending in '.', e.g. Device.LocalAgent.Controller.")
    String table;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "Parameters of the new instance, "
            + "relative to it (WebSocket.Port=443 names a parameter of a sub-object).")
    List<String> settings = new ArrayList<>();

    private final List<UspMsg.Add.CreateParamSetting> parsed = new ArrayList<>();

    @Override
    void checkArguments() {
        if (!table.endsWith(".")) {
            throw new ParameterException(spec.commandLine(), "TABLE ends in '.': " + table + ".");
        }
        if (settings.size() > GetValuesCommand.MAX_PATHS) {
            throw new ParameterException(spec.commandLine(), "at most " + GetValuesCommand.MAX_PATHS + " parameters");
        }
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "'" + s + "' is not NAME=VALUE");
            }
            parsed.add(UspMsg.Add.CreateParamSetting.newBuilder().setParam(s.substring(0, eq))
                    .setValue(s.substring(eq + 1)).setRequired(true).build());
        }
    }

    @Override
    int run(AgentClient client) {
        UspMsg.AddResp resp = response(client.call(UspMsg.Header.MsgType.ADD, UspMsg.Request.newBuilder()
                .setAdd(UspMsg.Add.newBuilder().setAllowPartial(false).addCreateObjs(UspMsg.Add.CreateObject.newBuilder()
                        .setObjPath(table).addAllParamSettings(parsed)))
                .build())).getAddResp();
        List<Map.Entry<String, Map<String, String>>> created = new ArrayList<>();
        List<PathError> errors = new ArrayList<>();
        for (UspMsg.AddResp.CreatedObjectResult r : resp.getCreatedObjResultsList()) {
            var status = r.getOperStatus();
            if (status.hasOperFailure()) {
                errors.add(new PathError(r.getRequestedPath(), status.getOperFailure().getErrCode(),
                        status.getOperFailure().getErrMsg()));
                continue;
            }
            var ok = status.getOperSuccess();
            created.add(Map.entry(ok.getInstantiatedPath(), ok.getUniqueKeysMap()));
            for (var p : ok.getParamErrsList()) {
                errors.add(new PathError(ok.getInstantiatedPath() + p.getParam(), p.getErrCode(), p.getErrMsg()));
            }
        }
        if (agent.json) {
            JsonWriter w = new JsonWriter().beginObject().name("created").beginArray();
            for (var c : created) {
                w.beginObject().name("path").value(c.getKey());
                object(w.name("uniqueKeys"), c.getValue()).endObject();
            }
            w.endArray();
            errors(w.name("errors"), errors).endObject();
            out().println(w.toJson());
        } else {
            List<List<String>> rows = new ArrayList<>();
            created.forEach(c -> rows.add(List.of(c.getKey(), keyValues(c.getValue()))));
            table(out(), rows);
        }
        return report(errors);
    }
}

package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code demarc set PATH=VALUE...}: a USP Set of the running agent, every parameter required and,
 * unless {@code --allow-partial}, all of it or nothing. Prints the parameters set as the agent
 * reports them.
 */
@Command(
        name = "set",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Write parameters of the running agent (USP Set): all of them or none (unless --allow-partial). "
                    + "PATH may use the whole TR-369 path language for its object "
                    + "(Device.LocalAgent.Controller.[EndpointID==\"x\"].Enable=false).",
            "Exit codes: 0 done, 1 the agent refused, 2 usage error, 3 no agent reachable."
        })
final class SetValuesCommand extends AgentCall {

    @Parameters(paramLabel = "PATH=VALUE", arity = "1..*",
            description = "A parameter and its new value, e.g. Device.DeviceInfo.ProvisioningCode=abc.")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--allow-partial", description = "Let the objects whose parameters can be set be set when "
            + "others cannot (USP allow_partial).")
    boolean allowPartial;

    /** One assignment split: the object path, the parameter name, the value. */
    record Assignment(String object, String parameter, String value) {
    }

    private final List<Assignment> parsed = new ArrayList<>();

    @Override
    void checkArguments() {
        if (assignments.size() > GetValuesCommand.MAX_PATHS) {
            throw new ParameterException(spec.commandLine(), "at most " + GetValuesCommand.MAX_PATHS + " assignments");
        }
        for (String a : assignments) {
            parsed.add(split(a).orElseThrow(() -> new ParameterException(spec.commandLine(), "'" + a
                    + "' is not PATH=VALUE with PATH a parameter (Device.Object.Name=value)")));
        }
    }

    /**
     * {@code Device.A.[K=="v"].B.Name=value} split at its first {@code =} outside brackets and
     * quotes, the path at its last dot: empty when there is none or the path names no parameter.
     */
    static java.util.Optional<Assignment> split(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                quoted = c != '"';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '=' && depth == 0) {
                String path = text.substring(0, i);
                int dot = path.lastIndexOf('.');
                if (dot <= 0 || dot == path.length() - 1 || path.endsWith("]")) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new Assignment(path.substring(0, dot + 1), path.substring(dot + 1),
                        text.substring(i + 1)));
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    int run(AgentClient client) {
        Map<String, UspMsg.Set.UpdateObject.Builder> byObject = new LinkedHashMap<>();
        for (Assignment a : parsed) {
            byObject.computeIfAbsent(a.object(), o -> UspMsg.Set.UpdateObject.newBuilder().setObjPath(o))
                    .addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                            .setParam(a.parameter()).setValue(a.value()).setRequired(true));
        }
        UspMsg.Set.Builder set = UspMsg.Set.newBuilder().setAllowPartial(allowPartial);
        byObject.values().forEach(set::addUpdateObjs);
        UspMsg.SetResp resp = response(client.call(UspMsg.Header.MsgType.SET,
                UspMsg.Request.newBuilder().setSet(set).build())).getSetResp();
        Map<String, String> updated = new LinkedHashMap<>();
        List<PathError> errors = new ArrayList<>();
        for (UspMsg.SetResp.UpdatedObjectResult r : resp.getUpdatedObjResultsList()) {
            UspMsg.SetResp.UpdatedObjectResult.OperationStatus status = r.getOperStatus();
            if (status.hasOperFailure()) {
                var f = status.getOperFailure();
                errors.add(new PathError(r.getRequestedPath(), f.getErrCode(), f.getErrMsg()));
                for (var inst : f.getUpdatedInstFailuresList()) {
                    for (var p : inst.getParamErrsList()) {
                        errors.add(new PathError(inst.getAffectedPath() + p.getParam(), p.getErrCode(), p.getErrMsg()));
                    }
                }
                continue;
            }
            for (var inst : status.getOperSuccess().getUpdatedInstResultsList()) {
                new TreeMap<>(inst.getUpdatedParamsMap()).forEach((k, v) -> updated.put(inst.getAffectedPath() + k, v));
                for (var p : inst.getParamErrsList()) {
                    errors.add(new PathError(inst.getAffectedPath() + p.getParam(), p.getErrCode(), p.getErrMsg()));
                }
            }
        }
        if (agent.json) {
            JsonWriter w = new JsonWriter().beginObject().name("updated").beginObject();
            updated.forEach((k, v) -> w.name(k).value(v));
            w.endObject();
            errors(w.name("errors"), errors).endObject();
            out().println(w.toJson());
        } else {
            List<List<String>> rows = new ArrayList<>();
            updated.forEach((k, v) -> rows.add(List.of(k, v)));
            table(out(), rows);
        }
        return report(errors);
    }
}

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
import picocli.CommandLine.Parameters;

/**
 * {@code demarc get PATH...}: a USP Get of the running agent; one line per parameter,
 * {@code Device.DeviceInfo.UpTime  93412}, or with {@code --json}
 * {@code {"values":{"Device.DeviceInfo.UpTime":"93412"},"errors":[]}}.
 */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Read parameters from the running agent (USP Get). PATH is any TR-369 path: a parameter, an object "
                    + "(ending in '.', everything below it), with instance numbers, '*', unique keys "
                    + "([EndpointID==\"x\"]) and search expressions.",
            "Exit codes: 0 done, 1 the agent reported an error, 2 usage error, 3 no agent reachable."
        })
final class GetValuesCommand extends AgentCall {

    /** Demarc's bound on the paths of one command. */
    static final int MAX_PATHS = 256;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Paths to read, e.g. Device.DeviceInfo.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--depth", paramLabel = "N", defaultValue = "0",
            description = "How many levels below an object path to read (0, the default: all).")
    int depth;

    @Override
    void checkArguments() {
        if (paths.size() > MAX_PATHS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "at most " + MAX_PATHS + " paths");
        }
        if (depth < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--depth must be 0 or more: " + depth);
        }
    }

    @Override
    int run(AgentClient client) {
        UspMsg.Msg answer = client.call(UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                .setGet(UspMsg.Get.newBuilder().addAllParamPaths(paths).setMaxDepth(depth)).build());
        UspMsg.GetResp resp = response(answer).getGetResp();
        Map<String, String> values = new LinkedHashMap<>();
        List<PathError> errors = new ArrayList<>();
        for (UspMsg.GetResp.RequestedPathResult r : resp.getReqPathResultsList()) {
            if (r.getErrCode() != 0) {
                errors.add(new PathError(r.getRequestedPath(), r.getErrCode(), r.getErrMsg()));
                continue;
            }
            for (UspMsg.GetResp.ResolvedPathResult resolved : r.getResolvedPathResultsList()) {
                new TreeMap<>(resolved.getResultParamsMap())
                        .forEach((name, value) -> values.put(resolved.getResolvedPath() + name, value));
            }
        }
        if (agent.json) {
            JsonWriter w = new JsonWriter().beginObject().name("values");
            w.beginObject();
            values.forEach((k, v) -> w.name(k).value(v));
            w.endObject();
            errors(w.name("errors"), errors).endObject();
            out().println(w.toJson());
        } else {
            List<List<String>> rows = new ArrayList<>();
            values.forEach((k, v) -> rows.add(List.of(k, v)));
            table(out(), rows);
        }
        return report(errors);
    }
}

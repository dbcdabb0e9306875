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
 * {@code demarc operate COMMAND() [ARG=VALUE...]}: a USP Operate of the running agent, answer
 * asked for. Prints the output arguments of each command run, or the Request instance of an
 * asynchronous one.
 */
@Command(
        name = "operate",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Run a command of the running agent's data model (USP Operate), e.g. "
                    + "demarc operate 'Device.LocalAgent.Controller.1.SendOnBoardRequest()'. Prints its output "
                    + "arguments; an asynchronous command prints the Device.LocalAgent.Request.{i}. that follows it.",
            "Exit codes: 0 done, 1 the command failed or the agent refused, 2 usage error, 3 no agent reachable."
        })
final class OperateCommand extends AgentCall {

    @Parameters(index = "0", paramLabel = "COMMAND", description = "The command's path, ending in '()'.")
    String command;

    @Parameters(index = "1..*", paramLabel = "ARG=VALUE", description = "Input arguments.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--command-key", paramLabel = "KEY", defaultValue = "",
            description = "The command key (USP command_key), returned in OperationComplete.")
    String commandKey = "";

    private final Map<String, String> inputs = new LinkedHashMap<>();

    @Override
    void checkArguments() {
        if (!command.endsWith("()")) {
            throw new ParameterException(spec.commandLine(), "COMMAND ends in '()': " + command + "()");
        }
        if (arguments.size() > GetValuesCommand.MAX_PATHS) {
            throw new ParameterException(spec.commandLine(), "at most " + GetValuesCommand.MAX_PATHS + " arguments");
        }
        for (String a : arguments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "'" + a + "' is not ARG=VALUE");
            }
            inputs.put(a.substring(0, eq), a.substring(eq + 1));
        }
    }

    @Override
    int run(AgentClient client) {
        UspMsg.OperateResp resp = response(client.call(UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder()
                .setOperate(UspMsg.Operate.newBuilder().setCommand(command).setCommandKey(commandKey).setSendResp(true)
                        .putAllInputArgs(inputs))
                .build())).getOperateResp();
        List<PathError> errors = new ArrayList<>();
        JsonWriter w = new JsonWriter().beginObject().name("results").beginArray();
        List<List<String>> rows = new ArrayList<>();
        for (UspMsg.OperateResp.OperationResult r : resp.getOperationResultsList()) {
            String executed = r.getExecutedCommand();
            if (r.hasCmdFailure()) {
                errors.add(new PathError(executed, r.getCmdFailure().getErrCode(), r.getCmdFailure().getErrMsg()));
                continue;
            }
            w.beginObject().name("command").value(executed);
            if (r.hasReqObjPath()) {
                w.name("request").value(r.getReqObjPath());
                rows.add(List.of(executed, "started: " + r.getReqObjPath()));
            } else {
                Map<String, String> out = new TreeMap<>(r.getReqOutputArgs().getOutputArgsMap());
                object(w.name("outputArgs"), out);
                if (out.isEmpty()) {
                    rows.add(List.of(executed, "done"));
                }
                out.forEach((k, v) -> rows.add(List.of(executed + " " + k, v)));
            }
            w.endObject();
        }
        w.endArray();
        errors(w.name("errors"), errors).endObject();
        if (agent.json) {
            out().println(w.toJson());
        } else {
            table(out(), rows);
        }
        return report(errors);
    }
}

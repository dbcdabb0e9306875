package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code demarc operate COMMAND() [ARG=VALUE...]}: a USP Operate of the running agent, answer
 * asked for. Prints the output arguments of each command run, or the Request instance of an
 * asynchronous one. With {@code --wait}, an asynchronous command's outcome too: before the
 * Operate, it subscribes for itself to OperationComplete of the command (as {@code demarc events}
 * does), gives the Operate a command key of its own unless one is given, prints the output
 * arguments or the failure each OperationComplete carries, and deletes the subscription.
 */
@Command(
        name = "operate",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Run a command of the running agent's data model (USP Operate), e.g. "
                    + "demarc operate 'Device.LocalAgent.Controller.1.SendOnBoardRequest()'. Prints its output "
                    + "arguments; an asynchronous command prints the Device.LocalAgent.Request.{i}. that follows it.",
            "With --wait, it waits for an asynchronous command to complete and prints its output arguments "
                    + "(e.g. demarc operate --wait 'Device.IP.Diagnostics.IPPing()' ProtocolVersion=Any Host=192.0.2.1 "
                    + "NumberOfRepetitions=3 Timeout=1000 DataBlockSize=64).",
            "Exit codes: 0 done, 1 the command failed, did not complete within --timeout, or the agent refused, "
                    + "2 usage error, 3 no agent reachable."
        })
final class OperateCommand extends AgentCall {

    @Parameters(index = "0", paramLabel = "COMMAND", description = "The command's path, ending in '()'.")
    String command;

    @Parameters(index = "1..*", paramLabel = "ARG=VALUE", description = "Input arguments.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--command-key", paramLabel = "KEY", defaultValue = "",
            description = "The command key (USP command_key), returned in OperationComplete.")
    String commandKey = "";

    @Option(names = "--wait", description = "Wait for an asynchronous command's OperationComplete (at most --timeout "
            + "seconds) and print its output arguments.")
    boolean waitForCompletion;

    private static final Duration POLL = Duration.ofMillis(200);

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
        if (!waitForCompletion) {
            return print(operate(client, commandKey), Map.of());
        }
        String id = "demarc-cli-" + ProcessHandle.current().pid() + "-";
        String key = commandKey.isEmpty() ? id + Long.toString(System.nanoTime(), 36) : commandKey;
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> subscription = CliSubscriptions.add(client,
                Map.of("OperationComplete", List.of(command)), id, err);
        try {
            UspMsg.OperateResp resp = operate(client, key);
            return print(resp, completions(client, resp, subscription.keySet().iterator().next(), key));
        } finally {
            CliSubscriptions.delete(client, subscription, err);
        }
    }

    private UspMsg.OperateResp operate(AgentClient client, String key) {
        return response(client.call(UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder()
                .setOperate(UspMsg.Operate.newBuilder().setCommand(command).setCommandKey(key).setSendResp(true)
                        .putAllInputArgs(inputs))
                .build())).getOperateResp();
    }

    /**
     * The OperationComplete of each asynchronous command {@code resp} started, by the command's
     * path, as they come to subscription {@code subscriptionId} with {@code key}; those missing
     * after {@code --timeout} seconds are left out.
     */
    private Map<String, UspMsg.Notify.OperationComplete> completions(AgentClient client, UspMsg.OperateResp resp,
                                                                     String subscriptionId, String key) {
        Set<String> started = new HashSet<>();
        for (UspMsg.OperateResp.OperationResult r : resp.getOperationResultsList()) {
            if (r.hasReqObjPath()) {
                started.add(r.getExecutedCommand());
            }
        }
        Map<String, UspMsg.Notify.OperationComplete> done = new LinkedHashMap<>();
        long deadline = System.nanoTime() + agent.timeout().toNanos();
        while (done.size() < started.size() && System.nanoTime() - deadline < 0) {
            Optional<UspMsg.Msg> m = client.nextNotify(POLL);
            if (m.isEmpty()) {
                continue;
            }
            UspMsg.Notify n = m.get().getBody().getRequest().getNotify();
            UspMsg.Notify.OperationComplete c = n.getOperComplete();
            String path = c.getObjPath() + c.getCommandName();
            if (n.getSubscriptionId().equals(subscriptionId) && n.hasOperComplete() && c.getCommandKey().equals(key)
                    && started.contains(path)) {
                done.put(path, c);
            }
        }
        return done;
    }

    /**
     * The output arguments of the asynchronous command {@code r} started, from its OperationComplete
     * {@code c} (null when none came); empty, with a row for {@code rows} or an error for
     * {@code errors}, when there are none to print: not waited for, not complete, or failed.
     */
    private Optional<Map<String, String>> outcome(UspMsg.OperateResp.OperationResult r,
                                                  UspMsg.Notify.OperationComplete c, List<List<String>> rows,
                                                  List<PathError> errors) {
        String executed = r.getExecutedCommand();
        if (!waitForCompletion) {
            rows.add(List.of(executed, "started: " + r.getReqObjPath()));
        } else if (c == null) {
            errors.add(new PathError(executed, 0, "no OperationComplete within " + agent.timeoutSeconds
                    + " s (--timeout); it goes on in the agent as " + r.getReqObjPath()));
        } else if (c.hasCmdFailure()) {
            errors.add(new PathError(executed, c.getCmdFailure().getErrCode(), c.getCmdFailure().getErrMsg()));
        } else {
            return Optional.of(c.getReqOutputArgs().getOutputArgsMap());
        }
        return Optional.empty();
    }

    /** Prints what {@code resp} and the {@code completions} of its asynchronous commands say; answers the exit code. */
    private int print(UspMsg.OperateResp resp, Map<String, UspMsg.Notify.OperationComplete> completions) {
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
            Optional<Map<String, String>> out = Optional.of(r.getReqOutputArgs().getOutputArgsMap());
            if (r.hasReqObjPath()) {
                w.name("request").value(r.getReqObjPath());
                out = outcome(r, completions.get(executed), rows, errors);
            }
            out.map(TreeMap::new).ifPresent(sorted -> {
                object(w.name("outputArgs"), sorted);
                if (sorted.isEmpty()) {
                    rows.add(List.of(executed, "done"));
                }
                sorted.forEach((k, v) -> rows.add(List.of(executed + " " + k, v)));
            });
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

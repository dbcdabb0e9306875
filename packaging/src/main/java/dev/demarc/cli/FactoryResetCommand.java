package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.tr181.DeviceCommands;
import java.io.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code demarc factory-reset}: {@code Device.FactoryReset()} on the running agent, which records
 * the cause and runs the device's factory reset (OpenWrt's own, or {@code demarc agent
 * --factory-reset-command}; without one it fails with 7022); the agent's next start drops its
 * stored configuration and applies its factory defaults (its Endpoint ID stays). Asks for
 * confirmation on a terminal unless {@code --yes}; refuses without a terminal and without
 * {@code --yes}.
 */
@Command(
        name = "factory-reset",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Reset the device to its factory defaults (USP Operate of Device.FactoryReset()): the agent runs the "
                    + "device's factory reset (OpenWrt's own, or its --factory-reset-command) and starts again on its "
                    + "factory defaults. Asks first, unless --yes.",
            "Exit codes: 0 done, 1 the agent refused, 2 usage error, 3 no agent reachable."
        })
final class FactoryResetCommand extends AgentCall {

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "",
            description = "Why, for the Reason of the Boot! event the agent sends when it starts again.")
    String reason = "";

    /** The Boot! cause: someone on the device asked, not a remote controller. */
    static final String CAUSE = "LocalFactoryReset";

    @Override
    void checkArguments() {
        if (yes) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(), "no terminal to confirm on: give --yes to reset");
        }
        String answer = console.readLine("Reset the agent's whole configuration to its factory defaults? [y/N] ");
        if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
            throw new ParameterException(spec.commandLine(), "not confirmed: nothing was reset");
        }
    }

    @Override
    int run(AgentClient client) {
        UspMsg.OperateResp resp = response(client.call(UspMsg.Header.MsgType.OPERATE, UspMsg.Request.newBuilder()
                .setOperate(UspMsg.Operate.newBuilder().setCommand(DeviceCommands.FACTORY_RESET).setSendResp(true)
                        .putInputArgs("Cause", CAUSE).putAllInputArgs(reason.isEmpty() ? java.util.Map.of()
                                : java.util.Map.of("Reason", reason)))
                .build())).getOperateResp();
        for (UspMsg.OperateResp.OperationResult r : resp.getOperationResultsList()) {
            if (r.hasCmdFailure()) {
                throw CliFailure.agentError(r.getExecutedCommand(), r.getCmdFailure().getErrCode(),
                        r.getCmdFailure().getErrMsg());
            }
        }
        if (resp.getOperationResultsCount() == 0) {
            throw new CliFailure(CliFailure.AGENT_ERROR, "the agent ran no " + DeviceCommands.FACTORY_RESET);
        }
        if (agent.json) {
            out().println(new JsonWriter().beginObject().name("factoryReset").value(true).name("agent")
                    .value(client.agentEndpointId()).endObject().toJson());
        } else {
            out().println("factory reset: " + client.agentEndpointId() + " runs the device's factory reset and starts"
                    + " again on its factory defaults");
        }
        out().flush();
        return 0;
    }
}

package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.tr181.LocalAgentObject;
import dev.demarc.tr181.LogLevelControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code demarc log-level [LEVEL]}: the running agent's log level, read or set through the vendor
 * parameter {@code Device.LocalAgent.X_DEMARC_DEV_LogLevel}. Setting it changes the level of every
 * logger of the agent at once; it lasts until the agent stops (it starts again at the level it is
 * started with, Info or Debug with --verbose).
 */
@Command(
        name = "log-level",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Print the running agent's log level, or set it: error, warn, info, debug or trace. The new level "
                    + "applies to every logger at once and lasts until the agent stops.",
            "Exit codes: 0 done, 1 the agent refused, 2 usage error, 3 no agent reachable."
        })
final class LogLevelCommand extends AgentCall {

    static final String PARAMETER = "Device.LocalAgent." + LocalAgentObject.LOG_LEVEL.name();

    @Parameters(paramLabel = "LEVEL", arity = "0..1", description = "error, warn, info, debug or trace.")
    String level;

    @Override
    void checkArguments() {
        if (level != null) {
            level = LogLevelControl.LEVELS.stream().filter(l -> l.equalsIgnoreCase(level)).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "'" + level
                            + "' is not a level: error, warn, info, debug or trace"));
        }
    }

    @Override
    int run(AgentClient client) {
        String now;
        if (level != null) {
            UspMsg.SetResp resp = response(client.call(UspMsg.Header.MsgType.SET, UspMsg.Request.newBuilder()
                    .setSet(UspMsg.Set.newBuilder().addUpdateObjs(UspMsg.Set.UpdateObject.newBuilder()
                            .setObjPath("Device.LocalAgent.").addParamSettings(UspMsg.Set.UpdateParamSetting.newBuilder()
                                    .setParam(LocalAgentObject.LOG_LEVEL.name()).setValue(level).setRequired(true))))
                    .build())).getSetResp();
            for (var r : resp.getUpdatedObjResultsList()) {
                if (r.getOperStatus().hasOperFailure()) {
                    var f = r.getOperStatus().getOperFailure();
                    throw CliFailure.agentError(PARAMETER, f.getErrCode(), f.getErrMsg());
                }
            }
        }
        UspMsg.GetResp got = response(client.call(UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                .setGet(UspMsg.Get.newBuilder().addParamPaths(PARAMETER)).build())).getGetResp();
        UspMsg.GetResp.RequestedPathResult r = got.getReqPathResults(0);
        if (r.getErrCode() != 0) {
            throw CliFailure.agentError(PARAMETER, r.getErrCode(), r.getErrMsg());
        }
        if (r.getResolvedPathResultsCount() == 0) {
            throw new CliFailure(CliFailure.AGENT_ERROR, PARAMETER + ": the agent gave no value (is the role of "
                    + "the demarc commands allowed to read it?)");
        }
        now = r.getResolvedPathResults(0).getResultParamsOrDefault(LocalAgentObject.LOG_LEVEL.name(), "");
        if (agent.json) {
            out().println(new JsonWriter().beginObject().name("level").value(now).endObject().toJson());
        } else {
            out().println(now);
        }
        out().flush();
        return 0;
    }
}

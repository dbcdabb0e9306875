package dev.demarc.core.usp;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs one asynchronous command of the data model (TR-369 "Asynchronous Operations"), e.g.
 * {@code Device.IP.Diagnostics.TraceRoute()}: the agent has made its
 * {@code Device.LocalAgent.Request.{i}.} instance (Status {@code Active}) and answered the
 * Operate with its path; when the returned stage completes, the agent sets Status to
 * {@code Success} or {@code Error}, sends OperationComplete to the subscribers and removes the
 * instance. Registered per supported command path in {@link UspCommands}.
 *
 * <p>{@link #start} is called on the data model's owner thread and must return at once: do the
 * work elsewhere (the platform's own thread or pool) and complete the stage from there, on any
 * thread. The stage holds the output arguments, or the error of the {@code cmd_failure}
 * (7022 Command failure, for one); a stage completed exceptionally counts as 7022.
 */
@FunctionalInterface
public interface UspAsyncCommand {

    CompletionStage<Result<Map<String, String>>> start(DataModel model, UspCommand.Call call);
}

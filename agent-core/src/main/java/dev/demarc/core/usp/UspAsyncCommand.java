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
 *
 * <p><b>Cancel.</b> When a controller runs {@code Device.LocalAgent.Request.{i}.Cancel()} on
 * the command's Request instance, the agent cancels the returned stage:
 * {@code stage.toCompletableFuture().cancel(true)}, on the owner thread. Return a
 * {@link java.util.concurrent.CompletableFuture} and watch it to stop the work (e.g.
 * {@code future.whenComplete((r, e) -> { if (future.isCancelled()) stopTheProbe(); })}, which
 * must not block); completing it after that changes nothing. The controllers then get
 * OperationComplete with 7023 Command canceled. A stage whose {@code toCompletableFuture}
 * is not supported cannot be cancelled (Cancel() fails with 7022); for a stage that is not a
 * {@code CompletableFuture} itself, the agent's records are cancelled but the work goes on.
 */
@FunctionalInterface
public interface UspAsyncCommand {

    CompletionStage<Result<Map<String, String>>> start(DataModel model, UspCommand.Call call);
}

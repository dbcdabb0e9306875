package dev.demarc.core.usp.notify;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.Store;
import dev.demarc.core.usp.UspAsyncCommand;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.UspResumableCommand;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous commands (TR-369 "Asynchronous Operations", R-OPR.0, R-OPR.2): for each command
 * an Operate starts, an instance of {@code Device.LocalAgent.Request.{i}.} with its
 * {@code Originator}, {@code Command}, {@code CommandKey} and {@code Status}
 * {@code Requested}, then {@code Active} while it runs; when it completes, {@code Success} or
 * {@code Error}, an OperationComplete notification to the subscriptions that cover the command,
 * and the instance removed. The agent writes these read-only values itself.
 *
 * <p><b>Cancel</b> ({@code Device.LocalAgent.Request.{i}.Cancel()}, TR-369 R-OPR.3, TR-181
 * {@code Request.{i}.Status}): a controller whose roles let it run the command on that
 * instance asks for a running command to stop. {@code Status} goes to {@code Canceling} at
 * once and the command's stage is cancelled ({@code toCompletableFuture().cancel(true)}, see
 * {@link UspAsyncCommand}); once that has taken effect {@code Status} goes to
 * {@code Canceled}, an OperationComplete with {@code cmd_failure} 7023 Command canceled goes to
 * the subscribers, and the instance is removed. A command whose stage completed before the
 * cancel took effect completes as it did ({@code Success} or {@code Error}); Cancel() of a
 * command that has completed already (its completion waiting for the owner thread) fails with
 * 7022, as does Cancel() of a command whose stage cannot be cancelled.
 *
 * <p>No more commands run at once than the Request table holds (7005 Resources exceeded), and
 * a command already running with the same originator, command and command key is refused with
 * 7005 too (the table's unique key).
 *
 * <p><b>Restarts</b> (TR-369 "Persistence of Asynchronous Operations"). A
 * {@link UspResumableCommand}'s call is kept in the notification store, under
 * {@value #KEY_PREFIX}{@code <Request instance path>} ({@link ResumableCall}), from its start
 * until its completion; if it cannot be kept, the command does not start (7022). At the next
 * start ({@link #resumeAfterRestart}) each such call whose Request instance is still
 * {@code Requested} or {@code Active} is resumed on the same instance. The other instances the
 * last run left are removed, each with an OperationComplete failure (7022): those commands did
 * not survive the restart.
 *
 * <p>Owner thread.
 */
public final class AsyncOperations {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncOperations.class);

    /** Store keys of the calls of resumable commands: not TR-181 paths. */
    static final String KEY_PREFIX = "#request:";

    /** Where completions go: OperationComplete notifications. */
    @FunctionalInterface
    interface Completion {
        void completed(DataModel model, String commandPath, String commandKey, Result<Map<String, String>> outcome);
    }

    /** A command that has started and not yet been recorded as complete. */
    private static final class Running {
        final UspCommand.Call call;
        final CompletableFuture<Result<Map<String, String>>> future;
        /** False when the command's stage is not a future this class can cancel. */
        final boolean cancellable;
        /** True when the call is kept in the store for a restart. */
        final boolean kept;
        String canceledBy;

        Running(UspCommand.Call call, CompletableFuture<Result<Map<String, String>>> future, boolean cancellable,
                boolean kept) {
            this.call = call;
            this.future = future;
            this.cancellable = cancellable;
            this.kept = kept;
        }
    }

    private final DataModelOwner owner;
    private final OwnerScheduler scheduler;
    private final Store store;
    private final Completion completion;
    /** The commands running, by Request instance path. */
    private final Map<String, Running> running = new HashMap<>();

    AsyncOperations(DataModelOwner owner, OwnerScheduler scheduler, Store store, Completion completion) {
        this.owner = owner;
        this.scheduler = scheduler;
        this.store = store;
        this.completion = completion;
    }

    private static String requestTable(DataModel model) {
        return model.schema().root().name() + ".LocalAgent.Request.";
    }

    /**
     * Makes the Request instance of {@code call}, starts {@code command} and answers the
     * instance's path (the Operate's {@code req_obj_path}), or the error of its
     * {@code cmd_failure} when it cannot start.
     */
    public Result<String> start(DataModel model, UspCommand.Call call, UspAsyncCommand command) {
        String table = requestTable(model);
        if (model.schema().object(table + "{i}.").isEmpty()) {
            return Result.err(ErrorCode.COMMAND_FAILURE,
                    call.command() + " is asynchronous and this data model has no " + table + " table to track it");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Originator", call.context().controllerEndpointId());
        values.put("Command", call.command());
        values.put("CommandKey", call.commandKey());
        values.put("Status", "Requested");
        Transaction tx = model.beginForAgent();
        Result<String> added;
        try {
            added = tx.add(table, values);
            if (!added.isOk()) {
                tx.rollback();
                return Result.err(refusal(added.error(), call));
            }
            Result<List<ModelEvent>> committed = tx.commit();
            if (!committed.isOk()) {
                return Result.err(refusal(committed.error(), call));
            }
        } finally {
            tx.rollback();
        }
        String request = added.value();
        boolean kept = command instanceof UspResumableCommand;
        if (kept) {
            Optional<String> unkept = commit(KEY_PREFIX + request,
                    Optional.of(new ResumableCall(call, scheduler.now()).encode()));
            if (unkept.isPresent()) {
                remove(model, request);
                return Result.err(ErrorCode.COMMAND_FAILURE, call.command()
                        + " was not started: it could not be kept to survive a restart: " + unkept.get());
            }
        }
        setStatus(model, request, "Active");
        LOG.info("{} started for {} (command key {}) as {}", call.command(), call.context().controllerEndpointId(),
                call.commandKey(), request);
        launch(request, call, kept, () -> command.start(model, call));
        return Result.ok(request);
    }

    /** Runs the command {@code starter} starts, and records its completion on the owner thread. */
    private void launch(String request, UspCommand.Call call, boolean kept,
                        Supplier<CompletionStage<Result<Map<String, String>>>> starter) {
        CompletionStage<Result<Map<String, String>>> stage;
        try {
            stage = starter.get();
        } catch (RuntimeException e) {
            LOG.error("{} failed to start", call.command(), e);
            stage = CompletableFuture.completedFuture(Result.err(ErrorCode.INTERNAL_ERROR, call.command() + " failed: " + e));
        }
        if (stage == null) {
            stage = CompletableFuture.completedFuture(Result.err(ErrorCode.INTERNAL_ERROR, call.command() + " gave no result"));
        }
        CompletableFuture<Result<Map<String, String>>> future = cancellable(stage);
        Running run = new Running(call, future != null ? future : follow(stage), future != null, kept);
        running.put(request, run);
        run.future.whenComplete((out, failure) -> {
            try {
                owner.call(m -> {
                    finish(m, request, run, out, failure);
                    return null;
                }).exceptionally(e -> {
                    LOG.error("completion of {} failed", request, e);
                    return null;
                });
            } catch (RejectedExecutionException e) {
                LOG.info("{} completed after the data model stopped; nothing recorded", call.command());
            }
        });
    }

    private static DmError refusal(DmError e, UspCommand.Call call) {
        if (e.code() == ErrorCode.DUPLICATE_UNIQUE_KEY) {
            return DmError.of(ErrorCode.RESOURCES_EXCEEDED, call.command() + " with command key \"" + call.commandKey()
                    + "\" is already running for this controller");
        }
        if (e.code() == ErrorCode.RESOURCES_EXCEEDED) {
            return DmError.of(ErrorCode.RESOURCES_EXCEEDED, "too many asynchronous commands are running: " + e.message());
        }
        return DmError.of(ErrorCode.COMMAND_FAILURE, call.command() + " could not be tracked: " + e.message());
    }

    /** The stage as a future to cancel (itself when it is one), or null when it offers none. */
    private static CompletableFuture<Result<Map<String, String>>> cancellable(
            CompletionStage<Result<Map<String, String>>> stage) {
        try {
            return stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** A future completed as {@code stage} is, for a stage that cannot be cancelled. */
    private static CompletableFuture<Result<Map<String, String>>> follow(CompletionStage<Result<Map<String, String>>> stage) {
        CompletableFuture<Result<Map<String, String>>> f = new CompletableFuture<>();
        stage.whenComplete((out, failure) -> {
            if (failure != null) {
                f.completeExceptionally(failure);
            } else {
                f.complete(out);
            }
        });
        return f;
    }

    /**
     * {@code Device.LocalAgent.Request.{i}.Cancel()} on the Request instance
     * {@code call.objectPath()}: cancels its command (see the class comment). Owner thread;
     * the command's cancellation hooks run here, and must not block.
     */
    public Result<Map<String, String>> cancel(DataModel model, UspCommand.Call call) {
        String request = call.objectPath();
        Running run = running.get(request);
        if (run == null) {
            return Result.err(ErrorCode.COMMAND_FAILURE, request + " has no command running to cancel");
        }
        if (run.canceledBy != null) {
            return Result.ok(Map.of());
        }
        if (run.future.isDone()) {
            return Result.err(ErrorCode.COMMAND_FAILURE, run.call.command() + " has completed already; "
                    + "its OperationComplete follows");
        }
        if (!run.cancellable) {
            return Result.err(ErrorCode.COMMAND_FAILURE, run.call.command() + " cannot be canceled; "
                    + "its OperationComplete follows when it completes");
        }
        run.canceledBy = call.context().controllerEndpointId();
        setStatus(model, request, "Canceling");
        LOG.info("{} ({}) canceled by {}", run.call.command(), request, run.canceledBy);
        if (!run.future.cancel(true) && !run.future.isCancelled()) {
            LOG.info("{} ({}) completed before its cancellation took effect", run.call.command(), request);
        }
        return Result.ok(Map.of());
    }

    private void finish(DataModel model, String request, Running run, Result<Map<String, String>> out, Throwable failure) {
        running.remove(request);
        UspCommand.Call call = run.call;
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        boolean canceled = run.canceledBy != null && cause instanceof CancellationException;
        Result<Map<String, String>> outcome;
        if (canceled) {
            outcome = Result.err(ErrorCode.COMMAND_CANCELED, call.command() + " was canceled by Cancel() of "
                    + run.canceledBy);
        } else if (failure != null) {
            outcome = Result.err(ErrorCode.COMMAND_FAILURE, call.command() + " failed: " + cause);
        } else {
            outcome = out == null ? Result.err(ErrorCode.INTERNAL_ERROR, call.command() + " gave no result") : out;
        }
        LOG.info("{} ({}) completed: {}", call.command(), request, canceled ? "canceled"
                : outcome.isOk() ? "success" : outcome.error().message());
        setStatus(model, request, canceled ? "Canceled" : outcome.isOk() ? "Success" : "Error");
        completion.completed(model, call.command(), call.commandKey(), outcome);
        remove(model, request);
        if (run.kept) {
            commit(KEY_PREFIX + request, Optional.empty())
                    .ifPresent(e -> LOG.warn("could not drop the kept call of {}: {}", request, e));
        }
    }

    /**
     * Resumes the calls of resumable commands the last run left, and removes the other Request
     * instances it left, each with an OperationComplete failure (see the class comment).
     * Owner thread, at start.
     */
    void resumeAfterRestart(DataModel model, UspCommands commands) {
        Map<String, String> kept = new HashMap<>();
        for (Map.Entry<String, String> e : store.snapshot().entrySet()) {
            if (e.getKey().startsWith(KEY_PREFIX)) {
                kept.put(e.getKey().substring(KEY_PREFIX.length()), e.getValue());
            }
        }
        String table = requestTable(model);
        Result<List<ObjectValues>> left = model.schema().object(table + "{i}.").isEmpty() ? Result.ok(List.of())
                : model.get(table + "*.", 1);
        for (ObjectValues o : left.isOk() ? left.value() : List.<ObjectValues>of()) {
            String command = o.parameters().getOrDefault("Command", "");
            String key = o.parameters().getOrDefault("CommandKey", "");
            String keptCall = kept.remove(o.path());
            if (keptCall != null && resume(model, o, keptCall, commands)) {
                continue;
            }
            LOG.info("{} of the last run ({}) did not survive the restart", o.path(), command);
            setStatus(model, o.path(), "Error");
            if (command.endsWith("()")) {
                completion.completed(model, command, key,
                        Result.err(ErrorCode.COMMAND_FAILURE, command + " was stopped by a restart of the agent"));
            }
            remove(model, o.path());
            if (keptCall != null) {
                commit(KEY_PREFIX + o.path(), Optional.empty());
            }
        }
        for (String request : kept.keySet()) {
            LOG.info("the kept call of {} has no Request instance left; dropped", request);
            commit(KEY_PREFIX + request, Optional.empty());
        }
    }

    /** Resumes the kept call of the Request instance {@code o}; false when it cannot be. */
    private boolean resume(DataModel model, ObjectValues o, String keptCall, UspCommands commands) {
        String status = o.parameters().getOrDefault("Status", "");
        Result<ResumableCall> decoded = ResumableCall.decode(keptCall);
        String why;
        if (!decoded.isOk()) {
            why = "its kept call is unreadable: " + decoded.error().message();
        } else if (!decoded.value().call().command().equals(o.parameters().get("Command"))) {
            why = "its kept call is of another command, " + decoded.value().call().command();
        } else if (!status.equals("Requested") && !status.equals("Active")) {
            why = "its Status was " + status;
        } else {
            UspCommand.Call call = decoded.value().call();
            Optional<UspAsyncCommand> command = commands.asyncCommand(Schema.supportedPathOf(call.command()));
            if (command.isPresent() && command.get() instanceof UspResumableCommand resumable) {
                if (status.equals("Requested")) {
                    setStatus(model, o.path(), "Active");
                }
                LOG.info("{} of the last run ({} for {}, command key {}) resumed", o.path(), call.command(),
                        call.context().controllerEndpointId(), call.commandKey());
                Instant startedAt = decoded.value().startedAt();
                launch(o.path(), call, true, () -> resumable.resume(model, call, startedAt));
                return true;
            }
            why = call.command() + " cannot be resumed by this agent";
        }
        LOG.warn("{} cannot be resumed: {}", o.path(), why);
        return false;
    }

    /** Sets or drops one key of the store; the error, if it failed. */
    private Optional<String> commit(String key, Optional<String> value) {
        try {
            store.commit(Map.of(key, value));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not {} {} in the store: {}", value.isPresent() ? "keep" : "drop", key, e.toString());
            return Optional.of(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private static void setStatus(DataModel model, String request, String status) {
        Transaction tx = model.beginForAgent();
        try {
            Optional<DmError> failed = tx.set(request + "Status", status);
            if (failed.isEmpty()) {
                Result<List<ModelEvent>> committed = tx.commit();
                if (!committed.isOk()) {
                    LOG.warn("could not set {}Status to {}: {}", request, status, committed.error().message());
                }
            } else {
                LOG.warn("could not set {}Status to {}: {}", request, status, failed.get().message());
            }
        } finally {
            tx.rollback();
        }
    }

    private static void remove(DataModel model, String request) {
        Transaction tx = model.beginForAgent();
        try {
            Optional<DmError> failed = tx.delete(request);
            Result<List<ModelEvent>> committed = failed.isEmpty() ? tx.commit() : Result.err(failed.get());
            if (!committed.isOk()) {
                LOG.warn("could not remove {}: {}", request, committed.error().message());
            }
        } finally {
            tx.rollback();
        }
    }
}

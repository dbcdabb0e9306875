package dev.demarc.core.usp.notify;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.usp.UspAsyncCommand;
import dev.demarc.core.usp.UspCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>No more commands run at once than the Request table holds (7005 Resources exceeded), and
 * a command already running with the same originator, command and command key is refused with
 * 7005 too (the table's unique key). Commands do not survive a restart: the instances left by
 * the last run are removed at start ({@link #cleanUpAfterRestart}), each with an
 * OperationComplete failure (7022).
 *
 * <p>Owner thread.
 */
public final class AsyncOperations {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncOperations.class);

    /** Where completions go: OperationComplete notifications. */
    @FunctionalInterface
    interface Completion {
        void completed(DataModel model, String commandPath, String commandKey, Result<Map<String, String>> outcome);
    }

    private final DataModelOwner owner;
    private final Completion completion;

    AsyncOperations(DataModelOwner owner, Completion completion) {
        this.owner = owner;
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
        setStatus(model, request, "Active");
        LOG.info("{} started for {} (command key {}) as {}", call.command(), call.context().controllerEndpointId(),
                call.commandKey(), request);
        CompletionStage<Result<Map<String, String>>> stage;
        try {
            stage = command.start(model, call);
        } catch (RuntimeException e) {
            LOG.error("{} failed to start", call.command(), e);
            stage = CompletableFuture.completedFuture(Result.err(ErrorCode.INTERNAL_ERROR, call.command() + " failed: " + e));
        }
        if (stage == null) {
            stage = CompletableFuture.completedFuture(Result.err(ErrorCode.INTERNAL_ERROR, call.command() + " gave no result"));
        }
        stage.whenComplete((out, failure) -> {
            Result<Map<String, String>> outcome = failure != null
                    ? Result.err(ErrorCode.COMMAND_FAILURE, call.command() + " failed: " + failure)
                    : out == null ? Result.err(ErrorCode.INTERNAL_ERROR, call.command() + " gave no result") : out;
            try {
                owner.call(m -> {
                    finish(m, request, call, outcome);
                    return null;
                }).exceptionally(e -> {
                    LOG.error("completion of {} failed", request, e);
                    return null;
                });
            } catch (RejectedExecutionException e) {
                LOG.info("{} completed after the data model stopped; nothing recorded", call.command());
            }
        });
        return Result.ok(request);
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

    private void finish(DataModel model, String request, UspCommand.Call call, Result<Map<String, String>> outcome) {
        LOG.info("{} ({}) completed: {}", call.command(), request, outcome.isOk() ? "success" : outcome.error().message());
        setStatus(model, request, outcome.isOk() ? "Success" : "Error");
        completion.completed(model, call.command(), call.commandKey(), outcome);
        remove(model, request);
    }

    /** Removes the Request instances a previous run left: those commands did not survive it. */
    void cleanUpAfterRestart(DataModel model) {
        String table = requestTable(model);
        if (model.schema().object(table + "{i}.").isEmpty()) {
            return;
        }
        Result<List<ObjectValues>> left = model.get(table + "*.", 1);
        if (!left.isOk()) {
            return;
        }
        for (ObjectValues o : left.value()) {
            String command = o.parameters().getOrDefault("Command", "");
            String key = o.parameters().getOrDefault("CommandKey", "");
            LOG.info("{} of the last run ({}) did not survive the restart", o.path(), command);
            setStatus(model, o.path(), "Error");
            if (command.endsWith("()")) {
                completion.completed(model, command, key,
                        Result.err(ErrorCode.COMMAND_FAILURE, command + " was stopped by a restart of the agent"));
            }
            remove(model, o.path());
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

package dev.demarc.core.usp.notify;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspResumableCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * TR-181 {@code Device.ScheduleTimer()}: an asynchronous command that completes
 * {@code DelaySeconds} (1 to 4294967295) after it was invoked, so that its OperationComplete
 * reaches the subscriptions that cover it (TP-469 1.79, 9.11). It has no output arguments.
 *
 * <p>"A scheduled timer MUST persist across reboots": it is a {@link UspResumableCommand}. At
 * the next start the timer runs until its start time plus {@code DelaySeconds}; one that fell
 * due while the agent was down completes at once. If the clock reads earlier than the start
 * time (set back, or not yet set after a reboot), the whole delay counts again from now.
 * {@code Device.LocalAgent.Request.{i}.Cancel()} stops it (7023). The timers run on the owner
 * thread's scheduler.
 */
public final class ScheduleTimerCommand implements UspResumableCommand {

    /** The supported path of the command. */
    public static final String PATH = "Device.ScheduleTimer()";
    static final String DELAY_SECONDS = "DelaySeconds";
    private static final long MAX_DELAY_SECONDS = 0xffffffffL;
    /** The command as TR-181 defines it, for the schema of {@code Device.}. */
    public static final CommandDef DEFINITION = new CommandDef("ScheduleTimer", true,
            List.of(ArgumentDef.mandatory(DELAY_SECONDS, ValueType.unsignedInt().range(1, MAX_DELAY_SECONDS))), List.of());

    private final OwnerScheduler scheduler;

    public ScheduleTimerCommand(OwnerScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public CompletionStage<Result<Map<String, String>>> start(DataModel model, UspCommand.Call call) {
        return resume(model, call, scheduler.now());
    }

    @Override
    public CompletionStage<Result<Map<String, String>>> resume(DataModel model, UspCommand.Call call, Instant startedAt) {
        Result<Duration> delay = delay(call.inputArgs().get(DELAY_SECONDS));
        if (!delay.isOk()) {
            return CompletableFuture.completedFuture(Result.err(delay.error()));
        }
        Instant now = scheduler.now();
        Duration left = now.isBefore(startedAt) ? delay.value() : delay.value().minus(Duration.between(startedAt, now));
        CompletableFuture<Result<Map<String, String>>> fired = new CompletableFuture<>();
        OwnerScheduler.Timer timer = scheduler.schedule(left.isNegative() ? Duration.ZERO : left,
                () -> fired.complete(Result.ok(Map.of())));
        fired.whenComplete((done, failure) -> {
            if (fired.isCancelled()) {
                timer.cancel();
            }
        });
        return fired;
    }

    private static Result<Duration> delay(String text) {
        long seconds;
        try {
            seconds = text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_DELAY_SECONDS) {
            return Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS,
                    DELAY_SECONDS + " must be a number of seconds from 1 to " + MAX_DELAY_SECONDS + ", not " + text);
        }
        return Result.ok(Duration.ofSeconds(seconds));
    }
}

package dev.demarc.core.usp;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * An asynchronous command that outlives a restart of the agent, such as TR-181
 * {@code Device.ScheduleTimer()} ("A scheduled timer MUST persist across reboots"). The agent
 * keeps each started call (its command, object, command key, input arguments, originator and
 * start time) in the notification store beside its {@code Device.LocalAgent.Request.{i}.}
 * instance; at the next start it calls {@link #resume} for each one instead of failing it, and
 * the instance stays as it was, {@code Active}. A call that cannot be resumed (its record is
 * unreadable, or the command is no longer registered) fails with 7022 as other commands do.
 *
 * <p>{@link #resume} is called on the owner thread at start and, like {@link #start}, must
 * return at once; the stage it returns is handled (cancel, completion) as {@link #start}'s.
 *
 * <p>The input arguments are kept on disk as the controller gave them, in the data directory's
 * notification store: a command whose inputs hold a secret (a password of a transfer) is not
 * one to make resumable this way.
 */
public interface UspResumableCommand extends UspAsyncCommand {

    /**
     * Picks up {@code call}, which a previous run of the agent started at {@code startedAt}
     * (wall-clock time of that run; a clock set back since may make it later than now).
     */
    CompletionStage<Result<Map<String, String>>> resume(DataModel model, UspCommand.Call call, Instant startedAt);
}

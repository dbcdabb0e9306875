package dev.demarc.hal.linux;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.tr181.platform.DeviceControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reboot and factory reset by running a command: OpenWrt's own, or those the agent's options
 * give. The command runs on the platform's pool after {@link #DEFAULT_GRACE} (so that the
 * controller's answer leaves first), through a {@link CommandRunner} (bounded in time); the
 * stage completes with its failure, if any. An action without a command fails with 7022 "not
 * configured".
 */
public final class CommandDeviceControl implements DeviceControl {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDeviceControl.class);

    /** The wait before the command runs. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private final Map<Action, List<String>> commands;
    private final CommandRunner runner;
    private final ScheduledExecutorService threads;
    private final Duration grace;

    /**
     * @param commands the argv of each action the device can do
     * @param runner   runs them (a {@code SystemCommandRunner} with a time bound of minutes)
     * @param threads  the platform's pool
     * @param grace    the wait before a command runs
     */
    public CommandDeviceControl(Map<Action, List<String>> commands, CommandRunner runner,
                                ScheduledExecutorService threads, Duration grace) {
        this.commands = Map.copyOf(commands);
        this.commands.values().forEach(argv -> {
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("an empty command");
            }
        });
        this.runner = Objects.requireNonNull(runner, "runner");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    @Override
    public Optional<DmError> check(Action action) {
        Objects.requireNonNull(action, "action");
        if (commands.containsKey(action)) {
            return Optional.empty();
        }
        return DeviceControl.none().check(action);
    }

    @Override
    public CompletionStage<Optional<DmError>> perform(Action action) {
        Optional<DmError> cannot = check(action);
        if (cannot.isPresent()) {
            return CompletableFuture.completedFuture(cannot);
        }
        List<String> argv = commands.get(action);
        CompletableFuture<Optional<DmError>> done = new CompletableFuture<>();
        try {
            threads.schedule(() -> {
                LOG.warn("{}: running {}", action.description(), String.join(" ", argv));
                Result<String> ran = runner.run(argv);
                done.complete(ran.isOk() ? Optional.empty() : Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE,
                        action.description() + " command failed: " + ran.error().message())));
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done.complete(Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, "the platform is stopping")));
        }
        return done;
    }

    @Override
    public String toString() {
        return "CommandDeviceControl" + commands.keySet();
    }
}

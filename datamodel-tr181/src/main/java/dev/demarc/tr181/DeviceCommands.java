package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.notify.BootCause;
import dev.demarc.tr181.platform.DeviceControl;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Device.Reboot()} and {@code Device.FactoryReset()}: synchronous commands (TR-181) whose
 * optional {@code Cause} and {@code Reason} inputs go to the {@code Boot!} event of the next
 * start. Each checks that the platform can do it ({@link DeviceControl#check}: 7022 "not
 * configured" when it cannot), records the boot cause with the Operate's command key
 * ({@link BootCauseRecorder}), answers the controller, and has the platform run its command
 * after a grace period. If that command fails, the device stays up: the failure is logged and
 * the recorded cause dropped.
 */
public final class DeviceCommands {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCommands.class);

    public static final String REBOOT = "Device.Reboot()";
    public static final String FACTORY_RESET = "Device.FactoryReset()";
    /** The longest command key and reason kept for the next {@code Boot!} (as {@link BootCause} bounds them). */
    static final int MAX_TEXT = 1024;

    static final CommandDef REBOOT_COMMAND = new CommandDef("Reboot", false, List.of(
            ArgumentDef.optional("Cause", ValueType.string().enumeration("LocalReboot", "RemoteReboot"))
                    .withDefault("RemoteReboot"),
            ArgumentDef.optional("Reason", ValueType.string().maxLength(MAX_TEXT))), List.of());

    static final CommandDef FACTORY_RESET_COMMAND = new CommandDef("FactoryReset", false, List.of(
            ArgumentDef.optional("Cause", ValueType.string().enumeration("LocalFactoryReset", "RemoteFactoryReset"))
                    .withDefault("RemoteFactoryReset"),
            ArgumentDef.optional("Reason", ValueType.string().maxLength(MAX_TEXT))), List.of());

    private DeviceCommands() {
    }

    static void register(UspCommands.Builder commands, DeviceControl control, BootCauseRecorder recorder) {
        commands.register(REBOOT, (model, call) -> run(control, recorder, DeviceControl.Action.REBOOT, call,
                BootCause.Cause.REMOTE_REBOOT));
        commands.register(FACTORY_RESET, (model, call) -> run(control, recorder, DeviceControl.Action.FACTORY_RESET,
                call, BootCause.Cause.REMOTE_FACTORY_RESET));
    }

    private static Result<Map<String, String>> run(DeviceControl control, BootCauseRecorder recorder,
                                                   DeviceControl.Action action, UspCommand.Call call,
                                                   BootCause.Cause defaultCause) {
        Optional<DmError> cannot = control.check(action);
        if (cannot.isPresent()) {
            return Result.err(cannot.get().code(), cannot.get().message());
        }
        if (call.commandKey().length() > MAX_TEXT) {
            return Result.err(ErrorCode.INVALID_COMMAND_ARGUMENTS,
                    "the command key is longer than " + MAX_TEXT + " characters");
        }
        BootCause.Cause cause = causeOf(call.inputArgs().get("Cause"), defaultCause);
        BootCause boot = new BootCause(cause, false, call.commandKey(), call.inputArgs().getOrDefault("Reason", ""));
        Optional<DmError> unrecorded = recorder.record(boot);
        if (unrecorded.isPresent()) {
            return Result.err(ErrorCode.COMMAND_FAILURE, "the " + action.description()
                    + " was not started: its cause could not be recorded: " + unrecorded.get().message());
        }
        LOG.warn("{} asked by {} (command key {}): Boot! cause {}", action.description(),
                call.context().controllerEndpointId(), call.commandKey(), cause.value());
        control.perform(action).whenComplete((failed, thrown) -> {
            if (thrown != null || failed.isPresent()) {
                LOG.error("the {} failed, the device stays up: {}", action.description(),
                        thrown != null ? thrown.toString() : failed.get().message());
                recorder.forget(boot);
            }
        });
        return Result.ok(Map.of());
    }

    private static BootCause.Cause causeOf(String given, BootCause.Cause otherwise) {
        if (given == null) {
            return otherwise;
        }
        for (BootCause.Cause c : BootCause.Cause.values()) {
            if (c.value().equals(given)) {
                return c;
            }
        }
        return otherwise;
    }
}

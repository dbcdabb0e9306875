package dev.demarc.core.usp;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one synchronous command of the data model (TR-369 "Synchronous Operations") when a
 * controller's Operate names it: e.g. {@code Device.LocalAgent.Controller.{i}.SendOnBoardRequest()}.
 * Registered per supported command path in {@link UspCommands}.
 *
 * <p>Called on the data model's owner thread, with the model: it must finish quickly and not
 * block (start long work elsewhere). It answers the output arguments, or the error the
 * controller gets in {@code cmd_failure} (7022 Command failure, for one).
 */
@FunctionalInterface
public interface UspCommand {

    /** One invocation: the concrete command, its object, and the checked input arguments. */
    record Call(String command, String objectPath, String commandKey, Map<String, String> inputArgs,
                UspRequestContext context) {
        public Call {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(objectPath, "objectPath");
            Objects.requireNonNull(commandKey, "commandKey");
            inputArgs = Map.copyOf(inputArgs);
            Objects.requireNonNull(context, "context");
        }
    }

    Result<Map<String, String>> run(DataModel model, Call call);
}

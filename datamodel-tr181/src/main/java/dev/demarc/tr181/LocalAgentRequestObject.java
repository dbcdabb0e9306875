package dev.demarc.tr181;

import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import java.util.List;

/**
 * {@code Device.LocalAgent.Request.{i}.} of TR-181 Device:2.19 (USP): the asynchronous commands
 * (Operate with {@code async} true) that have not completed yet. The agent makes and removes
 * the instances; a controller may only read them, so Add fails with 7019 and Delete is
 * refused. The engine stores them like configuration.
 *
 * <p>Facts are the standard's: names, types, access, enumerations and unique keys (Originator,
 * Command and CommandKey together; Alias). Every value is written by the agent when it makes
 * the instance, so nothing here needs a default. The instance count is bounded by Demarc (the
 * standard says unbounded): no more asynchronous commands may run at once.
 *
 * <p>{@code Cancel()} asks the agent to stop the instance's command: {@code Status} goes to
 * {@code Canceling}, then {@code Canceled}, and the subscribers get an OperationComplete with
 * 7023 Command canceled (see {@code dev.demarc.core.usp.notify.AsyncOperations}).
 */
public final class LocalAgentRequestObject {

    public static final String PATH = "Device.LocalAgent.Request.{i}.";

    /** Demarc's bound on the asynchronous commands in progress. */
    public static final int MAX_REQUESTS = 256;

    /** The states of a request in the standard. */
    public static final List<String> STATUSES =
            List.of("Requested", "Active", "Canceling", "Canceled", "Success", "Error");

    private LocalAgentRequestObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.table("Request").maxEntries(MAX_REQUESTS)
                .uniqueKey("Originator", "Command", "CommandKey")
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readOnly("Originator", ValueType.string()))
                .param(ParameterDef.readOnly("Command", ValueType.string()))
                .param(ParameterDef.readOnly("CommandKey", ValueType.string()))
                .param(ParameterDef.readOnly("Status",
                        ValueType.string().enumeration(STATUSES.toArray(String[]::new))))
                .command(new CommandDef("Cancel", false, List.of(), List.of()));
    }
}

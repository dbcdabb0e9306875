package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.notify.TriggerConfigSettings;
import java.util.List;

/**
 * {@code Device.LocalAgent.Subscription.{i}.} of TR-181 Device:2.19 (USP): what each controller
 * wants to be notified of. Controllers add and delete their subscriptions, the factory defaults
 * may ship some, and the engine stores them; nothing is read from the platform.
 *
 * <p>Facts are the standard's: names, types, access, facets, defaults and unique keys (Alias;
 * Recipient with ID: one controller cannot use an ID twice, two controllers can). The instance
 * count is bounded by Demarc (the standard says unbounded).
 *
 * <p>{@code Recipient} is read-only: the agent writes it (the path of the controller whose Add
 * made the subscription), as the factory defaults may. {@code ID} has no default; an instance
 * made without one is given {@code cpe-N} by the agent (TR-369 R-ADD.5). {@code CreationDate} is
 * read-only too: the agent writes when it made the instance, which its {@code TimeToLive} counts
 * from.
 *
 * <p>{@code TriggerAction} (Notify, the default; Config; NotifyAndConfig) and
 * {@code TriggerConfigSettings} ({@code <Parameter Path>=<Value>} items) are acted on by the
 * agent's notifications (see {@code dev.demarc.core.usp.notify.Notifications}); a
 * {@code TriggerConfigSettings} value whose items are malformed, name a parameter this model
 * lacks or cannot be written, or hold a value of the wrong type is refused when written, with
 * 7012 ({@link TriggerConfigSettings#writeHook}).
 */
public final class LocalAgentSubscriptionObject {

    public static final String PATH = "Device.LocalAgent.Subscription.{i}.";

    /** Demarc's bound on the subscriptions of all controllers together. */
    public static final int MAX_SUBSCRIPTIONS = 1024;

    /** The notification types of the standard. */
    public static final List<String> NOTIF_TYPES =
            List.of("ValueChange", "ObjectCreation", "ObjectDeletion", "OperationComplete", "Event");

    /** The values of TriggerAction in the standard. */
    public static final List<String> TRIGGER_ACTIONS = List.of("Notify", "Config", "NotifyAndConfig");

    /** The standard's bound on the items of TriggerConfigSettings. */
    public static final int MAX_TRIGGER_CONFIG_SETTINGS = 16;

    private static final ValueType BOOLEAN = ValueType.bool();

    private LocalAgentSubscriptionObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.table("Subscription").creatable().maxEntries(MAX_SUBSCRIPTIONS)
                .uniqueKey("Alias")
                .uniqueKey("Recipient", "ID")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readOnly("Recipient", ValueType.string()))
                .param(ParameterDef.readWrite("TriggerAction",
                        ValueType.string().enumeration(TRIGGER_ACTIONS.toArray(String[]::new))).withDefault("Notify"))
                .param(ParameterDef.readWrite(TriggerConfigSettings.PARAMETER,
                        ValueType.listOf(ValueType.string()).maxItems(MAX_TRIGGER_CONFIG_SETTINGS)))
                .param(ParameterDef.readOnly("CreationDate", ValueType.dateTime()).withDefault("0001-01-01T00:00:00Z"))
                .param(ParameterDef.readWrite("ID", ValueType.string().length(1, 64)))
                .param(ParameterDef.readWrite("NotifType", ValueType.string().enumeration(NOTIF_TYPES.toArray(String[]::new))))
                .param(ParameterDef.readWrite("ReferenceList", ValueType.listOf(ValueType.string().maxLength(256))))
                .param(ParameterDef.readWrite("Persistent", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("TimeToLive", ValueType.unsignedInt()).withDefault("0"))
                .param(ParameterDef.readWrite("NotifRetry", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("NotifExpiration", ValueType.unsignedInt()).withDefault("0"));
    }

    /** Checks {@code TriggerConfigSettings} against {@code schema} when it is written. */
    static void bind(Bindings.Builder bindings, Schema schema) {
        bindings.hook(PATH, TriggerConfigSettings.writeHook(schema));
    }
}

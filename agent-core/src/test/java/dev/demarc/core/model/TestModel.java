package dev.demarc.core.model;

import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.store.Store;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small data model with every shape the engine handles: a single object, a controller-created
 * table with a sub-table, a platform-backed table, references, a command and an event.
 *
 * <pre>
 * Device.
 *   RootDataModelVersion            provided
 *   ThingNumberOfEntries, IfaceNumberOfEntries
 *   Info.  ProvisioningCode (rw), UpTime (provided), Secret (rw, hidden)
 *   Thing.{i}.  creatable; keys [Name] [Alias]
 *     Alias (woro), Name (string(16)), Enable, Port (1..65535), Mode (Auto|Manual), Tags (list, 4 items),
 *     IfaceRef (reference to Device.Iface.{i}.), Refs (list of references)
 *     ItemNumberOfEntries, Item.{i}. creatable; keys [Key]: Key, Value
 *     Stats. BytesSent (StatsCounter64)
 *     Reset()
 *   Iface.{i}.  platform table; keys [Name] [Alias]: Alias, Name, Status, Speed
 *   Boot!
 * </pre>
 */
final class TestModel {

    static final Schema SCHEMA = Schema.of(ObjectDef.single("Device")
            .param(ParameterDef.readOnly("RootDataModelVersion", ValueType.string().maxLength(32)))
            .object(ObjectDef.single("Info")
                    .param(ParameterDef.readWrite("ProvisioningCode", ValueType.string().maxLength(64)))
                    .param(ParameterDef.readOnly("UpTime", ValueType.unsignedInt()))
                    .param(ParameterDef.readWrite("Secret", ValueType.string().maxLength(64)).asHidden()))
            .tableWithCount(ObjectDef.table("Thing").creatable().uniqueKey("Name").uniqueKey("Alias")
                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                    .param(ParameterDef.readWrite("Name", ValueType.string().maxLength(16)))
                    .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                    .param(ParameterDef.readWrite("Port", ValueType.unsignedInt().range(1, 65535)).withDefault("80"))
                    .param(ParameterDef.readWrite("Mode", ValueType.string().enumeration("Auto", "Manual")).withDefault("Auto"))
                    .param(ParameterDef.readWrite("Tags", ValueType.listOf(ValueType.string().maxLength(8)).maxItems(4)))
                    .param(ParameterDef.readWrite("IfaceRef", ValueType.string().maxLength(256)))
                    .param(ParameterDef.readWrite("Refs", ValueType.listOf(ValueType.string().maxLength(256))))
                    .tableWithCount(ObjectDef.table("Item").creatable().maxEntries(3).uniqueKey("Key")
                            .param(ParameterDef.readWrite("Key", ValueType.string().maxLength(16)))
                            .param(ParameterDef.readWrite("Value", ValueType.int32())))
                    .object(ObjectDef.single("Stats")
                            .param(ParameterDef.readOnly("BytesSent", DataTypes.STATS_COUNTER64).withDefault("0")))
                    .command(new CommandDef("Reset", false, List.of(), List.of())))
            .tableWithCount(ObjectDef.table("Iface").uniqueKey("Name").uniqueKey("Alias")
                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                    .param(ParameterDef.readOnly("Name", ValueType.string().maxLength(16)))
                    .param(ParameterDef.readOnly("Status", ValueType.string().enumeration("Up", "Down")))
                    .param(ParameterDef.readWrite("Speed", ValueType.unsignedInt())))
            .event(new EventDef("Boot", List.of(ArgumentDef.optional("Cause", ValueType.string()))))
            .buildRoot());

    private TestModel() {
    }

    /** A clock the test moves by hand, in nanoseconds. */
    static final class FakeClock {
        final AtomicLong now = new AtomicLong(1_000_000_000L);

        long nanos() {
            return now.get();
        }

        void advanceSeconds(long s) {
            now.addAndGet(s * 1_000_000_000L);
        }
    }

    static DataModel open(Bindings bindings, Store store, boolean fresh, List<Assignment> defaults, FakeClock clock) {
        Result<DataModel> r = DataModel.open(SCHEMA, bindings, store, fresh, defaults, "test.defaults",
                DataModel.Limits.DEFAULT, clock::nanos);
        if (!r.isOk()) {
            throw new AssertionError(r.error().toString());
        }
        return r.value();
    }
}

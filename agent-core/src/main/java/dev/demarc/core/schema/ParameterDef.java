package dev.demarc.core.schema;

import java.util.Objects;

/**
 * A parameter of the supported data model.
 *
 * @param name         the parameter name, e.g. {@code EndpointID}
 * @param type         its value type with facets
 * @param access       who may write it
 * @param defaultValue the value an instance starts with when nobody set one; must be valid
 *                     for {@code type} unless empty
 * @param hidden       a secret (a password, a key): reads back as the empty string and is
 *                     never logged
 * @param countedTable for a {@code ...NumberOfEntries} parameter, the name of the sibling
 *                     table it counts (the engine keeps it right); otherwise empty
 * @param valueChangeIgnored the agent does not notify changes of this parameter: a ValueChange
 *                     subscription may name it (directly or through an object path) but is
 *                     never told of it, and GetSupportedDM reports
 *                     {@code VALUE_CHANGE_WILL_IGNORE} (TR-369 "GetSupportedDM",
 *                     {@code value_change}). For what changes all the time, which TR-181 marks
 *                     {@code activeNotify="canDeny"}: up times, statistics counters
 */
public record ParameterDef(String name, ValueType type, Access access, String defaultValue,
                           boolean hidden, String countedTable, boolean valueChangeIgnored) {

    public ParameterDef {
        SchemaNames.requireName(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(countedTable, "countedTable");
        if (!countedTable.isEmpty() && access != Access.READ_ONLY) {
            throw new IllegalArgumentException(name + ": a NumberOfEntries parameter is read-only");
        }
        if (!defaultValue.isEmpty() && type.check(defaultValue).isPresent()) {
            throw new IllegalArgumentException(name + ": default value " + defaultValue
                    + " is not valid: " + type.check(defaultValue).get().message());
        }
    }

    public static ParameterDef readOnly(String name, ValueType type) {
        return new ParameterDef(name, type, Access.READ_ONLY, "", false, "", false);
    }

    public static ParameterDef readWrite(String name, ValueType type) {
        return new ParameterDef(name, type, Access.READ_WRITE, "", false, "", false);
    }

    public static ParameterDef writeOnce(String name, ValueType type) {
        return new ParameterDef(name, type, Access.WRITE_ONCE_READ_ONLY, "", false, "", false);
    }

    /** {@code <table>NumberOfEntries}, kept right by the engine. */
    public static ParameterDef numberOfEntries(String table) {
        return new ParameterDef(table + "NumberOfEntries", ValueType.unsignedInt(), Access.READ_ONLY,
                "0", false, table, false);
    }

    public ParameterDef withDefault(String value) {
        return new ParameterDef(name, type, access, value, hidden, countedTable, valueChangeIgnored);
    }

    public ParameterDef asHidden() {
        return new ParameterDef(name, type, access, defaultValue, true, countedTable, valueChangeIgnored);
    }

    /**
     * This parameter, its changes never notified (see {@link #valueChangeIgnored()}): for the
     * ones TR-181 marks {@code activeNotify="canDeny"} that change on their own all the time.
     */
    public ParameterDef ignoringValueChange() {
        return new ParameterDef(name, type, access, defaultValue, hidden, countedTable, true);
    }

    public boolean isWritable() {
        return access != Access.READ_ONLY;
    }

    public boolean isNumberOfEntries() {
        return !countedTable.isEmpty();
    }
}

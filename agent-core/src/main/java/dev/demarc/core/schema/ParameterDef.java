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
 */
public record ParameterDef(String name, ValueType type, Access access, String defaultValue,
                           boolean hidden, String countedTable) {

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
        return new ParameterDef(name, type, Access.READ_ONLY, "", false, "");
    }

    public static ParameterDef readWrite(String name, ValueType type) {
        return new ParameterDef(name, type, Access.READ_WRITE, "", false, "");
    }

    public static ParameterDef writeOnce(String name, ValueType type) {
        return new ParameterDef(name, type, Access.WRITE_ONCE_READ_ONLY, "", false, "");
    }

    /** {@code <table>NumberOfEntries}, kept right by the engine. */
    public static ParameterDef numberOfEntries(String table) {
        return new ParameterDef(table + "NumberOfEntries", ValueType.unsignedInt(), Access.READ_ONLY,
                "0", false, table);
    }

    public ParameterDef withDefault(String value) {
        return new ParameterDef(name, type, access, value, hidden, countedTable);
    }

    public ParameterDef asHidden() {
        return new ParameterDef(name, type, access, defaultValue, true, countedTable);
    }

    public boolean isWritable() {
        return access != Access.READ_ONLY;
    }

    public boolean isNumberOfEntries() {
        return !countedTable.isEmpty();
    }
}

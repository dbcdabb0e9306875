package dev.demarc.core.schema;

import java.util.Optional;

/**
 * The primitive data types of TR-106 section 3.2 ("Data Types"), from which every parameter
 * type, named or not, is derived. A comma-separated list is not a base type of its own: it is a
 * {@link #STRING} whose items have a type (see {@link ValueType#listOf(ValueType)}).
 */
public enum BaseType {
    STRING("string"),
    BOOLEAN("boolean"),
    INT("int"),
    UNSIGNED_INT("unsignedInt"),
    LONG("long"),
    UNSIGNED_LONG("unsignedLong"),
    DATE_TIME("dateTime"),
    BASE64("base64"),
    HEX_BINARY("hexBinary"),
    DECIMAL("decimal");

    private final String xmlName;

    BaseType(String xmlName) {
        this.xmlName = xmlName;
    }

    /** The name TR-106 and the data-model XML use, e.g. {@code unsignedInt}. */
    public String xmlName() {
        return xmlName;
    }

    /** The base type whose {@link #xmlName()} is {@code name} (case-sensitive), if any. */
    public static Optional<BaseType> fromXmlName(String name) {
        for (BaseType t : values()) {
            if (t.xmlName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether values are whole numbers: int, unsignedInt, long, unsignedLong. */
    public boolean isInteger() {
        return this == INT || this == UNSIGNED_INT || this == LONG || this == UNSIGNED_LONG;
    }

    /** Whether values are numbers and a {@link Range} applies: the integers and decimal. */
    public boolean isNumeric() {
        return isInteger() || this == DECIMAL;
    }

    /** Whether values are binary and length facets count decoded bytes: base64, hexBinary. */
    public boolean isBinary() {
        return this == BASE64 || this == HEX_BINARY;
    }
}

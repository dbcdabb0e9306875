package dev.demarc.core.schema;

/** Parameter access of TR-106: who may write a parameter, and when. */
public enum Access {
    READ_ONLY("readOnly"),
    READ_WRITE("readWrite"),
    /** Written when the instance is created (USP Add, factory defaults), read-only after. */
    WRITE_ONCE_READ_ONLY("writeOnceReadOnly");

    private final String xmlName;

    Access(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }
}

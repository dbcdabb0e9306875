package dev.demarc.core.usp;

/**
 * The USP Record error codes of TR-369 ("USP Record Errors", 7100-7199): carried in an Error
 * message answering a faulty record, or as the {@code reason_code} of a DisconnectRecord.
 */
public enum UspRecordError {
    RECORD_NOT_PARSED(7100),
    SECURE_SESSION_REQUIRED(7101),
    SECURE_SESSION_NOT_SUPPORTED(7102),
    SEGMENTATION_NOT_SUPPORTED(7103),
    INVALID_RECORD_VALUE(7104),
    SESSION_CONTEXT_TERMINATED(7105),
    SESSION_CONTEXT_NOT_ALLOWED(7106);

    private final int code;

    UspRecordError(int code) {
        this.code = code;
    }

    /** The numeric code carried on the wire. */
    public int code() {
        return code;
    }
}

package dev.demarc.core;

/**
 * Error codes of TR-369 (USP) section "Error Codes", used by the engine for every failure it
 * reports. The numbers are the standard's; a controller acts on them.
 */
public enum ErrorCode {
    MESSAGE_FAILED(7000),
    MESSAGE_NOT_SUPPORTED(7001),
    REQUEST_DENIED(7002),
    INTERNAL_ERROR(7003),
    INVALID_ARGUMENTS(7004),
    RESOURCES_EXCEEDED(7005),
    PERMISSION_DENIED(7006),
    INVALID_CONFIGURATION(7007),
    INVALID_PATH_SYNTAX(7008),
    PARAMETER_ACTION_FAILED(7009),
    UNSUPPORTED_PARAMETER(7010),
    INVALID_TYPE(7011),
    INVALID_VALUE(7012),
    PARAMETER_READ_ONLY(7013),
    VALUE_CONFLICT(7014),
    OPERATION_ERROR(7015),
    OBJECT_DOES_NOT_EXIST(7016),
    OBJECT_NOT_CREATED(7017),
    NOT_A_TABLE(7018),
    OBJECT_NOT_CREATABLE(7019),
    OBJECT_NOT_UPDATED(7020),
    REQUIRED_PARAMETER_FAILED(7021),
    COMMAND_FAILURE(7022),
    COMMAND_CANCELED(7023),
    DELETE_FAILURE(7024),
    DUPLICATE_UNIQUE_KEY(7025),
    INVALID_PATH(7026),
    INVALID_COMMAND_ARGUMENTS(7027);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The numeric code carried on the wire. */
    public int code() {
        return code;
    }
}

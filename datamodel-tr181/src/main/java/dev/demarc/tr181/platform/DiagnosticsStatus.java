package dev.demarc.tr181.platform;

/**
 * How an IP diagnostic ended: the values of the {@code Status} output argument of TR-181's
 * {@code IPPing()}, {@code TraceRoute()}, {@code DownloadDiagnostics()} and
 * {@code UploadDiagnostics()}. Not every command has every value; the TR-181 objects give
 * {@code Error_Other} for a value their command lacks.
 */
public enum DiagnosticsStatus {
    COMPLETE("Complete"),
    CANNOT_RESOLVE_HOST_NAME("Error_CannotResolveHostName"),
    NO_ROUTE_TO_HOST("Error_NoRouteToHost"),
    MAX_HOP_COUNT_EXCEEDED("Error_MaxHopCountExceeded"),
    INIT_CONNECTION_FAILED("Error_InitConnectionFailed"),
    NO_RESPONSE("Error_NoResponse"),
    TRANSFER_FAILED("Error_TransferFailed"),
    INCORRECT_SIZE("Error_IncorrectSize"),
    NO_TRANSFER_COMPLETE("Error_NoTransferComplete"),
    TIMEOUT("Error_Timeout"),
    INTERNAL("Error_Internal"),
    OTHER("Error_Other");

    private final String value;

    DiagnosticsStatus(String value) {
        this.value = value;
    }

    /** As TR-181 spells it, e.g. {@code Error_CannotResolveHostName}. */
    public String value() {
        return value;
    }
}

package dev.demarc.core.usp.notify;

import java.util.Optional;

/** The values of {@code Device.LocalAgent.Subscription.{i}.NotifType}. */
enum NotifType {
    VALUE_CHANGE("ValueChange"),
    OBJECT_CREATION("ObjectCreation"),
    OBJECT_DELETION("ObjectDeletion"),
    OPERATION_COMPLETE("OperationComplete"),
    EVENT("Event");

    private final String value;

    NotifType(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static Optional<NotifType> of(String value) {
        for (NotifType t : values()) {
            if (t.value.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

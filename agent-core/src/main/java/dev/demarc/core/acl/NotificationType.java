package dev.demarc.core.acl;

/**
 * The Notify types of TR-369 that a subscription may ask for, each governed by the
 * {@code n} letter of one permission string (TR-181 {@code Permission.{i}.} descriptions).
 */
public enum NotificationType {
    /** {@code Param} notify, checked on the parameter path. */
    VALUE_CHANGE,
    /** {@code Obj} notify, checked on the multi-instance object (table) path. */
    OBJECT_CREATION,
    /** {@code InstantiatedObj} notify, checked on the object instance path. */
    OBJECT_DELETION,
    /** {@code CommandEvent} notify, checked on the command path. */
    OPERATION_COMPLETE,
    /** {@code CommandEvent} notify, checked on the event path. */
    EVENT;

    /** The letter of {@code grant} that allows this type of notification. */
    public boolean allowedBy(Grant grant) {
        return switch (this) {
            case VALUE_CHANGE -> grant.param().notification();
            case OBJECT_CREATION -> grant.obj().notification();
            case OBJECT_DELETION -> grant.instantiatedObj().notification();
            case OPERATION_COMPLETE, EVENT -> grant.commandEvent().notification();
        };
    }
}

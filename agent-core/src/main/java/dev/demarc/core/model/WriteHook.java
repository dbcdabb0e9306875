package dev.demarc.core.model;

import dev.demarc.core.DmError;
import java.util.Optional;

/**
 * Lets the platform apply a change, or refuse it. The engine calls {@link #apply(Change, InstanceKeys)}
 * for each change of a transaction in order when it commits; when one refuses, or storing fails,
 * it calls {@link #revert} for the changes already applied, in reverse order, and nothing changes.
 * Called on the data model's owner thread.
 *
 * <p>A hook bound to a table the platform fills ({@link TableProvider}) may also let controllers
 * add instances to it: {@link #newRowKey} names the platform row a new instance will be, and the
 * {@link Change.InstanceAdded} brings its values. Deleting such instances needs only the hook.
 */
public interface WriteHook {

    /** Applies {@code change} to the platform; an error refuses it. */
    Optional<DmError> apply(Change change);

    /**
     * {@link #apply(Change)}, with the platform keys of the instances that written references name
     * ({@code Interface} set to {@code Device.IP.Interface.3}). What the engine calls; the default
     * ignores {@code keys}.
     */
    default Optional<DmError> apply(Change change, InstanceKeys keys) {
        return apply(change);
    }

    /**
     * For a hook of a table the platform fills: the platform key the row of the instance a
     * controller is adding at {@code instancePath} ({@code Device.NAT.PortMapping.4.}) will have
     * once {@link #apply} has made it, so that the engine keeps the instance when it reads the
     * platform's rows again. Called when the Add is made, before the transaction commits; the key
     * must not be one the table holds. Empty (the default): the platform makes no rows for
     * controllers, and an Add is refused with 7019.
     */
    default Optional<String> newRowKey(String instancePath) {
        return Optional.empty();
    }

    /** Undoes a change this hook applied, because a later one in the same transaction failed. */
    void revert(Change change);
}

package dev.demarc.core.acl;

import dev.demarc.core.acl.TargetTree.State;
import java.util.Objects;

/**
 * The permissions at one object and at its own parameters, commands and events, from
 * {@link AccessPolicy#object}: the object's path is walked once, and each member costs one
 * cached step (none at all when no target reaches below the object). For a Get that returns
 * thousands of parameters, object by object.
 *
 * <p>Thread-safe like its policy; a member check never evaluates a search expression.
 */
public final class ObjectAccess {

    private final AccessPolicy policy;
    private final State object;

    ObjectAccess(AccessPolicy policy, State object) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.object = Objects.requireNonNull(object, "object");
    }

    /** The permissions at the object itself. */
    public Grant grant() {
        return object.grant;
    }

    /**
     * The permissions at a member of the object: a parameter ({@code Enable}), a command
     * ({@code Reset} or {@code Reset()}) or an event ({@code Boot} or {@code Boot!}). A name that
     * is not a name gets {@link Grant#NONE}.
     */
    public Grant member(String name) {
        if (name == null) {
            return Grant.NONE;
        }
        return policy.stepMember(object, name).grant;
    }

    /** {@code Obj} read at the object. */
    public boolean canReadObject() {
        return object.grant.obj().read();
    }

    /** {@code Param} read at parameter {@code name} of the object. */
    public boolean canReadParameter(String name) {
        return member(name).param().read();
    }

    /** {@code Param} write at parameter {@code name} of the object. */
    public boolean canWriteParameter(String name) {
        return member(name).param().write();
    }

    /** {@code CommandEvent} execute at command {@code name} of the object. */
    public boolean canOperate(String name) {
        return member(name).commandEvent().execute();
    }
}

package dev.demarc.core.acl;

import java.util.Objects;

/**
 * What a controller may do at one path: the four permission strings of TR-181
 * {@code ControllerTrust.Role.{i}.Permission.{i}.} that apply there, after choosing, in each of
 * the controller's roles, the permission with the highest {@code Order} whose {@code Targets}
 * cover the path, and taking the union over the roles.
 *
 * <p>Which of the four counts depends on what the path names (TR-181 descriptions):
 * <ul>
 *   <li>{@code param} for a parameter: {@code r} Get its value and GetSupportedDM its
 *       meta-information, {@code w} Set or Add it, {@code n} ValueChange notifications;</li>
 *   <li>{@code obj} for an object (supported-model meaning): {@code r} Get resolves the object
 *       path and GetSupportedDM shows it, {@code w} Add an instance to a multi-instance object,
 *       {@code n} ObjectCreation notifications;</li>
 *   <li>{@code instantiatedObj} for an object instance: {@code r} GetInstances lists it with its
 *       unique keys, {@code w} Delete it, {@code n} ObjectDeletion notifications;</li>
 *   <li>{@code commandEvent} for a command or event: {@code r} GetSupportedDM shows it with its
 *       arguments, {@code x} Operate the command, {@code n} OperationComplete (command) or Event
 *       (event) notifications.</li>
 * </ul>
 * The letters the descriptions say grant nothing ({@code x} of the first three, {@code w} of
 * {@code commandEvent}) are kept as given; no check reads them.
 */
public record Grant(Flags param, Flags obj, Flags instantiatedObj, Flags commandEvent) {

    /** Nothing granted: what a path no permission covers gets. */
    public static final Grant NONE = new Grant(Flags.NONE, Flags.NONE, Flags.NONE, Flags.NONE);

    /** Everything granted. */
    public static final Grant ALL = new Grant(Flags.ALL, Flags.ALL, Flags.ALL, Flags.ALL);

    public Grant {
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(obj, "obj");
        Objects.requireNonNull(instantiatedObj, "instantiatedObj");
        Objects.requireNonNull(commandEvent, "commandEvent");
    }

    /** What either grants: how the roles of one controller combine. */
    public Grant union(Grant other) {
        return new Grant(param.union(other.param), obj.union(other.obj),
                instantiatedObj.union(other.instantiatedObj), commandEvent.union(other.commandEvent));
    }

    /** What both grant. */
    public Grant intersect(Grant other) {
        return new Grant(param.intersect(other.param), obj.intersect(other.obj),
                instantiatedObj.intersect(other.instantiatedObj), commandEvent.intersect(other.commandEvent));
    }

    /** {@code Param=r--n Obj=r--- InstantiatedObj=r--- CommandEvent=r-x-}. */
    @Override
    public String toString() {
        return "Param=" + param + " Obj=" + obj + " InstantiatedObj=" + instantiatedObj
                + " CommandEvent=" + commandEvent;
    }
}

package dev.demarc.core.acl;

import java.util.List;
import java.util.Objects;

/**
 * One enabled entry of TR-181 {@code Device.LocalAgent.ControllerTrust.Role.{i}.Permission.{i}.}.
 *
 * @param order           {@code Order}: among the permissions of one role whose targets cover a
 *                        path, the one with the largest order applies (0 is the lowest;
 *                        an unsignedInt, so 0 to 4294967295)
 * @param targets         {@code Targets}: the paths the permission applies to, as written; see
 *                        {@link AccessPolicy} for what each form covers. A target that cannot be
 *                        parsed is kept here and handled by the policy so that it grants nothing
 * @param param           {@code Param}
 * @param obj             {@code Obj}
 * @param instantiatedObj {@code InstantiatedObj}
 * @param commandEvent    {@code CommandEvent}
 */
public record Permission(long order, List<String> targets, Flags param, Flags obj, Flags instantiatedObj,
                         Flags commandEvent) {

    /** The largest {@code Order} (TR-181 unsignedInt). */
    public static final long MAX_ORDER = 0xFFFF_FFFFL;

    public Permission {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("Order is an unsignedInt (0.." + MAX_ORDER + "): " + order);
        }
        targets = List.copyOf(targets);
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(obj, "obj");
        Objects.requireNonNull(instantiatedObj, "instantiatedObj");
        Objects.requireNonNull(commandEvent, "commandEvent");
    }

    /** A permission giving the same four strings to every target. */
    public static Permission of(long order, List<String> targets, Grant grant) {
        return new Permission(order, targets, grant.param(), grant.obj(), grant.instantiatedObj(),
                grant.commandEvent());
    }

    /** The four permission strings together. */
    public Grant grant() {
        return new Grant(param, obj, instantiatedObj, commandEvent);
    }
}

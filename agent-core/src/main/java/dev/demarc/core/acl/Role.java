package dev.demarc.core.acl;

import java.util.List;
import java.util.Objects;

/**
 * One enabled entry of TR-181 {@code Device.LocalAgent.ControllerTrust.Role.{i}.}: its
 * {@code Name} and its enabled permissions, in any order ({@link Permission#order()} decides).
 */
public record Role(String name, List<Permission> permissions) {

    public Role {
        Objects.requireNonNull(name, "name");
        permissions = List.copyOf(permissions);
    }
}

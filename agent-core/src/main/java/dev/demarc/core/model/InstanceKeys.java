package dev.demarc.core.model;

import java.util.Optional;

/**
 * The platform keys of the instances of platform-backed tables, as a {@link WriteHook} needs them
 * to apply a reference a controller wrote: {@code Device.NAT.PortMapping.2.Interface} set to
 * {@code Device.IP.Interface.3} reaches the platform as the key of that interface ({@code wan}),
 * which only the engine can tell from the instance number. Given by the engine to
 * {@link WriteHook#apply(Change, InstanceKeys)}; called on the data model's owner thread, during
 * that call only.
 */
@FunctionalInterface
public interface InstanceKeys {

    /** Knows no instance: for hooks applied outside a data model (tests, tools). */
    InstanceKeys NONE = path -> Optional.empty();

    /**
     * The instance at {@code instancePath} ({@code Device.IP.Interface.3}, with or without the
     * final dot) as a reference by key; empty when the path names no instance of a table the
     * platform fills (an engine-stored instance, a single object, nothing).
     */
    Optional<KeyReference> of(String instancePath);
}

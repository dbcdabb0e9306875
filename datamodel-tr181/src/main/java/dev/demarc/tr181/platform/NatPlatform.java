package dev.demarc.tr181.platform;

import dev.demarc.core.DmError;
import java.util.List;
import java.util.Optional;

/**
 * The device's port forwards ({@code Device.NAT.PortMapping.{i}.}). Threads and writes as for
 * {@link LanPlatform}: {@link #portMappings} answers from memory on the owner thread; the writes
 * change it at once and are applied on the platform's threads right after.
 */
public interface NatPlatform {

    /** The most port mappings a platform lists. */
    int MAX_PORT_MAPPINGS = 1024;

    /** The current port mappings, keys unique. */
    List<PortMapping> portMappings();

    /** Calls {@code onChange} each time the port mappings change. */
    void watch(Runnable onChange);

    default NatWrites writes() {
        return NatWrites.NONE;
    }

    /** Adds a mapping (a new key) or replaces the one with its key. */
    default Optional<DmError> putPortMapping(PortMapping mapping) {
        return LanPlatform.unsupported();
    }

    /** Removes the mapping with this key. */
    default Optional<DmError> deletePortMapping(String key) {
        return LanPlatform.unsupported();
    }

    /** A key for a mapping a controller adds, unused by any mapping and by any key given before. */
    default Optional<String> newPortMappingKey() {
        return Optional.empty();
    }

    /** No port forwarding: an empty table, no writes. */
    static NatPlatform none() {
        return new NatPlatform() {
            @Override
            public List<PortMapping> portMappings() {
                return List.of();
            }

            @Override
            public void watch(Runnable onChange) {
            }
        };
    }
}

package dev.demarc.tr181.platform;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which port-mapping writes a platform applies; the TR-181 model declares the others read-only
 * on it.
 *
 * @param fields          the port-mapping parameters it writes
 * @param addDelete       whether controllers may add and delete port mappings
 */
public record NatWrites(Set<PortMapping.Field> fields, boolean addDelete) {

    public static final NatWrites NONE = new NatWrites(Set.of(), false);
    public static final NatWrites ALL = new NatWrites(EnumSet.allOf(PortMapping.Field.class), true);

    public NatWrites {
        fields = Set.copyOf(fields);
    }
}

package dev.demarc.tr181.platform;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which LAN writes a platform applies; the TR-181 model declares the others read-only on it.
 *
 * @param dhcpServerEnable {@code Device.DHCPv4.Server.Enable}
 * @param poolFields       the pool parameters it writes
 * @param addDeletePools   whether controllers may add and delete pools
 */
public record LanWrites(boolean dhcpServerEnable, Set<DhcpPool.Field> poolFields, boolean addDeletePools) {

    /** Nothing is written. */
    public static final LanWrites NONE = new LanWrites(false, Set.of(), false);
    /** Everything is: the full model, a simulated device. */
    public static final LanWrites ALL = new LanWrites(true, EnumSet.allOf(DhcpPool.Field.class), true);

    public LanWrites {
        poolFields = Set.copyOf(poolFields);
    }
}

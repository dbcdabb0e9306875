package dev.demarc.tr181.platform;

import java.util.Locale;

/**
 * The operational state of a link or IP interface, as RFC 2863 ({@code ifOperStatus}) and the
 * Linux kernel's {@code operstate} name them.
 */
public enum OperState {
    UP,
    DOWN,
    DORMANT,
    NOT_PRESENT,
    LOWER_LAYER_DOWN,
    TESTING,
    UNKNOWN;

    /**
     * The state the kernel names ({@code up}, {@code down}, {@code dormant}, {@code notpresent},
     * {@code lowerlayerdown}, {@code testing}, {@code unknown}, any case); anything else is
     * {@link #UNKNOWN}.
     */
    public static OperState fromKernel(String operstate) {
        if (operstate == null) {
            return UNKNOWN;
        }
        return switch (operstate.strip().toLowerCase(Locale.ROOT)) {
            case "up" -> UP;
            case "down" -> DOWN;
            case "dormant" -> DORMANT;
            case "notpresent" -> NOT_PRESENT;
            case "lowerlayerdown" -> LOWER_LAYER_DOWN;
            case "testing" -> TESTING;
            default -> UNKNOWN;
        };
    }
}

package dev.demarc.tr181.platform;

/**
 * Which network writes a platform applies, so that the served schema declares the others
 * read-only.
 *
 * @param linkEnable        a link's {@code Enable} (Ethernet interface, link, bridge, bridge port)
 * @param ipInterfaceEnable an IP interface's {@code Enable}
 * @param ipInterfaceReset  {@code IP.Interface.{i}.Reset()}: tearing an IP interface down and up
 */
public record NetworkCapabilities(boolean linkEnable, boolean ipInterfaceEnable, boolean ipInterfaceReset) {

    /** Nothing can be written. */
    public static final NetworkCapabilities NONE = new NetworkCapabilities(false, false, false);
    /** Every network write Demarc supports. */
    public static final NetworkCapabilities ALL = new NetworkCapabilities(true, true, true);
}

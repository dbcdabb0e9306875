package dev.demarc.tr181.platform;

/**
 * A port forward from the WAN to a LAN host ({@code Device.NAT.PortMapping.{i}.}): an OpenWrt
 * firewall {@code redirect}. Immutable; a write gives a whole new mapping
 * ({@link NatPlatform#putPortMapping}).
 *
 * @param key                  the platform's name for it (the uci section on OpenWrt)
 * @param enable               whether it forwards
 * @param ipInterface          the key of the IP interface it listens on, empty for none
 * @param allInterfaces        whether it listens on every WAN interface
 * @param leaseDuration        seconds it lasts, 0 for ever (static mappings)
 * @param remoteHost           the only source it forwards from (IPv4 or IPv6), empty for any
 * @param externalPort         the port it listens on, 0 for any
 * @param externalPortEndRange the last port of a listening range, 0 for a single port
 * @param internalPort         the port of the LAN host it forwards to, 0 for the same as the external one
 * @param protocol             TCP or UDP
 * @param internalClient       the LAN host it forwards to (address or name, at most 256 characters)
 * @param description          what it is for (at most 256 characters)
 */
public record PortMapping(String key, boolean enable, String ipInterface, boolean allInterfaces,
                          long leaseDuration, String remoteHost, int externalPort, int externalPortEndRange,
                          int internalPort, Protocol protocol, String internalClient, String description) {

    /** The transport a mapping forwards. */
    public enum Protocol { TCP, UDP }

    /** What a platform may be able to write: one per writable TR-181 parameter. */
    public enum Field {
        ENABLE, INTERFACE, ALL_INTERFACES, LEASE_DURATION, REMOTE_HOST, EXTERNAL_PORT, EXTERNAL_PORT_END_RANGE,
        INTERNAL_PORT, PROTOCOL, INTERNAL_CLIENT, DESCRIPTION
    }

    public PortMapping {
        Checks.key("key", key);
        Checks.text("ipInterface", ipInterface, 256);
        if (leaseDuration < 0 || leaseDuration > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("leaseDuration must be an unsignedInt");
        }
        Checks.text("remoteHost", remoteHost, 45);
        if (!remoteHost.isEmpty() && !dev.demarc.core.schema.DataTypes.IP_ADDRESS.isValid(remoteHost)) {
            throw new IllegalArgumentException("remoteHost is not an IP address: " + remoteHost);
        }
        port("externalPort", externalPort);
        port("externalPortEndRange", externalPortEndRange);
        port("internalPort", internalPort);
        java.util.Objects.requireNonNull(protocol, "protocol");
        Checks.text("internalClient", internalClient, 256);
        Checks.text("description", description, 256);
    }

    /** A mapping with this key that forwards nothing yet: disabled, TCP, every value empty or 0. */
    public static Builder builder(String key) {
        return new Builder(new PortMapping(key, false, "", false, 0, "", 0, 0, 0, Protocol.TCP, "", ""));
    }

    /** A builder starting from this mapping. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Makes a changed copy; {@link #build} checks it. Not thread-safe. */
    public static final class Builder {
        private String key;
        private boolean enable;
        private String ipInterface;
        private boolean allInterfaces;
        private long leaseDuration;
        private String remoteHost;
        private int externalPort;
        private int externalPortEndRange;
        private int internalPort;
        private Protocol protocol;
        private String internalClient;
        private String description;

        private Builder(PortMapping m) {
            key = m.key;
            enable = m.enable;
            ipInterface = m.ipInterface;
            allInterfaces = m.allInterfaces;
            leaseDuration = m.leaseDuration;
            remoteHost = m.remoteHost;
            externalPort = m.externalPort;
            externalPortEndRange = m.externalPortEndRange;
            internalPort = m.internalPort;
            protocol = m.protocol;
            internalClient = m.internalClient;
            description = m.description;
        }

        public Builder key(String v) {
            key = v;
            return this;
        }

        public Builder enable(boolean v) {
            enable = v;
            return this;
        }

        public Builder ipInterface(String v) {
            ipInterface = v;
            return this;
        }

        public Builder allInterfaces(boolean v) {
            allInterfaces = v;
            return this;
        }

        public Builder leaseDuration(long v) {
            leaseDuration = v;
            return this;
        }

        public Builder remoteHost(String v) {
            remoteHost = v;
            return this;
        }

        public Builder externalPort(int v) {
            externalPort = v;
            return this;
        }

        public Builder externalPortEndRange(int v) {
            externalPortEndRange = v;
            return this;
        }

        public Builder internalPort(int v) {
            internalPort = v;
            return this;
        }

        public Builder protocol(Protocol v) {
            protocol = v;
            return this;
        }

        public Builder internalClient(String v) {
            internalClient = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        /** The mapping; an invalid value is an {@link IllegalArgumentException}. */
        public PortMapping build() {
            return new PortMapping(key, enable, ipInterface, allInterfaces, leaseDuration, remoteHost, externalPort,
                    externalPortEndRange, internalPort, protocol, internalClient, description);
        }
    }

    private static void port(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0..65535");
        }
    }
}

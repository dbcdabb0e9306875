package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PPP interface (PPPoE for a WAN) as the platform last read it. The password is not part of
 * it: the platform writes it and never reads it back.
 *
 * @param key           the interface's key: the OpenWrt logical interface ({@code wan}) or the
 *                      Linux network device ({@code ppp0})
 * @param name          the network device it has or will have ({@code pppoe-wan}, {@code ppp0})
 * @param lowerLayer    the Ethernet link it runs over, by its key (network device name,
 *                      {@code eth1}); empty when not known
 * @param enabled       whether it is configured to connect
 * @param status        its operational state
 * @param connection    where the PPP session is
 * @param username      the user name it authenticates with; empty when not known
 * @param sessionId     the PPPoE session (1 to 65535); 0 when there is none
 * @param localAddress  the IPCP local IPv4 address; empty when not connected
 * @param remoteAddress the IPCP remote IPv4 address; empty when not connected
 * @param dnsServers    the DNS servers IPCP gave
 * @param lastChange    when {@code status} last changed; empty when not known
 * @param stats         its counters; empty when the device does not exist
 */
public record PppInterfaceState(String key, String name, String lowerLayer, boolean enabled, Status status,
                                ConnectionStatus connection, String username, long sessionId,
                                String localAddress, String remoteAddress, List<String> dnsServers,
                                Optional<Instant> lastChange, Optional<PppStats> stats) {

    /** The longest user name (the standard's string(64)). */
    public static final int MAX_USERNAME = 64;

    /** {@code Device.PPP.Interface.{i}.Status}: the interface's operational state. */
    public enum Status {
        UP("Up"), DOWN("Down"), UNKNOWN("Unknown"), DORMANT("Dormant"), NOT_PRESENT("NotPresent"),
        LOWER_LAYER_DOWN("LowerLayerDown"), ERROR("Error");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** The standard's name of the value. */
        public String text() {
            return text;
        }
    }

    /** {@code Device.PPP.Interface.{i}.ConnectionStatus}. */
    public enum ConnectionStatus {
        UNCONFIGURED("Unconfigured"), CONNECTING("Connecting"), AUTHENTICATING("Authenticating"),
        CONNECTED("Connected"), PENDING_DISCONNECT("PendingDisconnect"), DISCONNECTING("Disconnecting"),
        DISCONNECTED("Disconnected");

        private final String text;

        ConnectionStatus(String text) {
            this.text = text;
        }

        /** The standard's name of the value. */
        public String text() {
            return text;
        }
    }

    /** Counters of the PPP device, as {@code /sys/class/net/<dev>/statistics} has them. */
    public record PppStats(long bytesSent, long bytesReceived, long packetsSent, long packetsReceived,
                           long errorsSent, long errorsReceived, long discardPacketsSent,
                           long discardPacketsReceived) {
        public PppStats {
            if (bytesSent < 0 || bytesReceived < 0 || packetsSent < 0 || packetsReceived < 0 || errorsSent < 0
                    || errorsReceived < 0 || discardPacketsSent < 0 || discardPacketsReceived < 0) {
                throw new IllegalArgumentException("a counter is not negative");
            }
        }

        // equals and hashCode by hand: the generated ones go through method handles that the JVM
        // compiles into classes of their own, which the class data sharing archive cannot hold.
        @Override
        public boolean equals(Object other) {
            return other instanceof PppStats o
                    && bytesSent == o.bytesSent
                    && bytesReceived == o.bytesReceived
                    && packetsSent == o.packetsSent
                    && packetsReceived == o.packetsReceived
                    && errorsSent == o.errorsSent
                    && errorsReceived == o.errorsReceived
                    && discardPacketsSent == o.discardPacketsSent
                    && discardPacketsReceived == o.discardPacketsReceived;
        }

        @Override
        public int hashCode() {
            return Objects.hash(bytesSent, bytesReceived, packetsSent, packetsReceived, errorsSent, errorsReceived,
                    discardPacketsSent, discardPacketsReceived);
        }
    }

    public PppInterfaceState {
        WanValues.key("key", key);
        WanValues.bounded("name", name, 64);
        WanValues.bounded("lowerLayer", lowerLayer, WanValues.MAX_NAME);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(connection, "connection");
        WanValues.bounded("username", username, MAX_USERNAME);
        if (sessionId < 0 || sessionId > 0xFFFF) {
            throw new IllegalArgumentException("sessionId: not a PPPoE session: " + sessionId);
        }
        WanValues.ipv4OrEmpty("localAddress", localAddress);
        WanValues.ipv4OrEmpty("remoteAddress", remoteAddress);
        dnsServers = WanValues.ipv4List("dnsServers", dnsServers);
        Objects.requireNonNull(lastChange, "lastChange");
        Objects.requireNonNull(stats, "stats");
    }

    /** This interface without its counters: what a change of state is compared on. */
    public PppInterfaceState withoutStats() {
        return stats.isEmpty() ? this : new PppInterfaceState(key, name, lowerLayer, enabled, status, connection,
                username, sessionId, localAddress, remoteAddress, dnsServers, lastChange, Optional.empty());
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof PppInterfaceState o
                && Objects.equals(key, o.key)
                && Objects.equals(name, o.name)
                && Objects.equals(lowerLayer, o.lowerLayer)
                && enabled == o.enabled
                && Objects.equals(status, o.status)
                && Objects.equals(connection, o.connection)
                && Objects.equals(username, o.username)
                && sessionId == o.sessionId
                && Objects.equals(localAddress, o.localAddress)
                && Objects.equals(remoteAddress, o.remoteAddress)
                && Objects.equals(dnsServers, o.dnsServers)
                && Objects.equals(lastChange, o.lastChange)
                && Objects.equals(stats, o.stats);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, name, lowerLayer, enabled, status, connection, username, sessionId, localAddress,
                remoteAddress, dnsServers, lastChange, stats);
    }
}

package dev.demarc.tr181.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DHCPv4 client of one IP interface and the lease it holds, as the platform last read it.
 *
 * @param interfaceKey the IP interface the client runs on, by its key: the OpenWrt logical
 *                     interface ({@code wan}) or the Linux network device ({@code enp1s0})
 * @param enabled      whether the client is configured to run
 * @param status       whether it runs
 * @param dhcpStatus   where it is in the DHCP exchange
 * @param ipAddress    the leased address; empty without a lease
 * @param subnetMask   the lease's subnet mask, dotted-decimal; empty without a lease
 * @param routers      the routers (option 3) the lease gives
 * @param dnsServers   the DNS servers (option 6) the lease gives
 * @param dhcpServer   the server that gave the lease (option 54); empty when not known
 * @param leaseExpires when the lease ends; {@link Instant#MAX} for an infinite lease; empty
 *                     when not known (or no lease)
 */
public record DhcpV4ClientState(String interfaceKey, boolean enabled, Status status, DhcpStatus dhcpStatus,
                                String ipAddress, String subnetMask, List<String> routers,
                                List<String> dnsServers, String dhcpServer, Optional<Instant> leaseExpires) {

    /** {@code Device.DHCPv4.Client.{i}.Status}. */
    public enum Status {
        DISABLED("Disabled"), ENABLED("Enabled"), ERROR_MISCONFIGURED("Error_Misconfigured"), ERROR("Error");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** The standard's name of the value. */
        public String text() {
            return text;
        }
    }

    /** {@code Device.DHCPv4.Client.{i}.DHCPStatus}: the client's state (RFC 2131, 4.4). */
    public enum DhcpStatus {
        INIT("Init"), SELECTING("Selecting"), REQUESTING("Requesting"), REBINDING("Rebinding"),
        BOUND("Bound"), RENEWING("Renewing");

        private final String text;

        DhcpStatus(String text) {
            this.text = text;
        }

        /** The standard's name of the value. */
        public String text() {
            return text;
        }
    }

    public DhcpV4ClientState {
        WanValues.key("interfaceKey", interfaceKey);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dhcpStatus, "dhcpStatus");
        WanValues.ipv4OrEmpty("ipAddress", ipAddress);
        WanValues.ipv4OrEmpty("subnetMask", subnetMask);
        routers = WanValues.ipv4List("routers", routers);
        dnsServers = WanValues.ipv4List("dnsServers", dnsServers);
        WanValues.ipv4OrEmpty("dhcpServer", dhcpServer);
        Objects.requireNonNull(leaseExpires, "leaseExpires");
    }

    /** The seconds of lease left at {@code now}: -1 for an infinite lease, 0 once it ended; empty when not known. */
    public Optional<Long> leaseSecondsRemaining(Instant now) {
        if (leaseExpires.isEmpty()) {
            return Optional.empty();
        }
        if (leaseExpires.get().equals(Instant.MAX)) {
            return Optional.of(-1L);
        }
        long left = leaseExpires.get().getEpochSecond() - now.getEpochSecond();
        return Optional.of(Math.max(0, left));
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpV4ClientState o
                && Objects.equals(interfaceKey, o.interfaceKey)
                && enabled == o.enabled
                && Objects.equals(status, o.status)
                && Objects.equals(dhcpStatus, o.dhcpStatus)
                && Objects.equals(ipAddress, o.ipAddress)
                && Objects.equals(subnetMask, o.subnetMask)
                && Objects.equals(routers, o.routers)
                && Objects.equals(dnsServers, o.dnsServers)
                && Objects.equals(dhcpServer, o.dhcpServer)
                && Objects.equals(leaseExpires, o.leaseExpires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(interfaceKey, enabled, status, dhcpStatus, ipAddress, subnetMask, routers, dnsServers,
                dhcpServer, leaseExpires);
    }
}

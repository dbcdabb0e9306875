package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;

/**
 * A DHCPv4 server pool: the addresses the server hands out on one interface and the options it
 * gives with them ({@code Device.DHCPv4.Server.Pool.{i}.}). Immutable; a write gives a whole new
 * pool ({@link LanPlatform#putPool}).
 *
 * @param key         the platform's name for it: the uci section on OpenWrt ({@code lan}), the
 *                    {@code dhcp-range} on Linux ({@code range1})
 * @param enable      whether it hands out addresses
 * @param order       its position among the pools, from 1
 * @param ipInterface the key of the IP interface it serves, empty when not known
 * @param minAddress  first address of the range (dotted IPv4)
 * @param maxAddress  last address of the range
 * @param subnetMask  the subnet mask given to clients, empty when not known
 * @param dnsServers  DNS servers given to clients (at most {@link #MAX_SERVERS})
 * @param domainName  domain name given to clients (at most 64 characters)
 * @param ipRouters   default routers given to clients (at most {@link #MAX_SERVERS})
 * @param leaseTime   lease time in seconds, -1 for infinite
 */
public record DhcpPool(String key, boolean enable, int order, String ipInterface, String minAddress,
                       String maxAddress, String subnetMask, List<String> dnsServers, String domainName,
                       List<String> ipRouters, long leaseTime) {

    /** The most DNS servers or routers a pool lists. */
    public static final int MAX_SERVERS = 8;

    /** What a platform may be able to write: one per writable TR-181 parameter. */
    public enum Field {
        ENABLE, ORDER, INTERFACE, MIN_ADDRESS, MAX_ADDRESS, SUBNET_MASK, DNS_SERVERS, DOMAIN_NAME, IP_ROUTERS,
        LEASE_TIME
    }

    /** A disabled pool with this key and order, nothing else set; lease time one day (the standard's default). */
    public static Builder builder(String key, int order) {
        return new Builder(new DhcpPool(key, false, order, "", "", "", "", List.of(), "", List.of(), 86400));
    }

    /** A builder starting from this pool. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Makes a changed copy; {@link #build} checks it. Not thread-safe. */
    public static final class Builder {
        private String key;
        private boolean enable;
        private int order;
        private String ipInterface;
        private String minAddress;
        private String maxAddress;
        private String subnetMask;
        private List<String> dnsServers;
        private String domainName;
        private List<String> ipRouters;
        private long leaseTime;

        private Builder(DhcpPool p) {
            key = p.key;
            enable = p.enable;
            order = p.order;
            ipInterface = p.ipInterface;
            minAddress = p.minAddress;
            maxAddress = p.maxAddress;
            subnetMask = p.subnetMask;
            dnsServers = p.dnsServers;
            domainName = p.domainName;
            ipRouters = p.ipRouters;
            leaseTime = p.leaseTime;
        }

        public Builder key(String v) {
            key = v;
            return this;
        }

        public Builder enable(boolean v) {
            enable = v;
            return this;
        }

        public Builder order(int v) {
            order = v;
            return this;
        }

        public Builder ipInterface(String v) {
            ipInterface = v;
            return this;
        }

        public Builder minAddress(String v) {
            minAddress = v;
            return this;
        }

        public Builder maxAddress(String v) {
            maxAddress = v;
            return this;
        }

        public Builder subnetMask(String v) {
            subnetMask = v;
            return this;
        }

        public Builder dnsServers(List<String> v) {
            dnsServers = v;
            return this;
        }

        public Builder domainName(String v) {
            domainName = v;
            return this;
        }

        public Builder ipRouters(List<String> v) {
            ipRouters = v;
            return this;
        }

        public Builder leaseTime(long v) {
            leaseTime = v;
            return this;
        }

        /** The pool; an invalid value is an {@link IllegalArgumentException}. */
        public DhcpPool build() {
            return new DhcpPool(key, enable, order, ipInterface, minAddress, maxAddress, subnetMask, dnsServers, domainName, ipRouters, leaseTime);
        }
    }

    public DhcpPool {
        Checks.key("key", key);
        if (order < 1) {
            throw new IllegalArgumentException("order starts at 1");
        }
        Checks.text("ipInterface", ipInterface, 256);
        Checks.ipv4("minAddress", minAddress, true);
        Checks.ipv4("maxAddress", maxAddress, true);
        Checks.ipv4("subnetMask", subnetMask, true);
        dnsServers = Checks.list("dnsServers", dnsServers, MAX_SERVERS, a -> Checks.ipv4("DNS server", a, false));
        Checks.text("domainName", domainName, 64);
        ipRouters = Checks.list("ipRouters", ipRouters, MAX_SERVERS, a -> Checks.ipv4("router", a, false));
        if (leaseTime < -1 || leaseTime > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("leaseTime must be -1 (infinite) or 0.." + Integer.MAX_VALUE);
        }
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpPool o
                && Objects.equals(key, o.key)
                && enable == o.enable
                && order == o.order
                && Objects.equals(ipInterface, o.ipInterface)
                && Objects.equals(minAddress, o.minAddress)
                && Objects.equals(maxAddress, o.maxAddress)
                && Objects.equals(subnetMask, o.subnetMask)
                && Objects.equals(dnsServers, o.dnsServers)
                && Objects.equals(domainName, o.domainName)
                && Objects.equals(ipRouters, o.ipRouters)
                && leaseTime == o.leaseTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, enable, order, ipInterface, minAddress, maxAddress, subnetMask, dnsServers, domainName,
                ipRouters, leaseTime);
    }
}

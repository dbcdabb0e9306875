package dev.demarc.tr181.platform;

import java.util.Objects;

/**
 * A DNS server the device's resolver uses.
 *
 * @param address      its address, IPv4 or IPv6 (without zone)
 * @param interfaceKey the IP interface it was learned on, by its key; empty when not known
 * @param type         how it was learned
 */
public record DnsServerState(String address, String interfaceKey, Type type) {

    /** {@code Device.DNS.Client.Server.{i}.Type}. */
    public enum Type {
        DHCPV4("DHCPv4"), DHCPV6("DHCPv6"), ROUTER_ADVERTISEMENT("RouterAdvertisement"), IPCP("IPCP"),
        STATIC("Static");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        /** The standard's name of the value. */
        public String text() {
            return text;
        }
    }

    public DnsServerState {
        WanValues.ipOrEmpty("address", address);
        if (address.isEmpty()) {
            throw new IllegalArgumentException("address is empty");
        }
        WanValues.bounded("interfaceKey", interfaceKey, WanValues.MAX_NAME);
        Objects.requireNonNull(type, "type");
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof DnsServerState o
                && Objects.equals(address, o.address)
                && Objects.equals(interfaceKey, o.interfaceKey)
                && Objects.equals(type, o.type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, interfaceKey, type);
    }
}

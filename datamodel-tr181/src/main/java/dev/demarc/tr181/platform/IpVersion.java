package dev.demarc.tr181.platform;

import java.util.Optional;

/** The IP version a diagnostic uses: TR-181's {@code ProtocolVersion} of the IP diagnostics. */
public enum IpVersion {
    /** Whichever the system prefers for the host. */
    ANY("Any"),
    IPV4("IPv4"),
    IPV6("IPv6");

    private final String value;

    IpVersion(String value) {
        this.value = value;
    }

    /** As TR-181 spells it, e.g. {@code IPv4}. */
    public String value() {
        return value;
    }

    /** The version TR-181 spells {@code value}; empty for anything else. */
    public static Optional<IpVersion> of(String value) {
        for (IpVersion v : values()) {
            if (v.value.equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}

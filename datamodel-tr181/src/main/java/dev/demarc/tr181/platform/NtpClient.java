package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;

/**
 * An NTP client of the device ({@code Device.Time.Client.{i}.}): OpenWrt's sysntpd, systemd-timesyncd,
 * chrony. Immutable; a write gives a whole new client ({@link TimePlatform#putClient}).
 *
 * @param key     the platform's name for it ({@code ntp} on OpenWrt, {@code timesyncd} on Linux)
 * @param enable  whether it runs
 * @param status  whether it has synchronized the clock
 * @param servers the servers it asks, names or addresses (at most {@link #MAX_SERVERS}, each at most 256 characters)
 */
public record NtpClient(String key, boolean enable, NtpStatus status, List<String> servers) {

    /** The most servers one client lists. */
    public static final int MAX_SERVERS = 16;

    /** Whether a client, or the time service as a whole, keeps the clock right. */
    public enum NtpStatus {
        DISABLED("Disabled"), UNSYNCHRONIZED("Unsynchronized"), SYNCHRONIZED("Synchronized"),
        ERROR_FAILED_TO_SYNCHRONIZE("Error_FailedToSynchronize"), ERROR("Error");

        private final String standardName;

        NtpStatus(String standardName) {
            this.standardName = standardName;
        }

        /** The value as TR-181 spells it in {@code Time.Client.{i}.Status}. */
        public String standardName() {
            return standardName;
        }
    }

    public NtpClient {
        Checks.key("key", key);
        Objects.requireNonNull(status, "status");
        servers = Checks.list("servers", servers, MAX_SERVERS, s -> {
            Checks.text("server", s, 256);
            if (s.isBlank() || s.contains(",")) {
                throw new IllegalArgumentException("not a server name: '" + s + "'");
            }
            return s;
        });
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof NtpClient o
                && Objects.equals(key, o.key)
                && enable == o.enable
                && Objects.equals(status, o.status)
                && Objects.equals(servers, o.servers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, enable, status, servers);
    }
}

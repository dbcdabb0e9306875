package dev.demarc.tr181.platform;

import java.util.Objects;
import java.util.Optional;

/**
 * One SSID, i.e. one Wi-Fi network interface, as the platform sees it
 * ({@code Device.WiFi.SSID.{i}.}). Its {@link #name} is its key: the netdev name
 * ({@code phy0-ap0}, {@code wlan0}), which other areas (bridge ports) reference it by.
 * Immutable.
 *
 * @param name       the netdev name: the key and TR-181 {@code Name}
 * @param radio      the {@link WiFiRadio#name} of the radio it runs on ({@code LowerLayers})
 * @param enabled    {@code Enable}: the interface is configured on
 * @param status     {@code Status}, one of {@link WiFiRadio#STATUSES}
 * @param ssid       {@code SSID}: the network name, at most 32 bytes in UTF-8; empty when not known
 * @param bssid      {@code BSSID}, lower case; empty when not known (interface down)
 * @param macAddress {@code MACAddress}, lower case; empty when not known
 * @param stats      {@code Stats.}: the interface's counters, when the platform reads them
 */
public record WiFiSsid(String name, String radio, boolean enabled, String status, String ssid, String bssid,
                       String macAddress, Optional<Stats> stats) {

    /** The longest netdev name the platform may give (Linux allows 15; TR-181 {@code Name} is string(64)). */
    public static final int MAX_NAME = 64;
    /** The longest SSID in characters ({@code SSID} is string(32)). */
    public static final int MAX_SSID = 32;

    public WiFiSsid {
        WiFiChecks.key("name", name, MAX_NAME);
        WiFiChecks.key("radio", radio, WiFiRadio.MAX_NAME);
        WiFiChecks.oneOf("status", status, WiFiRadio.STATUSES);
        WiFiChecks.text("ssid", ssid, MAX_SSID);
        bssid = WiFiChecks.macOrEmpty("bssid", bssid);
        macAddress = WiFiChecks.macOrEmpty("macAddress", macAddress);
        Objects.requireNonNull(stats, "stats");
    }

    /**
     * The counters of {@code Device.WiFi.SSID.{i}.Stats.}, as the interface counts them (never
     * negative).
     */
    public record Stats(long bytesSent, long bytesReceived, long packetsSent, long packetsReceived,
                        long errorsSent, long errorsReceived, long discardPacketsSent, long discardPacketsReceived) {
        public Stats {
            if (bytesSent < 0 || bytesReceived < 0 || packetsSent < 0 || packetsReceived < 0 || errorsSent < 0
                    || errorsReceived < 0 || discardPacketsSent < 0 || discardPacketsReceived < 0) {
                throw new IllegalArgumentException("a counter is negative");
            }
        }

        // equals and hashCode by hand: the generated ones go through method handles that the JVM
        // compiles into classes of their own, which the class data sharing archive cannot hold.
        @Override
        public boolean equals(Object other) {
            return other instanceof Stats o
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

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof WiFiSsid o
                && Objects.equals(name, o.name)
                && Objects.equals(radio, o.radio)
                && enabled == o.enabled
                && Objects.equals(status, o.status)
                && Objects.equals(ssid, o.ssid)
                && Objects.equals(bssid, o.bssid)
                && Objects.equals(macAddress, o.macAddress)
                && Objects.equals(stats, o.stats);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, radio, enabled, status, ssid, bssid, macAddress, stats);
    }
}

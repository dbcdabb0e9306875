package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One access point ({@code Device.WiFi.AccessPoint.{i}.}): the AP side of an SSID, keyed by that
 * SSID's {@link WiFiSsid#name} (the netdev name), with its security settings and associated
 * stations. The passphrase is never part of it: the platform takes it in writes and gives it
 * back nowhere. Immutable.
 *
 * @param ssid           the {@link WiFiSsid#name} it serves: its key and {@code SSIDReference}
 * @param enabled        {@code Enable}
 * @param status         {@code Status}, one of {@link #STATUSES}
 * @param ssidAdvertised {@code SSIDAdvertisementEnabled}: the SSID is in its beacons
 * @param securityMode   {@code Security.ModeEnabled}, one of {@link #SECURITY_MODES}
 * @param modesSupported {@code Security.ModesSupported}: the modes it can be set to, each one of {@link #SECURITY_MODES}
 * @param stations       {@code AssociatedDevice.}: the stations associated now, MAC addresses distinct
 */
public record WiFiAccessPoint(String ssid, boolean enabled, String status, Optional<Boolean> ssidAdvertised,
                              Optional<String> securityMode, List<String> modesSupported,
                              List<WiFiStation> stations) {

    /** The most stations one access point may list. */
    public static final int MAX_STATIONS = 512;
    /** TR-181's access point {@code Status} values. */
    public static final List<String> STATUSES = List.of("Disabled", "Enabled", "Error_Misconfigured", "Error");
    /** TR-181's security modes ({@code Security.ModesSupported} values). */
    public static final List<String> SECURITY_MODES = List.of("None", "WEP-64", "WEP-128", "WPA-Personal",
            "WPA2-Personal", "WPA3-Personal", "WPA-WPA2-Personal", "WPA3-Personal-Transition", "WPA-Enterprise",
            "WPA2-Enterprise", "WPA3-Enterprise", "WPA-WPA2-Enterprise", "OWE");

    public WiFiAccessPoint {
        WiFiChecks.key("ssid", ssid, WiFiSsid.MAX_NAME);
        WiFiChecks.oneOf("status", status, STATUSES);
        Objects.requireNonNull(ssidAdvertised, "ssidAdvertised");
        Objects.requireNonNull(securityMode, "securityMode");
        securityMode.ifPresent(m -> WiFiChecks.oneOf("securityMode", m, SECURITY_MODES));
        modesSupported = WiFiChecks.bounded("modesSupported", modesSupported, SECURITY_MODES.size());
        modesSupported.forEach(m -> WiFiChecks.oneOf("supported mode", m, SECURITY_MODES));
        stations = WiFiChecks.bounded("stations", stations, MAX_STATIONS);
        if (stations.stream().map(WiFiStation::macAddress).distinct().count() != stations.size()) {
            throw new IllegalArgumentException("a station is listed twice on " + ssid);
        }
    }

    /** The station with this MAC address (any case). */
    public Optional<WiFiStation> station(String macAddress) {
        for (WiFiStation s : stations) {
            if (s.macAddress().equalsIgnoreCase(macAddress)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof WiFiAccessPoint o
                && Objects.equals(ssid, o.ssid)
                && enabled == o.enabled
                && Objects.equals(status, o.status)
                && Objects.equals(ssidAdvertised, o.ssidAdvertised)
                && Objects.equals(securityMode, o.securityMode)
                && Objects.equals(modesSupported, o.modesSupported)
                && Objects.equals(stations, o.stations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ssid, enabled, status, ssidAdvertised, securityMode, modesSupported, stations);
    }
}

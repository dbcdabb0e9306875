package dev.demarc.tr181.platform;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the platform knows of its Wi-Fi at one moment: radios, SSIDs and access points (with
 * their stations), each list in the platform's order with distinct keys. Immutable; equal
 * states are equal values, so that a watcher can tell what changed.
 */
public final class WiFiState {

    /** The most radios. */
    public static final int MAX_RADIOS = 16;
    /** The most SSIDs, and the most access points. */
    public static final int MAX_SSIDS = 64;

    /** No Wi-Fi at all. */
    public static final WiFiState EMPTY = new WiFiState(List.of(), List.of(), List.of());

    private final List<WiFiRadio> radios;
    private final List<WiFiSsid> ssids;
    private final List<WiFiAccessPoint> accessPoints;
    private final Map<String, WiFiRadio> radioByName = new LinkedHashMap<>();
    private final Map<String, WiFiSsid> ssidByName = new LinkedHashMap<>();
    private final Map<String, WiFiAccessPoint> accessPointBySsid = new LinkedHashMap<>();
    /** Each access point's stations by MAC address, as given and in lower case. */
    private final Map<String, Map<String, WiFiStation>> stationsByAccessPoint = new HashMap<>();

    /**
     * @throws IllegalArgumentException when a list is over its bound or a key is given twice
     */
    public WiFiState(List<WiFiRadio> radios, List<WiFiSsid> ssids, List<WiFiAccessPoint> accessPoints) {
        this.radios = WiFiChecks.bounded("radios", radios, MAX_RADIOS);
        this.ssids = WiFiChecks.bounded("ssids", ssids, MAX_SSIDS);
        this.accessPoints = WiFiChecks.bounded("accessPoints", accessPoints, MAX_SSIDS);
        for (WiFiRadio r : this.radios) {
            if (radioByName.put(r.name(), r) != null) {
                throw new IllegalArgumentException("radio " + r.name() + " is given twice");
            }
        }
        for (WiFiSsid s : this.ssids) {
            if (ssidByName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("SSID " + s.name() + " is given twice");
            }
        }
        for (WiFiAccessPoint a : this.accessPoints) {
            if (accessPointBySsid.put(a.ssid(), a) != null) {
                throw new IllegalArgumentException("access point " + a.ssid() + " is given twice");
            }
            Map<String, WiFiStation> byMac = new HashMap<>();
            for (WiFiStation station : a.stations()) {
                byMac.put(station.macAddress(), station);
            }
            for (WiFiStation station : a.stations()) {
                byMac.putIfAbsent(station.macAddress().toLowerCase(Locale.ROOT), station);
            }
            stationsByAccessPoint.put(a.ssid(), byMac);
        }
    }

    public List<WiFiRadio> radios() {
        return radios;
    }

    public List<WiFiSsid> ssids() {
        return ssids;
    }

    public List<WiFiAccessPoint> accessPoints() {
        return accessPoints;
    }

    public Optional<WiFiRadio> radio(String name) {
        return Optional.ofNullable(radioByName.get(name));
    }

    public Optional<WiFiSsid> ssid(String name) {
        return Optional.ofNullable(ssidByName.get(name));
    }

    /** The access point serving the SSID {@code ssidName}. */
    public Optional<WiFiAccessPoint> accessPoint(String ssidName) {
        return Optional.ofNullable(accessPointBySsid.get(ssidName));
    }

    /**
     * The station with this MAC address (any case) of the access point serving {@code ssidName},
     * as {@link WiFiAccessPoint#station} finds it, without going through the stations.
     */
    public Optional<WiFiStation> station(String ssidName, String macAddress) {
        Map<String, WiFiStation> byMac = stationsByAccessPoint.get(ssidName);
        if (byMac == null) {
            return Optional.empty();
        }
        WiFiStation station = byMac.get(macAddress);
        return Optional.ofNullable(station != null ? station : byMac.get(macAddress.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WiFiState s && radios.equals(s.radios) && ssids.equals(s.ssids)
                && accessPoints.equals(s.accessPoints);
    }

    @Override
    public int hashCode() {
        return radios.hashCode() * 31 * 31 + ssids.hashCode() * 31 + accessPoints.hashCode();
    }

    @Override
    public String toString() {
        return "WiFiState[" + radios.size() + " radios, " + ssids.size() + " SSIDs, "
                + accessPoints.size() + " access points]";
    }
}

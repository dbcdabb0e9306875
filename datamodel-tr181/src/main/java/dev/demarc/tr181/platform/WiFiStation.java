package dev.demarc.tr181.platform;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One station associated with an access point ({@code AccessPoint.{i}.AssociatedDevice.{i}.}),
 * keyed by its MAC address. Immutable.
 *
 * @param macAddress       {@code MACAddress}, lower case: the key
 * @param signalStrength   {@code SignalStrength}: the station's signal as received, dBm
 * @param lastDownlinkKbps {@code LastDataDownlinkRate}: the rate of the last frame sent to it, kbit/s
 * @param lastUplinkKbps   {@code LastDataUplinkRate}: the rate of the last frame received from it, kbit/s
 * @param active           {@code Active}: it is present on the network (associated and authorized)
 */
public record WiFiStation(String macAddress, OptionalInt signalStrength, OptionalLong lastDownlinkKbps,
                          OptionalLong lastUplinkKbps, boolean active) {

    public WiFiStation {
        macAddress = WiFiChecks.mac("macAddress", macAddress);
        Objects.requireNonNull(signalStrength, "signalStrength");
        Objects.requireNonNull(lastDownlinkKbps, "lastDownlinkKbps");
        Objects.requireNonNull(lastUplinkKbps, "lastUplinkKbps");
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof WiFiStation o
                && Objects.equals(macAddress, o.macAddress)
                && Objects.equals(signalStrength, o.signalStrength)
                && Objects.equals(lastDownlinkKbps, o.lastDownlinkKbps)
                && Objects.equals(lastUplinkKbps, o.lastUplinkKbps)
                && active == o.active;
    }

    @Override
    public int hashCode() {
        return Objects.hash(macAddress, signalStrength, lastDownlinkKbps, lastUplinkKbps, active);
    }
}

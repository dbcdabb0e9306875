package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One network a Wi-Fi scan heard: a result of {@code Device.WiFi.NeighboringWiFiDiagnostic()}.
 * Empty values are ones the scan did not tell. Immutable.
 *
 * @param radio          the {@link WiFiRadio#name} of the radio that heard it
 * @param ssid           {@code SSID} (at most 32 characters; empty for a hidden network)
 * @param bssid          {@code BSSID}, lower case
 * @param mode           {@code Mode}, one of {@link #MODES}
 * @param channel        {@code Channel}
 * @param signalStrength {@code SignalStrength}, dBm
 * @param securityMode   {@code SecurityModeEnabled}, one of {@link #SECURITY_MODES}
 * @param band           {@code OperatingFrequencyBand}, one of {@link WiFiRadio#BANDS}
 * @param bandwidth      {@code OperatingChannelBandwidth}, one of {@link #BANDWIDTHS}
 * @param noise          {@code Noise}, dBm
 */
public record WiFiNeighbor(String radio, String ssid, String bssid, Optional<String> mode, OptionalInt channel,
                           OptionalInt signalStrength, Optional<String> securityMode, Optional<String> band,
                           Optional<String> bandwidth, OptionalInt noise) {

    /** The most results one scan gives. */
    public static final int MAX_RESULTS = 512;
    /** TR-181's neighbour {@code Mode} values. */
    public static final List<String> MODES = List.of("AdHoc", "Infrastructure");
    /** TR-181's neighbour {@code SecurityModeEnabled} values (not the access point's). */
    public static final List<String> SECURITY_MODES = List.of("None", "WEP", "WPA", "WPA2", "WPA-WPA2",
            "WPA-Enterprise", "WPA2-Enterprise", "WPA-WPA2-Enterprise", "WPA3-SAE", "WPA2-PSK-WPA3-SAE",
            "WPA3-Enterprise", "OWE");
    /** TR-181's neighbour {@code OperatingChannelBandwidth} values. */
    public static final List<String> BANDWIDTHS =
            List.of("20MHz", "40MHz", "80MHz", "160MHz", "320MHz-1", "320MHz-2", "Auto");

    public WiFiNeighbor {
        WiFiChecks.key("radio", radio, WiFiRadio.MAX_NAME);
        WiFiChecks.text("ssid", ssid, WiFiSsid.MAX_SSID);
        bssid = WiFiChecks.mac("bssid", bssid);
        Objects.requireNonNull(mode, "mode").ifPresent(m -> WiFiChecks.oneOf("mode", m, MODES));
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(signalStrength, "signalStrength");
        Objects.requireNonNull(securityMode, "securityMode")
                .ifPresent(m -> WiFiChecks.oneOf("securityMode", m, SECURITY_MODES));
        Objects.requireNonNull(band, "band").ifPresent(b -> WiFiChecks.oneOf("band", b, WiFiRadio.BANDS));
        Objects.requireNonNull(bandwidth, "bandwidth").ifPresent(b -> WiFiChecks.oneOf("bandwidth", b, BANDWIDTHS));
        Objects.requireNonNull(noise, "noise");
    }
}

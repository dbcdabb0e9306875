package dev.demarc.tr181.platform;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Wi-Fi radio as the platform sees it ({@code Device.WiFi.Radio.{i}.}). Its {@link #name}
 * is its key: the OpenWrt {@code wifi-device} section ({@code radio0}) on OpenWrt, the phy
 * ({@code phy0}) on generic Linux, the file's name on a simulated device. An empty optional is
 * a value the platform does not know (it then reads as an error, never as a made-up value).
 * Immutable.
 *
 * @param name                 the radio's key and TR-181 {@code Name}
 * @param enabled              {@code Enable}: the radio is configured on
 * @param status               {@code Status}, one of {@link #STATUSES}
 * @param supportedBands       {@code SupportedFrequencyBands}, each one of {@link #BANDS}
 * @param operatingBand        {@code OperatingFrequencyBand}, one of {@link #BANDS}
 * @param channel              {@code Channel}: the channel in use (or configured, when the radio is down)
 * @param possibleChannels     {@code PossibleChannels}: the channels the radio may use, ascending
 * @param autoChannelSupported {@code AutoChannelSupported}
 * @param autoChannelEnabled   {@code AutoChannelEnable}: the platform chooses the channel
 * @param channelBandwidth     {@code OperatingChannelBandwidth}, one of {@link #BANDWIDTHS}
 * @param transmitPower        {@code TransmitPower}: percent of the radio's full power, -1 for automatic
 * @param noise                {@code Stats.Noise}: the noise on the channel in use, dBm
 */
public record WiFiRadio(String name, boolean enabled, String status, List<String> supportedBands,
                        Optional<String> operatingBand, OptionalInt channel, List<Integer> possibleChannels,
                        boolean autoChannelSupported, boolean autoChannelEnabled, String channelBandwidth,
                        OptionalInt transmitPower, OptionalInt noise) {

    /** The longest radio name ({@code Name} is string(64)). */
    public static final int MAX_NAME = 64;
    /** The most channels one radio may list. */
    public static final int MAX_CHANNELS = 255;
    /** TR-181's interface {@code Status} values. */
    public static final List<String> STATUSES =
            List.of("Up", "Down", "Unknown", "Dormant", "NotPresent", "LowerLayerDown", "Error");
    /** TR-181's frequency bands. */
    public static final List<String> BANDS = List.of("2.4GHz", "5GHz", "6GHz");
    /** TR-181's channel bandwidths ({@code SupportedOperatingChannelBandwidths} values). */
    public static final List<String> BANDWIDTHS =
            List.of("20MHz", "40MHz", "80MHz", "160MHz", "80+80MHz", "320MHz-1", "320MHz-2", "Auto");

    public WiFiRadio {
        WiFiChecks.key("name", name, MAX_NAME);
        WiFiChecks.oneOf("status", status, STATUSES);
        supportedBands = WiFiChecks.bounded("supportedBands", supportedBands, BANDS.size());
        supportedBands.forEach(b -> WiFiChecks.oneOf("supported band", b, BANDS));
        Objects.requireNonNull(operatingBand, "operatingBand");
        operatingBand.ifPresent(b -> WiFiChecks.oneOf("operatingBand", b, BANDS));
        Objects.requireNonNull(channel, "channel");
        possibleChannels = WiFiChecks.bounded("possibleChannels", possibleChannels, MAX_CHANNELS);
        WiFiChecks.oneOf("channelBandwidth", channelBandwidth, BANDWIDTHS);
        Objects.requireNonNull(transmitPower, "transmitPower");
        Objects.requireNonNull(noise, "noise");
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof WiFiRadio o
                && Objects.equals(name, o.name)
                && enabled == o.enabled
                && Objects.equals(status, o.status)
                && Objects.equals(supportedBands, o.supportedBands)
                && Objects.equals(operatingBand, o.operatingBand)
                && Objects.equals(channel, o.channel)
                && Objects.equals(possibleChannels, o.possibleChannels)
                && autoChannelSupported == o.autoChannelSupported
                && autoChannelEnabled == o.autoChannelEnabled
                && Objects.equals(channelBandwidth, o.channelBandwidth)
                && Objects.equals(transmitPower, o.transmitPower)
                && Objects.equals(noise, o.noise);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, enabled, status, supportedBands, operatingBand, channel, possibleChannels,
                autoChannelSupported, autoChannelEnabled, channelBandwidth, transmitPower, noise);
    }
}

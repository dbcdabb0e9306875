package dev.demarc.tr181;

import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.TableProvider;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiRadio;
import dev.demarc.tr181.platform.WiFiSetting.Kind;
import dev.demarc.tr181.platform.WiFiState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code Device.WiFi.Radio.{i}.} of TR-181 Device:2.19 (USP): the device's Wi-Fi radios, one
 * instance per {@link WiFiRadio} of the platform, keyed by the radio's name (the OpenWrt
 * {@code wifi-device} section such as {@code radio0}, the phy such as {@code phy0} on generic
 * Linux), which is also its {@code Name}. Values are read from the platform's snapshot;
 * {@code Alias} is stored by the engine. {@code Enable}, {@code Channel},
 * {@code AutoChannelEnable}, {@code OperatingFrequencyBand}, {@code OperatingChannelBandwidth}
 * and {@code TransmitPower} are readWrite in the full model and read-only on a platform that does
 * not apply that write ({@link WiFiPlatform#writable}); writes go through {@link WiFiWriteHook}.
 *
 * <p>Of the object's parameters Demarc has the ones above, {@code Status},
 * {@code SupportedFrequencyBands}, {@code PossibleChannels}, {@code AutoChannelSupported} and
 * {@code Stats.Noise}; the others (standards, rates, regulatory domain, the other counters) are
 * left out until a platform reads them.
 */
public final class WiFiRadioObject {

    public static final String PATH = "Device.WiFi.Radio.{i}.";

    static final ParameterDef ENABLE = ParameterDef.readWrite("Enable", ValueType.bool());
    static final ParameterDef STATUS = ParameterDef.readOnly("Status",
            ValueType.string().enumeration(WiFiRadio.STATUSES.toArray(String[]::new)));
    static final ParameterDef ALIAS = ParameterDef.writeOnce("Alias", DataTypes.ALIAS);
    static final ParameterDef NAME = ParameterDef.readOnly("Name", ValueType.string().maxLength(64));
    static final ParameterDef SUPPORTED_FREQUENCY_BANDS = ParameterDef.readOnly("SupportedFrequencyBands",
            ValueType.listOf(ValueType.string().enumeration(WiFiRadio.BANDS.toArray(String[]::new))));
    /** The standard refers its values to {@code SupportedFrequencyBands}; any band TR-181 names is accepted here. */
    static final ParameterDef OPERATING_FREQUENCY_BAND = ParameterDef.readWrite("OperatingFrequencyBand",
            ValueType.string().enumeration(WiFiRadio.BANDS.toArray(String[]::new)));
    static final ParameterDef POSSIBLE_CHANNELS = ParameterDef.readOnly("PossibleChannels",
            ValueType.listOf(ValueType.string()));
    static final ParameterDef CHANNEL = ParameterDef.readWrite("Channel", ValueType.unsignedInt().range(1, 255));
    static final ParameterDef AUTO_CHANNEL_SUPPORTED = ParameterDef.readOnly("AutoChannelSupported", ValueType.bool());
    static final ParameterDef AUTO_CHANNEL_ENABLE = ParameterDef.readWrite("AutoChannelEnable", ValueType.bool());
    static final ParameterDef OPERATING_CHANNEL_BANDWIDTH = ParameterDef.readWrite("OperatingChannelBandwidth",
            ValueType.string().enumeration(WiFiRadio.BANDWIDTHS.toArray(String[]::new)));
    /** Percent of full power; -1 is automatic. */
    static final ParameterDef TRANSMIT_POWER = ParameterDef.readWrite("TransmitPower",
            ValueType.int32().range(-1, 100));
    /** {@code Stats.Noise}, dBm. */
    static final ParameterDef NOISE = ParameterDef.readOnly("Noise", ValueType.int32());

    private WiFiRadioObject() {
    }

    static ObjectDef.Builder definition(Platform platform) {
        return ObjectDef.table("Radio").maxEntries(WiFiState.MAX_RADIOS)
                .uniqueKey("Alias").uniqueKey("Name")
                .param(WiFiValues.access(ENABLE, platform, Kind.RADIO_ENABLE))
                .param(STATUS)
                .param(ALIAS)
                .param(NAME)
                .param(SUPPORTED_FREQUENCY_BANDS)
                .param(WiFiValues.access(OPERATING_FREQUENCY_BAND, platform, Kind.OPERATING_FREQUENCY_BAND))
                .param(POSSIBLE_CHANNELS)
                .param(WiFiValues.access(CHANNEL, platform, Kind.CHANNEL))
                .param(AUTO_CHANNEL_SUPPORTED)
                .param(WiFiValues.access(AUTO_CHANNEL_ENABLE, platform, Kind.AUTO_CHANNEL))
                .param(WiFiValues.access(OPERATING_CHANNEL_BANDWIDTH, platform, Kind.OPERATING_CHANNEL_BANDWIDTH))
                .param(WiFiValues.access(TRANSMIT_POWER, platform, Kind.TRANSMIT_POWER))
                .object(ObjectDef.single("Stats").param(NOISE));
    }

    /** The table's rows and every value, read from {@code wifi}'s snapshot at each read. */
    static void bind(Bindings.Builder b, WiFiPlatform wifi) {
        b.table(PATH, SnapshotRows.of(wifi::state, s -> s.radios().stream()
                .map(r -> new TableProvider.Row(r.name(), Map.of())).toList()), Duration.ZERO);
        radio(b, wifi, "", ENABLE, r -> WiFiValues.known(r.enabled()));
        radio(b, wifi, "", STATUS, r -> WiFiValues.known(r.status()));
        radio(b, wifi, "", NAME, r -> WiFiValues.known(r.name()));
        radio(b, wifi, "", SUPPORTED_FREQUENCY_BANDS, r -> WiFiValues.list(r.supportedBands()));
        radio(b, wifi, "", OPERATING_FREQUENCY_BAND, WiFiRadio::operatingBand);
        radio(b, wifi, "", POSSIBLE_CHANNELS, r -> WiFiValues.list(r.possibleChannels()));
        radio(b, wifi, "", CHANNEL, r -> WiFiValues.of(r.channel()));
        radio(b, wifi, "", AUTO_CHANNEL_SUPPORTED, r -> WiFiValues.known(r.autoChannelSupported()));
        radio(b, wifi, "", AUTO_CHANNEL_ENABLE, r -> WiFiValues.known(r.autoChannelEnabled()));
        radio(b, wifi, "", OPERATING_CHANNEL_BANDWIDTH, r -> WiFiValues.known(r.channelBandwidth()));
        radio(b, wifi, "", TRANSMIT_POWER, r -> WiFiValues.of(r.transmitPower()));
        radio(b, wifi, "Stats.", NOISE, r -> WiFiValues.of(r.noise()));
    }

    private static void radio(Bindings.Builder b, WiFiPlatform wifi, String subObject, ParameterDef def,
                              Function<WiFiRadio, Optional<String>> value) {
        WiFiValues.provide(b, PATH + subObject, def, (InstanceRef o) -> WiFiValues.rowKey(o, 0).flatMap(k -> wifi.state().radio(k)).map(value));
    }
}

package dev.demarc.tr181.platform;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Wi-Fi write a controller asks for, in TR-181 terms, addressed by platform keys (radio
 * name, SSID netdev name). Each is validated in its constructor against what the standard
 * allows; whether the device supports the value (a channel the radio has, a mode the access
 * point offers) is for the platform to say when it applies it. Immutable.
 */
public sealed interface WiFiSetting {

    /** What a setting changes; the capability a platform declares per kind ({@link WiFiPlatform#writable}). */
    enum Kind {
        /** {@code Radio.{i}.Enable}. */
        RADIO_ENABLE,
        /** {@code Radio.{i}.Channel}. */
        CHANNEL,
        /** {@code Radio.{i}.AutoChannelEnable}. */
        AUTO_CHANNEL,
        /** {@code Radio.{i}.OperatingFrequencyBand}. */
        OPERATING_FREQUENCY_BAND,
        /** {@code Radio.{i}.OperatingChannelBandwidth}. */
        OPERATING_CHANNEL_BANDWIDTH,
        /** {@code Radio.{i}.TransmitPower}. */
        TRANSMIT_POWER,
        /** {@code SSID.{i}.Enable}. */
        SSID_ENABLE,
        /** {@code SSID.{i}.SSID}. */
        SSID,
        /** {@code AccessPoint.{i}.Enable}. */
        ACCESS_POINT_ENABLE,
        /** {@code AccessPoint.{i}.SSIDAdvertisementEnabled}. */
        SSID_ADVERTISEMENT,
        /** {@code AccessPoint.{i}.Security.ModeEnabled}. */
        SECURITY_MODE,
        /** {@code AccessPoint.{i}.Security.KeyPassphrase}. */
        KEY_PASSPHRASE
    }

    /** What this setting changes. */
    Kind kind();

    /** The platform key of what it changes: a radio name, or an SSID's netdev name. */
    String target();

    /** {@code Radio.{i}.Enable}. */
    record RadioEnable(String target, boolean enable) implements WiFiSetting {
        public RadioEnable {
            WiFiChecks.key("radio", target, WiFiRadio.MAX_NAME);
        }

        @Override
        public Kind kind() {
            return Kind.RADIO_ENABLE;
        }
    }

    /** {@code Radio.{i}.Channel}: a fixed channel (which also turns automatic choice off). */
    record Channel(String target, int channel) implements WiFiSetting {
        public Channel {
            WiFiChecks.key("radio", target, WiFiRadio.MAX_NAME);
            if (channel < 1 || channel > 255) {
                throw new IllegalArgumentException("a channel is 1 to 255");
            }
        }

        @Override
        public Kind kind() {
            return Kind.CHANNEL;
        }
    }

    /** {@code Radio.{i}.AutoChannelEnable}. */
    record AutoChannel(String target, boolean enable) implements WiFiSetting {
        public AutoChannel {
            WiFiChecks.key("radio", target, WiFiRadio.MAX_NAME);
        }

        @Override
        public Kind kind() {
            return Kind.AUTO_CHANNEL;
        }
    }

    /** {@code Radio.{i}.OperatingFrequencyBand}, one of {@link WiFiRadio#BANDS}. */
    record OperatingFrequencyBand(String target, String band) implements WiFiSetting {
        public OperatingFrequencyBand {
            WiFiChecks.key("radio", target, WiFiRadio.MAX_NAME);
            WiFiChecks.oneOf("band", band, WiFiRadio.BANDS);
        }

        @Override
        public Kind kind() {
            return Kind.OPERATING_FREQUENCY_BAND;
        }
    }

    /** {@code Radio.{i}.OperatingChannelBandwidth}, one of {@link WiFiRadio#BANDWIDTHS}. */
    record OperatingChannelBandwidth(String target, String bandwidth) implements WiFiSetting {
        public OperatingChannelBandwidth {
            WiFiChecks.key("radio", target, WiFiRadio.MAX_NAME);
            WiFiChecks.oneOf("bandwidth", bandwidth, WiFiRadio.BANDWIDTHS);
        }

        @Override
        public Kind kind() {
            return Kind.OPERATING_CHANNEL_BANDWIDTH;
        }
    }

    /** {@code Radio.{i}.TransmitPower}: percent of full power, or -1 for automatic. */
    record TransmitPower(String target, int percent) implements WiFiSetting {
        public TransmitPower {
            WiFiChecks.key("radio", target, WiFiRadio.MAX_NAME);
            if (percent < -1 || percent > 100) {
                throw new IllegalArgumentException("a transmit power is -1 to 100 percent");
            }
        }

        @Override
        public Kind kind() {
            return Kind.TRANSMIT_POWER;
        }
    }

    /** {@code SSID.{i}.Enable}. */
    record SsidEnable(String target, boolean enable) implements WiFiSetting {
        public SsidEnable {
            WiFiChecks.key("ssid", target, WiFiSsid.MAX_NAME);
        }

        @Override
        public Kind kind() {
            return Kind.SSID_ENABLE;
        }
    }

    /** {@code SSID.{i}.SSID}: 1 to 32 bytes of UTF-8, no control characters. */
    record Ssid(String target, String ssid) implements WiFiSetting {
        /** The most bytes of an SSID (IEEE 802.11). */
        public static final int MAX_BYTES = 32;

        public Ssid {
            WiFiChecks.key("ssid", target, WiFiSsid.MAX_NAME);
            Objects.requireNonNull(ssid, "ssid");
            int bytes = ssid.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > MAX_BYTES) {
                throw new IllegalArgumentException("an SSID is 1 to 32 bytes");
            }
            if (ssid.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("an SSID has no control characters");
            }
        }

        @Override
        public Kind kind() {
            return Kind.SSID;
        }
    }

    /** {@code AccessPoint.{i}.Enable}; {@code target} is the access point's SSID. */
    record AccessPointEnable(String target, boolean enable) implements WiFiSetting {
        public AccessPointEnable {
            WiFiChecks.key("access point", target, WiFiSsid.MAX_NAME);
        }

        @Override
        public Kind kind() {
            return Kind.ACCESS_POINT_ENABLE;
        }
    }

    /** {@code AccessPoint.{i}.SSIDAdvertisementEnabled}. */
    record SsidAdvertisement(String target, boolean enable) implements WiFiSetting {
        public SsidAdvertisement {
            WiFiChecks.key("access point", target, WiFiSsid.MAX_NAME);
        }

        @Override
        public Kind kind() {
            return Kind.SSID_ADVERTISEMENT;
        }
    }

    /** {@code AccessPoint.{i}.Security.ModeEnabled}, one of {@link WiFiAccessPoint#SECURITY_MODES}. */
    record SecurityMode(String target, String mode) implements WiFiSetting {
        public SecurityMode {
            WiFiChecks.key("access point", target, WiFiSsid.MAX_NAME);
            WiFiChecks.oneOf("mode", mode, WiFiAccessPoint.SECURITY_MODES);
        }

        @Override
        public Kind kind() {
            return Kind.SECURITY_MODE;
        }
    }

    /** {@code AccessPoint.{i}.Security.KeyPassphrase}; its {@code toString} hides the passphrase. */
    record KeyPassphrase(String target, WiFiPassphrase passphrase) implements WiFiSetting {
        public KeyPassphrase {
            WiFiChecks.key("access point", target, WiFiSsid.MAX_NAME);
            Objects.requireNonNull(passphrase, "passphrase");
        }

        @Override
        public Kind kind() {
            return Kind.KEY_PASSPHRASE;
        }
    }
}

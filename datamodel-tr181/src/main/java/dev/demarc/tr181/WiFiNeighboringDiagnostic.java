package dev.demarc.tr181;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspAsyncCommand;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.tr181.platform.WiFiNeighbor;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiRadio;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;

/**
 * {@code Device.WiFi.NeighboringWiFiDiagnostic()} of TR-181 Device:2.19 (USP): an asynchronous
 * command that scans for the networks around the device on every radio
 * ({@link WiFiPlatform#scanNeighbors}) and answers {@code Status} ({@code Complete}) and one
 * {@code Result.{n}.} per network heard, with the output arguments below; a value the scan did
 * not tell, or one outside the standard's facets, is left out of its result. {@code Radio}
 * names the {@code Device.WiFi.Radio.{i}} that heard it. A scan the platform cannot run fails
 * the command (7022).
 *
 * <p>Left out: {@code EncryptionMode}, the standards, rates, beacon and DTIM periods.
 */
final class WiFiNeighboringDiagnostic implements UspAsyncCommand {

    static final String NAME = "NeighboringWiFiDiagnostic";
    static final String PATH = "Device.WiFi." + NAME + "()";

    private static final ArgumentDef STATUS = ArgumentDef.optional("Status",
            ValueType.string().enumeration("Canceled", "Complete", "Error"));
    private static final ArgumentDef RADIO = result("Radio", ValueType.string());
    private static final ArgumentDef SSID = result("SSID", ValueType.string().maxLength(32));
    private static final ArgumentDef BSSID = result("BSSID", DataTypes.MAC_ADDRESS);
    private static final ArgumentDef MODE = result("Mode",
            ValueType.string().enumeration(WiFiNeighbor.MODES.toArray(String[]::new)));
    private static final ArgumentDef CHANNEL = result("Channel", ValueType.unsignedInt().range(1, 255));
    private static final ArgumentDef SIGNAL_STRENGTH = result("SignalStrength", ValueType.int32().range(-200, 0));
    private static final ArgumentDef SECURITY_MODE_ENABLED = result("SecurityModeEnabled",
            ValueType.string().enumeration(WiFiNeighbor.SECURITY_MODES.toArray(String[]::new)));
    private static final ArgumentDef OPERATING_FREQUENCY_BAND = result("OperatingFrequencyBand",
            ValueType.string().enumeration(WiFiRadio.BANDS.toArray(String[]::new)));
    private static final ArgumentDef OPERATING_CHANNEL_BANDWIDTH = result("OperatingChannelBandwidth",
            ValueType.string().enumeration(WiFiNeighbor.BANDWIDTHS.toArray(String[]::new)));
    private static final ArgumentDef NOISE = result("Noise", ValueType.int32().range(-200, 0));

    /** The command as the schema declares it. */
    static final CommandDef DEFINITION = new CommandDef(NAME, true, List.of(), List.of(STATUS, RADIO, SSID, BSSID,
            MODE, CHANNEL, SIGNAL_STRENGTH, SECURITY_MODE_ENABLED, OPERATING_FREQUENCY_BAND,
            OPERATING_CHANNEL_BANDWIDTH, NOISE));

    private final WiFiPlatform wifi;

    WiFiNeighboringDiagnostic(WiFiPlatform wifi) {
        this.wifi = wifi;
    }

    private static ArgumentDef result(String name, ValueType type) {
        return ArgumentDef.optional("Result.{i}." + name, type);
    }

    /**
     * Notes which instance each radio is (on the owner thread, from {@code model}) and starts
     * the scan; the stage completes on the platform's threads.
     */
    @Override
    public CompletionStage<Result<Map<String, String>>> start(DataModel model, UspCommand.Call call) {
        Map<String, String> radioPaths = new HashMap<>();
        Result<List<ObjectValues>> radios = model.get(WiFiRadioObject.PATH.replace("{i}", "*") + "Name", 0);
        if (radios.isOk()) {
            for (ObjectValues o : radios.value()) {
                String name = o.parameters().get("Name");
                if (name != null) {
                    radioPaths.put(name, o.path().substring(0, o.path().length() - 1));
                }
            }
        }
        return wifi.scanNeighbors().thenApply(scan -> scan.isOk()
                ? Result.ok(output(scan.value(), radioPaths))
                : Result.err(ErrorCode.COMMAND_FAILURE, "the Wi-Fi scan failed: " + scan.error().message()));
    }

    /** The output arguments for {@code heard}: {@code Status} and {@code Result.{n}.*}, n from 1. */
    static Map<String, String> output(List<WiFiNeighbor> heard, Map<String, String> radioPaths) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(STATUS.name(), "Complete");
        int n = 0;
        for (WiFiNeighbor h : heard) {
            if (n >= WiFiNeighbor.MAX_RESULTS) {
                break;
            }
            String prefix = "Result." + (++n) + ".";
            put(out, prefix, RADIO, Optional.ofNullable(radioPaths.get(h.radio())));
            put(out, prefix, SSID, Optional.of(h.ssid()));
            put(out, prefix, BSSID, Optional.of(h.bssid()));
            put(out, prefix, MODE, h.mode());
            put(out, prefix, CHANNEL, text(h.channel()));
            put(out, prefix, SIGNAL_STRENGTH, text(h.signalStrength()));
            put(out, prefix, SECURITY_MODE_ENABLED, h.securityMode());
            put(out, prefix, OPERATING_FREQUENCY_BAND, h.band());
            put(out, prefix, OPERATING_CHANNEL_BANDWIDTH, h.bandwidth());
            put(out, prefix, NOISE, text(h.noise()));
        }
        return out;
    }

    private static void put(Map<String, String> out, String prefix, ArgumentDef arg, Optional<String> value) {
        value.filter(v -> arg.type().isValid(v))
                .ifPresent(v -> out.put(prefix + arg.name().substring("Result.{i}.".length()), v));
    }

    private static Optional<String> text(OptionalInt v) {
        return v.isPresent() ? Optional.of(Integer.toString(v.getAsInt())) : Optional.empty();
    }
}

package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.WriteHook;
import dev.demarc.tr181.platform.WiFiPassphrase;
import dev.demarc.tr181.platform.WiFiPlatform;
import dev.demarc.tr181.platform.WiFiSetting;
import dev.demarc.tr181.platform.WiFiUndo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies writes to {@code Device.WiFi.Radio.{i}.}, {@code SSID.{i}.}, {@code AccessPoint.{i}.}
 * and {@code AccessPoint.{i}.Security.} to the platform, as {@link WiFiSetting}s addressed by
 * the instances' platform keys, and undoes them with what the platform answered
 * ({@link WiFiUndo}) when a later change of the transaction fails. Writes to {@code Alias} are
 * the engine's own (stored) and pass; a Delete of an SSID or access point, and writes of
 * {@code LowerLayers} and {@code SSIDReference}, are refused.
 *
 * <p>Called on the data model's owner thread only. Never throws, so that the engine never logs
 * a change (whose text holds the written value, a passphrase included); no message it gives or
 * logs contains a written value.
 */
final class WiFiWriteHook implements WriteHook {

    private static final Logger LOG = LoggerFactory.getLogger(WiFiWriteHook.class);
    /** The most applied writes whose undo is kept: more than a transaction of Wi-Fi writes holds. */
    static final int MAX_UNDOS = 256;

    /** Which object of {@code Device.WiFi.} this hook serves. */
    enum Target { RADIO, SSID, ACCESS_POINT, SECURITY }

    private final WiFiPlatform wifi;
    private final Target target;
    /**
     * The undo of each applied change, by the change's identity (the engine reverts the same
     * instance it applied), oldest first; at most {@link #MAX_UNDOS}.
     */
    private final Map<Applied, WiFiUndo> undos = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Applied, WiFiUndo> eldest) {
            return size() > MAX_UNDOS;
        }
    };

    /** A change by identity: two equal changes of two transactions are two keys. */
    private record Applied(Change change) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Applied a && a.change == change;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(change);
        }

        @Override
        public String toString() {
            return "Applied[" + change.object().path() + "]";
        }
    }

    WiFiWriteHook(WiFiPlatform wifi, Target target) {
        this.wifi = wifi;
        this.target = target;
    }

    @Override
    public Optional<DmError> apply(Change change) {
        try {
            if (change instanceof Change.InstanceDeleted || change instanceof Change.InstanceAdded) {
                return Optional.of(DmError.of(change instanceof Change.InstanceAdded ? ErrorCode.OBJECT_NOT_CREATABLE
                        : ErrorCode.DELETE_FAILURE, "Demarc does not add or delete Wi-Fi interfaces; set Enable instead"));
            }
            Change.ValueSet set = (Change.ValueSet) change;
            if (set.parameter().equals("Alias")) {
                return Optional.empty();
            }
            Result<WiFiSetting> setting = setting(set);
            if (!setting.isOk()) {
                return Optional.of(setting.error());
            }
            Result<WiFiUndo> applied = wifi.apply(setting.value());
            if (!applied.isOk()) {
                return Optional.of(applied.error());
            }
            remember(change, applied.value());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("applying a Wi-Fi write to {} failed: {}", where(change), e.getClass().getName());
            return Optional.of(DmError.of(ErrorCode.INTERNAL_ERROR, "the platform failed to apply the write"));
        }
    }

    @Override
    public void revert(Change change) {
        WiFiUndo undo = forget(change);
        if (undo == null) {
            return;
        }
        try {
            undo.undo().ifPresent(e -> LOG.error("could not undo a Wi-Fi write to {}: {}", where(change), e.message()));
        } catch (RuntimeException e) {
            LOG.error("undoing a Wi-Fi write to {} failed: {}", where(change), e.getClass().getName());
        }
    }

    /** The path a change is at, never its value. */
    private static String where(Change change) {
        return change instanceof Change.ValueSet v ? v.path() : change.object().path();
    }

    /** The platform setting a written parameter stands for, or why there is none. */
    private Result<WiFiSetting> setting(Change.ValueSet set) {
        String key = set.object().rowKeys().isEmpty() ? "" : set.object().rowKeys().get(0);
        if (key.isEmpty()) {
            return Result.err(ErrorCode.INTERNAL_ERROR, "not a platform instance");
        }
        String v = set.newValue();
        String p = set.parameter();
        try {
            WiFiSetting s = switch (target) {
                case RADIO -> switch (p) {
                    case "Enable" -> new WiFiSetting.RadioEnable(key, bool(v));
                    case "Channel" -> new WiFiSetting.Channel(key, Integer.parseInt(v));
                    case "AutoChannelEnable" -> new WiFiSetting.AutoChannel(key, bool(v));
                    case "OperatingFrequencyBand" -> new WiFiSetting.OperatingFrequencyBand(key, v);
                    case "OperatingChannelBandwidth" -> new WiFiSetting.OperatingChannelBandwidth(key, v);
                    case "TransmitPower" -> new WiFiSetting.TransmitPower(key, Integer.parseInt(v));
                    default -> null;
                };
                case SSID -> switch (p) {
                    case "Enable" -> new WiFiSetting.SsidEnable(key, bool(v));
                    case "SSID" -> new WiFiSetting.Ssid(key, v);
                    default -> null;
                };
                case ACCESS_POINT -> switch (p) {
                    case "Enable" -> new WiFiSetting.AccessPointEnable(key, bool(v));
                    case "SSIDAdvertisementEnabled" -> new WiFiSetting.SsidAdvertisement(key, bool(v));
                    default -> null;
                };
                case SECURITY -> switch (p) {
                    case "ModeEnabled" -> new WiFiSetting.SecurityMode(key, v);
                    case "KeyPassphrase" -> WiFiPassphrase.isValid(v)
                            ? new WiFiSetting.KeyPassphrase(key, WiFiPassphrase.of(v)) : null;
                    default -> null;
                };
            };
            if (s == null && p.equals("KeyPassphrase")) {
                return Result.err(ErrorCode.INVALID_VALUE, "a passphrase is 8 to 63 printable ASCII characters");
            }
            if (s == null) {
                return Result.err(ErrorCode.PARAMETER_ACTION_FAILED, "Demarc does not change " + p + " on this platform");
            }
            return Result.ok(s);
        } catch (IllegalArgumentException e) {
            // The settings' messages never hold the value.
            return Result.err(ErrorCode.INVALID_VALUE, e.getMessage());
        }
    }

    private static boolean bool(String v) {
        return v.equals("true") || v.equals("1");
    }

    private void remember(Change change, WiFiUndo undo) {
        undos.put(new Applied(change), undo);
    }

    private WiFiUndo forget(Change change) {
        return undos.remove(new Applied(change));
    }
}

package dev.demarc.hal.simulated;

import dev.demarc.core.Result;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.WiFiPlatform;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A device described by a JSON file ({@link SimulatedDevice}): controller developers run a
 * realistic agent without hardware, and tests drive changes through its timeline. Each area of
 * the file is served by a simulated part of this package.
 */
public final class SimulatedPlatform implements Platform {

    private final SimulatedDevice device;
    private final DeviceInfoPlatform deviceInfo;
    private final SimulatedWiFi wifi;

    private SimulatedPlatform(SimulatedDevice device) {
        this.device = Objects.requireNonNull(device, "device");
        this.deviceInfo = new StaticDeviceInfo(DeviceIdentity.unknown());
        this.wifi = new SimulatedWiFi(device);
    }

    /** Reads the file (an area that cannot be read is an error naming it) and starts its timeline. */
    public static Result<Platform> open(Path file) {
        return SimulatedDevice.read(file).flatMap(device -> SimulatedWiFi.check(device)
                .<Result<Platform>>map(Result::err)
                .orElseGet(() -> Result.ok(start(device))));
    }

    /** A platform on {@code device}, its timeline started. */
    public static SimulatedPlatform start(SimulatedDevice device) {
        SimulatedPlatform p = new SimulatedPlatform(device);
        device.start();
        return p;
    }

    public SimulatedDevice device() {
        return device;
    }

    @Override
    public String name() {
        return "simulated:" + device.source();
    }

    @Override
    public DeviceInfoPlatform deviceInfo() {
        return deviceInfo;
    }

    @Override
    public WiFiPlatform wifi() {
        return wifi;
    }

    @Override
    public void close() {
        device.close();
    }
}

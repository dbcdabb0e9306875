package dev.demarc.hal.simulated;

import dev.demarc.core.Result;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.WanPlatform;
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
    private final SimulatedWan wan;

    private SimulatedPlatform(SimulatedDevice device) {
        this.device = Objects.requireNonNull(device, "device");
        this.deviceInfo = new StaticDeviceInfo(DeviceIdentity.unknown());
        this.wan = new SimulatedWan(device, java.time.Clock.systemUTC());
    }

    /** Reads the file and starts its timeline. */
    public static Result<Platform> open(Path file) {
        Result<SimulatedDevice> device = SimulatedDevice.read(file);
        if (device.isOk() && SimulatedWan.check(device.value()).isPresent()) {
            return Result.err(dev.demarc.core.ErrorCode.INVALID_VALUE, SimulatedWan.check(device.value()).get());
        }
        return device.map(SimulatedPlatform::start);
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
    public WanPlatform wan() {
        return wan;
    }

    @Override
    public void close() {
        device.close();
    }
}

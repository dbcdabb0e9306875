package dev.demarc.hal.simulated;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.PartsPlatform;
import dev.demarc.hal.PlatformOptions;
import dev.demarc.hal.PlatformParts;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.SystemPlatform;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A device described by a JSON file ({@link SimulatedDevice}): controller developers run a
 * realistic agent without hardware, and tests drive changes through its timeline. Each area of
 * the file is served by a simulated part of this package: {@code "deviceInfo"}
 * ({@link SimulatedDeviceInfo}), {@code "system"} ({@link SimulatedSystemStatus}),
 * {@code "diagnostics"} ({@link SimulatedDiagnostics}), {@code "network"}
 * ({@link SimulatedNetwork}), {@code "lan"} (hosts, DHCPv4 server, pools, leases), {@code "nat"}
 * (port mappings), {@code "time"} (NTP and the time zone). Reboot and factory reset run the
 * commands of the agent's options, as on generic Linux (nothing by default).
 */
public final class SimulatedPlatform extends PartsPlatform {

    private final SimulatedDevice device;
    /** The parts' threads; this platform's own, shut down by {@link #close}. */
    private final ScheduledExecutorService threads = PlatformThreads.newPool("simulated");
    private final PlatformParts parts;

    private SimulatedPlatform(SimulatedDevice device, DeviceInfoPlatform deviceInfo, SimulatedSystemStatus status,
                              PlatformOptions options) {
        this.device = Objects.requireNonNull(device, "device");
        SimulatedWiFi wifi = new SimulatedWiFi(device);
        SimulatedLan lan = new SimulatedLan(device, Clock.systemUTC());
        SimulatedNat nat = new SimulatedNat(device);
        SimulatedTime time = new SimulatedTime(device);
        SimulatedNetwork network = new SimulatedNetwork(device, threads);
        network.start();
        SystemPlatform system = new SystemPlatform(status, new SimulatedDiagnostics(device, Clock.systemUTC()),
                LinuxPlatform.control(options, Map.of(), threads));
        SimulatedWan wan = new SimulatedWan(device, Clock.systemUTC());
        this.parts = new PlatformParts(deviceInfo, system, network, wan, wifi, lan, nat, time,
                List.of(device::close, network::close), threads);
    }

    /** Reads the file and starts its timeline; an area that does not describe what it should is an error. */
    public static Result<Platform> open(Path file) {
        return open(file, PlatformOptions.none());
    }

    /** Reads the file and starts its timeline, with the agent's options; a bad area is an error. */
    public static Result<Platform> open(Path file, PlatformOptions options) {
        Result<SimulatedDevice> read = SimulatedDevice.read(file);
        if (!read.isOk()) {
            return Result.err(read.error());
        }
        Result<?> network = SimulatedNetwork.parse(read.value().area(SimulatedNetwork.AREA), Instant.now(), 0);
        if (!network.isOk()) {
            return Result.err(ErrorCode.INVALID_VALUE, file + ": " + network.error().message());
        }
        java.util.Optional<String> wan = SimulatedWan.check(read.value());
        if (wan.isPresent()) {
            return Result.err(ErrorCode.INVALID_VALUE, wan.get());
        }
        Optional<DmError> wifi = SimulatedWiFi.check(read.value());
        if (wifi.isPresent()) {
            return Result.err(wifi.get());
        }
        return start(read.value(), options).map(p -> p);
    }

    /**
     * A platform on {@code device}, its timeline started, without the agent's options.
     *
     * @throws IllegalArgumentException when an area of the file is bad (the message says which)
     */
    public static SimulatedPlatform start(SimulatedDevice device) {
        Result<SimulatedPlatform> started = start(device, PlatformOptions.none());
        if (!started.isOk()) {
            throw new IllegalArgumentException(started.error().message());
        }
        return started.value();
    }

    /** A platform on {@code device}, its timeline started; an error when an area is bad. */
    public static Result<SimulatedPlatform> start(SimulatedDevice device, PlatformOptions options) {
        Result<SimulatedDeviceInfo> info = SimulatedDeviceInfo.follow(device, System::nanoTime);
        if (!info.isOk()) {
            return Result.err(info.error());
        }
        Result<SimulatedSystemStatus> status = SimulatedSystemStatus.follow(device, Clock.systemUTC());
        if (!status.isOk()) {
            return Result.err(status.error());
        }
        SimulatedPlatform p = new SimulatedPlatform(device, info.value(), status.value(), options);
        device.start();
        return Result.ok(p);
    }

    public SimulatedDevice device() {
        return device;
    }

    @Override
    public String name() {
        return "simulated:" + device.source();
    }

    @Override
    protected PlatformParts parts() {
        return parts;
    }
}

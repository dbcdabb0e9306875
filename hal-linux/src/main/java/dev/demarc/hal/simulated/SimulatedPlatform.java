package dev.demarc.hal.simulated;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.NatPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.TimePlatform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.time.Clock;
import java.util.Objects;

/**
 * A device described by a JSON file ({@link SimulatedDevice}): controller developers run a
 * realistic agent without hardware, and tests drive changes through its timeline. Each area of
 * the file is served by a simulated part of this package.
 */
public final class SimulatedPlatform implements Platform {

    private final SimulatedDevice device;
    private final DeviceInfoPlatform deviceInfo;
    /** The parts' threads; this platform's own, shut down by {@link #close}. */
    private final ScheduledExecutorService threads = PlatformThreads.newPool("simulated");
    private final SimulatedNetwork network;

    private final SimulatedLan lan;
    private final SimulatedNat nat;
    private final SimulatedTime time;

    private SimulatedPlatform(SimulatedDevice device) {
        this.device = Objects.requireNonNull(device, "device");
        this.deviceInfo = new StaticDeviceInfo(DeviceIdentity.unknown());
        this.lan = new SimulatedLan(device, Clock.systemUTC());
        this.nat = new SimulatedNat(device);
        this.time = new SimulatedTime(device);
        this.network = new SimulatedNetwork(device, threads);
        network.start();
    }

    /** Reads the file and starts its timeline; an area that does not describe what it should is an error. */
    public static Result<Platform> open(Path file) {
        Result<SimulatedDevice> read = SimulatedDevice.read(file);
        if (!read.isOk()) {
            return Result.err(read.error());
        }
        Result<?> network = SimulatedNetwork.parse(read.value().area(SimulatedNetwork.AREA), Instant.now(), 0);
        if (!network.isOk()) {
            return Result.err(ErrorCode.INVALID_VALUE, file + ": " + network.error().message());
        }
        return Result.ok(start(read.value()));
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

    /** The {@code "lan"} area: hosts, DHCPv4 server, pools, leases. */
    @Override
    public LanPlatform lan() {
        return lan;
    }

    /** The {@code "nat"} area: port mappings. */
    @Override
    public NatPlatform nat() {
        return nat;
    }

    /** The {@code "time"} area: NTP and the time zone. */
    @Override
    public TimePlatform time() {
        return time;
    }

    @Override
    public NetworkPlatform network() {
        return network;
    }

    @Override
    public void close() {
        device.close();
        network.close();
        threads.shutdownNow();
    }
}

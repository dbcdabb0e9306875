package dev.demarc.hal.simulated;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Device.DeviceInfo.} of a simulated device, from the file's {@code "deviceInfo"} area:
 *
 * <pre>{@code
 * "deviceInfo": { "manufacturer": "Acme Networks", "manufacturerOUI": "00D09E", "modelName": "HGW-9000",
 *                 "description": "...", "productClass": "HGW", "serialNumber": "SN0001",
 *                 "hardwareVersion": "rev B", "softwareVersion": "1.0.3",
 *                 "upTimeSeconds": 3600, "firstUseDate": "2025-01-01T00:00:00Z" }
 * }</pre>
 *
 * Every member is optional (a missing one is unknown); the up time counts on from
 * {@code upTimeSeconds} (0 when absent) since the area was read. A timeline step may replace the
 * area; a bad replacement is logged and the previous values kept. Thread-safe.
 */
final class SimulatedDeviceInfo implements DeviceInfoPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDeviceInfo.class);
    static final String AREA = "deviceInfo";

    /** One reading of the area. */
    private record State(DeviceIdentity identity, long upTimeSeconds, String firstUseDate, long readAtNanos) {
    }

    private final LongSupplier nanoClock;
    private volatile State state;

    private SimulatedDeviceInfo(State state, LongSupplier nanoClock) {
        this.state = state;
        this.nanoClock = nanoClock;
    }

    /** The device's values now, following the area's changes; an error for a bad area. */
    static Result<SimulatedDeviceInfo> follow(SimulatedDevice device, LongSupplier nanoClock) {
        Objects.requireNonNull(nanoClock, "nanoClock");
        Result<State> first = parse(device.area(AREA), nanoClock.getAsLong());
        if (!first.isOk()) {
            return Result.err(ErrorCode.INVALID_VALUE, device.source() + ": " + first.error().message());
        }
        SimulatedDeviceInfo info = new SimulatedDeviceInfo(first.value(), nanoClock);
        device.watch(AREA, () -> {
            Result<State> next = parse(device.area(AREA), nanoClock.getAsLong());
            if (next.isOk()) {
                info.state = next.value();
            } else {
                LOG.error("{}: the new \"{}\" is not used: {}", device.source(), AREA, next.error().message());
            }
        });
        return Result.ok(info);
    }

    private static Result<State> parse(JsonValue area, long now) {
        if (area instanceof JsonValue.Null) {
            return Result.ok(new State(DeviceIdentity.unknown(), 0, StaticDeviceInfo.UNKNOWN_TIME, now));
        }
        if (!(area instanceof JsonValue.Obj o)) {
            return Result.err(ErrorCode.INVALID_VALUE, "\"" + AREA + "\" must be an object");
        }
        try {
            DeviceIdentity id = new DeviceIdentity(o.string("manufacturer", ""), o.string("manufacturerOUI", ""),
                    o.string("modelName", ""), o.string("description", ""), o.string("productClass", ""),
                    o.string("serialNumber", ""), o.string("hardwareVersion", ""), o.string("softwareVersion", ""));
            long up = o.number("upTimeSeconds").orElse(0);
            if (up < 0) {
                return Result.err(ErrorCode.INVALID_VALUE, "\"" + AREA + "\".upTimeSeconds must not be negative");
            }
            String first = o.string("firstUseDate", StaticDeviceInfo.UNKNOWN_TIME);
            if (ValueType.dateTime().check(first).isPresent()) {
                return Result.err(ErrorCode.INVALID_VALUE, "\"" + AREA + "\".firstUseDate is not a dateTime: " + first);
            }
            return Result.ok(new State(id, up, first, now));
        } catch (IllegalArgumentException e) {
            return Result.err(ErrorCode.INVALID_VALUE, "\"" + AREA + "\": " + e.getMessage());
        }
    }

    @Override
    public DeviceIdentity identity() {
        return state.identity();
    }

    @Override
    public long upTimeSeconds() {
        State s = state;
        return s.upTimeSeconds() + Math.max(0, (nanoClock.getAsLong() - s.readAtNanos()) / 1_000_000_000L);
    }

    @Override
    public String firstUseDate() {
        return state.firstUseDate();
    }
}

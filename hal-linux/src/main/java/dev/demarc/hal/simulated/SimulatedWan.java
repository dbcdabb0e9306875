package dev.demarc.hal.simulated;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WanState;
import dev.demarc.tr181.platform.WanWrite;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAN side of a simulated device: its file's {@code "wan"} area ({@link SimulatedWanArea}),
 * read again each time the area changes (a timeline step, a write), which the watchers are
 * told. Applies every {@link WanWrite} by replacing the area: {@code enable}, {@code username}
 * and {@code password} of a client or PPP interface are set; a renewal gives the client's lease
 * its full {@code leaseSeconds} again. Thread-safe; reads answer from memory.
 */
public final class SimulatedWan implements WanPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedWan.class);

    private final SimulatedDevice device;
    private final Clock clock;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final Map<String, JsonValue> replacedPasswords = new ConcurrentHashMap<>();
    private volatile WanState state;

    public SimulatedWan(SimulatedDevice device, Clock clock) {
        this.device = Objects.requireNonNull(device, "device");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = read();
        device.watch(SimulatedWanArea.AREA, () -> {
            state = read();
            watchers.forEach(Runnable::run);
        });
    }

    /** Checks the area of {@code device} (for opening a file: a bad area is an error then, not later). */
    public static Optional<String> check(SimulatedDevice device) {
        Result<WanState> r = SimulatedWanArea.parse(device.area(SimulatedWanArea.AREA), java.time.Instant.now());
        return r.isOk() ? Optional.empty() : Optional.of(device.source() + ": " + r.error().message());
    }

    private WanState read() {
        Result<WanState> r = SimulatedWanArea.parse(device.area(SimulatedWanArea.AREA), clock.instant());
        if (!r.isOk()) {
            LOG.error("{}: {}; the WAN side is empty", device.source(), r.error().message());
            return WanState.EMPTY;
        }
        return r.value();
    }

    @Override
    public WanState state() {
        return state;
    }

    @Override
    public void watch(Runnable listener) {
        watchers.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Set<WanWrite> writes() {
        return Set.of(WanWrite.values());
    }

    @Override
    public Optional<DmError> setDhcpClientEnable(String interfaceKey, boolean enable) {
        return set("dhcpClients", interfaceKey, "enable", new JsonValue.Bool(enable));
    }

    @Override
    public Optional<DmError> renewDhcpClient(String interfaceKey) {
        JsonValue area = device.area(SimulatedWanArea.AREA);
        Optional<JsonValue> lease = SimulatedWanArea.entryMember(area, "dhcpClients", interfaceKey, "leaseSeconds");
        if (state.dhcpClient(interfaceKey).filter(c -> c.enabled()).isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, interfaceKey + " runs no DHCPv4 client"));
        }
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        return set("dhcpClients", interfaceKey, "leaseRemainingSeconds", lease.get());
    }

    @Override
    public Optional<DmError> setPppEnable(String key, boolean enable) {
        return set("ppp", key, "enable", new JsonValue.Bool(enable));
    }

    @Override
    public Optional<DmError> setPppUsername(String key, String username) {
        return set("ppp", key, "username", new JsonValue.Str(username));
    }

    @Override
    public synchronized Optional<DmError> setPppPassword(String key, String password) {
        JsonValue old = SimulatedWanArea.entryMember(device.area(SimulatedWanArea.AREA), "ppp", key, "password")
                .orElse(new JsonValue.Str(""));
        Optional<DmError> failed = set("ppp", key, "password", new JsonValue.Str(password));
        if (failed.isEmpty()) {
            replacedPasswords.put(key, old);
        }
        return failed;
    }

    @Override
    public synchronized void restorePppPassword(String key) {
        JsonValue old = replacedPasswords.remove(key);
        if (old != null) {
            set("ppp", key, "password", old);
        }
    }

    private synchronized Optional<DmError> set(String list, String key, String member, JsonValue value) {
        Optional<JsonValue> changed = SimulatedWanArea.withEntryMember(device.area(SimulatedWanArea.AREA), list, key,
                member, value);
        if (changed.isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.PARAMETER_ACTION_FAILED, "the simulated device has no " + key));
        }
        device.replace(SimulatedWanArea.AREA, changed.get());
        return Optional.empty();
    }
}

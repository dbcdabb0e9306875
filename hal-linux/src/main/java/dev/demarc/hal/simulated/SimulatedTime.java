package dev.demarc.hal.simulated;

import dev.demarc.core.DmError;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.NtpClient;
import dev.demarc.tr181.platform.NtpClient.NtpStatus;
import dev.demarc.tr181.platform.TimePlatform;
import dev.demarc.tr181.platform.TimeSnapshot;
import dev.demarc.tr181.platform.TimeWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code "time"} area of a simulated device: NTP on or off and its status, the time zone
 * (POSIX TZ string and tz database name) and the NTP clients. The clock is the machine's, told in
 * the area's zone. Every write is accepted and replaces the area; a timeline step is pushed.
 */
final class SimulatedTime implements TimePlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTime.class);
    static final String AREA = "time";

    private final SimulatedArea<TimeSnapshot> area;
    private final AtomicInteger nextKey = new AtomicInteger(1);

    SimulatedTime(SimulatedDevice device) {
        this.area = new SimulatedArea<>(device, AREA, (value, previous) -> parse(value));
    }

    @Override
    public TimeSnapshot snapshot() {
        return area.snapshot();
    }

    @Override
    public void watch(Runnable onChange) {
        area.watch(onChange);
    }

    @Override
    public TimeWrites writes() {
        return TimeWrites.ALL;
    }

    @Override
    public Optional<DmError> setEnable(boolean enable) {
        TimeSnapshot s = snapshot();
        NtpStatus status = !enable ? NtpStatus.DISABLED : s.enable() ? s.status() : NtpStatus.UNSYNCHRONIZED;
        write(new TimeSnapshot(enable, status, s.localTimeZone(), s.zoneName(), s.clients()));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> setLocalTimeZone(String posixTz) {
        TimeSnapshot s = snapshot();
        write(new TimeSnapshot(s.enable(), s.status(), posixTz, "", s.clients()));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> putClient(NtpClient client) {
        TimeSnapshot s = snapshot();
        List<NtpClient> clients = new ArrayList<>();
        boolean replaced = false;
        for (NtpClient c : s.clients()) {
            replaced |= c.key().equals(client.key());
            clients.add(c.key().equals(client.key()) ? client : c);
        }
        if (!replaced) {
            if (clients.size() >= TimeSnapshot.MAX_CLIENTS) {
                return Optional.of(DmError.of(dev.demarc.core.ErrorCode.RESOURCES_EXCEEDED, "no more NTP clients"));
            }
            clients.add(client);
        }
        write(new TimeSnapshot(s.enable(), s.status(), s.localTimeZone(), s.zoneName(), clients));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> deleteClient(String key) {
        TimeSnapshot s = snapshot();
        write(new TimeSnapshot(s.enable(), s.status(), s.localTimeZone(), s.zoneName(),
                s.clients().stream().filter(c -> !c.key().equals(key)).toList()));
        return Optional.empty();
    }

    @Override
    public Optional<String> newClientKey() {
        while (true) {
            String key = "client" + nextKey.getAndIncrement();
            if (snapshot().clients().stream().noneMatch(c -> c.key().equals(key))) {
                return Optional.of(key);
            }
        }
    }

    private void write(TimeSnapshot s) {
        List<JsonValue> clients = new ArrayList<>();
        for (NtpClient c : s.clients()) {
            clients.add(SimulatedJson.obj().put("key", c.key()).put("enable", c.enable())
                    .put("status", c.status().standardName()).strings("servers", c.servers()).build());
        }
        area.write(SimulatedJson.obj().put("enable", s.enable()).put("status", s.status().standardName())
                .put("localTimeZone", s.localTimeZone()).put("zoneName", s.zoneName())
                .put("clients", new JsonValue.Arr(clients)).build());
    }

    private static NtpStatus status(String name, NtpStatus otherwise) {
        for (NtpStatus s : NtpStatus.values()) {
            if (s.standardName().equals(name)) {
                return s;
            }
        }
        return otherwise;
    }

    private static TimeSnapshot parse(JsonValue value) {
        JsonValue.Obj o = SimulatedJson.asObject(value);
        boolean enable = o.bool("enable").orElse(true);
        List<NtpClient> clients = new ArrayList<>();
        for (JsonValue.Obj c : o.array("clients").objects()) {
            try {
                boolean on = c.bool("enable").orElse(true);
                String key = c.string("key", "");
                if (clients.size() < TimeSnapshot.MAX_CLIENTS && clients.stream().noneMatch(x -> x.key().equals(key))) {
                    clients.add(new NtpClient(key, on, status(c.string("status", ""),
                            on ? NtpStatus.SYNCHRONIZED : NtpStatus.DISABLED), c.array("servers").strings()));
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("simulated NTP client {} skipped: {}", c.string("key", "?"), e.getMessage());
            }
        }
        try {
            return new TimeSnapshot(enable, status(o.string("status", ""), enable ? NtpStatus.SYNCHRONIZED : NtpStatus.DISABLED),
                    o.string("localTimeZone", "UTC0"), o.string("zoneName", ""), clients);
        } catch (IllegalArgumentException e) {
            LOG.warn("simulated time area: {}", e.getMessage());
            return TimeSnapshot.UNKNOWN;
        }
    }
}

package dev.demarc.hal.simulated;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.NatPlatform;
import dev.demarc.tr181.platform.NatWrites;
import dev.demarc.tr181.platform.PortMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code "nat"} area of a simulated device: {@code {"portMappings": [...]}}. Every write is
 * accepted (add, change, delete) and replaces the area; a timeline step is pushed.
 */
final class SimulatedNat implements NatPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNat.class);
    static final String AREA = "nat";

    private final SimulatedArea<List<PortMapping>> area;
    private final AtomicInteger nextKey = new AtomicInteger(1);

    SimulatedNat(SimulatedDevice device) {
        this.area = new SimulatedArea<>(device, AREA, (value, previous) -> parse(value));
    }

    @Override
    public List<PortMapping> portMappings() {
        return area.snapshot();
    }

    @Override
    public void watch(Runnable onChange) {
        area.watch(onChange);
    }

    @Override
    public NatWrites writes() {
        return NatWrites.ALL;
    }

    @Override
    public Optional<DmError> putPortMapping(PortMapping mapping) {
        List<JsonValue> out = new ArrayList<>();
        boolean replaced = false;
        for (PortMapping m : portMappings()) {
            replaced |= m.key().equals(mapping.key());
            out.add(json(m.key().equals(mapping.key()) ? mapping : m));
        }
        if (!replaced) {
            if (out.size() >= MAX_PORT_MAPPINGS) {
                return Optional.of(DmError.of(ErrorCode.RESOURCES_EXCEEDED, "no more port mappings"));
            }
            out.add(json(mapping));
        }
        area.write(SimulatedJson.with(area.value(), "portMappings", new JsonValue.Arr(out)));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> deletePortMapping(String key) {
        List<JsonValue> out = portMappings().stream().filter(m -> !m.key().equals(key)).map(m -> (JsonValue) json(m)).toList();
        area.write(SimulatedJson.with(area.value(), "portMappings", new JsonValue.Arr(out)));
        return Optional.empty();
    }

    @Override
    public Optional<String> newPortMappingKey() {
        while (true) {
            String key = "pm" + nextKey.getAndIncrement();
            if (portMappings().stream().noneMatch(m -> m.key().equals(key))) {
                return Optional.of(key);
            }
        }
    }

    static JsonValue.Obj json(PortMapping m) {
        return SimulatedJson.obj().put("key", m.key()).put("enable", m.enable()).put("interface", m.ipInterface())
                .put("allInterfaces", m.allInterfaces()).put("leaseDuration", m.leaseDuration())
                .put("remoteHost", m.remoteHost()).put("externalPort", m.externalPort())
                .put("externalPortEndRange", m.externalPortEndRange()).put("internalPort", m.internalPort())
                .put("protocol", m.protocol().name()).put("internalClient", m.internalClient())
                .put("description", m.description()).build();
    }

    private static List<PortMapping> parse(JsonValue value) {
        List<PortMapping> out = new ArrayList<>();
        for (JsonValue.Obj m : SimulatedJson.asObject(value).array("portMappings").objects()) {
            try {
                String key = m.string("key", "");
                if (out.size() >= MAX_PORT_MAPPINGS || out.stream().anyMatch(x -> x.key().equals(key))) {
                    continue;
                }
                out.add(PortMapping.builder(key).enable(m.bool("enable").orElse(true))
                        .ipInterface(m.string("interface", "")).allInterfaces(m.bool("allInterfaces").orElse(false))
                        .leaseDuration(m.number("leaseDuration").orElse(0)).remoteHost(m.string("remoteHost", ""))
                        .externalPort((int) m.number("externalPort").orElse(0))
                        .externalPortEndRange((int) m.number("externalPortEndRange").orElse(0))
                        .internalPort((int) m.number("internalPort").orElse(0))
                        .protocol(PortMapping.Protocol.valueOf(m.string("protocol", "TCP").toUpperCase(Locale.ROOT)))
                        .internalClient(m.string("internalClient", "")).description(m.string("description", ""))
                        .build());
            } catch (IllegalArgumentException e) {
                LOG.warn("simulated port mapping {} skipped: {}", m.string("key", "?"), e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}

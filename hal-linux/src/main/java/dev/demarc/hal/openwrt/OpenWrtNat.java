package dev.demarc.hal.openwrt;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.tr181.platform.NatPlatform;
import dev.demarc.tr181.platform.NatWrites;
import dev.demarc.tr181.platform.PortMapping;
import dev.demarc.tr181.platform.PortMapping.Field;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenWrt's port forwards: the {@code config redirect} sections of {@code /etc/config/firewall}
 * with target DNAT (the default), read from the file and written through uci ({@link UciFile}),
 * then {@code /etc/init.d/firewall reload}.
 *
 * <p>Each redirect is one port mapping keyed by its section ({@link UciPackage} names anonymous
 * ones); a redirect for TCP and UDP (uci's default) is two, keyed {@code SECTION/tcp} and
 * {@code SECTION/udp}, which the agent does not change (TR-181 has one protocol per mapping): a
 * write to them is refused. Redirects it cannot show as a port mapping (SNAT, other protocols,
 * a source address that is a range or a negation) are left out. {@code Interface} is the first
 * network of the redirect's source zone ({@code src 'wan'} -> {@code wan}), written back as the
 * zone that holds the interface. Mappings added by the agent are named {@code demarc_pm_N}, go
 * from the {@code wan} zone to the {@code lan} zone (when they exist), target DNAT.
 *
 * <p>Writes: everything but {@code AllInterfaces} and {@code LeaseDuration} (OpenWrt forwards are
 * static), and add and delete.
 */
public final class OpenWrtNat implements NatPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(OpenWrtNat.class);
    /** The prefix of the sections of the mappings the agent adds. */
    public static final String NEW_SECTION_PREFIX = "demarc_pm_";

    private static final NatWrites WRITES = new NatWrites(EnumSet.complementOf(
            EnumSet.of(Field.ALL_INTERFACES, Field.LEASE_DURATION)), true);

    private final UciFile firewall;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextKey = new AtomicInteger(1);
    /** The mappings of {@link #derivedFrom}; guarded by this. */
    private List<PortMapping> mappings;
    private UciPackage derivedFrom;

    public OpenWrtNat(UciFile firewall) {
        this.firewall = Objects.requireNonNull(firewall, "firewall");
        firewall.listen(() -> watchers.forEach(Runnable::run));
    }

    @Override
    public synchronized List<PortMapping> portMappings() {
        UciPackage now = firewall.current();
        if (now != derivedFrom) {
            mappings = portMappings(now);
            derivedFrom = now;
        }
        return mappings;
    }

    @Override
    public void watch(Runnable onChange) {
        watchers.add(Objects.requireNonNull(onChange, "onChange"));
    }

    @Override
    public NatWrites writes() {
        return WRITES;
    }

    @Override
    public Optional<String> newPortMappingKey() {
        UciPackage now = firewall.current();
        while (true) {
            String key = NEW_SECTION_PREFIX + nextKey.getAndIncrement();
            if (!now.has(key)) {
                return Optional.of(key);
            }
        }
    }

    @Override
    public Optional<DmError> putPortMapping(PortMapping m) {
        if (m.key().contains("/")) {
            return Optional.of(both(m.key()));
        }
        if (!UciPackage.NAME.matcher(m.key()).matches()) {
            return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, "not a uci section name: " + m.key()));
        }
        if (m.allInterfaces() || m.leaseDuration() != 0) {
            return Optional.of(DmError.of(ErrorCode.INVALID_VALUE,
                    "OpenWrt forwards are static and from one zone: AllInterfaces and LeaseDuration cannot be set"));
        }
        if (!m.internalClient().isEmpty() && !DataTypes.IPV4_ADDRESS.isValid(m.internalClient())) {
            return Optional.of(DmError.of(ErrorCode.INVALID_VALUE,
                    "InternalClient must be an IPv4 address on OpenWrt: " + m.internalClient()));
        }
        if (!m.remoteHost().isEmpty() && !DataTypes.IPV4_ADDRESS.isValid(m.remoteHost())) {
            return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, "RemoteHost must be an IPv4 address on OpenWrt"));
        }
        if (m.externalPortEndRange() != 0 && m.externalPortEndRange() < m.externalPort()) {
            return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, "ExternalPortEndRange is below ExternalPort"));
        }
        UciPackage now = firewall.current();
        Optional<String> zone = m.ipInterface().isEmpty() ? Optional.empty() : zoneOf(now, m.ipInterface());
        if (!m.ipInterface().isEmpty() && zone.isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.INVALID_VALUE, "no firewall zone holds interface " + m.ipInterface()));
        }
        Optional<UciPackage.Section> existing = now.section(m.key());
        if (existing.isPresent() && (!existing.get().type().equals("redirect") || isBoth(existing.get()))) {
            return Optional.of(existing.get().type().equals("redirect") ? both(m.key())
                    : DmError.of(ErrorCode.INVALID_VALUE, m.key() + " is not a redirect"));
        }
        UciPackage.Section s = existing.orElseGet(() -> newSection(now, m.key()));
        s = set(s, "enabled", m.enable() ? (s.options().containsKey("enabled") ? "1" : null) : "0");
        if (zone.isPresent()) {
            s = set(s, "src", zone.get());
        }
        s = set(s, "src_ip", m.remoteHost());
        s = set(s, "src_dport", m.externalPort() == 0 ? null
                : m.externalPortEndRange() > m.externalPort() ? m.externalPort() + "-" + m.externalPortEndRange()
                : Integer.toString(m.externalPort()));
        s = set(s, "dest_ip", m.internalClient());
        s = set(s, "dest_port", m.internalPort() == 0 ? null : Integer.toString(m.internalPort()));
        s = set(s, "proto", m.protocol().name().toLowerCase(Locale.ROOT));
        s = set(s, "name", m.description());
        // A section the edit leaves as the file has it stays as it is there (an undone change
        // does not rename an anonymous section); a changed one is named, so that it keeps its key.
        UciPackage.Section edited = s;
        UciPackage.Section put = firewall.base().section(m.key())
                .filter(inFile -> inFile.options().equals(edited.options())).orElse(edited.named());
        firewall.edit(p -> p.with(put));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> deletePortMapping(String key) {
        if (key.contains("/")) {
            return Optional.of(both(key));
        }
        if (!firewall.current().has(key)) {
            return Optional.of(DmError.of(ErrorCode.OBJECT_DOES_NOT_EXIST, "no redirect " + key));
        }
        firewall.edit(p -> p.without(key));
        return Optional.empty();
    }

    private static DmError both(String key) {
        return DmError.of(ErrorCode.REQUEST_DENIED, "the OpenWrt redirect " + key.substring(0, key.indexOf('/'))
                + " forwards TCP and UDP, which TR-181 shows as two port mappings; change it in /etc/config/firewall,"
                + " or delete it there and add one mapping per protocol");
    }

    private static UciPackage.Section newSection(UciPackage p, String key) {
        LinkedHashMap<String, UciPackage.Option> options = new LinkedHashMap<>();
        options.put("target", UciPackage.Option.of("DNAT"));
        if (zone(p, "wan").isPresent()) {
            options.put("src", UciPackage.Option.of("wan"));
        }
        if (zone(p, "lan").isPresent()) {
            options.put("dest", UciPackage.Option.of("lan"));
        }
        return new UciPackage.Section(key, "redirect", false, options);
    }

    /** {@code s} with {@code option} set; {@code null} or empty removes it. */
    private static UciPackage.Section set(UciPackage.Section s, String option, String value) {
        return s.with(option, value == null || value.isEmpty() ? null : UciPackage.Option.of(value));
    }

    // ------------------------------------------------------------------ reading

    /** The port mappings the redirects of {@code firewall} make. Pure. */
    public static List<PortMapping> portMappings(UciPackage firewall) {
        List<PortMapping> out = new ArrayList<>();
        for (UciPackage.Section s : firewall.ofType("redirect")) {
            if (out.size() >= MAX_PORT_MAPPINGS - 1) {
                break;
            }
            try {
                mapping(firewall, s).ifPresent(m -> {
                    if (isBoth(s)) {
                        out.add(m.toBuilder().key(s.id() + "/tcp").protocol(PortMapping.Protocol.TCP).build());
                        out.add(m.toBuilder().key(s.id() + "/udp").protocol(PortMapping.Protocol.UDP).build());
                    } else {
                        out.add(m);
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("redirect {} is not shown as a port mapping: {}", s.id(), e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static boolean isBoth(UciPackage.Section s) {
        List<String> protos = protocols(s);
        return protos.contains("tcp") && protos.contains("udp");
    }

    private static List<String> protocols(UciPackage.Section s) {
        List<String> out = new ArrayList<>();
        List<String> given = s.list("proto");
        for (String v : given.isEmpty() ? List.of("tcp udp") : given) {
            for (String p : v.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (p.equals("tcpudp")) {
                    out.add("tcp");
                    out.add("udp");
                } else if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static Optional<PortMapping> mapping(UciPackage firewall, UciPackage.Section s) {
        String target = s.get("target").orElse("DNAT");
        List<String> protos = protocols(s);
        if (!target.equalsIgnoreCase("DNAT") || protos.isEmpty()
                || !protos.stream().allMatch(p -> p.equals("tcp") || p.equals("udp"))) {
            return Optional.empty();
        }
        String srcIp = s.get("src_ip").orElse("");
        if (!srcIp.isEmpty() && !DataTypes.IP_ADDRESS.isValid(srcIp)) {
            return Optional.empty();
        }
        int[] external = ports(s.get("src_dport").orElse(""));
        int[] internal = ports(s.get("dest_port").orElse(""));
        if (external == null || internal == null) {
            return Optional.empty();
        }
        String src = s.get("src").orElse("");
        String description = s.get("name").orElse("");
        return Optional.of(PortMapping.builder(s.id())
                .enable(!s.get("enabled").orElse("1").equals("0"))
                .ipInterface(src.isEmpty() || src.equals("*") ? "" : firstNetwork(firewall, src))
                .allInterfaces(src.equals("*"))
                .remoteHost(srcIp)
                .externalPort(external[0])
                .externalPortEndRange(external[1] > external[0] ? external[1] : 0)
                .internalPort(internal[0])
                .protocol(protos.get(0).equals("udp") ? PortMapping.Protocol.UDP : PortMapping.Protocol.TCP)
                .internalClient(s.get("dest_ip").orElse(""))
                .description(description.length() > 256 ? description.substring(0, 256) : description)
                .build());
    }

    /** {@code 8080} or {@code 8000-8010} (or {@code 8000:8010}) as [first, last]; empty is [0, 0]; null when neither. */
    static int[] ports(String text) {
        if (text.isEmpty()) {
            return new int[] {0, 0};
        }
        String[] parts = text.trim().split("[-:]", -1);
        try {
            int first = Integer.parseInt(parts[0].trim());
            int last = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : first;
            if (parts.length > 2 || first < 0 || first > 65535 || last < first || last > 65535) {
                return null;
            }
            return new int[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The networks of a zone: {@code list network}, or the old space-separated {@code option network}. */
    static List<String> networks(UciPackage.Section zone) {
        List<String> out = new ArrayList<>();
        for (String v : zone.list("network")) {
            for (String n : v.split("\\s+")) {
                if (!n.isEmpty()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    static Optional<UciPackage.Section> zone(UciPackage firewall, String name) {
        return firewall.ofType("zone").stream().filter(z -> z.get("name").orElse("").equals(name)).findFirst();
    }

    /** The interface key a zone stands for: its first network, else the zone's own name. */
    private static String firstNetwork(UciPackage firewall, String zoneName) {
        return zone(firewall, zoneName).map(OpenWrtNat::networks).filter(n -> !n.isEmpty())
                .map(n -> n.get(0)).orElse(zoneName);
    }

    /** The zone that holds an interface. */
    private static Optional<String> zoneOf(UciPackage firewall, String ipInterface) {
        for (UciPackage.Section z : firewall.ofType("zone")) {
            if (networks(z).contains(ipInterface) && z.get("name").isPresent()) {
                return z.get("name");
            }
        }
        return Optional.empty();
    }
}

package dev.demarc.hal.openwrt;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.tr181.platform.NtpClient;
import dev.demarc.tr181.platform.NtpClient.NtpStatus;
import dev.demarc.tr181.platform.TimePlatform;
import dev.demarc.tr181.platform.TimeSnapshot;
import dev.demarc.tr181.platform.TimeWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * OpenWrt's clock settings, in {@code /etc/config/system}: the time zone of the first
 * {@code config system} section ({@code timezone}, a POSIX TZ string, default {@code UTC};
 * {@code zonename}, the tz database name LuCI sets), and sysntpd, the {@code config timeserver
 * 'ntp'} section ({@code enabled}, default on; {@code list server}), its one NTP client, keyed
 * {@code ntp}. Busybox's ntpd tells nobody whether it has synchronized: an enabled client reads
 * {@code Unsynchronized} (not known to be synchronized).
 *
 * <p>Writes, through uci then {@code /etc/init.d/system reload} and {@code /etc/init.d/sysntpd
 * restart}: {@code Device.Time.Enable} ({@code system.ntp.enabled}, which the client's
 * {@code Enable} reads too), {@code LocalTimeZone} ({@code timezone}; {@code zonename} is removed,
 * as it would name another zone), the client's {@code Servers}. No clients are added or deleted.
 */
public final class OpenWrtTime implements TimePlatform {

    private static final TimeWrites WRITES = new TimeWrites(true, true, false, true, false);
    /** The key of sysntpd's client, and the name of its section. */
    public static final String NTP = "ntp";

    private final UciFile system;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();

    public OpenWrtTime(UciFile system) {
        this.system = Objects.requireNonNull(system, "system");
        system.listen(() -> watchers.forEach(Runnable::run));
    }

    @Override
    public TimeSnapshot snapshot() {
        return snapshot(system.current());
    }

    /** The time service {@code /etc/config/system} describes. Pure. */
    public static TimeSnapshot snapshot(UciPackage system) {
        Optional<UciPackage.Section> sys = system.ofType("system").stream().findFirst();
        String tz = sys.flatMap(s -> s.get("timezone")).orElse("UTC");
        String zone = sys.flatMap(s -> s.get("zonename")).orElse("");
        Optional<UciPackage.Section> ntp = system.section(NTP).filter(s -> s.type().equals("timeserver"));
        if (ntp.isEmpty()) {
            return new TimeSnapshot(false, NtpStatus.DISABLED, tz.length() > 256 ? "" : tz, zone.length() > 64 ? "" : zone,
                    List.of());
        }
        boolean enable = !ntp.get().get("enabled").orElse("1").equals("0");
        NtpStatus status = enable ? NtpStatus.UNSYNCHRONIZED : NtpStatus.DISABLED;
        List<String> servers = new ArrayList<>();
        for (String s : ntp.get().list("server")) {
            if (!s.isBlank() && !s.contains(",") && s.length() <= 256 && servers.size() < NtpClient.MAX_SERVERS) {
                servers.add(s.strip());
            }
        }
        return new TimeSnapshot(enable, status, tz.length() > 256 ? "" : tz, zone.length() > 64 ? "" : zone,
                List.of(new NtpClient(NTP, enable, status, servers)));
    }

    @Override
    public void watch(Runnable onChange) {
        watchers.add(Objects.requireNonNull(onChange, "onChange"));
    }

    @Override
    public TimeWrites writes() {
        return WRITES;
    }

    @Override
    public Optional<DmError> setEnable(boolean enable) {
        Optional<UciPackage.Section> ntp = system.current().section(NTP);
        if (ntp.isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.INVALID_CONFIGURATION, "/etc/config/system has no timeserver 'ntp'"));
        }
        UciPackage.Section edited = ntp.get().with("enabled", UciPackage.Option.of(enable ? "1" : "0"));
        system.edit(p -> p.with(edited));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> setLocalTimeZone(String posixTz) {
        Optional<UciPackage.Section> sys = system.current().ofType("system").stream().findFirst();
        if (sys.isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.INVALID_CONFIGURATION, "/etc/config/system has no system section"));
        }
        UciPackage.Section edited = sys.get().with("timezone", UciPackage.Option.of(posixTz)).with("zonename", null);
        system.edit(p -> p.with(edited));
        return Optional.empty();
    }

    @Override
    public Optional<DmError> putClient(NtpClient client) {
        Optional<UciPackage.Section> ntp = system.current().section(NTP);
        if (!client.key().equals(NTP) || ntp.isEmpty()) {
            return Optional.of(DmError.of(ErrorCode.REQUEST_DENIED, "OpenWrt has one NTP client, sysntpd"));
        }
        boolean enabled = !ntp.get().get("enabled").orElse("1").equals("0");
        if (client.enable() != enabled) {
            return Optional.of(DmError.of(ErrorCode.REQUEST_DENIED, "sysntpd is turned on and off by Device.Time.Enable"));
        }
        UciPackage.Section edited = ntp.get().with("server",
                client.servers().isEmpty() ? null : UciPackage.Option.listOf(client.servers()));
        system.edit(p -> p.with(edited));
        return Optional.empty();
    }
}

package dev.demarc.hal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.hal.FixtureTrees;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.linux.LinuxSystemStatus;
import dev.demarc.hal.linux.ProcFs;
import dev.demarc.hal.linux.TemperatureReadings;
import dev.demarc.hal.linux.TemperatureTracker;
import dev.demarc.tr181.platform.MemoryStatus;
import dev.demarc.tr181.platform.SystemProcess;
import dev.demarc.tr181.platform.TemperatureSensor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Memory, CPU, processes and temperatures read from procfs and sysfs fixtures. */
class SystemStatusTest {

    private final ScheduledExecutorService pool = PlatformThreads.newPool("test");
    private static final Instant T0 = Instant.parse("2025-04-23T10:00:00Z");

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void memory_is_total_and_available_in_kib() {
        assertEquals(Optional.of(new MemoryStatus(122880, 56512)), ProcFs.meminfo(
                FixtureTrees.files("openwrt-router").read("/proc/meminfo").orElseThrow()));
        assertEquals(Optional.of(new MemoryStatus(1000, 400)), ProcFs.meminfo("MemTotal: 1000 kB\nMemFree: 400 kB\n"),
                "a kernel without MemAvailable: MemFree");
        assertEquals(Optional.empty(), ProcFs.meminfo("garbage"));
    }

    @Test
    void cpu_usage_is_the_busy_share_between_two_samplings() {
        ProcFs.CpuTimes before = ProcFs.cpu(FixtureTrees.files("openwrt-router").read("/proc/stat").orElseThrow()).orElseThrow();
        assertEquals(new ProcFs.CpuTimes(20210 + 14087 + 3211, 20210 + 14087 + 3211 + 1716402), before);
        ProcFs.CpuTimes after = ProcFs.cpu("cpu  20285 0 14112 1716802 0 0 3211 0 0 0\n").orElseThrow();
        assertEquals(OptionalInt.of(20), after.usageSince(before), "100 busy ticks of 500");
        assertEquals(OptionalInt.empty(), before.usageSince(before), "no time passed");
    }

    @Test
    void processes_of_an_openwrt_router() {
        LinuxSystemStatus status = started("openwrt-router");
        assertEquals(List.of(
                new SystemProcess(1, "procd", 1344, 20, 1320, SystemProcess.State.SLEEPING),
                new SystemProcess(2, "kthreadd", 0, 20, 30, SystemProcess.State.SLEEPING),
                new SystemProcess(1187, "dnsmasq", 1588, 20, 3510, SystemProcess.State.SLEEPING),
                new SystemProcess(1433, "hostapd", 4404, 20, 25170, SystemProcess.State.RUNNING),
                new SystemProcess(2210, "uhttpd", 1520, 25, 490, SystemProcess.State.SLEEPING)),
                status.processes().processes());
        assertEquals(Optional.of(new MemoryStatus(122880, 56512)), status.memory());
        assertEquals(OptionalInt.empty(), status.processes().cpuUsagePercent(), "one sampling: no usage yet");
    }

    @Test
    void processes_of_a_debian_box_with_odd_names_real_time_and_zombies() {
        List<SystemProcess> p = started("debian-box").processes().processes();
        assertEquals(new SystemProcess(15, "migration/0", 0, 0, 210, SystemProcess.State.SLEEPING), p.get(2),
                "a real-time process has the highest priority, 0");
        assertEquals(new SystemProcess(1543, "(sd-pam)", 3444, 20, 0, SystemProcess.State.SLEEPING), p.get(4));
        assertEquals(SystemProcess.State.ZOMBIE, p.get(5).state());
    }

    @Test
    void thermal_zones_of_an_openwrt_router_one_failing() {
        List<TemperatureSensor> t = started("openwrt-router").temperatureSensors();
        assertEquals(2, t.size());
        assertEquals(new TemperatureSensor("cpu-thermal", true, T0, OptionalInt.of(48), Optional.of(T0),
                OptionalInt.of(48), Optional.of(T0), OptionalInt.of(48), Optional.of(T0)), t.get(0));
        assertEquals("mt7915-phy0", t.get(1).name());
        assertFalse(t.get(1).readable(), "its temp file cannot be read");
        assertEquals(OptionalInt.empty(), t.get(1).value());
    }

    @Test
    void hwmon_inputs_of_a_debian_box_with_the_thermal_zones_twin_left_out() {
        List<String> names = TemperatureReadings.read(FixtureTrees.files("debian-box")).stream()
                .map(TemperatureReadings.Reading::name).toList();
        assertEquals(List.of("acpitz", "coretemp Package id 0", "coretemp Core 0", "coretemp Core 1", "nvme temp1"),
                names);
        assertEquals(OptionalInt.of(36), TemperatureReadings.read(FixtureTrees.files("debian-box")).get(4).celsius(),
                "35.85 rounds to 36");
    }

    @Test
    void a_sensor_keeps_its_lowest_and_highest_readings_until_reset() {
        TemperatureTracker tracker = new TemperatureTracker();
        tracker.update(List.of(reading("cpu", 50)), T0);
        tracker.update(List.of(reading("cpu", 44)), T0.plusSeconds(30));
        tracker.update(List.of(new TemperatureReadings.Reading("cpu", OptionalInt.empty())), T0.plusSeconds(60));
        TemperatureSensor s = tracker.update(List.of(reading("cpu", 47)), T0.plusSeconds(90)).get(0);
        assertEquals(OptionalInt.of(47), s.value());
        assertEquals(Optional.of(T0.plusSeconds(90)), s.lastUpdate());
        assertEquals(OptionalInt.of(44), s.minValue());
        assertEquals(Optional.of(T0.plusSeconds(30)), s.minTime());
        assertEquals(OptionalInt.of(50), s.maxValue());
        assertEquals(T0, s.resetTime());
        assertTrue(tracker.reset("cpu", T0.plusSeconds(100)).isEmpty());
        TemperatureSensor reset = tracker.current().get(0);
        assertEquals(T0.plusSeconds(100), reset.resetTime());
        assertEquals(OptionalInt.empty(), reset.value(), "no good reading since the reset");
        assertEquals(OptionalInt.empty(), reset.maxValue());
        assertTrue(tracker.reset("gpu", T0).isPresent());
        assertEquals(List.of(), tracker.update(List.of(), T0.plusSeconds(120)), "a sensor gone is forgotten");
    }

    @Test
    void a_read_of_an_old_process_list_asks_for_a_new_one() throws Exception {
        AtomicLong nanos = new AtomicLong();
        LinuxSystemStatus status = new LinuxSystemStatus(FixtureTrees.files("openwrt-router"), pool,
                Clock.fixed(T0, ZoneOffset.UTC), nanos::get,
                new LinuxSystemStatus.Settings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(5))).start();
        java.util.concurrent.CountDownLatch unchanged = new java.util.concurrent.CountDownLatch(1);
        status.watch(unchanged::countDown);
        nanos.set(Duration.ofSeconds(6).toNanos());
        assertEquals(5, status.processes().processes().size(), "the old list, at once");
        // The same processes: the refresh runs, and the watchers are not told.
        pool.submit(() -> { }).get();
        assertEquals(1, unchanged.getCount());
        status.close();
    }

    private LinuxSystemStatus started(String tree) {
        return new LinuxSystemStatus(FixtureTrees.files(tree), pool, Clock.fixed(T0, ZoneOffset.UTC), System::nanoTime,
                new LinuxSystemStatus.Settings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1))).start();
    }

    private static TemperatureReadings.Reading reading(String name, int celsius) {
        return new TemperatureReadings.Reading(name, OptionalInt.of(celsius));
    }
}

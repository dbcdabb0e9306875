package dev.demarc.hal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.hal.linux.ProcFs;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.PlatformChanges;
import dev.demarc.tr181.Tr181Model;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The system area of the machine the test runs on, through the real data model: sane real values. */
class ThisMachineTest {

    @Test
    void device_info_memory_and_processes_of_this_machine() {
        Assumptions.assumeTrue(SystemFiles.device().exists("/proc/meminfo"), "not a Linux machine");
        SystemCommandRunner commands = SystemCommandRunner.standard();
        try (LinuxPlatform platform = new LinuxPlatform(SystemFiles.device(), commands)) {
            Schema schema = Tr181Model.schema(platform);
            LocalAgentInfo agent = new LocalAgentInfo("proto::test", "0.1.0", () -> 0, List.of());
            DataModel model = DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent,
                    new MtpStatusRegistry(), PlatformChanges.NONE), new InMemoryStore(), true, List.of(), "test").value();

            long upTime = Long.parseLong(read(model, "Device.DeviceInfo.UpTime"));
            long procUptime = ProcFs.uptimeSeconds(SystemFiles.device().read("/proc/uptime").orElseThrow()).getAsLong();
            assertTrue(upTime > 0 && Math.abs(upTime - procUptime) <= 5, upTime + " vs /proc/uptime " + procUptime);
            long total = Long.parseLong(read(model, "Device.DeviceInfo.MemoryStatus.Total"));
            long free = Long.parseLong(read(model, "Device.DeviceInfo.MemoryStatus.Free"));
            assertTrue(total > 16 * 1024 && free > 0 && free <= total, total + " KiB, " + free + " KiB free");
            assertFalse(read(model, "Device.DeviceInfo.SoftwareVersion").isEmpty(), "/etc/os-release or the kernel");

            Result<List<ObjectValues>> processes = model.get("Device.DeviceInfo.ProcessStatus.Process.", 0);
            assertTrue(processes.isOk(), processes::toString);
            int count = Integer.parseInt(read(model, "Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries"));
            assertTrue(count >= 2 && count <= 1024, count + " processes");
            String me = Long.toString(ProcessHandle.current().pid());
            Map<String, String> mine = processes.value().stream().map(ObjectValues::parameters)
                    .filter(p -> me.equals(p.get("PID"))).findFirst().orElseThrow(() -> new AssertionError(
                            "this JVM (pid " + me + ") is not among the processes"));
            assertEquals("java", mine.get("Command"));
            assertTrue(Long.parseLong(mine.get("Size")) > 1024, "a JVM uses more than 1 MiB: " + mine);
            assertTrue(Long.parseLong(mine.get("CPUTime")) > 0);

            long before = commands.started();
            Result<List<ObjectValues>> all = model.get("Device.DeviceInfo.", 0);
            assertTrue(all.isOk());
            assertEquals(before, commands.started(), "a Get of Device.DeviceInfo. starts no process");
        }
    }

    private static String read(DataModel model, String path) {
        Result<String> r = model.read(path);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }
}

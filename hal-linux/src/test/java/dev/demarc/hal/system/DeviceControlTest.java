package dev.demarc.hal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.hal.PlatformOptions;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.linux.CommandDeviceControl;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.tr181.platform.DeviceControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reboot and factory reset run the command the platform or the agent's options give, or say none is configured. */
class DeviceControlTest {

    @TempDir
    Path tmp;

    private final ScheduledExecutorService pool = PlatformThreads.newPool("test");

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void without_a_command_reboot_is_not_configured() {
        DeviceControl control = LinuxPlatform.control(PlatformOptions.none(), Map.of(), pool);
        DmError e = control.check(DeviceControl.Action.REBOOT).orElseThrow();
        assertEquals(ErrorCode.COMMAND_FAILURE, e.code());
        assertEquals("no reboot command is configured on this device (demarc agent --reboot-command)", e.message());
        assertTrue(control.check(DeviceControl.Action.FACTORY_RESET).get().message().contains("--factory-reset-command"));
    }

    @Test
    void the_options_command_runs_through_the_shell() throws Exception {
        Path marker = tmp.resolve("rebooted");
        DeviceControl control = LinuxPlatform.control(new PlatformOptions(
                Optional.of("echo now > '" + marker + "'"), Optional.empty()), Map.of(), pool);
        assertEquals(Optional.empty(), control.check(DeviceControl.Action.REBOOT));
        assertEquals(Optional.empty(), control.perform(DeviceControl.Action.REBOOT).toCompletableFuture()
                .get(20, TimeUnit.SECONDS));
        assertEquals("now\n", Files.readString(marker));
    }

    @Test
    void a_failing_command_is_reported() throws Exception {
        DeviceControl control = new CommandDeviceControl(Map.of(DeviceControl.Action.FACTORY_RESET,
                List.of("/bin/sh", "-c", "echo cannot >&2; exit 4")), SystemCommandRunner.standard(), pool, Duration.ZERO);
        DmError e = control.perform(DeviceControl.Action.FACTORY_RESET).toCompletableFuture()
                .get(20, TimeUnit.SECONDS).orElseThrow();
        assertTrue(e.message().startsWith("factory reset command failed: "), e.message());
        assertTrue(e.message().endsWith("exit status 4: cannot"), e.message());
    }
}

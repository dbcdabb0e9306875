package dev.demarc.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.text.JsonValue;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.simulated.SimulatedDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every platform builds on: running commands, reading files, the simulated device's file. */
class PlatformFoundationTest {

    @TempDir
    Path dir;

    @Test
    void a_command_gives_its_output_or_says_why_not() {
        SystemCommandRunner runner = SystemCommandRunner.standard();
        assertEquals("hello\n", runner.run(List.of("echo", "hello")).value());
        Result<String> failed = runner.run(List.of("sh", "-c", "echo broken >&2; exit 3"));
        assertEquals("sh -c echo broken >&2; exit 3: exit status 3: broken", failed.error().message());
        assertTrue(runner.run(List.of("/nonexistent/tool")).error().message().contains("cannot run it"));
        assertEquals(2, runner.started(), "a command that cannot start is not counted");
    }

    @Test
    void a_command_is_bounded_in_time_and_output() {
        SystemCommandRunner runner = new SystemCommandRunner(Duration.ofMillis(300), 1000);
        assertTrue(runner.run(List.of("sleep", "5")).error().message().contains("no answer within"));
        assertTrue(runner.run(List.of("head", "-c", "5000", "/dev/zero")).error().message().contains("more than 1000 bytes"));
    }

    @Test
    void files_are_read_under_a_root() throws IOException {
        Files.createDirectories(dir.resolve("sys/class/net/eth0/statistics"));
        Files.writeString(dir.resolve("sys/class/net/eth0/operstate"), "up\n");
        Files.writeString(dir.resolve("sys/class/net/eth0/statistics/rx_bytes"), "1234\n");
        SystemFiles files = new SystemFiles(dir);
        assertEquals("up", files.readLine("/sys/class/net/eth0/operstate").get());
        assertEquals(1234L, files.readLong("/sys/class/net/eth0/statistics/rx_bytes").get());
        assertEquals(List.of("eth0"), files.list("/sys/class/net"));
        assertTrue(files.read("/sys/class/net/eth9/operstate").isEmpty());
        assertTrue(files.readLong("/sys/class/net/eth0/operstate").isEmpty());
        assertEquals(List.of(), files.list("/nope"));
    }

    @Test
    void a_simulated_device_changes_along_its_timeline() throws Exception {
        SimulatedDevice device = SimulatedDevice.parse("sim.json", """
                {"wan": {"carrier": true},
                 "timeline": [{"afterSeconds": 0, "set": {"wan": {"carrier": false}}}]}
                """).value();
        assertEquals(true, ((JsonValue.Obj) device.area("wan")).bool("carrier").get());
        CountDownLatch changed = new CountDownLatch(1);
        device.watch("wan", changed::countDown);
        device.start();
        try {
            assertTrue(changed.await(10, TimeUnit.SECONDS));
            assertEquals(false, ((JsonValue.Obj) device.area("wan")).bool("carrier").get());
            assertEquals(JsonValue.NULL, device.area("wifi"));
        } finally {
            device.close();
        }
    }

    @Test
    void a_bad_simulated_file_is_an_error_that_names_it() {
        assertEquals("sim.json:1:14: expected ',' or '}'",
                SimulatedDevice.parse("sim.json", "{\"wan\": true true}").error().message());
        assertEquals("sim.json: timeline step 1: \"afterSeconds\" must be a number of seconds >= 0",
                SimulatedDevice.parse("sim.json", "{\"timeline\": [{\"set\": {}}]}").error().message());
        assertFalse(Platforms.open("simulated:" + dir.resolve("missing.json")).isOk());
        assertTrue(Platforms.open("windows").error().message().startsWith("unknown platform 'windows'"));
    }
}

package dev.demarc.hal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.DataModelOwner;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.UspRequestContext;
import dev.demarc.hal.PlatformOptions;
import dev.demarc.hal.Platforms;
import dev.demarc.hal.simulated.SimulatedDevice;
import dev.demarc.hal.simulated.SimulatedPlatform;
import dev.demarc.tr181.IpDiagnosticsObject;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The system area of a simulated device through the real data model: values, a timeline change, diagnostics. */
class SimulatedSystemTest {

    private static final String FILE = """
            {
              "deviceInfo": { "manufacturer": "Acme Networks", "manufacturerOUI": "00D09E", "modelName": "HGW-9000",
                              "serialNumber": "SIM0001", "softwareVersion": "1.0.3", "upTimeSeconds": 3600,
                              "firstUseDate": "2025-01-15T08:30:00Z" },
              "system": {
                "memory": { "totalKiB": 262144, "freeKiB": 131072 },
                "cpuUsage": 12,
                "processes": [ { "pid": 1, "command": "procd", "sizeKiB": 1344, "priority": 20,
                                 "cpuTimeMillis": 1320, "state": "Sleeping" } ],
                "temperatures": [ { "name": "cpu-thermal", "celsius": 52 }, { "name": "wifi", "celsius": null } ]
              },
              "diagnostics": {
                "addressUsed": "192.0.2.10",
                "ping": { "8.8.8.8": { "replyMicros": [11800, 12200] },
                          "10.9.9.9": { "status": "Error_NoRouteToHost" } },
                "traceRoute": { "8.8.8.8": { "hops": [ { "host": "192.168.1.1", "rttMillis": [1, 2, 1] },
                                                       { "host": "8.8.8.8", "rttMillis": [12, 12, 13] } ] } },
                "download": { "bytesPerSecond": 1000000, "testBytes": 2000000 }
              },
              "timeline": [ { "afterSeconds": 1, "set": { "system": {
                "memory": { "totalKiB": 262144, "freeKiB": 100000 },
                "cpuUsage": 47,
                "processes": [ { "pid": 1, "command": "procd", "sizeKiB": 1344, "priority": 20,
                                 "cpuTimeMillis": 1400, "state": "Sleeping" },
                               { "pid": 3021, "command": "opkg", "sizeKiB": 2890, "priority": 20,
                                 "cpuTimeMillis": 850, "state": "Running" } ],
                "temperatures": [ { "name": "cpu-thermal", "celsius": 58 }, { "name": "wifi", "celsius": 61 } ]
              } } } ]
            }
            """;

    private SimulatedPlatform platform;
    private DataModelOwner owner;
    private final BlockingQueue<ModelEvent> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        if (owner != null) {
            owner.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private void open(String json) throws Exception {
        platform = SimulatedPlatform.start(SimulatedDevice.parse("sim.json", json).value(), PlatformOptions.none())
                .value();
        Schema schema = Tr181Model.schema(platform);
        AtomicReference<DataModelOwner> started = new AtomicReference<>();
        LocalAgentInfo agent = new LocalAgentInfo("os::00D09E-SIM0001", "0.1.0", () -> 0, List.of());
        owner = DataModelOwner.start(() -> {
            DataModel m = DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent,
                    new MtpStatusRegistry(), path -> {
                        DataModelOwner o = started.get();
                        if (o != null) {
                            o.platformChanged(path);
                        }
                    }), new InMemoryStore(), true, List.of(), "test").value();
            m.addListener(events::addAll);
            return m;
        }).get(20, TimeUnit.SECONDS);
        started.set(owner);
    }

    private String read(String path) throws Exception {
        Result<String> r = owner.call(m -> m.read(path)).get(20, TimeUnit.SECONDS);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }

    @Test
    void device_info_memory_processes_and_temperatures_read_from_the_file() throws Exception {
        open(FILE);
        assertEquals("Acme Networks", read("Device.DeviceInfo.Manufacturer"));
        assertEquals("00D09E", read("Device.DeviceInfo.ManufacturerOUI"));
        assertEquals("2025-01-15T08:30:00Z", read("Device.DeviceInfo.FirstUseDate"));
        assertTrue(Long.parseLong(read("Device.DeviceInfo.UpTime")) >= 3600);
        assertEquals("262144", read("Device.DeviceInfo.MemoryStatus.Total"));
        assertEquals("131072", read("Device.DeviceInfo.MemoryStatus.Free"));
        assertEquals("12", read("Device.DeviceInfo.ProcessStatus.CPUUsage"));
        assertEquals("1", read("Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries"));
        assertEquals("procd", read("Device.DeviceInfo.ProcessStatus.Process.1.Command"));
        assertEquals("1320", read("Device.DeviceInfo.ProcessStatus.Process.1.CPUTime"));
        assertEquals("Sleeping", read("Device.DeviceInfo.ProcessStatus.Process.1.State"));
        assertEquals("2", read("Device.DeviceInfo.TemperatureStatus.TemperatureSensorNumberOfEntries"));
        String sensor = "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.";
        assertEquals("Enabled", read(sensor + "1.Status"));
        assertEquals("52", read(sensor + "1.Value"));
        assertEquals("Error", read(sensor + "2.Status"));
        assertEquals("-274", read(sensor + "2.Value"), "no good reading yet");
        assertEquals("0001-01-01T00:00:00Z", read(sensor + "2.LastUpdate"));
    }

    @Test
    void a_timeline_step_adds_a_process_and_moves_the_temperatures() throws Exception {
        open(FILE);
        String sensor = "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.";
        read("Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries");
        ModelEvent created = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (created == null && System.nanoTime() < deadline) {
            ModelEvent e = events.poll(1, TimeUnit.SECONDS);
            if (e instanceof ModelEvent.ObjectCreated c && c.path().startsWith("Device.DeviceInfo.ProcessStatus.Process.")
                    && c.uniqueKeys().get("PID").equals("3021")) {
                created = e;
            }
        }
        assertEquals(new ModelEvent.ObjectCreated("Device.DeviceInfo.ProcessStatus.Process.2.", Map.of("PID", "3021")),
                created);
        assertEquals("opkg", read("Device.DeviceInfo.ProcessStatus.Process.2.Command"));
        assertEquals("47", read("Device.DeviceInfo.ProcessStatus.CPUUsage"));
        assertEquals("100000", read("Device.DeviceInfo.MemoryStatus.Free"));
        assertEquals("58", read(sensor + "1.Value"));
        assertEquals("52", read(sensor + "1.MinValue"));
        assertEquals("58", read(sensor + "1.MaxValue"));
        assertEquals("Enabled", read(sensor + "2.Status"));
        assertEquals("61", read(sensor + "2.Value"));
    }

    @Test
    void reset_forgets_a_sensors_readings() throws Exception {
        open(FILE);
        UspCommands commands = Tr181Model.commands(platform);
        String sensor = "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.1.";
        Result<Map<String, String>> r = owner.call(m -> commands.command(
                "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.{i}.Reset()").orElseThrow()
                .run(m, call(sensor + "Reset()", sensor, Map.of()))).get(20, TimeUnit.SECONDS);
        assertTrue(r.isOk(), r::toString);
        assertEquals("-274", read(sensor + "Value"));
        assertEquals("-274", read(sensor + "MaxValue"));
    }

    @Test
    void simulated_ping_trace_route_and_download() throws Exception {
        open(FILE);
        assertEquals("true", read("Device.IP.Diagnostics.IPv4PingSupported"));
        assertEquals("true", read("Device.IP.Diagnostics.IPv4DownloadDiagnosticsSupported"));
        Map<String, String> ping = operate(IpDiagnosticsObject.IP_PING, Map.of("Host", "8.8.8.8",
                "ProtocolVersion", "Any", "NumberOfRepetitions", "3", "Timeout", "1000", "DataBlockSize", "64"));
        assertEquals("Complete", ping.get("Status"));
        assertEquals("192.0.2.10", ping.get("IPAddressUsed"));
        assertEquals("3", ping.get("SuccessCount"));
        assertEquals("0", ping.get("FailureCount"));
        assertEquals("11800", ping.get("MinimumResponseTimeDetailed"));
        assertEquals("12200", ping.get("MaximumResponseTimeDetailed"));
        assertEquals("11933", ping.get("AverageResponseTimeDetailed"));
        assertEquals("12", ping.get("AverageResponseTime"));
        assertEquals("Error_NoRouteToHost", operate(IpDiagnosticsObject.IP_PING, Map.of("Host", "10.9.9.9",
                "ProtocolVersion", "Any", "NumberOfRepetitions", "1", "Timeout", "1000", "DataBlockSize", "64"))
                .get("Status"));
        assertEquals("Error_CannotResolveHostName", operate(IpDiagnosticsObject.IP_PING, Map.of("Host", "elsewhere",
                "ProtocolVersion", "Any", "NumberOfRepetitions", "1", "Timeout", "1000", "DataBlockSize", "64"))
                .get("Status"));

        Map<String, String> trace = operate(IpDiagnosticsObject.TRACE_ROUTE, Map.of("Host", "8.8.8.8",
                "ProtocolVersion", "IPv4"));
        assertEquals("Complete", trace.get("Status"));
        assertEquals("192.168.1.1", trace.get("RouteHops.1.Host"));
        assertEquals("1,2,1", trace.get("RouteHops.1.RTTimes"));
        assertEquals("8.8.8.8", trace.get("RouteHops.2.Host"));
        assertEquals("12", trace.get("ResponseTime"));

        Map<String, String> download = operate(IpDiagnosticsObject.DOWNLOAD_DIAGNOSTICS,
                Map.of("DownloadURL", "http://speed.example/10MB.bin"));
        assertEquals("Complete", download.get("Status"));
        assertEquals("2000000", download.get("TestBytesReceived"));
        assertEquals("2000000", download.get("PeriodOfFullLoading"), "two seconds at 1 MB/s, in microseconds");
    }

    @Test
    void the_example_file_of_the_docs_opens() throws Exception {
        Path example = Path.of("..", "docs", "examples", "simulated-gateway.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(example), "run from the hal-linux module");
        Result<Platform> p = Platforms.open("simulated:" + example);
        assertTrue(p.isOk(), () -> p.error().message());
        try (Platform opened = p.value()) {
            assertEquals("HGW-9000", opened.deviceInfo().identity().modelName());
            assertEquals(3, opened.system().status().processes().processes().size());
        }
    }

    @Test
    void a_bad_system_area_is_an_error_naming_the_file() {
        Result<SimulatedPlatform> r = SimulatedPlatform.start(SimulatedDevice.parse("bad.json",
                "{\"system\": {\"processes\": [{\"command\": \"x\"}]}}").value(), PlatformOptions.none());
        assertEquals("bad.json: \"system\": a process has no pid", r.error().message());
    }

    private Map<String, String> operate(String command, Map<String, String> input) throws Exception {
        UspCommands commands = Tr181Model.commands(platform);
        Result<Map<String, String>> r = owner.call(m -> commands.asyncCommand(command).orElseThrow()
                .start(m, call(command, IpDiagnosticsObject.PATH, input))).get(20, TimeUnit.SECONDS)
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        if (!r.isOk()) {
            throw new AssertionError(r.error().toString());
        }
        return r.value();
    }

    private static UspCommand.Call call(String command, String object, Map<String, String> input) {
        return new UspCommand.Call(command, object, "key-1", input, new UspRequestContext("proto::controller",
                "Device.LocalAgent.Controller.1.", new MtpAddress("WebSocket", "test", "proto::controller")));
    }
}

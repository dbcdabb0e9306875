package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.core.usp.UspRequestContext;
import dev.demarc.core.usp.notify.BootCause;
import dev.demarc.tr181.platform.DeviceControl;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Diagnostics;
import dev.demarc.tr181.platform.DiagnosticsCapabilities;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.IpVersion;
import dev.demarc.tr181.platform.MemoryStatus;
import dev.demarc.tr181.platform.PingRequest;
import dev.demarc.tr181.platform.PingResult;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.ProcessStatus;
import dev.demarc.tr181.platform.RouteHop;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.SystemPlatform;
import dev.demarc.tr181.platform.SystemProcess;
import dev.demarc.tr181.platform.SystemStatus;
import dev.demarc.tr181.platform.TemperatureSensor;
import dev.demarc.tr181.platform.TraceRouteRequest;
import dev.demarc.tr181.platform.TraceRouteResult;
import dev.demarc.tr181.platform.TransferRequest;
import dev.demarc.tr181.platform.TransferResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The system area's TR-181 objects over a platform whose answers the test chooses: values and
 * their facets, the diagnostics' arguments checked and their outputs as TR-181 names them,
 * reboot and factory reset recording the next boot's cause.
 */
class SystemObjectsTest {

    private static final Instant T = Instant.parse("2025-04-23T10:00:00.123456789Z");

    /** What the platform answers; the test changes it. */
    private Optional<MemoryStatus> memory = Optional.of(new MemoryStatus(122880, 56512));
    private final List<Object> requests = new ArrayList<>();
    private Result<PingResult> pingAnswer = Result.ok(new PingResult(DiagnosticsStatus.COMPLETE, "192.0.2.10", 2, 1,
            1500, 1000, 2000));
    private Result<TransferResult> transferAnswer;
    private Optional<DmError> controlCheck = Optional.empty();
    private Optional<DmError> controlOutcome = Optional.empty();
    private final List<String> recorded = new ArrayList<>();

    private final SystemStatus status = new SystemStatus() {
        @Override
        public Optional<MemoryStatus> memory() {
            return memory;
        }

        @Override
        public ProcessStatus processes() {
            return new ProcessStatus(OptionalInt.of(7), List.of(
                    new SystemProcess(1, "procd", 1344, 20, 1320, SystemProcess.State.SLEEPING),
                    new SystemProcess(5000, "x", 1, 0, 5_000_000_000_000L, SystemProcess.State.ZOMBIE)));
        }

        @Override
        public List<TemperatureSensor> temperatureSensors() {
            return List.of(new TemperatureSensor("cpu", true, T, OptionalInt.of(48), Optional.of(T), OptionalInt.of(40),
                    Optional.of(T), OptionalInt.of(50), Optional.of(T)),
                    new TemperatureSensor("wifi", false, T, OptionalInt.empty(), Optional.empty(), OptionalInt.empty(),
                            Optional.empty(), OptionalInt.empty(), Optional.empty()));
        }

        @Override
        public Optional<DmError> resetTemperatureSensor(String name) {
            requests.add("reset " + name);
            return Optional.empty();
        }

        @Override
        public void watch(Runnable listener) {
        }
    };

    private final Diagnostics diagnostics = new Diagnostics() {
        @Override
        public DiagnosticsCapabilities capabilities() {
            return new DiagnosticsCapabilities(true, false, true, false, true, false);
        }

        @Override
        public CompletionStage<Result<PingResult>> ping(PingRequest request) {
            requests.add(request);
            return CompletableFuture.completedFuture(pingAnswer);
        }

        @Override
        public CompletionStage<Result<TraceRouteResult>> traceRoute(TraceRouteRequest request) {
            requests.add(request);
            return CompletableFuture.completedFuture(Result.ok(new TraceRouteResult(DiagnosticsStatus.COMPLETE, "", 9,
                    List.of(new RouteHop("192.168.1.1", "", 0, List.of(1L, 1L, 2L)),
                            new RouteHop("", "", 0, List.of(0L, 0L, 0L)),
                            new RouteHop("9.9.9.9", "", 3, List.of(9L, 9L, 9L))))));
        }

        @Override
        public CompletionStage<Result<TransferResult>> transfer(TransferRequest request) {
            requests.add(request);
            return CompletableFuture.completedFuture(transferAnswer);
        }
    };

    private final DeviceControl control = new DeviceControl() {
        @Override
        public Optional<DmError> check(Action action) {
            return controlCheck;
        }

        @Override
        public CompletionStage<Optional<DmError>> perform(Action action) {
            requests.add(action);
            return CompletableFuture.completedFuture(controlOutcome);
        }
    };

    private final BootCauseRecorder recorder = new BootCauseRecorder() {
        @Override
        public Optional<DmError> record(BootCause cause) {
            recorded.add("record " + cause.cause().value() + " " + cause.commandKey() + " " + cause.reason());
            return Optional.empty();
        }

        @Override
        public void forget(BootCause cause) {
            recorded.add("forget " + cause.cause().value());
        }
    };

    private final Platform platform = new Platform() {
        private final DeviceInfoPlatform info = new StaticDeviceInfo(DeviceIdentity.unknown());

        @Override
        public String name() {
            return "test";
        }

        @Override
        public DeviceInfoPlatform deviceInfo() {
            return info;
        }

        @Override
        public SystemPlatform system() {
            return new SystemPlatform(status, diagnostics, control);
        }
    };

    private final UspCommands commands = Tr181Model.commands(platform, recorder);

    private DataModel open(Assignment... defaults) {
        Schema schema = Tr181Model.schema(platform);
        LocalAgentInfo agent = new LocalAgentInfo("proto::agent", "0.1.0", () -> 0, List.of());
        return DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent, new MtpStatusRegistry(),
                PlatformChanges.NONE), new InMemoryStore(), true, List.of(defaults), "test").value();
    }

    private static String read(DataModel model, String path) {
        Result<String> r = model.read(path);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }

    @Test
    void memory_cpu_and_processes_as_tr181_has_them() {
        DataModel model = open();
        assertEquals("122880", read(model, "Device.DeviceInfo.MemoryStatus.Total"));
        assertEquals("56512", read(model, "Device.DeviceInfo.MemoryStatus.Free"));
        assertEquals("7", read(model, "Device.DeviceInfo.ProcessStatus.CPUUsage"));
        assertEquals("2", read(model, "Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries"));
        assertEquals("procd", read(model, "Device.DeviceInfo.ProcessStatus.Process.1.Command"));
        assertEquals("Sleeping", read(model, "Device.DeviceInfo.ProcessStatus.Process.1.State"));
        assertEquals("4294967295", read(model, "Device.DeviceInfo.ProcessStatus.Process.2.CPUTime"),
                "CPU time beyond an unsignedInt is held at its largest value");
        memory = Optional.empty();
        Result<String> unknown = model.read("Device.DeviceInfo.MemoryStatus.Total");
        assertEquals(ErrorCode.INTERNAL_ERROR, unknown.error().code(), "not known to the platform: 7003");
    }

    @Test
    void temperature_sensors_with_tr181s_no_reading_values() {
        DataModel model = open();
        String s = "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.";
        assertEquals("cpu", read(model, s + "1.Name"));
        assertEquals("Enabled", read(model, s + "1.Status"));
        assertEquals("48", read(model, s + "1.Value"));
        assertEquals("2025-04-23T10:00:00.123456Z", read(model, s + "1.LastUpdate"), "to the microsecond");
        assertEquals("Error", read(model, s + "2.Status"));
        assertEquals("-274", read(model, s + "2.Value"));
        assertEquals("-274", read(model, s + "2.MinValue"));
        assertEquals("0001-01-01T00:00:00Z", read(model, s + "2.MaxTime"));
        Result<Map<String, String>> reset = commands.command(TemperatureSensorObject.RESET).orElseThrow()
                .run(model, call(s + "2.Reset()", s + "2.", Map.of()));
        assertTrue(reset.isOk());
        assertEquals(List.of("reset wifi"), requests);
    }

    @Test
    void the_diagnostics_capabilities() {
        DataModel model = open();
        assertEquals("true", read(model, "Device.IP.Diagnostics.IPv4PingSupported"));
        assertEquals("false", read(model, "Device.IP.Diagnostics.IPv6PingSupported"));
        assertEquals("true", read(model, "Device.IP.Diagnostics.IPv4UploadDiagnosticsSupported"));
        assertEquals("HTTP", read(model, "Device.IP.Diagnostics.DownloadTransports"));
        assertEquals("1", read(model, "Device.IP.Diagnostics.DownloadDiagnosticMaxConnections"));
    }

    @Test
    void ping_gets_its_checked_request_and_answers_tr181s_output_arguments() throws Exception {
        DataModel model = open();
        Map<String, String> out = operate(model, IpDiagnosticsObject.IP_PING, Map.of("Host", "example.net",
                "ProtocolVersion", "IPv4", "NumberOfRepetitions", "3", "Timeout", "1500", "DataBlockSize", "64",
                "DSCP", "46")).value();
        assertEquals(List.of(new PingRequest("example.net", "", IpVersion.IPV4, 3, Duration.ofMillis(1500), 64, 46)),
                requests);
        assertEquals(Map.of("Status", "Complete", "IPAddressUsed", "192.0.2.10", "SuccessCount", "2",
                "FailureCount", "1", "AverageResponseTime", "2", "MinimumResponseTime", "1", "MaximumResponseTime", "2",
                "AverageResponseTimeDetailed", "1500", "MinimumResponseTimeDetailed", "1000",
                "MaximumResponseTimeDetailed", "2000"), out);
        pingAnswer = Result.ok(PingResult.failed(DiagnosticsStatus.TRANSFER_FAILED, ""));
        assertEquals("Error_Other", operate(model, IpDiagnosticsObject.IP_PING, Map.of("Host", "example.net",
                "ProtocolVersion", "Any", "NumberOfRepetitions", "1", "Timeout", "1", "DataBlockSize", "1")).value()
                .get("Status"), "a status IPPing() does not have");
        pingAnswer = Result.err(ErrorCode.COMMAND_FAILURE, "ping is not installed on this device");
        assertEquals(ErrorCode.COMMAND_FAILURE, operate(model, IpDiagnosticsObject.IP_PING, Map.of("Host", "x",
                "ProtocolVersion", "Any", "NumberOfRepetitions", "1", "Timeout", "1", "DataBlockSize", "1")).error()
                .code());
    }

    @Test
    void arguments_this_agent_cannot_honour_are_refused_with_7027() throws Exception {
        DataModel model = open();
        assertRefused(model, IpDiagnosticsObject.IP_PING, Map.of("Host", "x", "ProtocolVersion", "Any",
                "NumberOfRepetitions", "601", "Timeout", "1000", "DataBlockSize", "64"), "NumberOfRepetitions");
        assertRefused(model, IpDiagnosticsObject.IP_PING, Map.of("Host", "-f", "ProtocolVersion", "Any",
                "NumberOfRepetitions", "1", "Timeout", "1000", "DataBlockSize", "64"), "'-'");
        assertRefused(model, IpDiagnosticsObject.IP_PING, Map.of("Host", "x", "ProtocolVersion", "Any",
                "NumberOfRepetitions", "1", "Timeout", "1000", "DataBlockSize", "64",
                "Interface", "Device.IP.Interface.9"), "Interface");
        assertRefused(model, IpDiagnosticsObject.DOWNLOAD_DIAGNOSTICS, Map.of("DownloadURL",
                "ftp://files.example/10MB.bin"), "FTP is not supported");
        assertRefused(model, IpDiagnosticsObject.DOWNLOAD_DIAGNOSTICS, Map.of("DownloadURL",
                "https://files.example/10MB.bin"), "http://");
        assertRefused(model, IpDiagnosticsObject.DOWNLOAD_DIAGNOSTICS, Map.of("DownloadURL",
                "http://files.example/10MB.bin", "NumberOfConnections", "2"), "NumberOfConnections");
        assertRefused(model, IpDiagnosticsObject.UPLOAD_DIAGNOSTICS, Map.of("UploadURL",
                "http://files.example/up", "EthernetPriority", "3"), "EthernetPriority");
        assertRefused(model, IpDiagnosticsObject.UPLOAD_DIAGNOSTICS, Map.of("UploadURL",
                "http://files.example/up"), "TestFileLength");
        assertEquals(List.of(), requests, "nothing reached the platform");
    }

    @Test
    void an_interface_argument_is_the_name_of_the_object_it_names() throws Exception {
        DataModel model = open(new Assignment("Device.MQTT.Client.1.Name", "uplink", 1));
        operate(model, IpDiagnosticsObject.TRACE_ROUTE, Map.of("Host", "9.9.9.9", "ProtocolVersion", "Any",
                "Interface", "Device.MQTT.Client.1"));
        assertEquals(List.of(new TraceRouteRequest("9.9.9.9", "uplink", IpVersion.ANY, 3, Duration.ofMillis(5000), 38,
                0, 30)), requests, "and TR-181's defaults for what was not given");
    }

    @Test
    void trace_route_hops_are_an_output_table() throws Exception {
        Map<String, String> out = operate(open(), IpDiagnosticsObject.TRACE_ROUTE, Map.of("Host", "9.9.9.9",
                "ProtocolVersion", "Any")).value();
        assertEquals("Complete", out.get("Status"));
        assertEquals("9", out.get("ResponseTime"));
        assertEquals("192.168.1.1", out.get("RouteHops.1.Host"));
        assertEquals("1,1,2", out.get("RouteHops.1.RTTimes"));
        assertEquals("", out.get("RouteHops.2.Host"));
        assertEquals("0,0,0", out.get("RouteHops.2.RTTimes"));
        assertEquals("3", out.get("RouteHops.3.ErrorCode"));
        assertEquals(15, out.size(), "three outputs and four per hop");
    }

    @Test
    void a_transfers_times_counts_and_tables() throws Exception {
        TransferResult.Timing t = new TransferResult.Timing(Optional.of(T), Optional.of(T.plusMillis(1)),
                Optional.of(T.plusMillis(2)), Optional.of(T.plusMillis(3)), Optional.of(T.plusSeconds(2)), 1_048_833,
                1_100_000, 30_000);
        transferAnswer = Result.ok(new TransferResult(DiagnosticsStatus.COMPLETE, "192.0.2.10", t, 1_048_833,
                1_100_000, 30_000, 1_997_000, List.of(t), List.of(new TransferResult.Interval(T.plusSeconds(1),
                T.plusSeconds(2), 500_000, 520_000, 15_000))));
        Map<String, String> out = operate(open(), IpDiagnosticsObject.DOWNLOAD_DIAGNOSTICS, Map.of("DownloadURL",
                "http://files.example/1MB.bin", "EnablePerConnectionResults", "true",
                "TimeBasedTestDuration", "2", "TimeBasedTestMeasurementInterval", "1")).value();
        assertEquals("Complete", out.get("Status"));
        assertEquals("2025-04-23T10:00:00.123456Z", out.get("TCPOpenRequestTime"));
        assertEquals("2025-04-23T10:00:00.126456Z", out.get("BOMTime"));
        assertEquals("1048833", out.get("TestBytesReceived"));
        assertEquals("1048833", out.get("TestBytesReceivedUnderFullLoading"));
        assertEquals("1997000", out.get("PeriodOfFullLoading"));
        assertEquals("1100000", out.get("PerConnectionResult.1.TotalBytesReceived"));
        assertEquals("500000", out.get("IncrementalResult.1.TestBytesReceived"));
        assertEquals("2025-04-23T10:00:02.123456Z", out.get("IncrementalResult.1.EndTime"));
        TransferRequest asked = (TransferRequest) requests.get(0);
        assertEquals(2, asked.durationSeconds());
        assertTrue(asked.perConnectionResults());

        transferAnswer = Result.ok(TransferResult.failed(DiagnosticsStatus.TRANSFER_FAILED, "", TransferResult.Timing.none()));
        Map<String, String> failed = operate(open(), IpDiagnosticsObject.UPLOAD_DIAGNOSTICS, Map.of("UploadURL",
                "http://files.example/up", "TestFileLength", "1000")).value();
        assertEquals("Error_Other", failed.get("Status"), "UploadDiagnostics() has no Error_TransferFailed");
        assertEquals("0001-01-01T00:00:00Z", failed.get("BOMTime"));
        assertEquals("0", failed.get("TestBytesSent"));
    }

    @Test
    void reboot_records_the_cause_with_the_command_key_then_runs() {
        DataModel model = open();
        Result<Map<String, String>> r = commands.command(DeviceCommands.REBOOT).orElseThrow()
                .run(model, call(DeviceCommands.REBOOT, "Device.", Map.of("Reason", "maintenance")));
        assertEquals(Map.of(), r.value());
        assertEquals(List.of("record RemoteReboot key-1 maintenance"), recorded);
        assertEquals(List.of(DeviceControl.Action.REBOOT), requests);
    }

    @Test
    void a_factory_reset_whose_command_fails_forgets_its_cause() {
        controlOutcome = Optional.of(DmError.of(ErrorCode.COMMAND_FAILURE, "firstboot failed"));
        Result<Map<String, String>> r = commands.command(DeviceCommands.FACTORY_RESET).orElseThrow()
                .run(open(), call(DeviceCommands.FACTORY_RESET, "Device.", Map.of("Cause", "LocalFactoryReset")));
        assertTrue(r.isOk(), "the answer left before the command ran");
        assertEquals(List.of("record LocalFactoryReset key-1 ", "forget LocalFactoryReset"), recorded);
    }

    @Test
    void reboot_without_a_command_fails_with_7022_and_records_nothing() {
        controlCheck = DeviceControl.none().check(DeviceControl.Action.REBOOT);
        Result<Map<String, String>> r = commands.command(DeviceCommands.REBOOT).orElseThrow()
                .run(open(), call(DeviceCommands.REBOOT, "Device.", Map.of()));
        assertEquals(ErrorCode.COMMAND_FAILURE, r.error().code());
        assertEquals("no reboot command is configured on this device (demarc agent --reboot-command)",
                r.error().message());
        assertEquals(List.of(), recorded);
        assertEquals(List.of(), requests);
    }

    private void assertRefused(DataModel model, String command, Map<String, String> input, String mentions)
            throws Exception {
        Result<Map<String, String>> r = operate(model, command, input);
        assertEquals(ErrorCode.INVALID_COMMAND_ARGUMENTS, r.isOk() ? null : r.error().code(), () -> input.toString());
        assertTrue(r.error().message().contains(mentions), r.error().message());
    }

    private Result<Map<String, String>> operate(DataModel model, String command, Map<String, String> input)
            throws Exception {
        return commands.asyncCommand(command).orElseThrow().start(model, call(command, IpDiagnosticsObject.PATH, input))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static UspCommand.Call call(String command, String object, Map<String, String> input) {
        return new UspCommand.Call(command, object, "key-1", input, new UspRequestContext("proto::controller",
                "Device.LocalAgent.Controller.1.", new MtpAddress("WebSocket", "test", "proto::controller")));
    }
}

package dev.demarc.tr181;

import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Range;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import dev.demarc.tr181.platform.Diagnostics;
import dev.demarc.tr181.platform.DiagnosticsCapabilities;
import dev.demarc.tr181.platform.DiagnosticsStatus;
import dev.demarc.tr181.platform.IpVersion;
import dev.demarc.tr181.platform.PingRequest;
import dev.demarc.tr181.platform.PingResult;
import dev.demarc.tr181.platform.RouteHop;
import dev.demarc.tr181.platform.TraceRouteRequest;
import dev.demarc.tr181.platform.TraceRouteResult;
import dev.demarc.tr181.platform.TransferRequest;
import dev.demarc.tr181.platform.TransferResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code Device.IP.Diagnostics.} of TR-181 Device:2.19 (USP): which tests the platform runs, and
 * the asynchronous commands {@code IPPing()}, {@code TraceRoute()}, {@code DownloadDiagnostics()}
 * and {@code UploadDiagnostics()} (TR-143, over HTTP), each with TR-181's input and output
 * arguments. The tests run on the platform's threads ({@link Diagnostics}); their output
 * arguments follow TR-181: times in milliseconds (and microseconds for the {@code *Detailed}
 * ones), dateTimes in UTC to the microsecond, argument tables as {@code RouteHops.1.Host}.
 *
 * <p>Input arguments the engine has checked against their types are checked here for what this
 * agent can do, each refusal a 7027 (Invalid command arguments) naming the argument:
 * {@code NumberOfRepetitions} up to {@link PingRequest#MAX_REPETITIONS}, {@code Timeout} up to
 * {@link PingRequest#MAX_TIMEOUT}, an {@code Interface} that names an object of this data model
 * with a {@code Name}, {@code http} URLs only ({@code DownloadTransports} is {@code HTTP}: FTP
 * is not supported), one connection, {@code EthernetPriority} 0 (the agent cannot set it). A
 * failed test is a result with its {@code Status} ({@code Error_CannotResolveHostName}...); a
 * test the platform cannot run at all is a 7022.
 *
 * <p>Not served: {@code UDPEchoDiagnostics()}, {@code ServerSelectionDiagnostics()},
 * {@code IPLayerCapacity()} and their parameters.
 */
public final class IpDiagnosticsObject {

    public static final String PATH = "Device.IP.Diagnostics.";
    public static final String IP_PING = PATH + "IPPing()";
    public static final String TRACE_ROUTE = PATH + "TraceRoute()";
    public static final String DOWNLOAD_DIAGNOSTICS = PATH + "DownloadDiagnostics()";
    public static final String UPLOAD_DIAGNOSTICS = PATH + "UploadDiagnostics()";

    /** Transfers run over one connection. */
    static final int MAX_CONNECTIONS = 1;

    private static final ValueType BOOL = ValueType.bool();
    private static final ValueType UINT = ValueType.unsignedInt();
    private static final ValueType COUNTER64 = DataTypes.STATS_COUNTER64;
    private static final ValueType TIME = ValueType.dateTime();
    private static final ValueType INTERFACE = ValueType.string().maxLength(256);
    private static final ValueType PROTOCOL_VERSION = ValueType.string().enumeration("Any", "IPv4", "IPv6");
    private static final ValueType HOST = ValueType.string().maxLength(256);
    private static final ValueType DSCP = ValueType.unsignedInt().range(0, 63);

    public static final ParameterDef IPV4_PING_SUPPORTED = ParameterDef.readOnly("IPv4PingSupported", BOOL);
    public static final ParameterDef IPV6_PING_SUPPORTED = ParameterDef.readOnly("IPv6PingSupported", BOOL);
    public static final ParameterDef IPV4_TRACE_ROUTE_SUPPORTED = ParameterDef.readOnly("IPv4TraceRouteSupported", BOOL);
    public static final ParameterDef IPV6_TRACE_ROUTE_SUPPORTED = ParameterDef.readOnly("IPv6TraceRouteSupported", BOOL);
    public static final ParameterDef IPV4_DOWNLOAD_SUPPORTED =
            ParameterDef.readOnly("IPv4DownloadDiagnosticsSupported", BOOL);
    public static final ParameterDef IPV6_DOWNLOAD_SUPPORTED =
            ParameterDef.readOnly("IPv6DownloadDiagnosticsSupported", BOOL);
    public static final ParameterDef IPV4_UPLOAD_SUPPORTED = ParameterDef.readOnly("IPv4UploadDiagnosticsSupported", BOOL);
    public static final ParameterDef IPV6_UPLOAD_SUPPORTED = ParameterDef.readOnly("IPv6UploadDiagnosticsSupported", BOOL);
    public static final ParameterDef DOWNLOAD_TRANSPORTS = ParameterDef.readOnly("DownloadTransports",
            ValueType.listOf(ValueType.string().enumeration("HTTP", "FTP")));
    public static final ParameterDef DOWNLOAD_MAX_CONNECTIONS = ParameterDef.readOnly(
            "DownloadDiagnosticMaxConnections", ValueType.unsignedInt().range(Range.atLeast(1)));
    public static final ParameterDef DOWNLOAD_MAX_INCREMENTAL = ParameterDef.readOnly(
            "DownloadDiagnosticsMaxIncrementalResult", ValueType.unsignedInt().range(Range.atLeast(1)));
    public static final ParameterDef UPLOAD_TRANSPORTS = ParameterDef.readOnly("UploadTransports",
            ValueType.listOf(ValueType.string().enumeration("HTTP", "FTP")));
    public static final ParameterDef UPLOAD_MAX_CONNECTIONS = ParameterDef.readOnly(
            "UploadDiagnosticsMaxConnections", ValueType.unsignedInt().range(Range.atLeast(1)));
    public static final ParameterDef UPLOAD_MAX_INCREMENTAL = ParameterDef.readOnly(
            "UploadDiagnosticsMaxIncrementalResult", ValueType.unsignedInt().range(Range.atLeast(1)));

    static final CommandDef IP_PING_COMMAND = new CommandDef("IPPing", true, List.of(
            ArgumentDef.optional("Interface", INTERFACE),
            ArgumentDef.mandatory("ProtocolVersion", PROTOCOL_VERSION),
            ArgumentDef.mandatory("Host", HOST),
            ArgumentDef.mandatory("NumberOfRepetitions", ValueType.unsignedInt().range(Range.atLeast(1))),
            ArgumentDef.mandatory("Timeout", ValueType.unsignedInt().range(Range.atLeast(1))),
            ArgumentDef.mandatory("DataBlockSize", ValueType.unsignedInt().range(1, 65535)),
            ArgumentDef.optional("DSCP", DSCP).withDefault("0")), List.of(
            ArgumentDef.optional("Status", ValueType.string().enumeration("Canceled", "Complete", "Error",
                    "Error_CannotResolveHostName", "Error_NoRouteToHost", "Error_Internal", "Error_Other")),
            ArgumentDef.optional("IPAddressUsed", DataTypes.IP_ADDRESS),
            ArgumentDef.optional("SuccessCount", UINT),
            ArgumentDef.optional("FailureCount", UINT),
            ArgumentDef.optional("AverageResponseTime", UINT),
            ArgumentDef.optional("MinimumResponseTime", UINT),
            ArgumentDef.optional("MaximumResponseTime", UINT),
            ArgumentDef.optional("AverageResponseTimeDetailed", UINT),
            ArgumentDef.optional("MinimumResponseTimeDetailed", UINT),
            ArgumentDef.optional("MaximumResponseTimeDetailed", UINT)));

    static final CommandDef TRACE_ROUTE_COMMAND = new CommandDef("TraceRoute", true, List.of(
            ArgumentDef.optional("Interface", INTERFACE),
            ArgumentDef.mandatory("ProtocolVersion", PROTOCOL_VERSION),
            ArgumentDef.mandatory("Host", HOST),
            ArgumentDef.optional("NumberOfTries", ValueType.unsignedInt().range(1, 3)).withDefault("3"),
            ArgumentDef.optional("Timeout", ValueType.unsignedInt().range(Range.atLeast(1))).withDefault("5000"),
            ArgumentDef.optional("DataBlockSize", ValueType.unsignedInt().range(1, 65535)).withDefault("38"),
            ArgumentDef.optional("DSCP", DSCP).withDefault("0"),
            ArgumentDef.optional("MaxHopCount", ValueType.unsignedInt().range(1, 64)).withDefault("30")), List.of(
            ArgumentDef.optional("Status", ValueType.string().enumeration("Canceled", "Complete", "Error",
                    "Error_CannotResolveHostName", "Error_NoRouteToHost", "Error_MaxHopCountExceeded",
                    "Error_Internal", "Error_Other")),
            ArgumentDef.optional("IPAddressUsed", DataTypes.IP_ADDRESS),
            ArgumentDef.optional("ResponseTime", UINT),
            ArgumentDef.optional("RouteHops.{i}.Host", ValueType.string().maxLength(256)),
            ArgumentDef.optional("RouteHops.{i}.HostAddress", ValueType.string()),
            ArgumentDef.optional("RouteHops.{i}.ErrorCode", UINT),
            ArgumentDef.optional("RouteHops.{i}.RTTimes", ValueType.listOf(UINT).minItems(1).maxItems(3))));

    static final CommandDef DOWNLOAD_COMMAND = transferCommand(TransferRequest.Direction.DOWNLOAD);
    static final CommandDef UPLOAD_COMMAND = transferCommand(TransferRequest.Direction.UPLOAD);

    private IpDiagnosticsObject() {
    }

    private static CommandDef transferCommand(TransferRequest.Direction direction) {
        boolean down = direction == TransferRequest.Direction.DOWNLOAD;
        String test = down ? "TestBytesReceived" : "TestBytesSent";
        List<ArgumentDef> in = new ArrayList<>();
        in.add(ArgumentDef.optional("Interface", INTERFACE));
        in.add(ArgumentDef.mandatory(down ? "DownloadURL" : "UploadURL", DataTypes.URL));
        in.add(ArgumentDef.optional("DSCP", DSCP));
        in.add(ArgumentDef.optional("EthernetPriority", ValueType.unsignedInt().range(0, 7)));
        if (!down) {
            in.add(ArgumentDef.optional("TestFileLength", ValueType.unsignedLong()));
        }
        in.add(ArgumentDef.optional("TimeBasedTestDuration", ValueType.unsignedInt().range(0, 999)));
        in.add(ArgumentDef.optional("TimeBasedTestMeasurementInterval", ValueType.unsignedInt().range(0, 999)));
        in.add(ArgumentDef.optional("TimeBasedTestMeasurementOffset", ValueType.unsignedInt().range(0, 255)));
        in.add(ArgumentDef.optional("ProtocolVersion", PROTOCOL_VERSION));
        in.add(ArgumentDef.optional("NumberOfConnections", ValueType.unsignedInt().range(Range.atLeast(1)))
                .withDefault("1"));
        in.add(ArgumentDef.optional("EnablePerConnectionResults", BOOL));
        List<String> statuses = new ArrayList<>(List.of("Complete", "Error_CannotResolveHostName",
                "Error_NoRouteToHost", "Error_InitConnectionFailed", "Error_NoResponse"));
        statuses.addAll(down
                ? List.of("Error_TransferFailed", "Error_PasswordRequestFailed", "Error_LoginFailed",
                        "Error_NoTransferMode", "Error_NoPASV", "Error_IncorrectSize")
                : List.of("Error_PasswordRequestFailed", "Error_LoginFailed", "Error_NoTransferMode", "Error_NoPASV",
                        "Error_NoCWD", "Error_NoSTOR", "Error_NoTransferComplete"));
        statuses.addAll(List.of("Error_Timeout", "Error_Internal", "Error_Other"));
        List<ArgumentDef> out = new ArrayList<>(List.of(
                ArgumentDef.optional("Status", ValueType.string().enumeration(statuses.toArray(String[]::new))),
                ArgumentDef.optional("IPAddressUsed", DataTypes.IP_ADDRESS),
                ArgumentDef.optional("ROMTime", TIME),
                ArgumentDef.optional("BOMTime", TIME),
                ArgumentDef.optional("EOMTime", TIME),
                ArgumentDef.optional(test, COUNTER64),
                ArgumentDef.optional("TotalBytesReceived", COUNTER64),
                ArgumentDef.optional("TotalBytesSent", COUNTER64),
                ArgumentDef.optional(test + "UnderFullLoading", COUNTER64),
                ArgumentDef.optional("TotalBytesReceivedUnderFullLoading", COUNTER64),
                ArgumentDef.optional("TotalBytesSentUnderFullLoading", COUNTER64),
                ArgumentDef.optional("PeriodOfFullLoading", UINT),
                ArgumentDef.optional("TCPOpenRequestTime", TIME),
                ArgumentDef.optional("TCPOpenResponseTime", TIME)));
        for (String name : List.of("ROMTime", "BOMTime", "EOMTime")) {
            out.add(ArgumentDef.optional("PerConnectionResult.{i}." + name, TIME));
        }
        for (String name : List.of(test, "TotalBytesReceived", "TotalBytesSent")) {
            out.add(ArgumentDef.optional("PerConnectionResult.{i}." + name, COUNTER64));
        }
        out.add(ArgumentDef.optional("PerConnectionResult.{i}.TCPOpenRequestTime", TIME));
        out.add(ArgumentDef.optional("PerConnectionResult.{i}.TCPOpenResponseTime", TIME));
        for (String name : List.of(test, "TotalBytesReceived", "TotalBytesSent")) {
            out.add(ArgumentDef.optional("IncrementalResult.{i}." + name, COUNTER64));
        }
        out.add(ArgumentDef.optional("IncrementalResult.{i}.StartTime", TIME));
        out.add(ArgumentDef.optional("IncrementalResult.{i}.EndTime", TIME));
        return new CommandDef(down ? "DownloadDiagnostics" : "UploadDiagnostics", true, in, out);
    }

    /** The {@code Diagnostics} object, to sit in {@code Device.IP.}. */
    static ObjectDef.Builder definition() {
        return ObjectDef.single("Diagnostics")
                .param(IPV4_PING_SUPPORTED)
                .param(IPV6_PING_SUPPORTED)
                .param(IPV4_TRACE_ROUTE_SUPPORTED)
                .param(IPV6_TRACE_ROUTE_SUPPORTED)
                .param(IPV4_DOWNLOAD_SUPPORTED)
                .param(IPV6_DOWNLOAD_SUPPORTED)
                .param(IPV4_UPLOAD_SUPPORTED)
                .param(IPV6_UPLOAD_SUPPORTED)
                .param(DOWNLOAD_TRANSPORTS)
                .param(DOWNLOAD_MAX_CONNECTIONS)
                .param(DOWNLOAD_MAX_INCREMENTAL)
                .param(UPLOAD_TRANSPORTS)
                .param(UPLOAD_MAX_CONNECTIONS)
                .param(UPLOAD_MAX_INCREMENTAL)
                .command(IP_PING_COMMAND)
                .command(TRACE_ROUTE_COMMAND)
                .command(DOWNLOAD_COMMAND)
                .command(UPLOAD_COMMAND);
    }

    /** The capabilities, asked of the platform at every read. */
    static void bind(Bindings.Builder bindings, Diagnostics diagnostics) {
        capability(bindings, diagnostics, IPV4_PING_SUPPORTED, DiagnosticsCapabilities::ipv4Ping);
        capability(bindings, diagnostics, IPV6_PING_SUPPORTED, DiagnosticsCapabilities::ipv6Ping);
        capability(bindings, diagnostics, IPV4_TRACE_ROUTE_SUPPORTED, DiagnosticsCapabilities::ipv4TraceRoute);
        capability(bindings, diagnostics, IPV6_TRACE_ROUTE_SUPPORTED, DiagnosticsCapabilities::ipv6TraceRoute);
        capability(bindings, diagnostics, IPV4_DOWNLOAD_SUPPORTED, DiagnosticsCapabilities::ipv4Transfer);
        capability(bindings, diagnostics, IPV6_DOWNLOAD_SUPPORTED, DiagnosticsCapabilities::ipv6Transfer);
        capability(bindings, diagnostics, IPV4_UPLOAD_SUPPORTED, DiagnosticsCapabilities::ipv4Transfer);
        capability(bindings, diagnostics, IPV6_UPLOAD_SUPPORTED, DiagnosticsCapabilities::ipv6Transfer);
        fixed(bindings, DOWNLOAD_TRANSPORTS, "HTTP");
        fixed(bindings, DOWNLOAD_MAX_CONNECTIONS, Integer.toString(MAX_CONNECTIONS));
        fixed(bindings, DOWNLOAD_MAX_INCREMENTAL, Integer.toString(TransferResult.MAX_INCREMENTAL));
        fixed(bindings, UPLOAD_TRANSPORTS, "HTTP");
        fixed(bindings, UPLOAD_MAX_CONNECTIONS, Integer.toString(MAX_CONNECTIONS));
        fixed(bindings, UPLOAD_MAX_INCREMENTAL, Integer.toString(TransferResult.MAX_INCREMENTAL));
    }

    private static void capability(Bindings.Builder bindings, Diagnostics diagnostics, ParameterDef def,
                                   Predicate<DiagnosticsCapabilities> supported) {
        bindings.parameter(PATH + def.name(),
                o -> Result.ok(Boolean.toString(supported.test(diagnostics.capabilities()))), Duration.ZERO);
    }

    private static void fixed(Bindings.Builder bindings, ParameterDef def, String value) {
        bindings.parameter(PATH + def.name(), o -> Result.ok(value), Duration.ZERO);
    }

    /** The four tests, started on the owner thread and run by {@code diagnostics}. */
    static void register(UspCommands.Builder commands, Diagnostics diagnostics) {
        commands.registerAsync(IP_PING, (model, call) -> start(ping(model, call), diagnostics::ping,
                IpDiagnosticsObject::pingOutput));
        commands.registerAsync(TRACE_ROUTE, (model, call) -> start(traceRoute(model, call), diagnostics::traceRoute,
                IpDiagnosticsObject::traceRouteOutput));
        commands.registerAsync(DOWNLOAD_DIAGNOSTICS, (model, call) -> start(
                transfer(model, call, TransferRequest.Direction.DOWNLOAD), diagnostics::transfer,
                t -> transferOutput(t, DOWNLOAD_COMMAND, "TestBytesReceived")));
        commands.registerAsync(UPLOAD_DIAGNOSTICS, (model, call) -> start(
                transfer(model, call, TransferRequest.Direction.UPLOAD), diagnostics::transfer,
                t -> transferOutput(t, UPLOAD_COMMAND, "TestBytesSent")));
    }

    /**
     * Runs the checked request, or completes at once with the refusal. Cancelling the stage
     * returned ({@code Request.{i}.Cancel()}) cancels the platform's test.
     */
    private static <R, T> CompletionStage<Result<Map<String, String>>> start(
            Result<R> request, Function<R, CompletionStage<Result<T>>> run, Function<T, Map<String, String>> output) {
        if (!request.isOk()) {
            return CompletableFuture.completedFuture(Result.err(request.error()));
        }
        CompletableFuture<Result<T>> test = run.apply(request.value()).toCompletableFuture();
        CompletableFuture<Result<Map<String, String>>> answer = test.thenApply(r -> r.map(output));
        answer.whenComplete((r, e) -> {
            if (answer.isCancelled()) {
                test.cancel(true);
            }
        });
        return answer;
    }

    // ------------------------------------------------------------------ input

    static Result<PingRequest> ping(DataModel model, UspCommand.Call call) {
        DiagnosticsArguments in = new DiagnosticsArguments(call.inputArgs());
        return in.interfaceName(model).flatMap(iface -> in.limited("NumberOfRepetitions", 1, PingRequest.MAX_REPETITIONS)
                .flatMap(reps -> in.limited("Timeout", 1, PingRequest.MAX_TIMEOUT.toMillis())
                .flatMap(timeout -> in.limited("DataBlockSize", 1, PingRequest.MAX_DATA_BLOCK)
                .flatMap(size -> in.build(() -> new PingRequest(in.text("Host"), iface, in.version(), (int) (long) reps,
                        Duration.ofMillis(timeout), (int) (long) size, (int) in.number("DSCP", 0)))))));
    }

    static Result<TraceRouteRequest> traceRoute(DataModel model, UspCommand.Call call) {
        DiagnosticsArguments in = new DiagnosticsArguments(call.inputArgs());
        return in.interfaceName(model).flatMap(iface ->
                in.limited("Timeout", 5000, 1, TraceRouteRequest.MAX_TIMEOUT.toMillis()).flatMap(timeout ->
                in.build(() -> new TraceRouteRequest(in.text("Host"), iface, in.version(),
                        (int) in.number("NumberOfTries", 3), Duration.ofMillis(timeout),
                        (int) in.number("DataBlockSize", 38), (int) in.number("DSCP", 0),
                        (int) in.number("MaxHopCount", 30)))));
    }

    static Result<TransferRequest> transfer(DataModel model, UspCommand.Call call,
                                                                  TransferRequest.Direction direction) {
        DiagnosticsArguments in = new DiagnosticsArguments(call.inputArgs());
        boolean down = direction == TransferRequest.Direction.DOWNLOAD;
        String urlName = down ? "DownloadURL" : "UploadURL";
        URI url;
        try {
            url = new URI(in.text(urlName));
        } catch (URISyntaxException e) {
            return DiagnosticsArguments.refused(urlName + ": not a URL: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("ftp")) {
            return DiagnosticsArguments.refused(urlName + ": FTP is not supported by this agent ("
                    + (down ? "DownloadTransports" : "UploadTransports") + " is HTTP)");
        }
        if (!scheme.equals("http") || url.getHost() == null) {
            return DiagnosticsArguments.refused(urlName + ": an http:// URL with a host is needed (" + (down
                    ? "DownloadTransports" : "UploadTransports") + " is HTTP)");
        }
        if (in.number("NumberOfConnections", 1) > MAX_CONNECTIONS) {
            return DiagnosticsArguments.refused("NumberOfConnections: at most " + MAX_CONNECTIONS + " ("
                    + (down ? DOWNLOAD_MAX_CONNECTIONS : UPLOAD_MAX_CONNECTIONS).name() + ")");
        }
        if (in.number("EthernetPriority", 0) != 0) {
            return DiagnosticsArguments.refused("EthernetPriority: this agent cannot set an Ethernet priority;"
                    + " leave it out or 0");
        }
        int duration = (int) in.number("TimeBasedTestDuration", 0);
        long length = in.number("TestFileLength", 0);
        if (!down && duration == 0 && length == 0) {
            return DiagnosticsArguments.refused("TestFileLength: an upload that is not time based"
                    + " (TimeBasedTestDuration 0) needs a length");
        }
        if (!down && length > TransferRequest.MAX_TEST_FILE_LENGTH) {
            return DiagnosticsArguments.refused("TestFileLength: at most " + TransferRequest.MAX_TEST_FILE_LENGTH
                    + " bytes");
        }
        return in.interfaceName(model).flatMap(iface -> in.build(() -> new TransferRequest(direction, url, iface,
                in.version(), (int) in.number("DSCP", 0), down || duration > 0 ? 0 : length, duration,
                (int) in.number("TimeBasedTestMeasurementInterval", 0),
                (int) in.number("TimeBasedTestMeasurementOffset", 0),
                Boolean.parseBoolean(in.text("EnablePerConnectionResults").isEmpty() ? "false"
                        : in.text("EnablePerConnectionResults")))));
    }

    // ------------------------------------------------------------------ output

    static Map<String, String> pingOutput(PingResult r) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Status", status(IP_PING_COMMAND, r.status()));
        out.put("IPAddressUsed", r.addressUsed());
        out.put("SuccessCount", PlatformValues.unsignedInt(r.successCount()));
        out.put("FailureCount", PlatformValues.unsignedInt(r.failureCount()));
        out.put("AverageResponseTime", millis(r.averageMicros()));
        out.put("MinimumResponseTime", millis(r.minimumMicros()));
        out.put("MaximumResponseTime", millis(r.maximumMicros()));
        out.put("AverageResponseTimeDetailed", PlatformValues.unsignedInt(r.averageMicros()));
        out.put("MinimumResponseTimeDetailed", PlatformValues.unsignedInt(r.minimumMicros()));
        out.put("MaximumResponseTimeDetailed", PlatformValues.unsignedInt(r.maximumMicros()));
        return out;
    }

    static Map<String, String> traceRouteOutput(TraceRouteResult r) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Status", status(TRACE_ROUTE_COMMAND, r.status()));
        out.put("IPAddressUsed", r.addressUsed());
        out.put("ResponseTime", PlatformValues.unsignedInt(r.responseTimeMillis()));
        int i = 1;
        for (RouteHop hop : r.hops()) {
            String p = "RouteHops." + i++ + ".";
            out.put(p + "Host", hop.host());
            out.put(p + "HostAddress", hop.hostAddress());
            out.put(p + "ErrorCode", PlatformValues.unsignedInt(hop.errorCode()));
            out.put(p + "RTTimes", hop.rttMillis().stream().map(PlatformValues::unsignedInt)
                    .collect(Collectors.joining(",")));
        }
        return out;
    }

    static Map<String, String> transferOutput(TransferResult r, CommandDef command, String testBytes) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Status", status(command, r.status()));
        out.put("IPAddressUsed", r.addressUsed());
        TransferResult.Timing t = r.timing();
        out.put("ROMTime", DateTimes.format(t.rom()));
        out.put("BOMTime", DateTimes.format(t.bom()));
        out.put("EOMTime", DateTimes.format(t.eom()));
        out.put(testBytes, Long.toString(t.testBytes()));
        out.put("TotalBytesReceived", Long.toString(t.totalReceived()));
        out.put("TotalBytesSent", Long.toString(t.totalSent()));
        out.put(testBytes + "UnderFullLoading", Long.toString(r.testBytesUnderFullLoading()));
        out.put("TotalBytesReceivedUnderFullLoading", Long.toString(r.totalReceivedUnderFullLoading()));
        out.put("TotalBytesSentUnderFullLoading", Long.toString(r.totalSentUnderFullLoading()));
        out.put("PeriodOfFullLoading", PlatformValues.unsignedInt(r.fullLoadingMicros()));
        out.put("TCPOpenRequestTime", DateTimes.format(t.tcpOpenRequest()));
        out.put("TCPOpenResponseTime", DateTimes.format(t.tcpOpenResponse()));
        int i = 1;
        for (TransferResult.Timing c : r.perConnection()) {
            String p = "PerConnectionResult." + i++ + ".";
            out.put(p + "ROMTime", DateTimes.format(c.rom()));
            out.put(p + "BOMTime", DateTimes.format(c.bom()));
            out.put(p + "EOMTime", DateTimes.format(c.eom()));
            out.put(p + testBytes, Long.toString(c.testBytes()));
            out.put(p + "TotalBytesReceived", Long.toString(c.totalReceived()));
            out.put(p + "TotalBytesSent", Long.toString(c.totalSent()));
            out.put(p + "TCPOpenRequestTime", DateTimes.format(c.tcpOpenRequest()));
            out.put(p + "TCPOpenResponseTime", DateTimes.format(c.tcpOpenResponse()));
        }
        i = 1;
        for (TransferResult.Interval n : r.incremental()) {
            String p = "IncrementalResult." + i++ + ".";
            out.put(p + testBytes, Long.toString(n.testBytes()));
            out.put(p + "TotalBytesReceived", Long.toString(n.totalReceived()));
            out.put(p + "TotalBytesSent", Long.toString(n.totalSent()));
            out.put(p + "StartTime", DateTimes.format(n.start()));
            out.put(p + "EndTime", DateTimes.format(n.end()));
        }
        return out;
    }

    /** The status as the command's {@code Status} enumeration has it; {@code Error_Other} if it lacks it. */
    static String status(CommandDef command, DiagnosticsStatus status) {
        ValueType type = command.output().get(0).type();
        return type.enumerations().contains(status.value()) ? status.value() : DiagnosticsStatus.OTHER.value();
    }

    /** Milliseconds of {@code micros}, rounded to the nearest. */
    private static String millis(long micros) {
        return PlatformValues.unsignedInt((micros + 500) / 1000);
    }
}

package dev.demarc.bench;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.hal.PlatformOptions;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.hal.openwrt.OpenWrtPlatform;
import dev.demarc.hal.simulated.SimulatedPlatform;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.PlatformChanges;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The whole TR-181 model as the agent opens it, on a platform: {@link Tr181Model#schema(Platform)},
 * {@link Tr181Model#bindings} with the platform's parts, an in-memory store and the built-in
 * defaults; no MTP, no pushes applied ({@link PlatformChanges#NONE}). For the platform benchmarks.
 *
 * <p>On Linux the platform is what {@code Platforms.open("linux")} opens (the device's files, the
 * event monitors followed), except that its command runner is this object's, so that the
 * processes it starts can be counted: {@link SystemCommandRunner#started()}, and by command line.
 * The long-running event monitors ({@code ip monitor}) are started by {@code LineMonitor}, not by
 * the runner, and are not in that count (see {@link #followers()}).
 *
 * <p>Threads: {@link #getDevice()} on one thread at a time (it stands for the data model's
 * owner thread); the platform refreshes on its own threads meanwhile.
 */
final class PlatformModel implements AutoCloseable {

    /** hal-linux's OpenWrt router fixture, from the repository's root (where the benchmarks are run). */
    static final Path OPENWRT_FIXTURE = Path.of("hal-linux/src/test/resources/fixtures/openwrt-router");

    private final String label;
    private final Platform platform;
    private final DataModel model;
    private final SystemCommandRunner runner;
    private final Map<String, LongAdder> byCommand;
    private final Path file;
    private final RecordedOutputs recorded;

    private PlatformModel(String label, Platform platform, SystemCommandRunner runner,
                          Map<String, LongAdder> byCommand, Path file) {
        this(label, platform, runner, byCommand, file, null);
    }

    private PlatformModel(String label, Platform platform, SystemCommandRunner runner,
                          Map<String, LongAdder> byCommand, Path file, RecordedOutputs recorded) {
        this.recorded = recorded;
        this.label = label;
        this.platform = platform;
        this.runner = runner;
        this.byCommand = byCommand;
        this.file = file;
        Schema schema = Tr181Model.schema(platform);
        LocalAgentInfo agent = new LocalAgentInfo("os::00D09E-BENCH0001", "0.1.0", () -> 60L, List.of("MQTT"));
        Result<DataModel> opened = DataModel.open(schema,
                Tr181Model.bindings(schema, platform, () -> agent, new MtpStatusRegistry(), PlatformChanges.NONE),
                new InMemoryStore(), true, Tr181Model.builtInDefaults(), Tr181Model.BUILT_IN_DEFAULTS_NAME);
        if (!opened.isOk()) {
            platform.close();
            throw new IllegalStateException(label + ": " + opened.error());
        }
        this.model = opened.value();
    }

    /** A simulated gateway of {@code ports} Ethernet ports and {@code stations} Wi-Fi stations ({@link SimulatedGateway}). */
    static PlatformModel simulated(int ports, int stations) {
        Path file = SimulatedGateway.write(ports, stations);
        Result<Platform> p = SimulatedPlatform.open(file);
        if (!p.isOk()) {
            delete(file);
            throw new IllegalStateException("simulated gateway: " + p.error());
        }
        return new PlatformModel("simulated, " + ports + " ports, " + stations + " stations", p.value(), null,
                Map.of(), file);
    }

    /** This machine, read as generic Linux, events followed (as {@code --platform linux}). */
    static PlatformModel linux() {
        SystemCommandRunner system = SystemCommandRunner.standard();
        Map<String, LongAdder> byCommand = new ConcurrentHashMap<>();
        CommandRunner counting = argv -> {
            String line = String.join(" ", argv);
            if (byCommand.size() < 256 || byCommand.containsKey(line)) {
                byCommand.computeIfAbsent(line, k -> new LongAdder()).increment();
            }
            return system.run(argv);
        };
        LinuxPlatform linux = new LinuxPlatform(SystemFiles.device(), counting, true, PlatformOptions.none());
        return new PlatformModel("linux, this machine", linux, system, byCommand, null);
    }

    /** A simulated device described by {@code file} (not deleted at the end). */
    static PlatformModel simulatedFile(Path file) {
        Result<Platform> p = SimulatedPlatform.open(file);
        if (!p.isOk()) {
            throw new IllegalStateException(file + ": " + p.error());
        }
        return new PlatformModel("simulated, " + file, p.value(), null, Map.of(), null);
    }

    /**
     * OpenWrt ({@code openwrt}) or generic Linux ({@code linux}) on a fixture tree {@code root}
     * (hal-linux's {@code src/test/resources/fixtures/openwrt-router}, ...), its commands answered
     * from the tree's recorded outputs ({@code commands/<command line>.txt}) and counted: each
     * would be a process on the device. No event monitor (they would be real processes): the
     * snapshots are read at start, on their timers and when read old.
     */
    static PlatformModel fixture(String kind, Path root) {
        if (!Files.isDirectory(root.resolve("commands"))) {
            throw new IllegalArgumentException(root + " is no fixture tree (no commands/): run from the repository's root");
        }
        Map<String, LongAdder> byCommand = new ConcurrentHashMap<>();
        SystemCommandRunner none = null;
        RecordedOutputs recorded = new RecordedOutputs(root.resolve("commands"), byCommand);
        SystemFiles files = new SystemFiles(root);
        Platform p = kind.equals("openwrt")
                ? new OpenWrtPlatform(files, recorded, false, PlatformOptions.none())
                : new LinuxPlatform(files, recorded, false, PlatformOptions.none());
        return new PlatformModel(kind + " fixture " + root.getFileName() + " (recorded outputs)", p, none,
                byCommand, null, recorded);
    }

    /**
     * Opens {@code simulated} (the generated gateway of {@code ports} and {@code stations}),
     * {@code simulated:FILE}, {@code linux}, or a fixture tree: {@code openwrt-fixture}
     * ({@link #OPENWRT_FIXTURE}), {@code openwrt-fixture:DIR}, {@code linux-fixture:DIR}.
     */
    static PlatformModel open(String which, int ports, int stations) {
        if (which.startsWith("simulated:")) {
            return simulatedFile(Path.of(which.substring("simulated:".length())));
        }
        if (which.equals("openwrt-fixture")) {
            return fixture("openwrt", OPENWRT_FIXTURE);
        }
        if (which.startsWith("openwrt-fixture:") || which.startsWith("linux-fixture:")) {
            int colon = which.indexOf(':');
            return fixture(which.substring(0, which.indexOf('-')), Path.of(which.substring(colon + 1)));
        }
        return switch (which) {
            case "simulated" -> simulated(ports, stations);
            case "linux" -> linux();
            default -> throw new IllegalArgumentException("platform: simulated, simulated:FILE or linux, not " + which);
        };
    }

    String label() {
        return label;
    }

    DataModel model() {
        return model;
    }

    Platform platform() {
        return platform;
    }

    /** A Get of {@code Device.}, all levels; a failure is a bug of the benchmark's setup. */
    List<ObjectValues> getDevice() {
        return get("Device.");
    }

    List<ObjectValues> get(String path) {
        Result<List<ObjectValues>> r = model.get(path, 0);
        if (!r.isOk()) {
            throw new IllegalStateException(path + ": " + r.error());
        }
        return r.value();
    }

    /**
     * Processes the platform's command runner has started since it was made (on a fixture tree:
     * commands it asked the recorded outputs for); 0 on a simulated platform (it has none).
     */
    long processesStarted() {
        return runner != null ? runner.started() : recorded != null ? recorded.asked() : 0;
    }

    /** Whether the platform runs commands at all (Linux, OpenWrt) or none (simulated). */
    boolean runsCommands() {
        return runner != null || recorded != null;
    }

    /** How many times each command line was run, by the runner. */
    Map<String, Long> startedByCommand() {
        Map<String, Long> out = new TreeMap<>();
        byCommand.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The long-running processes of this JVM now (the event monitors), as command lines. */
    static List<String> followers() {
        return ProcessHandle.current().children()
                .map(p -> p.info().commandLine().or(() -> p.info().command()).orElse("pid " + p.pid()))
                .sorted().toList();
    }

    /** The parameters of a Get's answer. */
    static int parameters(List<ObjectValues> got) {
        int n = 0;
        for (ObjectValues o : got) {
            n += o.parameters().size();
        }
        return n;
    }

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public void close() {
        platform.close();
        if (file != null) {
            delete(file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind; nothing else to do.
        }
    }
}

package dev.demarc.cli;

import dev.demarc.cli.hal.SnapshotTree;
import dev.demarc.core.Result;
import dev.demarc.core.text.JsonWriter;
import dev.demarc.hal.Platforms;
import dev.demarc.hal.linux.wifi.RefreshingWiFi;
import dev.demarc.tr181.platform.DeviceControl;
import dev.demarc.tr181.platform.Platform;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code demarc hal [PART...]}: what the platform layer reads, raw, without the data model: each
 * platform part's snapshot as the platform returned it, for debugging a new board. Opens the
 * platform as {@code demarc agent --platform} does, prints, and closes it. Needs no agent.
 */
@Command(
        name = "hal",
        mixinStandardHelpOptions = true,
        versionProvider = DemarcVersionProvider.class,
        description = {
            "Print what the platform layer reads from the device, raw, without the data model: each platform "
                    + "part's snapshot (all parts, or those named). For debugging a new board.",
            "Exit codes: 0 done, 1 the platform could not be opened, 2 usage error."
        })
final class HalCommand implements Callable<Integer> {

    /** Each part: its name and how to read it from a platform. */
    static final Map<String, Function<Platform, Object>> PARTS = parts();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PART", arity = "0..*", completionCandidates = PartNames.class,
            description = "Parts to print (default: all): ${COMPLETION-CANDIDATES}.")
    List<String> parts = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = Platforms.AUTO,
            description = "The device to read, as for 'demarc agent': openwrt, linux, simulated:FILE or auto "
                    + "(default: openwrt when /etc/openwrt_release exists, else linux).")
    String platformSpec = Platforms.AUTO;

    @Option(names = "--json", description = "Print one JSON object: {\"platform\": ..., \"parts\": {PART: ...}}.")
    boolean json;

    /** The part names, for completion and help. */
    static final class PartNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PARTS.keySet().iterator();
        }
    }

    private static Map<String, Function<Platform, Object>> parts() {
        Map<String, Function<Platform, Object>> p = new LinkedHashMap<>();
        p.put("deviceInfo", platform -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("identity", platform.deviceInfo().identity());
            m.put("upTimeSeconds", platform.deviceInfo().upTimeSeconds());
            m.put("firstUseDate", platform.deviceInfo().firstUseDate());
            return m;
        });
        p.put("network", platform -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("snapshot", platform.network().snapshot());
            m.put("capabilities", platform.network().capabilities());
            return m;
        });
        p.put("wan", platform -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", platform.wan().state());
            m.put("writes", new java.util.TreeSet<>(platform.wan().writes()));
            return m;
        });
        p.put("lan", platform -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("snapshot", platform.lan().snapshot());
            m.put("writes", platform.lan().writes());
            return m;
        });
        p.put("nat", platform -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("portMappings", platform.nat().portMappings());
            m.put("writes", platform.nat().writes());
            return m;
        });
        p.put("time", platform -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("snapshot", platform.time().snapshot());
            m.put("writes", platform.time().writes());
            return m;
        });
        p.put("system", platform -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("memory", platform.system().status().memory());
            m.put("processes", platform.system().status().processes());
            m.put("temperatureSensors", platform.system().status().temperatureSensors());
            m.put("diagnostics", platform.system().diagnostics().capabilities());
            Map<String, Object> control = new LinkedHashMap<>();
            for (DeviceControl.Action a : DeviceControl.Action.values()) {
                control.put(a.name(), platform.system().control().check(a).map(e -> "no: " + e.message()).orElse("yes"));
            }
            m.put("control", control);
            return m;
        });
        p.put("wifi", platform -> {
            if (platform.wifi() instanceof RefreshingWiFi refreshing) {
                refreshing.start(); // reads now, on this thread, unless the platform has already read
            }
            Map<String, Object> m = new LinkedHashMap<>();
            var state = platform.wifi().state();
            m.put("radios", state.radios());
            m.put("ssids", state.ssids());
            m.put("accessPoints", state.accessPoints());
            m.put("writable", new java.util.TreeSet<>(platform.wifi().writable()));
            return m;
        });
        return java.util.Collections.unmodifiableMap(p);
    }

    @Override
    public Integer call() {
        for (String part : parts) {
            if (!PARTS.containsKey(part)) {
                throw new ParameterException(spec.commandLine(), "no platform part '" + part + "': the parts are "
                        + String.join(", ", PARTS.keySet()));
            }
        }
        List<String> chosen = parts.isEmpty() ? new ArrayList<>(PARTS.keySet()) : parts.stream().distinct().toList();
        Result<Platform> opened = Platforms.open(platformSpec);
        if (!opened.isOk()) {
            throw new IllegalStateException(opened.error().message());
        }
        Map<String, Object> trees = new LinkedHashMap<>();
        String name;
        try (Platform platform = opened.value()) {
            name = platform.name();
            for (String part : chosen) {
                trees.put(part, SnapshotTree.of(PARTS.get(part).apply(platform)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonWriter w = new JsonWriter().beginObject().name("platform").value(name).name("parts").beginObject();
            trees.forEach((part, tree) -> SnapshotTree.json(w.name(part), tree));
            out.println(w.endObject().endObject().toJson());
        } else {
            out.println("platform: " + name);
            trees.forEach((part, tree) -> {
                out.println();
                out.println("== " + part);
                SnapshotTree.text(out, tree, "");
            });
        }
        out.flush();
        return 0;
    }
}

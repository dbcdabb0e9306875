package dev.demarc.bench;

import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Resolution;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.store.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resolving TR-369 search paths over a table of 10,000 instances (a host table of a large
 * gateway): a unique-key address, a search expression over all instances, a wildcard, and a
 * search one level down. The data model is built from factory defaults on an in-memory store.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar SearchPathBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SearchPathBenchmark {

    @Param({"10000"})
    public int instances;

    private DataModel model;

    static Schema schema() {
        return Schema.of(ObjectDef.single("Device")
                .object(ObjectDef.single("Hosts")
                        .tableWithCount(ObjectDef.table("Host").creatable().maxEntries(20_000)
                                .uniqueKey("PhysAddress").uniqueKey("Alias")
                                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                                .param(ParameterDef.readWrite("PhysAddress", DataTypes.MAC_ADDRESS))
                                .param(ParameterDef.readWrite("IPAddress", DataTypes.IP_ADDRESS))
                                .param(ParameterDef.readWrite("HostName", ValueType.string().maxLength(64)))
                                .param(ParameterDef.readWrite("Active", ValueType.bool()).withDefault("false"))
                                .param(ParameterDef.readWrite("LeaseTimeRemaining", ValueType.int32()).withDefault("0"))
                                .tableWithCount(ObjectDef.table("IPv4Address").creatable().uniqueKey("IPAddress")
                                        .param(ParameterDef.readWrite("IPAddress", DataTypes.IPV4_ADDRESS)))))
                .buildRoot());
    }

    @Setup
    public void setUp() {
        List<Assignment> defaults = new ArrayList<>();
        int line = 1;
        for (int i = 1; i <= instances; i++) {
            String host = "Device.Hosts.Host." + i + ".";
            String mac = String.format("02:00:00:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            String ip = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
            defaults.add(new Assignment(host + "PhysAddress", mac, line++));
            defaults.add(new Assignment(host + "IPAddress", ip, line++));
            defaults.add(new Assignment(host + "HostName", "host-" + i, line++));
            defaults.add(new Assignment(host + "Active", i % 3 == 0 ? "true" : "false", line++));
            defaults.add(new Assignment(host + "LeaseTimeRemaining", Integer.toString(i % 86400), line++));
            defaults.add(new Assignment(host + "IPv4Address.1.IPAddress", ip, line++));
        }
        Result<DataModel> opened = DataModel.open(schema(), Bindings.none(), new InMemoryStore(), true,
                defaults, "benchmark", DataModel.Limits.DEFAULT, System::nanoTime);
        if (!opened.isOk()) {
            throw new IllegalStateException(opened.error().toString());
        }
        model = opened.value();
    }

    private Resolution resolve(String path) {
        Result<Resolution> r = model.resolve(path);
        if (!r.isOk()) {
            throw new IllegalStateException(r.error().toString());
        }
        return r.value();
    }

    @Benchmark
    public Resolution uniqueKeyAddress() {
        return resolve("Device.Hosts.Host.[PhysAddress==\"02:00:00:00:13:88\"].IPAddress");
    }

    @Benchmark
    public Resolution searchExpressionTwoConditions() {
        return resolve("Device.Hosts.Host.[Active==true&&LeaseTimeRemaining<3600].HostName");
    }

    @Benchmark
    public Resolution wildcardAllInstances() {
        return resolve("Device.Hosts.Host.*.HostName");
    }

    @Benchmark
    public Resolution searchInSubTable() {
        return resolve("Device.Hosts.Host.*.IPv4Address.[IPAddress==\"10.0.39.16\"].");
    }

    @Benchmark
    public Resolution instanceNumber() {
        return resolve("Device.Hosts.Host.5000.HostName");
    }
}

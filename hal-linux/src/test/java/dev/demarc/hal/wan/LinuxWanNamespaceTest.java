package dev.demarc.hal.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.hal.exec.CommandRunner;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxNetwork;
import dev.demarc.hal.linux.LinuxWan;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import dev.demarc.tr181.platform.WanPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On the real kernel, in a network namespace the test makes (never this machine's own routes):
 * a route added there is pushed, through the network part's {@code ip monitor} that the WAN part
 * follows, as a new {@code IPv4Forwarding} instance, and its removal as the instance's deletion.
 * Needs root.
 */
@Tag("root")
class LinuxWanNamespaceTest {

    private final String ns = "demarc-wan-" + ProcessHandle.current().pid();
    private final SystemCommandRunner host = SystemCommandRunner.standard();
    private final BlockingQueue<String> pushed = new LinkedBlockingQueue<>();
    private ScheduledExecutorService pool;

    @BeforeEach
    void namespace() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make a network namespace");
        Result<String> made = host.run(List.of("ip", "netns", "add", ns));
        Assumptions.assumeTrue(made.isOk(), () -> "ip netns is not available: " + made.error().message());
        ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ip("addr", "add", "10.123.0.2/24", "dev", "v0");
        ip("link", "set", "v0", "up");
        ip("link", "set", "v1", "up");
        pool = PlatformThreads.newPool("wan-netns-test");
    }

    @AfterEach
    void remove() {
        if (pool != null) {
            pool.shutdownNow();
        }
        host.run(List.of("ip", "netns", "del", ns));
    }

    private void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
        argv.addAll(List.of(args));
        Result<String> r = host.run(argv);
        assertTrue(r.isOk(), () -> r.error().message());
    }

    @Test
    void a_route_added_in_the_kernel_appears_as_an_ipv4_forwarding_instance() throws Exception {
        CommandRunner inNamespace = argv -> {
            List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", ns));
            wrapped.addAll(argv);
            return host.run(wrapped);
        };
        Path emptyRoot = Files.createTempDirectory("demarc-wan-netns-");
        LinuxNetwork network = new LinuxNetwork(new SystemFiles(emptyRoot), host, LinuxNetwork.ipIn(ns), pool);
        try (LinuxWan wan = new LinuxWan(SystemFiles.device(), inNamespace, pool, Clock.systemUTC()).start()) {
            network.start();
            network.followEvents();
            network.onEvent(wan::refreshSoon);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!network.following() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(network.following(), "the network part's ip monitor runs");

            DataModel model = open(wan);
            assertEquals("1", model.read("Device.Routing.Router.1.IPv4ForwardingNumberOfEntries").value(),
                    "the connected route of 10.123.0.0/24");
            List<ModelEvent> heard = new ArrayList<>();
            model.addListener(heard::addAll);

            ip("route", "add", "10.99.0.0/16", "via", "10.123.0.1");
            drainUntil(model, () -> heard.stream().anyMatch(e -> e instanceof ModelEvent.ObjectCreated));
            ModelEvent.ObjectCreated created = (ModelEvent.ObjectCreated) heard.stream()
                    .filter(e -> e instanceof ModelEvent.ObjectCreated).findFirst().orElseThrow(
                            () -> new AssertionError("no ObjectCreation within 20 s: " + heard));
            assertEquals("10.99.0.0", created.uniqueKeys().get("DestIPAddress"));
            assertEquals("255.255.0.0", created.uniqueKeys().get("DestSubnetMask"));
            assertEquals("10.123.0.1", created.uniqueKeys().get("GatewayIPAddress"));
            assertEquals("true", model.read(created.path() + "StaticRoute").value());

            ip("route", "del", "10.99.0.0/16");
            drainUntil(model, () -> heard.contains(new ModelEvent.ObjectDeleted(created.path())));
            assertTrue(heard.contains(new ModelEvent.ObjectDeleted(created.path())), heard.toString());
        } finally {
            network.close();
            Files.deleteIfExists(emptyRoot);
        }
    }

    private DataModel open(WanPlatform wan) {
        DeviceInfoPlatform info = new StaticDeviceInfo(DeviceIdentity.unknown());
        Platform platform = new Platform() {
            @Override
            public String name() {
                return "linux:" + ns;
            }

            @Override
            public DeviceInfoPlatform deviceInfo() {
                return info;
            }

            @Override
            public WanPlatform wan() {
                return wan;
            }
        };
        Schema schema = Tr181Model.schema(platform);
        LocalAgentInfo agent = new LocalAgentInfo("os::012345-netns", "0.1.0", () -> 0L, List.of());
        return DataModel.open(schema, Tr181Model.bindings(schema, platform, () -> agent, new MtpStatusRegistry(),
                pushed::add), new InMemoryStore(), true, List.of(), "test").value();
    }

    private void drainUntil(DataModel model, java.util.function.BooleanSupplier until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!until.getAsBoolean() && System.nanoTime() < deadline) {
            String path = pushed.poll(50, TimeUnit.MILLISECONDS);
            if (path != null) {
                model.platformChanged(path);
            }
        }
    }
}

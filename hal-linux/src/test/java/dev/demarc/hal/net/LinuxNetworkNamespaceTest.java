package dev.demarc.hal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxNetwork;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic Linux network on the real kernel, in a network namespace this test makes with a
 * veth pair, so that this machine's own interfaces are never touched: links set down and up, an
 * address added, Enable written through a transaction, each seen in the model and pushed as a
 * notification event. Every {@code ip} command runs in the namespace ({@code ip -n NAME}); sysfs
 * and procfs show the test's own namespace, so the platform gets an empty file root instead
 * (speed and duplex unknown, no default route). Needs root and {@code ip netns}; skipped
 * otherwise. The namespace is deleted whatever happens.
 */
@Tag("root")
class LinuxNetworkNamespaceTest {

    /** Generous: the test waits for what the kernel reports, it does not time it. */
    private static final long WAIT_SECONDS = 20;

    private final SystemCommandRunner runner = SystemCommandRunner.standard();
    private final String ns = "demarc-test-" + UUID.randomUUID().toString().substring(0, 8);
    private boolean created;
    private ScheduledExecutorService threads;
    private LinuxNetwork network;

    @TempDir
    Path emptyRoot;

    @BeforeEach
    void makeNamespace() {
        Result<String> uid = runner.run(List.of("id", "-u"));
        Assumptions.assumeTrue(uid.isOk() && uid.value().strip().equals("0"),
                "skipped: the network namespace test needs root (it runs as root in CI)");
        Assumptions.assumeTrue(runner.run(List.of("ip", "netns", "list")).isOk(),
                "skipped: iproute2's 'ip netns' is not available");
        created = ip("netns", "add", ns).isOk();
        Assumptions.assumeTrue(created, "skipped: cannot create a network namespace here");
        must(ip("-n", ns, "link", "add", "dmv0", "type", "veth", "peer", "name", "dmv1"));
        must(ip("-n", ns, "link", "set", "dmv0", "up"));
        must(ip("-n", ns, "link", "set", "dmv1", "up"));
        threads = PlatformThreads.newPool("nstest");
        network = new LinuxNetwork(new SystemFiles(emptyRoot), runner, LinuxNetwork.ipIn(ns), threads);
        network.start();
        network.followEvents();
    }

    @AfterEach
    void deleteNamespace() {
        if (network != null) {
            network.close();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
        if (created) {
            Result<String> deleted = ip("netns", "del", ns);
            assertTrue(deleted.isOk(), "namespace " + ns + " left behind: " + deleted);
        }
    }

    @Test
    void link_state_addresses_and_enable_follow_the_kernel_and_are_pushed() throws Exception {
        NetworkModel m = new NetworkModel(platform(network));
        String eth = m.one("Device.Ethernet.Interface.[Name==\"dmv0\"].");
        String ipIf = m.one("Device.IP.Interface.[Name==\"dmv0\"].");
        awaitValue(m, eth + "Status", "Up");
        awaitValue(m, ipIf + "Status", "Up");
        assertEquals("Down", m.read(m.one("Device.IP.Interface.[Name==\"lo\"].") + "Status"),
                "a new namespace's loopback is down");

        must(ip("-n", ns, "link", "set", "dmv0", "down"));
        assertNotNull(m.awaitEvent(e -> e.equals(new ModelEvent.ValueChanged(eth + "Status", "Down")), WAIT_SECONDS),
                "ValueChange of Ethernet.Interface Status: " + m.events());
        assertNotNull(m.awaitEvent(e -> e.equals(new ModelEvent.ValueChanged(ipIf + "Status", "Down")), WAIT_SECONDS));
        assertEquals("false", m.read(eth + "Enable"));

        must(ip("-n", ns, "link", "set", "dmv0", "up"));
        assertNotNull(m.awaitEvent(e -> e.equals(new ModelEvent.ValueChanged(eth + "Status", "Up")), WAIT_SECONDS),
                "ValueChange back to Up: " + m.events());
        awaitValue(m, ipIf + "Status", "Up");

        must(ip("-n", ns, "addr", "add", "10.77.0.1/24", "dev", "dmv0"));
        ModelEvent created = m.awaitEvent(e -> e instanceof ModelEvent.ObjectCreated c
                && c.path().startsWith(ipIf + "IPv4Address."), WAIT_SECONDS);
        assertNotNull(created, "ObjectCreation of the address: " + m.events());
        assertEquals("10.77.0.1", m.read(created.path() + "IPAddress"));
        assertEquals("255.255.255.0", m.read(created.path() + "SubnetMask"));
        assertEquals("Static", m.read(created.path() + "AddressingType"));

        must(ip("-n", ns, "addr", "del", "10.77.0.1/24", "dev", "dmv0"));
        assertNotNull(m.awaitEvent(e -> e.equals(new ModelEvent.ObjectDeleted(created.path())), WAIT_SECONDS),
                "ObjectDeletion of the address: " + m.events());

        m.clearEvents();
        assertTrue(m.set(ipIf + "Enable", "false").isEmpty(), "Enable written through a transaction");
        assertFalse(ip("-n", ns, "-j", "link", "show", "dev", "dmv0").value().contains("\"UP\""),
                "the kernel link is down");
        assertNotNull(m.awaitEvent(e -> e.equals(new ModelEvent.ValueChanged(eth + "Status", "Down")), WAIT_SECONDS),
                "the write's effect is pushed too: " + m.events());
        assertTrue(m.set(ipIf + "Enable", "true").isEmpty());
        assertTrue(ip("-n", ns, "-j", "link", "show", "dev", "dmv0").value().contains("\"UP\""));
        awaitValue(m, eth + "Status", "Up");
    }

    /** Waits for the model to read {@code value} at {@code path}, applying pushes meanwhile. */
    private static void awaitValue(NetworkModel m, String path, String value) throws InterruptedException {
        long end = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (!value.equals(m.read(path)) && System.nanoTime() < end) {
            m.awaitEvent(e -> false, 1);
        }
        assertEquals(value, m.read(path), path);
    }

    private Result<String> ip(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        return runner.run(argv);
    }

    private static void must(Result<String> r) {
        assertTrue(r.isOk(), () -> r.error().message());
    }

    private static Platform platform(NetworkPlatform network) {
        DeviceInfoPlatform info = new StaticDeviceInfo(DeviceIdentity.unknown());
        return new Platform() {
            @Override
            public String name() {
                return "linux (namespace)";
            }

            @Override
            public DeviceInfoPlatform deviceInfo() {
                return info;
            }

            @Override
            public NetworkPlatform network() {
                return network;
            }
        };
    }
}

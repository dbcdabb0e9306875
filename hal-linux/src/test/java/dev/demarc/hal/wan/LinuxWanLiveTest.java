package dev.demarc.hal.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.hal.exec.SystemCommandRunner;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.linux.LinuxPlatform;
import dev.demarc.hal.linux.ProcRoutes;
import dev.demarc.hal.linux.ResolvConf;
import dev.demarc.tr181.LocalAgentInfo;
import dev.demarc.tr181.MtpStatusRegistry;
import dev.demarc.tr181.PlatformChanges;
import dev.demarc.tr181.Tr181Model;
import dev.demarc.tr181.platform.Ipv4RouteState;
import dev.demarc.tr181.platform.WanState;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Linux platform on this machine, read-only: its real default route and resolvers, checked
 * against the kernel's and the resolver's own files; and a full Get that runs no process per
 * parameter.
 */
class LinuxWanLiveTest {

    @Test
    void the_real_default_route_and_resolvers_are_read() throws Exception {
        SystemCommandRunner runner = SystemCommandRunner.standard();
        try (LinuxPlatform linux = new LinuxPlatform(SystemFiles.device(), runner)) {
            WanState s = linux.wan().state();
            Assumptions.assumeTrue(s.routing(), "iproute2's ip is not installed here");
            assertTrue(!s.ipv4Routes().isEmpty(), "a machine running the tests has a route");

            Optional<ProcRoutes.Ipv4Route> kernelDefault = ProcRoutes.ipv4(Files.readString(Path.of("/proc/net/route")),
                    ByteOrder.nativeOrder()).stream().filter(r -> r.prefixLength() == 0)
                    .min(java.util.Comparator.comparingLong(ProcRoutes.Ipv4Route::metric));
            if (kernelDefault.isPresent()) {
                assertEquals(kernelDefault.get().device(), s.wan().key(), "the WAN is the default route's device");
                assertEquals(kernelDefault.get().gateway(), s.wan().gateway());
                Ipv4RouteState route = s.ipv4Routes().stream().filter(Ipv4RouteState::isDefault).findFirst().orElseThrow();
                assertEquals("0.0.0.0", route.subnetMask());
                assertTrue(Files.exists(Path.of("/sys/class/net", route.interfaceKey())));
            } else {
                assertTrue(!s.wan().present(), "no default route, no WAN");
            }

            Path resolv = Files.exists(Path.of("/run/systemd/resolve/resolv.conf"))
                    ? Path.of("/run/systemd/resolve/resolv.conf") : Path.of("/etc/resolv.conf");
            List<String> expected = Files.exists(resolv)
                    ? ResolvConf.parse(Files.readString(resolv)).stream().map(ResolvConf.Nameserver::address).toList()
                    : List.of();
            assertEquals(expected, s.dnsServers().stream().map(d -> d.address()).toList());
            assertEquals(Files.exists(resolv), s.dnsEnabled());
        }
    }

    @Test
    void a_full_get_reads_the_wan_side_from_the_snapshot_without_a_process_per_parameter() {
        SystemCommandRunner runner = SystemCommandRunner.standard();
        try (LinuxPlatform linux = new LinuxPlatform(SystemFiles.device(), runner)) {
            Assumptions.assumeTrue(linux.wan().state().routing(), "iproute2's ip is not installed here");
            Schema schema = Tr181Model.schema(linux);
            LocalAgentInfo agent = new LocalAgentInfo("os::012345-live", "0.1.0", () -> 0L, List.of());
            DataModel model = DataModel.open(schema, Tr181Model.bindings(schema, linux, () -> agent,
                    new MtpStatusRegistry(), PlatformChanges.NONE), new InMemoryStore(), true, List.of(), "test").value();
            long before = runner.started();
            List<ObjectValues> all = model.get("Device.", 0).value();
            all = model.get("Device.", 0).value();
            long processes = runner.started() - before;
            int parameters = all.stream().mapToInt(o -> o.parameters().size()).sum();
            assertTrue(processes <= 3, processes + " processes for two Gets of " + parameters + " parameters");
            long forwarding = all.stream().filter(o -> o.path().startsWith("Device.Routing.Router.1.IPv4Forwarding.")).count();
            assertEquals(linux.wan().state().ipv4Routes().size(), forwarding);
        }
    }
}

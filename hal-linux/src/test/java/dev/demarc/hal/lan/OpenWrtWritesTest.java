package dev.demarc.hal.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.schema.Access;
import dev.demarc.core.schema.Schema;
import dev.demarc.hal.exec.PlatformThreads;
import dev.demarc.hal.fs.SystemFiles;
import dev.demarc.hal.openwrt.OpenWrtPlatform;
import dev.demarc.hal.openwrt.UciFile;
import dev.demarc.hal.openwrt.UciPackage;
import dev.demarc.tr181.Tr181Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes on the OpenWrt platform through real transactions: the uci commands they become (run
 * by a fake {@code uci} that changes a copy of the fixture tree as uci would), one commit and
 * reload per transaction, nothing when a later change of the transaction fails, and the model
 * showing the device's state when uci refuses.
 */
class OpenWrtWritesTest {

    @TempDir
    Path dir;

    private Path root;
    private FakeUci uci;
    private OpenWrtPlatform platform;
    private ModelOnPlatform m;
    private String nasSection;

    @BeforeEach
    void open() {
        root = Fixtures.copy(Fixtures.OPENWRT, dir);
        uci = new FakeUci(root);
        platform = new OpenWrtPlatform(new SystemFiles(root), uci, false);
        m = new ModelOnPlatform(platform);
        nasSection = UciPackage.parse("firewall", Fixtures.text(Fixtures.OPENWRT, "/etc/config/firewall"))
                .ofType("redirect").get(0).id();
        uci.forget();
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private void awaitReload(String script) throws InterruptedException {
        ModelOnPlatform.await(script + " reload", () -> uci.changes().contains(script));
    }

    private String firewallFile() throws IOException {
        return Files.readString(root.resolve("etc/config/firewall"), StandardCharsets.UTF_8);
    }

    @Test
    void the_model_on_openwrt_has_its_redirects_and_says_what_it_can_write() {
        assertEquals("2", m.read("Device.NAT.PortMappingNumberOfEntries"));
        assertEquals("NAS web", m.read("Device.NAT.PortMapping.1.Description"));
        assertEquals("8443", m.read("Device.NAT.PortMapping.1.ExternalPort"));
        assertEquals("false", m.read("Device.NAT.PortMapping.2.Enable"));
        assertEquals("Disabled", m.read("Device.NAT.PortMapping.2.Status"));
        assertEquals("27030", m.read("Device.NAT.PortMapping.2.ExternalPortEndRange"));
        Schema schema = Tr181Model.schema(platform);
        assertTrue(schema.object("Device.NAT.PortMapping.{i}.").get().creatable());
        assertEquals(Access.READ_WRITE, schema.object("Device.NAT.PortMapping.{i}.").get().parameter("InternalClient").get().access());
        assertEquals(Access.READ_ONLY, schema.object("Device.NAT.PortMapping.{i}.").get().parameter("AllInterfaces").get().access());
        assertEquals(Access.READ_ONLY, schema.object("Device.NAT.PortMapping.{i}.").get().parameter("LeaseDuration").get().access());
        assertEquals(Access.READ_WRITE, schema.object("Device.DHCPv4.Server.Pool.{i}.").get().parameter("MinAddress").get().access());
        assertEquals(Access.READ_ONLY, schema.object("Device.DHCPv4.Server.Pool.{i}.").get().parameter("SubnetMask").get().access());
        assertEquals(false, schema.object("Device.DHCPv4.Server.Pool.{i}.").get().creatable());
        assertEquals(Access.READ_WRITE, schema.object("Device.Time.").get().parameter("LocalTimeZone").get().access());
    }

    @Test
    void add_set_and_delete_in_one_transaction_are_one_set_of_uci_commands_one_commit_one_reload() throws Exception {
        Optional<DmError> done = m.transaction(tx -> {
            var added = tx.add("Device.NAT.PortMapping.", Map.of("Enable", "true", "ExternalPort", "2222",
                    "InternalPort", "22", "Protocol", "TCP", "InternalClient", "192.168.1.30", "Description", "Pi ssh"));
            if (!added.isOk()) {
                return Optional.of(added.error());
            }
            return tx.set("Device.NAT.PortMapping.1.InternalPort", "8443")
                    .or(() -> tx.delete("Device.NAT.PortMapping.2."));
        });
        assertEquals(Optional.empty(), done);
        awaitReload("/etc/init.d/firewall reload");

        assertEquals(List.of(
                "uci rename firewall.@redirect[0]=" + nasSection,
                "uci set firewall." + nasSection + ".dest_port=8443",
                "uci delete firewall.game",
                "uci set firewall.demarc_pm_1=redirect",
                "uci set firewall.demarc_pm_1.target=DNAT",
                "uci set firewall.demarc_pm_1.src=wan",
                "uci set firewall.demarc_pm_1.dest=lan",
                "uci set firewall.demarc_pm_1.src_dport=2222",
                "uci set firewall.demarc_pm_1.dest_ip=192.168.1.30",
                "uci set firewall.demarc_pm_1.dest_port=22",
                "uci set firewall.demarc_pm_1.proto=tcp",
                "uci set firewall.demarc_pm_1.name=Pi ssh",
                "uci commit firewall",
                "/etc/init.d/firewall reload"), uci.changes());
        String file = firewallFile();
        assertTrue(file.contains("config redirect 'demarc_pm_1'"), file);
        assertTrue(!file.contains("'game'"), file);

        // Read again from the file: the instances stay what they were.
        m.events.clear();
        m.model.platformChanged("Device.NAT.PortMapping.");
        assertEquals(List.of(), m.events.stream().filter(e -> !(e instanceof ModelEvent.ValueChanged)).toList());
        assertEquals("2", m.read("Device.NAT.PortMappingNumberOfEntries"));
        assertEquals("8443", m.read("Device.NAT.PortMapping.1.InternalPort"));
        assertEquals("Pi ssh", m.read("Device.NAT.PortMapping.3.Description"));
        assertEquals("Enabled", m.read("Device.NAT.PortMapping.3.Status"));
    }

    private String instance(String path) {
        String found = m.model.resolve(path).value().matches().get(0).path();
        return found.substring(0, found.length() - 1);
    }

    @Test
    void references_name_the_network_instances_by_key_and_a_written_one_becomes_the_zone() throws Exception {
        String wan = instance("Device.IP.Interface.[Name==\"wan\"].");
        String lan = instance("Device.IP.Interface.[Name==\"lan\"].");
        assertEquals(wan, m.read("Device.NAT.PortMapping.1.Interface"));
        assertEquals(lan, m.read("Device.DHCPv4.Server.Pool.1.Interface"));
        assertEquals(lan, m.read("Device.Hosts.Host.1.Layer3Interface"));
        assertEquals(instance("Device.Ethernet.Interface.[Name==\"lan2\"]."), m.read("Device.Hosts.Host.1.Layer1Interface"));
        assertEquals("Device.DHCPv4.Server.Pool.1.Client.1", m.read("Device.Hosts.Host.1.DHCPClient"));

        assertEquals(Optional.empty(), m.set("Device.NAT.PortMapping.2.Interface", lan));
        assertEquals(lan, m.read("Device.NAT.PortMapping.2.Interface"));
        awaitReload("/etc/init.d/firewall reload");
        assertEquals(List.of("uci set firewall.game.src=lan", "uci commit firewall", "/etc/init.d/firewall reload"),
                uci.changes());
        assertEquals(ErrorCode.INVALID_VALUE, m.set("Device.NAT.PortMapping.2.Interface", "Device.NAT.PortMapping.1").get().code());
    }

    @Test
    void a_later_failure_in_the_transaction_leaves_uci_untouched() throws Exception {
        Optional<DmError> failed = m.transaction(tx -> tx.set("Device.NAT.PortMapping.1.Description", "changed")
                .or(() -> tx.set("Device.NAT.PortMapping.2.InternalClient", "nas.local")));
        assertEquals(ErrorCode.INVALID_VALUE, failed.get().code());
        assertEquals("Device.NAT.PortMapping.2.InternalClient", failed.get().path());
        assertEquals("NAS web", m.read("Device.NAT.PortMapping.1.Description"));

        assertEquals(Optional.empty(), m.set("Device.NAT.PortMapping.2.Description", "Games"));
        awaitReload("/etc/init.d/firewall reload");
        assertEquals(List.of("uci set firewall.game.name=Games", "uci commit firewall", "/etc/init.d/firewall reload"),
                uci.changes(), "the reverted change never reached uci");
    }

    @Test
    void when_uci_refuses_the_model_shows_what_the_device_has() throws Exception {
        uci.failWhen(argv -> argv.size() > 2 && argv.get(2).startsWith("firewall.game.dest_port"));
        assertEquals(Optional.empty(), m.set("Device.NAT.PortMapping.2.InternalPort", "99"));
        assertEquals("99", m.read("Device.NAT.PortMapping.2.InternalPort"));
        m.awaitPush();
        assertEquals("0", m.read("Device.NAT.PortMapping.2.InternalPort"));
        assertTrue(m.events.contains(new ModelEvent.ValueChanged("Device.NAT.PortMapping.2.InternalPort", "0")), m.events.toString());
        assertEquals(List.of("uci set firewall.game.dest_port=99", "uci revert firewall"), uci.changes());
    }

    @Test
    void a_mapping_openwrt_forwards_for_tcp_and_udp_is_not_changed() throws IOException {
        Files.writeString(root.resolve("etc/config/firewall"), """
                config zone
                \toption name 'wan'
                \tlist network 'wan'
                config redirect 'dns'
                \toption src 'wan'
                \toption src_dport '53'
                \toption dest_ip '192.168.1.2'
                """);
        OpenWrtPlatform other = new OpenWrtPlatform(new SystemFiles(root), uci, false);
        try {
            ModelOnPlatform o = new ModelOnPlatform(other);
            assertEquals("TCP,UDP", o.read("Device.NAT.PortMapping.1.Protocol") + "," + o.read("Device.NAT.PortMapping.2.Protocol"));
            assertEquals(ErrorCode.REQUEST_DENIED, o.set("Device.NAT.PortMapping.1.InternalPort", "5353").get().code());
        } finally {
            other.close();
        }
    }

    @Test
    void pool_and_time_writes_become_uci_commands_of_their_files() throws Exception {
        assertEquals("192.168.1.100", m.read("Device.DHCPv4.Server.Pool.1.MinAddress"));
        assertEquals(Optional.empty(), m.transaction(tx -> tx.set("Device.DHCPv4.Server.Pool.1.MinAddress", "192.168.1.50")
                .or(() -> tx.set("Device.DHCPv4.Server.Pool.1.LeaseTime", "3600"))));
        assertEquals("192.168.1.50", m.read("Device.DHCPv4.Server.Pool.1.MinAddress"));
        awaitReload("/etc/init.d/dnsmasq reload");
        assertEquals(List.of("uci set dhcp.lan.start=50", "uci set dhcp.lan.limit=200", "uci set dhcp.lan.leasetime=1h",
                "uci commit dhcp", "/etc/init.d/dnsmasq reload"), uci.changes());

        uci.forget();
        assertEquals(Optional.empty(), m.transaction(tx -> tx.set("Device.Time.Client.1.Servers", "ntp.example.net,pool.ntp.org")
                .or(() -> tx.set("Device.Time.LocalTimeZone", "UTC0"))));
        awaitReload("/etc/init.d/sysntpd restart");
        assertEquals(List.of("uci delete system.@system[0].zonename", "uci set system.@system[0].timezone=UTC0",
                "uci delete system.ntp.server", "uci add_list system.ntp.server=ntp.example.net",
                "uci add_list system.ntp.server=pool.ntp.org", "uci commit system", "/etc/init.d/system reload",
                "/etc/init.d/sysntpd restart"), uci.changes());
        assertEquals("UTC0", m.read("Device.Time.LocalTimeZone"));
        assertTrue(m.read("Device.Time.CurrentLocalTime").endsWith("Z"), m.read("Device.Time.CurrentLocalTime"));

        assertEquals(ErrorCode.INVALID_VALUE, m.set("Device.Time.LocalTimeZone", "Mars/Olympus").get().code());
        assertEquals(ErrorCode.PARAMETER_READ_ONLY, m.set("Device.DHCPv4.Server.Pool.1.SubnetMask", "255.255.0.0").get().code());
        assertEquals(ErrorCode.INVALID_VALUE, m.set("Device.DHCPv4.Server.Pool.1.MaxAddress", "192.168.2.10").get().code());
    }

    // ------------------------------------------------------------------ UciFile on its own

    @Test
    void an_edit_undone_after_it_was_applied_is_undone_in_uci_too() throws IOException {
        ScheduledExecutorService pool = PlatformThreads.newPool("test");
        try {
            UciFile firewall = new UciFile("firewall", new SystemFiles(root), uci, pool,
                    List.of(List.of("/etc/init.d/firewall", "reload")), Duration.ofHours(1));
            UciPackage before = firewall.current();
            UciPackage.Section game = before.section("game").get();
            firewall.edit(p -> p.with(game.with("enabled", UciPackage.Option.of("1"))));
            firewall.flush();
            assertEquals(List.of("uci set firewall.game.enabled=1", "uci commit firewall", "/etc/init.d/firewall reload"),
                    uci.changes());
            uci.forget();
            firewall.edit(p -> p.with(game));
            firewall.flush();
            assertEquals(List.of("uci set firewall.game.enabled=0", "uci commit firewall", "/etc/init.d/firewall reload"),
                    uci.changes());
            assertEquals(before.sections(), firewall.current().sections());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void edits_made_while_someone_else_changed_the_file_are_dropped() throws IOException {
        ScheduledExecutorService pool = PlatformThreads.newPool("test");
        try {
            UciFile firewall = new UciFile("firewall", new SystemFiles(root), uci, pool, List.of(), Duration.ofHours(1));
            firewall.edit(p -> p.without("game"));
            Files.writeString(root.resolve("etc/config/firewall"), firewallFile() + "\nconfig include\n\toption path '/etc/firewall.user'\n");
            firewall.flush();
            assertEquals(List.of(), uci.changes());
            assertTrue(firewall.current().has("game"));
            assertEquals(1, firewall.current().ofType("include").size());
        } finally {
            pool.shutdownNow();
        }
    }
}

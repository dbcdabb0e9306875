package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.store.InMemoryStore;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TR-181 objects of the agent on the real engine: controllers, device info, local agent. */
class Tr181ModelTest {

    private static final DeviceIdentity IDENTITY = new DeviceIdentity("Acme", "00D09E", "Gateway 9",
            "A home gateway", "HGW", "SN1234", "rev B", "1.0.3");

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final StaticDeviceInfo platform = new StaticDeviceInfo(IDENTITY, "2025-04-23T10:00:00Z", nanos::get);
    private final AtomicLong agentUpTime = new AtomicLong(3);
    private final LocalAgentInfo agent = new LocalAgentInfo("os::00D09E-SN1234", "0.1.0", agentUpTime::get, List.of());
    private final InMemoryStore store = new InMemoryStore();

    private DataModel open(boolean fresh, List<Assignment> defaults) {
        Schema schema = Tr181Model.schema();
        Result<DataModel> r = DataModel.open(schema, Tr181Model.bindings(schema, platform, agent), store, fresh,
                defaults, "test.defaults");
        if (!r.isOk()) {
            throw new AssertionError(r.error().toString());
        }
        return r.value();
    }

    private DataModel reopen(DataModel ignored, List<Assignment> defaults) {
        Schema schema = Tr181Model.schema();
        return DataModel.open(schema, Tr181Model.bindings(schema, platform, agent),
                new InMemoryStore(store.snapshot()), false, defaults, "test.defaults").value();
    }

    private static String read(DataModel model, String path) {
        Result<String> r = model.read(path);
        if (!r.isOk()) {
            throw new AssertionError(path + ": " + r.error());
        }
        return r.value();
    }

    private static Optional<DmError> setOne(DataModel model, String path, String value) {
        Transaction tx = model.begin();
        Optional<DmError> e = tx.set(path, value);
        if (e.isPresent()) {
            tx.rollback();
            return e;
        }
        Result<?> committed = tx.commit();
        return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
    }

    @Test
    void the_schema_has_the_objects_commands_and_events_of_this_agent() {
        List<String> objects = Tr181Model.schema().objects().stream().map(ObjectDef::path).toList();
        assertEquals(List.of("Device.", "Device.DeviceInfo.", "Device.DeviceInfo.MemoryStatus.",
                "Device.DeviceInfo.ProcessStatus.", "Device.DeviceInfo.ProcessStatus.Process.{i}.",
                "Device.DeviceInfo.TemperatureStatus.", "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.{i}.",
                "Device.LocalAgent.",
                "Device.LocalAgent.MTP.{i}.",
                "Device.LocalAgent.MTP.{i}.WebSocket.",
                "Device.LocalAgent.MTP.{i}.MQTT.",
                "Device.LocalAgent.MTP.{i}.UDS.",
                "Device.LocalAgent.Controller.{i}.",
                "Device.LocalAgent.Controller.{i}.MTP.{i}.",
                "Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.",
                "Device.LocalAgent.Controller.{i}.MTP.{i}.MQTT.",
                "Device.LocalAgent.Controller.{i}.MTP.{i}.UDS.",
                "Device.LocalAgent.Controller.{i}.BootParameter.{i}.",
                "Device.LocalAgent.Subscription.{i}.",
                "Device.LocalAgent.Request.{i}.",
                "Device.LocalAgent.ControllerTrust.",
                "Device.LocalAgent.ControllerTrust.Role.{i}.",
                "Device.LocalAgent.ControllerTrust.Role.{i}.Permission.{i}.",
                "Device.LocalAgent.ControllerTrust.Challenge.{i}.",
                "Device.MQTT.",
                "Device.MQTT.Capabilities.",
                "Device.MQTT.Client.{i}.",
                "Device.MQTT.Client.{i}.Stats.",
                "Device.MQTT.Client.{i}.Subscription.{i}.",
                "Device.InterfaceStack.{i}.",
                "Device.Ethernet.", "Device.Ethernet.Interface.{i}.", "Device.Ethernet.Interface.{i}.Stats.",
                "Device.Ethernet.Link.{i}.", "Device.Ethernet.Link.{i}.Stats.",
                "Device.Bridging.", "Device.Bridging.Bridge.{i}.", "Device.Bridging.Bridge.{i}.Port.{i}.",
                "Device.Bridging.Bridge.{i}.Port.{i}.Stats.",
                "Device.IP.", "Device.IP.Interface.{i}.", "Device.IP.Interface.{i}.IPv4Address.{i}.",
                "Device.IP.Interface.{i}.IPv6Address.{i}.", "Device.IP.Interface.{i}.IPv6Prefix.{i}.",
                "Device.IP.Interface.{i}.Stats.", "Device.IP.Diagnostics.",
                "Device.WiFi.",
                "Device.WiFi.Radio.{i}.",
                "Device.WiFi.Radio.{i}.Stats.",
                "Device.WiFi.SSID.{i}.",
                "Device.WiFi.SSID.{i}.Stats.",
                "Device.WiFi.AccessPoint.{i}.",
                "Device.WiFi.AccessPoint.{i}.Security.",
                "Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.",
                "Device.DHCPv4.", "Device.DHCPv4.Client.{i}.",
                "Device.DHCPv4.Server.", "Device.DHCPv4.Server.Pool.{i}.",
                "Device.DHCPv4.Server.Pool.{i}.Client.{i}.", "Device.DHCPv4.Server.Pool.{i}.Client.{i}.IPv4Address.{i}.",
                "Device.PPP.", "Device.PPP.Interface.{i}.", "Device.PPP.Interface.{i}.IPCP.",
                "Device.PPP.Interface.{i}.PPPoE.", "Device.PPP.Interface.{i}.Stats.",
                "Device.Routing.", "Device.Routing.Router.{i}.", "Device.Routing.Router.{i}.IPv4Forwarding.{i}.",
                "Device.Routing.Router.{i}.IPv6Forwarding.{i}.",
                "Device.DNS.", "Device.DNS.Client.", "Device.DNS.Client.Server.{i}.",
                "Device.Hosts.", "Device.Hosts.Host.{i}.", "Device.Hosts.Host.{i}.IPv4Address.{i}.",
                "Device.Hosts.Host.{i}.IPv6Address.{i}.",
                "Device.NAT.", "Device.NAT.PortMapping.{i}.",
                "Device.Time.", "Device.Time.Client.{i}.",
                "Device.UnixDomainSockets.", "Device.UnixDomainSockets.UnixDomainSocket.{i}."), objects);
        List<String> commandsAndEvents = new java.util.ArrayList<>();
        for (ObjectDef o : Tr181Model.schema().objects()) {
            o.commands().forEach(c -> commandsAndEvents.add(o.path() + c.name() + "()"));
            o.events().forEach(e -> commandsAndEvents.add(o.path() + e.name() + "!"));
        }
        assertEquals(List.of("Device.Reboot()", "Device.FactoryReset()", "Device.ScheduleTimer()", "Device.Boot!",
                "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.{i}.Reset()", "Device.LocalAgent.Periodic!",
                "Device.LocalAgent.Controller.{i}.SendOnBoardRequest()", "Device.LocalAgent.Request.{i}.Cancel()",
                "Device.LocalAgent.ControllerTrust.RequestChallenge()",
                "Device.LocalAgent.ControllerTrust.ChallengeResponse()",
                "Device.Ethernet.Interface.{i}.Stats.Reset()", "Device.Ethernet.Link.{i}.Stats.Reset()",
                "Device.Bridging.Bridge.{i}.Port.{i}.Stats.Reset()", "Device.IP.Interface.{i}.Reset()",
                "Device.IP.Interface.{i}.Stats.Reset()", "Device.IP.Diagnostics.IPPing()",
                "Device.IP.Diagnostics.TraceRoute()", "Device.IP.Diagnostics.DownloadDiagnostics()",
                "Device.IP.Diagnostics.UploadDiagnostics()", "Device.WiFi.NeighboringWiFiDiagnostic()", "Device.DHCPv4.Client.{i}.Renew()"),
                commandsAndEvents);
        ObjectDef controller = Tr181Model.schema().object("Device.LocalAgent.Controller.{i}.").orElseThrow();
        assertTrue(controller.creatable());
        assertEquals(List.of(List.of("EndpointID"), List.of("Alias")), controller.uniqueKeys());
    }

    @Test // TR-181 activeNotify="canDeny"; TR-369 GetSupportedDM value_change VALUE_CHANGE_WILL_IGNORE
    void the_parameters_tr181_lets_an_agent_deny_notifications_of_are_the_ones_never_notified() {
        List<String> ignored = new java.util.ArrayList<>();
        for (ObjectDef o : Tr181Model.schema().objects()) {
            o.parameters().stream().filter(p -> p.valueChangeIgnored()).forEach(p -> ignored.add(o.path() + p.name()));
        }
        assertEquals(List.of("Device.DeviceInfo.UpTime", "Device.LocalAgent.UpTime",
                "Device.MQTT.Client.{i}.Stats.BrokerConnectionEstablished",
                "Device.MQTT.Client.{i}.Stats.MQTTMessagesSent", "Device.MQTT.Client.{i}.Stats.MQTTMessagesReceived",
                "Device.MQTT.Client.{i}.Stats.ConnectionErrors",
                "Device.WiFi.SSID.{i}.Stats.BytesSent", "Device.WiFi.SSID.{i}.Stats.BytesReceived",
                "Device.WiFi.SSID.{i}.Stats.PacketsSent", "Device.WiFi.SSID.{i}.Stats.PacketsReceived",
                "Device.WiFi.SSID.{i}.Stats.ErrorsSent", "Device.WiFi.SSID.{i}.Stats.ErrorsReceived",
                "Device.WiFi.SSID.{i}.Stats.DiscardPacketsSent", "Device.WiFi.SSID.{i}.Stats.DiscardPacketsReceived",
                "Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.LastDataDownlinkRate",
                "Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.LastDataUplinkRate"), ignored,
                "the canDeny parameters of this model, as dmtool dump lists them; SoftwareVersion and "
                        + "ProvisioningCode are forceEnabled and stay notified");
    }

    @Test
    void root_data_model_version_is_2_19() {
        assertEquals("2.19", read(open(true, List.of()), "Device.RootDataModelVersion"));
    }

    @Test
    void device_info_comes_from_the_platform() {
        DataModel model = open(true, List.of());
        assertEquals("Acme", read(model, "Device.DeviceInfo.Manufacturer"));
        assertEquals("00D09E", read(model, "Device.DeviceInfo.ManufacturerOUI"));
        assertEquals("Gateway 9", read(model, "Device.DeviceInfo.ModelName"));
        assertEquals("A home gateway", read(model, "Device.DeviceInfo.Description"));
        assertEquals("HGW", read(model, "Device.DeviceInfo.ProductClass"));
        assertEquals("SN1234", read(model, "Device.DeviceInfo.SerialNumber"));
        assertEquals("rev B", read(model, "Device.DeviceInfo.HardwareVersion"));
        assertEquals("1.0.3", read(model, "Device.DeviceInfo.SoftwareVersion"));
        assertEquals("2025-04-23T10:00:00Z", read(model, "Device.DeviceInfo.FirstUseDate"));
        assertEquals("", read(model, "Device.DeviceInfo.ProvisioningCode"));
    }

    @Test
    void up_time_counts_seconds_on_the_platform_clock() {
        DataModel model = open(true, List.of());
        assertEquals("0", read(model, "Device.DeviceInfo.UpTime"));
        nanos.addAndGet(61_500_000_000L);
        assertEquals("61", read(model, "Device.DeviceInfo.UpTime"));
        assertEquals("3", read(model, "Device.LocalAgent.UpTime"));
    }

    @Test
    void the_factory_defaults_pin_the_identity_over_the_platform() {
        DataModel model = open(true, List.of(
                new Assignment("Device.DeviceInfo.ManufacturerOUI", "A1B2C3", 1),
                new Assignment("Device.DeviceInfo.SerialNumber", "FROM-DEFAULTS", 2)));
        assertEquals("A1B2C3", read(model, "Device.DeviceInfo.ManufacturerOUI"));
        assertEquals("FROM-DEFAULTS", read(model, "Device.DeviceInfo.SerialNumber"));
        assertEquals("Acme", read(model, "Device.DeviceInfo.Manufacturer"), "what is not pinned still comes from the platform");
        assertEquals("A1B2C3", read(reopen(model, List.of()), "Device.DeviceInfo.ManufacturerOUI"), "pinned values are stored");
    }

    @Test
    void a_defaults_value_breaking_the_standard_facets_names_its_line() {
        Schema schema = Tr181Model.schema();
        Result<DataModel> r = DataModel.open(schema, Tr181Model.bindings(schema, platform, agent), store, true,
                List.of(new Assignment("Device.DeviceInfo.ManufacturerOUI", "00d09e", 7)), "test.defaults");
        assertFalse(r.isOk());
        assertTrue(r.error().message().startsWith("test.defaults:7: Device.DeviceInfo.ManufacturerOUI"), r.error().message());
    }

    @Test
    void an_unknown_oui_reads_as_an_error_not_as_an_invalid_value() {
        Schema schema = Tr181Model.schema();
        DataModel model = DataModel.open(schema, Tr181Model.bindings(schema,
                new StaticDeviceInfo(DeviceIdentity.unknown()), agent), store, true, List.of(), "test.defaults").value();
        Result<String> oui = model.read("Device.DeviceInfo.ManufacturerOUI");
        assertFalse(oui.isOk());
        assertEquals(ErrorCode.INTERNAL_ERROR, oui.error().code());
        assertEquals("", read(model, "Device.DeviceInfo.Manufacturer"), "an empty manufacturer is a valid string(64)");
        assertEquals("0001-01-01T00:00:00Z", read(model, "Device.DeviceInfo.FirstUseDate"), "the Unknown Time");
    }

    @Test
    void set_of_read_only_device_info_parameter_fails_with_7013() {
        DataModel model = open(true, List.of());
        for (String name : List.of("Manufacturer", "ManufacturerOUI", "SerialNumber", "SoftwareVersion", "UpTime", "FirstUseDate")) {
            Optional<DmError> e = setOne(model, "Device.DeviceInfo." + name, "x");
            assertEquals(ErrorCode.PARAMETER_READ_ONLY, e.orElseThrow().code(), name);
        }
        assertEquals(ErrorCode.PARAMETER_READ_ONLY,
                setOne(model, "Device.LocalAgent.EndpointID", "os::x").orElseThrow().code());
    }

    @Test
    void provisioning_code_is_stored_configuration_of_at_most_64_characters() {
        DataModel model = open(true, List.of());
        assertEquals(Optional.empty(), setOne(model, "Device.DeviceInfo.ProvisioningCode", "site-7"));
        assertEquals("site-7", read(reopen(model, List.of()), "Device.DeviceInfo.ProvisioningCode"));
        assertEquals(ErrorCode.INVALID_VALUE,
                setOne(model, "Device.DeviceInfo.ProvisioningCode", "x".repeat(65)).orElseThrow().code());
    }

    @Test
    void local_agent_tells_its_endpoint_id_and_version() {
        DataModel model = open(true, List.of());
        assertEquals("os::00D09E-SN1234", read(model, "Device.LocalAgent.EndpointID"));
        assertEquals("0.1.0", read(model, "Device.LocalAgent.SoftwareVersion"));
    }

    @Test // profile MQTTAgent:1
    void advertised_device_subtypes_is_a_stored_list_empty_by_default() {
        DataModel model = open(true, List.of());
        assertEquals("", read(model, "Device.LocalAgent.AdvertisedDeviceSubtypes"));
        Transaction tx = model.begin();
        assertTrue(tx.set("Device.LocalAgent.AdvertisedDeviceSubtypes", "gateway,extender").isEmpty());
        assertTrue(tx.commit().isOk());
        assertEquals("gateway,extender", read(model, "Device.LocalAgent.AdvertisedDeviceSubtypes"));
        Transaction tooLong = model.begin();
        assertTrue(tooLong.set("Device.LocalAgent.AdvertisedDeviceSubtypes", "x".repeat(64)).isPresent(),
                "one DNS label each");
        tooLong.rollback();
    }

    @Test
    void supported_protocols_lists_only_running_transports() {
        assertFalse(open(true, List.of()).read("Device.LocalAgent.SupportedProtocols").isOk(),
                "no MTP runs yet, and the standard wants at least one item: no value rather than a false one");
        Schema schema = Tr181Model.schema();
        LocalAgentInfo withMtps = new LocalAgentInfo("os::00D09E-SN1234", "0.1.0", () -> 0, List.of("MQTT", "WebSocket"));
        DataModel model = DataModel.open(schema, Tr181Model.bindings(schema, platform, withMtps), new InMemoryStore(),
                true, List.of(), "test.defaults").value();
        assertEquals("MQTT,WebSocket", read(model, "Device.LocalAgent.SupportedProtocols"));
    }

    @Test
    void the_agents_values_can_be_given_after_the_model_is_open_and_change_while_it_runs() {
        Schema schema = Tr181Model.schema();
        AtomicReference<LocalAgentInfo> later = new AtomicReference<>();
        DataModel model = DataModel.open(schema, Tr181Model.bindings(schema, platform, later::get),
                new InMemoryStore(), true, List.of(), "test.defaults").value();
        Result<String> starting = model.read("Device.LocalAgent.EndpointID");
        assertFalse(starting.isOk(), "not known yet: an error, not a made-up value");
        assertEquals(ErrorCode.INTERNAL_ERROR, starting.error().code());

        later.set(new LocalAgentInfo("self::demarc-1", "0.1.0", () -> 7, List.of("WebSocket")));
        assertEquals("self::demarc-1", read(model, "Device.LocalAgent.EndpointID"));
        assertEquals("7", read(model, "Device.LocalAgent.UpTime"));
        assertEquals("WebSocket", read(model, "Device.LocalAgent.SupportedProtocols"));
        later.set(new LocalAgentInfo("self::demarc-1", "0.1.0", () -> 8, List.of("WebSocket", "MQTT")));
        assertEquals("WebSocket,MQTT", read(model, "Device.LocalAgent.SupportedProtocols"));
    }

    @Test
    void an_endpoint_id_the_defaults_store_is_read_before_the_agents_own() {
        Schema schema = Tr181Model.schema();
        AtomicReference<LocalAgentInfo> later = new AtomicReference<>();
        DataModel model = DataModel.open(schema, Tr181Model.bindings(schema, platform, later::get),
                new InMemoryStore(), true, List.of(new Assignment("Device.LocalAgent.EndpointID", "os::00D09E-PINNED", 1)),
                "test.defaults").value();
        assertEquals("os::00D09E-PINNED", read(model, "Device.LocalAgent.EndpointID"), "readable before the agent's value");
        later.set(new LocalAgentInfo("os::00D09E-PINNED", "0.1.0", () -> 0, List.of()));
        assertEquals("os::00D09E-PINNED", read(model, "Device.LocalAgent.EndpointID"));
    }

    @Test
    void controllers_are_added_with_an_endpoint_id_and_get_alias_cpe_n() {
        DataModel model = open(true, List.of());
        Transaction tx = model.begin();
        Result<String> added = tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::controller-1"));
        assertTrue(tx.commit().isOk());
        assertEquals("Device.LocalAgent.Controller.1.", added.value());
        assertEquals("cpe-1", read(model, "Device.LocalAgent.Controller.1.Alias"));
        assertEquals("proto::controller-1", read(model, "Device.LocalAgent.Controller.[EndpointID==\"proto::controller-1\"].EndpointID"));
        assertEquals("1", read(model, "Device.LocalAgent.ControllerNumberOfEntries"));
    }

    @Test
    void a_new_controller_has_the_standard_defaults() {
        DataModel model = open(true, List.of());
        Transaction tx = model.begin();
        String c = tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::c")).value();
        String mtp = tx.add(c + "MTP.", Map.of("Protocol", "WebSocket")).value();
        assertTrue(tx.commit().isOk());
        assertEquals("false", read(model, c + "Enable"));
        assertEquals("5", read(model, c + "USPNotifRetryMinimumWaitInterval"));
        assertEquals("2000", read(model, c + "USPNotifRetryIntervalMultiplier"));
        assertEquals("false", read(model, c + "OnBoardingComplete"));
        assertEquals("0", read(model, c + "OnBoardingRestartTime"));
        assertEquals("1", read(model, c + "MTPNumberOfEntries"));
        assertEquals("0", read(model, c + "BootParameterNumberOfEntries"));
        assertEquals("false", read(model, mtp + "Enable"));
        assertEquals("true", read(model, mtp + "WebSocket.EnableEncryption"));
        assertEquals("5", read(model, mtp + "WebSocket.SessionRetryMinimumWaitInterval"));
        assertEquals("2000", read(model, mtp + "WebSocket.SessionRetryIntervalMultiplier"));
        assertEquals("false", read(model, mtp + "MQTT.PublishRetainResponse"));
        assertEquals("false", read(model, mtp + "MQTT.PublishRetainNotify"));
    }

    @Test
    void a_second_controller_with_the_same_endpoint_id_fails_with_7025() {
        DataModel model = open(true, List.of());
        Transaction tx = model.begin();
        tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::same"));
        assertTrue(tx.commit().isOk());
        tx = model.begin();
        assertTrue(tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::same")).isOk());
        Result<?> committed = tx.commit();
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY, committed.error().code());
        assertEquals("1", read(model, "Device.LocalAgent.ControllerNumberOfEntries"));
    }

    @Test
    void two_mtps_of_one_controller_cannot_share_a_protocol() {
        DataModel model = open(true, List.of());
        Transaction tx = model.begin();
        String c = tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::c")).value();
        tx.add(c + "MTP.", Map.of("Protocol", "MQTT"));
        tx.add(c + "MTP.", Map.of("Protocol", "MQTT"));
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY, tx.commit().error().code());
        tx = model.begin();
        c = tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::c")).value();
        Result<String> bad = tx.add(c + "MTP.", Map.of("Protocol", "CoAP"));
        tx.rollback();
        assertEquals(ErrorCode.INVALID_VALUE, bad.error().code(), "CoAP is deleted from the standard");
    }

    @Test
    void controllers_from_the_factory_defaults_persist_across_a_restart() {
        List<Assignment> defaults = List.of(
                new Assignment("Device.LocalAgent.Controller.1.EndpointID", "proto::acs", 1),
                new Assignment("Device.LocalAgent.Controller.1.Enable", "true", 2),
                new Assignment("Device.LocalAgent.Controller.1.MTP.1.Protocol", "MQTT", 3),
                new Assignment("Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic", "usp/controller", 4),
                new Assignment("Device.LocalAgent.Controller.1.BootParameter.1.ParameterName", "Device.DeviceInfo.SoftwareVersion", 5));
        DataModel model = open(true, defaults);
        Transaction tx = model.begin();
        tx.add("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::second"));
        assertTrue(tx.commit().isOk());

        DataModel again = reopen(model, defaults);
        assertEquals("2", read(again, "Device.LocalAgent.ControllerNumberOfEntries"));
        assertEquals("proto::acs", read(again, "Device.LocalAgent.Controller.1.EndpointID"));
        assertEquals("true", read(again, "Device.LocalAgent.Controller.1.Enable"));
        assertEquals("cpe-1", read(again, "Device.LocalAgent.Controller.1.Alias"));
        assertEquals("usp/controller", read(again, "Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic"));
        assertEquals("1", read(again, "Device.LocalAgent.Controller.1.BootParameterNumberOfEntries"));
        assertEquals("proto::second", read(again, "Device.LocalAgent.Controller.2.EndpointID"));
        assertEquals("cpe-2", read(again, "Device.LocalAgent.Controller.2.Alias"));
        assertEquals(model.get("Device.LocalAgent.", 0).value(), again.get("Device.LocalAgent.", 0).value());
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource({
        "Enable, maybe, 7011",
        "ControllerCode, '', ok",
        "PeriodicNotifInterval, 0, 7012",
        "PeriodicNotifInterval, 1, ok",
        "PeriodicNotifTime, 2025-01-01T00:00:00Z, ok",
        "PeriodicNotifTime, soon, 7011",
        "USPNotifRetryMinimumWaitInterval, 65536, 7012",
        "USPNotifRetryIntervalMultiplier, 999, 7012",
        "USPNotifRetryIntervalMultiplier, 65535, ok",
        "OnBoardingRestartTime, -1, 7011",
        "AssignedRole, 'Device.LocalAgent.ControllerTrust.Role.1.,Device.LocalAgent.ControllerTrust.Role.2.', ok",
        "InheritedRole, '', 7013",
        "Alias, other, 7013",
        "MTP.1.Order, 0, 7012",
        "MTP.1.Protocol, STOMP, ok",
        "MTP.1.Protocol, XMPP, 7012",
        "MTP.1.WebSocket.Port, 0, 7012",
        "MTP.1.WebSocket.Port, 65535, ok",
        "MTP.1.WebSocket.KeepAliveInterval, 0, 7012",
        "MTP.1.WebSocket.SessionRetryIntervalMultiplier, 65536, 7012",
        "BootParameter.1.ParameterName, Device.DeviceInfo., ok",
    })
    void controller_parameters_have_the_standards_facets(String relative, String value, String expected) {
        DataModel model = open(true, List.of(
                new Assignment("Device.LocalAgent.Controller.1.EndpointID", "proto::c", 1),
                new Assignment("Device.LocalAgent.Controller.1.MTP.1.Protocol", "WebSocket", 2),
                new Assignment("Device.LocalAgent.Controller.1.BootParameter.1.Enable", "true", 3)));
        Optional<DmError> e = setOne(model, "Device.LocalAgent.Controller.1." + relative, value);
        assertEquals(expected, e.map(x -> Integer.toString(x.code().code())).orElse("ok"), () -> e.toString());
    }

    @Test
    void root_data_model_version_follows_its_pattern() {
        assertTrue(Tr181Model.ROOT_DATA_MODEL_VERSION_PARAMETER.type().isValid(Tr181Model.ROOT_DATA_MODEL_VERSION));
        assertFalse(Tr181Model.ROOT_DATA_MODEL_VERSION_PARAMETER.type().isValid("1.14"));
    }

}

package dev.demarc.tr181;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.schema.ParameterDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the running agent tells of itself beyond the configuration: the Unix domain sockets of its
 * MTPs, each controller's connections (vendor extensions), the log level (vendor extension).
 */
class AgentLiveStatusTest {

    private static final String C1 = "Device.LocalAgent.Controller.1.";
    private static final String CLI = "self::demarc-cli";
    private static final Instant T1 = Instant.parse("2025-05-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-05-20T10:05:30Z");

    private final ModelFixture fixture = new ModelFixture();

    private DataModel withCliController() {
        DataModel model = fixture.open(ModelFixture.lines(
                C1 + "EndpointID", CLI,
                C1 + "Enable", "true",
                C1 + "MTP.1.Enable", "true",
                C1 + "MTP.1.Protocol", "UDS",
                C1 + "MTP.1.UDS.UnixDomainSocketRef", "Device.UnixDomainSockets.UnixDomainSocket.1",
                C1 + "MTP.2.Enable", "true",
                C1 + "MTP.2.Protocol", "WebSocket"));
        fixture.mtpStatus.setControllers(Map.of(
                C1, new MtpStatusRegistry.ControllerInstance(CLI, Optional.empty()),
                C1 + "MTP.1.", new MtpStatusRegistry.ControllerInstance(CLI, Optional.of("UDS")),
                C1 + "MTP.2.", new MtpStatusRegistry.ControllerInstance(CLI, Optional.of("WebSocket"))));
        return model;
    }

    @Test
    void the_unix_domain_sockets_are_the_running_agents_read_only_rows() {
        fixture.mtpStatus.setUnixDomainSockets(List.of(
                new MtpStatusRegistry.UnixDomainSocket("control", "Listen", "/run/demarc/control.sock")));
        DataModel model = fixture.open(List.of());
        String row = "Device.UnixDomainSockets.UnixDomainSocket.1.";
        assertEquals("Listen", ModelFixture.read(model, row + "Mode"));
        assertEquals("/run/demarc/control.sock", ModelFixture.read(model, row + "Path"));
        assertEquals("cpe-1", ModelFixture.read(model, row + "Alias"));
        assertEquals("1", ModelFixture.read(model, "Device.UnixDomainSockets.UnixDomainSocketNumberOfEntries"));
        assertEquals("7013", ModelFixture.outcome(ModelFixture.setOne(model, row + "Path", "/tmp/x")));
        assertFalse(ModelFixture.addOne(model, "Device.UnixDomainSockets.UnixDomainSocket.", Map.of()).isOk(),
                "controllers may not add sockets");

        fixture.mtpStatus.setUnixDomainSockets(List.of(
                new MtpStatusRegistry.UnixDomainSocket("control", "Listen", "/tmp/elsewhere.sock")));
        DataModel restarted = fixture.reopen();
        assertEquals("/tmp/elsewhere.sock", ModelFixture.read(restarted, row + "Path"),
                "a socket keeps its instance when its path changes");
    }

    @Test
    void an_mtp_names_its_socket_and_a_controller_mtp_has_no_usp_service() {
        DataModel model = fixture.open(ModelFixture.lines(
                "Device.LocalAgent.MTP.1.Protocol", "UDS",
                "Device.LocalAgent.MTP.1.UDS.UnixDomainSocketRef", "Device.UnixDomainSockets.UnixDomainSocket.1",
                C1 + "EndpointID", CLI,
                C1 + "MTP.1.Protocol", "UDS"));
        assertEquals("Device.UnixDomainSockets.UnixDomainSocket.1",
                ModelFixture.read(model, "Device.LocalAgent.MTP.1.UDS.UnixDomainSocketRef"));
        assertEquals("", ModelFixture.read(model, C1 + "MTP.1.UDS.UnixDomainSocketRef"));
        assertEquals("", ModelFixture.read(model, C1 + "MTP.1.UDS.USPServiceRef"));
        assertEquals("7013", ModelFixture.outcome(ModelFixture.setOne(model, C1 + "MTP.1.UDS.USPServiceRef", "x")));
        assertEquals("ok", ModelFixture.outcome(ModelFixture.setOne(model, C1 + "MTP.1.UDS.UnixDomainSocketRef",
                "Device.UnixDomainSockets.UnixDomainSocket.1")));
    }

    @Test
    void a_controller_never_connected_reads_as_such() {
        DataModel model = withCliController();
        assertEquals("false", ModelFixture.read(model, C1 + "X_DEMARC_DEV_Connected"));
        assertEquals("", ModelFixture.read(model, C1 + "X_DEMARC_DEV_ConnectedProtocols"));
        assertEquals("0001-01-01T00:00:00Z", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastChange"));
        assertEquals("", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastError"));
        assertEquals("0001-01-01T00:00:00Z", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastErrorTime"));
        assertEquals("0", ModelFixture.read(model, C1 + "X_DEMARC_DEV_NotificationsWaiting"));
    }

    @Test
    void connections_are_read_per_controller_and_per_mtp() {
        DataModel model = withCliController();
        fixture.mtpStatus.controllerConnected(CLI, "UDS", T1);
        fixture.mtpStatus.controllerConnected(CLI, "UDS", T2);
        assertEquals("true", ModelFixture.read(model, C1 + "X_DEMARC_DEV_Connected"));
        assertEquals("UDS", ModelFixture.read(model, C1 + "X_DEMARC_DEV_ConnectedProtocols"));
        assertEquals("2025-05-20T10:00:00Z", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastChange"),
                "a second connection changes nothing");
        assertEquals("true", ModelFixture.read(model, C1 + "MTP.1.X_DEMARC_DEV_Connected"));
        assertEquals("false", ModelFixture.read(model, C1 + "MTP.2.X_DEMARC_DEV_Connected"));

        fixture.mtpStatus.controllerDisconnected(CLI, "UDS", T2, "");
        assertEquals("true", ModelFixture.read(model, C1 + "X_DEMARC_DEV_Connected"), "one is still open");
        fixture.mtpStatus.controllerDisconnected(CLI, "UDS", T2, "the peer sent an Error: bye");
        assertEquals("false", ModelFixture.read(model, C1 + "MTP.1.X_DEMARC_DEV_Connected"));
        assertEquals("2025-05-20T10:05:30Z", ModelFixture.read(model, C1 + "MTP.1.X_DEMARC_DEV_LastChange"));
        assertEquals("the peer sent an Error: bye", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastError"));
        assertEquals("2025-05-20T10:05:30Z", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastErrorTime"));
        assertEquals("", ModelFixture.read(model, C1 + "MTP.2.X_DEMARC_DEV_LastError"), "per protocol");
    }

    @Test
    void each_change_of_a_channel_is_read_by_the_next_read_of_its_instance() {
        DataModel model = withCliController();
        assertEquals("", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastError"));
        assertEquals("false", ModelFixture.read(model, C1 + "X_DEMARC_DEV_Connected"));
        fixture.mtpStatus.controllerError(CLI, "UDS", T1, "the send failed");
        assertEquals("the send failed", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastError"));
        assertEquals("the send failed", ModelFixture.read(model, C1 + "MTP.1.X_DEMARC_DEV_LastError"));
        assertEquals("2025-05-20T10:00:00Z", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastErrorTime"));
        fixture.mtpStatus.controllerConnected(CLI, "UDS", T2);
        assertEquals("true", ModelFixture.read(model, C1 + "X_DEMARC_DEV_Connected"));
        assertEquals("2025-05-20T10:05:30Z", ModelFixture.read(model, C1 + "X_DEMARC_DEV_LastChange"));
        fixture.mtpStatus.setControllers(Map.of());
        assertEquals("false", ModelFixture.read(model, C1 + "X_DEMARC_DEV_Connected"), "no longer a controller");
    }

    @Test
    void connections_of_endpoint_ids_that_are_no_controller_are_not_kept() {
        withCliController();
        fixture.mtpStatus.controllerConnected("proto::stranger", "WebSocket", T1);
        assertEquals(MtpStatusRegistry.ControllerLink.NEVER, fixture.mtpStatus.controllerLink("proto::stranger"));
    }

    @Test
    void notifications_waiting_are_what_the_agent_counts_for_the_controller() {
        DataModel model = withCliController();
        fixture.mtpStatus.setWaitingNotifications(path -> path.equals(C1) ? 3 : 0);
        assertEquals("3", ModelFixture.read(model, C1 + "X_DEMARC_DEV_NotificationsWaiting"));
    }

    @Test
    void the_log_level_is_read_and_set_through_the_agents_logging() {
        List<String> set = new ArrayList<>();
        String[] level = {"Info"};
        fixture.logLevel = new LogLevelControl() {
            @Override
            public String level() {
                return level[0];
            }

            @Override
            public Optional<String> setLevel(String l) {
                set.add(l);
                level[0] = l;
                return Optional.empty();
            }
        };
        DataModel model = fixture.open(List.of());
        assertEquals("Info", ModelFixture.read(model, "Device.LocalAgent.X_DEMARC_DEV_LogLevel"));
        assertEquals("ok", ModelFixture.outcome(ModelFixture.setOne(model, "Device.LocalAgent.X_DEMARC_DEV_LogLevel",
                "Debug")));
        assertEquals(List.of("Debug"), set);
        assertEquals("Debug", ModelFixture.read(model, "Device.LocalAgent.X_DEMARC_DEV_LogLevel"));
        assertEquals("7012", ModelFixture.outcome(ModelFixture.setOne(model, "Device.LocalAgent.X_DEMARC_DEV_LogLevel",
                "Verbose")), "not a level");
        assertTrue(fixture.store.snapshot().keySet().stream().noneMatch(k -> k.contains("LogLevel")), "not stored");
    }

    @Test
    void a_logging_that_cannot_change_levels_refuses_with_7002() {
        DataModel model = fixture.open(List.of());
        Optional<DmError> refused = ModelFixture.setOne(model, "Device.LocalAgent.X_DEMARC_DEV_LogLevel", "Debug");
        assertEquals("7002", ModelFixture.outcome(refused));
        assertTrue(refused.get().message().contains("fixed"), refused.get().message());
        assertEquals("Info", ModelFixture.read(model, "Device.LocalAgent.X_DEMARC_DEV_LogLevel"));
    }

    @Test
    void the_vendor_extensions_are_named_as_tr106_says() {
        for (var o : Tr181Model.schema().objects()) {
            for (ParameterDef p : o.parameters()) {
                if (p.name().startsWith("X_")) {
                    assertTrue(p.name().startsWith(Tr181Model.VENDOR_PREFIX), o.path() + p.name());
                }
            }
        }
    }
}

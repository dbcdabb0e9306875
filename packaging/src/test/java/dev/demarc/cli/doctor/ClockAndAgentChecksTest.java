package dev.demarc.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.tr181.platform.NtpClient;
import dev.demarc.tr181.platform.TimeSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The clock step on fixed clocks, and the agent's controllers step on controlled agent answers. */
class ClockAndAgentChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static TimeSnapshot time(NtpClient.NtpStatus status) {
        return new TimeSnapshot(status != NtpClient.NtpStatus.DISABLED, status, "CET-1CEST,M3.5.0,M10.5.0/3",
                "Europe/Paris", List.of(new NtpClient("ntp", true, status, List.of("0.openwrt.pool.ntp.org"))));
    }

    @Test
    void a_synchronized_clock_passes() {
        CheckResult r = ClockCheck.check(NOW, time(NtpClient.NtpStatus.SYNCHRONIZED));
        assertEquals(CheckStatus.PASS, r.status(), r.toString());
        assertEquals("2026-11-21 12:00:00 UTC, zone Europe/Paris, NTP Synchronized, servers 0.openwrt.pool.ntp.org",
                r.measured());
    }

    @Test
    void a_clock_in_1970_fails_at_the_gateway() {
        CheckResult r = ClockCheck.check(Instant.EPOCH, time(NtpClient.NtpStatus.UNSYNCHRONIZED));
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals(Optional.of(Side.GATEWAY), r.side());
        assertTrue(r.meaning().contains("certificates"), r.meaning());
        assertEquals(CheckStatus.FAIL, ClockCheck.check(Instant.parse("2100-01-01T00:00:00Z"), TimeSnapshot.UNKNOWN)
                .status());
    }

    @Test
    void ntp_off_or_not_yet_synchronized_warns_and_failing_to_synchronize_fails() {
        assertEquals(CheckStatus.WARN, ClockCheck.check(NOW, time(NtpClient.NtpStatus.DISABLED)).status());
        assertEquals(CheckStatus.WARN, ClockCheck.check(NOW, time(NtpClient.NtpStatus.UNSYNCHRONIZED)).status());
        assertEquals(CheckStatus.FAIL, ClockCheck.check(NOW,
                time(NtpClient.NtpStatus.ERROR_FAILED_TO_SYNCHRONIZE)).status());
    }

    @Test
    void a_platform_that_says_nothing_of_ntp_passes_on_a_sane_year() {
        CheckResult r = ClockCheck.check(NOW, TimeSnapshot.UNKNOWN);
        assertEquals(CheckStatus.PASS, r.status());
        assertTrue(r.measured().contains("the platform does not say whether NTP synchronized it"), r.measured());
    }

    private static final Map<String, String> CONTROLLERS = Map.ofEntries(
            Map.entry("Device.LocalAgent.Controller.1.EndpointID", "proto::acs"),
            Map.entry("Device.LocalAgent.Controller.1.Enable", "true"),
            Map.entry("Device.LocalAgent.Controller.1.X_DEMARC_DEV_Connected", "true"),
            Map.entry("Device.LocalAgent.Controller.1.X_DEMARC_DEV_ConnectedProtocols", "MQTT"),
            Map.entry("Device.LocalAgent.Controller.1.X_DEMARC_DEV_LastChange", "2026-11-21T11:00:00Z"),
            Map.entry("Device.LocalAgent.Controller.2.EndpointID", "proto::backup"),
            Map.entry("Device.LocalAgent.Controller.2.Enable", "true"),
            Map.entry("Device.LocalAgent.Controller.2.X_DEMARC_DEV_Connected", "false"),
            Map.entry("Device.LocalAgent.Controller.2.X_DEMARC_DEV_LastError", "broker unreachable"),
            Map.entry("Device.LocalAgent.Controller.2.MTP.1.Enable", "true"),
            Map.entry("Device.LocalAgent.Controller.2.MTP.1.Protocol", "MQTT"),
            Map.entry("Device.LocalAgent.Controller.2.MTP.1.X_DEMARC_DEV_Connected", "false"),
            Map.entry("Device.MQTT.Client.1.Enable", "true"),
            Map.entry("Device.MQTT.Client.1.Status", "Error_BrokerUnreachable"),
            Map.entry("Device.LocalAgent.Controller.3.EndpointID", "self::demarc-cli"),
            Map.entry("Device.LocalAgent.Controller.3.Enable", "true"));

    @Test
    void each_enabled_controller_is_a_result_the_commands_own_left_out() {
        List<CheckResult> r = ControllerConnectionsCheck.check(
                AgentState.of("/run/demarc/control.sock", ControllerConnection.fromParameters(CONTROLLERS)),
                "self::demarc-cli");
        assertEquals(2, r.size(), r.toString());
        assertEquals(CheckStatus.PASS, r.get(0).status());
        assertEquals("Device.LocalAgent.Controller.1.: connected over MQTT since 2026-11-21T11:00:00Z",
                r.get(0).measured());
        assertEquals(CheckStatus.FAIL, r.get(1).status());
        assertEquals("Controller proto::backup", r.get(1).name());
        assertEquals("Device.LocalAgent.Controller.2.: not connected; last error: broker unreachable; MTP.1. MQTT: not"
                + " connected, Device.MQTT.Client.1.Status Error_BrokerUnreachable", r.get(1).measured());
    }

    @Test
    void without_an_agent_the_step_is_skipped_and_without_controllers_it_warns() {
        List<CheckResult> none = ControllerConnectionsCheck.check(AgentState.notRunning("looked at /x"), "");
        assertEquals(CheckStatus.SKIP, none.get(0).status());
        assertEquals("no agent running: looked at /x", none.get(0).measured());
        List<CheckResult> empty = ControllerConnectionsCheck.check(AgentState.of("/s", List.of()), "");
        assertEquals(CheckStatus.WARN, empty.get(0).status());
        List<CheckResult> failed = ControllerConnectionsCheck.check(AgentState.failed("/s", "timeout"), "");
        assertEquals(CheckStatus.FAIL, failed.get(0).status());
    }
}

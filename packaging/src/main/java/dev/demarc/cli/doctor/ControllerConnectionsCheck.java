package dev.demarc.cli.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * The step "the agent's controller connections": for each enabled controller of the running
 * agent, whether it is connected (what {@code demarc controllers} shows), skipped without an agent.
 *
 * <p>Pure: any thread.
 */
public final class ControllerConnectionsCheck {

    public static final String STEP = "agent.controllers";
    public static final String NAME = "Agent's controllers";

    private ControllerConnectionsCheck() {
    }

    /**
     * One result per enabled controller other than {@code ignoredEndpointId} (the commands' own,
     * which is connected to ask), or one result saying why there is none.
     */
    public static List<CheckResult> check(AgentState agent, String ignoredEndpointId) {
        if (!agent.reached()) {
            return List.of(CheckResult.skip(STEP, NAME, "no agent running: " + agent.error()));
        }
        if (!agent.error().isEmpty()) {
            return List.of(CheckResult.fail(STEP, NAME, "the agent on " + agent.where() + " did not answer: "
                            + agent.error(),
                    "the agent runs but does not answer the commands",
                    "see the agent's log ('logread -e demarc', 'journalctl -u demarc'); restart it", Side.GATEWAY));
        }
        List<CheckResult> out = new ArrayList<>();
        for (ControllerConnection c : agent.controllers()) {
            if (!c.enabled() || c.endpointId().equals(ignoredEndpointId)) {
                continue;
            }
            String name = "Controller " + c.endpointId();
            if (c.connected()) {
                out.add(CheckResult.pass(STEP, name, c.path() + ": connected"
                        + (c.protocols().isEmpty() ? "" : " over " + c.protocols())
                        + (c.since().isEmpty() ? "" : " since " + c.since())));
            } else {
                out.add(CheckResult.fail(STEP, name, c.path() + ": not connected"
                                + (c.since().isEmpty() ? "" : " since " + c.since())
                                + (c.lastError().isEmpty() ? "" : "; last error: " + c.lastError())
                                + (c.mtps().isEmpty() ? "" : "; " + String.join("; ", c.mtps())),
                        "the agent has no channel to this controller: it cannot be managed remotely",
                        "if the server steps above pass, the agent's configuration is at fault (Endpoint ID, MQTT"
                                + " topics, login, certificate) or the controller does not know this agent; see"
                                + " 'demarc controllers' and the agent's log",
                        Side.GATEWAY));
            }
        }
        if (out.isEmpty()) {
            out.add(CheckResult.warn(STEP, NAME, "the agent on " + agent.where() + " has no enabled controller",
                    "no one manages this gateway remotely",
                    "add the operator's controller (Device.LocalAgent.Controller.{i}.) in the factory defaults",
                    Side.GATEWAY));
        }
        return out;
    }
}

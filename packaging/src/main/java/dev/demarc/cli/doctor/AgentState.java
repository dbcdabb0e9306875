package dev.demarc.cli.doctor;

import java.util.List;
import java.util.Objects;

/**
 * What doctor learnt of the running agent. Immutable.
 *
 * @param reached     whether an agent answered on its control socket
 * @param where       where doctor looked ({@code /run/demarc/control.sock}) or what it reached
 * @param error       when no agent answered or it refused: why, in words; else empty
 * @param controllers its controllers and their connections (when reached)
 */
public record AgentState(boolean reached, String where, String error, List<ControllerConnection> controllers) {

    public AgentState {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(error, "error");
        controllers = List.copyOf(controllers);
    }

    /** No agent answered; {@code why} says where doctor looked. */
    public static AgentState notRunning(String why) {
        return new AgentState(false, "", why, List.of());
    }

    /** An agent answered on {@code where} but its answer could not be had. */
    public static AgentState failed(String where, String error) {
        return new AgentState(true, where, error, List.of());
    }

    /** An agent answered on {@code where}. */
    public static AgentState of(String where, List<ControllerConnection> controllers) {
        return new AgentState(true, where, "", controllers);
    }
}

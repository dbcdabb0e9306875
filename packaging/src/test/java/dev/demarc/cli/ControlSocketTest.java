package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the agent listens and where the commands look, without root and with it. */
class ControlSocketTest {

    @TempDir
    Path tmp;

    @Test
    void the_environment_variable_names_it_for_both_sides() {
        Map<String, String> env = Map.of(ControlSocket.ENV, "/srv/agent.sock", "XDG_RUNTIME_DIR", tmp.toString());
        assertEquals(Path.of("/srv/agent.sock"), ControlSocket.agentDefault(tmp.resolve("run"), env, tmp));
        assertEquals(List.of(Path.of("/srv/agent.sock")), ControlSocket.candidates(tmp.resolve("run"), env, tmp));
    }

    @Test
    void the_system_directory_when_it_can_be_made_or_written() throws Exception {
        Path system = tmp.resolve("run").resolve("demarc");
        Files.createDirectories(system.getParent());
        assertEquals(system.resolve("control.sock"), ControlSocket.agentDefault(system, Map.of(), tmp.resolve("data")),
                "its parent is writable: it can be made");
    }

    @Test
    void else_the_users_runtime_directory_else_the_data_directory() throws Exception {
        Path system = Path.of("/proc/no-such/demarc");
        Path runtime = Files.createDirectories(tmp.resolve("user-run"));
        Path data = tmp.resolve("data");
        assertEquals(runtime.resolve("demarc").resolve("control.sock"),
                ControlSocket.agentDefault(system, Map.of("XDG_RUNTIME_DIR", runtime.toString()), data));
        assertEquals(data.resolve("control.sock"), ControlSocket.agentDefault(system, Map.of(), data));
        assertEquals(data.resolve("control.sock"), ControlSocket.agentDefault(system,
                Map.of("XDG_RUNTIME_DIR", tmp.resolve("missing").toString()), data), "a runtime directory that is not there");
    }

    @Test
    void the_commands_look_in_the_same_places_in_the_same_order() throws Exception {
        Path system = Path.of("/proc/no-such/demarc");
        Path runtime = Files.createDirectories(tmp.resolve("user-run"));
        Path data = tmp.resolve("data");
        assertEquals(List.of(system.resolve("control.sock"), runtime.resolve("demarc").resolve("control.sock"),
                        data.resolve("control.sock")),
                ControlSocket.candidates(system, Map.of("XDG_RUNTIME_DIR", runtime.toString()), data));
        assertEquals(List.of(system.resolve("control.sock"), data.resolve("control.sock")),
                ControlSocket.candidates(system, Map.of(), data));
    }
}

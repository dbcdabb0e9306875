package dev.demarc.tr181;

import static dev.demarc.tr181.ModelFixture.addOne;
import static dev.demarc.tr181.ModelFixture.deleteOne;
import static dev.demarc.tr181.ModelFixture.lines;
import static dev.demarc.tr181.ModelFixture.outcome;
import static dev.demarc.tr181.ModelFixture.read;
import static dev.demarc.tr181.ModelFixture.setOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.ObjectDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Device.LocalAgent.Request.{i}.}: the asynchronous commands in progress, which the agent
 * alone makes. The factory defaults stand in for the agent here: they are the only writer the
 * engine lets make instances of a table controllers cannot add to.
 */
class LocalAgentRequestObjectTest {

    private final ModelFixture fixture = new ModelFixture();

    private static List<Assignment> oneRequest(int number, String commandKey) {
        String r = "Device.LocalAgent.Request." + number + ".";
        return lines(
                r + "Originator", "proto::c1",
                r + "Command", "Device.SelfTestDiagnostics()",
                r + "CommandKey", commandKey,
                r + "Status", "Active");
    }

    @Test
    void the_table_is_not_creatable_and_has_the_synchronous_cancel_command() {
        ObjectDef request = Tr181Model.schema().object(LocalAgentRequestObject.PATH).orElseThrow();
        assertFalse(request.creatable());
        assertEquals(List.of(List.of("Originator", "Command", "CommandKey"), List.of("Alias")), request.uniqueKeys());
        assertEquals(List.of(new CommandDef("Cancel", false, List.of(), List.of())), request.commands());
    }

    @Test
    void a_controller_cannot_add_a_request_7019() {
        DataModel model = fixture.open(List.of());
        Result<String> added = addOne(model, "Device.LocalAgent.Request.", Map.of());
        assertEquals(ErrorCode.OBJECT_NOT_CREATABLE, added.error().code());
        assertEquals("0", read(model, "Device.LocalAgent.RequestNumberOfEntries"));
    }

    @Test
    void a_controller_cannot_delete_a_request() {
        DataModel model = fixture.open(oneRequest(1, "k1"));
        assertEquals(ErrorCode.DELETE_FAILURE, deleteOne(model, "Device.LocalAgent.Request.1.").orElseThrow().code());
        assertEquals("1", read(model, "Device.LocalAgent.RequestNumberOfEntries"));
    }

    @Test
    void a_request_made_by_the_agent_reads_back() {
        DataModel model = fixture.open(oneRequest(1, "k1"));
        assertEquals("cpe-1", read(model, "Device.LocalAgent.Request.1.Alias"));
        assertEquals("proto::c1", read(model, "Device.LocalAgent.Request.1.Originator"));
        assertEquals("Device.SelfTestDiagnostics()", read(model, "Device.LocalAgent.Request.1.Command"));
        assertEquals("k1", read(model, "Device.LocalAgent.Request.1.CommandKey"));
        assertEquals("Active", read(model, "Device.LocalAgent.Request.1.Status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Originator", "Command", "CommandKey", "Status", "Alias"})
    void every_request_parameter_is_read_only_7013(String name) {
        DataModel model = fixture.open(oneRequest(1, "k1"));
        assertEquals("7013", outcome(setOne(model, "Device.LocalAgent.Request.1." + name, "Canceled")));
    }

    @Test
    void two_requests_with_the_same_originator_command_and_command_key_are_refused() {
        List<Assignment> twice = new ArrayList<>(oneRequest(1, "k1"));
        oneRequest(2, "k1").forEach(a -> twice.add(new Assignment(a.path(), a.value(), twice.size() + 1)));
        Result<DataModel> r = fixture.tryOpen(twice);
        assertFalse(r.isOk());
        assertTrue(r.error().message().contains("unique key Originator+Command+CommandKey"), r.error().message());

        List<Assignment> otherKey = new ArrayList<>(oneRequest(1, "k1"));
        oneRequest(2, "k2").forEach(a -> otherKey.add(new Assignment(a.path(), a.value(), otherKey.size() + 1)));
        assertEquals("2", read(new ModelFixture().open(otherKey), "Device.LocalAgent.RequestNumberOfEntries"));
    }

    @Test
    void status_is_one_of_the_standards_states() {
        Result<DataModel> r = fixture.tryOpen(lines("Device.LocalAgent.Request.1.Status", "Done"));
        assertFalse(r.isOk());
        assertTrue(r.error().message().startsWith(ModelFixture.DEFAULTS_NAME + ":1: Device.LocalAgent.Request.1.Status"),
                r.error().message());
    }
}

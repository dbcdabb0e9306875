package dev.demarc.core.usp;

import static dev.demarc.core.usp.UspFixture.AGENT;
import static dev.demarc.core.usp.UspFixture.CONTROLLER;
import static dev.demarc.core.usp.UspFixture.DISABLED_CONTROLLER;
import static dev.demarc.core.usp.UspFixture.msg;
import static dev.demarc.core.usp.UspFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.usp.proto.UspMsg;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UspControllers#fromDataModel()}: an enabled {@code Device.LocalAgent.Controller.{i}.}
 * with the Endpoint ID, found again where it was last found without reading anything while nothing
 * was written, and read again after any write.
 */
class UspControllersTest {

    private static final String C1 = "Device.LocalAgent.Controller.1.";
    private static final String C2 = "Device.LocalAgent.Controller.2.";

    private final UspFixture usp = new UspFixture();
    private final UspControllers controllers = UspControllers.fromDataModel();

    @AfterEach
    void close() {
        usp.close();
    }

    private Optional<String> enabled(String endpointId) {
        return usp.onModel(m -> controllers.enabled(m, endpointId).map(UspControllers.Controller::path));
    }

    /** Sets {@code path=value} pairs in one transaction, as the agent would. */
    private void set(String... pathValue) {
        usp.onModel(m -> {
            Transaction tx = m.beginForAgent();
            for (int i = 0; i < pathValue.length; i += 2) {
                Optional<?> failed = tx.set(pathValue[i], pathValue[i + 1]);
                assertTrue(failed.isEmpty(), () -> failed.get().toString());
            }
            assertTrue(tx.commit().isOk());
            return null;
        });
    }

    @Test
    void an_enabled_controller_is_found_and_a_disabled_or_unknown_one_is_not() {
        assertEquals(Optional.of(C1), enabled(CONTROLLER));
        assertEquals(Optional.of(C1), enabled(CONTROLLER), "found again where it was");
        assertEquals(Optional.empty(), enabled(DISABLED_CONTROLLER));
        assertEquals(Optional.empty(), enabled("proto::nobody"));
        assertEquals(Optional.empty(), enabled(""));
    }

    @Test
    void a_controller_disabled_after_it_was_found_is_not_found_until_enabled_again() {
        assertEquals(Optional.of(C1), enabled(CONTROLLER));
        set(C1 + "Enable", "false");
        assertEquals(Optional.empty(), enabled(CONTROLLER));
        set(C1 + "Enable", "true");
        assertEquals(Optional.of(C1), enabled(CONTROLLER));
    }

    @Test
    void an_endpoint_id_given_to_another_instance_is_found_there() {
        assertEquals(Optional.of(C1), enabled(CONTROLLER));
        set(C1 + "EndpointID", "proto::renamed", C2 + "EndpointID", CONTROLLER, C2 + "Enable", "true");
        assertEquals(Optional.of(C2), enabled(CONTROLLER));
        assertEquals(Optional.of(C1), enabled("proto::renamed"));
        assertEquals(Optional.empty(), enabled(DISABLED_CONTROLLER));
    }

    @Test
    void a_deleted_controller_is_not_found() {
        assertEquals(Optional.of(C1), enabled(CONTROLLER));
        usp.onModel(m -> {
            Transaction tx = m.beginForAgent();
            assertTrue(tx.delete(C1).isEmpty());
            assertTrue(tx.commit().isOk());
            return null;
        });
        assertEquals(Optional.empty(), enabled(CONTROLLER));
    }

    @Test
    void a_change_rolled_back_or_undone_by_a_factory_reset_leaves_the_controller_found_where_it_is() {
        assertEquals(Optional.of(C1), enabled(CONTROLLER));
        usp.onModel(m -> {
            Transaction tx = m.beginForAgent();
            assertTrue(tx.set(C1 + "Enable", "false").isEmpty());
            tx.rollback();
            return null;
        });
        assertEquals(Optional.of(C1), enabled(CONTROLLER), "the write was rolled back");
        set(C1 + "EndpointID", "proto::renamed");
        assertEquals(Optional.empty(), enabled(CONTROLLER));
        assertEquals(Optional.of(C1), enabled("proto::renamed"));
        usp.onModel(m -> {
            assertTrue(m.factoryReset().isEmpty());
            return null;
        });
        assertEquals(Optional.of(C1), enabled(CONTROLLER), "the factory defaults name it again");
        assertEquals(Optional.empty(), enabled("proto::renamed"));
    }

    @Test
    void the_write_generation_moves_with_every_transaction_and_only_then() {
        long before = usp.onModel(DataModel::writeGeneration);
        assertEquals(Optional.of(C1), enabled(CONTROLLER));
        assertEquals(before, (long) usp.onModel(DataModel::writeGeneration), "a lookup writes nothing");
        set(C1 + "Enable", "true");
        assertTrue(usp.onModel(DataModel::writeGeneration) > before);
    }

    @Test // through the agent: a record from a controller disabled since its last one is dropped
    void records_of_a_controller_disabled_after_it_was_answered_are_dropped() {
        assertEquals(1, usp.get("Device.DeviceInfo.").getReqPathResultsCount());
        set(C1 + "Enable", "false", C2 + "Enable", "true");
        usp.actingAs(DISABLED_CONTROLLER).assertNoAnswerTo(record(CONTROLLER, AGENT,
                msg("after", UspMsg.Header.MsgType.GET, UspMsg.Request.newBuilder()
                        .setGet(UspMsg.Get.newBuilder().addParamPaths("Device.DeviceInfo.")).build()).toByteArray())
                .build().toByteArray());
    }
}

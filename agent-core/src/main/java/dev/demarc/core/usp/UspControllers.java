package dev.demarc.core.usp;

import dev.demarc.core.model.DataModel;
import java.util.Objects;
import java.util.Optional;

/**
 * Which controllers the agent answers: a record whose {@code from_id} is not an enabled
 * controller is dropped. Called on the data model's owner thread.
 */
@FunctionalInterface
public interface UspControllers {

    /** A known, enabled controller and its instance path. */
    record Controller(String endpointId, String path) {
        public Controller {
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(path, "path");
        }
    }

    /** The enabled controller with this endpoint ID, if there is one. */
    Optional<Controller> enabled(DataModel model, String endpointId);

    /**
     * The controllers of TR-181: an instance of {@code Device.LocalAgent.Controller.{i}.} whose
     * {@code EndpointID} is the endpoint ID and whose {@code Enable} is true. A data model without
     * that table knows no controller.
     *
     * <p>Every record asks, so the instance each endpoint ID was last found at is remembered (the
     * last {@value ControllerLookup#REMEMBERED}). While nothing has been written since
     * ({@link DataModel#writeGeneration()} the same) and both {@code EndpointID} and
     * {@code Enable} there are stored values, it is the answer without reading anything; after a
     * write (or when a provider gives either value) those two are read again: two reads instead
     * of a search of the table. When they no longer match, the table is searched again. So a
     * change to the table (an edit, a deletion, a factory reset) counts from the next record.
     */
    static UspControllers fromDataModel() {
        return new ControllerLookup();
    }
}

package dev.demarc.core.usp;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import java.util.List;
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
     */
    static UspControllers fromDataModel() {
        return (model, endpointId) -> {
            if (endpointId.isEmpty() || endpointId.length() > UspRecords.MAX_ENDPOINT_ID_LENGTH) {
                return Optional.empty();
            }
            String quoted = endpointId.replace("%", "%25").replace("\"", "%22");
            String path = model.schema().root().name() + ".LocalAgent.Controller.[EndpointID==\"" + quoted + "\"].Enable";
            Result<List<ObjectValues>> found = model.get(path, 0);
            if (!found.isOk()) {
                return Optional.empty();
            }
            for (ObjectValues o : found.value()) {
                String enable = o.parameters().get("Enable");
                if ("true".equals(enable) || "1".equals(enable)) {
                    return Optional.of(new Controller(endpointId, o.path()));
                }
            }
            return Optional.empty();
        };
    }
}

package dev.demarc.core.usp;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link UspControllers#fromDataModel()}. Owner thread only. */
final class ControllerLookup implements UspControllers {

    static final int REMEMBERED = 64;

    /**
     * Where a controller was found, and the {@link DataModel#writeGeneration()} it was found in
     * when its {@code EndpointID} and {@code Enable} are stored values (then it is still there
     * while that number is the same); {@link #UNSTABLE} when a provider gives either.
     */
    private record Found(Controller controller, long generation) {
    }

    private static final long UNSTABLE = Long.MIN_VALUE;

    private final Map<String, Found> lastFound = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Found> eldest) {
            return size() > REMEMBERED;
        }
    };

    ControllerLookup() {
    }

    @Override
    public Optional<Controller> enabled(DataModel model, String endpointId) {
        if (endpointId.isEmpty() || endpointId.length() > UspRecords.MAX_ENDPOINT_ID_LENGTH) {
            return Optional.empty();
        }
        Found found = lastFound.get(endpointId);
        if (found != null) {
            if (found.generation == model.writeGeneration()) {
                return Optional.of(found.controller);
            }
            // readHidden reads one parameter of one concrete object without parsing a path or
            // building a Get answer; neither of these two is hidden, both are the agent's own use.
            String known = found.controller.path();
            Result<String> id = model.readHidden(known + "EndpointID");
            if (id.isOk() && id.value().equals(endpointId)) {
                Result<String> enable = model.readHidden(known + "Enable");
                if (enable.isOk() && isTrue(enable.value())) {
                    remember(model, found.controller);
                    return Optional.of(found.controller);
                }
            }
            lastFound.remove(endpointId);
        }
        String quoted = endpointId.replace("%", "%25").replace("\"", "%22");
        String path = model.schema().root().name() + ".LocalAgent.Controller.[EndpointID==\"" + quoted + "\"].Enable";
        Result<List<ObjectValues>> matches = model.get(path, 0);
        if (!matches.isOk()) {
            return Optional.empty();
        }
        for (ObjectValues o : matches.value()) {
            if (isTrue(o.parameters().get("Enable"))) {
                Controller controller = new Controller(endpointId, o.path());
                remember(model, controller);
                return Optional.of(controller);
            }
        }
        return Optional.empty();
    }

    private void remember(DataModel model, Controller controller) {
        String path = controller.path();
        boolean stored = !model.providedByPlatform(path + "EndpointID") && !model.providedByPlatform(path + "Enable");
        lastFound.put(controller.endpointId(), new Found(controller, stored ? model.writeGeneration() : UNSTABLE));
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }
}

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

    private final Map<String, String> lastFound = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
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
        String known = lastFound.get(endpointId);
        if (known != null) {
            // readHidden reads one parameter of one concrete object without parsing a path or
            // building a Get answer; neither of these two is hidden, both are the agent's own use.
            Result<String> id = model.readHidden(known + "EndpointID");
            if (id.isOk() && id.value().equals(endpointId)) {
                Result<String> enable = model.readHidden(known + "Enable");
                if (enable.isOk() && isTrue(enable.value())) {
                    return Optional.of(new Controller(endpointId, known));
                }
            }
            lastFound.remove(endpointId);
        }
        String quoted = endpointId.replace("%", "%25").replace("\"", "%22");
        String path = model.schema().root().name() + ".LocalAgent.Controller.[EndpointID==\"" + quoted + "\"].Enable";
        Result<List<ObjectValues>> found = model.get(path, 0);
        if (!found.isOk()) {
            return Optional.empty();
        }
        for (ObjectValues o : found.value()) {
            if (isTrue(o.parameters().get("Enable"))) {
                lastFound.put(endpointId, o.path());
                return Optional.of(new Controller(endpointId, o.path()));
            }
        }
        return Optional.empty();
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }
}

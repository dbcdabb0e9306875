package dev.demarc.agent;

import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.usp.UspControllers;
import dev.demarc.tr181.ControllerTrustObject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers the agent answers ({@link UspControllers#fromDataModel()}: an enabled
 * {@code Device.LocalAgent.Controller.{i}.} with the Endpoint ID), telling the person running
 * the agent, once per Endpoint ID, how to let in a controller that is turned away: a controller
 * that connects and gets no answer is the first thing anyone trying the agent meets. Owner
 * thread only.
 */
final class KnownControllers implements UspControllers {

    private static final Logger LOG = LoggerFactory.getLogger(KnownControllers.class);

    /** Endpoint IDs hinted about; past this many, no more hints (the warnings of the core stay). */
    static final int MAX_HINTS = 256;
    private static final int MAX_SHOWN = 128;

    private final UspControllers known = UspControllers.fromDataModel();
    private final Set<String> hinted = new HashSet<>();

    @Override
    public Optional<Controller> enabled(DataModel model, String endpointId) {
        Optional<Controller> found = known.enabled(model, endpointId);
        if (found.isEmpty() && !endpointId.isEmpty() && hinted.size() < MAX_HINTS && hinted.add(endpointId)) {
            hint(model, endpointId);
        }
        return found;
    }

    private static void hint(DataModel model, String endpointId) {
        String shown = printable(endpointId);
        Optional<String> disabled = instanceOf(model, endpointId);
        if (disabled.isPresent()) {
            LOG.warn("records from {} are dropped: {} is not enabled; set {}Enable = true (a controller with"
                    + " full access can Set it)", shown, disabled.get(), disabled.get());
            return;
        }
        String c = "Device.LocalAgent.Controller.N.";
        LOG.warn("records from {} are dropped: it is not a controller of this agent. To let it in, add these lines"
                        + " to the factory defaults file (demarc agent --defaults FILE; they are applied when the data"
                        + " directory is new, so start with an empty --data-dir), with N the next free number:"
                        + " '{}EndpointID = {}', '{}Enable = true', '{}AssignedRole = {}' (full access; leave it out"
                        + " for the untrusted role, which may only answer a challenge); or have a controller with full access Add"
                        + " it to Device.LocalAgent.Controller.",
                shown, c, shown, c, c, ControllerTrustObject.FULL_ACCESS_ROLE);
    }

    /** The instance of a (disabled) controller with this Endpoint ID, if there is one. */
    private static Optional<String> instanceOf(DataModel model, String endpointId) {
        String quoted = endpointId.replace("%", "%25").replace("\"", "%22");
        Result<List<ObjectValues>> found = model.get(
                "Device.LocalAgent.Controller.[EndpointID==\"" + quoted + "\"].Enable", 0);
        return found.isOk() && !found.value().isEmpty() ? Optional.of(found.value().get(0).path()) : Optional.empty();
    }

    /** An Endpoint ID from the wire, safe for one log line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_SHOWN; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > MAX_SHOWN ? b + "..." : b.toString();
    }
}

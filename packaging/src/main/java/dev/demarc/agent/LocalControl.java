package dev.demarc.agent;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.model.Transaction;
import dev.demarc.tr181.ControllerTrustObject;
import dev.demarc.tr181.MtpStatusRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code demarc} commands' way into the running agent: the local control socket, a Unix domain
 * socket MTP (TR-369 "UNIX Domain Socket Binding") on which the commands are one more USP
 * controller, {@value #CLI_ENDPOINT_ID}, answered within its role like any other.
 *
 * <p>In the data model:
 * <ul>
 *   <li>{@code Device.UnixDomainSockets.UnixDomainSocket.{i}.}, {@code Mode} Listen, {@code Path}
 *       the socket the agent was started with: the row named {@value #SOCKET_NAME} (it keeps its
 *       instance number when the path changes);</li>
 *   <li>a {@code Device.LocalAgent.MTP.{i}.} with {@code Protocol} UDS whose
 *       {@code UDS.UnixDomainSocketRef} names that row: the agent listens on the socket while it is
 *       enabled;</li>
 *   <li>a {@code Device.LocalAgent.Controller.{i}.} with {@code EndpointID} {@value #CLI_ENDPOINT_ID},
 *       enabled, {@code AssignedRole} {@code ControllerTrust.Role.1} (full access), with one MTP of
 *       {@code Protocol} UDS naming the row.</li>
 * </ul>
 *
 * <p>{@link #ensure} adds the MTP and the controller at every start when they are missing (a data
 * directory made before the control socket existed, or a factory defaults file that left them
 * out) and leaves alone what is there: an integrator who gives the commands another role, or
 * disables their controller or the MTP, does it in the factory defaults (or over USP) and it
 * stays. Deleting them lasts only until the next start; to shut the commands out, disable them.
 * The socket file itself (mode 0600) is the first gate: only its owner can connect.
 */
public final class LocalControl {

    private static final Logger LOG = LoggerFactory.getLogger(LocalControl.class);

    /** The Endpoint ID of the {@code demarc} commands. */
    public static final String CLI_ENDPOINT_ID = "self::demarc-cli";
    /** The name (row key) of the control socket in {@code Device.UnixDomainSockets.}. */
    public static final String SOCKET_NAME = "control";

    private static final String SOCKETS = "Device.UnixDomainSockets.UnixDomainSocket.";
    private static final String MTPS = "Device.LocalAgent.MTP.";
    private static final String CONTROLLERS = "Device.LocalAgent.Controller.";

    private LocalControl() {
    }

    /** The row of the control socket at {@code path}, for {@link MtpStatusRegistry#setUnixDomainSockets}. */
    static MtpStatusRegistry.UnixDomainSocket socket(Path path) {
        return new MtpStatusRegistry.UnixDomainSocket(SOCKET_NAME, MtpStatusRegistry.UDS_LISTEN, path.toString());
    }

    /**
     * Adds the UDS MTP and the commands' controller when they are missing (see the class comment),
     * in one agent transaction, and logs what it added. Owner thread, before the MTPs start.
     *
     * @param socketPath the control socket, whose row the registry already holds
     * @return the instances added, e.g. {@code [Device.LocalAgent.MTP.2., Device.LocalAgent.Controller.3.]}
     */
    static List<String> ensure(DataModel model, Path socketPath) {
        Objects.requireNonNull(socketPath, "socketPath");
        Optional<String> row = socketRow(model, socketPath.toString());
        if (row.isEmpty()) {
            LOG.error("the control socket {} is not in {}; the demarc commands cannot reach the agent", socketPath,
                    SOCKETS);
            return List.of();
        }
        String ref = row.get().substring(0, row.get().length() - 1);
        boolean needMtp = isEmpty(model, MTPS + "[Protocol==\"UDS\"].");
        boolean needController = isEmpty(model, CONTROLLERS + "[EndpointID==\"" + CLI_ENDPOINT_ID + "\"].");
        if (!needMtp && !needController) {
            return List.of();
        }
        List<String> added = new ArrayList<>();
        Transaction tx = model.beginForAgent();
        Optional<DmError> failed = Optional.empty();
        if (needMtp) {
            Map<String, String> mtp = new LinkedHashMap<>();
            mtp.put("Enable", "true");
            mtp.put("Protocol", MtpSettings.UDS);
            mtp.put("UDS.UnixDomainSocketRef", ref);
            failed = add(tx, MTPS, mtp, added);
        }
        if (failed.isEmpty() && needController) {
            Map<String, String> controller = new LinkedHashMap<>();
            controller.put("EndpointID", CLI_ENDPOINT_ID);
            controller.put("Enable", "true");
            controller.put("AssignedRole", ControllerTrustObject.FULL_ACCESS_ROLE);
            failed = add(tx, CONTROLLERS, controller, added);
            if (failed.isEmpty()) {
                Map<String, String> mtp = new LinkedHashMap<>();
                mtp.put("Enable", "true");
                mtp.put("Protocol", MtpSettings.UDS);
                mtp.put("UDS.UnixDomainSocketRef", ref);
                failed = add(tx, added.get(added.size() - 1) + "MTP.", mtp, new ArrayList<>());
            }
        }
        if (failed.isEmpty()) {
            Result<?> committed = tx.commit();
            if (!committed.isOk()) {
                failed = Optional.of(committed.error());
            }
        } else {
            tx.rollback();
        }
        if (failed.isPresent()) {
            LOG.error("the control socket's MTP and controller could not be added ({}); the demarc commands may not"
                    + " reach the agent", failed.get().message());
            return List.of();
        }
        LOG.info("added {} for the demarc commands on the control socket {} (controller {} with {} unless the"
                + " factory defaults say otherwise)", String.join(" and ", added), socketPath, CLI_ENDPOINT_ID,
                ControllerTrustObject.FULL_ACCESS_ROLE);
        return List.copyOf(added);
    }

    private static Optional<DmError> add(Transaction tx, String table, Map<String, String> values, List<String> added) {
        Result<String> r = tx.add(table, values);
        if (!r.isOk()) {
            return Optional.of(r.error());
        }
        added.add(r.value());
        return Optional.empty();
    }

    private static Optional<String> socketRow(DataModel model, String path) {
        Result<List<ObjectValues>> rows = model.get(SOCKETS, 0);
        if (!rows.isOk()) {
            return Optional.empty();
        }
        return rows.value().stream()
                .filter(o -> path.equals(o.parameters().get("Path")))
                .map(ObjectValues::path)
                .findFirst();
    }

    private static boolean isEmpty(DataModel model, String search) {
        Result<List<ObjectValues>> found = model.get(search, 0);
        return !found.isOk() || found.value().isEmpty();
    }
}

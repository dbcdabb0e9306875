package dev.demarc.core.usp;

import dev.demarc.core.DmError;
import dev.demarc.core.Result;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.acl.ControllerTrust;
import dev.demarc.core.acl.DataModelSearchEvaluator;
import dev.demarc.core.acl.Grant;
import dev.demarc.core.acl.Permission;
import dev.demarc.core.acl.Role;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.ModelListener;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.text.AsciiDigits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AccessPolicy} of each controller, read from the data model (TR-369 "Roles (Access
 * Control)"): the roles of {@code Device.LocalAgent.ControllerTrust.Role.{i}.} that the
 * controller's {@code Controller.{i}.AssignedRole} and {@code InheritedRole} name.
 *
 * <h2>Untrusted controllers</h2>
 * A controller that holds no role at all (both lists empty) gets the roles of
 * {@code ControllerTrust.UntrustedRole}: "the Role the Agent will automatically assign to any
 * Controller that has not been authorized for a different Role" (TR-369 "Special Roles"), whose
 * value TR-181 says "is appended to the AssignedRole parameter". So the first time such a
 * controller sends a message the agent writes the {@code UntrustedRole} value into its
 * {@code AssignedRole} (as the agent, not as a controller; TP-469 2.9 reads it back). Should that
 * write fail, the untrusted roles still apply to the message.
 *
 * <h2>Secured parameters</h2>
 * {@link #securedPolicyFor} is the policy of those of the controller's roles that
 * {@code ControllerTrust.SecuredRoles} lists: a Get shows a secured (hidden) parameter's value
 * where it grants {@code Param} read, and empty elsewhere. It is kept and dropped with the
 * controller's policy.
 *
 * <h2>Banned controllers</h2>
 * A controller holding {@code ControllerTrust.BannedRole} in its {@code AssignedRole} is
 * {@link #banned}: the agent drops its records, and its policies deny everything.
 *
 * <h2>No roles in the data model</h2>
 * A data model whose schema has no {@code Device.LocalAgent.ControllerTrust.} object defines
 * no roles: every controller then has full access, the "single Role that gives full access"
 * of TR-369 "Role Based Access Control". With the object present, a controller whose roles
 * grant nothing may do nothing.
 *
 * <h2>Cache</h2>
 * The roles are read once ({@code Get} of {@code Device.LocalAgent.ControllerTrust.}, hidden
 * values reading empty) and each controller's policy is built once; both are kept until the
 * data model reports a change (this is a {@link ModelListener} of the model it is used with):
 * anything under {@code ControllerTrust.} drops everything, a controller's
 * {@code AssignedRole} or {@code InheritedRole}, or the creation or deletion of its instance,
 * drops that controller's policy. So a change made by one message applies from the next one.
 * At most {@value #MAX_CACHED_CONTROLLERS} policies are kept.
 *
 * <p>Owner thread only: every method reads or writes the data model, and the listener is
 * called there.
 */
public final class UspAccess implements ModelListener {

    private static final Logger LOG = LoggerFactory.getLogger(UspAccess.class);

    /** Policies kept; when full, all are dropped and built again as needed. */
    public static final int MAX_CACHED_CONTROLLERS = 256;

    private static final String CONTROLLERS = "Device.LocalAgent.Controller.";
    private static final String ASSIGNED_ROLE = "AssignedRole";
    private static final String INHERITED_ROLE = "InheritedRole";

    private DataModel model;
    /** Null: not read yet, or changed since. */
    private ControllerTrust trust;
    /** Null: not decided yet; the schema never changes. */
    private Boolean rolesDefined;
    private final Map<String, Policies> byController = new HashMap<>();
    private long builds;

    /**
     * A controller's policy; the policy of its roles that are in {@code SecuredRoles} (where it
     * grants {@code Param} read, a secured (hidden) parameter reads as its value); whether it
     * holds the {@code BannedRole} (then both policies deny everything).
     */
    private record Policies(AccessPolicy policy, AccessPolicy secured, boolean banned) {
    }

    /**
     * The policy of the controller at {@code controllerPath}
     * ({@code Device.LocalAgent.Controller.2.}) for one request. A policy whose targets hold
     * search expressions comes with a {@link DataModelSearchEvaluator} of its own, so use it for
     * this request only.
     */
    public AccessPolicy policyFor(DataModel dataModel, String controllerPath) {
        return forRequest(policiesOf(dataModel, controllerPath).policy(), dataModel);
    }

    /**
     * The policy of the controller's roles that {@code ControllerTrust.SecuredRoles} lists, for
     * one request: a secured parameter it may read ({@link AccessPolicy#canReadParameter}) reads
     * as its value in a Get, where {@link #policyFor} lets the controller read it at all. Denies
     * everything when none of the controller's roles is a secured role.
     */
    public AccessPolicy securedPolicyFor(DataModel dataModel, String controllerPath) {
        return forRequest(policiesOf(dataModel, controllerPath).secured(), dataModel);
    }

    /**
     * Whether the controller holds {@code ControllerTrust.BannedRole} in its {@code AssignedRole}:
     * the agent then neither answers it nor sends it anything (TR-181: "The Agent SHOULD refuse
     * to accept USP messages from, or send USP messages to, any Controller that has this Role").
     * Kept and dropped with the controller's policy.
     */
    public boolean banned(DataModel dataModel, String controllerPath) {
        return policiesOf(dataModel, controllerPath).banned();
    }

    private Policies policiesOf(DataModel dataModel, String controllerPath) {
        attach(dataModel);
        Policies policies = byController.get(controllerPath);
        if (policies == null) {
            policies = build(controllerPath);
            builds++;
            if (byController.size() >= MAX_CACHED_CONTROLLERS) {
                byController.clear();
            }
            byController.put(controllerPath, policies);
        }
        return policies;
    }

    private static AccessPolicy forRequest(AccessPolicy policy, DataModel dataModel) {
        return policy.hasSearchTargets() ? policy.withSearchEvaluator(new DataModelSearchEvaluator(dataModel)) : policy;
    }

    /** How many policies were built since this was made; for tests of the cache. */
    long builds() {
        return builds;
    }

    @Override
    public void changed(List<ModelEvent> events) {
        for (ModelEvent e : events) {
            String path = e.path();
            if (path.startsWith(ControllerTrust.PREFIX)) {
                LOG.debug("{} changed: roles are read again", path);
                trust = null;
                byController.clear();
                return;
            }
            if (path.startsWith(CONTROLLERS)) {
                controllerOf(path, e).ifPresent(byController::remove);
            }
        }
    }

    /** The controller instance whose roles an event may change, if any. */
    private static Optional<String> controllerOf(String path, ModelEvent e) {
        int dot = path.indexOf('.', CONTROLLERS.length());
        if (dot < 0 || !AsciiDigits.only(path, CONTROLLERS.length(), dot)) {
            return Optional.empty();
        }
        String instance = path.substring(0, dot + 1);
        String rest = path.substring(dot + 1);
        boolean instanceEvent = rest.isEmpty() && !(e instanceof ModelEvent.ValueChanged);
        return instanceEvent || rest.equals(ASSIGNED_ROLE) || rest.equals(INHERITED_ROLE)
                ? Optional.of(instance) : Optional.empty();
    }

    private void attach(DataModel dataModel) {
        if (model == dataModel) {
            return;
        }
        if (model != null) {
            model.removeListener(this);
        }
        model = dataModel;
        model.addListener(this);
        trust = null;
        rolesDefined = null;
        byController.clear();
    }

    private Policies build(String controllerPath) {
        if (rolesDefined == null) {
            rolesDefined = model.schema().object(ControllerTrust.PREFIX).isPresent();
            if (!rolesDefined) {
                LOG.info("the data model has no {}: every controller has full access", ControllerTrust.PREFIX);
            }
        }
        if (!rolesDefined) {
            return new Policies(fullAccess(model.schema().root()), AccessPolicy.denyAll(), false);
        }
        if (trust == null) {
            trust = ControllerTrust.fromValues(trustValues());
        }
        String assigned = value(controllerPath + ASSIGNED_ROLE);
        String inherited = value(controllerPath + INHERITED_ROLE);
        Optional<String> bannedRole = trust.bannedRole();
        if (bannedRole.isPresent() && ControllerTrust.holdsBannedRole(assigned, bannedRole.get())) {
            LOG.info("controller {} holds the BannedRole: it is neither answered nor sent anything", controllerPath);
            return new Policies(AccessPolicy.denyAll(), AccessPolicy.denyAll(), true);
        }
        if (ControllerTrust.parseList(assigned).isEmpty() && ControllerTrust.parseList(inherited).isEmpty()) {
            List<String> untrusted = trust.untrustedRole();
            if (untrusted.isEmpty()) {
                LOG.info("controller {} holds no role and no UntrustedRole is set: it may do nothing", controllerPath);
            } else {
                assigned = String.join(",", untrusted);
                assignUntrusted(controllerPath, assigned);
            }
        }
        AccessPolicy policy = trust.policyFor(assigned, inherited);
        AccessPolicy secured = trust.securedPolicyFor(assigned, inherited);
        LOG.debug("controller {}: AssignedRole '{}', InheritedRole '{}': {}; secured values: {}", controllerPath,
                assigned, inherited, policy, secured);
        return new Policies(policy, secured, false);
    }

    private static AccessPolicy fullAccess(ObjectDef root) {
        return AccessPolicy.of(List.of(new Role("full access (no roles in the data model)",
                List.of(Permission.of(0, List.of(root.path()), Grant.ALL)))));
    }

    /** {@code Device.LocalAgent.ControllerTrust.} as the map {@link ControllerTrust#fromValues} reads. */
    private Map<String, String> trustValues() {
        Map<String, String> values = new HashMap<>();
        Result<List<ObjectValues>> got = model.get(ControllerTrust.PREFIX, 0);
        if (!got.isOk()) {
            LOG.warn("{} cannot be read ({}): no controller holds a role", ControllerTrust.PREFIX, got.error());
            return values;
        }
        for (ObjectValues o : got.value()) {
            o.parameters().forEach((name, v) -> values.put(o.path() + name, v));
        }
        return values;
    }

    /** A parameter's value; empty when the schema or the instance does not have it. */
    private String value(String parameterPath) {
        Result<String> v = model.read(parameterPath);
        return v.isOk() ? v.value() : "";
    }

    private void assignUntrusted(String controllerPath, String roles) {
        Optional<ObjectDef> def = model.schema().object(Schema.supportedPathOf(controllerPath));
        if (def.isEmpty() || def.get().parameter(ASSIGNED_ROLE).isEmpty()) {
            LOG.info("controller {} holds no role: it gets the UntrustedRole {}", controllerPath, roles);
            return;
        }
        Transaction tx;
        try {
            tx = model.beginForAgent();
        } catch (IllegalStateException busy) {
            LOG.warn("controller {} gets the UntrustedRole {} for this message; it could not be written to its "
                    + "AssignedRole now: {}", controllerPath, roles, busy.getMessage());
            return;
        }
        try {
            Optional<DmError> failed = tx.set(controllerPath, ASSIGNED_ROLE, roles);
            Result<List<ModelEvent>> committed = failed.isPresent() ? null : tx.commit();
            if (failed.isPresent() || !committed.isOk()) {
                LOG.warn("controller {} gets the UntrustedRole {}, but its AssignedRole could not be set: {}",
                        controllerPath, roles, failed.isPresent() ? failed.get() : committed.error());
            } else {
                LOG.info("controller {} held no role: AssignedRole set to the UntrustedRole {}", controllerPath, roles);
            }
        } finally {
            tx.rollback();
        }
    }
}

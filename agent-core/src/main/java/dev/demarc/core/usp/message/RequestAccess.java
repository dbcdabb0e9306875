package dev.demarc.core.usp.message;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.acl.AccessPolicy;
import dev.demarc.core.acl.Grant;
import dev.demarc.core.acl.ObjectAccess;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.path.Segment;
import dev.demarc.core.usp.UspError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The requesting controller's permissions as the message handlers ask for them: one check per
 * TR-181 permission letter, answered at once from {@link AccessPolicy#uniformGrant()} when the
 * policy is the same everywhere (a full-access role), and the visibility of what a search path
 * matched.
 *
 * <h2>Search expressions and reference following</h2>
 * A match is only as visible as the values that made it match: TR-369 R-GIN.0 treats the
 * instances matched through a search expression whose parameters the controller may not read
 * as not present, and the handlers here do so for every message. {@link #mayMatch} checks, for
 * one matched path, {@code Param} read on each parameter of each search expression at the
 * instance it was evaluated on. Where the path follows a reference ({@code Ref+}) the matched
 * path belongs to the referenced object, so the steps before cannot be mapped onto it: the
 * reference parameter and the search parameters before it are checked at their supported path
 * ({@code {i}}), which allows only what holds for every instance, and a search expression after
 * a reference, or one that follows a reference itself, makes the match invisible. Never more
 * than granted.
 *
 * <p>Owner thread (a policy may evaluate search-expression targets on the data model).
 */
final class RequestAccess {

    private final AccessPolicy policy;
    /** The grant of every path when it is the same everywhere; null when it differs. */
    private final Grant uniform;

    private RequestAccess(AccessPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.uniform = policy.uniformGrant().orElse(null);
    }

    static RequestAccess of(AccessPolicy policy) {
        return new RequestAccess(policy);
    }

    /**
     * What the engine says of a path the supported data model lacks, for a path without search
     * or reference following that the controller may not read (R-GET.1 treats it as not
     * supported): the first object on the way it may not read, as the engine names a missing
     * one ({@code Device. has no object DeviceInfo}), or the parameter.
     */
    String notPresent(PathName path) {
        StringBuilder at = new StringBuilder();
        List<Segment> segments = path.segments();
        int objects = path.kind() == PathName.Kind.OBJECT ? segments.size() : segments.size() - 1;
        for (int i = 0; i < objects; i++) {
            String parent = at.toString();
            Segment s = segments.get(i);
            at.append(s).append('.');
            if (i > 0 && !readObject(at.toString())) {
                return s instanceof Segment.Name n ? parent + " has no object " + n.name()
                        : "no such object or parameter in this agent";
            }
        }
        return path.kind() == PathName.Kind.OBJECT ? "no such object or parameter in this agent"
                : at + " has no parameter " + segments.get(segments.size() - 1);
    }

    /** Permission denied, at {@code path}. */
    static DmError denied(String path, String why) {
        return DmError.at(path, ErrorCode.PERMISSION_DENIED, "permission denied: " + why);
    }

    /**
     * True when there are failures and each is 7006: the object's or the message's own error is
     * then 7006 rather than 7021 (TP-469 2.16, 2.23, 2.24, 2.26 expect 7006).
     */
    static boolean allDenied(List<Integer> codes) {
        return !codes.isEmpty() && codes.stream().allMatch(c -> c == ErrorCode.PERMISSION_DENIED.code());
    }

    /**
     * The error of a Set or Add with {@code allow_partial} false that failed: the first object's
     * own error when there is one; else 7006 when every failure was a permission; else 7021.
     * {@code outcome} says what did not happen, e.g. "nothing was created".
     */
    static UspError holisticFailure(DmError objectError, List<UspError.ParamError> errors, String outcome) {
        if (objectError != null) {
            return new UspError(objectError.code().code(), objectError.message(), errors);
        }
        if (allDenied(errors.stream().map(UspError.ParamError::code).toList())) {
            return new UspError(ErrorCode.PERMISSION_DENIED.code(), "permission denied: " + errors.size()
                    + " required parameter(s) may not be set by this controller; " + outcome, errors);
        }
        return new UspError(ErrorCode.REQUIRED_PARAMETER_FAILED.code(),
                errors.size() + " required parameter(s) could not be set; " + outcome, errors);
    }

    /** {@code Param} and {@code Obj} read everywhere: a Get needs no filtering. */
    boolean readsEverything() {
        return uniform != null && uniform.param().read() && uniform.obj().read();
    }

    boolean readParam(String parameterPath) {
        return uniform != null ? uniform.param().read() : policy.canReadParameter(parameterPath);
    }

    boolean writeParam(String parameterPath) {
        return uniform != null ? uniform.param().write() : policy.canWriteParameter(parameterPath);
    }

    boolean readObject(String objectPath) {
        return uniform != null ? uniform.obj().read() : policy.canReadObject(objectPath);
    }

    /** {@code Obj} write on a table ({@code Device.LocalAgent.Controller.}, no instance). */
    boolean addInstance(String tablePath) {
        return uniform != null ? uniform.obj().write() : policy.canAddInstance(tablePath);
    }

    boolean readInstance(String instancePath) {
        return uniform != null ? uniform.instantiatedObj().read() : policy.canGetInstances(instancePath);
    }

    boolean deleteInstance(String instancePath) {
        return uniform != null ? uniform.instantiatedObj().write() : policy.canDeleteInstance(instancePath);
    }

    boolean readCommandEvent(String path) {
        return uniform != null ? uniform.commandEvent().read() : policy.canReadCommandOrEvent(path);
    }

    boolean operate(String commandPath) {
        return uniform != null ? uniform.commandEvent().execute() : policy.canOperate(commandPath);
    }

    /** The permissions at the members of one object, its path walked once (not at all when uniform). */
    Members members(String objectPath) {
        return new Members(uniform == null ? policy.object(objectPath) : null);
    }

    /** Read permissions of an object's parameters, commands and events, by name. */
    final class Members {
        private final ObjectAccess object;

        private Members(ObjectAccess object) {
            this.object = object;
        }

        boolean readParam(String name) {
            return object == null ? uniform.param().read() : object.canReadParameter(name);
        }

        /** {@code name} with its {@code ()} or {@code !}. */
        boolean readCommandEvent(String name) {
            return object == null ? uniform.commandEvent().read() : object.member(name).commandEvent().read();
        }
    }

    /**
     * Whether the controller may see that {@code matched} (a concrete path the requested path
     * resolved to, or one below it) matched {@code requested}: {@code Param} read on the
     * parameters of its search expressions and on the references it follows and, when
     * {@code instancesRead} (GetInstances, R-GIN.0), {@code InstantiatedObj} read on every
     * instance the path steps through.
     */
    boolean mayMatch(PathName requested, String matched, boolean instancesRead) {
        boolean readsValues = readsValues(requested);
        if (!readsValues && !instancesRead) {
            return true;
        }
        if (uniform != null) {
            return (!readsValues || uniform.param().read()) && (!instancesRead || uniform.instantiatedObj().read());
        }
        List<Segment> segments = requested.segments();
        boolean follows = segments.stream().anyMatch(s -> s instanceof Segment.Follow);
        String[] concrete = follows ? new String[0] : matched.split("\\.");
        StringBuilder supported = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s instanceof Segment.Follow) {
                // the reference parameter is the name just before; past it, paths are the target's
                return readParam(supported.toString()) && mayMatchAfterFollow(segments.subList(i + 1, segments.size()),
                        instancesRead);
            }
            if (supported.length() > 0) {
                supported.append('.');
            }
            supported.append(s instanceof Segment.Name n ? n.name()
                    : s instanceof Segment.Instance in ? Integer.toString(in.number()) : "{i}");
            if (s instanceof Segment.Name) {
                continue;
            }
            String instancePath;
            if (follows) {
                instancePath = supported + ".";
            } else if (i < concrete.length) {
                instancePath = String.join(".", List.of(concrete).subList(0, i + 1)) + ".";
            } else {
                return false;
            }
            if (instancesRead && !readInstance(instancePath)) {
                return false;
            }
            if (s instanceof Segment.Search search && !searchReadable(search, instancePath)) {
                return false;
            }
        }
        return true;
    }

    /** Past a followed reference nothing maps: only plain names and instance numbers pass. */
    private static boolean mayMatchAfterFollow(List<Segment> rest, boolean instancesRead) {
        for (Segment s : rest) {
            if (s instanceof Segment.Follow || s instanceof Segment.Search
                    || (instancesRead && !(s instanceof Segment.Name))) {
                return false;
            }
        }
        return true;
    }

    /** A search expression or reference following: what matches depends on values. */
    private static boolean readsValues(PathName path) {
        for (Segment s : path.segments()) {
            if (s instanceof Segment.Search || s instanceof Segment.Follow) {
                return true;
            }
        }
        return false;
    }

    private boolean searchReadable(Segment.Search search, String instancePath) {
        for (Segment.Condition c : search.conditions()) {
            StringBuilder relative = new StringBuilder();
            for (Segment p : c.parameter()) {
                if (!(p instanceof Segment.Name n)) {
                    return false;
                }
                if (relative.length() > 0) {
                    relative.append('.');
                }
                relative.append(n.name());
            }
            if (!readParam(instancePath + relative)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The targets a search path matched that the controller may see ({@link #mayMatch}); all
     * of them for a path without search or reference following.
     */
    List<Targets.Target> visible(String requestedPath, List<Targets.Target> targets) {
        if (uniform != null && uniform.param().read()) {
            return targets;
        }
        PathName parsed = PathParser.parse(requestedPath).value();
        if (!readsValues(parsed)) {
            return targets;
        }
        List<Targets.Target> out = new ArrayList<>(targets.size());
        for (Targets.Target t : targets) {
            if (mayMatch(parsed, t.path(), false)) {
                out.add(t);
            }
        }
        return out;
    }
}

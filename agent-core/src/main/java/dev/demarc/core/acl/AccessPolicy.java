package dev.demarc.core.acl;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.acl.TargetTree.State;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.PathParser;
import dev.demarc.core.path.Segment;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one controller may see and do: the TR-369 "Roles (Access Control)" evaluation of the
 * roles that apply to it (its {@code AssignedRole} and {@code InheritedRole}).
 *
 * <h2>Decision</h2>
 * For a path, in each role the enabled permission with the largest {@code Order} among those
 * whose {@code Targets} cover the path applies, all four of its strings together (TR-181
 * {@code Permission.{i}.Order}; the TR-369 example overrides a whole-tree {@code rwxn} with a
 * {@code ----} of higher order). The controller gets the union of what its roles give (TR-369
 * "A Controller's Role"). A path no permission covers gets nothing: {@link Grant#NONE}.
 *
 * <h2>Targets</h2>
 * A target is parsed with {@link PathParser} and covers every path whose segments start with
 * its segments:
 * <ul>
 *   <li>a Partial Path ({@code Device.LocalAgent.}) covers the object and everything below it;
 *       the same without the closing dot ({@code Device.LocalAgent}, {@code Device}, as TR-369's
 *       own examples write it) is read the same way;</li>
 *   <li>an object instance ({@code Device.LocalAgent.Controller.1.}) covers the instance and
 *       everything below it;</li>
 *   <li>a parameter, command or event path covers that item only. Names of parameters, commands
 *       and events of one object are distinct, so {@code Reboot()} and {@code Reboot} are the
 *       same target;</li>
 *   <li>a Search Path: {@code *} covers every instance; a search expression
 *       ({@code [Name=="wan"]}) covers the instances that satisfy it now, asked of the
 *       {@link SearchEvaluator} at each check. {@code {i}} is taken as {@code *}.</li>
 * </ul>
 * A target holding reference following ({@code Ref+}) or that does not parse is logged at WARN
 * and grants nothing (see below).
 *
 * <h2>Never more than granted</h2>
 * Where the policy cannot tell whether a target covers a path (a search expression the
 * evaluator cannot decide, a target that could not be parsed, or a supported path with
 * {@code {i}} against a target naming one instance) it grants only what it would grant both if
 * the target covered the path and if it did not. A permissive permission then adds nothing, and
 * a restrictive one still takes away. So a supported-model check
 * ({@code Device.LocalAgent.Controller.{i}.Enable}, for GetSupportedDM) allows what holds for
 * every instance.
 *
 * <h2>Paths checked</h2>
 * A path to check is an instantiated path with instance numbers or a supported path with
 * {@code {i}} ({@code *} is read as {@code {i}}): names, instance numbers, a closing {@code .}
 * for an object, {@code ()} or {@code !} after a command or event. Anything else (a search
 * expression, reference following, an empty segment) gets {@link Grant#NONE}, whatever the
 * roles.
 *
 * <h2>Cost</h2>
 * Targets are parsed once, into a tree of segments. A check walks that tree with the path's
 * segments; the result of each step (a name, an instance number some target names, any other
 * instance number, {@code {i}}) is kept, up to {@value #MAX_CACHED_STEPS} steps per policy, so a
 * repeated check is a few map lookups; the lookups stop as soon as no deeper target exists (a
 * full-access role decides every path at {@code Device}) and the rest of the path is only
 * checked for form. Steps through a search expression depend on values and are never kept. For
 * the parameters of one object use {@link #object}; where {@link #uniformGrant} is present no
 * check is needed at all.
 *
 * <p>Immutable and thread-safe, except that a policy with search targets calls its
 * {@link SearchEvaluator}, which reads the data model, so it is used on the data model's owner
 * thread.
 */
public final class AccessPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(AccessPolicy.class);

    /** Steps kept per policy; beyond, steps are computed afresh each time (still correct). */
    public static final int MAX_CACHED_STEPS = 4096;

    /** Longest path text checked; a longer one gets {@link Grant#NONE}. */
    public static final int MAX_PATH_LENGTH = PathParser.Limits.DEFAULT.maxLength();

    private final TargetTree tree;
    private final SearchEvaluator searches;

    private AccessPolicy(TargetTree tree, SearchEvaluator searches) {
        this.tree = tree;
        this.searches = searches;
    }

    /**
     * The policy of a controller holding {@code roles}, with no data model to evaluate search
     * expressions ({@link SearchEvaluator#NONE}).
     */
    public static AccessPolicy of(Collection<Role> roles) {
        return of(roles, SearchEvaluator.NONE);
    }

    /** The policy of a controller holding {@code roles}. */
    public static AccessPolicy of(Collection<Role> roles, SearchEvaluator searches) {
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(searches, "searches");
        return new AccessPolicy(compile(List.copyOf(roles)), searches);
    }

    /** A controller with no role: every check fails. */
    public static AccessPolicy denyAll() {
        return of(List.of());
    }

    /**
     * The same policy evaluating search expressions with {@code evaluator}; shares everything
     * else, so it is cheap to make one per request.
     */
    public AccessPolicy withSearchEvaluator(SearchEvaluator evaluator) {
        return new AccessPolicy(tree, Objects.requireNonNull(evaluator, "evaluator"));
    }

    /**
     * The grant of every path of the {@code Device.} tree when it is the same for all of them
     * (a full-access role; no role at all), so a handler may skip the checks item by item;
     * empty when it differs from path to path. A malformed path still gets {@link Grant#NONE}.
     */
    public Optional<Grant> uniformGrant() {
        State device = tree.uniformRoot();
        return device.terminal ? Optional.of(device.grant) : Optional.empty();
    }

    /** True when some target holds a search expression, so checks may read the data model. */
    public boolean hasSearchTargets() {
        return tree.hasSearches;
    }

    /**
     * Parses one {@code Targets} entry as this policy reads it: {@link ErrorCode#INVALID_PATH_SYNTAX}
     * (or 7005 beyond {@link PathParser.Limits#DEFAULT}) when it is not a path, and
     * {@link ErrorCode#INVALID_VALUE} for reference following, which a target cannot use.
     */
    public static Result<PathName> parseTarget(String target) {
        if (target == null) {
            return Result.err(ErrorCode.INVALID_PATH_SYNTAX, "a target is a path, not null");
        }
        String text = target.indexOf('.') < 0 ? target + "." : target;
        Result<PathName> parsed = PathParser.parse(text);
        if (!parsed.isOk()) {
            Result<PathName> supported = PathParser.parseSupported(text);
            if (!supported.isOk()) {
                return Result.err(parsed.error().withPath(target));
            }
            parsed = supported;
        }
        for (Segment s : parsed.value().segments()) {
            if (s instanceof Segment.Follow) {
                return Result.err(DmError.at(target, ErrorCode.INVALID_VALUE,
                        "reference following ('+') cannot be used in a permission target"));
            }
        }
        return parsed;
    }

    // ------------------------------------------------------------------ checks

    /** The permissions at {@code path} (see the class description for the forms accepted). */
    public Grant grant(String path) {
        return walk(path).grant;
    }

    /**
     * The permissions at an object and at its parameters, commands and events, walking the
     * object's path once: what a Get uses for each object it returns.
     */
    public ObjectAccess object(String objectPath) {
        return new ObjectAccess(this, walk(objectPath));
    }

    /** {@code Param} read: Get returns the value; GetSupportedDM shows the parameter. */
    public boolean canReadParameter(String parameterPath) {
        return grant(parameterPath).param().read();
    }

    /** {@code Param} write: Set, or Add with {@code param_settings}, may change the value. */
    public boolean canWriteParameter(String parameterPath) {
        return grant(parameterPath).param().write();
    }

    /**
     * {@code Obj} read: Get resolves the object path ({@code Device.WiFi.}, or an instance
     * {@code Device.WiFi.Radio.1.}); GetSupportedDM shows the object.
     */
    public boolean canReadObject(String objectPath) {
        return grant(objectPath).obj().read();
    }

    /** {@code Obj} write on a multi-instance object: Add may create an instance. Pass the table
     * path without instance: {@code Device.LocalAgent.Controller.}. */
    public boolean canAddInstance(String tablePath) {
        return grant(tablePath).obj().write();
    }

    /** {@code InstantiatedObj} read: GetInstances lists the instance and its unique keys. */
    public boolean canGetInstances(String instancePath) {
        return grant(instancePath).instantiatedObj().read();
    }

    /** {@code InstantiatedObj} write: Delete may remove the instance
     * ({@code Device.LocalAgent.Controller.1.}). */
    public boolean canDeleteInstance(String instancePath) {
        return grant(instancePath).instantiatedObj().write();
    }

    /** {@code CommandEvent} read: GetSupportedDM shows the command or event with its arguments. */
    public boolean canReadCommandOrEvent(String commandOrEventPath) {
        return grant(commandOrEventPath).commandEvent().read();
    }

    /** {@code CommandEvent} execute: Operate may run the command ({@code Device.Reboot()}). */
    public boolean canOperate(String commandPath) {
        return grant(commandPath).commandEvent().execute();
    }

    /** The {@code n} letter that allows a notification of {@code type} about {@code path}. */
    public boolean canNotify(NotificationType type, String path) {
        return type.allowedBy(grant(path));
    }

    @Override
    public String toString() {
        return "AccessPolicy[" + tree.entries.size() + " permissions in " + tree.roleCount + " roles]";
    }

    // ------------------------------------------------------------------ walking

    /**
     * Walks {@code path} segment by segment. Every segment is checked for form, also those past
     * the point where no target reaches deeper, so a malformed path gets nothing whatever the
     * roles are.
     */
    State walk(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_PATH_LENGTH) {
            return tree.dead;
        }
        int n = path.length();
        State s = tree.initial;
        int i = 0;
        while (i < n) {
            int dot = path.indexOf('.', i);
            int end = dot < 0 ? n : dot;
            if (end == i) {
                return tree.dead;
            }
            char c = path.charAt(i);
            if (c >= '1' && c <= '9') {
                long number = 0;
                for (int k = i; k < end; k++) {
                    char d = path.charAt(k);
                    if (d < '0' || d > '9') {
                        return tree.dead;
                    }
                    number = number * 10 + (d - '0');
                    if (number > Integer.MAX_VALUE) {
                        return tree.dead;
                    }
                }
                if (i == 0) {
                    return tree.dead;
                }
                s = tree.stepInstance(s, (int) number, path, end, searches);
            } else if ((c == '*' && end == i + 1) || (c == '{' && end == i + 3 && path.startsWith("{i}", i))) {
                if (i == 0) {
                    return tree.dead;
                }
                s = tree.stepAnyInstance(s);
            } else {
                int nameEnd = end;
                if (dot < 0) {
                    if (path.endsWith("()")) {
                        nameEnd = n - 2;
                    } else if (path.endsWith("!")) {
                        nameEnd = n - 1;
                    }
                }
                if (!isName(path, i, nameEnd)) {
                    return tree.dead;
                }
                if (!s.terminal) {
                    s = tree.stepName(s, path.substring(i, nameEnd));
                }
            }
            if (dot < 0) {
                break;
            }
            i = dot + 1;
        }
        return s;
    }

    State stepMember(State object, String member) {
        int end = member.length();
        if (member.endsWith("()")) {
            end -= 2;
        } else if (member.endsWith("!")) {
            end -= 1;
        }
        if (!isName(member, 0, end)) {
            return tree.dead;
        }
        return object.terminal ? object : tree.stepName(object, member.substring(0, end));
    }

    private static boolean isName(String text, int start, int end) {
        if (end <= start || !isNameStart(text.charAt(start))) {
            return false;
        }
        for (int k = start + 1; k < end; k++) {
            if (!isNameChar(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    // ------------------------------------------------------------------ compiling

    private static TargetTree compile(List<Role> roles) {
        TargetTree tree = new TargetTree(roles.size());
        for (int r = 0; r < roles.size(); r++) {
            Role role = roles.get(r);
            for (Permission p : role.permissions()) {
                TargetTree.Entry entry = tree.newEntry(r, p.order(), p.grant());
                for (String target : p.targets()) {
                    Result<PathName> parsed = parseTarget(target);
                    if (parsed.isOk()) {
                        tree.add(parsed.value().segments(), entry);
                    } else {
                        LOG.warn("Role '{}', permission of Order {}: target '{}' cannot be used ({}); "
                                        + "it grants nothing and still takes away what it would deny",
                                role.name(), p.order(), echo(target), parsed.error().message());
                        tree.addUncertainEverywhere(entry);
                    }
                }
            }
        }
        tree.seal();
        return tree;
    }

    private static String echo(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 256 ? text : text.substring(0, 256) + "...";
    }
}

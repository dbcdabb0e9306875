package dev.demarc.core.acl;

import dev.demarc.core.Result;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles of TR-181 {@code Device.LocalAgent.ControllerTrust.}, read from parameter values,
 * and the {@link AccessPolicy} of a controller from its {@code AssignedRole} and
 * {@code InheritedRole}.
 *
 * <h2>Input</h2>
 * A map of parameter paths to values, as a Get of {@code Device.LocalAgent.ControllerTrust.}
 * gives them: {@code Device.LocalAgent.ControllerTrust.Role.1.Permission.2.Targets -> "Device."}.
 * Keys outside {@code Role.{i}.} and {@code Permission.{i}.} and the three special-role
 * parameters ({@code UntrustedRole}, {@code BannedRole}, {@code SecuredRoles}) are ignored, as
 * are {@code Alias} and the {@code NumberOfEntries} counts. A value missing from the map takes
 * its TR-181 default: {@code Enable} false, {@code Order} 0, {@code Targets} empty, each
 * permission string {@code ----}.
 *
 * <h2>Bad values</h2>
 * Nothing here fails and nothing grants more than the values say; each problem is logged at
 * WARN with the parameter's path:
 * <ul>
 *   <li>a disabled role or permission is left out (a role that cannot say whether it is enabled
 *       is taken as disabled: roles only ever add to each other);</li>
 *   <li>a permission string that is not four {@code rwxn}/{@code -} characters grants nothing
 *       ({@code ----}) for that string;</li>
 *   <li>a permission with an {@code Order} that is not an unsignedInt, or that cannot say
 *       whether it is enabled, may be the one that applies: it is kept with the highest Order
 *       and grants nothing, so on its targets it takes away what other permissions give;</li>
 *   <li>a target that is not a usable path is handled by {@link AccessPolicy} (it grants
 *       nothing and still takes away);</li>
 *   <li>a role over the {@link Limits} is left out whole.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ControllerTrust {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerTrust.class);

    /** The object every key starts with. */
    public static final String PREFIX = "Device.LocalAgent.ControllerTrust.";

    /** A role's reference starts with this, then its instance number: {@code ...Role.1}. */
    public static final String ROLE_PREFIX = PREFIX + "Role.";

    /**
     * Bounds on what is read (STYLE habit 7). Defaults ({@link #DEFAULT}): 256 roles, 256
     * permissions per role, 64 targets per permission.
     */
    public record Limits(int maxRoles, int maxPermissionsPerRole, int maxTargetsPerPermission) {

        public static final Limits DEFAULT = new Limits(256, 256, 64);

        public Limits {
            if (maxRoles < 1 || maxPermissionsPerRole < 1 || maxTargetsPerPermission < 1) {
                throw new IllegalArgumentException("limits must be >= 1");
            }
        }
    }

    private final Map<String, Role> roles;
    private final List<String> untrustedRole;
    private final String bannedRole;
    private final List<String> securedRoles;

    private ControllerTrust(Map<String, Role> roles, List<String> untrustedRole, String bannedRole,
                            List<String> securedRoles) {
        this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        this.untrustedRole = List.copyOf(untrustedRole);
        this.bannedRole = bannedRole;
        this.securedRoles = List.copyOf(securedRoles);
    }

    /** Reads the roles from {@code values} with {@link Limits#DEFAULT}. */
    public static ControllerTrust fromValues(Map<String, String> values) {
        return fromValues(values, Limits.DEFAULT);
    }

    /** Reads the roles from {@code values}. */
    public static ControllerTrust fromValues(Map<String, String> values, Limits limits) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(limits, "limits");
        return new Reader(limits).read(values);
    }

    /** The enabled roles by reference ({@code Device.LocalAgent.ControllerTrust.Role.1}), by instance number. */
    public Map<String, Role> roles() {
        return roles;
    }

    /** The enabled role a reference names, with or without the closing dot. */
    public Optional<Role> role(String reference) {
        return reference == null ? Optional.empty() : Optional.ofNullable(roles.get(normalize(reference)));
    }

    /** {@code UntrustedRole}: the roles the agent assigns to a controller it cannot authenticate. */
    public List<String> untrustedRole() {
        return untrustedRole;
    }

    /** {@code BannedRole}, when set. */
    public Optional<String> bannedRole() {
        return bannedRole.isEmpty() ? Optional.empty() : Optional.of(bannedRole);
    }

    /**
     * Whether a controller whose {@code AssignedRole} is {@code assignedRole} holds the
     * {@code BannedRole} {@code bannedRole}: TR-181 makes it the only value of such a controller's
     * {@code AssignedRole}; held among others it bans all the same. An empty {@code bannedRole}
     * bans no one.
     */
    public static boolean holdsBannedRole(String assignedRole, String bannedRole) {
        if (bannedRole == null || bannedRole.isBlank()) {
            return false;
        }
        String banned = normalize(bannedRole);
        for (String ref : parseList(assignedRole)) {
            if (normalize(ref).equals(banned)) {
                return true;
            }
        }
        return false;
    }

    /** {@code SecuredRoles}: the roles that may read the values of secured parameters. */
    public List<String> securedRoles() {
        return securedRoles;
    }

    /**
     * The policy of a controller from its {@code AssignedRole} and {@code InheritedRole} values
     * (TR-181 lists of references, comma-separated). A reference to no enabled role adds
     * nothing; with no role at all the controller may do nothing.
     */
    public AccessPolicy policyFor(String assignedRole, String inheritedRole) {
        List<String> refs = new ArrayList<>(parseList(assignedRole));
        refs.addAll(parseList(inheritedRole));
        return policyFor(refs);
    }

    /** The policy of a controller holding the roles {@code roleReferences} name. */
    public AccessPolicy policyFor(Collection<String> roleReferences) {
        return AccessPolicy.of(rolesOf(roleReferences, false));
    }

    /**
     * The policy that decides which secured values the controller may read: its roles that are
     * also in {@code SecuredRoles} (TR-369 "Special Roles"). Where it grants {@code Param} read,
     * a secured parameter's value may be shown; elsewhere it reads as empty.
     */
    public AccessPolicy securedPolicyFor(String assignedRole, String inheritedRole) {
        List<String> refs = new ArrayList<>(parseList(assignedRole));
        refs.addAll(parseList(inheritedRole));
        return AccessPolicy.of(rolesOf(refs, true));
    }

    private List<Role> rolesOf(Collection<String> roleReferences, boolean securedOnly) {
        Objects.requireNonNull(roleReferences, "roleReferences");
        Set<String> secured = new LinkedHashSet<>();
        securedRoles.forEach(r -> secured.add(normalize(r)));
        Set<String> seen = new LinkedHashSet<>();
        List<Role> held = new ArrayList<>();
        for (String ref : roleReferences) {
            if (ref == null) {
                continue;
            }
            String key = normalize(ref);
            if (!seen.add(key) || (securedOnly && !secured.contains(key))) {
                continue;
            }
            Role role = roles.get(key);
            if (role == null) {
                LOG.debug("role reference '{}' names no enabled role; it adds nothing", ref);
            } else {
                held.add(role);
            }
        }
        return held;
    }

    /**
     * Splits a TR-181 list value at its commas, trimming blanks around each item and leaving
     * out empty items; a comma inside {@code [...]} or a quoted string (a search expression)
     * does not split. {@code null} is the empty list.
     */
    public static List<String> parseList(String value) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && depth > 0) {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                depth++;
            } else if (!quoted && c == ']' && depth > 0) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                addItem(items, value.substring(start, i));
                start = i + 1;
            }
        }
        addItem(items, value.substring(start));
        return items;
    }

    private static void addItem(List<String> items, String item) {
        String trimmed = item.strip();
        if (!trimmed.isEmpty()) {
            items.add(trimmed);
        }
    }

    private static String normalize(String reference) {
        String r = reference.strip();
        return r.endsWith(".") ? r.substring(0, r.length() - 1) : r;
    }

    @Override
    public String toString() {
        return "ControllerTrust[roles=" + roles.keySet() + ", UntrustedRole=" + untrustedRole + "]";
    }

    // ------------------------------------------------------------------ reading

    /** One read of a map; collects drafts by instance number. */
    private static final class Reader {

        private final Limits limits;
        private final TreeMap<Integer, RoleDraft> drafts = new TreeMap<>();
        private final Set<Integer> overflowing = new LinkedHashSet<>();
        private boolean tooManyRoles;
        private List<String> untrusted = List.of();
        private String banned = "";
        private List<String> secured = List.of();

        Reader(Limits limits) {
            this.limits = limits;
        }

        ControllerTrust read(Map<String, String> values) {
            values.forEach((key, value) -> {
                if (key != null && value != null && key.startsWith(PREFIX)) {
                    take(key, key.substring(PREFIX.length()), value);
                }
            });
            Map<String, Role> roles = new LinkedHashMap<>();
            drafts.forEach((number, draft) -> {
                String ref = ROLE_PREFIX + number;
                if (overflowing.contains(number)) {
                    LOG.warn("{}: more than {} permissions or a permission with more than {} targets; "
                            + "the role is left out", ref, limits.maxPermissionsPerRole(), limits.maxTargetsPerPermission());
                    return;
                }
                draft.build(ref).ifPresent(role -> roles.put(ref, role));
            });
            return new ControllerTrust(roles, untrusted, banned, secured);
        }

        private void take(String key, String rest, String value) {
            switch (rest) {
                case "UntrustedRole" -> untrusted = parseList(value);
                case "BannedRole" -> banned = value.strip();
                case "SecuredRoles" -> secured = parseList(value);
                default -> {
                    if (rest.startsWith("Role.")) {
                        takeRole(key, rest.substring("Role.".length()), value);
                    }
                }
            }
        }

        private void takeRole(String key, String rest, String value) {
            int dot = rest.indexOf('.');
            int number = dot < 0 ? -1 : instanceNumber(rest.substring(0, dot));
            if (number < 0) {
                LOG.debug("{}: not a Role instance parameter; ignored", key);
                return;
            }
            RoleDraft role = drafts.get(number);
            if (role == null) {
                if (drafts.size() >= limits.maxRoles()) {
                    if (!tooManyRoles) {
                        LOG.warn("{}Role.: more than {} roles; the others are left out", PREFIX, limits.maxRoles());
                        tooManyRoles = true;
                    }
                    return;
                }
                role = new RoleDraft();
                drafts.put(number, role);
            }
            String name = rest.substring(dot + 1);
            switch (name) {
                case "Enable" -> role.enable = value;
                case "Name" -> role.name = value;
                default -> {
                    if (name.startsWith("Permission.")) {
                        takePermission(key, number, role, name.substring("Permission.".length()), value);
                    }
                }
            }
        }

        private void takePermission(String key, int roleNumber, RoleDraft role, String rest, String value) {
            int dot = rest.indexOf('.');
            int number = dot < 0 ? -1 : instanceNumber(rest.substring(0, dot));
            if (number < 0) {
                LOG.debug("{}: not a Permission instance parameter; ignored", key);
                return;
            }
            PermissionDraft p = role.permissions.get(number);
            if (p == null) {
                if (role.permissions.size() >= limits.maxPermissionsPerRole()) {
                    overflowing.add(roleNumber);
                    return;
                }
                p = new PermissionDraft(key.substring(0, key.length() - rest.length() + dot + 1));
                role.permissions.put(number, p);
            }
            switch (rest.substring(dot + 1)) {
                case "Enable" -> p.enable = value;
                case "Order" -> p.order = value;
                case "Targets" -> {
                    p.targets = parseList(value);
                    if (p.targets.size() > limits.maxTargetsPerPermission()) {
                        overflowing.add(roleNumber);
                    }
                }
                case "Param" -> p.param = value;
                case "Obj" -> p.obj = value;
                case "InstantiatedObj" -> p.instantiatedObj = value;
                case "CommandEvent" -> p.commandEvent = value;
                default -> { }
            }
        }

        /** A positive decimal instance number without leading zero, or -1. */
        private static int instanceNumber(String text) {
            if (text.isEmpty() || text.length() > 10 || text.charAt(0) < '1' || text.charAt(0) > '9') {
                return -1;
            }
            long n = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n > Integer.MAX_VALUE ? -1 : (int) n;
        }
    }

    private static final class RoleDraft {
        String enable;
        String name = "";
        final TreeMap<Integer, PermissionDraft> permissions = new TreeMap<>();

        Optional<Role> build(String ref) {
            Boolean enabled = parseBoolean(enable);
            if (enabled == null) {
                LOG.warn("{}.Enable: '{}' is not a boolean; the role is taken as disabled", ref, enable);
                return Optional.empty();
            }
            if (!enabled) {
                return Optional.empty();
            }
            List<Permission> list = new ArrayList<>();
            permissions.values().forEach(p -> p.build().ifPresent(list::add));
            return Optional.of(new Role(name, list));
        }
    }

    private static final class PermissionDraft {
        final String path;
        String enable;
        String order;
        List<String> targets = List.of();
        String param;
        String obj;
        String instantiatedObj;
        String commandEvent;

        PermissionDraft(String path) {
            this.path = path;
        }

        Optional<Permission> build() {
            Boolean enabled = parseBoolean(enable);
            if (enabled != null && !enabled) {
                return Optional.empty();
            }
            long orderValue = parseOrder();
            boolean doubtful = enabled == null || orderValue < 0;
            if (enabled == null) {
                LOG.warn("{}Enable: '{}' is not a boolean; the permission is kept with the highest Order "
                        + "and grants nothing", path, enable);
            }
            if (doubtful) {
                return Optional.of(new Permission(Permission.MAX_ORDER, targets, Flags.NONE, Flags.NONE, Flags.NONE,
                        Flags.NONE));
            }
            return Optional.of(new Permission(orderValue, targets, flags("Param", param), flags("Obj", obj),
                    flags("InstantiatedObj", instantiatedObj), flags("CommandEvent", commandEvent)));
        }

        /** The Order, or -1 when it is not an unsignedInt (logged). */
        private long parseOrder() {
            if (order == null) {
                return 0;
            }
            String text = order.strip();
            boolean digits = !text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9');
            if (digits) {
                long value = Long.parseLong(text);
                if (value <= Permission.MAX_ORDER) {
                    return value;
                }
            }
            LOG.warn("{}Order: '{}' is not an unsignedInt; the permission is kept with the highest Order "
                    + "and grants nothing", path, echo(order));
            return -1;
        }

        private Flags flags(String name, String value) {
            if (value == null) {
                return Flags.NONE;
            }
            Result<Flags> parsed = Flags.parse(value);
            if (parsed.isOk()) {
                return parsed.value();
            }
            LOG.warn("{}{}: '{}' {}; it grants nothing (----)", path, name, echo(value), parsed.error().message());
            return Flags.NONE;
        }
    }

    /** TR-106 boolean: true/1, false/0; null (missing) is the TR-181 default false; else null. */
    private static Boolean parseBoolean(String value) {
        if (value == null) {
            return Boolean.FALSE;
        }
        return switch (value.strip()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String echo(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

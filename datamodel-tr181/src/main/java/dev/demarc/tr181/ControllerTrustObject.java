package dev.demarc.tr181;

import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Device.LocalAgent.ControllerTrust.} of TR-181 Device:2.19 (USP): the roles that decide
 * what each controller may see and do ({@code Role.{i}.} with {@code Permission.{i}.}), and the
 * role given to a controller the agent does not trust ({@code UntrustedRole}), and the roles
 * whose controllers may read secured parameters' values ({@code SecuredRoles}: a Get shows a
 * secured parameter, such as {@code MQTT.Client.{i}.Password}, to a controller only where one of
 * its roles listed there grants {@code Param} read on it; everyone else reads it as empty, and
 * notifications always carry it empty), and the role that bans a controller
 * ({@code BannedRole}: a controller holding it in its {@code AssignedRole} is neither answered
 * nor sent anything, as if it were disabled). Configuration that controllers and the factory
 * defaults write and the engine stores.
 *
 * <p>Facts are the standard's: names, types, access, facets, defaults, unique keys (a role's
 * {@code Name}, a permission's {@code Order} within its role, and Alias), and that controllers
 * may add and delete roles and permissions. Instance counts are bounded by Demarc (the standard
 * says unbounded). A role a controller adds without a Name is named {@code cpe-N}, a permission
 * without an Order that would clash gets the next free one (TR-369 R-ADD.5).
 *
 * <p>The permission strings ({@code Param}, {@code Obj}, {@code InstantiatedObj},
 * {@code CommandEvent}) are four characters, each either its letter or {@code -}, always in the
 * order {@code rwxn} (read, write, execute, notify): {@code r--n}. The standard states the
 * order only in prose; it is enforced here as the pattern {@link #PERMISSION_PATTERN}.
 *
 * <h2>Built-in roles</h2>
 * Every agent ships two roles, numbered as integrators know them from the reference USP agent
 * so that a defaults file can rely on the numbers. {@link #builtInDefaults()} gives them:
 * <ul>
 *   <li>{@code Role.1} "Full Access": one permission on {@code Device.} granting everything
 *       that means something for each kind of target: {@code rw-n} for parameters, objects and
 *       instances (nothing executes there), {@code r-xn} for commands and events (nothing is
 *       written there).</li>
 *   <li>{@code Role.2} "Untrusted", the {@code UntrustedRole}: what TR-369's "Challenges"
 *       section gives such a controller and nothing else: it may run
 *       {@code RequestChallenge()} and {@code ChallengeResponse()} ({@code --x-}), see which
 *       challenges there are ({@code Obj} and {@code InstantiatedObj} {@code r---} on
 *       {@code Challenge.}) and read their {@code Alias} and {@code Description}
 *       ({@code Param r---}), so that it can earn a better role. With no challenge configured
 *       (the default) it can do nothing. A vendor's defaults file may add permissions (e.g.
 *       {@code Role.2.Permission.4.Targets = Device.DeviceInfo.}).</li>
 * </ul>
 *
 * <p>{@code Challenge.{i}.} with {@code RequestChallenge()} and {@code ChallengeResponse()}:
 * see {@link ControllerTrustChallenges}. Left out until the code that uses them exists:
 * {@code TOFUAllowed} and {@code TOFUInactivityTimer} (trust on first use),
 * {@code Credential.{i}.} (it names {@code Device.LocalAgent.Certificate.{i}.} entries and needs
 * certificate-based authentication).
 * References ({@code UntrustedRole}, {@code SecuredRoles}, {@code BannedRole}) are not checked
 * against their targets.
 */
public final class ControllerTrustObject {

    public static final String PATH = "Device.LocalAgent.ControllerTrust.";

    /** Demarc's bound on the roles. */
    public static final int MAX_ROLES = 32;
    /** Demarc's bound on the permissions of one role. */
    public static final int MAX_PERMISSIONS = 64;
    /** Demarc's bound on the challenges. */
    public static final int MAX_CHALLENGES = 16;

    /** A permission string: {@code r}, {@code w}, {@code x}, {@code n} in this order, each or {@code -}. */
    public static final String PERMISSION_PATTERN = "[r-][w-][x-][n-]";

    /** The built-in role with every permission. */
    public static final String FULL_ACCESS_ROLE = PATH + "Role.1";
    /** The built-in role of untrusted controllers. */
    public static final String UNTRUSTED_ROLE = PATH + "Role.2";

    private static final ValueType BOOLEAN = ValueType.bool();
    private static final ValueType PERMISSION = ValueType.string().length(4, 4).pattern(PERMISSION_PATTERN);

    private ControllerTrustObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.single("ControllerTrust")
                .param(ParameterDef.readWrite("UntrustedRole", ValueType.listOf(ValueType.string())))
                .param(ParameterDef.readWrite("SecuredRoles", ValueType.listOf(ValueType.string())))
                .param(ParameterDef.readWrite("BannedRole", ValueType.string()))
                .tableWithCount(role())
                .tableWithCount(challenge())
                .command(new CommandDef("RequestChallenge", false,
                        List.of(ArgumentDef.mandatory("ChallengeRef", ValueType.string()),
                                ArgumentDef.optional("RequestExpiration", ValueType.int32().range(0, Integer.MAX_VALUE))
                                        .withDefault("900")),
                        List.of(ArgumentDef.optional("Instruction", ValueType.base64()),
                                ArgumentDef.optional("InstructionType", ValueType.string()),
                                ArgumentDef.optional("ValueType", ValueType.string()),
                                ArgumentDef.optional("ChallengeID", ValueType.string()))))
                .command(new CommandDef("ChallengeResponse", false,
                        List.of(ArgumentDef.mandatory("ChallengeID", ValueType.string()),
                                ArgumentDef.mandatory("Value", ValueType.base64())),
                        List.of()));
    }

    /**
     * {@code ControllerTrust.Challenge.{i}.}, answered through {@link ControllerTrustChallenges}.
     * {@code Value} is secured: it reads back empty but to the roles of {@code SecuredRoles}.
     * Demarc's defaults where TR-181 gives none: {@code Type} Passphrase, both media types
     * text/plain, {@code Retries} 3.
     */
    private static ObjectDef.Builder challenge() {
        return ObjectDef.table("Challenge").creatable().maxEntries(MAX_CHALLENGES)
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Description", ValueType.string()))
                .param(ParameterDef.readWrite("Role", ValueType.listOf(ValueType.string())))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("Type", ValueType.string().enumeration("Passphrase")).withDefault("Passphrase"))
                .param(ParameterDef.readWrite("Value", ValueType.base64()).asHidden())
                .param(ParameterDef.readWrite("ValueType", ValueType.string().enumeration("text/plain", "image/jpeg"))
                        .withDefault("text/plain"))
                .param(ParameterDef.readWrite("Instruction", ValueType.base64()))
                .param(ParameterDef.readWrite("InstructionType",
                        ValueType.string().enumeration("text/plain", "image/jpeg", "text/html")).withDefault("text/plain"))
                .param(ParameterDef.readWrite("Retries", ValueType.unsignedInt()).withDefault("3"))
                .param(ParameterDef.readWrite("LockoutPeriod", ValueType.int32().range(0, Integer.MAX_VALUE))
                        .withDefault("30"));
    }

    /** {@code ControllerTrust.Role.{i}.}. */
    private static ObjectDef.Builder role() {
        return ObjectDef.table("Role").creatable().maxEntries(MAX_ROLES)
                .uniqueKey("Name")
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("Name", ValueType.string()))
                .tableWithCount(permission());
    }

    /** {@code ControllerTrust.Role.{i}.Permission.{i}.}. */
    private static ObjectDef.Builder permission() {
        return ObjectDef.table("Permission").creatable().maxEntries(MAX_PERMISSIONS)
                .uniqueKey("Order")
                .uniqueKey("Alias")
                .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                .param(ParameterDef.readWrite("Enable", BOOLEAN).withDefault("false"))
                .param(ParameterDef.readWrite("Order", ValueType.unsignedInt()).withDefault("0"))
                .param(ParameterDef.readWrite("Targets", ValueType.listOf(ValueType.string())))
                .param(ParameterDef.readWrite("Param", PERMISSION).withDefault("----"))
                .param(ParameterDef.readWrite("Obj", PERMISSION).withDefault("----"))
                .param(ParameterDef.readWrite("InstantiatedObj", PERMISSION).withDefault("----"))
                .param(ParameterDef.readWrite("CommandEvent", PERMISSION).withDefault("----"));
    }

    /** The two built-in roles and the untrusted role, as factory-defaults lines numbered from 1. */
    static List<Assignment> builtInDefaults() {
        List<String[]> lines = List.of(
                new String[] {FULL_ACCESS_ROLE + ".Name", "Full Access"},
                new String[] {FULL_ACCESS_ROLE + ".Enable", "true"},
                new String[] {FULL_ACCESS_ROLE + ".Permission.1.Enable", "true"},
                new String[] {FULL_ACCESS_ROLE + ".Permission.1.Order", "1"},
                new String[] {FULL_ACCESS_ROLE + ".Permission.1.Targets", "Device."},
                new String[] {FULL_ACCESS_ROLE + ".Permission.1.Param", "rw-n"},
                new String[] {FULL_ACCESS_ROLE + ".Permission.1.Obj", "rw-n"},
                new String[] {FULL_ACCESS_ROLE + ".Permission.1.InstantiatedObj", "rw-n"},
                new String[] {FULL_ACCESS_ROLE + ".Permission.1.CommandEvent", "r-xn"},
                new String[] {UNTRUSTED_ROLE + ".Name", "Untrusted"},
                new String[] {UNTRUSTED_ROLE + ".Enable", "true"},
                new String[] {UNTRUSTED_ROLE + ".Permission.1.Enable", "true"},
                new String[] {UNTRUSTED_ROLE + ".Permission.1.Order", "1"},
                new String[] {UNTRUSTED_ROLE + ".Permission.1.Targets", PATH + "RequestChallenge()," + PATH
                        + "ChallengeResponse()"},
                new String[] {UNTRUSTED_ROLE + ".Permission.1.CommandEvent", "--x-"},
                new String[] {UNTRUSTED_ROLE + ".Permission.2.Enable", "true"},
                new String[] {UNTRUSTED_ROLE + ".Permission.2.Order", "2"},
                new String[] {UNTRUSTED_ROLE + ".Permission.2.Targets", PATH + "Challenge."},
                new String[] {UNTRUSTED_ROLE + ".Permission.2.Obj", "r---"},
                new String[] {UNTRUSTED_ROLE + ".Permission.2.InstantiatedObj", "r---"},
                new String[] {UNTRUSTED_ROLE + ".Permission.3.Enable", "true"},
                new String[] {UNTRUSTED_ROLE + ".Permission.3.Order", "3"},
                new String[] {UNTRUSTED_ROLE + ".Permission.3.Targets", PATH + "Challenge.*.Alias," + PATH
                        + "Challenge.*.Description"},
                new String[] {UNTRUSTED_ROLE + ".Permission.3.Param", "r---"},
                new String[] {PATH + "UntrustedRole", UNTRUSTED_ROLE});
        List<Assignment> assignments = new ArrayList<>(lines.size());
        for (String[] line : lines) {
            assignments.add(new Assignment(line[0], line[1], assignments.size() + 1));
        }
        return List.copyOf(assignments);
    }
}
